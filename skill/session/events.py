"""What the couple (or the platform) did, independent of Alexa: the machine's input."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Event:
    @property
    def name(self) -> str:
        return type(self).__name__


@dataclass(frozen=True)
class Launch(Event):
    """The skill was opened ("Alexa, open couple journeys")."""


@dataclass(frozen=True)
class Yes(Event): ...


@dataclass(frozen=True)
class No(Event): ...


@dataclass(frozen=True)
class Next(Event):
    """Next, skip, ready, "we're done", go on."""


@dataclass(frozen=True)
class Previous(Event): ...


@dataclass(frozen=True)
class Repeat(Event): ...


@dataclass(frozen=True)
class Pause(Event): ...


@dataclass(frozen=True)
class Resume(Event): ...


@dataclass(frozen=True)
class StartOver(Event):
    """Start the current day again from its beginning."""


@dataclass(frozen=True)
class Help(Event): ...


@dataclass(frozen=True)
class Stop(Event):
    """Stop or cancel: the session ends, the place is kept."""


@dataclass(frozen=True)
class HowAreWeDoing(Event):
    """"Where are we?", "how are we doing?": the place, the streak, the check-ins."""


@dataclass(frozen=True)
class SetNames(Event):
    first: str = ""
    second: str = ""


@dataclass(frozen=True)
class SetTurnLength(Event):
    seconds: int | None = None  # None: the couple asked without a length we understood


@dataclass(frozen=True)
class ListJourneys(Event): ...


@dataclass(frozen=True)
class ChooseJourney(Event):
    journey: str = ""  # a journey id, or the words the couple said


@dataclass(frozen=True)
class ResetProgress(Event): ...


@dataclass(frozen=True)
class CheckIn(Event):
    score: int | None = None


@dataclass(frozen=True)
class NotUnderstood(Event):
    """Anything the skill could not map to something it does."""


@dataclass(frozen=True)
class SessionEnded(Event):
    """The session closed without a word from the couple (silence, or the platform ended it)."""

    reason: str = ""


ALL_EVENTS: tuple[type[Event], ...] = (
    Launch, Yes, No, Next, Previous, Repeat, Pause, Resume, StartOver, Help, Stop, HowAreWeDoing, SetNames,
    SetTurnLength, ListJourneys, ChooseJourney, ResetProgress, CheckIn, NotUnderstood, SessionEnded,
)
