"""The interaction model, defined once here and written to interaction_models/<locale>.json.

`python -m skill model` regenerates the files (the journey slot type comes from the journeys/ of the
locale's language); a test fails when the committed files differ from what this produces.
"""

from __future__ import annotations

import json
from pathlib import Path

from ..journeys import Library, language_of

INVOCATION_NAME = "couple journeys"
LOCALES = ("en-US", "en-GB", "en-CA", "en-AU", "en-IN")
MODELS_DIR = Path(__file__).resolve().parents[2] / "interaction_models"

CUSTOM_INTENTS: dict[str, dict] = {
    "SetNamesIntent": {
        "slots": {"firstName": "AMAZON.FirstName", "secondName": "AMAZON.FirstName"},
        "samples": [
            "our names are {firstName} and {secondName}", "we are {firstName} and {secondName}",
            "we're {firstName} and {secondName}", "it's {firstName} and {secondName}",
            "this is {firstName} and {secondName}", "{firstName} and {secondName}",
            "I'm {firstName} and my partner is {secondName}", "I am {firstName} and this is {secondName}",
            "my name is {firstName} and my partner's name is {secondName}",
            "call us {firstName} and {secondName}", "our names are {firstName} and {secondName} please",
            "change our names to {firstName} and {secondName}", "set our names to {firstName} and {secondName}",
            "the names are {firstName} and {secondName}", "it's us {firstName} and {secondName}",
        ],
    },
    "SetTurnLengthIntent": {
        "slots": {"duration": "AMAZON.DURATION"},
        "samples": [
            "make turns {duration}", "make each turn {duration}", "make the turns {duration} long",
            "set the turn length to {duration}", "set turns to {duration}", "turns of {duration}",
            "give us {duration} each", "give each of us {duration}", "I want {duration} per turn",
            "change the turn length to {duration}", "each turn should be {duration}", "use {duration} turns",
            "we need {duration} per turn", "turn length {duration}", "change the turn length",
            "how long are the turns", "make the turns longer", "make the turns shorter", "longer turns",
            "shorter turns",
        ],
    },
    "ChooseJourneyIntent": {
        "slots": {"journey": "JOURNEY"},
        "samples": [
            "start {journey}", "start the {journey} journey", "begin {journey}", "begin the {journey} journey",
            "switch to {journey}", "switch to the {journey} journey", "let's do {journey}",
            "let's do the {journey} journey", "I want to do {journey}", "we want to do {journey}",
            "choose {journey}", "pick {journey}", "open the {journey} journey", "go to {journey}",
            "change the journey to {journey}", "play {journey}",
        ],
    },
    "ListJourneysIntent": {
        "slots": {},
        "samples": [
            "list the journeys", "what journeys are there", "what journeys do you have", "which journeys are there",
            "what are the journeys", "tell me the journeys", "list journeys", "what else can we do",
            "what other journeys are there", "show the journeys", "what can we choose from",
            "which journeys can we do", "read the journeys", "what are our options",
        ],
    },
    "ProgressIntent": {
        "slots": {},
        "samples": [
            "where are we", "how are we doing", "what day is it", "what day are we on", "how far along are we",
            "where did we stop", "where were we", "what's our progress", "how is our progress",
            "what's our streak", "how many days have we done", "how are we getting on", "what step is this",
            "where are we in the journey", "how many days are left",
        ],
    },
    "CheckInIntent": {
        "slots": {"score": "AMAZON.NUMBER"},
        "samples": [
            "{score}", "a {score}", "we feel {score}", "we're a {score}", "about {score}", "maybe {score}",
            "I'd say {score}", "we'd say {score}", "{score} out of five", "{score} out of 5", "a solid {score}",
            "it's a {score}", "we feel like a {score}", "tonight is a {score}", "our score is {score}",
        ],
    },
    "ResetProgressIntent": {
        "slots": {},
        "samples": [
            "reset our progress", "reset all progress", "erase our progress", "delete our progress",
            "start everything over", "forget everything", "delete everything", "wipe our progress",
            "reset everything", "clear our progress", "erase everything and start fresh",
            "delete our data", "reset the skill", "forget our names and progress", "erase everything",
        ],
    },
}

# Built-ins, with our own words added where a guided session needs them.
BUILT_IN_INTENTS: dict[str, list[str]] = {
    "AMAZON.YesIntent": ["yes please", "sure", "okay", "let's begin", "let's start", "we're in"],
    "AMAZON.NoIntent": ["not now", "not tonight", "no thanks"],
    "AMAZON.NextIntent": ["ready", "we're ready", "we are ready", "done", "we're done", "we are done",
                          "go on", "continue", "carry on", "keep going", "skip", "skip this", "move on",
                          "next one", "next sentence", "next question", "finished", "let's go on"],
    "AMAZON.PreviousIntent": ["go back", "back", "previous one", "the one before"],
    "AMAZON.RepeatIntent": ["say that again", "again please", "can you repeat that", "what was that"],
    "AMAZON.PauseIntent": ["hold on", "give us a moment", "pause the session", "take a break"],
    "AMAZON.ResumeIntent": ["resume the session", "let's continue where we left off"],
    "AMAZON.StartOverIntent": ["start the day over", "start today again", "revisit", "revisit it",
                               "do it again", "from the beginning"],
    "AMAZON.HelpIntent": ["what can I say", "how does this work"],
    "AMAZON.StopIntent": ["that's enough for tonight", "we're finished for tonight", "good night"],
    "AMAZON.CancelIntent": [],
    "AMAZON.NavigateHomeIntent": [],
    "AMAZON.FallbackIntent": [],
}


JOURNEY_WORD = {"en": "journey"}  # "the deepening intimacy journey"; a German couple just names the journey


def journey_type(library: Library, language: str = "en") -> dict:
    """The JOURNEY slot type: one value per journey file in `language`, the id as the value's id."""
    values = []
    for j in library.in_language(language).journeys:
        said = {j.id.replace("-", " "), f"{j.title} {JOURNEY_WORD.get(language, '')}".strip().lower()}
        name: dict = {"value": j.title.lower()}
        if synonyms := sorted(said - {j.title.lower()}):
            name["synonyms"] = synonyms
        values.append({"id": j.id, "name": name})
    return {"name": "JOURNEY", "values": values}


def build(library: Library, language: str = "en") -> dict:
    intents = []
    for name, spec in CUSTOM_INTENTS.items():
        intents.append({"name": name, "slots": [{"name": s, "type": t} for s, t in spec["slots"].items()],
                        "samples": spec["samples"]})
    for name, samples in BUILT_IN_INTENTS.items():
        intents.append({"name": name, "samples": samples})
    return {"interactionModel": {"languageModel": {
        "invocationName": INVOCATION_NAME, "intents": intents, "types": [journey_type(library, language)]}}}


def render(library: Library, language: str = "en") -> str:
    return json.dumps(build(library, language), indent=2, ensure_ascii=False) + "\n"


def write(library: Library, folder: Path = MODELS_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{locale}.json" for locale in LOCALES]
    for locale, p in zip(LOCALES, paths, strict=True):
        p.write_text(render(library, language_of(locale)), encoding="utf-8")
    return paths


def handled_intents() -> set[str]:
    return set(CUSTOM_INTENTS) | set(BUILT_IN_INTENTS)
