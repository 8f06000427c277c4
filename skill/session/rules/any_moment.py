"""At any moment: where are we and how are we doing, help, "is this therapy?", who goes first, how long
is left, the turn length, the journeys, the question again — each answered for that moment, then the
question the couple was asked comes again — and what was not understood."""


from ...progress.turn_length import DEFAULT_DISCUSSION_SECONDS, MAX_TURN_SECONDS, MIN_TURN_SECONDS, clamp_turn
from ...speech.plan import CHIME_SECONDS, Plan, PlanBuilder
from .. import replies
from ..again import interrupted
from ..events import (
    AboutSkill,
    CheckIn,
    ChooseJourney,
    Help,
    HowAreWeDoing,
    HowLong,
    ListJourneys,
    Next,
    No,
    NotUnderstood,
    Previous,
    ReadLessonAgain,
    Repeat,
    Resume,
    SetTurnLength,
    Skip,
    StartOver,
    WhoGoesFirst,
    Yes,
)
from ..history import how_we_are_doing
from ..playing import minutes_from, place, still_to_come, turn_line
from ..replies import reask
from ..script import QUESTION, TURN, day_script
from ..state import GUIDED, LAUNCHED, OFFERS, REASKED, SAME, Phase
from ..step import Step
from ..table import on
from ..tonight import match_journey, offer_evening, offer_next

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
    said.extend(how_we_are_doing(s))
    return reask(s, *said)


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


@on(Help, to=REASKED)
def help_here(s: Step) -> Plan:
    """What they can do here, told (the one instruction is the question asked again after it)."""
    return reask(s, s.text(f"help.{s.moment()}", minutes=s.text.number(tonight_minutes(s))), s.text("help.anywhere"))


def time_left(s: Step, key: str) -> int | None:
    """Seconds left of the timed turn playing at `key`, to ten seconds; None before its bell or after it."""
    c = s.conversation
    marks = [(offset, seg) for offset, seg in c.timeline]
    ends = [offset for offset, seg in marks if offset > next((o for o, k in marks if k == key), c.length)]
    elapsed = s.elapsed()
    if elapsed is None:
        return None
    left = (ends[0] if ends else c.length) - elapsed - CHIME_SECONDS["end"]
    if not 0 < left < s.progress.turn_seconds:
        return None
    return max(10, round(left / 10) * 10)


def tonight_minutes(s: Step) -> int:
    """How long tonight takes from here: the rest of the day they are on, else the next day, as offered."""
    here = s.current()
    if here is not None:
        return minutes_from(s, here[2], s.heard_up_to() if s.conversation.phase in GUIDED else here[3].key)
    journey = s.journey()
    day = s.next_day(journey) if journey is not None else None
    return minutes_from(s, day_script(day), None) if day is not None else 0


@on(AboutSkill, to=REASKED)
def about(s: Step) -> Plan:
    return reask(s, s.text("about.not_therapy"), s.text("about.kept"))


@on(WhoGoesFirst, to=REASKED)
def who_goes_first(s: Step) -> Plan:
    """Mid-turn: whose turn it is (and it comes again from the top); else who starts the next sentence."""
    seg = interrupted(s)
    if seg is not None and seg.kind == TURN:
        speaker, _ = s.turn_names(s.speaker(seg))
        if speaker:
            return reask(s, s.text("who.now", name=speaker))
    here = s.current()
    if here is not None:
        _, _, script, _ = here
        upcoming = script.find(s.playing() or s.conversation.after)
        if upcoming is not None and upcoming.kind == TURN:
            speaker, _ = s.turn_names(s.speaker(upcoming))
            return reask(s, s.text("who.named", name=speaker) if speaker and not upcoming.second else
                         turn_line(s, upcoming) if upcoming.second or any(s.names()) else s.text("who.anyone"))
    return reask(s, s.text("who.later"))


@on(HowLong, to=REASKED)
def how_long(s: Step) -> Plan:
    """Mid-turn or mid-discussion: how long that window is (it comes again from the top); else what is left."""
    t, seg = s.text, interrupted(s)
    if seg is not None and seg.kind == TURN:
        speaker, _ = s.turn_names(s.speaker(seg))
        length = t.duration(s.progress.turn_seconds)
        left = time_left(s, seg.key)
        if left is not None:  # what was left when they asked; the turn then comes again whole
            return reask(s, t("how_long.turn_left", name=speaker, left=t.duration(left)) if speaker else
                         t("how_long.turn_left_anonymous", left=t.duration(left)))
        return reask(s, t("how_long.turn", name=speaker, duration=length) if speaker else
                     t("how_long.turn_anonymous", duration=length))
    if seg is not None and seg.kind == QUESTION:
        return reask(s, t("how_long.question", duration=t.duration(DEFAULT_DISCUSSION_SECONDS)))
    here = s.current()
    if here is not None and s.conversation.phase != Phase.CLOSED:
        _, _, script, _ = here
        return reask(s, still_to_come(s, script, s.playing() or s.conversation.after or script.first))
    journey = s.journey()
    day = s.next_day(journey) if journey is not None and here is None else here[1] if here else None
    if day is None:
        return reask(s, s.text("how_long.nothing"))
    minutes = minutes_from(s, day_script(day), None)
    return reask(s, s.text("how_long.day", minutes=s.text.number(minutes)))


@on(Repeat, (Phase.NAMES, *OFFERS, Phase.CONTENT_NOTE, Phase.CONFIRM_NAMES, Phase.CONFIRM_RESET), to=SAME)
@on(Resume, (Phase.NAMES, Phase.CHECK_IN, Phase.CONFIRM_NAMES, Phase.CONFIRM_RESET), to=SAME)
def ask_again(s: Step) -> Plan:
    return reask(s)


@on((NotUnderstood, Yes, No, Next, Previous, Repeat, Resume, StartOver, CheckIn, Skip, ReadLessonAgain),
    to=(*REASKED, *LAUNCHED, Phase.CLOSED))
def not_understood(s: Step) -> Plan:
    """Never a dead end (`replies.not_understood`)."""
    return replies.not_understood(s)
