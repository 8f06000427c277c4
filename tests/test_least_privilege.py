"""The function's role, as template.yaml grants it, enforced: a whole evening on a DynamoDB-compatible server
that checks IAM (moto's, once `INITIAL_NO_AUTH_ACTION_COUNT` set-up requests have passed), with credentials
that hold only the template's policy. A missing action is refused there as on Lambda (AccessDenied)."""

from __future__ import annotations

import urllib.request
from pathlib import Path

import boto3
import pytest
import yaml
from alexa_support import fresh_lambda
from botocore.exceptions import ClientError
from conftest import ROOT
from test_alexa_dialogs import play
from test_deploy import template

from skill.progress.store import load_progress, open_store

TABLE = "Progress"
SETUP_REQUESTS = 4  # create the table, the user, its policy and its access key; then IAM is enforced


def function_policies() -> list[dict]:
    """The function's policy documents from template.yaml. moto compares a DynamoDB action's resource as
    `*`, so the table's ARN becomes `*` here; that the template names the table alone is test_deploy's."""
    policies = template()["Resources"]["SkillFunction"]["Properties"]["Policies"]
    documents = []
    for policy in policies:
        assert isinstance(policy, dict) and "Statement" in policy, f"not an inline policy: {policy}"
        statements = [{**s, "Resource": "*" if s["Resource"] == "ProgressTable.Arn" else s["Resource"]}
                      for s in policy["Statement"]]
        documents.append({"Version": policy["Version"], "Statement": statements})
    return documents


def _moto_auth(url: str, count: float) -> None:
    urllib.request.urlopen(urllib.request.Request(f"{url}/moto-api/reset-auth", data=str(count).encode(),
                                                  headers={"Content-Type": "text/plain"}, method="POST"), timeout=5)


@pytest.fixture
def function_role(aws_env, monkeypatch):
    """The progress table on a server that enforces IAM, and the environment of a function that holds only
    the template's policy. moto's switch is process-wide: it is on only while the test runs."""
    import json

    from dynamo_server import DynamoServer

    with DynamoServer() as server:
        _moto_auth(server.url, SETUP_REQUESTS)
        try:
            server.create_table(TABLE)
            iam = boto3.client("iam", endpoint_url=server.url, region_name="us-east-1",
                               aws_access_key_id="test", aws_secret_access_key="test")
            iam.create_user(UserName="skill-function")
            for number, document in enumerate(function_policies()):
                iam.put_user_policy(UserName="skill-function", PolicyName=f"template-{number}",
                                    PolicyDocument=json.dumps(document))
            key = iam.create_access_key(UserName="skill-function")["AccessKey"]
            monkeypatch.setenv("AWS_ACCESS_KEY_ID", key["AccessKeyId"])
            monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", key["SecretAccessKey"])
            monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", server.url)
            monkeypatch.setenv("PROGRESS_STORE", f"dynamodb://{TABLE}")
            monkeypatch.delenv("SKILL_ID", raising=False)
            monkeypatch.setattr(boto3, "DEFAULT_SESSION", None)  # it keeps the credentials it first found
            fresh_lambda()
            yield server
        finally:
            _moto_auth(server.url, float("inf"))
            fresh_lambda()


def test_the_server_enforces_iam(function_role):
    """The double is strict: an action the policy does not grant, or a stranger's key, is refused."""
    granted = boto3.client("dynamodb", endpoint_url=function_role.url, region_name="us-east-1")
    with pytest.raises(ClientError, match="AccessDenied"):
        granted.scan(TableName=TABLE)
    stranger = boto3.client("dynamodb", endpoint_url=function_role.url, region_name="us-east-1",
                            aws_access_key_id="test", aws_secret_access_key="test")
    with pytest.raises(ClientError, match=r"InvalidClientTokenId|UnrecognizedClient"):
        stranger.get_item(TableName=TABLE, Key={"id": {"S": "x"}})


def _dialog(name: str) -> dict:
    return yaml.safe_load((Path(__file__).parent / "dialogs" / name).read_text(encoding="utf-8"))


def test_a_whole_evening_is_saved_and_erased_under_the_templates_own_policy(function_role):
    first = _dialog("first-evening.yaml")  # names, the day, the check-in: saved as it goes
    play(first)
    store = open_store(f"dynamodb://{TABLE}")
    saved = load_progress(store, "amzn1.ask.account.LOCALCOUPLE")
    assert saved.names == ["Sam", "Alex"] and saved.completed_count(), saved
    play({"conversation": [
        {"user": "open couple journeys", "intent": "launch", "skill": ["Sam and Alex"]},
        {"user": "stop", "intent": "AMAZON.StopIntent", "ends": True},
        {"user": "open couple journeys", "intent": "launch", "after": 60, "skill": ["Sam and Alex"]},
        {"user": "erase our progress", "intent": "ResetProgressIntent", "skill": ["Are you sure?"]},
        {"user": "yes", "intent": "AMAZON.YesIntent", "skill": ["Everything is erased"], "ends": True},
    ]})
    erased = load_progress(store, "amzn1.ask.account.LOCALCOUPLE")
    assert erased.erased and not erased.names and not erased.completed_count()
    assert function_role.writes() >= 3


def test_the_policy_grants_exactly_what_the_code_calls():
    """Least privilege: every DynamoDB action the store's code calls, and nothing more."""
    source = (ROOT / "skill" / "progress" / "dynamodb_store.py").read_text(encoding="utf-8")
    called = {"dynamodb:" + "".join(part.title() for part in name.split("_"))
              for name in ("get_item", "put_item", "update_item", "delete_item", "query", "scan",
                           "batch_get_item", "batch_write_item", "transact_write_items", "describe_table")
              if f".{name}(" in source}
    granted = {action for document in function_policies() for s in document["Statement"] for action in s["Action"]}
    assert granted == called
