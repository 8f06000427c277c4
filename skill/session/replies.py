"""How an answer ends: the question the couple was asked comes again, an aside goes back to the place it
interrupted, and a reply not understood is never a dead end."""

from ..speech.plan import Plan, PlanBuilder
from .again import give_back
from .state import Phase
from .step import Step
from .tonight import offer_evening, open_session


def reask(s: Step, *before: str) -> Plan:
    """Say something, then ask again whatever the couple was last asked — or, when they spoke over a turn, a
    discussion or a lesson part, give that step back from its start."""
    given = give_back(s, PlanBuilder().say(*before))
    if given is not None:
        return given
    phase = s.conversation.phase
    if phase == Phase.CLOSED:  # a one-shot question ("ask couple journeys where we are"): offer after it
        return offer_evening(s, PlanBuilder().say(*before), greet=False, resume_now=False, recap=False)
    return s.listen(PlanBuilder().say(*before), phase, s.conversation.ask or s.reprompt(phase))


def back_to_where_we_were(s: Step, said: str) -> Plan:
    """An aside answered: back to the place it interrupted, its question asked again."""
    s.conversation.resume()
    s.conversation.pending = ""
    return reask(s, said)


def not_understood(s: Step) -> Plan:
    """Never a dead end: first a rephrase for this moment, then the two likely choices, then the choices
    again, said differently; a fourth miss closes kindly, the place kept. Each is one instruction, and the
    question they were asked stays the one asked again later."""
    c, t = s.conversation, s.text
    if c.phase == Phase.CLOSED:
        return open_session(s)
    s.counted = True
    c.misses += 1
    original = c.ask
    if c.misses <= 3 and (given := give_back(s, PlanBuilder().say(t("fallback.not_understood")))) is not None:
        return given  # said over a turn, a discussion or the lesson: it comes again from its start
    if c.misses == 1:
        return s.listen(PlanBuilder().say(t("fallback.not_understood")), c.phase, original or s.reprompt(c.phase),
                        again=original)
    if c.misses <= 3:
        lead = t("fallback.still_not" if c.misses == 2 else "fallback.simple")
        return s.listen(PlanBuilder().say(lead), c.phase, t(f"choices.{s.moment()}"), again=original)
    s.keep_place()
    return s.end(PlanBuilder(), s.text("fallback.goodbye"), s.good_night())
