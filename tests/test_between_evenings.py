"""How the couple is doing, and coming back after a gap, in the session machine (no clock of its own:
the dates are the progress's and the injected now)."""

from __future__ import annotations

from datetime import timedelta

from evening import Evening

from skill.journeys import load_library
from skill.progress.evenings import Evenings
from skill.progress.record import Completion, Position, Progress
from skill.session import events as ev
from skill.session.machine import State

ROOT = __import__("conftest").ROOT
TODAY = Evening().now.date()


def ago(days: int) -> str:
    return (TODAY - timedelta(days=days)).isoformat()


def couple(**fields) -> Evening:
    progress = Progress(names=["Sam", "Alex"], **fields)
    return Evening(state=State(progress))


def test_how_are_we_doing_gives_days_last_evening_and_the_check_in_trend():
    e = couple(journey_id="everyday-appreciation", evenings=Evenings.of({
        "deepening-intimacy": [Completion(1, ago(20), 2)],
        "everyday-appreciation": [Completion(1, ago(6), 3), Completion(2, ago(2), 4)]}))
    text = e.say(ev.HowAreWeDoing()).text
    assert "You're on Everyday Appreciation; next is Day 3." in text
    assert "You've completed three days so far. Of those, two in Everyday Appreciation." in text
    assert "Your last evening together was two days ago." in text
    assert "Your check-ins went from three to four this week." in text  # last week's 2 is not this week's


def test_a_streak_is_said_instead_of_the_last_evening_and_steady_check_ins_are_steady():
    e = couple(journey_id="everyday-appreciation", evenings=Evenings.of({
        "everyday-appreciation": [Completion(1, ago(2), 4), Completion(2, ago(1), 4), Completion(3, ago(0), 4)]}))
    text = e.say(ev.HowAreWeDoing()).text
    assert "Your streak is three evenings in a row." in text and "last evening" not in text
    assert "Your check-ins have been four each time this week." in text


def test_no_check_ins_this_week_falls_back_to_the_average_and_none_yet_stays_simple():
    e = couple(journey_id="deepening-intimacy",
               evenings=Evenings.of({"deepening-intimacy": [Completion(1, ago(30), 5)]}))
    text = e.say(ev.HowAreWeDoing()).text
    assert "Your last evening together was 30 days ago." in text and "Your one check-in so far was a five." in text
    assert "average" not in text  # one check-in is no average (issue 21)
    e = couple(journey_id="deepening-intimacy",
               evenings=Evenings.of({"deepening-intimacy": [Completion(1, ago(30), 5), Completion(2, ago(29), 4)]}))
    assert "Your check-ins average 4.5 out of five." in e.say(ev.HowAreWeDoing()).text
    assert "You haven't completed a day yet." in couple().say(ev.HowAreWeDoing()).text


def test_how_are_we_doing_in_german():
    e = couple(journey_id="kleine-gesten", evenings=Evenings.of({"kleine-gesten": [Completion(1, ago(4), 2),
                                                                      Completion(2, ago(1), 3)]}))
    e.library = load_library(ROOT / "journeys").in_language("de-DE")
    from skill.session.machine import advance

    text = advance(e.state, ev.HowAreWeDoing(), e.library, e.now, "de-DE").plan.text
    assert "Ihr habt bisher zwei Tage abgeschlossen." in text
    assert "Euer letzter gemeinsamer Abend war gestern." in text
    assert "Euer Stimmungsbild ging diese Woche von zwei auf drei." in text


def halfway_after(days: int) -> Evening:
    return couple(journey_id="everyday-appreciation", position=Position("everyday-appreciation", 2, "turn.0.a"),
                  evenings=Evenings.of({"everyday-appreciation": [Completion(1, ago(days), 4)]}))


def test_after_a_gap_the_launch_says_so_kindly_and_offers_to_pick_up_or_start_over():
    e = halfway_after(5)
    plan = e.say(ev.Launch())
    assert "Welcome back, Sam and Alex. It's been five days since your last evening together." in plan.text
    assert "You were on Day 2, at the first of" in plan.text
    assert plan.text.endswith("Shall we pick up where you left off, or start the day over?")
    assert e.phase == "returning" and plan.listens
    assert not any(getattr(i, "seconds", 0) for i in plan.items)  # nothing timed starts unannounced
    again = e.say(ev.StartOver())
    assert "Starting Day 2 again from the beginning." in again.text and e.phase == "learning"


def test_after_a_gap_yes_picks_up_where_they_left_off():
    e = halfway_after(9)
    e.say(ev.Launch())
    plan = e.say(ev.Yes())
    assert e.phase == "turns" and "finish this sentence for" in plan.text


def test_a_gap_with_no_day_halfway_offers_the_next_day_after_the_kind_word():
    e = couple(journey_id="everyday-appreciation",
               evenings=Evenings.of({"everyday-appreciation": [Completion(1, ago(4), 4)]}))
    plan = e.say(ev.Launch())
    assert "It's been four days since your last evening together." in plan.text
    assert "Tonight is Day 2 of Everyday Appreciation: Appreciating Who, Not Just What" in plan.text
    assert e.phase == "offer"


def test_two_days_away_is_no_gap():
    e = halfway_after(2)
    plan = e.say(ev.Launch())
    assert "It's been" not in plan.text and e.phase == "offer" and plan.text.endswith("Ready to carry on?")


def test_the_offer_of_a_reminder_is_not_repeated_for_two_weeks_once_declined():
    e = couple(journey_id="everyday-appreciation", position=Position("everyday-appreciation", 1, "checkin"))
    e.say(ev.Launch())
    assert "Shall I remind you tomorrow at 8 pm?" in e.say(ev.CheckIn(4)).text and e.phase == "reminder_offer"
    assert "All right, no reminder. Good night, Sam and Alex." in e.say(ev.No()).text
    assert e.progress.reminder_declined == e.now.date().isoformat()
    for days in (1, 12):
        e.next_evening(days)
        e.say(ev.Launch())
        while e.phase != "check_in":
            e.say(ev.Next())
        closing = e.say(ev.CheckIn(3))
        assert "remind" not in closing.text and not closing.listens
        e.progress.position = Position("everyday-appreciation", 1, "question.1")  # last night's check-in is done
    e.next_evening(1)  # two weeks after the no
    e.say(ev.Launch())
    while e.phase != "check_in":
        e.say(ev.Next())
    assert "Shall I remind you tomorrow" in e.say(ev.CheckIn(3)).text


def test_a_reminder_that_has_rung_is_said_so_and_the_offer_comes_again():
    from skill.progress.record import Reminder

    e = couple(journey_id="everyday-appreciation", position=Position("everyday-appreciation", 1, "checkin"),
               reminder=Reminder("token-1", "19:30", False, TODAY.isoformat()))
    assert "Your last reminder has already rung." in e.say(ev.WhenReminder()).text  # 20:00 now
    e.say(ev.Launch())
    assert "Shall I remind you tomorrow" in e.say(ev.CheckIn(4)).text
    e = couple(reminder=Reminder("token-1", "20:30", False, TODAY.isoformat()))
    assert "Your reminder is today at 8:30 pm." in e.say(ev.WhenReminder()).text


def test_a_day_skipped_past_is_offered_later_and_the_journey_is_not_done_without_it():
    """Play-test of issue 21: "skip to day 3" from Day 1, Day 3 done — Day 2 is still offered, not "all done"."""
    e = couple(journey_id="everyday-appreciation", evenings=Evenings.of({"everyday-appreciation": [
        Completion(1, ago(2), 4), Completion(3, ago(1), 4)]}))
    plan = e.say(ev.Launch())
    assert "Day 2" in plan.text and "You've finished" not in plan.text
