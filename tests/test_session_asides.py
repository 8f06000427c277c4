"""Ask and come back: a question asked in passing ("erase everything?", "use these names?") remembers the
place it interrupts, and its answer returns there — from every phase, by one mechanism the machine, the
diagram and the rule-table exploration know by name (RESUME)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from evening import named_evening

from skill.diagram import mermaid
from skill.journeys import load_library
from skill.progress.record import Progress
from skill.session import events as ev
from skill.session import table
from skill.session.machine import advance
from skill.session.state import ASIDES, RESUME, STARTED, Conversation, Phase, State
from skill.session.table import RULES, TransitionNotAllowed, rule_for

NOW = datetime(2026, 11, 22, 20, 0, tzinfo=UTC)
LIBRARY = load_library(__import__("conftest").ROOT / "journeys")
ASKED = [p for p in Phase if p not in ASIDES and p != Phase.CLOSED]


def asked_in(phase: Phase) -> State:
    return State(Progress(names=["Sam", "Alex"]), Conversation(phase=phase, ask="The question they were asked?"))


@pytest.mark.parametrize("answer", [ev.No(), ev.Next(), ev.NotUnderstood()])
@pytest.mark.parametrize("phase", ASKED)
def test_declining_to_erase_comes_back_to_the_question_it_interrupted(phase, answer):
    asked = advance(asked_in(phase), ev.ResetProgress(), LIBRARY, NOW).state
    assert asked.conversation.phase == Phase.CONFIRM_RESET
    back = advance(asked, answer, LIBRARY, NOW)
    assert back.state.conversation.phase == phase
    assert back.state.conversation.ask == "The question they were asked?"
    assert "The question they were asked?" in back.plan.text
    assert not back.state.conversation.interrupted


@pytest.mark.parametrize("phase", ASKED)
def test_new_names_asked_over_erasing_come_back_to_the_first_place(phase):
    asked = advance(asked_in(phase), ev.ResetProgress(), LIBRARY, NOW).state
    named = advance(asked, ev.SetNames("Robin", "Taylor"), LIBRARY, NOW).state
    assert named.conversation.phase == Phase.CONFIRM_NAMES
    back = advance(named, ev.Yes(), LIBRARY, NOW).state
    assert (back.conversation.phase, back.progress.names) == (phase, ["Robin", "Taylor"])


def test_rules_that_come_back_declare_resume_not_a_list_of_phases():
    for phase in ASIDES:
        for answer in (ev.Yes(), ev.No(), ev.Next(), ev.NotUnderstood()):
            rule = rule_for(phase, answer)
            assert RESUME in rule.to or Phase.CLOSED in rule.to
            # a yes that starts a day ("go to Day 3?", "start over?") also names where a day starts
            assert len(set(rule.to) & set(Phase) - set(STARTED)) < 6, f"{rule.handler.__name__} lists phases: {rule.to}"


def test_coming_back_anywhere_but_the_place_remembered_is_refused(monkeypatch):
    e = named_evening()
    e.say(ev.ResetProgress())
    rule = rule_for(Phase.CONFIRM_RESET, ev.No())

    def lost(s):
        plan = rule.handler(s)
        s.conversation.phase = Phase.TURNS  # not where the couple was
        return plan

    monkeypatch.setitem(table._SPECIFIC, (Phase.CONFIRM_RESET, ev.No), rule._replace(handler=lost))
    with pytest.raises(TransitionNotAllowed):
        advance(e.state, ev.No(), e.library, e.now)


def test_the_diagram_draws_the_way_back():
    text = mermaid()
    assert "confirm_reset --> interrupted" in text and "confirm_names --> interrupted" in text
    assert any(RESUME in rule.to for rule in RULES)
