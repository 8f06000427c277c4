"""Random evenings (hypothesis): never an exception, every transition declared, no day lost or undone."""

from __future__ import annotations

import os

from evening import Evening
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skill.session import events as ev
from skill.session.state import Phase
from skill.session.table import RULES

events = st.one_of(
    st.sampled_from([ev.Launch(), ev.Yes(), ev.No(), ev.Next(), ev.Previous(), ev.Repeat(), ev.PauseSession(),
                     ev.Resume(),
                     ev.StartOver(), ev.Help(), ev.Stop(), ev.HowAreWeDoing(), ev.ListJourneys(),
                     ev.ResetProgress(), ev.NotUnderstood(), ev.SessionEnded("EXCEEDED_MAX_REPROMPTS")]),
    st.sampled_from(ev.ALL_EVENTS).map(lambda kind: kind()),  # every kind of event, with its defaults
    st.builds(ev.SetNames, st.sampled_from(["", "sam", "Alex"]), st.sampled_from(["", "robin"])),
    st.builds(ev.SetTurnLength, st.one_of(st.none(), st.integers(-5, 1000))),
    st.builds(ev.ChooseJourney, st.sampled_from(["", "everyday appreciation", "deepening-intimacy", "xyz"])),
    st.builds(ev.CheckIn, st.one_of(st.none(), st.integers(-1, 7))),
)
# Heavy on "next" so that random evenings get deep into days and journeys.
moves = st.one_of(st.just(ev.Next()), st.just(ev.Next()), st.just(ev.CheckIn(3)), events)
gaps = st.one_of(st.none(), st.floats(0, 400), st.sampled_from([3600.0, 86400.0, 3 * 86400.0]))


def frontier(e: Evening) -> dict[str, int]:
    """How far the couple has come in each journey: days done, and the day they are in."""
    out: dict[str, int] = {}
    for jid, done in e.progress.evenings.days.items():
        out[jid] = max(done)
    for pos in [e.progress.position, *e.progress.parked.values()]:
        if pos is not None:
            out[pos.journey_id] = max(out.get(pos.journey_id, 0), pos.day)
    return out


EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "150"))  # raise it for a longer search


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(moves, gaps), min_size=1, max_size=60))
def test_random_evenings(steps):
    e = Evening()
    for event, gap in steps:
        if e.phase == "closed" and not isinstance(event, ev.Launch) and gap is None:
            gap = 60.0
        before_done = {j: e.progress.days_done(j) for j in e.progress.evenings.days}
        before_frontier = frontier(e)
        was_day = e.progress.position
        plan = e.say(event, after=gap)  # asserts the transition is declared
        erased = e.log[-1][1].erase
        if isinstance(event, ev.SessionEnded):
            assert not plan.listens
        else:
            assert plan.text.strip(), f"{event} said nothing"
        if erased:
            continue
        for jid, done in before_done.items():
            assert done <= e.progress.days_done(jid), "a completed day was lost"
        after_frontier = frontier(e)
        for jid, reached in before_frontier.items():
            assert after_frontier.get(jid, 0) >= reached or isinstance(event, ev.StartOver), (
                f"{event.name} moved {jid} back from day {reached} (was at {was_day})")


def test_every_phase_and_event_has_a_rule():
    for phase in Phase:
        for event_type in ev.ALL_EVENTS:
            assert any((r.phases is None or phase in r.phases) and issubclass(event_type, r.events) for r in RULES), (
                phase, event_type)
