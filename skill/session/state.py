"""What the machine works on: the phase the skill waits in, what one Alexa session remembers, and the
outcome of one step."""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from ..progress.record import Progress
from ..speech.plan import Plan


class Phase(StrEnum):
    NAMES = "names"  # first launch: asked for their names
    OFFER = "offer"  # a day (or carrying on) was offered: yes begins
    LEARNING = "learning"  # part of the lesson was read
    TURNS = "turns"  # both partners' turns on a prompt were played
    REFLECTION = "reflection"  # reflection questions were discussed
    CHECK_IN = "check_in"  # asked how connected they feel tonight
    REVISIT = "revisit"  # a day was finished earlier today: go on, or revisit it?
    NEXT_JOURNEY = "next_journey"  # the last day written is done: start the next journey?
    CONTENT_NOTE = "content_note"  # tonight's lesson touches a sensitive topic: hear it, or skip to the activity?
    CONFIRM_NAMES = "confirm_names"  # new names given mid-evening: use them from now on?
    CONFIRM_RESET = "confirm_reset"  # asked to confirm erasing everything
    REMINDER_OFFER = "reminder_offer"  # a day is done: shall I remind you tomorrow at this time? (between.py)
    RETURNING = "returning"  # back after a gap, mid-day: pick up where you left off, or start the day over?
    CHOOSING = "choosing"  # a choice they asked for needs a word more (who goes first, which name, which day)
    CLOSED = "closed"  # no session: the next event opens one


GUIDED = (Phase.LEARNING, Phase.TURNS, Phase.REFLECTION)
SAME = "same"  # a rule's target meaning: the phase does not change


@dataclass
class Conversation:
    """What one session remembers between requests (Alexa session attributes); never stored."""

    phase: Phase = Phase.CLOSED
    ask: str = ""  # the question the couple was last asked
    played_at: str = ""  # when the last guided response started playing (ISO)
    length: int = 0  # its estimated length, seconds
    timeline: list[list[Any]] = field(default_factory=list)  # [[offset seconds, segment], …] of that response
    start: str = ""  # the segment it started at
    after: str = ""  # the segment that follows it
    target: str = ""  # what an offer is about: "journey:day" or a journey id
    back: str = ""  # the phase to return to after a confirmation
    back_ask: str = ""  # and the question to ask again there
    misses: int = 0  # replies in a row that were not understood (never the same answer three times)
    partial: str = ""  # the one name given so far, while asking for the partner's
    pending: str = ""  # names given mid-evening, awaiting a yes ("Robin|Taylor")
    opened: str = ""  # the day ("journey:day") whose plan was already said in this session
    skipped: int = 0  # questions the couple skipped tonight: not counted as talked through
    again: str = ""  # a step interrupted while something was asked in passing: given back from its start
    swap: int = -1  # the prompt whose turns go in the other order: someone asked to go first
    guess: int = 0  # the check-in score the couple's words suggested, asked about ("would you call it a four?")
    ready: bool = False  # the couple said ready (next, yes) in this session: timed turns may start

    def to_dict(self) -> dict[str, Any]:
        return {k: (v.value if isinstance(v, Phase) else v) for k, v in self.__dict__.items()}

    def copy(self) -> "Conversation":
        clone = Conversation(**self.__dict__)
        clone.timeline = [list(mark) for mark in self.timeline]
        return clone

    @classmethod
    def from_dict(cls, raw: Any) -> "Conversation":
        """From the session; anything of the wrong kind falls back to its default."""
        c = cls()
        if not isinstance(raw, dict):
            return c
        fields = c.__dict__
        for key, value in raw.items():
            default = fields.get(key)
            if key == "phase":
                fields[key] = Phase(value) if value in Phase._value2member_map_ else Phase.CLOSED
            elif default is not None and type(value) is type(default):
                fields[key] = value
        return c


@dataclass
class State:
    progress: Progress
    conversation: Conversation = field(default_factory=Conversation)


class Outcome(NamedTuple):
    state: State
    plan: Plan
    erase: bool = False  # the couple confirmed erasing everything: the store deletes their record
    changed: bool = False  # the progress changed: it needs saving
    reminder: Any = None  # a between.ReminderCall the handler carries out with the Reminders API
