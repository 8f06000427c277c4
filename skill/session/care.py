"""Care before content, graded. Tears are often part of an evening like this: a pause and a choice, and what
they were in the middle of is given back from its start. Distress pauses the evening with a pointer to
someone who can help; danger is answered with emergency services first. Nothing is diagnosed, nothing kept."""

from ..speech.plan import Plan, PlanBuilder
from .again import hold
from .events import Care
from .rules import on
from .state import SAME, Phase
from .step import Step

LOW = 2  # a check-in this low, twice in a row, earns the gentle pointer (once is an honest evening)


@on(Care, to=(SAME, Phase.CLOSED))
def care(s: Step) -> Plan:
    t, c = s.text, s.conversation
    if s.event.level == "tears" and c.phase != Phase.CLOSED:
        hold(s)  # "carry on" gives the step back from its start
        return s.listen(PlanBuilder().say(t("care.tears")), c.phase, t("care.pause_or_carry_on"),
                        reprompt=t("reprompt.after_tears"))
    s.keep_place()
    kept = t("leave.place_kept") if s.progress.position else ""
    if s.event.level == "danger":
        return s.end(PlanBuilder(), t("care.emergency"), t("care.danger_pointer"), t("care.nothing_kept"))
    return s.end(PlanBuilder(), t("care.pause"), t("care.pointer"), t("care.nothing_kept"), kept)


def low_again(s: Step, score: int | None) -> bool:
    """This check-in and the one before it are both low: time for the gentle pointer."""
    if score is None or score > LOW:
        return False
    earlier = [c for c in s.progress.recent() if c.checkin is not None]  # the latest week's
    return bool(earlier) and max(earlier, key=lambda c: (c.on, c.day)).checkin <= LOW
