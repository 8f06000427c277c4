"""Helpers for tests that talk to the skill the way Alexa does: through lambda_handler, with envelopes."""

from __future__ import annotations

import json
import sys
from typing import Any

from conftest import ROOT

from skill.alexa.interaction_model import ELICITED
from skill.speech.ssml import MAX_RESPONSE_BYTES, check, plain_text

sys.path.insert(0, str(ROOT / "lambda"))
import lambda_function


def fresh_lambda():
    """The Lambda module with its per-container skill rebuilt from the current environment."""
    lambda_function.invoker.cache_clear()
    return lambda_function


def checked(response: dict[str, Any]) -> dict[str, Any]:
    """Assert a response is one Alexa accepts: SSML valid and within limits, size within 24 KB."""
    assert len(json.dumps(response).encode()) <= MAX_RESPONSE_BYTES
    body = response["response"]
    speech = body.get("outputSpeech")
    if speech:
        assert speech["type"] == "SSML"
        check(speech["ssml"])
    reprompt = (body.get("reprompt") or {}).get("outputSpeech")
    if reprompt:
        check(reprompt["ssml"], reprompt=True)
    if speech and body.get("shouldEndSession") is False:
        assert reprompt, "a response that listens must have a reprompt"
    for directive in body.get("directives") or []:  # Alexa refuses a dialog directive that ends the session,
        if directive["type"] == "Dialog.ElicitSlot":  # or names a slot its dialog model does not elicit
            assert body.get("shouldEndSession") is False and speech, "an elicitation listens, and asks"
            assert (directive["updatedIntent"]["name"], directive["slotToElicit"]) in ELICITED
    return response


def said(response: dict[str, Any]) -> str:
    speech = response["response"].get("outputSpeech") or {}
    return plain_text(speech.get("ssml", ""))
