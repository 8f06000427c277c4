"""The rules of the evening's flow: opening, names, the offer, a content note, the guided parts, the
check-in, and what comes after a day or a journey is done."""

from collections.abc import Callable
from functools import wraps

from ..journeys import Day, Journey
from ..speech.plan import Plan, PlanBuilder
from .again import give_back, interrupted
from .evening import play, question_line, start_day
from .events import (
    CheckIn,
    Launch,
    Next,
    No,
    Previous,
    ReadLessonAgain,
    Repeat,
    Resume,
    SetNames,
    Skip,
    StartOver,
    Yes,
)
from .names import clean, same_name
from .offers import begin_offer, offer_evening, reask
from .rules import on
from .script import ACTIVITY, CHECKIN, LEARN, QUESTION, TURN, DayScript
from .state import GUIDED, SAME, Conversation, Phase
from .step import Step


def at_place(rule: Callable[[Step, Journey, Day, DayScript], Plan]) -> Callable[[Step], Plan]:
    """A rule that works on the couple's place: when the journey was edited away since the last request, the
    evening is offered afresh instead."""
    @wraps(rule)
    def run(s: Step) -> Plan:
        here = s.current()
        if here is None:
            return offer_evening(s, PlanBuilder(), greet=False)
        journey, day, script, _ = here
        return rule(s, journey, day, script)
    return run


OFFERS = (Phase.OFFER, Phase.REVISIT, Phase.NEXT_JOURNEY)  # what is offered when there is no place to resume
LAUNCHED = (Phase.NAMES, *OFFERS, Phase.CHECK_IN, Phase.CLOSED)  # opening never starts anything timed
STARTED = (Phase.LEARNING, Phase.CONTENT_NOTE, Phase.CLOSED)  # a day opens with its lesson or its note
PLAYED = (*GUIDED, Phase.CHECK_IN)  # what playing part of a day leads to
GONE = (*OFFERS, Phase.CLOSED)  # the place was edited away between two requests: offered afresh


@on(Launch, to=(*LAUNCHED, Phase.RETURNING))  # RETURNING: back after a gap (between.py)
def launch(s: Step) -> Plan:
    s.conversation.__dict__.update(Conversation().__dict__)
    if not s.progress.names:
        return s.listen(PlanBuilder().say(s.text("welcome.first")), Phase.NAMES, s.text("welcome.ask_names"),
                        again=s.text("welcome.names_again"))
    return offer_evening(s, PlanBuilder(), resume_now=False)


@on((Resume, Next, Yes), Phase.CLOSED, to=LAUNCHED)
def open_and_carry_on(s: Step) -> Plan:
    """"Alexa, tell couple journeys to resume": a new session, opened as a launch (a recap and "ready?")."""
    return launch(s)


@on(SetNames, Phase.NAMES, to=(Phase.NAMES, *STARTED))
def names_given(s: Step) -> Plan:
    """Names when asked: both → the evening begins; one → ask the partner's; the same twice → tell apart."""
    c, t = s.conversation, s.text
    given = [n for n in (clean(s.event.first, t), clean(s.event.second, t)) if n]
    names = ([c.partial] if c.partial else []) + given
    if len(names) >= 2 and same_name(names[0], names[1]):
        if c.misses:  # told apart once already: go on with the one name
            s.progress.names, c.partial = [names[0], ""], ""
            return begin_first_day(s, t("names.just_one", name=names[0]))
        s.counted = True
        c.partial, c.misses = names[0], 1
        return s.listen(PlanBuilder(), Phase.NAMES, t("names.same", name=names[0]), again=c.ask,
                        reprompt=t("names.same", name=names[0]))
    if len(names) >= 2:
        s.progress.names, c.partial = names[:2], ""
        return begin_first_day(s, t("names.lovely", couple=s.couple()))
    if names:
        c.partial = names[0]
        return s.listen(PlanBuilder(), Phase.NAMES, t("names.partner", name=names[0]), again=t("names.partner_again"),
                        reprompt=t("names.partner_again"))
    s.counted = True
    c.misses += 1
    return s.listen(PlanBuilder().say(t("names.missed")), Phase.NAMES,
                    t("names.ask_again" if c.misses < 2 else "names.or_skip"), again=c.ask)


@on((No, Next, Skip), Phase.NAMES, to=STARTED)
def names_skipped(s: Step) -> Plan:
    one = s.conversation.partial
    s.progress.names, s.conversation.partial = [one, ""], ""
    return begin_first_day(s, s.text("names.just_one", name=one) if one else s.text("names.skipped"))


def begin_first_day(s: Step, said: str) -> Plan:
    journey = s.journey()
    if journey is None or not journey.days:
        return s.end(PlanBuilder(), s.text("welcome.no_journeys"))
    b = PlanBuilder().say(said, s.text("welcome.privacy"), s.text("welcome.begin_journey", title=journey.title))
    return start_day(s, journey, journey.days[0], b)


@on((Yes, Next, Resume, Previous), Phase.OFFER, to=(*PLAYED, *STARTED, *OFFERS))
def offer_accepted(s: Step) -> Plan:
    s.conversation.ready = True  # yes to carrying on: the step waiting for them may be a timed one
    return begin_offer(s)


@on(Skip, Phase.OFFER, to=(Phase.LEARNING, Phase.TURNS, Phase.REFLECTION, Phase.REVISIT, Phase.NEXT_JOURNEY,
                          Phase.CLOSED, SAME))
def offer_taken_to_the_activity(s: Step) -> Plan:
    """"Skip the lesson" to tonight's offer: yes, straight to the activity. A bare "skip" there is not
    understood (it might mean tonight)."""
    if s.event.what != "lesson":
        from .anytime import not_understood
        return not_understood(s)
    plan = begin_offer(s)
    if s.conversation.phase in (Phase.LEARNING, Phase.CONTENT_NOTE):
        return note_skipped(s)
    return plan


@on(No, Phase.OFFER, to=Phase.CLOSED)
def offer_declined(s: Step) -> Plan:
    return s.end(PlanBuilder(), s.text("leave.declined"))


@on((Yes, Next, Resume), Phase.CONTENT_NOTE, to=(Phase.LEARNING, *GONE))
@at_place
def note_heard(s: Step, journey: Journey, day: Day, script: DayScript) -> Plan:
    return play(s, journey, day, script.first, PlanBuilder())


@on((No, Skip), Phase.CONTENT_NOTE, to=(Phase.LEARNING, Phase.TURNS, Phase.REFLECTION, *GONE))
@at_place
def note_skipped(s: Step, journey: Journey, day: Day, script: DayScript) -> Plan:
    after = next(seg.key for seg in script.segments if seg.kind != LEARN)
    return play(s, journey, day, after, PlanBuilder().say(s.text("note.skipped")))


@on((Next, Yes), GUIDED, to=(*PLAYED, *GONE))
@at_place
def go_on(s: Step, journey: Journey, day: Day, script: DayScript) -> Plan:
    s.conversation.ready = True  # next, ready, yes: they are ready for what comes
    seg = interrupted(s)
    if isinstance(s.event, Yes) and s.playing() and seg is not None and seg.kind in (TURN, QUESTION):
        return reask(s)  # a "yes" said over a turn or a discussion is no "next": it comes again from the top
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
    return play(s, journey, day, back, PlanBuilder(), single=True)


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
    if last is None or last.kind in (LEARN, ACTIVITY):
        return play(s, journey, day, last.key if last else script.first, PlanBuilder(), single=True, move=False)
    if last.kind == TURN:
        return reask(s, s.text("repeat.sentence", prompt=last.prompt.text))
    return reask(s, question_line(s, last)) if last.kind == QUESTION else reask(s)


@on(ReadLessonAgain, PLAYED, to=(Phase.LEARNING, *GONE))
@at_place
def read_lesson_again(s: Step, journey: Journey, day: Day, script: DayScript) -> Plan:
    return play(s, journey, day, script.first, PlanBuilder())


@on(StartOver, PLAYED, to=(Phase.CHOOSING, *GONE))
def start_over_asked(s: Step) -> Plan:
    """"Start over" in the middle of a day asks first: tonight's place would be lost."""
    here = s.current()
    if here is None:
        return offer_evening(s, PlanBuilder(), greet=False)
    from .choices import ask  # a choice asked in passing: "no" comes back to exactly where they were
    return ask(s, "restart", s.text("restart.ask", number=here[1].number))


@on(StartOver, (Phase.CLOSED, Phase.CONTENT_NOTE, Phase.OFFER), to=(*STARTED, Phase.NAMES, *OFFERS))
def start_over(s: Step) -> Plan:
    """The day from its beginning: before it has begun, or at "ready to carry on?" ("start the day over")."""
    here = s.current()
    if here is None and s.conversation.phase == Phase.OFFER:
        s.conversation.ready = True
        return begin_offer(s)
    if here is None:
        return launch(s) if s.conversation.phase == Phase.CLOSED else offer_evening(s, PlanBuilder(), greet=False)
    journey, day, _, _ = here
    s.conversation.opened = ""
    return start_day(s, journey, day, PlanBuilder().say(s.text("day.starting_again", number=day.number)))


@on(CheckIn, GUIDED, to=SAME)
def check_in_too_early(s: Step) -> Plan:
    return reask(s, s.text("checkin.not_yet"))


@on(Repeat, Phase.CHECK_IN, to=SAME)
def repeat_at_check_in(s: Step) -> Plan:
    """"What was the question?" barged in while they talk over the last question (its response ends with the
    check-in): that question again, with its time; after the response, the check-in question."""
    here, playing = s.current(), s.playing()
    if here is not None and here[2].find(playing) is not None:
        return repeat_step(s)
    return reask(s)


@on(Repeat, (Phase.NAMES, *OFFERS, Phase.CONTENT_NOTE, Phase.CONFIRM_NAMES, Phase.CONFIRM_RESET), to=SAME)
@on(Resume, (Phase.NAMES, Phase.CHECK_IN, Phase.CONFIRM_NAMES, Phase.CONFIRM_RESET), to=SAME)
def ask_again(s: Step) -> Plan:
    return reask(s)


@on((Yes, Next, Resume), Phase.REVISIT, to=STARTED)
def revisit_go_on(s: Step) -> Plan:
    jid, _, day_number = s.conversation.target.partition(":")
    journey = s.library.get(jid)
    nxt = s.next_day(journey) if journey else None
    if nxt is None or str(nxt.number) != day_number:
        return s.end(PlanBuilder(), s.text("leave.rest_well"))
    return start_day(s, journey, nxt)


@on((StartOver, Previous), Phase.REVISIT, to=STARTED)
def revisit_again(s: Step) -> Plan:
    last = s.progress.last_completion()
    jid = s.conversation.target.partition(":")[0]
    journey = s.library.get(jid) or s.journey()
    if journey is None or not journey.days:  # the journey went away between two requests
        return offer_evening(s, PlanBuilder(), greet=False)
    day = (journey.day(last.day) if last else None) or journey.days[-1]
    return start_day(s, journey, day, PlanBuilder().say(s.text("day.revisit", number=day.number)))


@on(No, (Phase.REVISIT, Phase.NEXT_JOURNEY), to=Phase.CLOSED)
def not_tonight(s: Step) -> Plan:
    return s.end(PlanBuilder(), s.text("leave.rest_well"))


@on((Yes, Next, Resume, StartOver), Phase.NEXT_JOURNEY, to=(*PLAYED, *STARTED))
def next_journey(s: Step) -> Plan:
    """Yes to the next journey (or to the same one again): its saved place, its next day, or its Day 1."""
    journey = s.library.get(s.conversation.target)
    if journey is None or not journey.days:
        return s.end(PlanBuilder(), s.text("journeys.gone"))
    s.progress.switch_to(journey.id)
    if s.current() is not None:
        return offer_evening(s, PlanBuilder().say(s.text("journeys.back_to", title=journey.title)), greet=False)
    return start_day(s, journey, s.next_day(journey) or journey.days[0],
                     PlanBuilder().say(s.text("welcome.begin_journey", title=journey.title)))
