"""The rules of the evening's flow: opening, names, the offer, the guided parts, the check-in, and what
comes after a day or a journey is done."""

from ..speech.plan import Plan, PlanBuilder
from .evening import begin_offer, complete_day, offer_evening, play, reask, start_day
from .events import (
    CheckIn,
    Launch,
    Next,
    No,
    NotUnderstood,
    Previous,
    Repeat,
    Resume,
    SetNames,
    StartOver,
    Yes,
)
from .rules import on
from .script import CHECKIN
from .state import GUIDED, SAME, Conversation, Phase
from .step import Step

LAUNCHED = (Phase.NAMES, Phase.OFFER, *GUIDED, Phase.CHECK_IN, Phase.REVISIT, Phase.NEXT_JOURNEY, Phase.CLOSED)
STARTED = (Phase.LEARNING, Phase.CLOSED)  # every day opens with its lesson (CLOSED: no journey to play)
OFFERS = (Phase.OFFER, Phase.REVISIT, Phase.NEXT_JOURNEY)  # what is offered when there is no place to resume
OFFERED = (*GUIDED, Phase.CHECK_IN, Phase.OFFER, Phase.REVISIT, Phase.NEXT_JOURNEY, Phase.CLOSED)


@on(Launch, to=(*LAUNCHED, Phase.RETURNING))  # RETURNING: back after a gap (between.py)
def launch(s: Step) -> Plan:
    s.conversation.__dict__.update(Conversation().__dict__)
    if not s.progress.names:
        return s.listen(PlanBuilder().say(s.text("welcome.first")), Phase.NAMES, s.text("welcome.ask_names"))
    return offer_evening(s, PlanBuilder())


@on((Resume, Next, Yes), Phase.CLOSED, to=LAUNCHED)
def open_and_carry_on(s: Step) -> Plan:
    """"Alexa, tell couple journeys to resume": a new session straight into the evening."""
    return launch(s)


@on(SetNames, Phase.NAMES, to=STARTED)
def names_given(s: Step) -> Plan:
    first, second = (s.event.first or "").strip().title(), (s.event.second or "").strip().title()
    s.progress.names = [first, second]
    greeting = s.text("names.lovely", couple=s.couple()) if first or second else ""
    return begin_first_day(s, greeting)


@on((No, Next), Phase.NAMES, to=STARTED)
def names_skipped(s: Step) -> Plan:
    s.progress.names = ["", ""]
    return begin_first_day(s, s.text("names.skipped"))


def begin_first_day(s: Step, said: str) -> Plan:
    journey = s.journey()
    if journey is None or not journey.days:
        return s.end(PlanBuilder(), s.text("welcome.no_journeys"))
    b = PlanBuilder().say(said, s.text("welcome.privacy"), s.text("welcome.begin_journey", title=journey.title))
    return start_day(s, journey, journey.days[0], b)


@on((Yes, NotUnderstood, CheckIn), Phase.NAMES, to=SAME)
def names_again(s: Step) -> Plan:
    return s.listen(PlanBuilder().say(s.text("names.missed")), Phase.NAMES, s.text("reprompt.names"))


@on((Yes, Next, Resume), Phase.OFFER, to=OFFERED)
def offer_accepted(s: Step) -> Plan:
    return begin_offer(s)


@on((StartOver, Previous), Phase.OFFER, to=OFFERED)
def offer_from_the_start(s: Step) -> Plan:
    return begin_offer(s)


@on(No, Phase.OFFER, to=Phase.CLOSED)
def offer_declined(s: Step) -> Plan:
    return s.end(PlanBuilder(), s.text("leave.declined"))


@on((Next, Yes), GUIDED, to=(*GUIDED, Phase.CHECK_IN))
def go_on(s: Step) -> Plan:
    here = s.current()
    if here is None:
        return offer_evening(s, PlanBuilder(), greet=False)
    journey, day, script, _ = here
    playing = s.playing()
    if script.find(playing) is None:  # nothing playing, or a segment the journey no longer has
        playing = None
    target = script.find(playing and script.after(playing)) or script.find(s.conversation.after)
    if target is None:
        return reask(s)
    return play(s, journey, day, target.key, PlanBuilder())


@on(No, GUIDED, to=SAME)
def not_yet(s: Step) -> Plan:
    return reask(s, s.text("leave.no_rush"))


@on(Previous, (*GUIDED, Phase.CHECK_IN), to=(*GUIDED, Phase.CHECK_IN))
def go_back(s: Step) -> Plan:
    here = s.current()
    if here is None:
        return offer_evening(s, PlanBuilder(), greet=False)
    journey, day, script, _ = here
    ref = s.playing() or s.conversation.start or script.first
    if s.conversation.phase == Phase.CHECK_IN and not s.playing():
        ref = CHECKIN
    if script.find(ref) is None:
        ref = script.first
    back = script.previous_group(ref)
    if back is None:
        return play(s, journey, day, script.first, PlanBuilder().say(s.text("day.start_of_day", number=day.number)))
    return play(s, journey, day, back, PlanBuilder())


@on((Repeat, Resume), GUIDED, to=(*GUIDED, Phase.CHECK_IN))
def repeat_segment(s: Step) -> Plan:
    """Repeat what was playing (or the last response); "resume" after a response has ended goes on."""
    here = s.current()
    if here is None:
        return offer_evening(s, PlanBuilder(), greet=False)
    journey, day, script, _ = here
    if isinstance(s.event, Resume) and not s.playing():
        return go_on(s)
    key = s.playing() or s.conversation.start
    if script.find(key) is None:
        key = script.first
    return play(s, journey, day, key, PlanBuilder(), move=False)


@on(StartOver, (*GUIDED, Phase.CHECK_IN, Phase.CLOSED), to=(Phase.LEARNING, Phase.NAMES, *OFFERS, Phase.CLOSED))
def start_over(s: Step) -> Plan:
    here = s.current()
    if here is None:
        return launch(s) if s.conversation.phase == Phase.CLOSED else offer_evening(s, PlanBuilder(), greet=False)
    journey, day, _, _ = here
    return start_day(s, journey, day, PlanBuilder().say(s.text("day.starting_again", number=day.number)))


@on(CheckIn, (*GUIDED, Phase.CHECK_IN), to=(Phase.CLOSED, Phase.REMINDER_OFFER, SAME))
def checked_in(s: Step) -> Plan:
    score = s.event.score
    if s.conversation.phase != Phase.CHECK_IN:
        return reask(s, s.text("checkin.not_yet"))
    if score is None or not 1 <= score <= 5:
        return s.listen(PlanBuilder().say(s.text("checkin.any_number")), Phase.CHECK_IN, s.text("checkin.again"))
    return complete_day(s, score)


@on((Next, No), Phase.CHECK_IN, to=(Phase.CLOSED, Phase.REMINDER_OFFER))
def checkin_skipped(s: Step) -> Plan:
    return complete_day(s, None)


@on(Yes, Phase.CHECK_IN, to=SAME)
def checkin_yes(s: Step) -> Plan:
    return s.listen(PlanBuilder(), Phase.CHECK_IN, s.text("checkin.on_yes"))


@on(Repeat, (Phase.NAMES, Phase.OFFER, Phase.CHECK_IN, Phase.REVISIT, Phase.NEXT_JOURNEY, Phase.CONFIRM_RESET),
    to=SAME)
@on(Resume, (Phase.NAMES, Phase.CHECK_IN, Phase.CONFIRM_RESET), to=SAME)
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


@on((Yes, Next, Resume), Phase.NEXT_JOURNEY, to=(*GUIDED, Phase.CHECK_IN, Phase.CLOSED))
def next_journey(s: Step) -> Plan:
    journey = s.library.get(s.conversation.target)
    if journey is None or not journey.days:
        return s.end(PlanBuilder(), s.text("journeys.gone"))
    s.progress.switch_to(journey.id)
    if s.current() is not None:
        return offer_evening(s, PlanBuilder().say(s.text("journeys.back_to", title=journey.title)), greet=False)
    return start_day(s, journey, s.next_day(journey) or journey.days[0],
                     PlanBuilder().say(s.text("welcome.begin_journey", title=journey.title)))
