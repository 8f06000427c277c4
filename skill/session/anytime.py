"""Rules that hold in any phase: where are we, names, turn length, journeys, erasing, and what was not
understood."""

from ..journeys import Journey, Library
from ..progress.record import Progress
from ..progress.turn_length import MAX_TURN_SECONDS, MIN_TURN_SECONDS, clamp_turn
from ..speech.plan import Plan, PlanBuilder
from . import between
from .asking import REASKED
from .evening import place
from .events import (
    CheckIn,
    ChooseJourney,
    HowAreWeDoing,
    ListJourneys,
    Next,
    No,
    NotUnderstood,
    Previous,
    ReadLessonAgain,
    Repeat,
    ResetProgress,
    Resume,
    SetNames,
    SetTurnLength,
    Skip,
    StartOver,
    Yes,
)
from .flow import LAUNCHED, launch
from .names import clean, same_name
from .offers import offer_evening, offer_next, reask
from .rules import on
from .state import Phase
from .step import Step

TURN_STEP_LONGER, TURN_STEP_SHORTER = 30, 15  # "more time" / "shorter turns", in seconds


@on(HowAreWeDoing, to=REASKED)
def how_are_we_doing(s: Step) -> Plan:
    t = s.text
    said: list[str] = []
    here = s.current()
    if here is not None:
        journey, day, script, seg = here
        heard = script.find(s.heard_up_to()) if s.conversation.phase != Phase.CLOSED else None
        said.append(t("status.on_day", number=day.number, title=journey.title,
                      place=place(s, heard or seg, script.prompts)))
    elif (journey := s.journey()) is not None:
        nxt = s.next_day(journey)
        said.append(t("status.on_journey", title=journey.title, number=nxt.number) if nxt
                    else t("status.all_done", title=journey.title))
    said.extend(between.how_we_are_doing(s))
    return reask(s, *said)


@on(SetNames, to=(*REASKED, Phase.CONFIRM_NAMES, *LAUNCHED))
def names_changed(s: Step) -> Plan:
    """New names mid-evening: only with words that can only mean names, and confirmed before use."""
    t = s.text
    first, second = clean(s.event.first, t), clean(s.event.second, t)
    if not s.event.carrier:
        return not_understood(s)
    if not (first and second) or same_name(first, second):
        return reask(s, t("names.ask_both"))
    c = s.conversation
    if c.phase not in (Phase.CONFIRM_NAMES, Phase.CONFIRM_RESET):
        c.back, c.back_ask = c.phase.value, c.ask
    c.pending = f"{first}|{second}"
    return s.listen(PlanBuilder(), Phase.CONFIRM_NAMES, t("names.confirm", couple=t.join([first, second])))


REVERTED = tuple(p for p in Phase if p not in (Phase.CONFIRM_NAMES, Phase.CONFIRM_RESET))


@on(Yes, Phase.CONFIRM_NAMES, to=REVERTED)
def names_confirmed(s: Step) -> Plan:
    s.progress.names = s.conversation.pending.split("|")[:2]
    return back_to_where_we_were(s, s.text("names.got_it", couple=s.couple()))


@on((No, Next, Previous, StartOver, CheckIn, NotUnderstood, Skip), Phase.CONFIRM_NAMES, to=REVERTED)
def names_kept(s: Step) -> Plan:
    who = s.couple()
    return back_to_where_we_were(s, s.text("names.kept", couple=who) if who else s.text("names.kept_none"))


def back_to_where_we_were(s: Step, said: str) -> Plan:
    c = s.conversation
    c.phase = Phase(c.back) if c.back in Phase._value2member_map_ else Phase.CLOSED
    c.ask, c.pending = c.back_ask, ""
    return reask(s, said)


@on(SetTurnLength, to=REASKED)
def turn_length(s: Step) -> Plan:
    t, asked, change = s.text, s.event.seconds, s.event.change
    now = s.progress.turn_seconds
    if change:
        asked = now + (TURN_STEP_LONGER if change > 0 else -TURN_STEP_SHORTER)
        if clamp_turn(asked) == now:
            return reask(s, t("turn_length.at_limit", duration=t.duration(now)))
    if asked is None or asked <= 0:
        return reask(s, t("turn_length.current", duration=t.duration(now)))
    s.progress.turn_seconds = clamp_turn(asked)
    said = t.duration(s.progress.turn_seconds)
    if s.progress.turn_seconds != asked:
        return reask(s, t("turn_length.clamped", shortest=t.duration(MIN_TURN_SECONDS),
                          longest=t.duration(MAX_TURN_SECONDS), duration=said))
    return reask(s, t("turn_length.changed", duration=said))


@on(ListJourneys, to=REASKED)
def list_journeys(s: Step) -> Plan:
    t, journeys = s.text, s.library.journeys
    if not journeys:
        return reask(s, t("journeys.none"))
    said = [t("journeys.one", title=journeys[0].title) if len(journeys) == 1 else
            t("journeys.several", count=t.number(len(journeys)), titles=t.join([j.title for j in journeys]))]
    current = s.journey()
    if current is not None:
        said.append(t("journeys.current", title=current.title))
    if len(journeys) > 1:
        said.append(t("journeys.how_to_switch"))
    return reask(s, *said)


@on(ChooseJourney, to=(*REASKED, Phase.CHECK_IN))
def choose_journey(s: Step) -> Plan:
    """"Start <journey>" at any moment: its saved place (after a "ready?"), its next day, or — all done —
    the same journey again."""
    t = s.text
    chosen = match_journey(s.library, s.event.journey)
    if chosen is None:
        return reask(s, t("journeys.unknown", titles=t.join([j.title for j in s.library.journeys])))
    if chosen.id == s.progress.journey_id and s.progress.position is not None:
        return reask(s, t("journeys.already", title=chosen.title))
    already = chosen.id == s.progress.journey_id  # done with it: no "switching", only the offer to start again
    s.progress.switch_to(chosen.id)
    said = PlanBuilder() if already else PlanBuilder().say(t("journeys.switching", title=chosen.title))
    if s.current() is None and s.next_day(chosen) is None:
        return offer_next(s, chosen, said, again=True)
    return offer_evening(s, said, greet=False, resume_now=False)


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
def reset_asked(s: Step) -> Plan:
    c = s.conversation
    if c.phase not in (Phase.CONFIRM_RESET, Phase.CONFIRM_NAMES):  # asked while confirming new names: those
        c.back, c.back_ask = c.phase.value, c.ask  # are dropped, and "no" goes back to where the couple was
    return s.listen(PlanBuilder(), Phase.CONFIRM_RESET, s.text("reset.confirm"))


@on(Yes, Phase.CONFIRM_RESET, to=Phase.CLOSED)
def reset_confirmed(s: Step) -> Plan:
    """Everything goes; a reminder is deleted at the Reminders API first (between.reminder_done), and only
    its token stays in the tombstone if that fails, so "stop reminding us" can still cancel it."""
    reminder = s.progress.reminder
    s.state.progress = Progress(reminder=reminder)
    s.erase = True
    if reminder is not None:
        s.reminder = between.ReminderCall("delete", reminder.at, reminder.daily, reminder.on,
                                  replaces=reminder.alert_token, erasing=True)
    return s.end(PlanBuilder(), s.text("reset.done"))


@on((No, Next, Previous, StartOver, CheckIn, NotUnderstood, Skip), Phase.CONFIRM_RESET,
    to=tuple(p for p in Phase if p not in (Phase.CONFIRM_RESET, Phase.CONFIRM_NAMES)))
def reset_declined(s: Step) -> Plan:
    c = s.conversation
    c.phase = Phase(c.back) if c.back in Phase._value2member_map_ else Phase.CLOSED
    c.ask = c.back_ask
    return reask(s, s.text("reset.kept"))


@on((NotUnderstood, Yes, No, Next, Previous, Repeat, Resume, StartOver, CheckIn, Skip, ReadLessonAgain),
    to=(*REASKED, *LAUNCHED, Phase.CLOSED))
def not_understood(s: Step) -> Plan:
    """Never a dead end: first a rephrase for this moment, then the two likely choices, then the choices
    again, said differently; a fourth miss closes kindly, the place kept. Each is one instruction, and the
    question they were asked stays the one asked again later."""
    c, t = s.conversation, s.text
    if c.phase == Phase.CLOSED:
        return launch(s)
    s.counted = True
    c.misses += 1
    original = c.ask
    if c.misses == 1:
        return s.listen(PlanBuilder().say(t("fallback.not_understood")), c.phase, original or s.reprompt(c.phase),
                        again=original)
    if c.misses <= 3:
        lead = t("fallback.still_not" if c.misses == 2 else "fallback.simple")
        return s.listen(PlanBuilder().say(lead), c.phase, t(f"choices.{s.moment()}"), again=original)
    s.keep_place()
    return s.end(PlanBuilder(), s.text("fallback.goodbye"), s.good_night())
