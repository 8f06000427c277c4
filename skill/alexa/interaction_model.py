"""The interaction models, one per locale, written to interaction_models/<locale>.json.

The intents and their slots are defined here; what couples say for them is language data, in
skill/language/samples/<language>.toml; the journey slot type lists the journeys of the locale's
language. `python -m skill model` regenerates the files; a test fails when the committed ones differ.
"""

from __future__ import annotations

import json
import tomllib
from functools import cache
from pathlib import Path

from ..journeys import Library
from ..language import language_of
from ..language.catalog import DEFAULT_LANGUAGE, locales
from ..language.catalog import FOLDER as LANGUAGE_FOLDER

LOCALES = tuple(locales())  # every locale a catalog serves (its `[language] locales`)
MODELS_DIR = Path(__file__).resolve().parents[2] / "interaction_models"

SLOTS: dict[str, dict[str, str]] = {
    "SetNamesIntent": {"firstName": "AMAZON.FirstName", "secondName": "AMAZON.FirstName"},
    "SetTurnLengthIntent": {"duration": "AMAZON.DURATION"},
    "ChooseJourneyIntent": {"journey": "JOURNEY"},
    "ListJourneysIntent": {},
    "ProgressIntent": {},
    "CheckInIntent": {"score": "AMAZON.NUMBER"},
    "ResetProgressIntent": {},
    "NamesIntent": {"firstName": "AMAZON.FirstName", "secondName": "AMAZON.FirstName"},
    "LeaveIntent": {},
    "CareIntent": {},
    "AboutSkillIntent": {},
    "WhoGoesFirstIntent": {},
    "HowLongIntent": {},
    "MoreTimeIntent": {},
    "LessTimeIntent": {},
    "SkipIntent": {},
    "SkipLessonIntent": {},
    "SkipQuestionIntent": {},
    "ReadLessonAgainIntent": {},
    "SetReminderIntent": {"time": "AMAZON.TIME"},  # once: tomorrow
    "SetDailyReminderIntent": {"time": "AMAZON.TIME"},
    "CancelReminderIntent": {},
    "ReminderStatusIntent": {},
}
BUILT_INS = ("AMAZON.YesIntent", "AMAZON.NoIntent", "AMAZON.NextIntent", "AMAZON.PreviousIntent",
             "AMAZON.RepeatIntent", "AMAZON.PauseIntent", "AMAZON.ResumeIntent", "AMAZON.StartOverIntent",
             "AMAZON.HelpIntent", "AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent",
             "AMAZON.FallbackIntent")


@cache
def samples(language: str) -> dict:
    with open(LANGUAGE_FOLDER / "samples" / f"{language}.toml", "rb") as f:
        return tomllib.load(f)


def journey_type(library: Library, language: str) -> dict:
    """The JOURNEY slot type: one value per journey of this language, the id as the value's id."""
    pattern = samples(language)["journey_synonym"]
    values = []
    for j in library.in_language(language).journeys:
        title = j.title.lower()
        synonyms = sorted({j.id.replace("-", " "), pattern.format(title=title).lower()} - {title})
        values.append({"id": j.id, "name": {"value": title, "synonyms": synonyms}})
    return {"name": "JOURNEY", "values": values}


def build(library: Library, locale: str = "en-US") -> dict:
    language = language_of(locale)
    said = samples(language)
    intents = [{"name": name, "slots": [{"name": s, "type": t} for s, t in slots.items()],
                "samples": said["intents"][name]["samples"]} for name, slots in custom_intents().items()]
    intents += [{"name": name, "samples": said["built_in"].get(name, [])} for name in BUILT_INS]
    return {"interactionModel": {"languageModel": {
        "invocationName": said["invocation"], "intents": intents, "types": [journey_type(library, language)]}}}


def render(library: Library, locale: str = "en-US") -> str:
    return json.dumps(build(library, locale), indent=2, ensure_ascii=False) + "\n"


def write(library: Library, folder: Path = MODELS_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"{locale}.json" for locale in LOCALES]
    for locale, path in zip(LOCALES, paths, strict=True):
        path.write_text(render(library, locale), encoding="utf-8")
    return paths


@cache
def custom_intents() -> dict[str, dict[str, str]]:
    """Our own intents and their slots: those with slots as SLOTS declares them, then every other intent
    the default language's samples name (without slots; `intents.to_event` makes `XIntent` the event `X`),
    so a new intent without slots needs no line here."""
    declared = dict(SLOTS)
    declared.update({name: {} for name in samples(DEFAULT_LANGUAGE)["intents"] if name not in declared})
    return declared


def handled_intents() -> set[str]:
    return set(custom_intents()) | set(BUILT_INS)
