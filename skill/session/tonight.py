"""What the couple is offered when a session opens or an answer leaves nothing playing: carry on where
they stopped (after a recap and a "ready?"), the next day, a day finished earlier today, the next journey
or the same one again; the journey they name; and the guard of every rule that works on their place."""

from collections.abc import Callable
from datetime import date
from functools import wraps
from typing import Any

from ..journeys import Day, Journey, Library
from ..speech.plan import Plan, PlanBuilder
from .history import welcome_after_gap
from .playing import content_note, minutes_from, place, play, start_day, still_to_come
from .script import CHECKIN, day_script
from .state import Conversation, Phase
from .step import Step


def offer_evening(s: Step, builder: PlanBuilder, greet: bool = True, resume_now: bool = True,
                  recap: bool = True) -> Plan:
    """Opening, or carrying on after a question. A saved place is recapped (unless the answer before it just
    said where they are) and offered ("ready?") unless the couple just said yes to it (`resume_now`)."""
    t = s.text
    gently = greet and bool(s.progress.cared)  # the last evening stopped for care: say so, and ask
    if greet:
        who = s.couple()
        builder.say(t("welcome.back", couple=who) if who else t("welcome.back_anonymous"))
        if gently:
            s.progress.cared = ""
            builder.say(t("welcome.after_care"))
    journey = s.journey()
    if s.progress.position is None and journey is not None and journey.id in s.progress.parked:
        s.progress.switch_to(journey.id)
    here = s.current()
    if here is not None and here[3].kind == CHECKIN and left_open(s):
        journey, day, _, _ = here  # last evening's check-in is not tonight's: that day is done
        s.progress.complete(journey.id, day.number, left_open(s), None)
        s.progress.position, here = None, None
        builder.say(t("day.finished_last_time", number=day.number))
    if greet and (returning := welcome_after_gap(s, builder)) is not None:
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
        return s.listen(builder, Phase.OFFER, t("day.gently" if gently else "day.ready"))
    if journey is None:
        return s.end(builder, t("welcome.no_journeys"))
    return offer_next(s, journey, builder)


def left_open(s: Step) -> date | None:
    """The evening the couple last got as far as (their last change), if it was before today."""
    last = s.changed_on()
    return last if last is not None and last < s.today else None


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


def _day_minutes(s: Step, day: Day) -> int:
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


def at_place(rule: Callable[..., Plan]) -> Callable[..., Plan]:
    """A rule (or a step of one) that works on the couple's place, called with it: when the journey was edited
    away since the last request, the evening is offered afresh instead (with no session open: it opens)."""
    @wraps(rule)
    def run(s: Step, *args: Any) -> Plan:
        here = s.current()
        if here is None:
            return open_session(s) if s.conversation.phase == Phase.CLOSED else \
                offer_evening(s, PlanBuilder(), greet=False)
        journey, day, script, _ = here
        return rule(s, journey, day, script, *args)
    return run


def open_session(s: Step) -> Plan:
    """A session opens: a first evening asks their names; otherwise the evening is offered."""
    s.conversation.__dict__.update(Conversation().__dict__)
    if not s.progress.names:
        return s.listen(PlanBuilder().say(s.text("welcome.first")), Phase.NAMES, s.text("welcome.ask_names"),
                        again=s.text("welcome.names_again"))
    return offer_evening(s, PlanBuilder(), resume_now=False)


def begin_first_day(s: Step, said: str) -> Plan:
    journey = s.journey()
    if journey is None or not journey.days:
        return s.end(PlanBuilder(), s.text("welcome.no_journeys"))
    b = PlanBuilder().say(said, s.text("welcome.privacy"), s.text("welcome.begin_journey", title=journey.title))
    return start_day(s, journey, journey.days[0], b)


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
