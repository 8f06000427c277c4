"""Every lint error and warning, with the exact line an author must go to; and hypothesis: never a crash."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from skill.journeys.parse import parse_journey

GOOD = """---
title: T
---
## Day 1: One

### Today's Learning

Words.

### Today's Activity

- "A..."

### Reflection Questions

1. Q?
"""


def findings(text: str) -> tuple[list[tuple[int, str]], list[tuple[int, str]]]:
    r = parse_journey(text, "x.md")
    return [(f.line, f.message) for f in r.errors], [(f.line, f.message) for f in r.warnings]


def test_good_file_is_clean():
    assert findings(GOOD) == ([], [])


def test_unreadable_front_matter_points_at_the_yaml_line():
    errors, _ = findings(GOOD.replace("title: T", "title: T\nbad: [unclosed\nother: 1"))
    assert len(errors) == 1 and errors[0][1].startswith("unreadable front matter")
    assert errors[0][0] in (4, 5)  # the line where YAML noticed the unclosed bracket


def test_front_matter_never_closed():
    errors, _ = findings("---\ntitle: T\n## Day 1: One\n")
    assert errors == [(1, "the front matter opened with '---' is never closed by a '---' line")]


def test_missing_title():
    errors, _ = findings(GOOD.replace("title: T", "category: X"))
    assert errors[0][0] == 1 and "missing title" in errors[0][1]


def test_empty_title_points_at_its_line():
    errors, _ = findings(GOOD.replace("title: T", "category: X\ntitle: ''"))
    assert errors[0][0] == 3 and "missing title" in errors[0][1]


def test_no_days():
    errors, _ = findings("---\ntitle: T\n---\n\n# Hello\n")
    assert errors == [(4, "no days: add a day heading such as '## Day 1: Title'")]


def test_duplicated_day_number_points_at_the_second():
    errors, _ = findings(GOOD + "\n## Day 1: Again\n\n### Today's Learning\n\nMore.\n")
    assert errors == [(18, "Day 1 is written twice (first at line 4)")]


def test_empty_learning_points_at_its_heading():
    errors, _ = findings(GOOD.replace("Words.", ""))
    assert errors == [(6, "Day 1: Today's Learning is empty")]


def test_missing_learning_points_at_the_day():
    errors, _ = findings(GOOD.replace("### Today's Learning\n\nWords.\n", ""))
    assert errors == [(4, "Day 1: Today's Learning is missing")]


def test_bad_sequence_points_at_its_line():
    errors, _ = findings(GOOD.replace("title: T", "title: T\nsequence: soon"))
    assert errors == [(3, "sequence must be a whole number, not 'soon'")]


def test_gap_warning():
    _, warnings = findings(GOOD + "\n## Day 3: Three\n\n### Today's Learning\n\nW.\n")
    assert (18, "Day 3 follows Day 1: Day 2 missing") in warnings


def test_day_without_prompts_or_questions():
    text = GOOD.replace('- "A..."', "Just talk.").replace("1. Q?", "")
    _, warnings = findings(text)
    assert (10, "Day 1 has no sentence prompts") in warnings
    assert (4, "Day 1 has no reflection questions") in warnings


def test_fewer_days_than_duration_says_how_many():
    _, warnings = findings(GOOD.replace("title: T", "title: T\nduration: 2 weeks"))
    assert warnings == [(3, "duration '2 weeks' promises about 14 days, but 1 day written")]


def run_lint(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "skill", "lint", *args], cwd=ROOT,
                          capture_output=True, text=True, check=False)


def test_cli_lint_shipped_journeys_is_clean():
    done = run_lint("journeys/")
    assert done.returncode == 0, done.stdout + done.stderr
    assert "0 error(s)" in done.stdout


def test_cli_lint_prints_path_line_error_and_exits_1(tmp_path):
    bad = tmp_path / "bad.md"
    bad.write_text(GOOD.replace("Words.", ""), encoding="utf-8")
    done = run_lint(str(tmp_path))
    assert done.returncode == 1
    assert f"{bad}:6: error: Day 1: Today's Learning is empty" in done.stdout


def test_cli_lint_json_report():
    done = run_lint("--json", "journeys/deepening-intimacy.md")
    report = json.loads(done.stdout)
    assert done.returncode == 0 and len(report) == 1
    r = report[0]
    assert (r["id"], r["language"], r["title"], r["errors"]) == ("deepening-intimacy", "en", "Deepening Intimacy", [])
    day = r["days"][0]
    assert (day["day"], day["prompts"], day["questions"]) == (1, 4, 4)
    assert 400 < day["learning_words"] < 600
    # 4 prompts x 2 partners x 60 s + 4 questions x 120 s = 16 minutes of silence, plus the speech
    assert 16 + 3 < day["spoken_minutes"] < 16 + 10


def test_cli_lint_missing_path():
    done = run_lint("no/such/place.md")
    assert done.returncode == 1 and "no/such/place.md:1: error: no such file or folder" in done.stdout


TOKENS = [*"#-*+•1.):_ \n\r\t'\"“”’abcdDay0123456789[]{}|>&\ufeff—", "Day ", "---", "### ", "## Day 2: ",
          "### Today's Learning\n", "### Today's Activity\n", "### Reflection Questions\n", "title: x\n",
          "language: de\n", "language: xx-\n", "## Tag 3 – ", "### Heutiges Lernen\n", "### Warum ",
          "### Heutige Übung\n", "### Fragen zum Nachdenken\n", "### Woche 2: ", "„", "“", "»", "«", "‚", "‘",
          "ß", "Ü", "z. B. ", "20-30 "]
markdownish = st.lists(st.sampled_from(TOKENS), max_size=120).map("".join)


with_front_matter = st.builds(lambda a, b: f"---\n{a}\n---\n{b}", markdownish, markdownish)


@settings(max_examples=400, deadline=None)
@given(st.one_of(markdownish, st.text(max_size=300), with_front_matter))
def test_any_text_parses_or_yields_line_numbered_errors(text):
    result = parse_journey(text, "fuzz.md")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").count("\n") + 1
    assert (result.journey is None) == bool(result.errors)
    for f in result.errors + result.warnings:
        assert 1 <= f.line <= lines + 1, (f, text)
        assert f.message


def test_cli_lint_reads_a_german_file_with_german_headings(tmp_path):
    german = tmp_path / "de.md"
    german.write_text(GOOD.replace("title: T", "title: T\nlanguage: de").replace("Day 1: One", "Tag 1: Eins")
                      .replace("Today's Learning", "Heutiges Lernen").replace("Today's Activity", "Heutige Übung"),
                      encoding="utf-8")
    done = run_lint(str(german))
    assert done.returncode == 0, done.stdout
    assert done.stdout == (f"{german}:15: warning: English headings in this German journey (1, the first here): "
                           "the skill reads them, but write them in German, e.g. '### Fragen zum Nachdenken'\n"
                           "1 journey file(s): 0 error(s), 1 warning(s); warnings are notes for the author, "
                           "the journeys are ready to use\n")
