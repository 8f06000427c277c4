"""A choice the couple asked for that needs a word more — who goes first, whom a new name replaces, which day
to go to, whether to start the day over — is asked in passing (Phase.CHOOSING, `pending` says which): the place
it interrupts is remembered (`Conversation.push`) and what was playing is held, so the answer comes back to
exactly where they were."""

from ..speech.plan import Plan, PlanBuilder
from .again import hold
from .names import same_name
from .replies import back_to_where_we_were, reask
from .script import TURN
from .state import Phase
from .step import Step


def ask(s: Step, pending: str, question: str) -> Plan:
    """Ask what the choice still needs; the answer comes back to where they were."""
    c = s.conversation
    if c.phase != Phase.CHOOSING:
        hold(s)  # what was playing comes again when they come back
    c.push("choice")
    c.pending = pending
    return s.listen(PlanBuilder(), Phase.CHOOSING, question, reprompt=question)


def next_sentence(s: Step) -> int | None:
    """The prompt whose turns have not started yet and come next (or are held), if the couple is at the
    sentences."""
    here = s.current()
    if here is None:
        return None
    script = here[2]
    playing = s.playing()
    ahead = script.find(script.after(playing)) if playing else script.find(s.conversation.after)
    i = script.positions.get(ahead.key, len(script.segments)) if ahead is not None else len(script.segments)
    upcoming = next((seg for seg in script.segments[i:] if seg.kind == TURN and not seg.second), None)
    return upcoming.prompt_index if upcoming is not None else None


def who_is(s: Step, name: str) -> int | None:
    """Which of the couple a name said is (0 or 1), if it is one of theirs."""
    return next((i for i, n in enumerate(s.names()) if n and same_name(n, name)), None)


def one_new_name(s: Step, name: str) -> Plan:
    """"Actually, call me Sasha": one name, so ask whom it replaces (with no names yet, it is simply taken)."""
    t, (first, second) = s.text, s.names()
    if first and second:
        return ask(s, f"replace:{name}", t("names.which", name=name, first=first, second=second))
    if first or second:
        return ask(s, f"replace:{name}", t("names.instead_of", name=name, other=first or second))
    s.progress.names = [name, ""]
    return reask(s, t("names.got_one", name=name))


def replaced(s: Step, which: int, name: str) -> Plan:
    names = list(s.names())
    names[which] = name
    s.progress.names = names
    return back_to_where_we_were(s, s.text("names.got_it", couple=s.couple()))
