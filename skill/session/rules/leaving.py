"""Leaving, in every phase: stop, pause, "not tonight", a session that times out — and care, when the
evening turns hard, graded: tears are often part of it (a pause and a choice, and what they were in the
middle of is given back from its start); distress pauses the evening with a pointer to someone who can help;
danger is answered with emergency services first. The place is always kept; nothing anyone said is."""

from ...speech.plan import Plan, PlanBuilder
from ..again import hold
from ..events import Care, Leave, PauseSession, SessionEnded, Stop
from ..state import SAME, Phase
from ..step import Step
from ..table import on


@on((Stop, PauseSession), to=Phase.CLOSED)
def stop(s: Step) -> Plan:
    s.keep_place()
    if isinstance(s.event, PauseSession):
        return s.end(PlanBuilder(), s.text("leave.paused"))
    return s.end(PlanBuilder(), s.good_night(), s.text("leave.place_saved") if s.progress.position else "")


@on(Leave, to=Phase.CLOSED)
def leave(s: Step) -> Plan:
    """"Not tonight", "later", "we're done", "good night": warm, nothing asked, the place kept."""
    s.keep_place()
    who = s.couple()
    said = s.text("leave.warm", couple=who) if who else s.text("leave.warm_anonymous")
    return s.end(PlanBuilder(), said, s.text("leave.place_kept") if s.progress.position else "",
                 s.text("leave.come_back"), s.text("leave.sleep_well") if s.night() else "")


@on(Care, to=(SAME, Phase.CLOSED))
def care(s: Step) -> Plan:
    """No timed turn goes on over it; nothing diagnosed, nothing kept."""
    t, c = s.text, s.conversation
    if s.event.level == "tears" and c.phase != Phase.CLOSED:
        hold(s)  # "carry on" gives the step back from its start
        c.pending = "tears"  # a yes to "pause, or carry on?" is asked about (rules/during_the_day.go_on)
        question = t("care.pause_or_skip" if c.phase == Phase.LEARNING and s.playing() else "care.pause_or_carry_on")
        return s.listen(PlanBuilder().say(t("care.tears")), c.phase, question, reprompt=t("reprompt.after_tears"))
    s.keep_place()
    s.progress.cared = s.today.isoformat()  # the next opening asks gently first
    if s.event.level == "danger":
        return s.end(PlanBuilder(), t("care.emergency"), t("care.danger_pointer"), t("care.nothing_kept"))
    return s.end(PlanBuilder(), t("care.pause"), t("care.pointer"), t("care.nothing_kept"),
                 t("leave.place_kept") if s.progress.position else "")


@on(SessionEnded, to=Phase.CLOSED)
def session_ended(s: Step) -> Plan:
    """No reply reaches the couple; only the place is brought up to what they heard."""
    s.keep_place()
    return s.end(PlanBuilder())
