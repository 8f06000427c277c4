"""Progress across one Alexa session: read once, written on change, never lost to a failing store.

The request interceptor loads the couple's progress (from the session when the session already has it,
else one read from the store); the response interceptor saves it when it changed. A failed save keeps
the progress in the session and tries again with the next request; the couple hears one apology.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor, AbstractResponseInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from ..language import catalog
from ..progress.record import Progress, merge
from ..progress.store import ProgressStore, StoreError, save_progress
from ..session.machine import Conversation, State
from ..speech.ssml import with_notice
from . import local_time

log = logging.getLogger(__name__)

KEY = "coupleJourneys"  # our corner of the session attributes


def _unpack(value: Any) -> dict[str, Any]:
    """Our session state travels as one JSON string: the SDK deep-copies, deserializes and serializes
    session attributes field by field on every request, and a single string costs it nothing."""
    try:
        data = json.loads(value) if isinstance(value, str) else None
    except ValueError:
        data = None
    return data if isinstance(data, dict) else {}


def user_id(handler_input: HandlerInput) -> str | None:
    env = handler_input.request_envelope
    system = getattr(env.context, "system", None) if env.context else None
    user = getattr(system, "user", None) or getattr(env.session, "user", None)
    return getattr(user, "user_id", None) or None


class Keeper:
    """The progress of this request: what was loaded, what the handler made of it, and saving it."""

    def __init__(self, handler_input: HandlerInput, store: ProgressStore):
        self.store = store
        self.handler_input = handler_input
        self.user = user_id(handler_input)
        env = handler_input.request_envelope
        # AudioPlayer, skill events and the like come without a session: nothing to keep in one
        self.session = handler_input.attributes_manager.session_attributes if env.session is not None else None
        self.mine = _unpack((self.session or {}).get(KEY))
        self.fresh = env.session is None or bool(env.session.new) or "progress" not in self.mine
        self.notice = ""
        self.text = catalog(getattr(env.request, "locale", None))
        self.erase = False
        self.apologized = bool(self.mine.get("apologized"))
        self.dirty = bool(self.mine.get("dirty"))  # changed since the store last had it
        self.unread = bool(self.mine.get("unread"))
        self._state: State | None = None

    @property
    def state(self) -> State:
        """Loaded on first use, so requests that never touch progress never read the store."""
        if self._state is None:
            if self.fresh:
                progress = self._load()
                self._refresh_timezone(progress)
            else:
                progress = Progress.from_dict(self.mine.get("progress"), from_json=True)
                if self.unread:  # the store failed when the session began: try again
                    stored = self._load(quiet=True)
                    if not self.unread:
                        progress = merge(progress, stored)
            self._state = State(progress, Conversation.from_dict(self.mine.get("conversation")))
        return self._state

    @state.setter
    def state(self, value: State) -> None:
        self._state = value

    def _refresh_timezone(self, progress: Progress) -> None:
        """At the start of a session, and at most weekly: the device's time zone, for local dates."""
        env = self.handler_input.request_envelope
        system = getattr(env.context, "system", None) if env.context else None
        today = datetime.now(UTC).date()
        if system is None or not local_time.due(progress.timezone_checked, today):
            return
        device = getattr(getattr(system, "device", None), "device_id", None)
        name = local_time.lookup(system.api_endpoint, system.api_access_token, device)
        if name is not None and local_time.is_zone(name):
            progress.timezone, progress.timezone_checked = name, today.isoformat()
            self.dirty = True

    def changed(self, outcome_changed: bool) -> None:
        self.dirty = self.dirty or outcome_changed

    def _load(self, quiet: bool = False) -> Progress:
        """The stored record, or a blank one (and `unread`) when the store cannot be read: then only what
        the couple changes is saved, and merged with what is stored."""
        self.unread = False
        if self.user is None:
            return Progress()
        try:
            return Progress.from_dict(self.store.load(self.user))
        except StoreError as exc:
            log.error("could not load progress of %s: %s", self.user, exc)
            self.unread = True
            if not quiet:
                self.notice = self.text("apology.not_loaded")
                self.apologized = True
            return Progress()

    def save(self) -> None:
        """Persist the new state: delete on erase; save on change; remember what failed."""
        if self._state is None and not self.erase:
            return  # this request never touched progress
        progress = self.state.progress if not self.erase else Progress()
        if self.user is not None:
            try:
                if self.erase:
                    self.store.delete(self.user)
                    self.dirty = False
                elif self.dirty:
                    progress = save_progress(self.store, self.user, progress)
                    self.dirty = False
            except StoreError as exc:
                log.error("could not save progress of %s: %s", self.user, exc)
                if not self.apologized:
                    self.notice = self.notice or self.text("apology.not_saved")
                    self.apologized = True
        if self.session is None:
            return
        self.session[KEY] = json.dumps({
            "progress": progress.to_dict(), "dirty": self.dirty, "apologized": self.apologized,
            "unread": self.unread, "conversation": self.state.conversation.to_dict()}, separators=(",", ":"))


class LoadProgress(AbstractRequestInterceptor):
    def __init__(self, store: ProgressStore):
        self.store = store

    def process(self, handler_input: HandlerInput) -> None:
        handler_input.attributes_manager.request_attributes["keeper"] = Keeper(handler_input, self.store)


class SaveProgress(AbstractResponseInterceptor):
    def process(self, handler_input: HandlerInput, response: Response) -> None:
        keeper: Keeper | None = handler_input.attributes_manager.request_attributes.get("keeper")
        if keeper is None:
            return
        keeper.save()
        speech = response.output_speech if response is not None else None
        if keeper.notice and speech is not None and getattr(speech, "ssml", None):
            speech.ssml = with_notice(speech.ssml, keeper.notice)
