"""Drive the session machine like a couple would: events in, plans out, an injected clock."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from skill.journeys import Library, load_library
from skill.progress.record import Progress
from skill.session import events as ev
from skill.session.machine import Outcome, State, advance
from skill.speech.plan import Plan
from skill.speech.ssml import check, render

ROOT_JOURNEYS = __import__("conftest").ROOT / "journeys"


@dataclass
class Evening:
    library: Library = field(default_factory=lambda: load_library(ROOT_JOURNEYS).in_language("en-US"))
    state: State = field(default_factory=lambda: State(Progress()))
    now: datetime = field(default_factory=lambda: datetime(2026, 11, 22, 20, 0, tzinfo=UTC))
    log: list[tuple[ev.Event, Outcome]] = field(default_factory=list)

    def say(self, event: ev.Event, after: float | None = None) -> Plan:
        """The couple says something `after` seconds (default: once the last response finished).
        Checks that the answer renders to valid Alexa SSML (the machine itself refuses an undeclared
        transition)."""
        c = self.state.conversation
        wait = after if after is not None else (c.length + 2 if c.played_at else 5)
        self.now += timedelta(seconds=wait)
        outcome = advance(self.state, event, self.library, self.now)
        self.state = outcome.state
        self.log.append((event, outcome))
        if outcome.plan.items:  # every plan must render to SSML Alexa accepts
            speech, reprompt = render(outcome.plan)
            check(speech)
            if reprompt:
                check(reprompt, reprompt=True)
        return outcome.plan

    def next_evening(self, days: int = 1) -> None:
        self.now = self.now.replace(hour=20, minute=0) + timedelta(days=days)
        self.state = State(self.state.progress)  # a new session: only the stored progress survives

    @property
    def phase(self) -> str:
        return self.state.conversation.phase.value

    @property
    def progress(self) -> Progress:
        return self.state.progress


def named_evening() -> Evening:
    """A first evening after the launch and the couple's names: the lesson has begun."""
    e = Evening()
    e.say(ev.Launch())
    e.say(ev.SetNames("Sam", "Alex"))
    if e.phase == "content_note":  # the seed's Day 1 carries one: they choose to hear the lesson
        e.say(ev.Yes())
    return e
