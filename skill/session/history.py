"""The couple's history as the skill tells it: how they are doing (days done, streak, the check-ins'
trend) and how long they have been away (a kind word, and a choice, after a gap)."""

from __future__ import annotations

from datetime import date, timedelta

from ..progress.evenings import iso_date
from ..speech.plan import Plan, PlanBuilder
from .events import Launch
from .playing import place
from .state import Phase
from .step import Step

GAP_DAYS = 3  # this many days or more since the last evening: the launch says so and offers a choice
TREND_DAYS = 7  # the check-in trend looks at this week


def last_evening(s: Step) -> date | None:
    """The couple's last evening: their last completed day, or their last change if later."""
    days = [d for d in (*(iso_date(c.on) for c in s.progress.recent()), s.changed_on()) if d is not None]
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
                    s.text("gap.choice", number=day.number, place=place(s, seg, script.prompts)))


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
                   if c.checkin is not None and (iso_date(c.on) or date.min) >= week)
    if len(dated) >= 2:
        first, last = dated[0][2], dated[-1][2]
        if first == last and all(c[2] == last for c in dated):
            return t("status.steady", last=t.number(last))
        return t("status.trend", first=t.number(first), last=t.number(last))
    rated = [c.checkin for c in s.progress.recent() if c.checkin is not None]
    if len(rated) + s.progress.evenings.rated == 1 and rated:  # one check-in is no average
        return t("status.one_checkin", last=t.number(rated[0]))
    avg = s.progress.average_checkin()
    return t("status.average", average=f"{round(avg, 1):g}") if avg is not None else ""
