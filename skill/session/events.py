"""What the couple (or the platform) did, independent of Alexa: the machine's input.

Plain classes rather than dataclasses: twenty of them are imported on every cold start, and each
dataclass costs about a millisecond to create.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, ClassVar, NamedTuple


class Event:
    """An event; subclasses name their fields in `fields` (with defaults) and compare by value."""

    fields: ClassVar[dict[str, Any]] = {}
    __slots__ = ("values",)

    def __init__(self, *args: Any, **kwargs: Any):
        names = list(self.fields)
        values = dict(self.fields)
        values.update(zip(names, args, strict=False))
        values.update(kwargs)
        self.values = values

    def __getattr__(self, name: str) -> Any:
        try:
            return object.__getattribute__(self, "values")[name]
        except KeyError:
            raise AttributeError(name) from None

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self.values == other.values  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self), tuple(self.values.items())))

    def __repr__(self) -> str:
        inside = ", ".join(f"{k}={v!r}" for k, v in self.values.items())
        return f"{type(self).__name__}({inside})"

    @property
    def name(self) -> str:
        return type(self).__name__


class Launch(Event):
    """The skill was opened ("Alexa, open couple journeys")."""


class Yes(Event): ...


class No(Event): ...


class Next(Event):
    """Next, skip, ready, "we're done", go on."""


class Previous(Event): ...


class Repeat(Event): ...


class PauseSession(Event):
    """Pause: the session ends and the place is kept, as with stop, with a word on how to carry on."""


class Resume(Event): ...


class StartOver(Event):
    """Start the current day again from its beginning."""


class Help(Event): ...


class Stop(Event):
    """Stop or cancel: the session ends, the place is kept."""


class HowAreWeDoing(Event):
    """"Where are we?", "how are we doing?": the place, the streak, the check-ins."""


class SetNames(Event):
    """Names given. `carrier`: said with words that can only mean names ("our names are…", "call us…");
    bare words ("Sam and Alex", "four and two") count as names only when the skill asked for them."""

    fields: ClassVar[dict[str, Any]] = {"first": "", "second": "", "carrier": True}


class SetTurnLength(Event):
    """seconds: None when the couple asked without a length that was understood; `change`: more (+) or
    less (−) time than now, asked without a length ("we need more time", "shorter turns")."""

    fields: ClassVar[dict[str, Any]] = {"seconds": None, "change": 0}


class Leave(Event):
    """"Not tonight", "later", "we're done", "that's enough", "good night": a warm goodbye, the place kept."""


class Care(Event):
    """When the evening turns hard, graded by `level`: "tears" ("I'm crying", "this is uncomfortable": often part
    of it — a pause and a choice), "distress" ("we're fighting", "this is too much": the evening pauses, with a
    pointer to someone who can help) and "danger" ("I don't feel safe", "he hit me": emergency services)."""

    fields: ClassVar[dict[str, Any]] = {"level": "distress"}


class AboutSkill(Event):
    """"Is this therapy?": an honest answer, at any time."""


class WhoGoesFirst(Event):
    """"Who goes first?", "can I go first?"."""


class GoFirst(Event):
    """"I want to go first", "can I go first?": asked who, and honoured for the next sentence."""


class WeekPlan(Event):
    """"What's in week two?": the journey's own plan for that week (`later`: "next week", from this one)."""

    fields: ClassVar[dict[str, Any]] = {"week": None, "later": 0}


class SkipToDay(Event):
    """"Skip to day 3": asked first, then done."""

    fields: ClassVar[dict[str, Any]] = {"day": None}


class SetPace(Event):
    """"Speak slower" (−1) or "a bit faster" (+1): kept across evenings."""

    fields: ClassVar[dict[str, Any]] = {"change": 0}


class SkipIntro(Event):
    """"Skip the intro": tonight's plan is not read out again."""


class HowLong(Event):
    """"How long is this?", "how long is left?"."""


class Skip(Event):
    """"Skip": the check-in or the names are skipped; elsewhere it goes on, as next does.
    `what`: "lesson" or "question" when they named what to skip."""

    fields: ClassVar[dict[str, Any]] = {"what": ""}


class ReadLessonAgain(Event):
    """"Read the lesson again": the whole lesson, only when asked for by name."""


class ListJourneys(Event): ...


class ChooseJourney(Event):
    """journey: a journey id, or the words the couple said."""

    fields: ClassVar[dict[str, Any]] = {"journey": ""}


class ResetProgress(Event): ...


class CheckIn(Event):
    """score: the number said; felt: the score words suggest ("pretty good" → 4), asked about before noted."""

    fields: ClassVar[dict[str, Any]] = {"score": None, "felt": None}


class NotUnderstood(Event):
    """Anything the skill could not map to something it does."""


class SessionEnded(Event):
    """The session closed without a word from the couple (silence, or the platform ended it)."""

    fields: ClassVar[dict[str, Any]] = {"reason": ""}


# -- between evenings: reminders (see rules/reminders.py) ----------------------------------------------
class ReminderCall(NamedTuple):
    """What the handler is to do with the Reminders API. action: create (or change `replaces`), delete,
    consent (ask for permission, then create), or card (a card in the Alexa app to allow reminders).
    at: "HH:MM" local; on: the ISO date of the first (or only) time it rings; text: what Alexa says when it
    rings, in the couple's language."""

    action: str
    at: str = ""
    daily: bool = False
    on: str = ""
    text: str = ""
    timezone: str = ""
    replaces: str = ""  # alertToken of the reminder this one changes
    consented: bool = False  # permission was just granted: a refusal now is not asked again
    offered: bool = False  # the couple said yes to the evening's offer: the answer ends with good night
    erasing: bool = False  # deleted because the couple erased everything: the answer is the erase's

    def token(self) -> str:
        """The AskFor token: enough to create this reminder when Alexa answers."""
        return f"reminder|{self.at}|{'daily' if self.daily else 'once'}|{self.on}|{'offered' if self.offered else ''}"


def from_token(token: str) -> tuple[str, bool, str, bool] | None:
    parts = (token or "").split("|")
    if len(parts) != 5 or parts[0] != "reminder" or not valid_time(parts[1]):
        return None
    return parts[1], parts[2] == "daily", parts[3], parts[4] == "offered"


def valid_time(at: str) -> bool:
    try:
        datetime.strptime(at, "%H:%M")
    except (TypeError, ValueError):
        return False
    return True


class SetReminder(Event):
    """"Remind us tomorrow at eight", "every evening at eight pm". at: "HH:MM" as AMAZON.TIME gives it,
    or "" for "at this time"; daily: every evening rather than once."""

    fields: ClassVar[dict[str, Any]] = {"at": "", "daily": False}


class CancelReminder(Event):
    """"Stop reminding us", "cancel the reminder"."""


class WhenReminder(Event):
    """ "When is our reminder?" """


class ReminderDone(Event):
    """What the Reminders API made of the machine's request (the handler reports it): result is one of
    created, deleted, gone (it no longer exists), forbidden (no permission), failed, unavailable; call: the
    ReminderCall it carried out."""

    fields: ClassVar[dict[str, Any]] = {"result": "", "call": None, "alert_token": ""}


class PermissionAnswer(Event):
    """Connections.Response to our AskFor: status ACCEPTED, DENIED or NOT_ANSWERED; token as we sent it."""

    fields: ClassVar[dict[str, Any]] = {"status": "", "token": ""}


# Every kind of event, in the order declared above: a new class is in it without anyone listing it.
ALL_EVENTS: tuple[type[Event], ...] = tuple(
    kind for kind in list(globals().values())
    if isinstance(kind, type) and issubclass(kind, Event) and kind is not Event)
