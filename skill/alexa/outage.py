"""The two questions a store outage leaves open, and their answers.

- "I can't reach your saved progress right now. Shall I try again?" (the store could not be read as the
  session began): yes reads again and, when it works, opens the evening as a launch would; no ends
  the session with nothing written.
- "I couldn't save tonight's progress just now… Shall I try again?" (a finished day, a stop or an erase
  could not be saved): yes saves again; no ends the session saying plainly that it was not saved.
"""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.utils import is_intent_name, is_request_type
from ask_sdk_model import Response

from ..session import events as ev
from ..speech.plan import PlanBuilder
from .handlers import SessionEventHandler, respond
from .persistence import Keeper, ask

DECLINE = ("AMAZON.NoIntent", "AMAZON.StopIntent", "AMAZON.CancelIntent", "AMAZON.NavigateHomeIntent")


def _keeper(handler_input: HandlerInput) -> Keeper:
    return handler_input.attributes_manager.request_attributes["keeper"]


def _declined(handler_input: HandlerInput) -> bool:
    return any(is_intent_name(name)(handler_input) for name in DECLINE)


def _end(handler_input: HandlerInput, line: str) -> Response:
    return respond(handler_input, PlanBuilder().end(_keeper(handler_input).text(line)))


class RetryLoad(SessionEventHandler):
    """Asked whether to try reading the progress again."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("IntentRequest")(handler_input) and _keeper(handler_input).pending == "load"

    def event(self, handler_input: HandlerInput) -> ev.Event:
        return ev.Launch()

    def handle(self, handler_input: HandlerInput) -> Response:
        keeper = _keeper(handler_input)
        keeper.pending = ""
        if _declined(handler_input):
            keeper.saved = True  # nothing was read: nothing may be written
            return _end(handler_input, "apology.later")
        return super().handle(handler_input)  # reading fails again: ProgressUnreachable asks again


class RetrySave(SessionEventHandler):
    """Asked whether to try saving again."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return is_request_type("IntentRequest")(handler_input) and _keeper(handler_input).pending == "save"

    def handle(self, handler_input: HandlerInput) -> Response:
        keeper = _keeper(handler_input)
        keeper.pending = ""
        if _declined(handler_input):
            keeper.saved = True
            return _end(handler_input, "apology.not_saved_final")
        if keeper.flush():
            return _end(handler_input, "apology.saved_now")
        keeper.pending = "save"
        response = handler_input.response_builder.response
        ask(response, keeper.text("apology.save_failed"), keeper.text("apology.try_again"))
        return response
