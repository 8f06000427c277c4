"""What the machine works on: the phase the skill waits in, what one Alexa session remembers, and the
outcome of one step."""

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from ..progress.record import Progress
from ..speech.plan import Plan
from .events import ReminderCall


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
    REMINDER_OFFER = "reminder_offer"  # a day is done: shall I remind you tomorrow at this time?
    RETURNING = "returning"  # back after a gap, mid-day: pick up where you left off, or start the day over?
    CHOOSING = "choosing"  # a choice they asked for needs a word more (who goes first, which name, which day)
    CLOSED = "closed"  # no session: the next event opens one


GUIDED = (Phase.LEARNING, Phase.TURNS, Phase.REFLECTION)
SAME = "same"  # a rule's target meaning: the phase does not change
# Where rules may lead, by what they do (rules/ declares its targets with these):
OFFERS = (Phase.OFFER, Phase.REVISIT, Phase.NEXT_JOURNEY)  # what is offered when there is no place to resume
LAUNCHED = (Phase.NAMES, *OFFERS, Phase.CHECK_IN, Phase.CLOSED)  # opening never starts anything timed
STARTED = (Phase.LEARNING, Phase.CONTENT_NOTE, Phase.CHECK_IN, Phase.CLOSED)  # its lesson, its note (a lesson alone:
#   the check-in follows it at once)
PLAYED = (*GUIDED, Phase.CHECK_IN)  # what playing part of a day leads to
GONE = (*OFFERS, Phase.CLOSED)  # the place was edited away between two requests: offered afresh
OFFERED = (*OFFERS, Phase.CHECK_IN)  # after a one-shot question's answer (no session open): the evening offered
REASKED = (SAME, *OFFERED)  # an answer, then the question they were asked again
ANSWERED = (SAME, Phase.CLOSED)  # a reminder's answer: back to the question they were asked, or the end
RESUME = "resume"  # a rule's target meaning: back to the place an aside interrupted (Conversation.resume)
# asked in passing: the place they interrupt comes back
ASIDES = (Phase.CONFIRM_NAMES, Phase.CONFIRM_RESET, Phase.CHOOSING)
MAX_INTERRUPTED = 4  # places remembered at once; an older one is forgotten


class Place(NamedTuple):
    """Where the couple was when something was asked in passing: the phase, the question, and why."""

    phase: Phase
    ask: str
    reason: str


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
    interrupted: list[list[str]] = field(default_factory=list)  # places to come back to: [[phase, ask, reason]]
    misses: int = 0  # replies in a row that were not understood (never the same answer three times)
    partial: str = ""  # the one name given so far, while asking for the partner's
    pending: str = ""  # names given mid-evening, awaiting a yes ("Robin|Taylor")
    opened: str = ""  # the day ("journey:day") whose plan was already said in this session
    skipped_lesson: bool = False  # they chose to skip tonight's lesson: "go back" does not walk into it
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
        clone.interrupted = [list(place) for place in self.interrupted]
        return clone

    # -- ask and come back (compare Jovo's $delegate / $resolve) -------------------------------------------
    def push(self, reason: str, place: Place | None = None) -> None:
        """Remember `place` (by default: where the couple is now) before asking something in passing. Asked
        while another aside waits, the new one takes its place: the earlier one's answer is dropped, and
        both come back to the same place."""
        if place is None and self.phase in ASIDES:
            if self.interrupted:
                self.interrupted[-1][2] = reason
                return
            place = Place(Phase.CLOSED, "", reason)  # an aside with nothing behind it (a session of old)
        here = place or Place(self.phase, self.ask, reason)
        self.interrupted = [*self.interrupted[-(MAX_INTERRUPTED - 1):], [here.phase.value, here.ask, reason]]

    def waiting(self) -> Place | None:
        """The place the next `resume` returns to (a phase not known: no session, closed)."""
        if not self.interrupted:
            return None
        top = self.interrupted[-1]
        phase, ask, reason = [*(top if isinstance(top, list) else []), "", "", ""][:3]
        known = isinstance(phase, str) and phase in Phase._value2member_map_
        return Place(Phase(phase) if known else Phase.CLOSED, str(ask), str(reason))

    def resume(self) -> Place:
        """Back to the place remembered last, its question the one asked again (none remembered: closed)."""
        place = self.waiting() or Place(Phase.CLOSED, "", "")
        self.interrupted = self.interrupted[:-1]
        self.phase, self.ask = place.phase, place.ask
        return place

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
            elif default is not None and (type(value) is type(default) or
                                          (isinstance(default, str) and isinstance(value, str))):  # a catalog Line too
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
    reminder: ReminderCall | None = None  # what the handler does with the Reminders API
