"""A journey folder is input, not code: the compiled file cannot execute anything and is checked before
use, YAML anchors and aliases are refused, only regular files of a bounded size are read — each through
the real CLI or a fresh process with a timeout, so a hang fails instead of blocking the suite."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from itertools import pairwise

import pytest
from conftest import ROOT

from skill.journeys.library import COMPILED, load_library
from skill.journeys.lint import compile_folder
from skill.journeys.source import MAX_JOURNEY_BYTES

SECONDS = 30  # every check here finishes in about a second; this only stops a hang
GOOD = "---\ntitle: Small Steps\n---\n## Day 1: One\n\n### Today's Learning\n\nWords.\n\n" \
       "### Today's Activity\n\n- \"I notice...\"\n\n### Reflection Questions\n\n1. What?\n"
LEVELS = "abcdefghij"  # each level nine of the one before: 9**10 values from a few hundred bytes
BOMB = "---\ntitle: Laughs\na: &a [" + ",".join(['"lol"'] * 9) + "]\n" + "".join(
    f"{b}: &{b} [{','.join(['*' + a] * 9)}]\n" for a, b in pairwise(LEVELS)) + \
    "---\n" + GOOD.split("---\n", 2)[2]


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "journeys"
    shutil.copytree(ROOT / "journeys", target)
    return target


def lint(*paths) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "skill", "lint", *map(str, paths)], cwd=ROOT, capture_output=True,
                          text=True, timeout=SECONDS, check=False)


COLD_START = ("import sys, logging; logging.basicConfig(level=logging.ERROR); "
              "from skill.journeys import load_library; lib = load_library(sys.argv[1]); "
              "print(sorted(j.id for j in lib.journeys), 'pickle' in sys.modules)")


def cold_start(folder) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", COLD_START, str(folder)], cwd=ROOT, capture_output=True, text=True,
                          timeout=SECONDS, check=True)


SHIPPED = "['deepening-intimacy', 'everyday-appreciation', 'kleine-gesten']"


class Payload:
    """Unpickling this creates a file: what a crafted compiled file could do at every cold start."""

    def __init__(self, target: str):
        self.target = target

    def __reduce__(self):
        return (os.system, (f"touch {self.target}",))


def test_a_crafted_pickle_in_the_folder_runs_nothing(folder, tmp_path):
    ran = tmp_path / "it-ran"
    (folder / ".journeys.pickle").write_bytes(pickle.dumps({"files": {}, "library": Payload(str(ran))}))
    started = cold_start(folder)
    assert started.stdout.strip() == f"{SHIPPED} False" and not ran.exists()
    linted = lint(folder)
    assert linted.returncode == 0 and not ran.exists()
    assert f"{folder / '.journeys.pickle'}:1: warning: ignored" in linted.stdout


def test_the_compiled_journeys_are_plain_versioned_json(folder):
    target = compile_folder(folder)
    assert target == folder / COMPILED and target.suffix == ".json"
    data = json.loads(target.read_text(encoding="utf-8"))
    assert data["format"] == "couple-journeys.compiled" and isinstance(data["version"], int)
    assert set(data["files"]) == {p.name for p in folder.glob("*.md")}
    assert all(len(digest) == 64 for digest in data["files"].values())  # sha256 of each file
    assert cold_start(folder).stdout.strip() == f"{SHIPPED} False"
    compiled, parsed = load_library(folder).journeys, load_library(ROOT / "journeys").journeys
    assert [j._replace(path="", meta=None) for j in compiled] == [j._replace(path="", meta=None) for j in parsed]
    assert [j.meta for j in compiled] == [json.loads(json.dumps(j.meta)) for j in parsed]  # as JSON has it


@pytest.mark.parametrize("damage", ["wrong kinds", "checksum of another file", "newer version", "not json"])
def test_a_compiled_file_that_does_not_check_out_is_ignored(folder, damage):
    target = compile_folder(folder)
    data = json.loads(target.read_text(encoding="utf-8"))
    if damage == "wrong kinds":
        data["journeys"][0][1] = {"title": ["not", "text"]}
    elif damage == "checksum of another file":
        data["journeys"][0][1] = "A title nobody wrote"
        data["files"]["deepening-intimacy.md"] = "0" * 64
    elif damage == "newer version":
        data["version"] += 1
        data["journeys"][0][1] = "A title nobody wrote"
    target.write_text("{" if damage == "not json" else json.dumps(data), encoding="utf-8")
    titles = subprocess.run([sys.executable, "-c", "import sys; from skill.journeys import load_library; "
                             "print([j.title for j in load_library(sys.argv[1]).journeys])", str(folder)],
                            cwd=ROOT, capture_output=True, text=True, timeout=SECONDS, check=True).stdout
    assert "A title nobody wrote" not in titles and "Deepening Intimacy" in titles


BODY = "---\n" + GOOD.split("---\n", 2)[2]
STALLING = {  # front matter that would take PyYAML minutes or all memory, and the error it gets instead
    "alias bomb": (BOMB, 3, "YAML anchors and aliases (&name, *name) are not allowed"),
    "deep brackets": ("---\ntitle: Deep\nx: " + "[" * 20000 + "]" * 20000 + "\n" + BODY, 3,
                      "nests lists or maps more than 32 levels deep"),
    "deep indentation": ("---\ntitle: Deep\n" + "".join(" " * n + f"k{n}:\n" for n in range(650)) + BODY, 2,
                         "the front matter is nested too deeply to read"),
}


@pytest.mark.parametrize("kind", list(STALLING))
def test_front_matter_that_would_stall_the_parser_is_refused_in_seconds(folder, kind):
    text, line, message = STALLING[kind]
    (folder / "stall.md").write_text(text, encoding="utf-8")
    linted = lint(folder)
    assert linted.returncode == 1
    assert f"{folder / 'stall.md'}:{line}: error: " in linted.stdout and message in linted.stdout, linted.stdout
    assert cold_start(folder).stdout.strip() == f"{SHIPPED} False"  # no other journey taken down


def test_a_fifo_and_a_link_to_a_device_are_skipped_with_a_reason(folder):
    os.mkfifo(folder / "x.md")
    (folder / "zero.md").symlink_to("/dev/zero")
    linted = lint(folder)
    assert f"{folder / 'x.md'}:1: error: skipped: a named pipe (FIFO), not a regular file" in linted.stdout
    assert f"{folder / 'zero.md'}:1: error: skipped: a device, not a regular file" in linted.stdout
    assert cold_start(folder).stdout.strip() == f"{SHIPPED} False"
    with pytest.raises(ValueError, match="have errors"):
        compile_folder(folder)


def test_a_huge_file_is_skipped_with_its_size(folder):
    (folder / "huge.md").write_text(GOOD + "x" * MAX_JOURNEY_BYTES, encoding="utf-8")
    linted = lint(folder / "huge.md")
    assert f"{folder / 'huge.md'}:1: error: skipped: larger than {MAX_JOURNEY_BYTES // 1024} kB" in linted.stdout


SLOW_MARKS = ["**a ", "__a ", "*a ", "_a ", "[a ", "](a ", "<http ", "x" + " " * 40 + "- "]


def test_markdown_that_would_make_the_text_patterns_quadratic_is_read_in_seconds(folder):
    """Each paragraph opens thousands of marks it never closes (and ends with what would close a link)."""
    lesson = "\n\n".join(mark * (28_000 // len(mark)) + " ](x) — - <https://x>" for mark in SLOW_MARKS)
    (folder / "marks.md").write_text(GOOD.replace("Words.", lesson), encoding="utf-8")
    linted = lint(folder / "marks.md")  # a stall is a TimeoutExpired
    assert linted.returncode in (0, 1) and "1 journey file(s)" in linted.stdout
    assert "'marks'" in cold_start(folder).stdout
