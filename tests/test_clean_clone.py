"""`make test` in a user's clone: no deprecation noise from our packaging, the shared material's absence said
once, and the seed journey's one true warning said once, calmly."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

import pytest
from conftest import ROOT


def test_the_license_is_an_spdx_string_not_the_deprecated_table():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert isinstance(project["project"]["license"], str)
    assert any(req.startswith("setuptools>=77") for req in project["build-system"]["requires"])


@pytest.mark.parametrize("workers", [[], ["-n", "2"]], ids=["one process", "make test's two workers"])
def test_without_the_shared_folder_its_checks_are_left_out_in_one_line(tmp_path, workers):
    env = {**os.environ, "COUPLE_JOURNEYS_SHARED": str(tmp_path / "no-shared")}
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *workers,
                           "tests/test_alexa_corpus.py", "tests/test_journey_parse.py"], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-2000:]
    assert done.stdout.count("no-shared is absent: 2 checks that read it were left out") == 1
    assert "SKIPPED" not in done.stdout and " skipped" not in done.stdout
    if not workers:  # pytest-xdist's summary does not count what its workers deselected
        assert "2 deselected" in done.stdout


def test_lint_of_the_shipped_journeys_says_the_duration_warning_once_and_calmly():
    done = subprocess.run([sys.executable, "-m", "skill", "lint", "journeys/"], cwd=ROOT, capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0
    lines = done.stdout.splitlines()
    assert sum("duration '5 weeks' promises" in line for line in lines) == 1
    assert lines[-1].endswith("the journeys are ready to use") and done.stderr == ""
