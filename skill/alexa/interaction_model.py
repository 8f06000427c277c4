"""The interaction models, one per locale, written to interaction_models/<locale>.json.

The intents and their slots are defined here; what couples say for them is language data, in
skill/language/samples/<language>.toml; the journey slot type lists the journeys of the locale's
language. `python -m skill model` regenerates the files; a test fails when the committed ones differ.

No top-level sample is only a slot: Alexa routes stray phrases to such a sample. A bare answer ("Sam and
Alex", "four") is a slot sample of the dialog model, heard when the skill elicits that slot
(Dialog.ElicitSlot, skill/alexa/dialog.py); see docs/decisions.md.
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
    "CareIntent": {},  # distress
    "TearsIntent": {},
    "DangerIntent": {},
    "AboutSkillIntent": {},
    "WhoGoesFirstIntent": {},
    "HowLongIntent": {},
    "GoFirstIntent": {},
    "WeekPlanIntent": {"week": "AMAZON.NUMBER"},
    "SkipToDayIntent": {"day": "AMAZON.NUMBER"},
    "SlowerIntent": {},
    "FasterIntent": {},
    "SkipIntroIntent": {},
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
# Slots the skill asks for with Dialog.ElicitSlot, and the catalog line that asks (the dialog model's
# prompt; the skill says its own words, as the dialog is the skill's: delegationStrategy SKILL_RESPONSE).
ELICITED: dict[tuple[str, str], str] = {
    ("NamesIntent", "firstName"): "welcome.ask_names",
    ("NamesIntent", "secondName"): "names.partner_again",
    ("CheckInIntent", "score"): "checkin.again",
}
# Stray phrases go to AMAZON.FallbackIntent, which re-asks kindly, rather than to an intent that acts on
# them; HIGH would also turn away the short replies of a noisy room (docs/decisions.md).
FALLBACK_SENSITIVITY = "MEDIUM"
# Check-in words ("pretty good", "so-so"): one intent of literal samples per score they suggest (samples/
# <language>.toml, [feelings]); a slot of such words would need a slot-only sample, a sink for stray phrases.
FELT: dict[str, int] = {"FeltAwfulIntent": 1, "FeltLowIntent": 2, "FeltSoSoIntent": 3, "FeltGoodIntent": 4,
                        "FeltGreatIntent": 5}
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


def _slot(intent: str, slot: str, kind: str, said: dict) -> dict:
    elicited = said["intents"][intent].get("elicit", {}).get(slot)
    return {"name": slot, "type": kind, **({"samples": elicited} if (intent, slot) in ELICITED else {})}


def dialog(locale: str) -> tuple[dict, list[dict]]:
    """The dialog model and its prompts: the elicited slots, required so that Alexa keeps their samples in
    mind, with the skill managing the dialog (no auto-delegation)."""
    from ..language import catalog

    text = catalog(locale)
    intents: dict[str, list[dict]] = {}
    prompts = []
    for (intent, slot), line in ELICITED.items():
        prompt = f"Elicit.Slot.{intent}.{slot}"
        intents.setdefault(intent, []).append({
            "name": slot, "type": SLOTS[intent][slot], "elicitationRequired": True, "confirmationRequired": False,
            "prompts": {"elicitation": prompt}})
        prompts.append({"id": prompt, "variations": [{"type": "PlainText", "value": text(line)}]})
    return {"delegationStrategy": "SKILL_RESPONSE", "intents": [
        {"name": name, "delegationStrategy": "SKILL_RESPONSE", "confirmationRequired": False, "prompts": {},
         "slots": slots} for name, slots in intents.items()]}, prompts


def felt_samples(said: dict, score: int) -> list[str]:
    """A check-in score's words, bare and in the language's carrier phrases ("we feel pretty good")."""
    words = said["feelings"][str(score)]
    return [*words, *(carrier.format(w) for carrier in said["feelings"]["carriers"] for w in words)]


def build(library: Library, locale: str = "en-US") -> dict:
    language = language_of(locale)
    said = samples(language)
    intents = [{"name": name, "slots": [_slot(name, s, t, said) for s, t in slots.items()],
                "samples": said["intents"][name]["samples"]} for name, slots in custom_intents().items()]
    intents += [{"name": name, "samples": felt_samples(said, score)} for name, score in FELT.items()]
    intents += [{"name": name, "samples": said["built_in"].get(name, [])} for name in BUILT_INS]
    dialog_model, prompts = dialog(locale)
    return {"interactionModel": {
        "languageModel": {
            "invocationName": said["invocation"],
            "modelConfiguration": {"fallbackIntentSensitivity": {"level": FALLBACK_SENSITIVITY}},
            "intents": intents, "types": [journey_type(library, language)]},
        "dialog": dialog_model, "prompts": prompts}}


def render(library: Library, locale: str = "en-US") -> str:
    return json.dumps(build(library, locale), indent=2, ensure_ascii=False) + "\n"


def write(library: Library, folder: Path = MODELS_DIR) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    every = locales()
    paths = [folder / f"{locale}.json" for locale in every]
    for locale, path in zip(every, paths, strict=True):
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


def __getattr__(name: str) -> tuple[str, ...]:
    """`LOCALES`: every locale a catalog serves (its `[language] locales`), read from every catalog only when
    asked for, never on a cold start."""
    if name == "LOCALES":
        return tuple(locales())
    raise AttributeError(name)


def handled_intents() -> set[str]:
    return set(custom_intents()) | set(BUILT_INS) | set(FELT)
