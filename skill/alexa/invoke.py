"""A request envelope (JSON) in, a response envelope out — for Lambda, the Flask endpoint and rehearsal.

Requests the SDK cannot read, and requests for another skill when SKILL_ID is set, are refused with a
`RequestRefused` that says why; everything else gets an answer.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from ask_sdk_core.exceptions import AskSdkException
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_core.skill import CustomSkill
from ask_sdk_model import RequestEnvelope

log = logging.getLogger(__name__)


class RequestRefused(Exception):
    """A request the skill will not answer, with the reason (unreadable, or meant for another skill)."""


class Invoker:
    def __init__(self, skill: CustomSkill):
        self.skill = skill
        self.serializer = DefaultSerializer()  # the SDK's own (decision 22)

    def read(self, body: dict[str, Any] | str | bytes) -> RequestEnvelope:
        try:
            text = body if isinstance(body, str | bytes) else json.dumps(body)  # a Lambda event arrives parsed
            envelope = self.serializer.deserialize(text, RequestEnvelope)
        except Exception as exc:  # the SDK raises several kinds for malformed envelopes
            raise RequestRefused(f"not an Alexa request envelope the SDK can read: {exc}") from exc
        if envelope is None or envelope.request is None:
            raise RequestRefused("not an Alexa request envelope: no request")
        session = envelope.session
        if session is not None and session.attributes:
            # the skill keeps its session state as one string; anything else is not ours, and a deeply
            # nested value would overflow the SDK's deep copy of the attributes
            attributes = session.attributes if isinstance(session.attributes, dict) else {}
            session.attributes = {k: v for k, v in attributes.items() if isinstance(v, str)}
        return envelope

    def check_skill_id(self, envelope: RequestEnvelope) -> None:
        expected = self.skill.skill_id
        if not expected:
            return
        system = getattr(envelope.context, "system", None)
        application = getattr(system, "application", None) or getattr(envelope.session, "application", None)
        got = getattr(application, "application_id", None)
        if got != expected:
            raise RequestRefused(f"request for skill {got!r} refused: this endpoint serves {expected}")

    def invoke(self, envelope: RequestEnvelope, context: Any = None) -> dict[str, Any]:
        self.check_skill_id(envelope)
        try:
            response = self.skill.invoke(request_envelope=envelope, context=context)
        except AskSdkException as exc:
            raise RequestRefused(str(exc)) from exc
        return self.serializer.serialize(response)

    def handle(self, body: dict[str, Any] | str | bytes, context: Any = None) -> dict[str, Any]:
        return self.invoke(self.read(body), context)
