"""Opening: the welcome and the couple's names, tonight's offer, a content note, a day finished earlier
today, the next journey, and coming back after a gap."""

from ...journeys import Day, Journey
from ...speech.plan import Plan, PlanBuilder
from ..events import (
    CheckIn,
    Launch,
    Next,
    No,
    Previous,
    Repeat,
    Resume,
    SetNames,
    Skip,
    StartOver,
    Yes,
)
from ..names import clean, same_name
from ..playing import play, start_day
from ..replies import not_understood, reask
from ..script import LEARN, DayScript
from ..state import GONE, GUIDED, LAUNCHED, OFFERS, PLAYED, SAME, STARTED, Phase
from ..step import Step
from ..table import on
from ..tonight import at_place, begin_first_day, begin_offer, offer_evening, open_session


@on(Launch, to=(*LAUNCHED, Phase.RETURNING))  # RETURNING: back after a gap (coming back, below)
def launch(s: Step) -> Plan:
    return open_session(s)


@on((Resume, Next, Yes), Phase.CLOSED, to=LAUNCHED)
def open_and_carry_on(s: Step) -> Plan:
    """"Alexa, tell couple journeys to resume": a new session, opened as a launch (a recap and "ready?")."""
    return open_session(s)


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


@on((Yes, Next, Resume, Previous), Phase.OFFER, to=(*PLAYED, *STARTED, *OFFERS))
def offer_accepted(s: Step) -> Plan:
    s.conversation.ready = True  # yes to carrying on: the step waiting for them may be a timed one
    return begin_offer(s)


@on(Skip, Phase.OFFER, to=(*PLAYED, Phase.REVISIT, Phase.NEXT_JOURNEY, Phase.CLOSED, SAME))
def offer_taken_to_the_activity(s: Step) -> Plan:
    """"Skip the lesson" to tonight's offer: yes, straight to the activity. A bare "skip" there is not
    understood (it might mean tonight)."""
    if s.event.what != "lesson":
        return not_understood(s)
    plan = begin_offer(s)
    if s.conversation.phase in (Phase.LEARNING, Phase.CONTENT_NOTE):
        return note_skipped(s)
    return plan


@on(No, Phase.OFFER, to=Phase.CLOSED)
def offer_declined(s: Step) -> Plan:
    return s.end(PlanBuilder(), s.text("leave.declined"))


@on((Yes, Next, Resume), Phase.CONTENT_NOTE, to=(Phase.LEARNING, Phase.CHECK_IN, *GONE))
@at_place
def note_heard(s: Step, journey: Journey, day: Day, script: DayScript) -> Plan:
    return play(s, journey, day, script.first, PlanBuilder())


@on((No, Skip), Phase.CONTENT_NOTE, to=(*PLAYED, *GONE))
@at_place
def note_skipped(s: Step, journey: Journey, day: Day, script: DayScript) -> Plan:
    after = next(seg.key for seg in script.segments if seg.kind != LEARN)
    s.conversation.skipped_lesson = True
    return play(s, journey, day, after, PlanBuilder().say(s.text("note.skipped")))


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


# -- coming back after a gap (history.welcome_after_gap asks) --------------------------------------------
@on((Yes, Next, Resume), Phase.RETURNING,  # OFFER…CLOSED: the place was edited away since the question
    to=(*GUIDED, Phase.CHECK_IN, Phase.CONTENT_NOTE, Phase.OFFER, Phase.REVISIT, Phase.NEXT_JOURNEY, Phase.CLOSED))
def returning_pick_up(s: Step) -> Plan:
    s.conversation.ready = True
    return offer_evening(s, PlanBuilder(), greet=False)


@on((StartOver, Previous), Phase.RETURNING,
    to=(*STARTED, *OFFERS))
@at_place
def returning_start_over(s: Step, journey: Journey, day: Day, script: DayScript) -> Plan:
    return start_day(s, journey, day, PlanBuilder().say(s.text("day.starting_again", number=day.number)))


@on(No, Phase.RETURNING, to=Phase.CLOSED)
def returning_not_now(s: Step) -> Plan:
    return s.end(PlanBuilder(), s.text("leave.rest_well"))


@on((Repeat, CheckIn), Phase.RETURNING, to=SAME)
def returning_again(s: Step) -> Plan:
    return reask(s)
