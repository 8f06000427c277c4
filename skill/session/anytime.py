"""Rules that hold in any phase: leaving, help, where are we, names, turn length, journeys, erasing,
and what was not understood."""

from ..journeys import Journey, Library
from ..progress.record import Progress
from ..progress.turn_length import MAX_TURN_SECONDS, MIN_TURN_SECONDS, clamp_turn
from ..speech.plan import Plan, PlanBuilder
from . import between
from .evening import offer_evening, place, reask
from .events import (
    CheckIn,
    ChooseJourney,
    Help,
    HowAreWeDoing,
    ListJourneys,
    Next,
    No,
    NotUnderstood,
    PauseSession,
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
from .flow import LAUNCHED, launch
from .rules import on
from .state import SAME, Phase
from .step import Step

REASKED = (SAME, Phase.OFFER, Phase.REVISIT, Phase.NEXT_JOURNEY)  # see evening.reask: a one-shot question offers


@on((Stop, PauseSession), to=Phase.CLOSED)
def stop(s: Step) -> Plan:
    s.keep_place()
    if isinstance(s.event, PauseSession):
        return s.end(PlanBuilder(), s.text("leave.paused"))
    return s.end(PlanBuilder(), s.good_night(), s.text("leave.place_saved") if s.progress.position else "")


@on(SessionEnded, to=Phase.CLOSED)
def session_ended(s: Step) -> Plan:
    """No reply reaches the couple; only the place is brought up to what they heard."""
    s.keep_place()
    return s.end(PlanBuilder())


@on(Help, to=REASKED)
def help_here(s: Step) -> Plan:
    return reask(s, s.text(f"help.{s.conversation.phase.value}"), s.text("help.anywhere"))


@on(HowAreWeDoing, to=REASKED)
def how_are_we_doing(s: Step) -> Plan:
    t = s.text
    said: list[str] = []
    here = s.current()
    if here is not None:
        journey, day, script, seg = here
        said.append(t("status.on_day", number=day.number, title=journey.title, place=place(s, seg, script.prompts)))
    elif (journey := s.journey()) is not None:
        nxt = s.next_day(journey)
        said.append(t("status.on_journey", title=journey.title, number=nxt.number) if nxt
                    else t("status.all_done", title=journey.title))
    said.extend(between.how_we_are_doing(s))
    return reask(s, *said)


@on(SetNames, to=REASKED)
def names_changed(s: Step) -> Plan:
    first, second = (s.event.first or "").strip().title(), (s.event.second or "").strip().title()
    if not first and not second:
        return reask(s, s.text("names.ask_both"))
    s.progress.names = [first, second]
    return reask(s, s.text("names.got_it", couple=s.couple()))


@on(SetTurnLength, to=REASKED)
def turn_length(s: Step) -> Plan:
    t, asked = s.text, s.event.seconds
    if asked is None or asked <= 0:
        return reask(s, t("turn_length.current", duration=t.duration(s.progress.turn_seconds)))
    s.progress.turn_seconds = clamp_turn(asked)
    now = t.duration(s.progress.turn_seconds)
    if s.progress.turn_seconds != asked:
        return reask(s, t("turn_length.clamped", shortest=t.duration(MIN_TURN_SECONDS),
                          longest=t.duration(MAX_TURN_SECONDS), duration=now))
    return reask(s, t("turn_length.changed", duration=now))


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


@on(ChooseJourney, to=REASKED)
def choose_journey(s: Step) -> Plan:
    t = s.text
    chosen = match_journey(s.library, s.event.journey)
    if chosen is None:
        return reask(s, t("journeys.unknown", titles=t.join([j.title for j in s.library.journeys])))
    if chosen.id == s.progress.journey_id and s.progress.position is not None:
        return reask(s, t("journeys.already", title=chosen.title))
    s.progress.switch_to(chosen.id)
    return offer_evening(s, PlanBuilder().say(t("journeys.switching", title=chosen.title)), greet=False,
                         resume_now=False)


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
    if c.phase != Phase.CONFIRM_RESET:
        c.back, c.back_ask = c.phase.value, c.ask
    return s.listen(PlanBuilder(), Phase.CONFIRM_RESET, s.text("reset.confirm"))


@on(Yes, Phase.CONFIRM_RESET, to=Phase.CLOSED)
def reset_confirmed(s: Step) -> Plan:
    s.state.progress = Progress()
    s.erase = True
    return s.end(PlanBuilder(), s.text("reset.done"))


@on((No, Next, Previous, StartOver, CheckIn, NotUnderstood), Phase.CONFIRM_RESET,
    to=tuple(p for p in Phase if p != Phase.CONFIRM_RESET))
def reset_declined(s: Step) -> Plan:
    c = s.conversation
    c.phase = Phase(c.back) if c.back in Phase._value2member_map_ else Phase.CLOSED
    c.ask = c.back_ask
    return reask(s, s.text("reset.kept"))


@on((NotUnderstood, Yes, No, Next, Previous, Repeat, Resume, StartOver, CheckIn), to=(*REASKED, *LAUNCHED[:-1]))
def not_understood(s: Step) -> Plan:
    phase = s.conversation.phase
    if phase == Phase.CLOSED:
        return launch(s)
    return reask(s, s.text("fallback.not_understood"), s.reprompt(phase))
