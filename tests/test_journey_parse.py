"""The journey format: the seed file, and every tolerance the format promises authors."""

from __future__ import annotations

import textwrap

import pytest
from conftest import SEED, SHARED

from skill.journeys.parse import load_journey, parse_journey


def journey(body: str, front: str = "title: T\nduration: 1 day\n") -> str:
    return f"---\n{front}---\n\n{textwrap.dedent(body).lstrip()}"


DAY = """
## Day 1: First

### Today's Learning

Learn this.

### Today's Activity

Take turns:
- "One..."
- "Two..."

Closing words.

### Reflection Questions

1. Why?
2. How?
"""


def test_seed_parses_to_day_one_with_four_prompts_and_four_questions():
    result = load_journey(SEED)
    assert result.errors == []
    j = result.journey
    assert (j.id, j.title, j.sequence, j.duration, j.category) == (
        "deepening-intimacy", "Deepening Intimacy", 4, "5 weeks", "Connection")
    assert [d.number for d in j.days] == [1]
    day = j.days[0]
    assert day.title == "The Foundations of True Intimacy"
    assert [p.text for p in day.prompts] == [
        "I feel closest to you when…",
        "Something I've been wanting to share with you is…",
        "I feel most comfortable being vulnerable when…",
        "One thing that helps me feel safe with you is…",
    ]
    assert len(day.questions) == 4
    assert day.questions[0].text.startswith("What does intimacy mean to you personally?")
    assert day.activity.instructions[0].startswith("Set aside 20 to 30 minutes")
    assert day.activity.closing[0].startswith("Listen to each other without interrupting")
    assert day.why_title.startswith("Why This Matters")
    assert len(day.why) == 3


@pytest.mark.shared
def test_seed_ships_with_its_text_unchanged_and_only_front_matter_keys_added():
    import yaml

    shipped, seed = (p.read_text(encoding="utf-8").split("---\n", 2) for p in
                     (SEED, SHARED / "seeds" / "001_4dd2a3ab042ac976.txt"))
    assert shipped[2] == seed[2]  # every word of the journey as the user wrote it
    ours, theirs = yaml.safe_load(shipped[1]), yaml.safe_load(seed[1])
    assert {k: ours[k] for k in theirs} == theirs and set(ours) - set(theirs) == {"content_notes"}


def test_seed_keeps_journey_level_sections_and_week_themes():
    j = load_journey(SEED).journey
    assert [s.title for s in j.sections] == [
        "Understanding Intimacy", "Your Journey Plan", "Daily Activities", "Psychological Foundation",
        "Expected Outcomes"]
    assert [(w.number, w.theme) for w in j.weeks][:2] == [(1, "Emotional Safety"), (2, "Understanding Connection")]
    assert j.week_of(1).theme == "Emotional Safety" and j.week_of(8).theme == "Understanding Connection"
    assert j.weeks[3].theme == "Vulnerability and Trust"
    assert j.intro[0].startswith("Welcome to your journey")


@pytest.mark.parametrize("heading", ["## Day 1: First", "## Day 1 - First", "## Day 1 — First", "## day 1 – First"])
def test_day_heading_forms(heading):
    result = parse_journey(journey(DAY.replace("## Day 1: First", heading)))
    assert result.errors == []
    assert result.journey.days[0].number == 1 and result.journey.days[0].title == "First"


@pytest.mark.parametrize("learning", ["### Today's Learning", "### TODAY’S LEARNING", "### todays learning:"])
def test_section_headings_any_case_and_apostrophe(learning):
    result = parse_journey(journey(DAY.replace("### Today's Learning", learning)
                                   .replace("### Today's Activity", "### today’s activity")))
    day = result.journey.days[0]
    assert day.learning == ("Learn this.",)
    assert len(day.prompts) == 2


@pytest.mark.parametrize("bullet", ["-", "*", "+", "•", "1.", "1)"])
def test_prompt_bullets_and_quotes(bullet):
    body = DAY.replace('- "One..."', f"{bullet} “One...”").replace('- "Two..."', f"{bullet} Two")
    day = parse_journey(journey(body)).journey.days[0]
    assert [p.text for p in day.prompts] == ["One…", "Two"]
    assert day.activity.instructions == ("Take turns:",)
    assert day.activity.closing == ("Closing words.",)


def test_bom_and_crlf():
    text = "\ufeff" + journey(DAY).replace("\n", "\r\n")
    result = parse_journey(text)
    assert result.errors == []
    assert result.journey.days[0].prompts[0].line == 15


def test_unknown_front_matter_keys_are_kept():
    result = parse_journey(journey(DAY, "title: T\nmood: calm\nsequence: 2\n"))
    assert result.errors == [] and result.journey.meta["mood"] == "calm" and result.journey.sequence == 2


def test_id_defaults_to_file_name_and_may_be_given(tmp_path):
    f = tmp_path / "001-Slow Evenings.md"
    f.write_text(journey(DAY), encoding="utf-8")
    assert load_journey(f).journey.id == "slow-evenings"
    f.write_text(journey(DAY, "title: T\nid: evenings\n"), encoding="utf-8")
    assert load_journey(f).journey.id == "evenings"


def test_days_are_ordered_and_found_by_number():
    body = DAY + DAY.replace("Day 1: First", "Day 2: Second")
    j = parse_journey(journey(body)).journey
    assert [d.number for d in j.days] == [1, 2]
    assert j.day(2).title == "Second" and j.day_after(1).number == 2 and j.day_after(2) is None


def test_unknown_day_section_is_kept_and_warned():
    body = DAY.replace("### Reflection Questions", "### A Poem\n\nRoses.\n\n### Reflection Questions")
    result = parse_journey(journey(body))
    assert result.journey.days[0].other_sections[0].title == "A Poem"
    assert any("A Poem" in w.message for w in result.warnings)
