"""Everything the skill says, in one place, so its voice can be read and tuned apart from the logic."""

from __future__ import annotations

from ..journeys.model import Day, Journey
from .script import Segment

ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"]
NUMBERS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]

WELCOME = ("Welcome to Couple Journeys. Each evening I'll read you a short lesson, give each of you a timed turn "
           "to finish a few sentences out loud to each other, and ask a few questions to talk over together. "
           "Nothing you say to each other is recorded or stored.")
ASK_NAMES = "First, what are your first names? You can say, for example, we're Sam and Alex. Or say skip."
REPROMPT_NAMES = "Tell me your first names, like: we're Sam and Alex. Or say skip."
PRIVACY = "This skill is for reflection and connection; it is not therapy or medical advice."

REPROMPTS = {
    "names": REPROMPT_NAMES,
    "offer": "Say yes to begin, or stop to come back another time.",
    "learning": "Say go on when you're ready, or pause to stop for now.",
    "turns": "Say next when you're ready for the next sentence, or repeat to hear it again.",
    "reflection": "Say next when you're ready to go on, or repeat to hear the question again.",
    "check_in": "From one to five, how connected do you feel tonight? Or say skip.",
    "revisit": "Say yes to go on to the next day, or revisit to do today's day again.",
    "next_journey": "Say yes to start the next journey, or no to stop for tonight.",
    "confirm_reset": "Say yes to erase all your progress, or no to keep it.",
}

HELP = {
    "names": "I use your first names to tell you whose turn it is. " + REPROMPT_NAMES,
    "offer": "Each day has a short lesson, a timed turn for each of you on a few sentences, and questions "
             "to talk over. It takes about twenty minutes.",
    "learning": "I'm reading today's lesson. You can say go on, go back, repeat, or pause. Saying next skips "
                "ahead to today's activity.",
    "turns": "During a turn, one of you finishes the sentence out loud while the other simply listens. A bell "
             "starts the turn and another ends it. You can say next, go back, repeat, pause, or change the "
             "turn length, for example: make turns ninety seconds.",
    "reflection": "Take the time to talk each question over together. A bell marks the end of the time. You can "
                  "say next, go back, repeat, or pause.",
    "check_in": "A quick check-in helps you see how your evenings add up. Any number from one to five is fine, "
                "or say skip.",
    "revisit": "You already finished a day today. You can go on to the next one, or revisit the one you did.",
    "next_journey": "You've finished every day written for this journey so far. I can start the next one.",
    "confirm_reset": "Erasing removes your names, settings and every completed day. It can't be undone.",
    "closed": "Couple Journeys guides you both through an evening: a short lesson, timed turns to share with "
              "each other, and questions to talk over. You can ask where are we, list the journeys, or change "
              "the turn length.",
}

GLOBAL_HELP = " At any time you can say pause, go back, where are we, or stop."


def duration(seconds: int) -> str:
    minutes, rest = divmod(int(seconds), 60)
    if minutes == 0:
        return f"{rest} seconds"
    words = "1 minute" if minutes == 1 else f"{minutes} minutes"
    if rest == 30:
        return ("a minute and a half" if minutes == 1 else f"{minutes} and a half minutes")
    return words if rest == 0 else f"{words} {rest} seconds"


def ordinal(index: int) -> str:
    return ORDINALS[index] if index < len(ORDINALS) else f"number {index + 1}"


def number(n: int) -> str:
    return NUMBERS[n] if 0 <= n < len(NUMBERS) else str(n)


def couple(names: list[str]) -> str:
    named = [n for n in names if n]
    return " and ".join(named)


def greeting(names: list[str]) -> str:
    who = couple(names)
    return f"Welcome back, {who}." if who else "Welcome back."


def day_heading(journey: Journey, day: Day) -> str:
    title = f"Day {day.number}: {day.title}." if day.title else f"Day {day.number}."
    week = journey.week_of(day.number)
    focus = f" This week's focus: {week.theme}." if week and week.theme and (day.number - 1) % 7 == 0 else ""
    return f"{title}{focus}"


def place(segment: Segment | None, total_prompts: int) -> str:
    """Where in a day a segment is, said the way a person would."""
    if segment is None:
        return "at the start"
    if segment.kind == "learn":
        return "in today's lesson" if segment.key != "learn.0" else "at the start"
    if segment.kind == "turn":
        return f"at the {ordinal(segment.prompt_index)} of {number(total_prompts)} sentences"
    if segment.kind == "question":
        return f"at reflection question {number(segment.question_index + 1)}"
    return "at the check-in"


def turn_intro(speaker: str, listener: str, prompt: str, second: bool) -> str:
    if speaker and listener:
        return (f"Now {speaker}, your turn. Finish this sentence for {listener}: {prompt}" if second
                else f"{speaker}, finish this sentence for {listener}: {prompt}")
    return (f"Now the other of you, your turn: {prompt}" if second
            else f"Whoever would like to go first, finish this sentence: {prompt}")


def checkin_ack(score: int | None) -> str:
    if score is None:
        return ""
    if score >= 4:
        return "I'm glad you feel close tonight."
    if score <= 2:
        return "Thank you for being honest. Closeness grows a little every evening you do this."
    return "Thank you for checking in."


def streak(days: int) -> str:
    if days >= 2:
        return f"That's {days} evenings in a row."
    return "Come back tomorrow to keep it going."
