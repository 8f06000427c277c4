"""The embedded progress store: one SQLite file, no server.

A file that cannot be used (a corrupt or half-written header, damage found later, something that is not
a database) is moved aside as `<name>.<UTC time>.unusable` with its -wal/-shm files — nothing is
destroyed — logged, and a clean file is started. When even that is impossible (a read-only folder),
the store still opens and every call fails with StoreError, so the skill answers and apologises.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .backend import Conflict, StoreError, who

log = logging.getLogger(__name__)

SCHEMA = """CREATE TABLE IF NOT EXISTS progress (
    id TEXT PRIMARY KEY,
    revision INTEGER NOT NULL,
    body TEXT NOT NULL
)"""
BUSY_SECONDS = 1.0  # waiting for another writer's lock: within store.CALL_SECONDS
_DAMAGE = ("not a database", "malformed", "corrupt")


class SqliteStore:
    def __init__(self, path: str | Path, timeout: float = BUSY_SECONDS):
        self.path = str(path)
        self.timeout = timeout
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self.broken = ""  # why the store cannot be used, when it cannot
        try:
            self._open()
        except (OSError, sqlite3.Error) as exc:
            self._set_aside(exc)

    def _open(self) -> None:
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # WAL: durable against crashes, no fsync per save
            db.execute(SCHEMA)
            db.execute("SELECT count(*) FROM progress").fetchone()  # reads the table: a damaged file fails here
        except sqlite3.Error:
            db.close()
            raise
        self._db, self.broken = db, ""

    def _set_aside(self, exc: Exception) -> None:
        """Move the unusable file aside and start a clean one; if that fails too, stay broken."""
        if self._db is not None:
            self._db.close()
            self._db = None
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
        try:
            if self.path != ":memory:" and Path(self.path).is_file():
                for suffix in ("", "-wal", "-shm"):
                    part = Path(self.path + suffix)
                    if part.exists():
                        part.rename(f"{self.path}.{stamp}.unusable{suffix}")
                log.error("progress file %s was unusable (%s); moved aside as %s.%s.unusable, starting clean",
                          self.path, exc, self.path, stamp)
            self._open()
        except (OSError, sqlite3.Error) as again:
            self.broken = f"cannot open {self.path}: {again}"
            log.error("progress store unusable: %s", self.broken)

    def _run(self, sql: str, args: tuple[Any, ...]) -> sqlite3.Cursor:
        with self._lock:
            if self._db is None:
                raise StoreError(self.broken or f"cannot open {self.path}")
            try:
                return self._db.execute(sql, args)
            except sqlite3.DatabaseError as exc:
                if any(sign in str(exc).lower() for sign in _DAMAGE):
                    self._set_aside(exc)
                raise StoreError(str(exc)) from exc

    def load(self, user_id: str) -> dict[str, Any] | None:
        row = self._run("SELECT coalesce(CAST(revision AS INTEGER), 0), body FROM progress WHERE id = ?",
                        (user_id,)).fetchone()
        if row is None:
            return None
        try:
            body = json.loads(row[1]) if isinstance(row[1], str | bytes) else None
        except (ValueError, RecursionError):
            body = None
        if not isinstance(body, dict):
            log.warning("progress of %s was not a record; repairing it", who(user_id))
            body = {}  # null, [], "x", 5, damage: the record repairs to a safe state and is saved over
        body["revision"] = row[0]
        return body

    def save(self, user_id: str, record: dict[str, Any], expected_revision: int) -> None:
        body = json.dumps(record, separators=(",", ":"), sort_keys=True)
        cur = self._run(
            "INSERT INTO progress (id, revision, body) VALUES (?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET revision = excluded.revision, body = excluded.body "
            "WHERE coalesce(CAST(progress.revision AS INTEGER), 0) = ?",
            (user_id, record["revision"], body, expected_revision))
        if cur.rowcount == 0:
            raise Conflict(f"{who(user_id)}: stored revision is not {expected_revision}")

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
