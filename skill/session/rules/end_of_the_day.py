"""The end of the day: the check-in, then the reminder offered for the same time tomorrow.

Whatever the couple answers the check-in — a number, words, nothing understood — the day is completed: a
check-in never loses it. Words suggest a score that is asked about once ("would you call it a four?") before
it is noted. The check-in question ends the response of the last questions: what they say before it has
played is read against the discussion that was playing ("next": the next question), and the check-in is
asked before it is answered."""

from datetime import timedelta

from ...speech.plan import Plan, PlanBuilder
from ..again import interrupted
from ..day_done import complete_day
from ..events import CheckIn, Next, No, NotUnderstood, Repeat, Skip, Yes
from ..reminding import reminder_call, this_time, unavailable
from ..replies import not_understood, reask
from ..script import QUESTION
from ..state import SAME, Phase
from ..step import Step
from ..table import on
from .during_the_day import go_on, skip_ahead

TRIES = 3  # answers that give no number before the day is completed without one
DONE = (SAME, Phase.REMINDER_OFFER, Phase.CLOSED, Phase.OFFER, Phase.REVISIT, Phase.NEXT_JOURNEY)


def discussing(s: Step) -> bool:
    """A discussion is playing: the check-in question at the end of this response has not been heard."""
    seg = interrupted(s)
    return seg is not None and seg.kind == QUESTION


@on(CheckIn, Phase.CHECK_IN, to=DONE)
def checked_in(s: Step) -> Plan:
    c, t = s.conversation, s.text
    if discussing(s):  # answered before it was asked: the discussion comes again, and the check-in after it
        return reask(s, t("checkin.not_yet"))
    score, c.guess = s.event.score, 0
    if score is None and s.event.felt:
        c.guess = s.event.felt
        asked = t(f"checkin.would_you_call.{c.guess}")
        return s.listen(PlanBuilder(), Phase.CHECK_IN, asked, again=c.ask, reprompt=asked)
    if score == 0:  # "zero": heard, and noted as the lowest there is
        return complete_day(s, 1, t("checkin.zero"))
    if score is None or not 1 <= score <= 5:
        return missed(s, PlanBuilder().say(t("checkin.range")), t("checkin.again"))
    return complete_day(s, score)


@on((Next, Yes), Phase.CHECK_IN, to=DONE)
def checkin_nudged(s: Step) -> Plan:
    """"Yes" to "would you call it a four?" notes the four. Otherwise "next" or "yes" to the check-in: asked
    for the number once more (differently), then it is skipped. Said over a discussion: the next question."""
    c = s.conversation
    if discussing(s):
        return go_on(s)
    if isinstance(s.event, Yes) and c.guess:
        return complete_day(s, c.guess)
    if isinstance(s.event, Next) and c.misses >= 1:
        return complete_day(s, None)
    key = "checkin.on_yes" if isinstance(s.event, Yes) and not c.misses else "checkin.once_more"
    return missed(s, PlanBuilder(), s.text(key))


@on(No, Phase.CHECK_IN, to=DONE)
def checkin_declined(s: Step) -> Plan:
    """No to "would you call it a four?" asks for their number; no to the check-in itself skips it. Said over
    a discussion, it is no answer yet: the discussion comes again."""
    c = s.conversation
    if discussing(s):
        return reask(s, s.text("leave.no_rush"))
    if c.guess:
        c.guess = 0
        return s.listen(PlanBuilder(), Phase.CHECK_IN, s.text("checkin.which_then"), again=c.ask)
    return complete_day(s, None)


@on(Skip, Phase.CHECK_IN, to=DONE)
def checkin_skipped(s: Step) -> Plan:
    if discussing(s):  # "skip this question" over the discussion; the lesson is long gone
        return skip_ahead(s) if s.event.what != "lesson" else reask(s)
    return complete_day(s, None)


@on(NotUnderstood, Phase.CHECK_IN, to=DONE)
def checkin_not_understood(s: Step) -> Plan:
    """First a rephrase, then the choices; the third answer without a number completes the day without one."""
    c, t = s.conversation, s.text
    if discussing(s):
        return not_understood(s)  # said over the discussion: it comes again
    lead = t("fallback.not_understood" if not c.misses else "fallback.still_not")
    return missed(s, PlanBuilder().say(lead), c.ask if not c.misses else t("choices.check_in"))


def missed(s: Step, builder: PlanBuilder, question: str) -> Plan:
    """An answer with no number in it: ask again, or — the last try — complete the day without one."""
    c = s.conversation
    s.counted, c.guess = True, 0
    c.misses += 1
    if c.misses >= TRIES:
        return complete_day(s, None, s.text("checkin.let_go"))
    return s.listen(builder, Phase.CHECK_IN, question, again=c.ask)


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
