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


class Screen(NamedTuple):
    """What a device with a screen shows while the plan plays."""

    title: str
    subtitle: str = ""
    text: str = ""
    countdown_seconds: int = 0


class Plan(NamedTuple):
    items: tuple[Item, ...] = ()
    reprompt: str | None = None  # set: the device listens; None: the session ends
    screen: Screen | None = None

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
        marks, at = [], 0.0
        for item in self.items:
            if isinstance(item, Mark):
                marks.append((round(at), item.segment))
            else:
                at += item_seconds(item)
        return marks, at

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
    screen: Screen | None = None

    def say(self, *texts: str) -> "PlanBuilder":
        self.items.extend(Say(t) for t in texts if t)
        return self

    def add(self, *items: Item) -> "PlanBuilder":
        self.items.extend(items)
        return self

    def listen(self, question: str, reprompt: str) -> Plan:
        self.say(question)
        return Plan(tuple(self.items), reprompt, self.screen)

    def end(self, *closing: str) -> Plan:
        self.say(*closing)
        return Plan(tuple(self.items), None, self.screen)
