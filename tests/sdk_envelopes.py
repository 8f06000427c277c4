"""Request envelopes built with the ASK SDK's own model classes and written by its own serializer: every
request type the skill handles, on a voice-only device and on one with a screen (APL), with timestamps in
the forms Alexa and other tools send. They live in the repository, so the serializer-vs-SDK checks run in
every clone; the shared corpus of real envelopes, when present beside the project, is an extra."""

from __future__ import annotations

import json
from datetime import UTC, datetime

from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import (
    Application,
    Context,
    Device,
    DialogState,
    Intent,
    IntentConfirmationStatus,
    IntentRequest,
    LaunchRequest,
    RequestEnvelope,
    Session,
    SessionEndedError,
    SessionEndedErrorType,
    SessionEndedReason,
    SessionEndedRequest,
    Slot,
    SlotConfirmationStatus,
    SupportedInterfaces,
    User,
)
from ask_sdk_model.canfulfill import CanFulfillIntentRequest
from ask_sdk_model.events.skillevents import SkillDisabledRequest
from ask_sdk_model.interfaces.alexa.presentation.apl import AlexaPresentationAplInterface, Runtime, UserEvent
from ask_sdk_model.interfaces.audioplayer import PlaybackStartedRequest
from ask_sdk_model.interfaces.system import Error, ErrorType, ExceptionEncounteredRequest, SystemState
from ask_sdk_model.slu.entityresolution import Resolution, Resolutions, Status, StatusCode, Value, ValueWrapper

SKILL = "amzn1.ask.skill.00000000-0000-0000-0000-000000000000"
USER = "amzn1.ask.account.GENERATED"
AT = datetime(2026, 11, 22, 20, 15, 7, tzinfo=UTC)
# The same moment as Alexa writes it, and in the other forms a reader must take (fractions, offsets, none).
ODD_TIMESTAMPS = {"z": "2026-11-22T20:15:07Z", "7-digit-fraction": "2026-11-22T20:15:07.7548306Z",
                  "millis": "2026-11-22T20:15:07.500Z", "offset": "2026-11-22T21:15:07+01:00",
                  "no-zone": "2026-11-22T20:15:07"}


def slot(name: str, value: str, resolved_id: str | None = None) -> Slot:
    resolutions = None
    if resolved_id:
        resolutions = Resolutions([Resolution(f"amzn1.er-authority.echo-sdk.{SKILL}.JOURNEY",
                                              Status(StatusCode.ER_SUCCESS_MATCH),
                                              [ValueWrapper(Value(value, resolved_id))])])
    return Slot(name, value, SlotConfirmationStatus.NONE, resolutions=resolutions)


def intent(name: str, *slots: Slot) -> IntentRequest:
    return IntentRequest(request_id="amzn1.echo-api.request.gen", timestamp=AT, locale="en-US",
                         dialog_state=DialogState.COMPLETED,
                         intent=Intent(name, {s.name: s for s in slots}, IntentConfirmationStatus.NONE))


def requests() -> dict[str, object]:
    """One request of every kind the skill answers, by a short name."""
    rid, loc = "amzn1.echo-api.request.gen", "en-US"
    return {
        "launch": LaunchRequest(request_id=rid, timestamp=AT, locale=loc),
        "names": intent("SetNamesIntent", slot("firstName", "Sam"), slot("secondName", "Alex")),
        "next": intent("AMAZON.NextIntent"),
        "choose-journey": intent("ChooseJourneyIntent", slot("journey", "everyday appreciation",
                                                             "everyday-appreciation")),
        "turn-length": intent("SetTurnLengthIntent", slot("duration", "PT1M30S")),
        "check-in": intent("CheckInIntent", slot("score", "4")),
        "stop": intent("AMAZON.StopIntent"),
        "session-ended": SessionEndedRequest(request_id=rid, timestamp=AT, locale=loc,
                                             reason=SessionEndedReason.EXCEEDED_MAX_REPROMPTS),
        "session-ended-error": SessionEndedRequest(
            request_id=rid, timestamp=AT, locale=loc, reason=SessionEndedReason.ERROR,
            error=SessionEndedError(SessionEndedErrorType.INVALID_RESPONSE, "bad SSML")),
        "touch": UserEvent(request_id=rid, timestamp=AT, locale=loc, token="day", arguments=["next"]),
        "skill-disabled": SkillDisabledRequest(request_id=rid, timestamp=AT, locale=loc),
        "can-fulfill": CanFulfillIntentRequest(request_id=rid, timestamp=AT, locale=loc,
                                               intent=Intent("AMAZON.NextIntent", {})),
        "exception": ExceptionEncounteredRequest(request_id=rid, timestamp=AT, locale=loc,
                                                 error=Error(ErrorType.INVALID_RESPONSE, "bad")),
        "audio-started": PlaybackStartedRequest(request_id=rid, timestamp=AT, locale=loc, token="t",
                                                offset_in_milliseconds=0),
    }


IN_SESSION = ("launch", "names", "next", "choose-journey", "turn-length", "check-in", "stop", "session-ended",
              "session-ended-error", "touch")


def envelope(name: str, request: object, screen: bool) -> RequestEnvelope:
    interfaces = SupportedInterfaces(alexa_presentation_apl=AlexaPresentationAplInterface(Runtime("2024.3"))
                                     if screen else None)
    system = SystemState(application=Application(SKILL), user=User(USER),
                         device=Device("amzn1.ask.device.GEN", supported_interfaces=interfaces),
                         api_endpoint="https://api.amazonalexa.com", api_access_token="token")
    session = (Session(new=name == "launch", session_id="amzn1.echo-api.session.gen", user=User(USER),
                       attributes={}, application=Application(SKILL)) if name in IN_SESSION else None)
    return RequestEnvelope(version="1.0", session=session, context=Context(system=system), request=request)


def generated() -> dict[str, str]:
    """{id: envelope JSON}: every request, voice and screen, then the launch in German and with every odd
    timestamp."""
    sdk = DefaultSerializer()
    out: dict[str, str] = {}
    for screen in (False, True):
        for name, request in requests().items():
            out[f"{name}-{'screen' if screen else 'voice'}"] = json.dumps(sdk.serialize(envelope(name, request,
                                                                                                   screen)))
    launch = json.loads(out["launch-voice"])
    out["launch-de-DE"] = json.dumps({**launch, "request": {**launch["request"], "locale": "de-DE"}})
    for form, stamp in ODD_TIMESTAMPS.items():
        launch["request"]["timestamp"] = stamp
        out[f"launch-timestamp-{form}"] = json.dumps(launch)
    return out
