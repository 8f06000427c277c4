"""Request envelopes as Alexa sends them, for the rehearsal emulator and the conversation tests.

A `Device` plays the Alexa service for one couple: it keeps the session (id, attributes returned by the
skill) and the clock, and builds the next envelope the way a real Echo would.
"""

from __future__ import annotations

import itertools
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

APPLICATION_ID = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
_counter = itertools.count(1)


@dataclass
class Device:
    user_id: str = "amzn1.ask.account.LOCALCOUPLE"
    application_id: str = APPLICATION_ID
    locale: str = "en-US"
    screen: bool = False
    now: datetime = field(default_factory=lambda: datetime.now(UTC).replace(microsecond=0))
    session_id: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)
    api_endpoint: str = "https://api.amazonalexa.com"
    api_token: str | None = None  # set: the skill may call the Alexa APIs (time zone) at api_endpoint
    elicited: tuple[str, str] | None = None  # (intent, slot) the last response asked for (Dialog.ElicitSlot)

    def _base(self, request: dict[str, Any], new_session: bool) -> dict[str, Any]:
        if new_session or self.session_id is None:
            self.session_id = f"amzn1.echo-api.session.{uuid.uuid4()}"
            self.attributes = {}
            new_session = True
        interfaces: dict[str, Any] = {}
        if self.screen:
            interfaces["Alexa.Presentation.APL"] = {"runtime": {"maxVersion": "2024.3"}}
        system = {"application": {"applicationId": self.application_id}, "user": {"userId": self.user_id},
                  "device": {"deviceId": "amzn1.ask.device.LOCAL", "supportedInterfaces": interfaces},
                  "apiEndpoint": self.api_endpoint}
        if self.api_token:
            system["apiAccessToken"] = self.api_token
        request = {"requestId": f"amzn1.echo-api.request.{next(_counter)}",
                   "timestamp": self.stamp(), "locale": self.locale, **request}
        return {"version": "1.0",
                "session": {"new": new_session, "sessionId": self.session_id,
                            "application": {"applicationId": self.application_id},
                            "attributes": self.attributes, "user": {"userId": self.user_id}},
                "context": {"System": system}, "request": request}

    def stamp(self) -> str:
        """The request time in Alexa's form; with milliseconds when the clock has them, so a rehearsal's
        reply lands after the response it answers and not up to a second before."""
        spec = "milliseconds" if self.now.microsecond else "seconds"
        return self.now.astimezone(UTC).replace(tzinfo=None).isoformat(timespec=spec) + "Z"

    def launch(self) -> dict[str, Any]:
        return self._base({"type": "LaunchRequest"}, new_session=True)

    def intent(self, name: str, slots: dict[str, str] | None = None, new_session: bool = False) -> dict[str, Any]:
        slot_json = {k: {"name": k, "value": v, "confirmationStatus": "NONE"} for k, v in (slots or {}).items()}
        return self._base({"type": "IntentRequest", "dialogState": "COMPLETED",
                           "intent": {"name": name, "confirmationStatus": "NONE", "slots": slot_json}}, new_session)

    def touch(self, arguments: list[Any], token: str = "coupleJourneysScreen") -> dict[str, Any]:
        """A tap on the screen: the button's SendEvent arguments, as Alexa.Presentation.APL.UserEvent."""
        return self._base({"type": "Alexa.Presentation.APL.UserEvent", "token": token, "arguments": arguments,
                           "source": {"type": "TouchWrapper", "handler": "Press", "id": ""}}, new_session=False)

    def permission_answer(self, status: str, token: str, scope: str = "alexa::alerts:reminders:skill:readwrite"
                          ) -> dict[str, Any]:
        """Alexa's Connections.Response to an AskFor directive (the couple said yes, no, or nothing)."""
        return self._base({"type": "Connections.Response", "name": "AskFor", "status": {"code": "200", "message": "OK"},
                           "payload": {"permissionScope": scope, "status": status}, "token": token}, new_session=True)

    def session_ended(self, reason: str = "EXCEEDED_MAX_REPROMPTS") -> dict[str, Any]:
        envelope = self._base({"type": "SessionEndedRequest", "reason": reason}, new_session=False)
        self.session_id = None
        return envelope

    def wait(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)

    def heard(self, response: dict[str, Any]) -> None:
        """Take the skill's answer as Alexa would: keep its session attributes, or close the session."""
        self.attributes = response.get("sessionAttributes") or {}
        directives = response.get("response", {}).get("directives") or []
        elicit = [d for d in directives if d.get("type") == "Dialog.ElicitSlot"]
        self.elicited = ((elicit[0].get("updatedIntent") or {}).get("name"), elicit[0].get("slotToElicit")) \
            if elicit else None
        if response.get("response", {}).get("shouldEndSession", True) is not False:
            self.session_id = None
            self.elicited = None
