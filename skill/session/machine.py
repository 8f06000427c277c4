"""The session machine: a pure function of (state, event, journeys, now, locale) → outcome.

No I/O, no clock of its own, no Alexa types. The phase says what the skill is waiting for; the rules
(flow.py, anytime.py, asking.py, leaving.py) are declared per (phase, event) with the phases they may lead
to (rules.py); the choreography is in evening.py and offers.py; every word comes from the locale's catalog.
"""

from datetime import datetime

from ..journeys import Library
from ..language import catalog
from . import anytime, asking, between, flow, leaving  # noqa: F401 — importing them declares their rules
from .events import Event
from .rules import check_transition, rule_for
from .state import Conversation, Outcome, Phase, State
from .step import Step

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
    return Outcome(step.state, plan, step.erase, changed, step.reminder)
