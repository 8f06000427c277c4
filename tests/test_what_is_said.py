"""Rules of CONVERSATION.md that hold for every reply, checked at every moment of whole evenings in both
languages (issue 21, items 8 and 9): help ends on the one instruction of its moment."""

from __future__ import annotations

import re

import pytest
from evening import ROOT_JOURNEYS, Evening

from skill.journeys import load_library
from skill.session import events as ev
from skill.session.machine import advance

INSTRUCTION = {"en-US": re.compile(r"\bsay\b", re.IGNORECASE), "de-DE": re.compile(r"\bsagt\b", re.IGNORECASE)}


def whole_evening(locale: str) -> list:
    """Every state of a first evening, from the launch to the reminder's offer, going on at each step."""
    e = Evening(library=load_library(ROOT_JOURNEYS).in_language(locale))
    states = []
    for event in (ev.Launch(), ev.SetNames("Sam", "Alex"), ev.Yes(), *[ev.Next()] * 12):
        if e.phase == "check_in":
            break
        e.say(event)
        states.append((e.state, e.now))
    return states


@pytest.mark.parametrize("locale", ["en-US", "de-DE"])
def test_help_holds_one_instruction_at_every_moment(locale):
    e = Evening(library=load_library(ROOT_JOURNEYS).in_language(locale))
    for state, now in whole_evening(locale):
        plan = advance(state, ev.Help(), e.library, now, locale).plan
        said = INSTRUCTION[locale].findall(plan.text)
        assert len(said) <= 1, f"{state.conversation.phase}: {plan.text}"
