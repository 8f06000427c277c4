"""What a place to keep progress must do, and how it fails: the protocol both stores implement and the
errors they raise. Its own module, so the stores depend on it and store.py on them, never in a circle."""

from __future__ import annotations

import hashlib
from typing import Any, Protocol


class StoreError(Exception):
    """The store failed or timed out. The skill keeps talking and keeps the progress for the next save."""


class Conflict(StoreError):
    """Someone else saved since we read: the revision did not match."""


class ProgressStore(Protocol):
    def load(self, user_id: str) -> dict[str, Any] | None: ...

    def save(self, user_id: str, record: dict[str, Any], expected_revision: int) -> None:
        """Write `record` if the stored revision is `expected_revision` (0: nothing stored yet).
        There is no delete: an erase saves a tombstone (`Progress(erased=…)`, see the Keeper's flush), so
        a session that began before it merges into the tombstone and cannot bring the record back."""


def who(user_id: str | None) -> str:
    """A user id as logs may show it: a short hash, never the Alexa account id itself."""
    if not user_id:
        return "-"
    return "user-" + hashlib.sha256(user_id.encode("utf-8", "replace")).hexdigest()[:10]
