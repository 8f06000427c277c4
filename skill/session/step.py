"""One step of the evening: the event being handled, the state it changes, and what every rule needs —
where the couple is, and how to ask, re-ask or close."""

from dataclasses import dataclass
from datetime import date, datetime

from ..journeys import Day, Journey, Library
from ..language import Catalog
from ..progress.record import Position, Progress
from ..speech.plan import Plan, PlanBuilder
from .events import Event, ReminderCall
from .script import LEARN, QUESTION, DayScript, Segment, day_script
from .state import GUIDED, Conversation, Phase, State


@dataclass
class Step:
    """The event being handled and the state being changed (a copy: the caller's is untouched)."""

    state: State
    library: Library  # the journeys of the couple's language
    now: datetime  # the couple's local time
    event: Event
    text: Catalog  # the lines of the request's language: `self.text("id", …)`
    erase: bool = False
    counted: bool = False  # this step counted a reply not understood (see Conversation.misses)
    reminder: ReminderCall | None = None  # for the handler: set, change, cancel or ask permission

    @property
    def progress(self) -> Progress:
        return self.state.progress

    @property
    def conversation(self) -> Conversation:
        return self.state.conversation

    @property
    def today(self) -> date:
        return self.now.date()

    # -- where we are ----------------------------------------------------------------------------------
    def journey(self) -> Journey | None:
        return self.library.get(self.progress.journey_id) or self.library.first

    def current(self) -> tuple[Journey, Day, DayScript, Segment] | None:
        """The couple's saved place, if it still exists in the journeys as they are now."""
        pos = self.progress.position
        journey = self.library.get(pos.journey_id) if pos else None
        day = journey.day(pos.day) if journey else None
        if pos is None or journey is None or day is None:
            return None
        script = day_script(day)
        segment = script.find(pos.segment) or script.find(script.first)
        return journey, day, script, segment

    def next_day(self, journey: Journey) -> Day | None:
        done = self.progress.days_done(journey.id)
        after = journey.day_after(max(done)) if done else (journey.days[0] if journey.days else None)
        return after or next((d for d in journey.days if d.number not in done), None)  # one skipped past

    def elapsed(self) -> float | None:
        """Seconds since the last response began to play; None when its time is not known."""
        try:
            return (self.now - datetime.fromisoformat(self.conversation.played_at)).total_seconds()
        except (TypeError, ValueError):
            return None

    def changed_on(self) -> date | None:
        """The couple's local date of their last change, if it is known."""
        try:
            return datetime.fromisoformat(self.progress.updated).astimezone(self.now.tzinfo).date()
        except (TypeError, ValueError):
            return None

    def playing(self) -> str | None:
        """The segment playing now, if a guided response is still playing (the couple barged in)."""
        c = self.conversation
        if not c.played_at or not c.timeline:
            return None
        elapsed = self.elapsed()
        if elapsed is None or elapsed < 0 or elapsed >= c.length:
            return None
        current = [seg for offset, seg in c.timeline if offset <= elapsed]
        return current[-1] if current else c.start

    def heard_up_to(self) -> str:
        """Where to pick up: the segment playing if interrupted, else the one after the last response."""
        return self.playing() or self.conversation.after or self.conversation.start

    def keep_place(self) -> None:
        """The session is closing mid-day: save the place as far as the couple heard it."""
        here = self.current()
        if here is not None and self.conversation.phase in (*GUIDED, Phase.CHECK_IN):
            journey, day, script, _ = here
            key = self.heard_up_to()
            if script.find(key) is not None:
                self.progress.position = Position(journey.id, day.number, key)

    def names(self) -> tuple[str, str]:
        n = self.progress.names if len(self.progress.names) == 2 else ["", ""]
        return n[0], n[1]

    def speaker(self, seg: Segment) -> int:
        """Who speaks first on a turn segment: as the day has it, unless someone asked to go first."""
        return seg.partner ^ (1 if self.conversation.swap == seg.prompt_index else 0)

    def turn_names(self, partner: int) -> tuple[str, str]:
        """(who speaks, who listens) on a turn of `partner` (0 or 1); both "" unless both names are known."""
        first, second = self.names()
        if not (first and second):
            return "", ""
        return (first, second) if partner == 0 else (second, first)

    def moment(self) -> str:
        """What the couple is at, for help: the phase, or between parts of a day the part that comes next."""
        phase = self.conversation.phase
        here = self.current()
        if here is not None and phase in (Phase.LEARNING, Phase.TURNS) and not self.playing():
            following = here[2].find(self.conversation.after)
            if following is not None and phase == Phase.LEARNING and following.kind != LEARN:
                return "before_activity"
            if following is not None and phase == Phase.TURNS and following.kind == QUESTION:
                return "before_questions"
        return phase.value

    def couple(self) -> str:
        """Their names as one says them together ("Sam and Alex"), or "" when they gave none."""
        return self.text.join(list(self.progress.names))

    # -- speaking ----------------------------------------------------------------------------------------
    def listen(self, builder: PlanBuilder, phase: Phase, question: str, again: str = "", reprompt: str = "") -> Plan:
        """Ask `question` and wait in `phase`; `again` is what to ask when the question comes back later
        (by default the question itself: a nudge or a rephrase keeps the original); `reprompt`: when the
        phase's own would ask something else."""
        self.conversation.phase = phase
        self.conversation.ask = again or question
        return builder.listen(question, reprompt or self.reprompt(phase, question))

    def reprompt(self, phase: Phase, question: str = "") -> str:
        """The short reprompt for this moment (before the activity, before the questions, or the phase's)."""
        for key in (f"reprompt.{self.moment()}", f"reprompt.{phase.value}"):
            if self.text.has(key):
                return self.text(key)
        return question

    def end(self, builder: PlanBuilder, *closing: str) -> Plan:
        self.conversation.phase = Phase.CLOSED
        self.conversation.ask = ""
        self.conversation.interrupted = []  # nothing to come back to in a closed session
        self.conversation.played_at = ""
        self.conversation.timeline = []
        return builder.end(*closing)

    def night(self) -> bool:
        """Evening or night where the couple is: good night and sleep well are said only then."""
        return not 5 <= self.now.hour < 17

    def good_night(self) -> str:
        """Good night — or, in the morning and afternoon, have a lovely day."""
        key = "leave.good_night" if self.night() else "leave.good_day"
        who = self.couple()
        return self.text(key, couple=who) if who else self.text(f"{key}_anonymous")
