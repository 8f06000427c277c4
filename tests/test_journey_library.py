"""The journey library: ordered by sequence, compiled for cold starts, never stale."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest
from conftest import ROOT

from skill.journeys import load_library
from skill.journeys.library import COMPILED
from skill.journeys.lint import compile_folder


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "journeys"
    shutil.copytree(ROOT / "journeys", target)
    return target


def test_ordered_by_sequence_and_next_journey():
    library = load_library(ROOT / "journeys")
    assert [j.id for j in library.journeys] == ["kleine-gesten", "deepening-intimacy", "everyday-appreciation"]
    english = library.in_language("en-US")
    assert english.after("deepening-intimacy").id == "everyday-appreciation"
    assert english.after("everyday-appreciation") is None


def test_broken_files_are_skipped_not_fatal(folder):
    (folder / "broken.md").write_text("---\ntitle: [\n---\n", encoding="utf-8")
    library = load_library(folder)
    assert len(library.journeys) == 3 and len(library.problems) == 1
    with pytest.raises(ValueError, match="have errors"):
        compile_folder(folder)


LOAD = ("import sys; from skill.journeys import load_library; lib = load_library(sys.argv[1]); "
        "print(len(lib.journeys), lib.in_language('de').first.id, lib.in_language('en').first.days[0].title, "
        "'yaml' in sys.modules)")


def load_in_fresh_process(folder) -> str:
    done = subprocess.run([sys.executable, "-c", LOAD, str(folder)], cwd=ROOT, capture_output=True, text=True,
                          check=True)
    return done.stdout.strip()


def test_compiled_journeys_load_without_the_yaml_parser(folder):
    assert load_in_fresh_process(folder).endswith("True")  # parsed: PyYAML was imported
    compile_folder(folder)
    assert (folder / COMPILED).exists()
    assert load_in_fresh_process(folder) == "3 kleine-gesten The Foundations of True Intimacy False"


def test_an_edited_journey_makes_the_compiled_file_stale(folder):
    compile_folder(folder)
    seed = folder / "deepening-intimacy.md"
    seed.write_text(seed.read_text(encoding="utf-8").replace("The Foundations of True Intimacy", "New Title"),
                    encoding="utf-8")
    assert load_in_fresh_process(folder) == "3 kleine-gesten New Title True"


def test_the_lambda_path_imports_neither_yaml_nor_apl_nor_network_modules(folder, tmp_path):
    compile_folder(folder)
    probe = ("import sys; sys.path.insert(0, 'lambda'); import lambda_function; "
             "from skill.alexa.envelopes import Device; lambda_function.lambda_handler(Device().launch(), None); "
             "print(sorted(m for m in ('yaml', 'frontmatter', 'boto3', 'urllib.request', 'ssl', "
             "'ask_sdk_model.interfaces.alexa.presentation.apl') if m in sys.modules))")
    env = {"JOURNEYS_DIR": str(folder), "PROGRESS_STORE": f"sqlite:///{tmp_path / 'p.db'}", "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, env=env, check=True)
    assert done.stdout.strip() == "[]"
