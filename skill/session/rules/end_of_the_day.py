"""The end of the day: the check-in (a number from one to five, or skipped), then the reminder offered
for the same time tomorrow."""

from datetime import timedelta

from ...speech.plan import Plan, PlanBuilder
from ..day_done import complete_day
from ..events import (
    CheckIn,
    Next,
    No,
    Repeat,
    Skip,
    Yes,
)
from ..reminding import reminder_call, this_time, unavailable
from ..replies import reask
from ..state import GONE, SAME, Phase
from ..step import Step
from ..table import on


@on(CheckIn, Phase.CHECK_IN, to=(SAME, Phase.REMINDER_OFFER, *GONE))
def checked_in(s: Step) -> Plan:
    score = s.event.score
    if score is None or not 1 <= score <= 5:
        s.counted = True
        s.conversation.misses += 1
        if s.conversation.misses >= 3:
            return complete_day(s, None)
        return s.listen(PlanBuilder().say(s.text("checkin.range")), Phase.CHECK_IN, s.text("checkin.again"),
                        again=s.conversation.ask)
    return complete_day(s, score)


@on((Next, Yes), Phase.CHECK_IN, to=(SAME, Phase.REMINDER_OFFER, *GONE))
def checkin_nudged(s: Step) -> Plan:
    """"Next" or "yes" to the check-in: asked for the number once more (differently), then it is skipped."""
    s.counted = True
    s.conversation.misses += 1
    if s.conversation.misses >= 3 or (isinstance(s.event, Next) and s.conversation.misses >= 2):
        return complete_day(s, None)
    key = "checkin.on_yes" if isinstance(s.event, Yes) and s.conversation.misses == 1 else "checkin.once_more"
    return s.listen(PlanBuilder(), Phase.CHECK_IN, s.text(key), again=s.conversation.ask)


@on((Skip, No), Phase.CHECK_IN, to=(Phase.REMINDER_OFFER, *GONE))
def checkin_skipped(s: Step) -> Plan:
    return complete_day(s, None)


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
    return reask(s)
