"""How a day closes: the check-in heard (or skipped), the day counted, a celebration when it was the
journey's last, and the reminder offered for tomorrow."""

from ..journeys import Day, Journey
from ..speech.plan import Plan, PlanBuilder
from .reminding import offer_reminder
from .script import DayScript
from .step import Step
from .tonight import at_place, more_to_come, next_journey_for


@at_place
def complete_day(s: Step, journey: Journey, day: Day, script: DayScript, score: int | None, said: str = "") -> Plan:
    """The check-in is in (or skipped): the day is done; a celebration when it was the journey's last. The
    gentle pointer to a counsellor comes with a second low check-in in a row: one is an honest evening."""
    t = s.text
    again = low_again(s, score)  # before this day's check-in joins the others
    s.progress.complete(journey.id, day.number, s.today, score)
    s.progress.position = None
    b = PlanBuilder().say(said)
    if score is not None:
        b.say(t("checkin.high" if score >= 4 else "checkin.low" if score <= 2 else "checkin.middle"))
        if again:
            b.say(t("care.pointer"))
    b.say(t("complete.done", number=day.number), shared(s, script.prompts, len(day.questions)))
    streak = s.progress.streak(s.today)
    following = journey.day_after(day.number) or s.next_day(journey)  # or a day they skipped past
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


LOW = 2  # a check-in this low, twice in a row, earns the gentle pointer (once is an honest evening)


def low_again(s: Step, score: int | None) -> bool:
    """This check-in and the one before it are both low."""
    if score is None or score > LOW:
        return False
    earlier = [c for c in s.progress.recent() if c.checkin is not None]  # the latest week's
    return bool(earlier) and max(earlier, key=lambda c: (c.on, c.day)).checkin <= LOW


def shared(s: Step, sentences: int, questions: int) -> str:
    """What they shared tonight, counted as people count: nothing said of what there was none of, and a
    question they skipped is not one they talked through."""
    t = s.text
    questions = max(0, questions - s.conversation.skipped)
    said = {"sentences": t.count("complete.sentences", sentences),
            "questions": t.count("complete.questions", questions)}
    if sentences and questions:
        return t("complete.shared_both", **said)
    if sentences or questions:
        return t("complete.shared_sentences" if sentences else "complete.shared_questions", **said)
    return ""
