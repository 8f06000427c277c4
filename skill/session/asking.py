"""Questions a couple asks at any moment — help, "is this therapy?", "who goes first?", "how long is
left?" — answered for that moment, then the question they were asked comes again."""

from ..speech.plan import Plan
from .evening import minutes_from, still_to_come, turn_line
from .events import AboutSkill, Help, HowLong, WhoGoesFirst
from .offers import reask
from .rules import on
from .script import TURN, day_script
from .state import SAME, Phase
from .step import Step

OFFERED = (Phase.OFFER, Phase.REVISIT, Phase.NEXT_JOURNEY, Phase.CHECK_IN)  # after a one-shot question's answer
REASKED = (SAME, *OFFERED)


@on(Help, to=REASKED)
def help_here(s: Step) -> Plan:
    return reask(s, s.text(f"help.{s.moment()}"), s.text("help.anywhere"))


@on(AboutSkill, to=REASKED)
def about(s: Step) -> Plan:
    return reask(s, s.text("about.not_therapy"), s.text("about.kept"))


@on(WhoGoesFirst, to=REASKED)
def who_goes_first(s: Step) -> Plan:
    here = s.current()
    if here is not None:
        _, _, script, _ = here
        upcoming = script.find(s.playing() or s.conversation.after)
        if upcoming is not None and upcoming.kind == TURN:
            speaker, _ = s.turn_names(upcoming.partner)
            return reask(s, s.text("who.named", name=speaker) if speaker and not upcoming.second else
                         turn_line(s, upcoming) if upcoming.second or any(s.names()) else s.text("who.anyone"))
    return reask(s, s.text("who.later"))


@on(HowLong, to=REASKED)
def how_long(s: Step) -> Plan:
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
