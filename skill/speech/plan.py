"""The speech plan: what the skill says, platform-neutral. The session machine returns one; the SSML
renderer turns it into what Alexa speaks, and the rehearsal plays that same SSML (what you rehearse is
what Alexa would say).

A plan is a sequence of items (say, pause, chime, mark), then either a question the couple answers
(`reprompt` is set: the device listens) or the end of the session.
"""


from dataclasses import dataclass, field
from typing import NamedTuple

from .pace import seconds_to_say

CHIME_SECONDS = {"start": 0.7, "end": 3.1}


class Say(NamedTuple):
    text: str


class Pause(NamedTuple):
    """Silence the couple fills: a partner's turn or a discussion window."""

    seconds: int


class Chime(NamedTuple):
    """A short bell: `start` before a timed silence, `end` when time is up."""

    kind: str = "start"


class Mark(NamedTuple):
    """Where a segment of the day begins, so a barge-in ("Alexa, next") can tell what was playing."""

    segment: str


Item = Say | Pause | Chime | Mark


class Entry(NamedTuple):
    """One segment of a response on its timeline, in seconds from the start: where its mark is, when its
    bell has rung and the couple's silence begins (None: no bell), and where the next segment begins.
    `spoken` is (start, end, text) of each thing said in it, for a screen that shows what is being read."""

    segment: str
    start: float
    bell: float | None
    end: float
    spoken: tuple[tuple[float, float, str], ...] = ()
    silence: int = 0  # the couple's time after the bell (a turn or a discussion), seconds


class Plan(NamedTuple):
    items: tuple[Item, ...] = ()
    reprompt: str | None = None  # set: the device listens; None: the session ends
    rate: int = 100  # the speaking pace the couple chose, percent (SSML prosody); timed silences keep theirs

    @property
    def listens(self) -> bool:
        return self.reprompt is not None

    @property
    def text(self) -> str:
        return " ".join(i.text for i in self.items if isinstance(i, Say))

    @property
    def keys(self) -> list[str]:
        """The catalog keys of the lines said, in order (a journey's own words have none)."""
        return [key for i in self.items if isinstance(i, Say) and (key := getattr(i.text, "key", ""))]

    def timing(self) -> tuple[list[tuple[int, str]], float]:
        """(seconds from the start, segment) for every mark, by the estimated length of what precedes
        it; and the estimated length of the whole plan."""
        entries, length = self.entries()
        return [(round(e.start), e.segment) for e in entries], length

    def entries(self) -> tuple[list[Entry], float]:
        """The response's one timeline: every marked segment with its bell and its end (what barge-ins,
        the screen and its countdowns all read), and the estimated length of the whole plan."""
        entries: list[Entry] = []
        at, bell, silence, spoken = 0.0, None, 0, []

        def close() -> None:
            if entries:
                entries[-1] = entries[-1]._replace(bell=bell, end=at, spoken=tuple(spoken), silence=silence)

        for item in self.items:
            if isinstance(item, Mark):
                close()
                entries.append(Entry(item.segment, at, None, at))
                bell, silence, spoken = None, 0, []
                continue
            length = item_seconds(item) * (100 / self.rate if isinstance(item, Say) else 1)
            if isinstance(item, Chime) and item.kind == "start" and bell is None:
                bell = at + length
            elif isinstance(item, Pause) and bell is not None and not silence:
                silence = item.seconds
            elif isinstance(item, Say):
                spoken.append((at, at + length, item.text))
            at += length
        close()
        return entries, at

    def timeline(self) -> list[tuple[int, str]]:
        return self.timing()[0]


def item_seconds(item: Item) -> float:
    if isinstance(item, Say):
        return seconds_to_say(item.text)
    if isinstance(item, Pause):
        return float(item.seconds)
    if isinstance(item, Chime):
        return CHIME_SECONDS[item.kind]
    return 0.0


@dataclass
class PlanBuilder:
    """Collects items in order; `listen` or `end` finishes the plan."""

    items: list[Item] = field(default_factory=list)

    def say(self, *texts: str) -> "PlanBuilder":
        self.items.extend(Say(t) for t in texts if t)
        return self

    def add(self, *items: Item) -> "PlanBuilder":
        self.items.extend(items)
        return self

    def listen(self, question: str, reprompt: str) -> Plan:
        self.say(question)
        return Plan(tuple(self.items), reprompt)

    def end(self, *closing: str) -> Plan:
        self.say(*closing)
        return Plan(tuple(self.items), None)
