"""What several benchmarks share: the project's folders, fresh journeys, and the tests' local servers."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))  # the DynamoDB-compatible server and the test CA live there
sys.path.insert(0, str(ROOT / "lambda"))


def compiled_journeys() -> Path:
    """A copy of journeys/ with its compiled file, as the Lambda build ships it."""
    from skill.journeys.lint import compile_folder

    folder = Path(tempfile.mkdtemp(prefix="cj-bench-")) / "journeys"
    shutil.copytree(ROOT / "journeys", folder)
    compile_folder(folder)
    return folder


def scratch_db() -> str:
    return f"sqlite:///{tempfile.mkdtemp(prefix='cj-bench-')}/progress.db"


@contextmanager
def dynamodb_at(url: str):
    """The DynamoDB store of this process pointed at a local DynamoDB-compatible server, for a while."""
    keys = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ENDPOINT_URL_DYNAMODB")
    saved = {k: os.environ.get(k) for k in keys}
    os.environ.update(AWS_ACCESS_KEY_ID="bench", AWS_SECRET_ACCESS_KEY="bench", AWS_ENDPOINT_URL_DYNAMODB=url)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
