"""Reminders between evenings: set one (once or every evening), ask when it is, cancel it; Alexa's answer
to the permission question; what the Reminders API made of each request (see `..reminding`)."""

from datetime import date, timedelta

from ...progress.record import Reminder
from ...speech.plan import Plan, PlanBuilder
from ..events import (
    CancelReminder,
    PermissionAnswer,
    ReminderCall,
    ReminderDone,
    SetReminder,
    WhenReminder,
    from_token,
    valid_time,
)
from ..reminding import answer, in_the_evening, reminder_call, this_time, unavailable, when
from ..state import ANSWERED, Phase
from ..step import Step
from ..table import on


@on(SetReminder, to=ANSWERED)
def set_reminder(s: Step) -> Plan:
    """"Remind us every evening at eight pm": the handler sets it; this plan is said only where it cannot."""
    at = in_the_evening(s.event.at) if valid_time(s.event.at) else this_time(s)
    daily = bool(s.event.daily)  # once: tomorrow (an evening's reminder is for the next evening)
    s.reminder = reminder_call(s, at, daily, None if daily else s.today + timedelta(days=1))
    return unavailable(s)


@on(PermissionAnswer, to=Phase.CLOSED)
def permission_answered(s: Step) -> Plan:
    """Alexa asked the couple for permission (AskFor) and tells us their answer."""
    wanted = from_token(s.event.token)
    if s.event.status == "ACCEPTED" and wanted is not None:
        at, daily, first, offered = wanted
        try:
            day = max(date.fromisoformat(first), s.today)
        except ValueError:
            day = None
        s.reminder = reminder_call(s, at, daily, day, consented=True)._replace(offered=offered)
        return s.end(PlanBuilder(), s.text("reminder.unavailable"))
    if s.event.status == "ACCEPTED":  # a token not ours: nothing to set
        return s.end(PlanBuilder(), s.text("reminder.failed"))
    s.reminder = ReminderCall("card")  # the Alexa app gets a card that leads to the permission
    line = "reminder.not_answered" if s.event.status == "NOT_ANSWERED" else "reminder.denied"
    return s.end(PlanBuilder(), s.text(line))


@on(ReminderDone, to=ANSWERED)
def reminder_done(s: Step) -> Plan:
    """What the Reminders API made of it, said plainly; a failure changes nothing."""
    result, call = s.event.result, s.event.call
    t = s.text
    if call is None:
        return answer(s, t("reminder.failed"))
    if call.erasing:  # the erase's tombstone keeps the reminder only when it still rings
        if result in ("deleted", "gone"):
            s.progress.reminder = None
            return s.end(PlanBuilder(), t("reset.done"))
        return s.end(PlanBuilder(), t("reset.reminder_kept"))
    if result == "created":
        old = s.progress.reminder
        s.progress.reminder = Reminder(s.event.alert_token, call.at, call.daily, "" if call.daily else call.on)
        s.progress.reminder_declined = ""
        line = t("reminder.changed" if old is not None and call.replaces else "reminder.set", when=when(s, call))
        return answer(s, line, call.offered)
    if result in ("deleted", "gone") and call.action == "delete":
        s.progress.reminder = None
        return answer(s, t("reminder.cancelled"), call.offered)
    if result == "forbidden" and call.action == "create" and not call.consented:
        s.reminder = call._replace(action="consent")  # the handler adds the AskFor directive
        s.keep_place()  # Alexa's question ends the session
        return s.end(PlanBuilder(), t("reminder.need_permission"))
    if result == "forbidden":
        s.reminder = ReminderCall("card")
        return answer(s, t("reminder.still_not_allowed"), call.offered)
    return answer(s, t("reminder.unavailable" if result == "unavailable" else "reminder.failed"), call.offered)


@on(CancelReminder, to=ANSWERED)
def cancel_reminder(s: Step) -> Plan:
    reminder = s.progress.reminder
    if reminder is None:
        return answer(s, s.text("reminder.none"))
    s.reminder = ReminderCall("delete", reminder.at, reminder.daily, reminder.on, replaces=reminder.alert_token)
    return unavailable(s)


@on(WhenReminder, to=ANSWERED)
def when_is_our_reminder(s: Step) -> Plan:
    reminder = s.progress.reminder
    if reminder is None:
        return answer(s, s.text("reminder.none"))
    if not reminder.daily and (reminder.on, reminder.at) <= (s.today.isoformat(), f"{s.now:%H:%M}"):
        return answer(s, s.text("reminder.rang"))
    return answer(s, s.text("reminder.is", when=when(s, reminder)))
