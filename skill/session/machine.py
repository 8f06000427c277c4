"""The session machine: a pure function of (state, event, journeys, now) → (state, speech plan).

No I/O, no clock of its own, no Alexa types. The phase says what the skill is waiting for; rules are
declared per (phase, event) with the phases they may lead to, and the state diagram in docs/ is drawn
from those declarations (see `diagram.py`).
"""


from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from typing import Any, NamedTuple

from ..journeys import Day, Journey, Library
from ..progress.record import Position, Progress
from ..speech.plan import Chime, Mark, Pause, Plan, PlanBuilder, Screen
from . import lines
from .events import (
    CheckIn,
    ChooseJourney,
    Event,
    Help,
    HowAreWeDoing,
    Launch,
    ListJourneys,
    Next,
    No,
    NotUnderstood,
    Previous,
    Repeat,
    ResetProgress,
    Resume,
    SessionEnded,
    SetNames,
    SetTurnLength,
    StartOver,
    Stop,
    Yes,
)
from .events import (
    Pause as PauseEvent,
)
from .script import CHECKIN, LEARN, QUESTION, TURN, DayScript, Segment, day_script
from .turn import DEFAULT_DISCUSSION_SECONDS, MAX_TURN_SECONDS, MIN_TURN_SECONDS, clamp_turn


class Phase(StrEnum):
    NAMES = "names"  # first launch: asked for their names
    OFFER = "offer"  # a day (or carrying on) was offered: yes begins
    LEARNING = "learning"  # part of the lesson was read
    TURNS = "turns"  # both partners' turns on a prompt were played
    REFLECTION = "reflection"  # reflection questions were discussed
    CHECK_IN = "check_in"  # asked how connected they feel tonight
    REVISIT = "revisit"  # a day was finished earlier today: go on, or revisit it?
    NEXT_JOURNEY = "next_journey"  # the last day written is done: start the next journey?
    CONFIRM_RESET = "confirm_reset"  # asked to confirm erasing everything
    CLOSED = "closed"  # no session: the next event opens one


GUIDED = (Phase.LEARNING, Phase.TURNS, Phase.REFLECTION)
SAME = "same"  # a rule's target meaning: the phase does not change
REASKED = (SAME, Phase.OFFER, Phase.REVISIT, Phase.NEXT_JOURNEY, Phase.CLOSED)  # see Turn.reask
LAUNCHED = (Phase.NAMES, Phase.OFFER, *GUIDED, Phase.CHECK_IN, Phase.REVISIT, Phase.NEXT_JOURNEY, Phase.CLOSED)


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
    erase: bool = False  # the couple confirmed erasing everything: their record becomes a tombstone
    changed: bool = False  # the progress changed: it needs saving


Handler = Callable[["Turn"], Plan]


class Rule(NamedTuple):
    phases: tuple[Phase, ...] | None  # None: any phase without a rule of its own
    events: tuple[type[Event], ...]
    to: tuple[Phase | str, ...]  # phases it may lead to; SAME: stays where it was
    handler: Handler


RULES: list[Rule] = []


def on(events: tuple[type[Event], ...] | type[Event], phases: tuple[Phase, ...] | Phase | None = None,
       to: tuple[Phase | str, ...] | Phase | str = ()) -> Callable[[Handler], Handler]:
    """Declare a rule: in `phases` (None: any), `events` are handled by the function and lead to `to`."""
    def register(fn: Handler) -> Handler:
        RULES.append(Rule(
            None if phases is None else (phases if isinstance(phases, tuple) else (phases,)),
            events if isinstance(events, tuple) else (events,),
            to if isinstance(to, tuple) else (to,),
            fn,
        ))
        return fn
    return register


_RULE_INDEX: dict[tuple[Phase, type], Rule] = {}


def rule_for(phase: Phase, event: Event) -> Rule:
    """The rule for this phase and event: the first declared for the phase, else the first for any phase."""
    key = (phase, type(event))
    rule = _RULE_INDEX.get(key)
    if rule is None:
        specific = [r for r in RULES if r.phases is not None and phase in r.phases and isinstance(event, r.events)]
        general = [r for r in RULES if r.phases is None and isinstance(event, r.events)]
        rule = _RULE_INDEX[key] = (specific or general)[0]
    return rule


def advance(state: State, event: Event, library: Library, now: datetime) -> Outcome:
    """One step of the evening. `state` is not modified; the outcome holds the new one."""
    turn = Turn(State(state.progress.copy(), state.conversation.copy()), library, now, event)
    rule = rule_for(turn.conversation.phase, event)
    plan = rule.handler(turn)
    changed = turn.state.progress != state.progress  # the turn worked on a copy
    if changed:
        turn.state.progress.updated = now.isoformat()
    return Outcome(turn.state, plan, turn.erase, changed)


@dataclass
class Turn:
    """One event being handled: the state being changed, and the helpers the rules share."""

    state: State
    library: Library
    now: datetime
    event: Event
    erase: bool = False

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
        return journey.day_after(max(done)) if done else (journey.days[0] if journey.days else None)

    def playing(self) -> str | None:
        """The segment playing now, if a guided response is still playing (the couple barged in)."""
        c = self.conversation
        if not c.played_at or not c.timeline:
            return None
        try:
            elapsed = (self.now - datetime.fromisoformat(c.played_at)).total_seconds()
        except (TypeError, ValueError):
            return None
        if elapsed < 0 or elapsed >= c.length:
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

    # -- speaking ----------------------------------------------------------------------------------------
    def listen(self, builder: PlanBuilder, phase: Phase, question: str) -> Plan:
        self.conversation.phase = phase
        self.conversation.ask = question
        return builder.listen(question, lines.REPROMPTS.get(phase, question))

    def reask(self, *before: str) -> Plan:
        """Say something, then ask again whatever the couple was last asked."""
        phase = self.conversation.phase
        if phase == Phase.CLOSED:  # a one-shot question ("ask couple journeys where we are"): offer after it
            return self.offer_evening(PlanBuilder().say(*before), greet=False, resume_now=False)
        builder = PlanBuilder().say(*before)
        return self.listen(builder, phase, self.conversation.ask or lines.REPROMPTS.get(phase, ""))

    def end(self, builder: PlanBuilder, *closing: str) -> Plan:
        self.conversation.phase = Phase.CLOSED
        self.conversation.ask = ""
        self.conversation.played_at = ""
        self.conversation.timeline = []
        return builder.end(*closing)

    def names(self) -> tuple[str, str]:
        n = self.progress.names if len(self.progress.names) == 2 else ["", ""]
        return n[0], n[1]

    # -- the day -----------------------------------------------------------------------------------------
    def start_day(self, journey: Journey, day: Day, builder: PlanBuilder | None = None) -> Plan:
        self.progress.switch_to(journey.id)
        return self.play(journey, day, day_script(day).first, builder or PlanBuilder())

    def play(self, journey: Journey, day: Day, key: str, builder: PlanBuilder, move: bool = True) -> Plan:
        """Play the group that starts at segment `key`, and ask what comes after it."""
        script = day_script(day)
        group = script.rest_of_group(key)
        if move:
            self.progress.switch_to(journey.id)
            self.progress.position = Position(journey.id, day.number, key)
        builder.screen = self.screen(journey, day, script, group[0])
        for seg in group:
            builder.add(Mark(seg.key))
            self.speak_segment(journey, day, script, seg, builder)
        last = group[-1]
        following = script.find(script.after(last.key)) if last.kind != CHECKIN else None
        c = self.conversation
        if last.kind == CHECKIN or (following is not None and following.kind == CHECKIN):
            c.start, c.after = key, CHECKIN
            plan = self.listen(builder, Phase.CHECK_IN, "Before we close, a quick check-in. From one to five, "
                                                        "how connected do you feel tonight?")
        else:
            c.start, c.after = key, following.key
            phase, question = self.next_question(script, last, following)
            if last.kind == TURN and following.kind != TURN and day.activity.closing:
                builder.say(*day.activity.closing)
            plan = self.listen(builder, phase, question)
        marks, length = plan.timing()
        c.played_at = self.now.isoformat()
        c.length = round(length)
        c.timeline = [[offset, seg] for offset, seg in marks]
        return plan

    @staticmethod
    def next_question(script: DayScript, last: Segment, following: Segment) -> tuple[Phase, str]:
        phase = {LEARN: Phase.LEARNING, TURN: Phase.TURNS, QUESTION: Phase.REFLECTION}[last.kind]
        if following.kind == LEARN:
            return phase, "Shall I go on?"
        if following.kind == TURN:
            if last.kind == LEARN:
                return phase, "When you're both ready for today's activity, say ready."
            return phase, "When you're ready for the next sentence, say next."
        if following.kind == QUESTION and last.kind != QUESTION:
            return phase, "When you're ready for the reflection questions, say next."
        return phase, "When you're ready for the next question, say next."

    def speak_segment(self, journey: Journey, day: Day, script: DayScript, seg: Segment, b: PlanBuilder) -> None:
        first, second = self.names()
        if seg.kind == LEARN:
            if seg.key == "learn.0":
                b.say(lines.day_heading(journey, day))
            b.say(*seg.paragraphs)
        elif seg.kind == TURN:
            if seg.prompt_index == 0 and not seg.second:
                b.say(*day.activity.instructions)
                b.say(f"Each of you has {lines.duration(self.progress.turn_seconds)} for each sentence. A bell "
                      "starts your turn, and another tells you when the time is up.")
            speaker, listener = (first, second) if seg.partner == 0 else (second, first)
            if not (speaker and listener):
                speaker = listener = ""
            b.say(lines.turn_intro(speaker, listener, seg.prompt.text, seg.second))
            b.add(Chime("start"), Pause(self.progress.turn_seconds), Chime("end"))
        elif seg.kind == QUESTION:
            n = seg.question_index + 1
            intro = "Now, the reflection questions. " if seg.question_index == 0 else ""
            b.say(f"{intro}Question {lines.number(n)}: {seg.question.text}",
                  f"Take {lines.duration(DEFAULT_DISCUSSION_SECONDS)} to talk it over together.")
            b.add(Chime("start"), Pause(DEFAULT_DISCUSSION_SECONDS), Chime("end"))

    def screen(self, journey: Journey, day: Day, script: DayScript, seg: Segment) -> Screen:
        subtitle = f"Day {day.number}: {day.title}" if day.title else f"Day {day.number}"
        if seg.kind == TURN:
            return Screen(journey.title, f"{subtitle} · sentence {seg.prompt_index + 1} of {script.prompts}",
                          seg.prompt.text, self.progress.turn_seconds)
        if seg.kind == QUESTION:
            return Screen(journey.title, f"{subtitle} · question {seg.question_index + 1} of "
                                         f"{len(day.questions)}", seg.question.text, DEFAULT_DISCUSSION_SECONDS)
        if seg.kind == CHECKIN:
            return Screen(journey.title, subtitle, "How connected do you feel tonight? 1 to 5")
        return Screen(journey.title, subtitle, "Today's learning")

    def complete_day(self, score: int | None) -> Plan:
        here = self.current()
        if here is None:
            return self.offer_evening(PlanBuilder(), greet=False)
        journey, day, script, _ = here
        self.progress.complete(journey.id, day.number, self.today, score)
        self.progress.position = None
        b = PlanBuilder().say(lines.checkin_ack(score))
        b.say(f"That's Day {day.number} complete. You shared {lines.number(script.prompts)} sentences and "
              f"talked through {lines.number(len(day.questions))} questions together.")
        b.say(lines.streak(self.progress.streak(self.today)))
        following = journey.day_after(day.number)
        if following is not None:
            b.say(f"Next time: Day {following.number}, {following.title}.")
        else:
            b.say(f"That was the last day written for {journey.title} so far.")
            nxt = self.library.after(journey.id)
            b.say(f"Next time, you can begin {nxt.title}." if nxt else "More days are on their way.")
        who = lines.couple(self.progress.names)
        return self.end(b, f"Good night, {who}." if who else "Good night.")

    def offer_evening(self, builder: PlanBuilder, greet: bool = True, resume_now: bool = True) -> Plan:
        """Launch, or carrying on after a question: resume the saved place (or offer to, when
        `resume_now` is false), or offer what comes next."""
        if greet:
            builder.say(lines.greeting(self.progress.names))
        journey = self.journey()
        if self.progress.position is None and journey is not None and journey.id in self.progress.parked:
            self.progress.switch_to(journey.id)
        here = self.current()
        if here is not None:
            journey, day, script, seg = here
            where = lines.place(seg, script.prompts)
            builder.say(f"Picking up Day {day.number} where you left off, {where}." if greet else "")
            if not resume_now:
                self.conversation.target = ""
                return self.listen(builder, Phase.OFFER, f"Shall we carry on with Day {day.number}?")
            if seg.kind == CHECKIN:
                self.conversation.start = self.conversation.after = CHECKIN
                return self.listen(builder, Phase.CHECK_IN, f"We're at the end of Day {day.number}. From one "
                                                            "to five, how connected do you feel tonight?")
            return self.play(journey, day, seg.key, builder)
        journey = self.journey()
        if journey is None:
            return self.end(builder, "There are no journeys to play yet. Please add one and try again.")
        last = self.progress.last_completion()
        nxt = self.next_day(journey)
        if last is not None and last.on == self.today.isoformat() and nxt is not None:
            self.conversation.target = f"{journey.id}:{nxt.number}"
            return self.listen(builder, Phase.REVISIT,
                               f"You finished Day {last.day} earlier today. Would you like to go on to Day "
                               f"{nxt.number} tonight? Say yes to go on, or revisit to do Day {last.day} again.")
        if nxt is None:
            following = self.library.after(journey.id)
            if following is not None:
                self.conversation.target = following.id
                return self.listen(builder, Phase.NEXT_JOURNEY,
                                   f"You've completed every day written so far of {journey.title}. "
                                   f"Would you like to begin {following.title}?")
            done = max(self.progress.days_done(journey.id), default=journey.days[-1].number)
            self.conversation.target = f"{journey.id}:{done}"
            return self.listen(builder, Phase.REVISIT,
                               f"You've completed every day written so far of {journey.title}, and more are on "
                               f"their way. Say revisit to do Day {done} again, or stop for tonight.")
        self.conversation.target = f"{journey.id}:{nxt.number}"
        self.progress.switch_to(journey.id)
        return self.listen(builder.say(lines.day_heading(journey, nxt) if greet else ""), Phase.OFFER,
                           f"Tonight is Day {nxt.number} of {journey.title}. Shall we begin?" if not greet
                           else "Shall we begin?")

    def begin_offer(self) -> Plan:
        """Yes to an offer: the day it named, or the saved place."""
        jid, _, day_number = self.conversation.target.partition(":")
        journey = self.library.get(jid)
        day = journey.day(int(day_number)) if journey and day_number.isdigit() else None
        if self.current() is not None or day is None:
            return self.offer_evening(PlanBuilder(), greet=False)
        return self.start_day(journey, day)


# -- rules --------------------------------------------------------------------------------------------------

@on(Launch, to=LAUNCHED)
def launch(t: Turn) -> Plan:
    t.conversation.__dict__.update(Conversation().__dict__)
    if not t.progress.names:
        b = PlanBuilder().say(lines.WELCOME)
        return t.listen(b, Phase.NAMES, lines.ASK_NAMES)
    return t.offer_evening(PlanBuilder())


@on((Resume, Next, Yes), Phase.CLOSED, to=LAUNCHED)
def open_and_carry_on(t: Turn) -> Plan:
    """"Alexa, tell couple journeys to resume": a new session straight into the evening."""
    return launch(t)


@on(SetNames, Phase.NAMES, to=(*GUIDED, Phase.CHECK_IN, Phase.CLOSED))
def names_given(t: Turn) -> Plan:
    first, second = (t.event.first or "").strip().title(), (t.event.second or "").strip().title()
    t.progress.names = [first, second]
    greeting = f"Lovely to meet you, {lines.couple(t.progress.names)}." if first or second else ""
    return begin_first_day(t, greeting)


@on((No, Next), Phase.NAMES, to=(*GUIDED, Phase.CHECK_IN, Phase.CLOSED))
def names_skipped(t: Turn) -> Plan:
    t.progress.names = ["", ""]
    return begin_first_day(t, "No problem. I'll simply say whose turn it is as we go.")


def begin_first_day(t: Turn, said: str) -> Plan:
    journey = t.journey()
    if journey is None or not journey.days:
        return t.end(PlanBuilder(), "There are no journeys to play yet.")
    b = PlanBuilder().say(said, lines.PRIVACY, f"Let's begin {journey.title}.")
    return t.start_day(journey, journey.days[0], b)


@on((Yes, NotUnderstood, CheckIn), Phase.NAMES, to=SAME)
def names_again(t: Turn) -> Plan:
    return t.listen(PlanBuilder().say("Sorry, I didn't catch your names."), Phase.NAMES, lines.REPROMPT_NAMES)


@on((Yes, Next, Resume), Phase.OFFER, to=(*GUIDED, Phase.CHECK_IN, Phase.OFFER, Phase.REVISIT,
                                          Phase.NEXT_JOURNEY, Phase.CLOSED))
def offer_accepted(t: Turn) -> Plan:
    return t.begin_offer()


@on((No, StartOver, Previous), Phase.OFFER, to=(*GUIDED, Phase.CHECK_IN, Phase.OFFER, Phase.REVISIT,
                                                Phase.NEXT_JOURNEY, Phase.CLOSED))
def offer_declined(t: Turn) -> Plan:
    if isinstance(t.event, No):
        return t.end(PlanBuilder(), "All right. Whenever you're ready, just open Couple Journeys.")
    return t.begin_offer()


@on((Next, Yes, Resume), GUIDED, to=(*GUIDED, Phase.CHECK_IN))
def go_on(t: Turn) -> Plan:
    here = t.current()
    if here is None:
        return t.offer_evening(PlanBuilder(), greet=False)
    journey, day, script, _ = here
    target = script.find(t.playing() and script.after(t.playing())) or script.find(t.conversation.after)
    if target is None:
        return t.reask()
    if target.kind == CHECKIN:
        return t.play(journey, day, CHECKIN, PlanBuilder())
    return t.play(journey, day, target.key, PlanBuilder())


@on(No, GUIDED, to=SAME)
def not_yet(t: Turn) -> Plan:
    return t.reask("No rush. Take all the time you need.")


@on(Previous, (*GUIDED, Phase.CHECK_IN), to=(*GUIDED, Phase.CHECK_IN))
def go_back(t: Turn) -> Plan:
    here = t.current()
    if here is None:
        return t.offer_evening(PlanBuilder(), greet=False)
    journey, day, script, _ = here
    ref = t.playing() or t.conversation.start or script.first
    if t.conversation.phase == Phase.CHECK_IN and not t.playing():
        ref = CHECKIN
    if script.find(ref) is None:
        ref = script.first
    back = script.previous_group(ref)
    if back is None:
        return t.play(journey, day, script.first, PlanBuilder().say(f"This is the start of Day {day.number}."))
    return t.play(journey, day, back, PlanBuilder())


@on((Repeat, Resume), (*GUIDED,), to=(*GUIDED, Phase.CHECK_IN))
def repeat_segment(t: Turn) -> Plan:
    here = t.current()
    if here is None:
        return t.offer_evening(PlanBuilder(), greet=False)
    journey, day, script, _ = here
    key = t.playing() or t.conversation.start
    if script.find(key) is None:
        key = script.first
    if isinstance(t.event, Resume) and not t.playing():
        return go_on(t)
    return t.play(journey, day, key, PlanBuilder(), move=False)


@on(StartOver, (*GUIDED, Phase.CHECK_IN, Phase.CLOSED), to=LAUNCHED)
def start_over(t: Turn) -> Plan:
    here = t.current()
    if here is None:
        return launch(t) if t.conversation.phase == Phase.CLOSED else t.offer_evening(PlanBuilder(), greet=False)
    journey, day, _, _ = here
    return t.start_day(journey, day, PlanBuilder().say(f"Starting Day {day.number} again from the beginning."))


@on(CheckIn, (*GUIDED, Phase.CHECK_IN), to=(Phase.CLOSED, SAME))
def checked_in(t: Turn) -> Plan:
    score = t.event.score
    if t.conversation.phase != Phase.CHECK_IN:
        return t.reask("Let's save the check-in for the end of the day.")
    if score is None or not 1 <= score <= 5:
        return t.listen(PlanBuilder().say("Any number from one to five is fine."), Phase.CHECK_IN,
                        "How connected do you feel tonight?")
    return t.complete_day(score)


@on((Next, No), Phase.CHECK_IN, to=Phase.CLOSED)
def checkin_skipped(t: Turn) -> Plan:
    return t.complete_day(None)


@on(Yes, Phase.CHECK_IN, to=SAME)
def checkin_yes(t: Turn) -> Plan:
    return t.listen(PlanBuilder(), Phase.CHECK_IN, "Great. On a scale of one to five, how connected do you feel?")


@on((Repeat, Resume), (Phase.NAMES, Phase.OFFER, Phase.CHECK_IN, Phase.REVISIT, Phase.NEXT_JOURNEY,
                       Phase.CONFIRM_RESET), to=SAME)
def ask_again(t: Turn) -> Plan:
    return t.reask()


@on((Yes, Next, Resume), Phase.REVISIT, to=(*GUIDED, Phase.OFFER, Phase.REVISIT, Phase.NEXT_JOURNEY, Phase.CLOSED))
def revisit_go_on(t: Turn) -> Plan:
    jid, _, day_number = t.conversation.target.partition(":")
    journey = t.library.get(jid)
    nxt = t.next_day(journey) if journey else None
    if nxt is None or str(nxt.number) != day_number:
        return t.end(PlanBuilder(), "All right. Rest well, and come back whenever you're ready.")
    return t.start_day(journey, nxt)


@on((StartOver, Previous), Phase.REVISIT, to=GUIDED)
def revisit_again(t: Turn) -> Plan:
    last = t.progress.last_completion()
    jid = t.conversation.target.partition(":")[0]
    journey = t.library.get(jid) or t.journey()
    day = journey.day(last.day) if journey and last else None
    if day is None:
        day = journey.days[-1]
    return t.start_day(journey, day, PlanBuilder().say(f"Let's revisit Day {day.number}."))


@on(No, (Phase.REVISIT, Phase.NEXT_JOURNEY), to=Phase.CLOSED)
def not_tonight(t: Turn) -> Plan:
    return t.end(PlanBuilder(), "All right. Rest well, and come back whenever you're ready.")


@on((Yes, Next, Resume), Phase.NEXT_JOURNEY, to=(*GUIDED, Phase.CLOSED))
def next_journey(t: Turn) -> Plan:
    journey = t.library.get(t.conversation.target)
    if journey is None or not journey.days:
        return t.end(PlanBuilder(), "That journey isn't available any more.")
    t.progress.switch_to(journey.id)
    if t.current() is not None:
        return t.offer_evening(PlanBuilder().say(f"Back to {journey.title}."), greet=False)
    return t.start_day(journey, t.next_day(journey) or journey.days[0],
                       PlanBuilder().say(f"Let's begin {journey.title}."))


@on((Stop, PauseEvent), to=Phase.CLOSED)
def stop(t: Turn) -> Plan:
    t.keep_place()
    who = lines.couple(t.progress.names)
    if isinstance(t.event, PauseEvent):
        return t.end(PlanBuilder(), "Paused. Your place is saved. When you're ready, say: Alexa, open Couple "
                                    "Journeys, and we'll carry on right there.")
    saved = " Your place is saved." if t.progress.position else ""
    return t.end(PlanBuilder(), f"Good night{', ' + who if who else ''}.{saved}")


@on(SessionEnded, to=Phase.CLOSED)
def session_ended(t: Turn) -> Plan:
    """No reply reaches the couple; only the place is brought up to what they heard."""
    t.keep_place()
    return t.end(PlanBuilder())


@on(Help, to=REASKED)
def help_here(t: Turn) -> Plan:
    phase = t.conversation.phase
    return t.reask(lines.HELP.get(phase, lines.HELP["closed"]) + lines.GLOBAL_HELP)


@on(HowAreWeDoing, to=REASKED)
def how_are_we_doing(t: Turn) -> Plan:
    p = t.progress
    said: list[str] = []
    here = t.current()
    if here is not None:
        journey, day, script, seg = here
        said.append(f"You're on Day {day.number} of {journey.title}, {lines.place(seg, script.prompts)}.")
    elif (journey := t.journey()) is not None:
        nxt = t.next_day(journey)
        said.append(f"You're on {journey.title}; next is Day {nxt.number}." if nxt
                    else f"You've completed every day written of {journey.title}.")
    done = p.completed_count()
    if done:
        said.append(f"You've completed {done} day{'s' if done != 1 else ''} so far.")
        streak = p.streak(t.today)
        if streak >= 2:
            said.append(f"Your streak is {streak} evenings in a row.")
        avg = p.average_checkin()
        if avg is not None:
            said.append(f"Your check-ins average {round(avg, 1):g} out of five.")
    else:
        said.append("You haven't completed a day yet.")
    return t.reask(*said)


@on(SetNames, to=REASKED)
def names_changed(t: Turn) -> Plan:
    first, second = (t.event.first or "").strip().title(), (t.event.second or "").strip().title()
    if not first and not second:
        return t.reask("Tell me both your first names, like: our names are Sam and Alex.")
    t.progress.names = [first, second]
    return t.reask(f"Got it: {lines.couple(t.progress.names)}.")


@on(SetTurnLength, to=REASKED)
def turn_length(t: Turn) -> Plan:
    asked = t.event.seconds
    if asked is None or asked <= 0:
        return t.reask(f"Each turn is {lines.duration(t.progress.turn_seconds)}. To change it, say for example: "
                       "make turns ninety seconds.")
    t.progress.turn_seconds = clamp_turn(asked)
    if t.progress.turn_seconds != asked:
        said = (f"Turns can be from {lines.duration(MIN_TURN_SECONDS)} to {lines.duration(MAX_TURN_SECONDS)}, "
                f"so each turn is now {lines.duration(t.progress.turn_seconds)}.")
    else:
        said = f"Done. Each turn is now {lines.duration(t.progress.turn_seconds)}."
    return t.reask(said)


@on(ListJourneys, to=REASKED)
def list_journeys(t: Turn) -> Plan:
    journeys = t.library.journeys
    if not journeys:
        return t.reask("There are no journeys yet.")
    titles = [j.title for j in journeys]
    listed = titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + ", and " + titles[-1]
    current = t.journey()
    count = "one journey" if len(titles) == 1 else f"{lines.number(len(titles))} journeys"
    said = f"There {'is' if len(titles) == 1 else 'are'} {count}: {listed}."
    if current is not None:
        said += f" You're on {current.title}."
    if len(titles) > 1:
        said += " To switch, say: start, and the journey's name."
    return t.reask(said)


@on(ChooseJourney, to=REASKED)
def choose_journey(t: Turn) -> Plan:
    chosen = match_journey(t.library, t.event.journey)
    if chosen is None:
        return list_journeys_after(t, "I don't know that journey.")
    if chosen.id == t.progress.journey_id and t.progress.position is not None:
        return t.reask(f"You're already on {chosen.title}.")
    t.progress.switch_to(chosen.id)
    return t.offer_evening(PlanBuilder().say(f"Switching to {chosen.title}."), greet=False, resume_now=False)


def list_journeys_after(t: Turn, said: str) -> Plan:
    titles = ", ".join(j.title for j in t.library.journeys)
    return t.reask(f"{said} The journeys are: {titles}.")


def match_journey(library: Library, words: str) -> Journey | None:
    import difflib  # only when a couple names a journey; not worth its import on every cold start

    words = (words or "").strip().lower()
    if not words:
        return None
    for j in library.journeys:
        if words in (j.id, j.title.lower()) or words.replace(" ", "-") == j.id:
            return j
    titles = {j.title.lower(): j for j in library.journeys}
    close = difflib.get_close_matches(words, list(titles), n=1, cutoff=0.6)
    if close:
        return titles[close[0]]
    contains = [j for j in library.journeys if words in j.title.lower() or j.title.lower() in words]
    return contains[0] if len(contains) == 1 else None


@on(ResetProgress, to=Phase.CONFIRM_RESET)
def reset_asked(t: Turn) -> Plan:
    c = t.conversation
    if c.phase != Phase.CONFIRM_RESET:
        c.back, c.back_ask = c.phase.value, c.ask
    return t.listen(PlanBuilder(), Phase.CONFIRM_RESET, "This erases your names, your settings, and every day "
                                                        "you've completed. Are you sure?")


@on(Yes, Phase.CONFIRM_RESET, to=Phase.CLOSED)
def reset_confirmed(t: Turn) -> Plan:
    t.state.progress = Progress()
    t.erase = True
    return t.end(PlanBuilder(), "Done. Everything is erased. Whenever you'd like to start fresh, just open "
                                "Couple Journeys.")


@on((No, Next, Previous, StartOver, CheckIn, NotUnderstood), Phase.CONFIRM_RESET, to=(*Phase,))
def reset_declined(t: Turn) -> Plan:
    c = t.conversation
    c.phase = Phase(c.back) if c.back in Phase._value2member_map_ else Phase.CLOSED
    c.ask = c.back_ask
    return t.reask("Okay, nothing was erased.")


@on((NotUnderstood, Yes, No, Next, Previous, Repeat, Resume, StartOver, CheckIn), to=(*REASKED, *LAUNCHED))
def not_understood(t: Turn) -> Plan:
    phase = t.conversation.phase
    if phase == Phase.CLOSED:
        return launch(t)
    return t.reask("Sorry, I didn't catch that. " + lines.REPROMPTS.get(phase, ""))
