"""No utterance at any moment of a timed window loses that window (issue 21, item 1): whatever the couple says
during a partner's turn or a discussion — except what moves on — the window is given back from its start in
the reply, or kept as the next thing when the reply asks something first or the session ends."""

from __future__ import annotations

import os
from datetime import datetime, timedelta
from functools import cache

from evening import ROOT_JOURNEYS, Evening
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skill.journeys import load_library
from skill.session import events as ev
from skill.session.machine import State, advance
from skill.speech.plan import Mark, Pause, item_seconds

MOVING_ON = (ev.Next, ev.Skip, ev.Previous, ev.ReadLessonAgain, ev.ChooseJourney, ev.Launch, ev.ReminderDone,
             ev.PermissionAnswer)  # what asks to move (or is no word of theirs)
SAID = st.one_of(
    st.sampled_from([e() for e in ev.ALL_EVENTS if not issubclass(e, MOVING_ON) and not e.fields]),
    st.builds(ev.SetTurnLength, st.one_of(st.none(), st.sampled_from([30, 90, 600])), st.sampled_from([0, 1, -1])),
    st.builds(ev.CheckIn, st.one_of(st.none(), st.integers(0, 6)), st.sampled_from([None, 4])),
    st.builds(ev.Care, st.sampled_from(["tears", "distress", "danger"])),
    st.builds(ev.SetNames, st.sampled_from(["Robin", "", "Sam"]), st.sampled_from(["Taylor", ""])),
    st.builds(ev.WeekPlan, st.sampled_from([None, 2])), st.builds(ev.SetPace, st.sampled_from([-1, 1])),
    st.builds(ev.SkipToDay, st.sampled_from([2, 9])), st.just(ev.StartOver()), st.just(ev.Yes()),
    st.builds(ev.SessionEnded, st.just("EXCEEDED_MAX_REPROMPTS")),
)


@cache
def windows(locale: str) -> list[tuple[State, datetime, str, float, float]]:
    """(state, when its response began, segment, window start, window end) for every timed window of a first
    evening: every partner's turn and every discussion."""
    library = load_library(ROOT_JOURNEYS).in_language(locale)
    e = Evening(library=library)
    found = []
    for event in (ev.Launch(), ev.SetNames("Sam", "Alex"), ev.Skip(), *[ev.Next()] * 8):
        if e.phase == "check_in":
            break
        outcome = advance(e.state, event, library, e.now, locale)
        plan, e.state = outcome.plan, outcome.state
        at, segment = 0.0, None
        for item in plan.items:
            if isinstance(item, Mark):
                segment = item.segment
            elif isinstance(item, Pause):
                found.append((e.state, e.now, segment, at, at + item.seconds))
            at += item_seconds(item)
        e.now += timedelta(seconds=e.state.conversation.length + 2)
    return found


def kept(outcome, segment: str) -> bool:
    """The window comes again: replayed in the reply, or still the next thing of the day."""
    plan, c, place = outcome.plan, outcome.state.conversation, outcome.state.progress.position
    if any(isinstance(i, Mark) and i.segment == segment for i in plan.items):
        return True
    return c.after == segment or (not plan.listens and place is not None and place.segment == segment)


EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "150"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(["en-US", "de-DE"]), st.integers(0, 10_000), st.floats(0.05, 0.95), SAID)
def test_no_utterance_in_a_timed_window_loses_it(locale, which, moment, said):
    found = windows(locale)
    state, began, segment, start, end = found[which % len(found)]
    now = began + timedelta(seconds=start + (end - start) * moment)
    library = load_library(ROOT_JOURNEYS).in_language(locale)
    outcome = advance(state, said, library, now, locale)
    assert kept(outcome, segment), f"{said} at {start + (end - start) * moment:.0f}s of {segment}: {outcome.plan.text}"
