"""During the day: the guided parts — go on, skip, not yet, go back, repeat, the lesson again, start
the day over — and the check-in asked for too early."""

from ...journeys import Day, Journey
from ...speech.plan import Plan, PlanBuilder
from ..again import give_back, interrupted
from ..choosing import ask
from ..events import (
    CheckIn,
    Next,
    No,
    Previous,
    ReadLessonAgain,
    Repeat,
    Resume,
    Skip,
    StartOver,
    Yes,
)
from ..playing import play, question_line, start_day
from ..replies import reask
from ..script import ACTIVITY, CHECKIN, LEARN, QUESTION, TURN, DayScript
from ..state import GONE, GUIDED, OFFERS, PLAYED, SAME, STARTED, Phase
from ..step import Step
from ..table import on
from ..tonight import at_place, begin_offer


@on((Next, Yes), GUIDED, to=(*PLAYED, *GONE))
@at_place
def go_on(s: Step, journey: Journey, day: Day, script: DayScript) -> Plan:
    s.conversation.ready = True  # next, ready, yes: they are ready for what comes
    seg = interrupted(s)
    if isinstance(s.event, Yes) and s.playing() and seg is not None and seg.kind in (TURN, QUESTION):
        return reask(s)  # a "yes" said over a turn or a discussion is no "next": it comes again from the top
    if s.conversation.pending == "tears":  # "pause, or carry on?" — a yes is neither: asked once more
        if isinstance(s.event, Yes):
            return s.listen(PlanBuilder(), s.conversation.phase, s.text("reprompt.after_tears"))
        s.conversation.pending = ""
    if s.conversation.again and not s.playing():  # held while they were asked something ("carry on")
        given = give_back(s, PlanBuilder())
        if given is not None:
            return given
    playing = s.playing()
    if script.find(playing) is None:  # nothing playing, or a segment the journey no longer has
        playing = None
    target = script.find(playing and script.after(playing)) or script.find(s.conversation.after)
    if target is None:
        return reask(s)
    return play(s, journey, day, target.key, PlanBuilder())


@on(Skip, GUIDED, to=(*PLAYED, *GONE))
@at_place
def skip_ahead(s: Step, journey: Journey, day: Day, script: DayScript) -> Plan:
    """"Skip the lesson" (or skip while it is read) → the activity; "skip this question" → the next one."""
    what = s.event.what or ("lesson" if s.conversation.phase == Phase.LEARNING else "")
    ref = s.playing() or s.conversation.after or script.first
    i = script.positions.get(ref, 0)
    if what == "lesson":
        target = next((seg for seg in script.segments if seg.kind != LEARN), None)
        s.conversation.skipped_lesson = True
    elif what == "question" and script.find(ref) is not None and script.find(ref).kind == QUESTION:
        current = ref if s.playing() else script.segments[max(0, i - 1)].key
        target = script.find(script.after(current))
        s.conversation.skipped += 1
    else:
        return go_on(s)
    if target is None or target.kind == LEARN:
        return go_on(s)
    return play(s, journey, day, target.key, PlanBuilder())


@on(No, GUIDED, to=SAME)
def not_yet(s: Step) -> Plan:
    s.counted = True
    s.conversation.misses += 1
    if s.conversation.misses >= 2:
        return reask(s, s.text(f"choices.{s.moment()}"))
    return reask(s, s.text("leave.no_rush"))


@on(Previous, PLAYED, to=(*PLAYED, *GONE))
@at_place
def go_back(s: Step, journey: Journey, day: Day, script: DayScript) -> Plan:
    """One step back: the previous lesson part, sentence or question (only that step)."""
    playing = s.playing()
    if script.find(playing) is not None:
        ref = playing
    else:  # the step before the one just heard (at the check-in: the last question)
        ref = CHECKIN if s.conversation.phase == Phase.CHECK_IN else s.conversation.start
    if script.find(ref) is None:
        ref = script.first
    back = script.previous_unit(ref)
    if back is None:
        return play(s, journey, day, script.first,
                    PlanBuilder().say(s.text("day.start_of_day", number=day.number)), single=True)
    if script.find(back).kind == LEARN and script.find(ref).kind != LEARN and s.conversation.skipped_lesson:
        # a lesson they chose to skip is not walked back into
        first = script.unit_start(ref)
        return play(s, journey, day, first, PlanBuilder().say(s.text("day.start_of_activity")), single=True,
                    again=True)
    return play(s, journey, day, back, PlanBuilder(), single=True, again=True)  # the instructions were heard


@on((Repeat, Resume), GUIDED, to=(*PLAYED, *GONE))
@at_place
def repeat_step(s: Step, journey: Journey, day: Day, script: DayScript) -> Plan:
    """The smallest unit again: the step playing when they spoke — for a turn, the turn of the one whose turn
    it is — given back from its start with its time; else the last one heard: a lesson part is read again, a
    sentence or question is said again without its timed silence."""
    given = give_back(s, PlanBuilder())
    if given is not None:
        return given
    if isinstance(s.event, Resume):
        return go_on(s)
    last = script.find(s.conversation.timeline[-1][1]) if s.conversation.timeline else None
    if last is None:  # nothing of the day was played in the last reply ("say ready"): its question again
        return reask(s)
    if last.kind in (LEARN, ACTIVITY):
        return play(s, journey, day, last.key, PlanBuilder(), single=True, move=False)
    if last.kind == TURN:
        return reask(s, s.text("repeat.sentence", prompt=last.prompt.text))
    return reask(s, question_line(s, last)) if last.kind == QUESTION else reask(s)


@on(ReadLessonAgain, PLAYED, to=(Phase.LEARNING, Phase.CHECK_IN, *GONE))  # CHECK_IN: a lesson alone
@at_place
def read_lesson_again(s: Step, journey: Journey, day: Day, script: DayScript) -> Plan:
    return play(s, journey, day, script.first, PlanBuilder())


@on(StartOver, PLAYED, to=(Phase.CHOOSING, *GONE))
@at_place
def start_over_asked(s: Step, journey: Journey, day: Day, script: DayScript) -> Plan:
    """"Start over" in the middle of a day asks first: tonight's place would be lost ("no" comes back)."""
    return ask(s, "restart", s.text("restart.ask", number=day.number))


@on(StartOver, (Phase.CLOSED, Phase.CONTENT_NOTE, Phase.OFFER), to=(*STARTED, Phase.NAMES, *OFFERS))
def start_over(s: Step) -> Plan:
    """The day from its beginning: before it has begun, or at "ready to carry on?" ("start the day over")."""
    if s.current() is None and s.conversation.phase == Phase.OFFER:  # the offer of a new day: yes to it
        s.conversation.ready = True
        return begin_offer(s)
    return _start_over(s)


@at_place
def _start_over(s: Step, journey: Journey, day: Day, script: DayScript) -> Plan:
    s.conversation.opened = ""
    return start_day(s, journey, day, PlanBuilder().say(s.text("day.starting_again", number=day.number)))


@on(CheckIn, GUIDED, to=SAME)
def check_in_too_early(s: Step) -> Plan:
    """A number before the check-in is kept for the end; words ("not great") are heard first, warmly."""
    return reask(s, s.text("checkin.heard_early" if s.event.felt else "checkin.not_yet"))


@on(Repeat, Phase.CHECK_IN, to=SAME)
def repeat_at_check_in(s: Step) -> Plan:
    """"What was the question?" barged in while they talk over the last question (its response ends with the
    check-in): that question again, with its time; after the response, the check-in question."""
    return repeat_step(s) if interrupted(s) is not None else reask(s)
