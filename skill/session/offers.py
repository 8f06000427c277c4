"""What the couple is offered when a session opens or an answer leaves nothing playing: carry on where
they stopped (after a recap and a "ready?"), the next day, a day finished earlier today, the next journey
or the same one again — and how a day and a journey close."""

from datetime import date, datetime

from ..journeys import Journey
from ..speech.plan import Plan, PlanBuilder
from . import between, care
from .again import give_back
from .evening import content_note, place, play, start_day, still_to_come
from .script import CHECKIN
from .state import Phase
from .step import Step


def reask(s: Step, *before: str) -> Plan:
    """Say something, then ask again whatever the couple was last asked — or, when they spoke over a turn, a
    discussion or a lesson part, give that step back from its start."""
    given = give_back(s, PlanBuilder().say(*before))
    if given is not None:
        return given
    phase = s.conversation.phase
    if phase == Phase.CLOSED:  # a one-shot question ("ask couple journeys where we are"): offer after it
        return offer_evening(s, PlanBuilder().say(*before), greet=False, resume_now=False, recap=False)
    return s.listen(PlanBuilder().say(*before), phase, s.conversation.ask or s.reprompt(phase))


def offer_evening(s: Step, builder: PlanBuilder, greet: bool = True, resume_now: bool = True,
                  recap: bool = True) -> Plan:
    """Opening, or carrying on after a question. A saved place is recapped (unless the answer before it just
    said where they are) and offered ("ready?") unless the couple just said yes to it (`resume_now`)."""
    t = s.text
    if greet:
        who = s.couple()
        builder.say(t("welcome.back", couple=who) if who else t("welcome.back_anonymous"))
    journey = s.journey()
    if s.progress.position is None and journey is not None and journey.id in s.progress.parked:
        s.progress.switch_to(journey.id)
    here = s.current()
    if here is not None and here[3].kind == CHECKIN and left_open(s):
        journey, day, _, _ = here  # last evening's check-in is not tonight's: that day is done
        s.progress.complete(journey.id, day.number, left_open(s), None)
        s.progress.position, here = None, None
        builder.say(t("day.finished_last_time", number=day.number))
    if greet and (returning := between.welcome_after_gap(s, builder)) is not None:
        return returning
    if here is not None:
        journey, day, script, seg = here
        if seg.kind == CHECKIN:
            s.conversation.start = s.conversation.after = CHECKIN
            return s.listen(builder, Phase.CHECK_IN, t("day.at_checkin", number=day.number))
        if resume_now and seg.key == script.first and content_note(journey, day):
            return start_day(s, journey, day, builder)  # not begun: tonight's plan and the note come first
        if resume_now:
            return play(s, journey, day, seg.key, builder)
        s.conversation.target = ""
        if recap:
            builder.say(t("day.recap", number=day.number, title=day.title, place=place(s, seg, script.prompts)),
                        still_to_come(s, script, seg.key))
        return s.listen(builder, Phase.OFFER, t("day.ready"))
    if journey is None:
        return s.end(builder, t("welcome.no_journeys"))
    return offer_next(s, journey, builder)


def shared(s: Step, sentences: int, questions: int) -> str:
    """What they shared tonight, counted as people count: nothing said of what there was none of, and a
    question they skipped is not one they talked through."""
    t = s.text
    questions = max(0, questions - s.conversation.skipped)
    said = {"sentences": t.count("complete.sentences", sentences),
            "questions": t.count("complete.questions", questions)}
    if sentences and questions:
        return t("complete.shared_both", **said)
    if sentences or questions:
        return t("complete.shared_sentences" if sentences else "complete.shared_questions", **said)
    return ""


def left_open(s: Step) -> date | None:
    """The evening the couple last got as far as (their last change), if it was before today."""
    try:
        last = datetime.fromisoformat(s.progress.updated).astimezone(s.now.tzinfo).date()
    except (TypeError, ValueError):
        return None
    return last if last < s.today else None


def offer_next(s: Step, journey: Journey, builder: PlanBuilder, again: bool = False) -> Plan:
    """No saved place: a day finished earlier today (go on, or revisit it?), the next day, or — the journey
    done — the next journey by sequence, or this one again (`again`: the couple asked for this one)."""
    t = s.text
    last = s.progress.last_completion()
    nxt = s.next_day(journey)
    if last is not None and last.on == s.today.isoformat() and nxt is not None and not again:
        s.conversation.target = f"{journey.id}:{nxt.number}"
        return s.listen(builder, Phase.REVISIT, t("day.finished_today", done=last.day, next=nxt.number))
    if nxt is None:
        following = None if again else next_journey_for(s, journey)
        s.conversation.target = (following or journey).id
        more = more_to_come(journey)
        said = t("day.all_written" if more else "day.all_done", title=journey.title)
        if following is not None:
            return s.listen(builder.say(said), Phase.NEXT_JOURNEY, t("journeys.offer_next", title=following.title))
        return s.listen(builder.say(said), Phase.NEXT_JOURNEY, t("journeys.offer_again", title=journey.title))
    s.conversation.target = f"{journey.id}:{nxt.number}"
    s.conversation.opened = s.conversation.target
    s.progress.switch_to(journey.id)
    minutes = s.text.number(_day_minutes(s, nxt))
    title = t("day.offer_titled", number=nxt.number, title=nxt.title, journey=journey.title, minutes=minutes) \
        if nxt.title else t("day.offer", number=nxt.number, journey=journey.title, minutes=minutes)
    return s.listen(builder, Phase.OFFER, title)


def _day_minutes(s: Step, day) -> int:
    from .evening import minutes_from
    from .script import day_script

    return minutes_from(s, day_script(day), None)


def more_to_come(journey: Journey) -> bool:
    """The author promised more days than are written ("5 weeks", one day so far)."""
    from ..journeys.headings import promised_days  # only when a journey's days run out

    return len(journey.days) < promised_days(journey.duration)


def next_journey_for(s: Step, journey: Journey) -> Journey | None:
    """The journey to offer when one is done: the next by sequence, else the first not yet finished."""
    following = s.library.after(journey.id)
    if following is not None:
        return following
    return next((j for j in s.library.journeys if j.id != journey.id and j.days
                 and s.progress.days_done(j.id) < {d.number for d in j.days}), None)


def begin_offer(s: Step) -> Plan:
    """Yes to an offer: the day it named, or the saved place."""
    jid, _, day_number = s.conversation.target.partition(":")
    journey = s.library.get(jid)
    day = journey.day(int(day_number)) if journey and day_number.isdigit() else None
    if s.current() is not None or day is None:
        return offer_evening(s, PlanBuilder(), greet=False)
    return start_day(s, journey, day)


def complete_day(s: Step, score: int | None, said: str = "") -> Plan:
    """The check-in is in (or skipped): the day is done; a celebration when it was the journey's last."""
    here = s.current()
    if here is None:
        return offer_evening(s, PlanBuilder(), greet=False)
    journey, day, script, _ = here
    t = s.text
    again = care.low_again(s, score)  # before this day's check-in joins the others
    s.progress.complete(journey.id, day.number, s.today, score)
    s.progress.position = None
    b = PlanBuilder().say(said)
    if score is not None:
        b.say(t("checkin.high" if score >= 4 else "checkin.low" if score <= 2 else "checkin.middle"))
        if again:
            b.say(t("care.pointer"))
    b.say(t("complete.done", number=day.number), shared(s, script.prompts, len(day.questions)))
    streak = s.progress.streak(s.today)
    following = journey.day_after(day.number)
    if following is not None:
        b.say(t("complete.streak", days=t.number(streak)) if streak >= 2 else t("complete.streak_begins"))
        b.say(t("complete.next_day", number=following.number, title=following.title))
    elif more_to_come(journey):
        b.say(t("complete.last_written", title=journey.title), t("complete.more_coming"))
        nxt = next_journey_for(s, journey)
        b.say(t("complete.next_journey", title=nxt.title) if nxt else "")
    else:
        done = len(s.progress.days_done(journey.id))
        b.say(t("complete.journey_done", title=journey.title, days=t.count("complete.days", done)))
        if streak >= 2:
            b.say(t("complete.streak", days=t.number(streak)))
        nxt = next_journey_for(s, journey)
        b.say(t("complete.next_journey", title=nxt.title) if nxt else t("complete.again", title=journey.title))
    return between.offer_reminder(s, b) or s.end(b, s.good_night())
