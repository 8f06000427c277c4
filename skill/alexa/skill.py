"""The one Alexa skill, assembled: every request type Alexa may send has a handler."""

from __future__ import annotations

import os

from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import SkillBuilder

from ..journeys import Library, load_library
from ..progress.store import ProgressStore, open_store
from .handlers import (
    ApologyHandler,
    CanFulfillHandler,
    PermissionAnswerHandler,
    QuietHandler,
    SessionEndedHandler,
    SessionEventHandler,
    SkillDisabledHandler,
    UserEventHandler,
)
from .outage import RetryLoad, RetrySave
from .persistence import LoadProgress, SaveProgress


def build_skill(library: Library | None = None, store: ProgressStore | None = None,
                skill_id: str | None = None) -> CustomSkill:
    """The skill for these journeys and this store (default: $JOURNEYS_DIR, $PROGRESS_STORE, $SKILL_ID)."""
    library = library or load_library()
    store = store or open_store()
    builder = SkillBuilder()
    # None: from $SKILL_ID; "": no check (the local rehearsal, which is its own Alexa)
    builder.skill_id = (os.environ.get("SKILL_ID") if skill_id is None else skill_id) or None
    for handler in (RetryLoad(library), RetrySave(library), SessionEventHandler(library),
                    SessionEndedHandler(library), UserEventHandler(library), PermissionAnswerHandler(library),
                    SkillDisabledHandler(), CanFulfillHandler(), QuietHandler()):
        builder.add_request_handler(handler)
    builder.add_exception_handler(ApologyHandler())
    builder.add_global_request_interceptor(LoadProgress(store))
    builder.add_global_response_interceptor(SaveProgress())
    return builder.create()
