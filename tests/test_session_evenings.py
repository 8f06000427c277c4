"""Whole evenings through the session machine: user does → skill says, with an injected clock."""

from __future__ import annotations

from datetime import timedelta

import pytest
from evening import Evening, named_evening

from skill.session import events as ev
from skill.speech.plan import Chime, Mark, Pause


def first_evening_to_day_one_complete(e: Evening) -> int:
    """Launch, names, then only natural replies; returns how many replies after the launch."""
    plan = e.say(ev.Launch())
    assert "what are your first names" in plan.text and plan.listens
    replies = 0
    plan = e.say(ev.SetNames("sam", "alex"))
    replies += 1
    while e.phase != "closed":
        assert plan.listens, "the session closed under the couple before the day was complete"
        plan = e.say(ev.CheckIn(4) if e.phase == "check_in" else ev.Next())
        replies += 1
    return replies


def test_first_evening_completes_day_one_in_at_most_ten_replies():
    e = Evening()
    replies = first_evening_to_day_one_complete(e)
    assert replies <= 10
    assert e.progress.days_done("deepening-intimacy") == {1}
    assert e.progress.recent()[0].checkin == 4
    assert e.progress.position is None
    said = " ".join(o.plan.text for _, o in e.log)
    for prompt in ("I feel closest to you when", "Something I've been wanting to share with you is",
                   "I feel most comfortable being vulnerable when", "One thing that helps me feel safe with you is"):
        assert said.count(prompt) == 2  # both partners, every prompt
    assert "Sam, finish this sentence for Alex" in said and "Now Alex, your turn" in said
    assert "Alex, finish this sentence for Sam" in said  # who goes first alternates by prompt
    assert "Question four" in said and "Day 1 complete" in said


def test_each_turn_is_prompt_chime_silence_chime_with_default_length():
    e = named_evening()
    plan = e.say(ev.Next())
    items = [i for i in plan.items if not isinstance(i, Mark)]
    chimes = [i for i in items if isinstance(i, Chime | Pause)]
    assert chimes == [Chime("start"), Pause(60), Chime("end")] * 2


def test_skipping_names_still_says_whose_turn_it_is():
    e = Evening()
    e.say(ev.Launch())
    e.say(ev.No())
    plan = e.say(ev.Skip())  # the content note: straight to the activity, once they are ready
    assert plan.text.endswith("say ready.") and not any(isinstance(i, Chime) for i in plan.items)
    plan = e.say(ev.Next())
    assert "Whoever would like to go first" in plan.text and "Now the other of you" in plan.text
    assert e.progress.names == ["", ""]


def test_stop_mid_turn_then_resume_at_that_turn():
    e = named_evening()
    e.say(ev.Next())  # prompt 1, both turns
    e.say(ev.Next())  # prompt 2 starts
    timeline = dict((seg, off) for off, seg in e.state.conversation.timeline)
    e.say(ev.Stop(), after=timeline["turn.1.b"] + 20)  # "Alexa, stop" during the second partner's turn
    assert e.progress.position.segment == "turn.1.b"
    e.next_evening(0)
    plan = e.say(ev.Launch(), after=600)  # a recap and "ready?": nothing timed starts unannounced
    assert "Last time you were on Day 1, The Foundations of True Intimacy, at the second of four sentences" in plan.text
    assert not any(isinstance(x, Chime) for x in plan.items) and plan.text.endswith("Ready to carry on?")
    plan = e.say(ev.Yes())
    assert next(x for x in plan.items if isinstance(x, Mark)) == Mark("turn.1.b")
    assert "Now Sam, your turn" in plan.text


def test_barge_in_next_during_first_turn_goes_to_the_second_partner():
    e = named_evening()
    e.say(ev.Next())
    first_turn_at = dict((seg, off) for off, seg in e.state.conversation.timeline)["turn.0.a"]
    plan = e.say(ev.Next(), after=first_turn_at + 10)
    assert [i.segment for i in plan.items if isinstance(i, Mark)] == ["turn.0.b"]
    assert plan.text.startswith("Now Alex, your turn")


def test_session_timing_out_after_a_full_response_resumes_at_what_comes_next():
    e = named_evening()
    e.say(ev.Next())
    e.say(ev.SessionEnded("EXCEEDED_MAX_REPROMPTS"))
    assert e.progress.position.segment == "turn.1.a"
    e.next_evening(0)
    plan = e.say(ev.Launch(), after=3600)
    assert "at the second of four sentences" in plan.text


def test_navigation_previous_repeat_start_over():
    e = named_evening()
    e.say(ev.Next())
    e.say(ev.Next())  # prompt 2
    before = e.progress.to_dict()
    plan = e.say(ev.Repeat())
    assert e.progress.to_dict() == before  # repeat changes nothing stored
    assert plan.text.startswith("The sentence was: Something I've been wanting to share")  # no timed silence
    assert not any(isinstance(x, Pause) for x in plan.items)
    plan = e.say(ev.Previous())
    assert "I feel closest to you when" in plan.text and e.progress.position.segment == "turn.0.a"
    plan = e.say(ev.Previous())  # one step back: the last part of the lesson, not the whole of it
    assert [m.segment for m in plan.items if isinstance(m, Mark)] == ["learn.3"]
    assert plan.text.startswith("Why This Matters")
    for _ in range(3):
        plan = e.say(ev.Previous())
    assert [m.segment for m in plan.items if isinstance(m, Mark)] == ["learn.0"]
    plan = e.say(ev.Previous())
    assert plan.text.startswith("This is the start of Day 1")
    e.say(ev.Next())
    assert e.say(ev.StartOver()).text.startswith("Start Day 1 again from the lesson?")  # asked first (issue 21)
    plan = e.say(ev.Yes())
    assert plan.text.startswith("Starting Day 1 again") and e.progress.position.segment == "learn.0"


def test_pause_ends_the_session_and_keeps_the_place():
    e = named_evening()
    e.say(ev.Next())
    plan = e.say(ev.PauseSession())
    assert not plan.listens and "Paused" in plan.text and e.progress.position.segment == "turn.1.a"
    e.next_evening(0)
    plan = e.say(ev.Resume(), after=900)  # "Alexa, tell couple journeys to resume": a new session
    assert "Welcome back, Sam and Alex" in plan.text and "at the second of four sentences" in plan.text
    plan = e.say(ev.Next())  # "ready"
    assert "Something I've been wanting to share" in plan.text


def test_help_fits_the_moment_and_changes_nothing():
    e = Evening()
    assert "first names" in e.say(ev.Launch()).text
    assert "I use your first names" in e.say(ev.Help()).text
    e.say(ev.SetNames("Sam", "Alex"))
    assert "skip straight to the activity" in e.say(ev.Help()).text  # the content note
    e.say(ev.Yes())
    assert "The lesson is done; next comes today's activity" in e.say(ev.Help()).text  # not "I'm reading it"
    e.say(ev.Next())
    before = e.progress.to_dict()
    plan = e.say(ev.Help())
    assert "During a turn" in plan.text and plan.listens and e.phase == "turns"
    assert e.progress.to_dict() == before


def test_not_understood_gets_a_nudge_not_a_dead_end():
    e = named_evening()
    plan = e.say(ev.NotUnderstood())
    assert plan.text.startswith("Sorry, I didn't catch that") and plan.listens and e.phase == "learning"


def test_turn_length_is_clamped_and_said_back():
    e = named_evening()
    assert "Each turn is now a minute and a half" in e.say(ev.SetTurnLength(90)).text
    assert "so each turn is now 15 seconds" in e.say(ev.SetTurnLength(5)).text
    assert "so each turn is now 3 minutes" in e.say(ev.SetTurnLength(600)).text
    plan = e.say(ev.Next())
    assert Pause(180) in plan.items
    assert "Each of you has 3 minutes for each sentence" in plan.text


def test_names_can_be_changed_later():
    e = Evening()
    e.say(ev.Launch())
    e.say(ev.No())
    assert "Shall I call you Robin and Taylor from now on?" in e.say(ev.SetNames("robin", "taylor")).text
    assert "Got it: Robin and Taylor" in e.say(ev.Yes()).text and e.phase == "content_note"
    e.say(ev.Yes())
    assert "Robin, finish this sentence for Taylor" in e.say(ev.Next()).text


def test_where_are_we_and_how_are_we_doing():
    e = Evening()
    first_evening_to_day_one_complete(e)
    e.next_evening()
    e.say(ev.Launch())
    e.say(ev.Yes())
    e.say(ev.Next())
    plan = e.say(ev.HowAreWeDoing())
    assert "You're on Day 1 of Everyday Appreciation, at the second of two sentences" in plan.text  # next up
    assert "You've completed one day so far" in plan.text and "Your one check-in so far was a four." in plan.text


def test_cadence_same_day_offers_revisit_or_go_on_next_day_offers_next():
    e = Evening()
    first_evening_to_day_one_complete(e)
    e.next_evening(0)
    plan = e.say(ev.Launch(), after=3600)  # later the same evening
    assert "You've completed every day written so far of Deepening Intimacy" in plan.text
    assert "begin Everyday Appreciation" in plan.text and e.phase == "next_journey"
    plan = e.say(ev.Yes())
    assert "Let's begin Everyday Appreciation" in plan.text and "Noticing the Small Things" in plan.text
    while e.phase != "closed":
        e.say(ev.CheckIn(5) if e.phase == "check_in" else ev.Next())
    e.next_evening(0)
    plan = e.say(ev.Launch(), after=600)
    assert "You finished Day 1 earlier today. Would you like to go on to Day 2 tonight?" in plan.text
    plan = e.say(ev.StartOver())
    assert "Let's revisit Day 1" in plan.text
    e.say(ev.Stop())
    e.next_evening()
    plan = e.say(ev.Launch())
    assert "Last time you were on Day 1" in plan.text  # the revisit is where they stopped
    e.say(ev.StartOver())
    e.say(ev.Stop())
    e.state.progress.position = None
    plan = e.say(ev.Launch())
    assert "Tonight is Day 2 of Everyday Appreciation: Appreciating Who, Not Just What" in plan.text
    assert e.phase == "offer"
    assert "Shall we begin?" in plan.text


def test_streak_across_consecutive_evenings():
    e = Evening()
    first_evening_to_day_one_complete(e)
    for _ in range(2):
        e.next_evening()
        e.say(ev.Launch())
        e.say(ev.Yes())
        while e.phase != "closed":
            plan = e.say(ev.CheckIn(3) if e.phase == "check_in" else ev.Next())
    assert "That's three evenings in a row" in plan.text
    assert e.progress.streak(e.now.date()) == 3


def test_list_and_choose_journeys():
    e = named_evening()
    plan = e.say(ev.ListJourneys())
    assert "There are two journeys: Deepening Intimacy and Everyday Appreciation" in plan.text
    plan = e.say(ev.ChooseJourney("every day appreciation"))
    assert "Switching to Everyday Appreciation" in plan.text and e.phase == "offer"
    assert "Noticing the Small Things" in plan.text
    plan = e.say(ev.Yes())
    assert "a cup of tea made without asking" in plan.text and e.progress.journey_id == "everyday-appreciation"
    plan = e.say(ev.ChooseJourney("gardening"))
    assert "I don't know that journey" in plan.text


def test_reset_needs_confirmation():
    e = Evening()
    first_evening_to_day_one_complete(e)
    e.next_evening()
    e.say(ev.Launch())
    assert "Are you sure?" in e.say(ev.ResetProgress()).text
    plan = e.say(ev.No())
    assert "nothing was erased" in plan.text and e.phase == "next_journey"
    assert e.progress.days_done("deepening-intimacy") == {1}
    e.say(ev.ResetProgress())
    outcome_plan = e.say(ev.Yes())
    assert e.log[-1][1].erase and e.progress.is_new and not outcome_plan.listens


def test_check_in_skipped_or_out_of_range():
    e = named_evening()
    while e.phase != "check_in":
        e.say(ev.Next())
    assert "From one to five, where one is distant and five is very close" in e.say(ev.CheckIn(9)).text
    plan = e.say(ev.Next())
    assert "Day 1 complete" in plan.text and e.progress.recent()[0].checkin is None


def test_a_saved_place_that_no_longer_exists_is_repaired():
    e = Evening()
    first_evening_to_day_one_complete(e)
    from skill.progress.record import Position

    e.state.progress.position = Position("deepening-intimacy", 1, "turn.99.a")
    e.next_evening()
    plan = e.say(ev.Launch())
    assert "Day 1" in plan.text and plan.listens
    e.state.progress.position = Position("deleted-journey", 3, "learn.0")
    e.next_evening()
    assert e.say(ev.Launch()).listens


@pytest.mark.parametrize("event", [ev.HowAreWeDoing(), ev.ListJourneys(), ev.Help(), ev.SetTurnLength(45)])
def test_one_shot_questions_in_a_new_session_offer_to_carry_on(event):
    e = named_evening()
    e.say(ev.Next())
    e.say(ev.Stop())
    e.next_evening(0)
    e.now += timedelta(hours=1)
    plan = e.say(event)
    assert plan.listens and e.phase == "offer" and plan.text.endswith("Ready to carry on?")
    assert "Last time you were on" not in plan.text  # the answer itself said enough: no recap on top
    plan = e.say(ev.Yes())
    assert "Something I've been wanting to share" in plan.text


def test_next_during_a_segment_the_journey_no_longer_has_goes_on_without_an_error():
    e = named_evening()
    e.say(ev.Next())  # the first sentence is playing
    e.state.conversation.timeline = [[0, "turn.9.a"], [5, "turn.9.b"]]  # the journey was edited meanwhile
    plan = e.say(ev.Next(), after=3)
    assert plan.listens and e.phase in ("turns", "reflection", "check_in")


def test_a_content_note_left_unanswered_is_asked_again_on_return():
    e = Evening()
    e.say(ev.Launch())
    e.say(ev.SetNames("Pat", "Jordan"))
    assert e.phase == "content_note"
    e.say(ev.Leave())
    e.next_evening()
    e.say(ev.Launch())
    plan = e.say(ev.Yes())  # ready to carry on: the lesson with the note is next, so the note comes first
    assert "talks about physical intimacy" in plan.text and e.phase == "content_note"


def test_a_plan_knows_the_catalog_keys_of_its_lines():
    e = Evening()
    e.say(ev.Launch())
    plan = e.say(ev.SetNames("Sam", "Alex"))
    assert plan.keys[:3] == ["names.lovely", "welcome.privacy", "welcome.begin_journey"]
    assert "Sam and Alex" in plan.text
