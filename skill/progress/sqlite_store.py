"""The embedded progress store: one SQLite file, no server.

A file is set aside only when SQLite itself confirms it is damaged: its header is not SQLite's, or an
error that says "corrupt" is confirmed by `PRAGMA quick_check`. Then it is moved aside as
`<name>.<UTC time>.unusable` with its -wal/-shm files (at most KEEP_ASIDE of them, none older than
KEEP_ASIDE_DAYS), logged, and a clean file is started. Anything else — a lock held by another process, a
full disk, an I/O error, a folder that cannot be written — is a store that is down: every call fails
with StoreError (the skill says so honestly), the file is left exactly as it is, and the next call tries
to open it again.

Deleting -wal/-shm under a running store: a process opening the file then sees another one on the
database but not on its -shm (sqlite_files.others_on_deleted_files) and is down rather than reading a
known couple as new; the running store notices on its next call, checkpoints what it wrote into the main
file and opens the files again. An erase is checkpointed with TRUNCATE, and deleted content is
overwritten (`secure_delete`), so erased names are left in no file of the folder.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from . import sqlite_files
from .backend import Conflict, StoreError, who

log = logging.getLogger(__name__)

SCHEMA = """CREATE TABLE IF NOT EXISTS progress (
    id TEXT PRIMARY KEY,
    revision INTEGER NOT NULL,
    body TEXT NOT NULL
)"""
BUSY_SECONDS = 1.0  # waiting for another writer's lock: within store.CALL_SECONDS
KEEP_ASIDE = 3  # set-aside files kept (each may hold every couple's progress at the time): the newest
KEEP_ASIDE_DAYS = 30  # … and none older than this
_DAMAGE_CODES = {11, 26}  # SQLITE_CORRUPT, SQLITE_NOTADB: the only errors that may mean damage


class SqliteStore:
    def __init__(self, path: str | Path, timeout: float = BUSY_SECONDS):
        self.path = str(path)
        self.timeout = timeout
        self._lock = threading.Lock()
        self._db: sqlite3.Connection | None = None
        self._files: tuple[Any, ...] = ()  # the identity of the file and its -wal/-shm when opened
        self.broken = ""  # why the store cannot be used just now
        with self._lock:
            self._connect()
        self._prune_aside()

    # -- opening -------------------------------------------------------------------------------------
    def _connect(self) -> None:
        """Open the file; a damaged one is set aside, anything else leaves the store down and the file as is."""
        try:
            self._open()
        except (OSError, sqlite3.Error) as exc:
            if self._damaged(exc):
                self._set_aside(exc)
            else:
                self.broken = f"cannot open {self.path}: {exc}"
                log.error("progress store down, file left as it is: %s", self.broken)

    def _open(self) -> None:
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None, check_same_thread=False)
        try:
            db.execute("PRAGMA journal_mode=WAL")
            db.execute("PRAGMA synchronous=NORMAL")  # WAL: durable against crashes, no fsync per save
            db.execute("PRAGMA secure_delete=ON")  # what a save replaces is overwritten, not left in free space
            db.execute(SCHEMA)
            db.execute("SELECT count(*) FROM progress").fetchone()  # reads the table: a damaged file fails here
        except BaseException:
            db.close()
            raise
        if self.path != ":memory:" and sqlite_files.others_on_deleted_files(self.path):
            db.close()
            raise OSError(f"another process still writes to deleted -wal/-shm files of {self.path}")
        self._db, self.broken, self._files = db, "", self._identity()

    def _identity(self) -> tuple[Any, ...]:
        return () if self.path == ":memory:" else sqlite_files.identity(self.path)

    def _damaged(self, exc: BaseException) -> bool:
        """Does SQLite confirm the file is damaged? Its header is not SQLite's, or the error is one of
        damage and `quick_check` agrees. Locked, busy, full, I/O and permission errors never are."""
        if self.path == ":memory:" or getattr(exc, "sqlite_errorcode", 0) & 0xFF not in _DAMAGE_CODES:
            return False
        if sqlite_files.foreign_header(self.path):
            return True
        try:
            check = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
            try:
                verdict = check.execute("PRAGMA quick_check(1)").fetchone()
            finally:
                check.close()
        except sqlite3.DatabaseError as again:
            return getattr(again, "sqlite_errorcode", 0) & 0xFF in _DAMAGE_CODES
        return verdict is None or verdict[0] != "ok"

    def _set_aside(self, exc: BaseException) -> None:
        """Move the damaged file aside and start a clean one; if that fails too, stay down."""
        self._close()
        try:
            if Path(self.path).is_file():
                aside = sqlite_files.set_aside(self.path, datetime.now(UTC))
                log.error("progress file %s was damaged (%s); moved aside as %s, starting clean", self.path, exc, aside)
                self._prune_aside()
            self._open()
        except (OSError, sqlite3.Error) as again:
            self.broken = f"cannot open {self.path}: {again}"
            log.error("progress store unusable: %s", self.broken)

    def _prune_aside(self) -> None:
        if self.path != ":memory:":
            sqlite_files.prune_aside(self.path, KEEP_ASIDE, KEEP_ASIDE_DAYS, datetime.now(UTC))

    # -- calls ---------------------------------------------------------------------------------------
    def _close(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            except sqlite3.Error as exc:
                log.warning("closing %s: %s", self.path, exc)
            self._db = None

    def _run(self, sql: str, args: tuple[Any, ...], after: str = "", fetch: bool = False) -> Any:
        """Run one statement (and `after` once it succeeded), opening the file again when it was down or
        its -wal/-shm were replaced under us; the cursor, or its first row (`fetch`). Any failure is a
        StoreError."""
        with self._lock:
            if self._db is not None and self._identity() != self._files:
                log.error("the files of %s were replaced or deleted under a running store; opening them again",
                          self.path)
                self._checkpoint("PRAGMA wal_checkpoint(PASSIVE)")  # what only our deleted -wal holds
                self._close()
            if self._db is None:
                self._connect()
                if self._db is None:
                    raise StoreError(self.broken or f"cannot open {self.path}")
            try:
                cursor = self._db.execute(sql, args)
                row = cursor.fetchone() if fetch else None
            except sqlite3.Error as exc:
                if getattr(exc, "sqlite_errorcode", 0) & 0xFF in _DAMAGE_CODES:
                    self._close()  # before reading the file ourselves (see sqlite_files)
                    if self._damaged(exc):
                        self._set_aside(exc)
                raise StoreError(str(exc)) from exc
            except Exception as exc:  # a value SQLite cannot take (a huge integer): still only a failed call
                raise StoreError(f"{type(exc).__name__}: {exc}") from exc
            if after:
                self._checkpoint(after)
            return row if fetch else cursor

    def _checkpoint(self, pragma: str) -> None:
        """Checkpoint; one that cannot finish now (a reader holds the WAL) is logged, not a failed call."""
        try:
            busy = self._db.execute(pragma).fetchone()[0]  # type: ignore[union-attr]
        except sqlite3.Error as exc:
            busy = str(exc)
        if busy:
            log.warning("%s on %s did not finish (%s); a later save finishes it", pragma, self.path, busy)

    def load(self, user_id: str) -> dict[str, Any] | None:
        row = self._run("SELECT coalesce(CAST(revision AS INTEGER), 0), body FROM progress WHERE id = ?",
                        (user_id,), fetch=True)
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
        try:
            body = json.dumps(record, separators=(",", ":"), sort_keys=True)
            revision = int(record["revision"])
        except Exception as exc:
            raise StoreError(f"not a storable record: {type(exc).__name__}: {exc}") from exc
        # an erase (a tombstone: an erase instant, no names) leaves nothing of the record in the -wal
        erase = bool(record.get("erased")) and not record.get("names")
        cur = self._run(
            "INSERT INTO progress (id, revision, body) VALUES (?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET revision = excluded.revision, body = excluded.body "
            "WHERE coalesce(CAST(progress.revision AS INTEGER), 0) = ?",
            (user_id, revision, body, expected_revision),
            after="PRAGMA wal_checkpoint(TRUNCATE)" if erase else "")
        if cur.rowcount == 0:
            raise Conflict(f"{who(user_id)}: stored revision is not {expected_revision}")

    def close(self) -> None:
        with self._lock:
            self._close()
