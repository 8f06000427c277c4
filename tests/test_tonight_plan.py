"""Tonight's plan says how long the evening takes; the journey's own set-up, read right after it, must not
name another length (play-test: „etwa zwanzig Minuten“ then „Nehmt euch 10 bis 15 Minuten“)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from types import SimpleNamespace

import pytest
from evening import ROOT_JOURNEYS

from skill.journeys import load_library
from skill.progress.record import Progress
from skill.session import events as ev
from skill.session.machine import State, advance
from skill.session.playing import minutes_from
from skill.session.script import day_script
from skill.speech.ssml import render


@pytest.mark.parametrize("locale", ["en-US", "de-DE"])
@pytest.mark.parametrize("turn_seconds", [15, 60, 90, 150, 180])
def test_the_set_up_agrees_with_the_plans_length(locale, turn_seconds):
    library = load_library(ROOT_JOURNEYS).in_language(locale)
    now = datetime(2026, 11, 22, 20, 0, tzinfo=UTC)
    state = advance(State(Progress(turn_seconds=turn_seconds)), ev.Launch(), library, now, locale).state
    plan = advance(state, ev.SetNames("Sam", "Alex"), library, now, locale).plan
    text = re.sub(r"<[^>]+>", " ", render(plan)[0])
    day = library.journeys[0].days[0]
    estimate = minutes_from(SimpleNamespace(progress=state.progress), day_script(day), None)
    named = re.findall(r"(\d+)(?:\s*(?:-|–|to|bis)\s*(\d+))?\s*(?:minutes|Minuten)", text)
    assert named, text  # the journey's set-up names a length of time, in digits
    for low, high in named:
        assert int(low) <= estimate <= int(high or low), (estimate, low, high, text)
