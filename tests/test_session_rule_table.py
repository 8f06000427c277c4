"""The rule table can be trusted: one rule per (phase, event), and every transition a rule declares
really happens. An exploration from many starting points (fresh couples, finished days, finished
journeys, a place in a journey that was since edited away) tries every event in every state it reaches,
each once after the response has played and once as a barge-in; the states are kept apart by what the
machine can tell from them."""

from __future__ import annotations

from collections import defaultdict, deque
from datetime import UTC, datetime, timedelta

import pytest

from skill.journeys import Library
from skill.journeys.model import Activity, Day, Journey, Prompt, Question
from skill.progress.evenings import Evenings
from skill.progress.record import Completion, Position, Progress
from skill.session import events as ev
from skill.session import table
from skill.session.events import ReminderCall
from skill.session.machine import advance
from skill.session.script import day_script
from skill.session.state import GUIDED, SAME, Conversation, Phase, State
from skill.session.table import RULES, RuleConflict, TransitionNotAllowed, on, phases_of, rule_for, targets_reached

EVENTS = [
    ev.Launch(), ev.Yes(), ev.No(), ev.Next(), ev.Previous(), ev.Repeat(), ev.PauseSession(), ev.Resume(),
    ev.StartOver(), ev.Help(), ev.Stop(), ev.HowAreWeDoing(), ev.SetNames("Robin", "Taylor"), ev.SetNames("", ""),
    ev.SetTurnLength(90), ev.SetTurnLength(None), ev.ListJourneys(), ev.ChooseJourney("beta"),
    ev.ChooseJourney("alpha"), ev.ChooseJourney("nope"), ev.ResetProgress(), ev.CheckIn(4), ev.CheckIn(9),
    ev.CheckIn(None, 4), ev.CheckIn(0),
    ev.NotUnderstood(), ev.SessionEnded("EXCEEDED_MAX_REPROMPTS"), ev.Leave(), ev.Care(), ev.AboutSkill(),
    ev.WhoGoesFirst(), ev.HowLong(), ev.Skip(), ev.Skip("lesson"), ev.Skip("question"), ev.ReadLessonAgain(),
    ev.SetNames("Four", "Two", carrier=False), ev.SetNames("Sam", ""), ev.SetTurnLength(None, change=1),
    # between evenings (rules/reminders.py): reminders asked for, and what the Reminders API made of them
    ev.SetReminder("20:00", True), ev.CancelReminder(), ev.WhenReminder(),
    ev.ReminderDone("created", ReminderCall("create", "20:00", True, "2026-11-23"), "token-1"),
    ev.ReminderDone("forbidden", ReminderCall("create", "20:00", False, "2026-11-23")),
    ev.PermissionAnswer("ACCEPTED", "reminder|20:00|daily|2026-11-23|"),
    # choices couples ask for (choices.py): go first, one new name, a week's plan, another day, pace, no intro
    ev.GoFirst(), ev.SetNames("Sasha", ""), ev.SetNames("Sam", ""), ev.WeekPlan(2), ev.WeekPlan(None, 1),
    ev.SkipToDay(2), ev.SkipToDay(9), ev.SetPace(-1), ev.SetPace(1), ev.SkipIntro(),
]
EVENTS += [kind() for kind in ev.ALL_EVENTS if kind not in {type(e) for e in EVENTS}]  # a new kind too
NOW = datetime(2026, 11, 22, 20, 0, tzinfo=UTC)
BARGE_IN = {ev.Next, ev.Yes, ev.Previous, ev.Repeat, ev.Resume, ev.Stop, ev.PauseSession, ev.SessionEnded, ev.Skip,
            ev.Leave, ev.Care, ev.WhoGoesFirst, ev.HowLong, ev.HowAreWeDoing}  # those that ask what is playing


def day(number: int, parts: int = 1, prompts: int = 2, questions: int = 2) -> Day:
    lesson = tuple(("Words of the lesson. " * 130).strip() for _ in range(parts))  # ~2,700 characters each
    return Day(number, f"Day {number}", 1, learning=lesson, why_title="Why", why=("It matters.",),
               activity=Activity(("Sit together.",), tuple(Prompt(f"Prompt {i}", 1) for i in range(prompts))),
               questions=tuple(Question(f"Question {i}?", 1) for i in range(questions)))


LIBRARY = Library((
    Journey("alpha", "Alpha", "alpha.md",
            (day(1, parts=3, questions=3), day(2, prompts=0, questions=3), day(3, questions=0)), sequence=1,
            meta={"content_notes": {3: "a tender topic"}}),
    Journey("beta", "Beta", "beta.md", (day(1, questions=4),), sequence=2),
))
EMPTY = Library(())  # a language with no journeys yet, or an empty JOURNEYS_DIR
# days with a lesson and nothing else: the check-in follows it
LESSONS = Library(tuple(j._replace(days=tuple(day(d.number, prompts=0, questions=0)._replace(activity=Activity())
                                             for d in j.days)) for j in LIBRARY.journeys))
NOTED = Library(tuple(j._replace(meta={"content_notes": {d.number: "a tender topic" for d in j.days}})
                      for j in (*LIBRARY.journeys, Journey("delta", "Delta", "delta.md",
                                                           (day(1, prompts=0, questions=1)._replace(
                                                               activity=Activity()),), sequence=3),  # talk only
                                Journey("epsilon", "Epsilon", "epsilon.md",  # a lesson and nothing else
                                        (day(1, prompts=0, questions=0)._replace(activity=Activity()),),
                                        sequence=4))))


def seeds() -> list[Progress]:
    fresh = Progress()
    named = Progress(names=["Sam", "Alex"])
    today = Progress(names=["Sam", "Alex"], journey_id="alpha")
    today.complete("alpha", 1, NOW.date(), 4)
    alpha_done = Progress(names=["Sam", "Alex"], journey_id="alpha")
    for n in (1, 2, 3):
        alpha_done.complete("alpha", n, NOW.date() - timedelta(days=4 - n), 3)
    all_done = alpha_done.copy()
    all_done.complete("beta", 1, NOW.date() - timedelta(days=1), 5)
    all_done.journey_id = "beta"
    at_checkin = Progress(names=["Sam", "Alex"], journey_id="alpha", position=Position("alpha", 1, "checkin"))
    edited_away = Progress(names=["Sam", "Alex"], journey_id="alpha", position=Position("alpha", 9, "turn.0.a"))
    gone = Progress(names=["Sam", "Alex"], journey_id="gamma", position=Position("gamma", 1, "learn.0"))
    parked = [alpha_done.copy() for _ in range(4)]
    for progress, segment in zip(parked, ("turn.0.a", "turn.1.a", "question.0", "checkin"), strict=True):
        progress.parked = {"beta": Position("beta", 1, segment)}
    places = [Progress(names=["Sam", "Alex"], journey_id=j.id, position=Position(j.id, d.number, seg.key))
              for j in LIBRARY.journeys for d in j.days for seg in day_script(d).segments]
    declined = Progress(names=["Sam", "Alex"], journey_id="alpha", position=Position("alpha", 1, "checkin"),
                        reminder_declined=NOW.date().isoformat())  # the day closes without the offer
    away = [Progress(names=["Sam", "Alex"], journey_id="alpha", position=Position("alpha", 1, segment),
                     evenings=Evenings.of({"alpha": [Completion(3, (NOW.date() - timedelta(days=9)).isoformat(), 3)]}))
            for segment in ("learn.0", "turn.0.a", "question.1", "checkin")]  # back after a gap
    return [fresh, named, today, alpha_done, all_done, at_checkin, edited_away, gone, *parked, *places, declined,
            *away]


def edited_sessions() -> list[State]:
    """Open sessions whose offer names a day or journey that was edited away between two requests."""
    out = [State(p, Conversation(phase=phase, ask="Shall we?", misses=3))  # a couple not understood three times
           for p in seeds()[:5] for phase in (Phase.NAMES, Phase.OFFER, Phase.CHECK_IN)]
    for back in ("offer", "names"):  # names: erasing was asked at the names question, then names were given
        out.append(State(seeds()[1], Conversation(phase=Phase.CONFIRM_NAMES, ask="Use them?", pending="Robin|Taylor",
                                                  interrupted=[[back, "Shall we?", "names"]])))
    for progress in seeds()[1:5]:
        for phase in (Phase.OFFER, Phase.REVISIT, Phase.NEXT_JOURNEY, Phase.CONTENT_NOTE, *GUIDED, Phase.CHECK_IN,
                      Phase.RETURNING):
            for target in ("alpha:9", "gamma", "beta"):
                out.append(State(progress.copy(), Conversation(phase=phase, ask="Shall we?", target=target)))
    out.append(State(seeds()[3].copy(), Conversation(phase=Phase.REMINDER_OFFER, ask="Shall I remind you?")))
    out.append(State(seeds()[5].copy(), Conversation(phase=Phase.CHECK_IN, ask="How close?", misses=2)))  # last try
    one_name = Progress(names=["Sam", ""], journey_id="alpha", position=Position("alpha", 1, "turn.0.a"))
    for back in (p for p in Phase if p not in (Phase.CONFIRM_NAMES, Phase.CONFIRM_RESET, Phase.CHOOSING)):
        for misses in (0, 1):  # "instead of Sam?" asked from every phase: a yes, a no, or a second miss goes back
            asked = "Instead of Sam?" if not misses else "Instead of Sam, or not?"  # told apart by the signature
            out.append(State(one_name.copy(), Conversation(phase=Phase.CHOOSING, ask=asked, misses=misses,
                                                           pending="replace:Sasha",
                                                           interrupted=[[back.value, "Shall we?", "choice"]])))
    return out


def offered(library: Library) -> list[State]:
    """Sessions offered the first day of every journey (its lesson may be skipped from there)."""
    return [State(Progress(names=["Sam", "Alex"], journey_id=j.id),
                  Conversation(phase=Phase.OFFER, ask="Shall we?", target=f"{j.id}:1")) for j in library.journeys]


def at_notes(library: Library) -> list[State]:
    """Sessions asked about a content note, for every day that has one."""
    out = []
    for j in library.journeys:
        for d in j.days:
            if (j.meta or {}).get("content_notes", {}).get(d.number):
                place = Position(j.id, d.number, "learn.0")
                asked = Conversation(phase=Phase.CONTENT_NOTE, ask="Hear it?", target=f"{j.id}:{d.number}")
                out.append(State(Progress(names=["Sam", "Alex"], journey_id=j.id, position=place), asked))
    return out


def playing(library: Library) -> list[State]:
    """Sessions in the middle of a day: every saved place opened and said yes to."""
    out = []
    for progress in seeds()[9:]:
        opened = advance(State(progress), ev.Launch(), library, NOW).state
        out.append(advance(opened, ev.Yes(), library, NOW + timedelta(seconds=30)).state)
    return out


def signature(state: State) -> tuple:
    p, c = state.progress, state.conversation
    return (c.phase, p.position, p.journey_id, tuple(sorted((j, len(d)) for j, d in p.evenings.days.items())),
            tuple(sorted(p.parked.items())),
            tuple(p.names), c.start, c.after, c.target, c.waiting(), c.ask[:40], bool(c.played_at), c.guess,
            p.reminder_declined)


def explore(library: Library, depth: int = 3) -> dict[str, set[tuple[Phase, str, Phase, frozenset]]]:
    """rule → {(phase before, event, phase after, the declared targets that step is)} over every state within
    `depth` steps of a seed (the machine itself refuses a step that is none of them)."""
    seen: set[tuple] = set()
    frontier = deque((state, 0) for state in [*(State(p) for p in seeds()), *edited_sessions(),
                                              *playing(library), *at_notes(library), *offered(library)])
    observed: dict[str, set] = defaultdict(set)
    while frontier:
        state, steps = frontier.popleft()
        key = signature(state)
        if key in seen:
            continue
        seen.add(key)
        for event in EVENTS:
            for barge_in in (False, True) if type(event) in BARGE_IN else (False,):
                c = state.conversation
                played = datetime.fromisoformat(c.played_at) if c.played_at else NOW
                now = played + timedelta(seconds=3 if barge_in else c.length + 2)
                rule = rule_for(c.phase, event)
                out = advance(state, event, library, now)
                after = out.state.conversation.phase
                hits = targets_reached(rule, c, after)
                if SAME in hits:  # staying counts as SAME, not as reaching the phase it stays in
                    hits -= {after}
                observed[rule.handler.__name__].add((c.phase, event.name, after, frozenset(hits)))
                if steps + 1 < depth and (after != Phase.CLOSED or not barge_in):
                    frontier.append((out.state, steps + 1))
    return observed


@pytest.fixture(scope="module")
def observed():
    seen = explore(LIBRARY, depth=2)
    for library in (EMPTY, NOTED, LESSONS):
        for rule, pairs in explore(library, depth=2).items():
            seen[rule] |= pairs
    return seen


def test_every_declared_target_of_every_rule_happens(observed):
    missing = {}
    for rule in RULES:
        name = rule.handler.__name__
        reached = set().union(*(hits for *_, hits in observed[name]))
        missing.update({name: sorted(map(str, set(rule.to) - reached))} if set(rule.to) - reached else {})
    assert not missing, f"declared but never reached (narrow `to=`, or add the path that reaches it): {missing}"


def test_every_phase_and_event_a_rule_claims_is_tried(observed):
    tried = {(src, e) for pairs in observed.values() for src, e, *_ in pairs}
    for rule in RULES:
        for phase in phases_of(rule):
            for event in rule.events:
                if rule_for(phase, event()) is rule:
                    assert (phase, event.__name__) in tried, f"{rule.handler.__name__}: {phase} × {event.__name__}"


def test_a_second_rule_for_the_same_phase_and_event_fails_at_import():
    with pytest.raises(RuleConflict):
        on(ev.Repeat, Phase.TURNS, to=SAME)(lambda s: None)
    with pytest.raises(RuleConflict):
        on(ev.Help, to=SAME)(lambda s: None)


def test_resume_at_revisit_and_next_journey_goes_on_as_at_offer():
    for phase in (Phase.OFFER, Phase.REVISIT, Phase.NEXT_JOURNEY):
        assert rule_for(phase, ev.Resume()) is rule_for(phase, ev.Yes())


def test_a_transition_the_rule_does_not_declare_raises(monkeypatch):
    """The machine holds its rules to their declarations: a rule that leads somewhere its `to=` does not
    name fails at run time, not only in a test that happens to reach it."""
    rule = rule_for(Phase.OFFER, ev.No())
    monkeypatch.setitem(table._SPECIFIC, (Phase.OFFER, ev.No), rule._replace(to=(Phase.LEARNING,)))
    asked = State(Progress(names=["Sam", "Alex"]), Conversation(phase=Phase.OFFER, ask="Shall we?"))
    with pytest.raises(TransitionNotAllowed, match="offer_declined: offer --No--> closed"):
        advance(asked, ev.No(), LIBRARY, NOW)


def test_the_explorations_events_are_every_kind_of_event():
    assert {type(e) for e in EVENTS} == set(ev.ALL_EVENTS)


def test_all_events_are_the_event_classes():
    assert set(ev.ALL_EVENTS) == {cls for cls in vars(ev).values()
                                  if isinstance(cls, type) and issubclass(cls, ev.Event) and cls is not ev.Event}
