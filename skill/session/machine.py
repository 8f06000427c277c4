"""The session machine: a pure function of (state, event, journeys, now, locale) → outcome.

No I/O, no clock of its own, no Alexa types. The phase says what the skill is waiting for; the rules
(rules/, a module per moment of the evening) are declared per (phase, event) with the phases they may lead
to (table.py), and the machine holds them to it; the choreography they call is beside them (playing.py,
tonight.py, day_done.py, …); every word comes from the locale's catalog.
"""

from datetime import datetime

from ..journeys import Library
from ..language import catalog
from . import rules  # noqa: F401 — importing it declares every rule
from .events import Event
from .state import Conversation, Outcome, Phase, State
from .step import Step
from .table import check_transition, rule_for

__all__ = ["Conversation", "Outcome", "Phase", "State", "advance"]


def advance(state: State, event: Event, library: Library, now: datetime, locale: str = "en-US") -> Outcome:
    """One step of the evening. `state` is not modified; the outcome holds the new one."""
    text = catalog(locale)
    step = Step(State(state.progress.copy(), state.conversation.copy()), library.in_language(text.language),
                now, event, text)
    rule = rule_for(state.conversation.phase, event)
    plan = rule.handler(step)
    check_transition(rule, state.conversation, step.conversation.phase, event)
    if not step.counted:  # understood: the count of replies not understood starts again
        step.conversation.misses = 0
    changed = step.state.progress != state.progress  # the step worked on a copy
    if changed:
        step.state.progress.updated = now.isoformat()
    if step.state.progress.pace != plan.rate:  # the couple's speaking pace, on everything said
        plan = plan._replace(rate=step.state.progress.pace)
    return Outcome(step.state, plan, step.erase, changed, step.reminder)
