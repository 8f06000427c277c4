"""Journeys in more than one language: the `language` key, German headings, and a library per locale."""

from __future__ import annotations

import textwrap

import pytest
from conftest import ROOT
from hypothesis import given
from hypothesis import strategies as st

from skill.journeys import load_library
from skill.journeys.headings import ACTIVITY, LEARNING, QUESTIONS, WHY, section_kind
from skill.journeys.parse import load_journey, parse_journey

TAG = """
## Tag 1: Zuhören

### Heutiges Lernen

Lernt dies.

### Warum das für eure Beziehung wichtig ist

Weil es hilft.

### Heutige Übung

Wechselt euch ab:
- „Eins …“
- »Zwei …«

Schlussworte.

### Fragen zum Nachdenken

1. Warum?
2. Wie?
"""


def german(body: str = TAG, front: str = "title: T\nlanguage: de\n") -> str:
    return f"---\n{front}---\n\n{textwrap.dedent(body).lstrip()}"


def warnings_of(text: str) -> list[str]:
    return [w.message for w in parse_journey(text, "x.md").warnings]


def test_language_defaults_to_english():
    result = parse_journey("---\ntitle: T\n---\n## Day 1: D\n\n### Today's Learning\n\nWords.\n")
    assert result.errors == [] and result.journey.language == "en"


@pytest.mark.parametrize(("given", "stored"), [("de", "de"), ("DE", "de"), ("de-DE", "de"), ("de_AT", "de")])
def test_language_keeps_only_the_language_part(given, stored):
    result = parse_journey(german(front=f"title: T\nlanguage: {given}\n"))
    assert result.errors == [] and result.journey.language == stored


@pytest.mark.parametrize(("given", "message"), [
    ("German", "language must be a language code such as 'en' or 'de', not 'German'"),
    ("'1'", "language must be a language code such as 'en' or 'de', not '1'"),
    ("[de]", "language must be a language code such as 'en' or 'de', not ['de']"),
    ("fr", "language 'fr' is not one the skill speaks (en, de)"),
])
def test_bad_language_is_an_error_at_its_line(given, message):
    errors = parse_journey(german(front=f"title: T\nlanguage: {given}\n")).errors
    assert [(e.line, e.message) for e in errors] == [(3, message)]


def test_german_day_parses_with_german_headings():
    result = parse_journey(german())
    assert result.errors == [] and result.warnings == []
    day = result.journey.days[0]
    assert (day.number, day.title) == (1, "Zuhören")
    assert day.learning == ("Lernt dies.",)
    assert day.why_title == "Warum das für eure Beziehung wichtig ist." and day.why == ("Weil es hilft.",)
    assert [p.text for p in day.prompts] == ["Eins …", "Zwei …"]
    assert day.activity.instructions == ("Wechselt euch ab:",) and day.activity.closing == ("Schlussworte.",)
    assert [q.text for q in day.questions] == ["Warum?", "Wie?"]


@pytest.mark.parametrize("heading", ["## Tag 1: Zuhören", "## Tag 1 - Zuhören", "## Tag 1 – Zuhören",
                                     "## Tag 1 — Zuhören", "## TAG 1: Zuhören", "## **Tag 1:** Zuhören"])
def test_german_day_heading_forms(heading):
    result = parse_journey(german(TAG.replace("## Tag 1: Zuhören", heading)))
    assert result.errors == [] and result.warnings == []
    assert (result.journey.days[0].number, result.journey.days[0].title) == (1, "Zuhören")


@pytest.mark.parametrize(("written", "canonical"), [
    ("### HEUTIGES LERNEN", "### Heutiges Lernen"),
    ("### Heutiges Lernen:", "### Heutiges Lernen"),
    ("### heutiges lernen für heute", "### Heutiges Lernen"),
    ("### Warum es zählt", "### Warum das für eure Beziehung wichtig ist"),
    ("### WARUM DAS FÜR EURE BEZIEHUNG WICHTIG IST", "### Warum das für eure Beziehung wichtig ist"),
    ("### Heutige Uebung", "### Heutige Übung"),
    ("### HEUTIGE ÜBUNG", "### Heutige Übung"),
    ("### Heutige Übung (zu zweit)", "### Heutige Übung"),
    ("### Heutige U\u0308bung", "### Heutige Übung"),  # Ü as U and a combining diaeresis (macOS)
    ("### fragen zum nachdenken:", "### Fragen zum Nachdenken"),
])
def test_german_section_headings_are_tolerant(written, canonical):
    result = parse_journey(german(TAG.replace(canonical, written)))
    assert result.errors == [] and result.warnings == []
    day = result.journey.days[0]
    assert (len(day.learning), len(day.why), len(day.prompts), len(day.questions)) == (1, 1, 2, 2)


def test_german_week_headings():
    body = TAG + "\n## Euer Weg\n\n### Woche 1: Sicherheit\n\n- Zuhören\n\n### Week 2: Trust\n"
    j = parse_journey(german(body)).journey
    assert [(w.number, w.theme) for w in j.weeks] == [(1, "Sicherheit"), (2, "Trust")]


ENGLISH_HEADINGS = {"## Tag 1: Zuhören": "## Day 1: Zuhören", "### Heutiges Lernen": "### Today's Learning",
                    "### Heutige Übung": "### Today's Activity"}


def test_english_headings_in_a_german_file_are_read_and_warned_once():
    body = TAG
    for de, en in ENGLISH_HEADINGS.items():
        body = body.replace(de, en)
    result = parse_journey(german(body))
    assert result.errors == []
    day = result.journey.days[0]
    assert (day.title, len(day.learning), len(day.prompts)) == ("Zuhören", 1, 2)
    assert [(w.line, w.message) for w in result.warnings] == [
        (6, "English headings in this German journey (3, the first here): the skill reads them, but write "
            "them in German, e.g. '## Tag 1: Zuhören'")]


def test_german_headings_in_an_english_file_are_read_and_warned():
    text = german(TAG, "title: T\n")
    result = parse_journey(text)
    assert result.errors == [] and len(result.journey.days[0].prompts) == 2
    assert [w.message for w in result.warnings] == [
        "German headings in this English journey (5, the first here): the skill reads them, but write them "
        "in English, e.g. '## Day 1: Zuhören'"]


def test_missing_learning_in_german_names_the_german_heading():
    errors = parse_journey(german(TAG.replace("### Heutiges Lernen\n\nLernt dies.\n", ""))).errors
    assert [e.message for e in errors] == ["Day 1: Heutiges Lernen is missing"]


def test_no_days_in_german_suggests_a_german_heading():
    errors = parse_journey(german("# Hallo\n")).errors
    assert [e.message for e in errors] == ["no days: add a day heading such as '## Tag 1: Titel'"]


def test_speakable_text_of_a_german_file_is_german():
    body = TAG.replace("Lernt dies.", "Nehmt euch 20-30 Minuten, z. B. nach dem Essen & ohne Handy.")
    day = parse_journey(german(body)).journey.days[0]
    assert day.learning == ("Nehmt euch 20 bis 30 Minuten, zum Beispiel nach dem Essen und ohne Handy.",)


def test_library_per_locale_keeps_sequence_order(tmp_path):
    for name, lang, seq in (("a", "de", 2), ("b", "en", 1), ("c", "de", 1), ("d", "en", 3)):
        (tmp_path / f"{name}.md").write_text(
            german(TAG, f"title: {name}\nlanguage: {lang}\nsequence: {seq}\n"), encoding="utf-8")
    library = load_library(tmp_path)
    german_journeys = library.in_language("de-DE")
    assert [j.id for j in german_journeys.journeys] == ["c", "a"]
    assert german_journeys.first.id == "c" and german_journeys.after("c").id == "a"
    assert german_journeys.after("a") is None and german_journeys.get("b") is None
    english = library.in_language("en-GB")
    assert [j.id for j in english.journeys] == ["b", "d"] and english.after("b").id == "d"
    assert [j.id for j in library.in_language("de").journeys] == ["c", "a"]
    assert library.in_language("fr-FR").journeys == english.journeys  # no French catalog: spoken in English


def test_shipped_german_journey():
    result = load_journey(ROOT / "journeys" / "kleine-gesten.md")
    assert result.errors == [] and result.warnings == []
    j = result.journey
    assert (j.id, j.language, j.title) == ("kleine-gesten", "de", "Kleine Gesten")
    assert [d.number for d in j.days] == [1, 2, 3]
    for day in j.days:
        assert 150 <= sum(len(p.split()) for p in day.learning) <= 300, day.number
        assert day.why_title.startswith("Warum") and day.why
        assert 2 <= len(day.prompts) <= 3 and all(p.text.endswith("…") for p in day.prompts)
        assert 2 <= len(day.questions) <= 3 and all(q.text.endswith("?") for q in day.questions)
        assert not any(c in p.text for p in day.prompts for c in "„“»«\"")


def test_shipped_library_splits_by_language():
    library = load_library(ROOT / "journeys")
    assert [j.id for j in library.in_language("en-US").journeys] == ["deepening-intimacy", "everyday-appreciation"]
    assert [j.id for j in library.in_language("de-DE").journeys] == ["kleine-gesten"]


def test_duration_in_german_is_counted():
    text = german(front="title: T\nlanguage: de\nduration: 2 Wochen\n")
    assert warnings_of(text) == ["duration '2 Wochen' promises about 14 days, but 1 day written"]


GERMAN_SECTIONS = {"Heutiges Lernen": LEARNING, "Warum das für eure Beziehung wichtig ist": WHY,
                   "Heutige Übung": ACTIVITY, "Fragen zum Nachdenken": QUESTIONS}


@given(st.sampled_from(sorted(GERMAN_SECTIONS)), st.sampled_from([str.upper, str.lower, str.title, str.strip]),
       st.sampled_from(["", ":", " (zu zweit)", " für heute", "**"]))
def test_german_section_headings_in_any_case_with_any_ending(heading, case, ending):
    known = section_kind(case(heading) + ending)
    assert known is not None and (known.kind, known.language) == (GERMAN_SECTIONS[heading], "de")
