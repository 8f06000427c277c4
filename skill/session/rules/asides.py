"""Asked in passing: new names mid-evening ("use them from now on?") and erasing everything ("are you
sure?"). Each remembers the place it interrupts (`Conversation.push`), and its answer goes back there
(`to=RESUME`), unless erasing was confirmed."""

from ...progress.record import Progress
from ...speech.plan import Plan, PlanBuilder
from ..again import hold
from ..choosing import one_new_name
from ..events import (
    CheckIn,
    Next,
    No,
    NotUnderstood,
    Previous,
    ReminderCall,
    ResetProgress,
    SetNames,
    Skip,
    StartOver,
    Yes,
)
from ..names import clean, same_name
from ..replies import back_to_where_we_were, not_understood, reask
from ..state import ASIDES, LAUNCHED, OFFERED, REASKED, RESUME, Phase
from ..step import Step
from ..table import on


@on(SetNames, to=(*REASKED, Phase.CONFIRM_NAMES, Phase.CHOOSING, *LAUNCHED))
def names_changed(s: Step) -> Plan:
    """New names mid-evening: only with words that can only mean names, and confirmed before use."""
    t = s.text
    first, second = clean(s.event.first, t), clean(s.event.second, t)
    if not s.event.carrier:
        return not_understood(s)
    if bool(first) != bool(second):  # "actually, call me Sasha": whom does it replace?
        return one_new_name(s, first or second)
    if not (first and second) or same_name(first, second):
        return reask(s, t("names.ask_both"))
    c = s.conversation
    if c.phase not in ASIDES:
        hold(s)  # what was playing comes again when they come back
    c.push("names")
    c.pending = f"{first}|{second}"
    return s.listen(PlanBuilder(), Phase.CONFIRM_NAMES, t("names.confirm", couple=t.join([first, second])))


@on(Yes, Phase.CONFIRM_NAMES, to=(RESUME, *OFFERED))  # OFFERED: asked with no session open
def names_confirmed(s: Step) -> Plan:
    s.progress.names = s.conversation.pending.split("|")[:2]
    return back_to_where_we_were(s, s.text("names.got_it", couple=s.couple()))


@on((No, Next, Previous, StartOver, CheckIn, NotUnderstood, Skip), Phase.CONFIRM_NAMES, to=(RESUME, *OFFERED))
def names_kept(s: Step) -> Plan:
    who = s.couple()
    return back_to_where_we_were(s, s.text("names.kept", couple=who) if who else s.text("names.kept_none"))


@on(ResetProgress, to=Phase.CONFIRM_RESET)
def reset_asked(s: Step) -> Plan:
    if s.conversation.phase not in ASIDES:
        hold(s)
    s.conversation.push("erase")  # asked while confirming new names: those are dropped (see push)
    return s.listen(PlanBuilder(), Phase.CONFIRM_RESET, s.text("reset.confirm"))


@on(Yes, Phase.CONFIRM_RESET, to=Phase.CLOSED)
def reset_confirmed(s: Step) -> Plan:
    """Everything goes; a reminder is deleted at the Reminders API first (rules/reminders.reminder_done), and
    only its token stays in the tombstone if that fails, so "stop reminding us" can still cancel it."""
    reminder = s.progress.reminder
    s.state.progress = Progress(reminder=reminder)
    s.erase = True
    if reminder is not None:
        s.reminder = ReminderCall("delete", reminder.at, reminder.daily, reminder.on,
                                  replaces=reminder.alert_token, erasing=True)
    return s.end(PlanBuilder(), s.text("reset.done"))


@on((No, Next, Previous, StartOver, CheckIn, NotUnderstood, Skip), Phase.CONFIRM_RESET, to=(RESUME, *OFFERED))
def reset_declined(s: Step) -> Plan:
    return back_to_where_we_were(s, s.text("reset.kept"))
