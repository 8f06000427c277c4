"""The embedded progress store: one SQLite file, no server."""

from __future__ import annotations

import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

from .store import Conflict, StoreError

SCHEMA = """CREATE TABLE IF NOT EXISTS progress (
    id TEXT PRIMARY KEY,
    revision INTEGER NOT NULL,
    body TEXT NOT NULL
)"""


class SqliteStore:
    def __init__(self, path: str | Path, timeout: float = 2.0):
        self.path = str(path)
        self._lock = threading.Lock()
        try:
            if self.path != ":memory:":
                Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=timeout, isolation_level=None, check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            self._db.execute("PRAGMA synchronous=NORMAL")  # WAL: durable against crashes, no fsync per save
            self._db.execute(SCHEMA)
        except (OSError, sqlite3.Error) as exc:
            raise StoreError(f"cannot open {self.path}: {exc}") from exc

    def load(self, user_id: str) -> dict[str, Any] | None:
        try:
            with self._lock:
                row = self._db.execute("SELECT revision, body FROM progress WHERE id = ?", (user_id,)).fetchone()
        except sqlite3.Error as exc:
            raise StoreError(str(exc)) from exc
        if row is None:
            return None
        try:
            body = json.loads(row[1])
        except ValueError:
            body = {}  # a damaged row: the record repairs to a safe state
        if isinstance(body, dict):
            body["revision"] = row[0]
        return body

    def save(self, user_id: str, record: dict[str, Any], expected_revision: int) -> None:
        body = json.dumps(record, separators=(",", ":"), sort_keys=True)
        try:
            with self._lock:
                cur = self._db.execute(
                    "INSERT INTO progress (id, revision, body) VALUES (?, ?, ?) "
                    "ON CONFLICT(id) DO UPDATE SET revision = excluded.revision, body = excluded.body "
                    "WHERE progress.revision = ?",
                    (user_id, record["revision"], body, expected_revision))
                if cur.rowcount == 0:
                    raise Conflict(f"{user_id}: stored revision is not {expected_revision}")
        except sqlite3.Error as exc:
            raise StoreError(str(exc)) from exc

    def delete(self, user_id: str) -> None:
        try:
            with self._lock:
                self._db.execute("DELETE FROM progress WHERE id = ?", (user_id,))
        except sqlite3.Error as exc:
            raise StoreError(str(exc)) from exc

    def close(self) -> None:
        self._db.close()
