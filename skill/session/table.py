"""The rule table: for each (phase, event), exactly one rule, declared with the phases it may lead to.

A rule names its phases (or None: every phase without a rule of its own for that event). Two rules for
the same phase and event would leave one of them dead, so registering the second fails at import, and a
rule that leads anywhere it did not declare fails when it runs. The rules themselves are in rules/; the
state diagram in docs/ is drawn from these declarations (see `diagram.py`).
"""

from collections.abc import Callable
from typing import TYPE_CHECKING, NamedTuple

from .events import Event
from .state import RESUME, SAME, Conversation, Phase

if TYPE_CHECKING:
    from ..speech.plan import Plan
    from .step import Step

Handler = Callable[["Step"], "Plan"]


class Rule(NamedTuple):
    phases: tuple[Phase, ...] | None  # None: any phase without a rule of its own
    events: tuple[type[Event], ...]
    to: tuple[Phase | str, ...]  # phases it may lead to; SAME: stays where it was; RESUME: see state.py
    handler: Handler


class RuleConflict(Exception):
    """Two rules claim the same phase and event: one of them could never run."""


class TransitionNotAllowed(Exception):
    """A rule led to a phase its declaration does not name: the table, and the diagram drawn from it, would
    not say what the skill does (python-statemachine's TransitionNotAllowed is the model)."""


RULES: list[Rule] = []
_SPECIFIC: dict[tuple[Phase, type[Event]], Rule] = {}
_GENERAL: dict[type[Event], Rule] = {}


def on(events: tuple[type[Event], ...] | type[Event], phases: tuple[Phase, ...] | Phase | None = None,
       to: tuple[Phase | str, ...] | Phase | str = ()) -> Callable[[Handler], Handler]:
    """Declare a rule: in `phases` (None: any), `events` are handled by the function and lead to `to`."""
    def register(fn: Handler) -> Handler:
        rule = Rule(None if phases is None else (phases if isinstance(phases, tuple) else (phases,)),
                    events if isinstance(events, tuple) else (events,),
                    to if isinstance(to, tuple) else (to,), fn)
        for event in rule.events:
            for phase in rule.phases or (None,):
                table, key = (_GENERAL, event) if phase is None else (_SPECIFIC, (phase, event))
                if key in table:
                    raise RuleConflict(f"{fn.__name__} and {table[key].handler.__name__} both handle {key}")
                table[key] = rule
        RULES.append(rule)
        return fn
    return register


def rule_for(phase: Phase, event: Event) -> Rule:
    """The rule for this phase and event: the phase's own, else the one for any phase."""
    kind = type(event)
    return _SPECIFIC.get((phase, kind)) or _GENERAL[kind]


def targets_reached(rule: Rule, before: Conversation, after: Phase) -> set[Phase | str]:
    """Which of the rule's declared targets a step from `before` to `after` is (empty: none, undeclared):
    a phase it names, SAME, or RESUME when it lands on the place an aside interrupted."""
    reached: set[Phase | str] = {after} & set(rule.to)
    if after == before.phase and SAME in rule.to:
        reached.add(SAME)
    waiting = before.waiting()
    if RESUME in rule.to and waiting is not None and after == waiting.phase:
        reached.add(RESUME)
    return reached


def check_transition(rule: Rule, before: Conversation, after: Phase, event: Event) -> None:
    if not targets_reached(rule, before, after):
        raise TransitionNotAllowed(f"{rule.handler.__name__}: {before.phase} --{event.name}--> {after} is not "
                                   f"among its declared targets {tuple(map(str, rule.to))}")


def phases_of(rule: Rule) -> tuple[Phase, ...]:
    """Every phase a rule really runs in (an any-phase rule: where no phase rule takes its event)."""
    if rule.phases is not None:
        return rule.phases
    return tuple(p for p in Phase if any((p, e) not in _SPECIFIC for e in rule.events))
