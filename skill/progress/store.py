"""Where progress lives: a key-value store chosen by `PROGRESS_STORE`.

- `sqlite:///path/to/file.db` — embedded, the default (a file in the user's data directory when unset)
- `dynamodb://TableName` — DynamoDB through boto3 (honours AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB, …)

Every save is conditional on the revision that was read, so two devices of one account saving at once
never overwrite each other: the loser re-reads, merges (keeping every completed day) and saves again.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs, urlparse

from .record import Progress, merge

log = logging.getLogger(__name__)


class StoreError(Exception):
    """The store failed or timed out. The skill keeps talking and keeps the progress for the next save."""


class Conflict(StoreError):
    """Someone else saved since we read: the revision did not match."""


class ProgressStore(Protocol):
    def load(self, user_id: str) -> dict[str, Any] | None: ...

    def save(self, user_id: str, record: dict[str, Any], expected_revision: int) -> None:
        """Write `record` if the stored revision is `expected_revision` (0: nothing stored yet)."""

    def delete(self, user_id: str) -> None: ...


def load_progress(store: ProgressStore, user_id: str) -> Progress:
    return Progress.from_dict(store.load(user_id))


def save_progress(store: ProgressStore, user_id: str, progress: Progress, attempts: int = 3) -> Progress:
    """Save conditionally; on a conflict merge with what is stored and try again. Returns what was saved."""
    current = progress
    for _ in range(attempts):
        record = current.to_dict()
        record["revision"] = current.revision + 1
        try:
            store.save(user_id, record, current.revision)
            saved = current.copy()
            saved.revision += 1
            return saved
        except Conflict:
            theirs = load_progress(store, user_id)
            log.info("progress of %s changed elsewhere (revision %d); merging", user_id, theirs.revision)
            current = merge(current, theirs)
    raise StoreError(f"progress kept changing under us after {attempts} attempts")


def default_url() -> str:
    from platformdirs import user_data_dir

    return f"sqlite:///{Path(user_data_dir('couple-journeys')) / 'progress.db'}"


def open_store(url: str | None = None) -> ProgressStore:
    url = url or os.environ.get("PROGRESS_STORE") or default_url()
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        from .sqlite_store import SqliteStore

        path = url[len("sqlite://"):]
        return SqliteStore(path[1:] if path.startswith("//") else path)
    if parsed.scheme == "dynamodb":
        from .dynamodb_store import DynamoDbStore

        options = {k: v[-1] for k, v in parse_qs(parsed.query).items()}
        return DynamoDbStore(parsed.netloc or parsed.path.strip("/"), region=options.get("region"),
                             endpoint_url=options.get("endpoint"))
    raise ValueError(f"PROGRESS_STORE must be sqlite:///path or dynamodb://Table, not {url!r}")
