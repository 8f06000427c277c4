"""ASK SDK handlers: one per kind of request, each thin — they turn a request into a session event,
let the machine decide, and render its plan. No session logic lives here."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from ask_sdk_core.dispatch_components import AbstractExceptionHandler, AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import get_supported_interfaces, is_request_type
from ask_sdk_model import Response
from ask_sdk_model.canfulfill import (
    CanFulfillIntent,
    CanFulfillIntentValues,
    CanFulfillSlot,
    CanFulfillSlotValues,
    CanUnderstandSlotValues,
)

from ..journeys import Library
from ..language import catalog
from ..progress.store import StoreError
from ..session import events as ev
from ..session.machine import advance
from ..speech.plan import Plan, PlanBuilder
from ..speech.ssml import render
from . import apl, dialog, local_time, reminders
from .intents import to_event
from .interaction_model import SLOTS, handled_intents
from .persistence import Keeper, ProgressUnreachable, ask

if TYPE_CHECKING:
    from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

log = logging.getLogger(__name__)



def locale(handler_input: HandlerInput) -> str:
    return getattr(handler_input.request_envelope.request, "locale", None) or "en-US"


def has_screen(handler_input: HandlerInput) -> bool:
    """The device shows APL; an envelope without a context or a device (some real ones) has no screen."""
    system = getattr(handler_input.request_envelope.context, "system", None)
    if getattr(system, "device", None) is None:
        return False
    return get_supported_interfaces(handler_input).alexa_presentation_apl is not None


def respond(handler_input: HandlerInput, plan: Plan, screen: Callable[[], RenderDocumentDirective] | None = None
            ) -> Response:
    """The plan as Alexa's response; `screen` makes the APL directive, for devices with a screen."""
    builder = handler_input.response_builder
    if not plan.items and not plan.listens:
        return builder.set_should_end_session(True).response
    speech, reprompt = render(plan)
    builder.speak(speech)
    if plan.listens:
        builder.ask(reprompt)
    else:
        builder.set_should_end_session(True)
    if screen is not None and has_screen(handler_input):
        builder.add_directive(screen())
    return builder.response


class SessionEventHandler(AbstractRequestHandler):
    """Launch and every intent: request → event → machine → plan → response."""

    def __init__(self, library: Library):
        self.library = library

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("LaunchRequest")(handler_input) or is_request_type("IntentRequest")(handler_input)

    def event(self, handler_input: HandlerInput) -> ev.Event:
        request = handler_input.request_envelope.request
        if request.object_type == "LaunchRequest":
            return ev.Launch()
        return to_event(request.intent, locale(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        keeper: Keeper = handler_input.attributes_manager.request_attributes["keeper"]
        now = local_time.local(local_time.request_time(handler_input), keeper.state.progress.timezone)
        event = self.event(handler_input)
        outcome = advance(keeper.state, event, self.library, now, locale(handler_input))
        if outcome.reminder is not None:  # a reminder to set or cancel (session/rules/reminders.py)
            outcome = reminders.carry_out(handler_input, outcome, now, lambda before, done: advance(
                before.state, done, self.library, now, locale(handler_input)))
            reminders.ask_if_needed(handler_input.response_builder, outcome.reminder)
        keeper.state, keeper.erase = outcome.state, outcome.erase
        keeper.changed(outcome.changed)
        wanted = dialog.elicitation(outcome.state.conversation) if outcome.plan.listens else None
        if wanted is not None:  # a bare answer is heard as this slot only when it is elicited
            handler_input.response_builder.add_directive(dialog.directive(*wanted))
        return respond(handler_input, outcome.plan, lambda: apl.directive(
            outcome.state, event, outcome.plan, self.library, locale(handler_input), now.date()))


class SessionEndedHandler(SessionEventHandler):
    """The couple went quiet or left: no one hears a reply, but their place is brought up to date."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("SessionEndedRequest")(handler_input)

    def event(self, handler_input: HandlerInput) -> ev.Event:
        reason = getattr(handler_input.request_envelope.request, "reason", None)
        error = getattr(handler_input.request_envelope.request, "error", None)
        if error is not None:
            log.warning("session ended with error: %s", getattr(error, "message", error))
        return ev.SessionEnded(str(getattr(reason, "value", reason) or ""))


class PermissionAnswerHandler(SessionEventHandler):
    """Alexa asked the couple for the reminders permission (our AskFor directive): their answer."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        request = handler_input.request_envelope.request
        return is_request_type("Connections.Response")(handler_input) and getattr(request, "name", "") == "AskFor"

    def event(self, handler_input: HandlerInput) -> ev.Event:
        request = handler_input.request_envelope.request
        payload = getattr(request, "payload", None) or {}
        code = str(getattr(getattr(request, "status", None), "code", "200") or "200")
        status = str(payload.get("status", "")) if isinstance(payload, dict) and code == "200" else "NOT_ANSWERED"
        return ev.PermissionAnswer(status, str(getattr(request, "token", "") or ""))


class UserEventHandler(SessionEventHandler):
    """A touch on the screen: its first argument names what to do."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("Alexa.Presentation.APL.UserEvent")(handler_input)

    def event(self, handler_input: HandlerInput) -> ev.Event:
        return apl.touched(getattr(handler_input.request_envelope.request, "arguments", None), locale(handler_input))


class SkillDisabledHandler(AbstractRequestHandler):
    """The couple disabled the skill: their progress is erased (privacy), leaving only a tombstone so an
    open session cannot bring it back. If the store fails, the request fails loudly (ApologyHandler
    re-raises) so Alexa delivers the event again."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("AlexaSkillEvent.SkillDisabled")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        handler_input.attributes_manager.request_attributes["keeper"].erase = True
        return handler_input.response_builder.response


class CanFulfillHandler(AbstractRequestHandler):
    """Name-free interaction: say yes only for intents this skill really handles."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("CanFulfillIntentRequest")(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        intent = handler_input.request_envelope.request.intent
        name = intent.name if intent else ""
        ours = name in handled_intents()
        known_slots = SLOTS.get(name, {})
        slots = {
            slot: CanFulfillSlot(CanUnderstandSlotValues.YES if slot in known_slots else CanUnderstandSlotValues.NO,
                                 CanFulfillSlotValues.YES if slot in known_slots else CanFulfillSlotValues.NO)
            for slot in (intent.slots or {}) if intent
        }
        verdict = CanFulfillIntentValues.YES if ours else CanFulfillIntentValues.NO
        handler_input.response_builder.set_can_fulfill_intent(CanFulfillIntent(verdict, slots or None))
        return handler_input.response_builder.response


class QuietHandler(AbstractRequestHandler):
    """Everything else Alexa may send (audio player and playback controller events, system exceptions,
    permission and list events, unknown types): logged and answered with an empty response."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return True

    def handle(self, handler_input: HandlerInput) -> Response:
        request = handler_input.request_envelope.request
        kind = getattr(request, "object_type", None) or type(request).__name__
        if kind == "System.ExceptionEncountered":
            log.error("Alexa reported an error with our last response: %s", getattr(request, "error", None))
        else:
            log.info("answered %s quietly", kind)
        return handler_input.response_builder.response


class ApologyHandler(AbstractExceptionHandler):
    """Anything unexpected: one sentence of apology; progress is untouched (the failing step saved nothing).
    The store unreachable as a session begins: say so and offer to try again (see outage.py). An erase
    on SkillDisabled that could not be saved: raised, so the event is delivered again."""

    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        request = handler_input.request_envelope.request
        kind = getattr(request, "object_type", "")
        if kind == "AlexaSkillEvent.SkillDisabled" and isinstance(exception, StoreError):
            log.error("could not erase the progress of a disabled skill; failing so Alexa retries: %s", exception)
            raise exception
        keeper: Keeper | None = handler_input.attributes_manager.request_attributes.get("keeper")
        text = catalog(locale(handler_input))
        if isinstance(exception, ProgressUnreachable) and keeper is not None:
            keeper.pending = "load"
            keeper.write_session()
            if kind in ("LaunchRequest", "IntentRequest"):
                response = handler_input.response_builder.response
                ask(response, text("apology.unreachable"), text("apology.try_again"))
                return response
            return handler_input.response_builder.response
        log.exception("error handling %s", type(request).__name__)
        if kind not in ("LaunchRequest", "IntentRequest"):
            return handler_input.response_builder.response
        return respond(handler_input, PlanBuilder().listen(text("apology.error"), text("apology.error_reprompt")))
