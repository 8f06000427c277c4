"""What deploys: the SAM template passes cfn-lint and declares what the skill needs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import ROOT


def test_template_passes_cfn_lint():
    lint = Path(sys.executable).with_name("cfn-lint")
    done = subprocess.run([str(lint), str(ROOT / "template.yaml")], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr


class _Tags(yaml.SafeLoader):
    """Reads CloudFormation's short-form tags (!Ref, !Sub, !GetAtt) as plain values."""


_Tags.add_multi_constructor("!", lambda loader, suffix, node: loader.construct_scalar(node)
                            if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node))


def template() -> dict:
    return yaml.load((ROOT / "template.yaml").read_text(encoding="utf-8"), Loader=_Tags)


def test_template_declares_what_the_skill_needs():
    t = template()
    fn = t["Resources"]["SkillFunction"]["Properties"]
    table = t["Resources"]["ProgressTable"]["Properties"]
    assert fn["Runtime"] >= "python3.12" and fn["Handler"] == "lambda_function.lambda_handler"
    assert fn["Events"]["Alexa"]["Type"] == "AlexaSkill"
    assert set(fn["Environment"]["Variables"]) == {"PROGRESS_STORE", "SKILL_ID"}
    assert fn["Environment"]["Variables"]["PROGRESS_STORE"].startswith("dynamodb://")
    assert table["BillingMode"] == "PAY_PER_REQUEST"
    assert table["KeySchema"] == [{"AttributeName": "id", "KeyType": "HASH"}]
    for statement in fn["Policies"][0]["Statement"]:  # the actions: test_least_privilege.py, enforced
        assert statement["Resource"] == "ProgressTable.Arn"  # that table only


def test_snapstart_is_offered_on_published_versions_behind_the_alias_alexa_calls():
    t = template()
    fn = t["Resources"]["SkillFunction"]["Properties"]
    assert t["Parameters"]["SnapStart"]["AllowedValues"] == ["Enabled", "Disabled"]
    assert fn["SnapStart"]["ApplyOn"] == ["UseSnapStart", "PublishedVersions", "None"]
    assert fn["AutoPublishAlias"] == "live"  # SAM points the AlexaSkill permission at this alias
    assert t["Outputs"]["SkillFunctionArn"]["Value"] == "SkillFunction.Alias"


def test_the_deploy_guide_matches_the_template_and_what_sam_cli_reads():
    """docs/deploy.md as followed on a clean machine (SAM CLI 1.170): `sam deploy --guided` asks for each
    template parameter, and SAM CLI takes its region from AWS_DEFAULT_REGION or the AWS config, not
    AWS_REGION."""
    guide = (ROOT / "docs" / "deploy.md").read_text(encoding="utf-8")
    asked = set(re.findall(r"^\| Parameter (\w+) \|", guide, re.MULTILINE))
    assert asked == set(template()["Parameters"])
    assert "export AWS_REGION" not in guide and "aws configure set region" in guide
    assert "sam validate --lint" in guide
