"""How a day closes: the check-in heard (or skipped), the day counted, a celebration when it was the
journey's last, and the reminder offered for tomorrow."""

from ..journeys import Day, Journey
from ..speech.plan import Plan, PlanBuilder
from .reminding import offer_reminder
from .script import DayScript
from .step import Step
from .tonight import at_place, more_to_come, next_journey_for


@at_place
def complete_day(s: Step, journey: Journey, day: Day, script: DayScript, score: int | None) -> Plan:
    """The check-in is in (or skipped): the day is done; a celebration when it was the journey's last."""
    t = s.text
    s.progress.complete(journey.id, day.number, s.today, score)
    s.progress.position = None
    b = PlanBuilder()
    if score is not None:
        b.say(t("checkin.high" if score >= 4 else "checkin.low" if score <= 2 else "checkin.middle"))
        if score <= 2:
            b.say(t("care.pointer"))
    b.say(t("complete.done", number=day.number, sentences=t.count("complete.sentences", script.prompts),
            questions=t.count("complete.questions", len(day.questions))))
    streak = s.progress.streak(s.today)
    following = journey.day_after(day.number)
    if following is not None:
        b.say(t("complete.streak", days=t.number(streak)) if streak >= 2 else t("complete.streak_begins"))
        b.say(t("complete.next_day", number=following.number, title=following.title))
    elif more_to_come(journey):
        b.say(t("complete.last_written", title=journey.title), t("complete.more_coming"))
        nxt = next_journey_for(s, journey)
        b.say(t("complete.next_journey", title=nxt.title) if nxt else "")
    else:
        done = len(s.progress.days_done(journey.id))
        b.say(t("complete.journey_done", title=journey.title, days=t.count("complete.days", done)))
        if streak >= 2:
            b.say(t("complete.streak", days=t.number(streak)))
        nxt = next_journey_for(s, journey)
        b.say(t("complete.next_journey", title=nxt.title) if nxt else t("complete.again", title=journey.title))
    return offer_reminder(s, b) or s.end(b, s.good_night())
