"""Shared test fixtures: the project's folders and the shared material beside the project."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# No test may reach Amazon: the time-zone lookup is off unless a test turns it on against a local server.
os.environ["ALEXA_TIMEZONE_LOOKUP"] = "off"
# The team's material beside the project (real envelopes, the seed as delivered); a clone may not have it.
SHARED = Path(os.environ.get("COUPLE_JOURNEYS_SHARED") or ROOT.parent / "shared")
SEED = ROOT / "journeys" / "deepening-intimacy.md"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


LEFT_OUT = pytest.StashKey[int]()


def pytest_collection_modifyitems(config, items):
    """Without the shared material, its checks are deselected (said once, at the end), not skipped."""
    if SHARED.exists():
        return
    left_out = [item for item in items if item.get_closest_marker("shared")]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if not item.get_closest_marker("shared")]
        config.stash[LEFT_OUT] = len(left_out)


def pytest_sessionfinish(session):
    """Under pytest-xdist each worker collects (and leaves out); the count goes back to the controller."""
    if hasattr(session.config, "workeroutput"):
        session.config.workeroutput["left_out"] = session.config.stash.get(LEFT_OUT, 0)


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    """pytest-xdist: a worker finished; every worker leaves out the same checks, so the count is theirs."""
    left_out = getattr(node, "workeroutput", {}).get("left_out", 0)
    if left_out:
        node.config.stash[LEFT_OUT] = left_out


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    """The one line that says why some checks did not run (shown with -q too, unlike a header)."""
    if config.stash.get(LEFT_OUT, 0):
        terminalreporter.write_line(f"{SHARED} is absent: {config.stash[LEFT_OUT]} checks that read it were left "
                                    "out; the envelopes generated with the SDK's models ran instead")


@pytest.fixture
def aws_env(monkeypatch):
    """Credentials and region for boto3 that can only ever reach a local test server."""
    for key, value in {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_REGION": "us-east-1",
                       "AWS_DEFAULT_REGION": "us-east-1"}.items():
        monkeypatch.setenv(key, value)
    for key in ("AWS_PROFILE", "AWS_SESSION_TOKEN"):
        monkeypatch.delenv(key, raising=False)


@pytest.fixture
def dynamo(aws_env, monkeypatch):
    """A DynamoDB-compatible server over HTTP with the progress table; PROGRESS_STORE points at it."""
    from dynamo_server import DynamoServer

    with DynamoServer() as server:
        server.create_table("Progress")
        server.calls.clear()
        monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", server.url)
        monkeypatch.setenv("PROGRESS_STORE", "dynamodb://Progress")
        yield server


@pytest.fixture(params=["sqlite", "dynamodb"])
def store_url(request, tmp_path, monkeypatch):
    """Both stores in turn: a SQLite file, then the DynamoDB-compatible server over HTTP."""
    if request.param == "dynamodb":
        request.getfixturevalue("dynamo")
        return "dynamodb://Progress"
    url = f"sqlite:///{tmp_path / 'p.db'}"
    monkeypatch.setenv("PROGRESS_STORE", url)
    return url
