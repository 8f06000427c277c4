"""Between evenings: reminders, how the couple is doing, and coming back after a gap.

The machine does no I/O. A rule that wants a reminder set, changed or cancelled leaves a `ReminderCall`
on the step (`Outcome.reminder`); the Alexa handler carries it out with the Reminders API and reports the
result back as a `ReminderDone` event, whose rule says how it went. Without permission the rule asks the
handler to request it (`consent`), and Alexa's answer comes back as `PermissionAnswer`.
"""

from __future__ import annotations

import contextlib
from datetime import date, datetime, timedelta
from typing import NamedTuple

from ..progress.record import Reminder
from ..speech.plan import Plan, PlanBuilder
from . import evening, offers
from .events import (
    CancelReminder,
    CheckIn,
    Launch,
    Next,
    No,
    PermissionAnswer,
    Previous,
    ReminderDone,
    Repeat,
    Resume,
    SetReminder,
    StartOver,
    WhenReminder,
    Yes,
)
from .rules import on
from .state import GUIDED, SAME, Phase
from .step import Step

GAP_DAYS = 3  # this many days or more since the last evening: the launch says so and offers a choice
OFFER_AGAIN_DAYS = 14  # a declined offer of a reminder is made again only after this many days
TREND_DAYS = 7  # the check-in trend looks at this week
SCOPE = "alexa::alerts:reminders:skill:readwrite"
ANSWERED = (SAME, Phase.CLOSED)  # see answer(): back to the question they were asked, or the end


class ReminderCall(NamedTuple):
    """What the handler is to do with the Reminders API. action: create (or change `replaces`), delete,
    consent (ask for permission, then create), or card (a card in the Alexa app to allow reminders).
    at: "HH:MM" local; on: the ISO date of the first (or only) time it rings; text: what Alexa says when it
    rings, in the couple's language."""

    action: str
    at: str = ""
    daily: bool = False
    on: str = ""
    text: str = ""
    timezone: str = ""
    replaces: str = ""  # alertToken of the reminder this one changes
    consented: bool = False  # permission was just granted: a refusal now is not asked again
    offered: bool = False  # the couple said yes to the evening's offer: the answer ends with good night
    erasing: bool = False  # deleted because the couple erased everything: the answer is the erase's

    def token(self) -> str:
        """The AskFor token: enough to create this reminder when Alexa answers."""
        return f"reminder|{self.at}|{'daily' if self.daily else 'once'}|{self.on}|{'offered' if self.offered else ''}"


def from_token(token: str) -> tuple[str, bool, str, bool] | None:
    parts = (token or "").split("|")
    if len(parts) != 5 or parts[0] != "reminder" or not _valid_time(parts[1]):
        return None
    return parts[1], parts[2] == "daily", parts[3], parts[4] == "offered"


# -- times said aloud ----------------------------------------------------------------------------------
def _valid_time(at: str) -> bool:
    try:
        datetime.strptime(at, "%H:%M")
    except (TypeError, ValueError):
        return False
    return True


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


def this_time(s: Step) -> str:
    """Now, to the five minutes before ("at this time tomorrow")."""
    return f"{s.now.hour:02d}:{s.now.minute - s.now.minute % 5:02d}"


# -- asking for a reminder -----------------------------------------------------------------------------
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


@on(SetReminder, to=ANSWERED)
def set_reminder(s: Step) -> Plan:
    """"Remind us every evening at eight pm": the handler sets it; this plan is said only where it cannot."""
    at = s.event.at if _valid_time(s.event.at) else this_time(s)
    daily = bool(s.event.daily)  # once: tomorrow (an evening's reminder is for the next evening)
    s.reminder = reminder_call(s, at, daily, None if daily else s.today + timedelta(days=1))
    return unavailable(s)


def unavailable(s: Step) -> Plan:
    return answer(s, s.text("reminder.unavailable"))


def answer(s: Step, line: str, good_night: bool = False) -> Plan:
    """A reminder's answer: good night after the evening's offer; the end of a one-shot request or of
    Alexa's permission question (a session of its own); else back to what they were doing."""
    if s.conversation.phase == Phase.REMINDER_OFFER or good_night:
        return s.end(PlanBuilder(), line, s.good_night())
    if s.conversation.phase == Phase.CLOSED:
        return s.end(PlanBuilder(), line)
    return offers.reask(s, line)


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


# -- the offer at the end of an evening ----------------------------------------------------------------
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


@on(Yes, Phase.REMINDER_OFFER, to=Phase.CLOSED)
def reminder_offer_accepted(s: Step) -> Plan:
    s.reminder = reminder_call(s, this_time(s), False, s.today + timedelta(days=1))._replace(offered=True)
    return unavailable(s)


@on((No, Next), Phase.REMINDER_OFFER, to=Phase.CLOSED)
def reminder_offer_declined(s: Step) -> Plan:
    s.progress.reminder_declined = s.today.isoformat()
    return s.end(PlanBuilder(), s.text("reminder.declined"), s.good_night())


@on(Repeat, Phase.REMINDER_OFFER, to=SAME)
def reminder_offer_again(s: Step) -> Plan:
    return offers.reask(s)


# -- coming back after a gap ---------------------------------------------------------------------------
def last_evening(s: Step) -> date | None:
    """The couple's last evening: their last completed day, or their last change if later."""
    days = [d for d in (_date(c.on) for c in s.progress.recent()) if d is not None]
    if s.progress.updated:
        with contextlib.suppress(TypeError, ValueError):
            days.append(datetime.fromisoformat(s.progress.updated).astimezone(s.now.tzinfo).date())
    return max(days, default=None)


def days_away(s: Step) -> int | None:
    last = last_evening(s)
    return None if last is None else (s.today - last).days


def welcome_after_gap(s: Step, builder: PlanBuilder) -> Plan | None:
    """offer_evening's hook on launch: after several days away, say so kindly; with a day left halfway,
    offer to pick up where they left off or start it over. None: no gap; the launch goes on as ever."""
    away = days_away(s)
    if not isinstance(s.event, Launch) or away is None or away < GAP_DAYS:
        return None
    builder.say(s.text("gap.since", days=s.text.number(away)))
    here = s.current()
    if here is None:
        return None  # a new day is next: the usual offer follows the kind word
    journey, day, script, seg = here
    s.conversation.target = f"{journey.id}:{day.number}"
    return s.listen(builder, Phase.RETURNING,
                    s.text("gap.choice", number=day.number, place=evening.place(s, seg, script.prompts)))


@on((Yes, Next, Resume), Phase.RETURNING,  # OFFER…CLOSED: the place was edited away since the question
    to=(*GUIDED, Phase.CHECK_IN, Phase.CONTENT_NOTE, Phase.OFFER, Phase.REVISIT, Phase.NEXT_JOURNEY, Phase.CLOSED))
def returning_pick_up(s: Step) -> Plan:
    s.conversation.ready = True
    return offers.offer_evening(s, PlanBuilder(), greet=False)


@on((StartOver, Previous), Phase.RETURNING,
    to=(Phase.LEARNING, Phase.CONTENT_NOTE, Phase.OFFER, Phase.REVISIT, Phase.NEXT_JOURNEY, Phase.CLOSED))
def returning_start_over(s: Step) -> Plan:
    here = s.current()
    if here is None:
        return offers.offer_evening(s, PlanBuilder(), greet=False)
    journey, day, _, _ = here
    return evening.start_day(s, journey, day, PlanBuilder().say(s.text("day.starting_again", number=day.number)))


@on(No, Phase.RETURNING, to=Phase.CLOSED)
def returning_not_now(s: Step) -> Plan:
    return s.end(PlanBuilder(), s.text("leave.rest_well"))


@on((Repeat, CheckIn), Phase.RETURNING, to=SAME)
def returning_again(s: Step) -> Plan:
    return offers.reask(s)


# -- how are we doing ----------------------------------------------------------------------------------
def how_we_are_doing(s: Step) -> list[str]:
    """The days done (in all, and in this journey), the streak, the last evening and the check-ins' trend:
    short and warm; numbers, never a verdict."""
    p, t = s.progress, s.text
    done = p.completed_count()
    if not done:
        return [t("status.none_yet")]
    said = [t("status.completed", days=t.count("status.days", done))]
    journey = s.journey()
    here = len(p.days_done(journey.id)) if journey is not None else 0
    if journey is not None and 0 < here < done:
        said.append(t("status.in_journey", days=t.number(here), title=journey.title))
    streak = p.streak(s.today)
    if streak >= 2:
        said.append(t("status.streak", days=t.number(streak)))
    away = days_away(s)
    if away is not None and streak < 2:
        said.append(t("status.last_today") if away <= 0 else t("status.last_yesterday") if away == 1
                    else t("status.last_days", days=t.number(away)))
    said.append(trend(s))
    return [line for line in said if line]


def trend(s: Step) -> str:
    t = s.text
    week = s.today - timedelta(days=TREND_DAYS - 1)
    dated = sorted((c.on, c.day, c.checkin) for c in s.progress.recent()
                   if c.checkin is not None and (_date(c.on) or date.min) >= week)
    if len(dated) >= 2:
        first, last = dated[0][2], dated[-1][2]
        if first == last and all(c[2] == last for c in dated):
            return t("status.steady", last=t.number(last))
        return t("status.trend", first=t.number(first), last=t.number(last))
    avg = s.progress.average_checkin()
    return t("status.average", average=f"{round(avg, 1):g}") if avg is not None else ""


def _date(text: str) -> date | None:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        return None
