"""Leaving, in every phase: stop, pause, "not tonight", a session that times out — and care, when the
evening turns hard. The place is always kept; nothing anyone said is."""

from ...speech.plan import Plan, PlanBuilder
from ..events import Care, Leave, PauseSession, SessionEnded, Stop
from ..state import Phase
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
                 s.text("leave.come_back"))


@on(Care, to=Phase.CLOSED)
def care(s: Step) -> Plan:
    """Distress stops the script: no timed turn, a gentle pause, where help is; nothing diagnosed, nothing kept."""
    s.keep_place()
    s.progress.cared = s.today.isoformat()
    return s.end(PlanBuilder(), s.text("care.pause"), s.text("care.pointer"), s.text("care.emergency"),
                 s.text("care.nothing_kept"), s.text("leave.place_kept") if s.progress.position else "")


@on(SessionEnded, to=Phase.CLOSED)
def session_ended(s: Step) -> Plan:
    """No reply reaches the couple; only the place is brought up to what they heard."""
    s.keep_place()
    return s.end(PlanBuilder())
