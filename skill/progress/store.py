"""Where progress lives: a key-value store chosen by `PROGRESS_STORE`.

- `sqlite:///path/to/file.db` — embedded, the default (a file in the user's data directory when unset)
- `dynamodb://TableName` — DynamoDB through boto3 (honours AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB, …)

Every save is conditional on the revision that was read, so two devices of one account saving at once
never overwrite each other: the loser re-reads, merges (keeping every completed day) and saves again.
Every call is bounded by the request's `Deadline`; a store that cannot be opened still yields a store
whose calls fail (StoreError), so the skill answers instead of crashing.
"""

from __future__ import annotations

import logging
import os
import random
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

from .backend import Conflict, ProgressStore, StoreError, who
from .merge import merge
from .record import Progress

log = logging.getLogger(__name__)


# One store call takes at most this long (the DynamoDB client's connect and read timeouts, SQLite's
# busy timeout); a call is only started when the request's deadline leaves room for it.
CALL_SECONDS = 1.6
# All store calls of one request: with the skill's own work this keeps every reply under 4 s, well
# inside Alexa's 8 s, even when the store hangs.
REQUEST_STORE_SECONDS = 3.2


class Deadline:
    """The time one request may still spend on its store."""

    def __init__(self, seconds: float = REQUEST_STORE_SECONDS):
        self.end = time.monotonic() + seconds

    def check(self) -> None:
        if self.end - time.monotonic() < CALL_SECONDS:
            raise StoreError("no time left in this request for another store call")


def _retrying(call, deadline: Deadline):
    """Run `call`, retrying a failed one (not a conflict) after a short pause while the deadline allows."""
    pause = 0.05
    while True:
        deadline.check()
        try:
            return call()
        except Conflict:
            raise
        except StoreError:
            if deadline.end - time.monotonic() < CALL_SECONDS + pause:
                raise
            time.sleep(pause)
            pause *= 2


def load_progress(store: ProgressStore, user_id: str, deadline: Deadline | None = None) -> Progress:
    return Progress.from_dict(_retrying(lambda: store.load(user_id), deadline or Deadline()))


def save_progress(store: ProgressStore, user_id: str, progress: Progress, attempts: int = 10,
                  deadline: Deadline | None = None, reread: bool = False) -> Progress:
    """Save conditionally; on a conflict merge with what is stored and try again (after a short random
    pause, so two racing writers fall out of step); retry failures while the deadline allows.
    `reread`: `progress` holds only part of the history (a session's view), so merge it with the
    stored record first. Returns what was saved."""
    deadline = deadline or Deadline()
    current = merge(progress, load_progress(store, user_id, deadline)) if reread else progress
    for _ in range(attempts):
        record = current.to_dict()
        record["revision"] = current.revision + 1
        try:
            _retrying(lambda record=record, expected=current.revision: store.save(user_id, record, expected),
                      deadline)
            saved = current.copy()
            saved.revision += 1
            return saved
        except Conflict:
            theirs = load_progress(store, user_id, deadline)
            log.info("progress of %s changed elsewhere (revision %d); merging", who(user_id), theirs.revision)
            current = merge(current, theirs)
            current.revision = theirs.revision  # what is stored now: a session's own may be anything
            time.sleep(random.uniform(0, 0.02))
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
