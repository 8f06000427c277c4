"""The skill asks for names and the check-in with Dialog.ElicitSlot, as Amazon documents for a bare answer:
only then does Alexa hear "Sam and Alex" or "four" as that slot (the dialog model's slot samples)."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from alexa_support import checked, fresh_lambda, said
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model.dialog import ElicitSlotDirective

from skill.alexa.envelopes import Device


@pytest.fixture
def handler(tmp_path, monkeypatch):
    monkeypatch.setenv("PROGRESS_STORE", f"sqlite:///{tmp_path / 'progress.db'}")
    monkeypatch.delenv("SKILL_ID", raising=False)
    return fresh_lambda().lambda_handler


def elicited(response: dict) -> tuple[str, str] | None:
    found = [d for d in response["response"].get("directives") or [] if d["type"] == "Dialog.ElicitSlot"]
    if not found:
        return None
    (directive,) = found
    model = DefaultSerializer().deserialize(json.dumps(directive), ElicitSlotDirective)  # the SDK's model reads it
    return model.updated_intent.name, model.slot_to_elicit


@pytest.mark.parametrize("locale", ["en-US", "de-DE"])
def test_names_then_the_partners_name_then_the_check_in_are_elicited(handler, locale):
    device = Device(now=datetime(2026, 11, 22, 20, 0, tzinfo=UTC), locale=locale)

    def send(envelope: dict) -> dict:
        response = checked(handler(envelope, None))
        device.heard(response)
        device.wait(600)  # each response heard to its end
        return response

    launch = send(device.launch())
    assert elicited(launch) == ("NamesIntent", "firstName")  # the first launch asks for their names
    assert device.elicited == ("NamesIntent", "firstName")
    partner = send(device.intent("NamesIntent", {"firstName": "Sam"}))
    assert elicited(partner) == ("NamesIntent", "secondName")
    offer = send(device.intent("NamesIntent", {"secondName": "Alex"}))
    assert "Alex" in said(offer) and elicited(offer) is None and device.elicited is None
    send(device.intent("AMAZON.YesIntent"))
    for _ in range(20):
        response = send(device.intent("AMAZON.NextIntent"))
        if elicited(response):
            break
    assert elicited(response) == ("CheckInIntent", "score")
    done = send(device.intent("CheckInIntent", {"score": "4"}))
    assert elicited(done) is None
