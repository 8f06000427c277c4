"""The Lambda artifact as `sam build` makes it (the Makefile's build-SkillFunction target): small, only what
the function runs, and answering a launch with nothing but itself and what Lambda's Python runtime supplies."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

LIMIT_MB = 20
# What Lambda's Python runtime has in /var/runtime, after the function's own /var/task on the path.
RUNTIME_PACKAGES = ("boto3", "botocore", "s3transfer", "jmespath")


BUILD_OUTPUT = pytest.StashKey[str]()


@pytest.fixture(scope="module")
def artifact(tmp_path_factory, request) -> Path:
    """Built as `sam build` runs the target (no -s; ARTIFACTS_DIR in the environment), with this Python
    standing in for Lambda's python3.12 so that its bytecode stands in for the size."""
    folder = tmp_path_factory.mktemp("artifact")
    done = subprocess.run([shutil.which("make"), "build-SkillFunction", f"PYTHON={sys.executable}",
                           f"LAMBDA_PYTHON={sys.executable}"], cwd=ROOT, capture_output=True, text=True,
                          check=False, env={**os.environ, "ARTIFACTS_DIR": str(folder)})
    assert done.returncode == 0, done.stdout + done.stderr
    request.config.stash[BUILD_OUTPUT] = done.stdout + done.stderr
    return folder


def test_the_build_says_only_what_the_reader_should_act_on(artifact, request):
    """docs/deploy.md tells readers to watch for "note: python3.12 not found": make must not echo its
    recipe, or that line shows on every build."""
    said = request.config.stash[BUILD_OUTPUT]
    assert "not found" not in said and "compile_folder" not in said, said
    assert any(artifact.rglob("*.pyc"))


@pytest.fixture(scope="module")
def lambda_runtime(tmp_path_factory) -> Path:
    """A stand-in for /var/runtime: boto3 and its own dependencies, as the runtime supplies them."""
    folder = tmp_path_factory.mktemp("var-runtime")
    for name in RUNTIME_PACKAGES:
        (folder / name).symlink_to(Path(importlib.util.find_spec(name).origin).parent)
    return folder


def launch(artifact: Path, runtime: Path, cwd: Path, locale: str = "en-US", **env: str) -> dict:
    probe = ("import json, lambda_function;"
             "from skill.alexa.envelopes import Device;"
             f"print(json.dumps(lambda_function.lambda_handler(Device(locale={locale!r}).launch(), None)))")
    # -S: no site-packages at all, so the artifact and the runtime's boto3 must carry everything imported
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": f"{artifact}{os.pathsep}{runtime}", **env}
    ran = subprocess.run([sys.executable, "-S", "-c", probe], cwd=cwd, capture_output=True, text=True, env=env,
                         check=False)
    assert ran.returncode == 0, ran.stderr
    return json.loads(ran.stdout.strip().splitlines()[-1])


def test_the_artifact_is_small_and_holds_only_what_the_function_runs(artifact):
    size = sum(p.stat().st_size for p in artifact.rglob("*") if p.is_file() and not p.is_symlink())
    assert size <= LIMIT_MB * 1024 * 1024, f"{size / 2**20:.1f} MB"
    present = {p.name for p in artifact.iterdir()}
    assert not present & {"boto3", "botocore", "s3transfer", "bin"}
    assert not (artifact / "certifi" / "tests").exists()
    for gone in ("rehearsal", "web.py", "__main__.py", "alexa/verify.py", "journeys/lint.py", "journeys/playthrough.py",
                 "diagram.py"):
        assert not (artifact / "skill" / gone).exists(), gone
    assert (artifact / "journeys" / ".journeys.json").exists() and (artifact / "lambda_function.py").exists()


def test_the_artifact_answers_a_launch_from_sqlite(artifact, lambda_runtime, tmp_path):
    response = launch(artifact, lambda_runtime, tmp_path, PROGRESS_STORE=f"sqlite:///{tmp_path / 'p.db'}")
    assert "Welcome to Couple Journeys" in response["response"]["outputSpeech"]["ssml"]
    german = launch(artifact, lambda_runtime, tmp_path, "de-DE", PROGRESS_STORE=f"sqlite:///{tmp_path / 'p.db'}")
    assert "Willkommen" in german["response"]["outputSpeech"]["ssml"]  # the catalogs travel with the code


def test_the_artifact_reads_dynamodb_with_the_runtimes_boto3(artifact, lambda_runtime, tmp_path, dynamo):
    env = {k: os.environ[k] for k in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION",
                                      "AWS_ENDPOINT_URL_DYNAMODB", "PROGRESS_STORE")}
    response = launch(artifact, lambda_runtime, tmp_path, **env)
    assert "Welcome to Couple Journeys" in response["response"]["outputSpeech"]["ssml"]
    assert dynamo.reads() >= 1


def test_in_lambda_the_skill_is_built_at_import_for_the_snapshot(artifact, lambda_runtime, tmp_path):
    probe = "import lambda_function; print(lambda_function.invoker.cache_info().currsize)"
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": f"{artifact}{os.pathsep}{lambda_runtime}",
           "AWS_LAMBDA_FUNCTION_NAME": "couple-journeys", "PROGRESS_STORE": f"sqlite:///{tmp_path / 'p.db'}"}
    ran = subprocess.run([sys.executable, "-S", "-c", probe], cwd=tmp_path, capture_output=True, text=True, env=env,
                         check=False)
    assert ran.returncode == 0 and ran.stdout.strip() == "1", ran.stderr
