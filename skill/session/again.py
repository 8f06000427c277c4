"""Giving back what was interrupted. Whatever the couple says while a partner's turn, a discussion or a lesson
part is playing — a question, a wish, something not understood — is answered, and then that step comes again
from its start (bell, time, bell): speaking never throws a turn away. Only what moves on (next, skip, back,
stop) leaves it. Something asked in passing first (`hold`) keeps the step until they come back."""

from ..speech.plan import Plan, PlanBuilder
from .playing import play
from .script import LEARN, QUESTION, TURN, Segment
from .state import GUIDED, Phase
from .step import Step

GIVEN_BACK = (TURN, QUESTION, LEARN)


def interrupted(s: Step) -> Segment | None:
    """The step they spoke over (or one held for them while something was asked), if it is to be given back."""
    c = s.conversation
    if c.phase not in (*GUIDED, Phase.CHECK_IN):
        return None
    here = s.current()
    if here is None:
        return None
    seg = here[2].find(s.playing() or c.again)
    return seg if seg is not None and seg.kind in GIVEN_BACK else None


def hold(s: Step) -> None:
    """Something is asked in passing: the step playing stops now and is given back when they come back."""
    seg = interrupted(s)
    if seg is not None:
        c = s.conversation
        c.again = c.after = seg.key
        c.played_at, c.timeline = "", []


def give_back(s: Step, builder: PlanBuilder, announce: bool = True) -> Plan | None:
    """After what `builder` says, the interrupted step from its start ("Sam, take it again from the top",
    unless `announce` is off: what was said already tells how it goes on); None when nothing was interrupted."""
    seg = interrupted(s)
    if seg is None:
        return None
    journey, day, _, _ = s.current()
    s.conversation.again = ""
    if s.conversation.pending == "tears":  # they carry on: the question after tears is answered
        s.conversation.pending = ""
    builder.say(from_the_top(s, seg) if announce else "")
    part = seg.kind == LEARN and s.conversation.phase == Phase.LEARNING  # a lesson: that part, then "go on?"
    return play(s, journey, day, seg.key, builder, again=True, single=part)


def from_the_top(s: Step, seg: Segment) -> str:
    t = s.text
    if seg.kind == TURN:  # the second turn's own line names who speaks ("Now Alex, your turn")
        speaker, _ = s.turn_names(s.speaker(seg))
        return t("again.turn", name=speaker) if speaker and not seg.second else t("again.turn_anonymous")
    return t("again.question" if seg.kind == QUESTION else "again.lesson")
