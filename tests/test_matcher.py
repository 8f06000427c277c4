"""What a couple might say, matched to the intent Alexa would send — including phrasings that are not
copies of any sample utterance."""

from __future__ import annotations

import pytest

from skill.journeys import load_library
from skill.rehearsal.matcher import Matcher, Phrases

PHRASINGS = [
    ("open couple journeys", "launch", {}),
    ("Alexa, open Couple Journeys", "launch", {}),
    ("we're Sam and Alex", "NamesIntent", {"firstName": "Sam", "secondName": "Alex"}),
    ("our names are jo and kim", "SetNamesIntent", {"firstName": "Jo", "secondName": "Kim"}),
    ("I'm Robin and my partner is Taylor", "NamesIntent", {"firstName": "Robin", "secondName": "Taylor"}),
    ("make turns ninety seconds", "SetTurnLengthIntent", {"duration": "PT90S"}),
    ("give us 2 minutes each", "SetTurnLengthIntent", {"duration": "PT120S"}),
    ("make turns a minute and a half", "SetTurnLengthIntent", {"duration": "PT90S"}),
    ("longer turns please", "MoreTimeIntent", {}),
    ("start everyday appreciation", "ChooseJourneyIntent", {"journey": "everyday appreciation"}),
    ("let's do the deepening intimacy journey", "ChooseJourneyIntent", {"journey": "deepening intimacy"}),
    ("what journeys do we have", "ListJourneysIntent", {}),
    ("list the journeys please", "ListJourneysIntent", {}),
    ("where are we", "ProgressIntent", {}),
    ("how are we doing tonight", "ProgressIntent", {}),
    ("tell me where we are", "ProgressIntent", {}),
    ("I'd say a 3", "CheckInIntent", {"score": "3"}),
    ("five out of five", "CheckInIntent", {"score": "5"}),
    ("pretty good", "FeltGoodIntent", {}),  # check-in words (issue 21, 4)
    ("terrible", "FeltAwfulIntent", {}),
    ("we feel really close", "FeltGreatIntent", {}),
    ("hear it", "AMAZON.YesIntent", {}),  # the content note's choices (issue 21, 9)
    ("what's in week two", "WeekPlanIntent", {"week": "2"}),  # choices couples ask for (issue 21, 10)
    ("skip to day 3", "SkipToDayIntent", {"day": "3"}),
    ("can you speak a bit slower please", "SlowerIntent", {}),
    ("a bit faster", "FasterIntent", {}),
    ("skip the intro", "SkipIntroIntent", {}),
    ("actually call me Sasha", "SetNamesIntent", {"firstName": "Sasha"}),
    ("we'd like to hear it", "AMAZON.YesIntent", {}),
    ("go ahead", "AMAZON.YesIntent", {}),
    ("read it", "AMAZON.YesIntent", {}),
    ("so-so", "FeltSoSoIntent", {}),
    ("honestly not great", "FeltLowIntent", {}),
    ("purple elephants", "AMAZON.FallbackIntent", {}),
    ("reset our progress", "ResetProgressIntent", {}),
    ("please erase everything", "ResetProgressIntent", {}),
    ("yes", "AMAZON.YesIntent", {}),
    ("yeah sure", "AMAZON.YesIntent", {}),
    ("nope", "AMAZON.NoIntent", {}),
    ("not tonight", "LeaveIntent", {}),
    ("ready", "AMAZON.NextIntent", {}),
    ("ok we're ready now", "AMAZON.NextIntent", {}),
    ("we are done", "LeaveIntent", {}),
    ("please go on", "AMAZON.NextIntent", {}),
    ("skip", "SkipIntent", {}),
    ("could we go back", "AMAZON.PreviousIntent", {}),
    ("repeat that", "AMAZON.RepeatIntent", {}),
    ("sorry what was that", "AMAZON.RepeatIntent", {}),
    ("pause", "AMAZON.PauseIntent", {}),
    ("hang on a second", "AMAZON.PauseIntent", {}),
    ("alexa tell couple journeys to resume", "AMAZON.ResumeIntent", {}),
    ("let's start over", "AMAZON.StartOverIntent", {}),
    ("revisit", "AMAZON.StartOverIntent", {}),
    ("help", "AMAZON.HelpIntent", {}),
    ("what can I say", "AMAZON.HelpIntent", {}),
    ("stop", "AMAZON.StopIntent", {}),
    ("we'd like to stop now", "LeaveIntent", {}),
    ("cancel", "AMAZON.CancelIntent", {}),
    ("go home", "AMAZON.NavigateHomeIntent", {}),
    ("banana split please", "AMAZON.FallbackIntent", {}),
    ("our names are Robin and Taylor", "SetNamesIntent", {"firstName": "Robin", "secondName": "Taylor"}),
    ("four and two", "AMAZON.FallbackIntent", {}),
    ("we're not sure", "AMAZON.FallbackIntent", {}),
    ("can we skip the physical stuff", "AMAZON.FallbackIntent", {}),
    ("um", "AMAZON.FallbackIntent", {}),
    ("I don't know", "AMAZON.FallbackIntent", {}),
    ("we're fighting", "CareIntent", {}),
    ("I don't feel safe", "DangerIntent", {}),
    ("I'm crying", "TearsIntent", {}),
    ("I need help", "CareIntent", {}),
    ("is this therapy", "AboutSkillIntent", {}),
    ("who goes first", "WhoGoesFirstIntent", {}),
    ("can I go first", "GoFirstIntent", {}),
    ("how long is this", "HowLongIntent", {}),
    ("we need more time", "MoreTimeIntent", {}),
    ("make the turns shorter", "LessTimeIntent", {}),
    ("skip the lesson", "SkipLessonIntent", {}),
    ("skip this question", "SkipQuestionIntent", {}),
    ("read the lesson again", "ReadLessonAgainIntent", {}),
    ("what was the question", "AMAZON.RepeatIntent", {}),
    ("can we do this later", "LeaveIntent", {}),
    ("that's enough", "LeaveIntent", {}),
    ("remind us every evening at eight pm", "SetDailyReminderIntent", {"time": "20:00"}),
    ("remind us tomorrow at 8:30 pm", "SetReminderIntent", {"time": "20:30"}),
    ("alexa, remind us at this time tomorrow", "SetReminderIntent", {}),
    ("stop reminding us", "CancelReminderIntent", {}),
    ("when is our reminder?", "ReminderStatusIntent", {}),
    # play-test: names said the way couples say them, greetings first
    ("hi, we're Jo and Max", "NamesIntent", {"firstName": "Jo", "secondName": "Max"}),
    ("hello, we're Jo and Max", "NamesIntent", {"firstName": "Jo", "secondName": "Max"}),
    ("hello, we are Robin and Kim", "NamesIntent", {"firstName": "Robin", "secondName": "Kim"}),
    ("I'm Chris and she's Pat", "NamesIntent", {"firstName": "Chris", "secondName": "Pat"}),
    ("this is Sam and that's Alex", "NamesIntent", {"firstName": "Sam", "secondName": "Alex"}),
    ("Sam here, and Alex", "NamesIntent", {"firstName": "Sam", "secondName": "Alex"}),
    ("we're Mary-Kate and Jo", "NamesIntent", {"firstName": "Mary-Kate", "secondName": "Jo"}),
    # play-test: danger is danger
    ("I don't want to live anymore", "DangerIntent", {}),
    ("I want to hurt myself", "DangerIntent", {}),
    ("he hits me", "DangerIntent", {}),
    ("she hit me", "DangerIntent", {}),
    ("I want to kill myself", "DangerIntent", {}),
    # play-test: ways of leaving
    ("let's continue tomorrow", "LeaveIntent", {}),
    ("that's enough for tonight", "LeaveIntent", {}),
    ("let's leave it for another time", "LeaveIntent", {}),
    ("remind us every evening at eight", "SetDailyReminderIntent", {"time": "08:00"}),
]


@pytest.fixture(scope="module")
def matcher():
    return Matcher(load_library())


@pytest.mark.parametrize(("said", "intent", "slots"), PHRASINGS, ids=[p[0] for p in PHRASINGS])
def test_phrasing(matcher, said, intent, slots):
    match = matcher.match(said)
    assert (match.intent, match.slots) == (intent, slots)


def test_every_intent_of_the_model_is_reachable(matcher):
    """By a phrasing above, or (an intent without one yet) by its own first sample without slots."""
    from skill.alexa.interaction_model import build, handled_intents

    reached = {intent for _, intent, _ in PHRASINGS}
    samples = {i["name"]: i["samples"] for i in build(load_library())["interactionModel"]["languageModel"]["intents"]}
    for intent in sorted(handled_intents() - reached):
        said = next((s for s in samples[intent] if "{" not in s), None)
        assert said is not None and matcher.match(said).intent == intent, intent


@pytest.mark.parametrize(("locale", "words", "time"), [
    ("en-US", "eight pm", "20:00"), ("en-US", "8 pm", "20:00"), ("en-US", "20:15", "20:15"),
    ("en-US", "nine thirty in the evening", "21:30"), ("en-US", "7 am", "07:00"), ("en-US", "twelve am", "00:00"),
    ("de-DE", "20 Uhr", "20:00"), ("de-DE", "acht Uhr abends", "20:00"), ("de-DE", "20:30 Uhr", "20:30"),
    ("en-US", "soon", "?")])
def test_times(locale, words, time):
    from skill.rehearsal.matcher import Phrases

    assert Phrases(locale).time_value(words) == time


@pytest.mark.parametrize(("words", "iso"), [("90 seconds", "PT90S"), ("two minutes", "PT120S"),
                                            ("one and a half minutes", "PT90S"), ("45", "PT45S"), ("soon", "?")])
def test_durations(words, iso):
    assert Phrases("en-US").duration_iso(words) == iso


GERMAN = [
    ("Alexa, öffne Couple Journeys", "launch", {}),
    ("wir wollen sie hören", "AMAZON.YesIntent", {}),  # the content note's choice (issue 21, 9)
    ("lass uns eine Pause machen", "AMAZON.PauseIntent", {}),  # not a journey called "eine Pause"
    ("lies vor", "AMAZON.YesIntent", {}),
    ("ganz gut", "FeltGoodIntent", {}),
    ("ich weine", "TearsIntent", {}),
    ("er hat mich geschlagen", "DangerIntent", {}),
    ("wir sind Sam und Alex", "NamesIntent", {"firstName": "Sam", "secondName": "Alex"}),
    ("wir heißen Jörg und Gül", "SetNamesIntent", {"firstName": "Jörg", "secondName": "Gül"}),
    ("mach die Runden neunzig Sekunden", "SetTurnLengthIntent", {"duration": "PT90S"}),
    ("gib uns jeweils anderthalb Minuten", "SetTurnLengthIntent", {"duration": "PT90S"}),
    ("mach die Runden zweieinhalb Minuten", "SetTurnLengthIntent", {"duration": "PT150S"}),
    ("ich würde sagen eine drei", "CheckInIntent", {"score": "3"}),
    ("wo sind wir", "ProgressIntent", {}),
    ("welche Reisen gibt es", "ListJourneysIntent", {}),
    ("lösch alles", "ResetProgressIntent", {}),
    ("ja", "AMAZON.YesIntent", {}),
    ("nein danke", "AMAZON.NoIntent", {}),
    ("bereit", "AMAZON.NextIntent", {}),
    ("wir sind fertig", "LeaveIntent", {}),
    ("überspringen", "SkipIntent", {}),
    ("geh zurück", "AMAZON.PreviousIntent", {}),
    ("wie bitte", "AMAZON.RepeatIntent", {}),
    ("noch einmal", "AMAZON.RepeatIntent", {}),  # what the activity teaches for repeat (issue 21, 3)
    ("von vorn", "AMAZON.StartOverIntent", {}),
    ("gute Nacht", "LeaveIntent", {}),
    ("Banane mit Sahne", "AMAZON.FallbackIntent", {}),
    # Play-Test: Namen, wie Paare sie sagen
    ("hallo, wir sind Lena und Jonas", "NamesIntent", {"firstName": "Lena", "secondName": "Jonas"}),
    ("wir sind die Kerstin und der Tom", "NamesIntent", {"firstName": "Kerstin", "secondName": "Tom"}),
    ("ich bin Kerstin und das ist Tom", "NamesIntent", {"firstName": "Kerstin", "secondName": "Tom"}),
    ("Hi, ich bin die Kerstin und das ist mein Mann Tom", "NamesIntent",
     {"firstName": "Kerstin", "secondName": "Tom"}),
    ("wir sind Anna-Lena und Jan-Erik", "NamesIntent", {"firstName": "Anna-Lena", "secondName": "Jan-Erik"}),
    # Play-Test: Gefahr ist Gefahr
    ("ich will nicht mehr leben", "DangerIntent", {}),
    ("ich will mir etwas antun", "DangerIntent", {}),
    ("er schlägt mich", "DangerIntent", {}),
    ("er schlägt mich manchmal", "DangerIntent", {}),
    ("sie hat mich geschlagen", "DangerIntent", {}),
    # Play-Test: so geht man
    ("Schluss für heute", "LeaveIntent", {}),
    ("morgen weiter", "LeaveIntent", {}),
    ("wir machen morgen weiter", "LeaveIntent", {}),
    ("lieber ein andermal", "LeaveIntent", {}),
    ("erinner uns jeden Abend um acht", "SetDailyReminderIntent", {"time": "08:00"}),
]


@pytest.fixture(scope="module")
def german():
    return Matcher(load_library(), "de-DE")


@pytest.mark.parametrize(("said", "intent", "slots"), GERMAN, ids=[p[0] for p in GERMAN])
def test_german_phrasing(german, said, intent, slots):
    match = german.match(said)
    assert (match.intent, match.slots) == (intent, slots)


@pytest.mark.parametrize(("words", "iso"), [("neunzig Sekunden", "PT90S"), ("zwei Minuten", "PT120S"),
                                            ("eine Minute und dreißig Sekunden", "PT90S"),
                                            ("fünfundvierzig Sekunden", "PT45S"), ("bald", "?")])
def test_german_durations(words, iso):
    assert Phrases("de-DE").duration_iso(words) == iso


ELICITED = [  # the skill asked for this slot (Dialog.ElicitSlot): a bare answer fills it
    ("en-US", ("NamesIntent", "firstName"), "Sam and Alex", "NamesIntent", {"firstName": "Sam", "secondName": "Alex"}),
    ("en-US", ("NamesIntent", "firstName"), "Jo", "NamesIntent", {"firstName": "Jo"}),
    ("en-US", ("NamesIntent", "secondName"), "Kim", "NamesIntent", {"secondName": "Kim"}),
    ("en-US", ("NamesIntent", "firstName"), "skip", "SkipIntent", {}),
    ("en-US", ("NamesIntent", "firstName"), "order a large pepperoni pizza", "AMAZON.FallbackIntent", {}),
    ("en-US", ("CheckInIntent", "score"), "four", "CheckInIntent", {"score": "4"}),
    ("en-US", ("CheckInIntent", "score"), "next", "AMAZON.NextIntent", {}),
    ("de-DE", ("NamesIntent", "firstName"), "Sam und Alex", "NamesIntent", {"firstName": "Sam", "secondName": "Alex"}),
    ("de-DE", ("CheckInIntent", "score"), "vier", "CheckInIntent", {"score": "4"}),
    ("en-US", ("NamesIntent", "secondName"), "she's Pat", "NamesIntent", {"secondName": "Pat"}),
    ("de-DE", ("NamesIntent", "secondName"), "der Tom", "NamesIntent", {"secondName": "Tom"}),
    # a greeting is no name: nothing fills the slot
    ("en-US", ("NamesIntent", "firstName"), "hi", "AMAZON.FallbackIntent", {}),
    ("en-US", ("NamesIntent", "firstName"), "hello", "AMAZON.FallbackIntent", {}),
    ("de-DE", ("NamesIntent", "firstName"), "hallo", "AMAZON.FallbackIntent", {}),
    ("en-US", ("NamesIntent", "firstName"), "hi, Jo and Max", "NamesIntent", {"firstName": "Jo", "secondName": "Max"}),
    ("de-DE", ("NamesIntent", "firstName"), "die Kerstin und der Tom", "NamesIntent",
     {"firstName": "Kerstin", "secondName": "Tom"}),
    ("de-DE", ("NamesIntent", "firstName"), "Anna-Lena und Jan-Erik", "NamesIntent",
     {"firstName": "Anna-Lena", "secondName": "Jan-Erik"}),
]


@pytest.mark.parametrize(("locale", "elicited", "said", "intent", "slots"), ELICITED, ids=[e[2] for e in ELICITED])
def test_a_bare_answer_fills_the_elicited_slot(matcher, german, locale, elicited, said, intent, slots):
    match = (german if locale == "de-DE" else matcher).match(said, elicited)
    assert (match.intent, match.slots) == (intent, slots)


@pytest.mark.parametrize(("locale", "said"), [
    ("en-US", "Sam and Alex"), ("en-US", "Jo"), ("en-US", "four"), ("en-US", "pizza and beer"),
    ("de-DE", "Sam und Alex"), ("de-DE", "vier")])
def test_without_elicitation_a_bare_name_or_number_is_no_intent_of_ours(matcher, german, locale, said):
    match = (german if locale == "de-DE" else matcher).match(said)
    assert match.intent not in ("NamesIntent", "CheckInIntent"), match
    assert (matcher.match(said, ("CheckInIntent", "score")).intent != "NamesIntent")
