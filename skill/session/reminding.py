"""Reminders as the couple hears about them: the time said aloud, the reminder to ask the handler for,
what Alexa will say when it rings, and the offer at the end of an evening.

The machine does no I/O. A rule that wants a reminder set, changed or cancelled leaves a `ReminderCall`
on the step (`Outcome.reminder`); the Alexa handler carries it out with the Reminders API and reports the
result back as a `ReminderDone` event, whose rule says how it went. Without permission the rule asks the
handler to request it (`consent`), and Alexa's answer comes back as `PermissionAnswer`.
"""

from __future__ import annotations

from datetime import date, timedelta

from ..progress.record import Reminder
from ..speech.plan import Plan, PlanBuilder
from .events import ReminderCall
from .replies import reask
from .state import Phase
from .step import Step

OFFER_AGAIN_DAYS = 14  # a declined offer of a reminder is made again only after this many days


def clock(s: Step, at: str) -> str:
    """"20:15" → "8:15 pm" ("20:15 Uhr")."""
    hour, minute = (int(x) for x in at.split(":"))
    values = {"hour": hour, "hour12": hour % 12 or 12, "minute": f"{minute:02d}",
              "half": s.text("clock.pm" if hour >= 12 else "clock.am")}
    return s.text("clock.with_minutes" if minute else "clock.on_the_hour", **values)


def when(s: Step, reminder: Reminder | ReminderCall) -> str:
    if reminder.daily:
        return s.text("reminder.daily", time=clock(s, reminder.at))
    today = s.today.isoformat()
    return s.text("reminder.once_today" if reminder.on == today else "reminder.once_tomorrow",
                  time=clock(s, reminder.at))


def in_the_evening(at: str) -> str:
    """An hour from 1 to 11 is the evening's: Alexa fills AMAZON.TIME with "08:00" for "eight" as for
    "eight am", and this is an evening skill (decision 24). The reply says the time it took ("8 pm")."""
    hour, minute = (int(x) for x in at.split(":"))
    return f"{hour + 12:02d}:{minute:02d}" if 1 <= hour <= 11 else at


def this_time(s: Step) -> str:
    """Now, to the five minutes before ("at this time tomorrow")."""
    return f"{s.now.hour:02d}:{s.now.minute - s.now.minute % 5:02d}"


def reminder_call(s: Step, at: str, daily: bool, first: date | None = None, consented: bool = False) -> ReminderCall:
    """The reminder to set: the next time `at` comes round (tomorrow's when `first` says so), with what
    Alexa says then — the journey and the day waiting, never anything the couple said."""
    hour, minute = (int(x) for x in at.split(":"))
    if first is None:
        first = s.today if (hour, minute) > (s.now.hour, s.now.minute) else s.today + timedelta(days=1)
    waiting = waiting_day(s)
    if waiting is None:
        text = s.text("reminder.spoken_plain")
    elif daily:
        text = s.text("reminder.spoken_daily", title=waiting[0])
    else:
        text = s.text("reminder.spoken_day", number=waiting[1], title=waiting[0])
    old = s.progress.reminder
    return ReminderCall("create", at, daily, first.isoformat(), text, s.progress.timezone,
                        old.alert_token if old else "", consented)


def waiting_day(s: Step) -> tuple[str, int] | None:
    """The journey title and day the couple comes back to: their place, the next day, or the next journey's
    first."""
    here = s.current()
    if here is not None:
        return here[0].title, here[1].number
    journey = s.journey()
    if journey is None:
        return None
    nxt = s.next_day(journey)
    if nxt is None and (following := s.library.after(journey.id)) is not None and following.days:
        journey, nxt = following, s.next_day(following) or following.days[0]
    return (journey.title, nxt.number) if nxt is not None else None


def unavailable(s: Step) -> Plan:
    return answer(s, s.text("reminder.unavailable"))


def answer(s: Step, line: str, good_night: bool = False) -> Plan:
    """A reminder's answer: good night after the evening's offer; the end of a one-shot request or of
    Alexa's permission question (a session of its own); else back to what they were doing."""
    if s.conversation.phase == Phase.REMINDER_OFFER or good_night:
        return s.end(PlanBuilder(), line, s.good_night())
    if s.conversation.phase == Phase.CLOSED:
        return s.end(PlanBuilder(), line)
    return reask(s, line)


def offer_reminder(s: Step, builder: PlanBuilder) -> Plan | None:
    """complete_day's hook: ask "shall I remind you tomorrow at this time?" — unless a reminder is set, or
    they said no within the last two weeks. None: no offer; the day closes as it did."""
    p = s.progress
    if p.reminder is not None and (p.reminder.daily or (p.reminder.on, p.reminder.at) > (s.today.isoformat(),
                                                                                         f"{s.now:%H:%M}")):
        return None
    if p.reminder_declined:
        try:
            if s.today - date.fromisoformat(p.reminder_declined) < timedelta(days=OFFER_AGAIN_DAYS):
                return None
        except ValueError:
            pass
    return s.listen(builder, Phase.REMINDER_OFFER, s.text("reminder.offer", time=clock(s, this_time(s))))
