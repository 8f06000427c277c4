"""Every envelope gets a clean answer: those built with the SDK's own models (tests/sdk_envelopes.py), and
the 55 real ones from public projects when the shared corpus sits beside the project — or, for the 4 of
those the ASK SDK cannot read, a clear refusal."""

from __future__ import annotations

import json

import pytest
from alexa_support import checked, fresh_lambda
from conftest import SHARED
from sdk_envelopes import generated

from skill.alexa.interaction_model import handled_intents
from skill.alexa.invoke import RequestRefused

CORPUS = SHARED / "alexa-requests"
FILES = sorted(CORPUS.glob("*.json")) if CORPUS.exists() else []
ENVELOPES = {**generated(), **{f"{p.name.split('__')[0]}-{p.name.split('__')[1]}": p for p in FILES}}
UNREADABLE = {  # the SDK's own deserializer rejects these (bad timestamps, an unknown request type, …)
    "AlexaHouseholdListEvent.ItemsCreated__ask-sdk-nodejs-v1__1.json",
    "AlexaSkillEvent.SkillPermissionChanged__amazon-alexa-php__1.json",
    "LaunchRequest-APL-context-TV-advertising__amazon-alexa-php__1.json",
    "UnknownRequest-type__alexa-app__1.json",
}


@pytest.fixture
def handler(tmp_path, monkeypatch):
    monkeypatch.setenv("PROGRESS_STORE", f"sqlite:///{tmp_path / 'p.db'}")
    monkeypatch.delenv("SKILL_ID", raising=False)
    return fresh_lambda().lambda_handler


@pytest.mark.shared
def test_corpus_is_present():
    assert len(FILES) == 55


@pytest.mark.parametrize("name", list(ENVELOPES))
def test_every_envelope_gets_a_clean_answer(name, handler, caplog):
    source = ENVELOPES[name]
    body = json.loads(source if isinstance(source, str) else source.read_text(encoding="utf-8"))
    if not isinstance(source, str) and source.name in UNREADABLE:
        with pytest.raises(RequestRefused, match="not an Alexa request envelope"):
            handler(body, None)
        return
    response = checked(handler(body, None))
    assert response["version"] == "1.0"
    assert "error handling" not in caplog.text  # no handler raised along the way
    kind = body["request"]["type"]
    speech = response["response"].get("outputSpeech")
    if kind in ("LaunchRequest", "IntentRequest"):
        assert speech, f"{kind} must be answered with speech"
    if kind.startswith(("AudioPlayer.", "PlaybackController.", "System.", "SessionEnded", "AlexaSkillEvent")):
        assert speech is None  # Alexa does not accept speech in answer to these
    if kind == "CanFulfillIntentRequest":
        ours = body["request"]["intent"]["name"] in handled_intents()  # the corpus asks for MyNameIsIntent
        assert response["response"]["canFulfillIntent"]["canFulfill"] == ("YES" if ours else "NO")


def test_skill_id_set_refuses_other_skills(tmp_path, monkeypatch):
    monkeypatch.setenv("PROGRESS_STORE", f"sqlite:///{tmp_path / 'p.db'}")
    monkeypatch.setenv("SKILL_ID", "amzn1.ask.skill.ours")
    handler = fresh_lambda().lambda_handler
    from skill.alexa.envelopes import Device

    with pytest.raises(RequestRefused, match=r"refused: this endpoint serves amzn1\.ask\.skill\.ours"):
        handler(Device().launch(), None)
    response = checked(handler(Device(application_id="amzn1.ask.skill.ours").launch(), None))
    assert "Welcome to Couple Journeys" in response["response"]["outputSpeech"]["ssml"]


def test_skill_disabled_erases_the_couples_progress(handler, tmp_path):
    from skill.alexa.envelopes import Device
    from skill.progress.store import open_store

    device = Device(user_id="amzn1.ask.account.DISABLER")
    device.heard(handler(device.launch(), None))
    handler(device.intent("SetNamesIntent", {"firstName": "Sam", "secondName": "Alex"}), None)
    store = open_store(f"sqlite:///{tmp_path / 'p.db'}")
    assert store.load(device.user_id)["names"] == ["Sam", "Alex"]
    disabled = {"version": "1.0", "context": {"System": {"application": {"applicationId": device.application_id},
                                                         "user": {"userId": device.user_id}}},
                "request": {"type": "AlexaSkillEvent.SkillDisabled", "requestId": "r1",
                            "timestamp": "2026-11-22T20:00:00Z", "eventCreationTime": "2026-11-22T20:00:00Z",
                            "eventPublishingTime": "2026-11-22T20:00:00Z",
                            "body": {"userInformationPersistenceStatus": "NOT_PERSISTED"}}}
    assert checked(handler(disabled, None))["response"].get("outputSpeech") is None
    tombstone = store.load(device.user_id)  # only the erase instant is left, so no open session undoes it
    assert tombstone["names"] == [] and tombstone["evenings"]["days"] == {} and tombstone["erased"]
