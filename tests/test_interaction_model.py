"""The interaction models: valid for Alexa, in sync with journeys/, and matched by the handlers."""

from __future__ import annotations

import json
import re

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import Intent
from ask_smapi_model.v1.skill.interaction_model import InteractionModelData
from conftest import ROOT

from skill.alexa.intents import to_event
from skill.alexa.interaction_model import LOCALES, MODELS_DIR, handled_intents, render
from skill.journeys import load_library
from skill.session import events as ev

MODELS = [MODELS_DIR / f"{locale}.json" for locale in LOCALES]


def model(path):
    return json.loads(path.read_text(encoding="utf-8"))["interactionModel"]["languageModel"]


@pytest.mark.parametrize("path", MODELS, ids=LOCALES)
def test_model_deserializes_with_ask_smapi_model(path):
    data = DefaultSerializer().deserialize(path.read_text(encoding="utf-8"), InteractionModelData)
    lm = data.interaction_model.language_model
    assert lm.invocation_name == "couple journeys"
    assert {i.name for i in lm.intents} == {i["name"] for i in model(path)["intents"]}


@pytest.mark.parametrize("path", MODELS, ids=LOCALES)
def test_committed_model_is_generated_from_the_code_and_journeys(path):
    locale = path.stem
    assert path.read_text(encoding="utf-8") == render(load_library(ROOT / "journeys"), locale), \
        "run: python -m skill model"


@pytest.mark.parametrize("path", MODELS, ids=LOCALES)
def test_invocation_name_follows_amazons_rules(path):
    name = model(path)["invocationName"]
    assert re.fullmatch(r"[a-z][a-z.' ]*", name) and len(name.split()) >= 2
    assert not set(name.split()) & {"alexa", "amazon", "echo", "skill", "app", "launch", "ask", "open", "tell"}


@pytest.mark.parametrize("path", MODELS, ids=LOCALES)
def test_no_sample_is_claimed_by_two_intents_and_slots_are_declared(path):
    lm = model(path)
    owner: dict[str, str] = {}
    for intent in lm["intents"]:
        declared = {s["name"] for s in intent.get("slots", [])}
        for sample in intent.get("samples", []):
            key = re.sub(r"\s+", " ", sample.lower().strip())
            assert key not in owner, f"{sample!r} is in {owner.get(key)} and {intent['name']}"
            owner[key] = intent["name"]
            used = set(re.findall(r"\{(\w+)\}", sample))
            assert used <= declared, f"{intent['name']}: {sample!r} uses undeclared {used - declared}"
        custom = not intent["name"].startswith("AMAZON.")
        assert not custom or len(intent["samples"]) >= 12, f"{intent['name']} needs a dozen or more samples"


@pytest.mark.parametrize("path", MODELS, ids=LOCALES)
def test_required_and_useful_built_ins_are_present(path):
    names = {i["name"] for i in model(path)["intents"]}
    for required in ("AMAZON.HelpIntent", "AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent",
                     "AMAZON.FallbackIntent", "AMAZON.YesIntent", "AMAZON.NoIntent", "AMAZON.NextIntent",
                     "AMAZON.PreviousIntent", "AMAZON.RepeatIntent", "AMAZON.PauseIntent", "AMAZON.ResumeIntent",
                     "AMAZON.StartOverIntent"):
        assert required in names


@pytest.mark.parametrize("path", MODELS, ids=LOCALES)
def test_every_intent_has_a_handler_and_every_handled_intent_is_in_the_model(path):
    names = {i["name"] for i in model(path)["intents"]}
    assert names == handled_intents()
    for name in names - {"AMAZON.FallbackIntent"}:
        assert not isinstance(to_event(Intent(name=name)), ev.NotUnderstood), name
    assert isinstance(to_event(Intent(name="LaunchIntent")), ev.NotUnderstood)  # an event, but no intent of ours


@pytest.mark.parametrize("path", MODELS, ids=LOCALES)
def test_journey_slot_type_lists_every_journey_of_the_locales_language(path):
    (journey_type,) = model(path)["types"]
    ids = {v["id"] for v in journey_type["values"]}
    language = path.stem.split("-")[0]
    assert ids == {j.id for j in load_library(ROOT / "journeys").journeys if j.language == language}
    if language == "en":
        assert "kleine-gesten" not in ids


def test_guided_flow_words_all_move_on():
    next_samples = next(i for i in model(MODELS[0])["intents"] if i["name"] == "AMAZON.NextIntent")["samples"]
    for phrase in ("ready", "done", "go on"):
        assert phrase in next_samples


def test_german_model_is_written_the_way_german_couples_talk():
    lm = model(MODELS_DIR / "de-DE.json")
    samples = {i["name"]: i["samples"] for i in lm["intents"]}
    assert "wir sind {firstName} und {secondName}" in samples["NamesIntent"]
    assert "wir heißen {firstName} und {secondName}" in samples["SetNamesIntent"]
    assert "mach die Runden {duration}" in samples["SetTurnLengthIntent"]
    for phrase in ("bereit", "weiter", "fertig"):
        assert phrase in samples["AMAZON.NextIntent"]
    english = {s for i in model(MODELS[0])["intents"] for s in i["samples"]}
    assert not english & {s for i in lm["intents"] for s in i["samples"]} - {"{score}", "okay", "{firstName}"}


def slot_only(sample: str) -> bool:
    return not re.sub(r"\{\w+\}", "", sample).strip()


@pytest.mark.parametrize("path", MODELS, ids=LOCALES)
def test_no_top_level_sample_is_only_slots(path):
    """Alexa routes stray phrases to such a sample ("order a large pepperoni pizza" → the name intent); a
    bare answer belongs to the dialog model's slot samples, heard when the skill elicits that slot."""
    sinks = [(i["name"], s) for i in model(path)["intents"] for s in i.get("samples", []) if slot_only(s)]
    assert sinks == []


@pytest.mark.parametrize("path", MODELS, ids=LOCALES)
def test_the_dialog_model_elicits_names_and_the_check_in_with_slot_samples(path):
    data = DefaultSerializer().deserialize(path.read_text(encoding="utf-8"), InteractionModelData)
    schema = data.interaction_model
    assert schema.language_model.model_configuration.fallback_intent_sensitivity.level.value == "MEDIUM"
    assert schema.dialog.delegation_strategy.value == "SKILL_RESPONSE"
    dialog = {i.name: {s.name: s for s in i.slots} for i in schema.dialog.intents}
    assert set(dialog) == {"NamesIntent", "CheckInIntent"}
    prompts = {p.id: p.variations[0].value for p in schema.prompts}
    intents = {i.name: {s.name: s for s in i.slots or []} for i in schema.language_model.intents}
    for intent, slots in dialog.items():
        for name, slot in slots.items():
            samples = intents[intent][name].samples
            assert f"{{{name}}}" in samples and all(f"{{{name}}}" in s for s in samples), (intent, name)
            assert slot.elicitation_required and "?" in prompts[slot.prompts.elicitation]
