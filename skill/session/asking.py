"""Questions a couple asks at any moment — help, "is this therapy?", "who goes first?", "how long is
left?" — answered for that moment, then the question they were asked comes again."""

from ..progress.turn_length import DEFAULT_DISCUSSION_SECONDS
from ..speech.plan import Plan
from .again import interrupted
from .evening import minutes_from, still_to_come, turn_line
from .events import AboutSkill, Help, HowLong, WhoGoesFirst
from .offers import reask
from .rules import on
from .script import QUESTION, TURN, day_script
from .state import GUIDED, SAME, Phase
from .step import Step

REASKED = (SAME, Phase.OFFER, Phase.REVISIT, Phase.NEXT_JOURNEY, Phase.CHECK_IN)  # a one-shot question offers


@on(Help, to=REASKED)
def help_here(s: Step) -> Plan:
    """What they can do here, told (the one instruction is the question asked again after it)."""
    return reask(s, s.text(f"help.{s.moment()}", minutes=s.text.number(tonight_minutes(s))), s.text("help.anywhere"))


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
