"""Progress across one Alexa session: read once, written on change, never lost and never claimed saved
when it is not.

The request interceptor loads the couple's progress (from the session when the session already has it,
else one read from the store); the response interceptor saves it when it changed. Every store call of
a request shares one deadline (store.Deadline), so the reply comes in time even when the store hangs.
- A store that cannot be read when a session begins is not a new couple: `ProgressUnreachable` makes
  the skill say so and offer to try again, with nothing asked and nothing written (outage.py).
- A failed save while the session goes on: one apology; the progress stays in the session and is
  saved with the next request.
- A failed save when the session would end (a finished day, a stop, an erase): the reply is replaced
  by a plain "couldn't save it — shall I try again?" and the session stays open (outage.py).
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, datetime
from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor, AbstractResponseInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response
from ask_sdk_model.ui import Reprompt, SsmlOutputSpeech

from ..language import catalog
from ..progress.merge import instant
from ..progress.record import GROUPS, Progress
from ..progress.store import Deadline, ProgressStore, StoreError, load_progress, save_progress, who
from ..session.machine import State
from ..speech.plan import PlanBuilder
from ..speech.ssml import MAX_RESPONSE_BYTES, render, with_notice
from . import local_time
from .session_state import clean_conversation, session_progress, session_view

log = logging.getLogger(__name__)

KEY = "coupleJourneys"  # our corner of the session attributes


class ProgressUnreachable(StoreError):
    """The store could not be read as a session began: the couple is not new, we just can't see them."""


def _unpack(value: Any) -> dict[str, Any]:
    """Our session state travels as one JSON string: the SDK deep-copies, deserializes and serializes
    session attributes field by field on every request, and a single string costs it nothing."""
    try:
        data = json.loads(value) if isinstance(value, str) and len(value) <= 64 * 1024 else None
    except (ValueError, RecursionError):
        data = None
    return data if isinstance(data, dict) else {}


def user_id(handler_input: HandlerInput) -> str | None:
    env = handler_input.request_envelope
    system = getattr(env.context, "system", None) if env.context else None
    user = getattr(system, "user", None) or getattr(env.session, "user", None)
    uid = getattr(user, "user_id", None)
    return uid if isinstance(uid, str) and uid else None


class Keeper:
    """The progress of this request: what was loaded, what the handler made of it, and saving it."""

    def __init__(self, handler_input: HandlerInput, store: ProgressStore):
        self.store = store
        self.handler_input = handler_input
        self.deadline = Deadline()
        self.user = user_id(handler_input)
        env = handler_input.request_envelope
        # AudioPlayer, skill events and the like come without a session: nothing to keep in one
        self.session = handler_input.attributes_manager.session_attributes if env.session is not None else None
        if self.session is not None:  # only our own key is ever sent back: nothing foreign is echoed
            for key in [k for k in self.session if k != KEY]:
                del self.session[key]
        self.mine = _unpack((self.session or {}).get(KEY))
        self.fresh = env.session is None or bool(env.session.new) or "progress" not in self.mine
        self.notice = ""
        self.text = catalog(getattr(env.request, "locale", None))
        self.erase = False
        self.apologized = self.mine.get("apologized") is True
        self.dirty = self.mine.get("dirty") is True  # changed since the store last had it
        self.pending = self.mine.get("pending") if self.mine.get("pending") in ("load", "save") else ""
        self.saved = False  # this request already saved (or tried to)
        self.loaded_revision = 0
        self.completed_day = False  # this request completed a day: its save is the one that matters most
        self._state: State | None = None

    @property
    def state(self) -> State:
        """Loaded on first use, so requests that never touch progress never read the store."""
        if self._state is None:
            if self.fresh:
                progress = self._load()
                self._refresh_timezone(progress)
            else:
                progress = session_progress(self.mine.get("progress"), self._when())
            self.loaded_revision = progress.revision  # what an erase must overwrite
            self._state = State(progress, clean_conversation(self.mine.get("conversation")))
        return self._state

    @state.setter
    def state(self, value: State) -> None:
        before = self.state.progress
        value.progress.restamp(before, value.progress.updated or self._when().isoformat())
        self.completed_day = self.completed_day or value.progress.completed_count() > before.completed_count()
        self._state = value

    def _when(self) -> datetime:
        return local_time.request_time(self.handler_input)

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
            progress.stamps["timezone"] = self._when().isoformat()
            self.dirty = True

    def changed(self, outcome_changed: bool) -> None:
        self.dirty = self.dirty or outcome_changed

    def _load(self) -> Progress:
        """The stored record; when the store cannot be read, ProgressUnreachable (never a blank couple)."""
        if self.user is None:
            return Progress()
        try:
            return load_progress(self.store, self.user, self.deadline)
        except StoreError as exc:
            log.error("could not load progress of %s: %s", who(self.user), exc)
            raise ProgressUnreachable(str(exc)) from exc

    def flush(self) -> bool:
        """Save now if anything is unsaved (an erase leaves a tombstone); True when the store has it."""
        if self._state is None and not self.erase and not self.dirty:
            return True  # this request never touched progress, and nothing waits to be saved
        self.saved = True
        progress = self.state.progress
        if self.erase:
            # a reminder the Reminders API would not delete stays, so that cancelling it can be tried again
            progress = Progress(erased=self._when().isoformat(), revision=self.loaded_revision,
                                reminder=progress.reminder)
            self.state.progress, self.dirty, self.erase = progress, True, False
        if self.user is None or not self.dirty:
            return True
        try:
            saved = save_progress(self.store, self.user, progress, deadline=self.deadline,
                                  reread=not self.fresh and self.mine.get("partial") is True)
        except StoreError as exc:
            log.error("could not save progress of %s: %s", who(self.user), exc)
            return False
        self.dirty = False
        self.state.progress = _own_place(saved, progress)
        return True

    def save(self, response: Response | None) -> None:
        """Persist the new state and decide what the couple hears about it."""
        if self.saved or self.flush():
            self.write_session()
            return
        speech = getattr(response, "output_speech", None) if response is not None else None
        if self.session is None:
            raise StoreError("progress could not be saved and there is no session to keep it in")
        closing = response is not None and response.should_end_session is not False
        if response is not None and speech is not None and (closing or self.completed_day):
            # a day done or a goodbye must not go on as if it were saved: say so, and offer to try again
            ask(response, self.text("apology.save_failed"), self.text("apology.try_again"))
            self.pending = "save"
        elif not self.apologized:
            self.notice = self.notice or self.text("apology.not_saved")
            self.apologized = True
        self.write_session()

    def write_session(self) -> None:
        if self.session is None:
            return
        state = self._state
        if state is None:  # nothing was loaded (the store is unreachable): remember only what is pending
            self.session[KEY] = json.dumps({"pending": self.pending}, separators=(",", ":"))
            return
        view, partial = session_view(state.progress)
        self.session[KEY] = json.dumps({
            "progress": view, "partial": partial, "dirty": self.dirty,
            "apologized": self.apologized, "pending": self.pending,
            "conversation": state.conversation.to_dict()}, separators=(",", ":"))


def ask(response: Response, question: str, reprompt: str) -> None:
    """Replace the reply with `question`, and keep the session open for the answer."""
    speech, again = render(PlanBuilder().listen(question, reprompt))
    response.output_speech = SsmlOutputSpeech(ssml=speech)
    response.reprompt = Reprompt(output_speech=SsmlOutputSpeech(ssml=again))
    response.should_end_session = False


def _own_place(saved: Progress, mine: Progress) -> Progress:
    """What this session goes on with after a merge: the merged record, but its own evening's place,
    so it never jumps into the day the other device is playing (unless that device erased everything)."""
    if instant(saved.erased) != instant(mine.erased):
        return saved
    kept = saved.copy()
    for attr in GROUPS["place"]:
        value = getattr(mine, attr)
        setattr(kept, attr, dict(value) if isinstance(value, dict) else value)
    if mine.stamp("place"):
        kept.stamps["place"] = mine.stamp("place")
    return kept


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
        keeper.save(response)
        speech = response.output_speech if response is not None else None
        if keeper.notice and speech is not None and getattr(speech, "ssml", None):
            speech.ssml = with_notice(speech.ssml, keeper.notice)
        if keeper.session is not None and response_bytes(response, keeper.session) > MAX_RESPONSE_BYTES - 1024:
            log.warning("response near Alexa's size limit: the session will read progress from the store")
            keeper.session[KEY] = json.dumps({"pending": keeper.pending})


def response_bytes(response: Response | None, session: dict[str, Any]) -> int:
    """An upper bound of the response's size as sent (JSON with non-ASCII escaped), checked before sending."""
    def size(value: Any) -> int:
        return len(json.dumps(value, default=lambda o: getattr(o, "__dict__", str(o))))

    speech = getattr(response, "output_speech", None)
    reprompt = getattr(getattr(response, "reprompt", None), "output_speech", None)
    return (size(getattr(speech, "ssml", "")) + size(getattr(reprompt, "ssml", "")) + size(session)
            + size(getattr(response, "directives", None)) + 512)
