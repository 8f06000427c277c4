"""Every event in every phase, deterministically: each phase is reached by a scripted path, then every
kind of event is tried there. Each answer must be a declared transition and say something useful."""

from __future__ import annotations

import pytest
from evening import Evening

from skill.session import events as ev
from skill.session.events import ReminderCall
from skill.session.state import Phase

EVERY_EVENT = [
    ev.Launch(), ev.Yes(), ev.No(), ev.Next(), ev.Previous(), ev.Repeat(), ev.PauseSession(), ev.Resume(),
    ev.StartOver(),
    ev.Help(), ev.Stop(), ev.HowAreWeDoing(), ev.SetNames("robin", "taylor"), ev.SetTurnLength(90),
    ev.SetTurnLength(None), ev.ListJourneys(), ev.ChooseJourney("everyday appreciation"), ev.ChooseJourney("nope"),
    ev.ResetProgress(), ev.CheckIn(4), ev.CheckIn(None), ev.NotUnderstood(), ev.SessionEnded("EXCEEDED_MAX_REPROMPTS"),
    ev.Leave(), ev.Care(), ev.AboutSkill(), ev.WhoGoesFirst(), ev.HowLong(), ev.Skip(), ev.Skip("lesson"),
    ev.Skip("question"), ev.ReadLessonAgain(), ev.SetNames("four", "two", carrier=False), ev.SetTurnLength(None, 1),
    ev.SetReminder("20:00", True), ev.CancelReminder(), ev.WhenReminder(), ev.PermissionAnswer("DENIED", ""),
    ev.ReminderDone("failed", ReminderCall("create", "20:00", True, "2026-11-23")),
]
EVERY_EVENT += [kind() for kind in ev.ALL_EVENTS if kind not in {type(e) for e in EVERY_EVENT}]  # a new kind too


def finish_day(e: Evening) -> None:
    while e.phase != "closed":
        e.say(ev.CheckIn(4) if e.phase == "check_in" else ev.Next())


def reach(phase: str) -> Evening:
    e = Evening()
    if phase == "closed":
        return e
    e.say(ev.Launch())
    if phase == "names":
        return e
    if phase == "confirm_reset":
        e.say(ev.ResetProgress())
        return e
    if phase == "confirm_names":
        e.say(ev.No())
        e.say(ev.SetNames("robin", "taylor"))
        return e
    e.say(ev.SetNames("sam", "alex"))
    if phase == "content_note":
        return e
    e.say(ev.Yes())  # hear the lesson
    if phase == "offer":
        e.say(ev.Stop())
        e.next_evening()
        e.say(ev.Help())  # a one-shot question in a new session offers to carry on
        return e
    if phase == "reminder_offer":
        while e.phase != "reminder_offer":
            e.say(ev.CheckIn(4) if e.phase == "check_in" else ev.Next())
        return e
    if phase == "returning":
        e.say(ev.Next())
        e.say(ev.Stop())
        e.next_evening(5)
        e.say(ev.Launch())
        return e
    if phase in ("revisit", "next_journey"):
        finish_day(e)
        if phase == "revisit":
            e.say(ev.ChooseJourney("everyday appreciation"))
            e.say(ev.Yes())
            finish_day(e)
        e.next_evening(0)
        e.say(ev.Launch(), after=3600)
        return e
    if phase == "choosing":  # a choice asked in passing: "I want to go first" at the sentences
        e.say(ev.Next())
        e.say(ev.GoFirst())
        return e
    targets = {"learning": 0, "turns": 1, "reflection": 5, "check_in": 6}
    assert phase in targets, f"no path to {phase} yet: add one"
    for _ in range(targets[phase]):
        e.say(ev.Next())
    return e


PHASES = [phase.value for phase in Phase]  # reach() fails on a phase it has no path to


def test_every_kind_of_event_is_tried():
    assert {type(e) for e in EVERY_EVENT} == set(ev.ALL_EVENTS)


@pytest.mark.parametrize("phase", PHASES)
def test_the_path_reaches_the_phase(phase):
    assert reach(phase).phase == phase


@pytest.mark.parametrize("event", EVERY_EVENT, ids=[repr(e) for e in EVERY_EVENT])
@pytest.mark.parametrize("phase", PHASES)
def test_every_event_in_every_phase(phase, event):
    e = reach(phase)
    done_before = {j: e.progress.days_done(j) for j in e.progress.evenings.days}
    plan = e.say(event)  # Evening.say asserts the transition is one the rules declare
    if isinstance(event, ev.SessionEnded):
        assert not plan.listens
    else:
        assert plan.text.strip()
        assert plan.listens or e.phase == "closed"
    if not e.log[-1][1].erase:
        assert all(done <= e.progress.days_done(j) for j, done in done_before.items())
