"""The embedded store never sets a healthy file aside: only damage SQLite itself confirms moves a file;
a lock, a full disk or an I/O error is a store that is down (StoreError), and the file stays where it is.
Real processes, real files."""

from __future__ import annotations

import json
import multiprocessing
import os
import resource
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from skill.progress.sqlite_store import SqliteStore
from skill.progress.store import StoreError

SAVES = 5
KEEP_ASIDE, KEEP_ASIDE_DAYS = 3, 30
TRIALS = 60  # new files, each opened by both processes at once


def _racer(folder: str, who: str, start, saved) -> None:
    """For each new file: open it the moment the other process does, then save; report every save that
    succeeded (a failed save was never reported as saved; trying again is what the skill does)."""
    for trial in range(TRIALS):
        start.wait(10)
        store = SqliteStore(f"{folder}/{trial}.db")
        for n in range(SAVES):
            for _ in range(40):
                try:
                    store.save(f"{who}{n}", {"names": [who, str(n)], "revision": 1}, 0)
                    saved.put((trial, f"{who}{n}"))
                    break
                except StoreError:
                    time.sleep(0.01)
        store.close()


def test_two_processes_opening_a_new_file_at_once_lose_nothing(tmp_path):
    context = multiprocessing.get_context("fork")
    start, saved = context.Barrier(2), context.Queue()
    racers = [context.Process(target=_racer, args=(str(tmp_path), who, start, saved)) for who in ("a", "b")]
    for racer in racers:
        racer.start()
    reported = [saved.get(timeout=60) for _ in range(2 * SAVES * TRIALS)]
    for racer in racers:
        racer.join(timeout=60)
        assert racer.exitcode == 0
    lost = [(trial, uid) for trial, uid in reported if SqliteStore(tmp_path / f"{trial}.db").load(uid) is None]
    assert lost == []
    assert not list(tmp_path.glob("*.unusable*"))


def healthy(path) -> bytes:
    store = SqliteStore(path)
    store.save("couple", {"names": ["Sam", "Alex"], "revision": 1}, 0)
    store.close()
    return path.read_bytes()


def test_a_held_lock_at_opening_is_a_store_that_is_down_not_damage(tmp_path):
    path = tmp_path / "p.db"
    healthy(path)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")  # another program's habit: a rollback journal, locks the file
    holder.execute("BEGIN EXCLUSIVE")
    original = path.read_bytes()
    store = SqliteStore(path, timeout=0.05)
    with pytest.raises(StoreError):
        store.load("couple")
    assert path.read_bytes() == original and not list(tmp_path.glob("*.unusable*"))
    holder.rollback()
    holder.close()
    assert store.load("couple")["names"] == ["Sam", "Alex"]  # the lock gone, the same store works


def _open_on_a_full_disk(path: str, result) -> None:
    """A restart with no room to write: the process may not grow any file (RLIMIT_FSIZE, like ENOSPC)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
    store = SqliteStore(path)
    outcome = []
    for call in (lambda: store.load("couple"), lambda: store.save("new", {"revision": 1}, 0)):
        try:
            outcome.append(repr(call()))
        except StoreError:
            outcome.append("StoreError")
        except BaseException as exc:
            outcome.append(f"unexpected {exc!r}")
    result.put(outcome)


def test_a_full_disk_at_opening_never_moves_the_file(tmp_path):
    path = tmp_path / "p.db"
    original = healthy(path)
    context = multiprocessing.get_context("fork")
    result = context.Queue()
    process = context.Process(target=_open_on_a_full_disk, args=(str(path), result))
    process.start()
    process.join(timeout=30)
    outcome = result.get(timeout=5)
    assert outcome[1] == "StoreError", outcome  # nothing can be written: said honestly
    assert all(not o.startswith("unexpected") for o in outcome), outcome
    assert "None" not in outcome[0]  # a known couple is never read as a new one
    assert path.read_bytes() == original and not list(tmp_path.glob("*.unusable*"))
    assert SqliteStore(path).load("couple")["names"] == ["Sam", "Alex"]  # room again: all there


def test_a_file_that_is_not_sqlite_is_still_set_aside(tmp_path):
    path = tmp_path / "p.db"
    path.write_text("my notes\n" * 600)
    store = SqliteStore(path)
    assert store.load("couple") is None
    (aside,) = tmp_path.glob("p.db.*.unusable")
    assert aside.read_text().startswith("my notes")


def test_set_aside_files_are_bounded_in_number_and_age(tmp_path):
    path = tmp_path / "p.db"
    old = datetime.now(UTC) - timedelta(days=KEEP_ASIDE_DAYS + 1)
    stale = tmp_path / f"p.db.{old:%Y%m%dT%H%M%S%fZ}.unusable"
    stale.write_text("old")
    (tmp_path / (stale.name + "-wal")).write_text("old")
    os.utime(stale, (old.timestamp(), old.timestamp()))
    for n in range(KEEP_ASIDE + 2):
        path.write_text(f"damage {n}\n" * 600)
        SqliteStore(path).close()
        time.sleep(0.002)  # distinct stamps
    kept = sorted(tmp_path.glob("p.db.*.unusable"))
    assert len(kept) == KEEP_ASIDE
    assert [p.read_text().split()[1] for p in kept] == [str(n) for n in range(2, KEEP_ASIDE + 2)]
    assert not list(tmp_path.glob(stale.name + "*"))


READER = """
import json, sys
from skill.progress.sqlite_store import SqliteStore
from skill.progress.store import StoreError
try:
    record = SqliteStore(sys.argv[1]).load(sys.argv[2])
    print(json.dumps(record and record.get("names")))
except StoreError as exc:
    print(json.dumps(f"StoreError: {exc}"))
"""


def _read_in_another_process(path: str, user_id: str):
    """A second process, started fresh (a forked one would share this process's SQLite state)."""
    done = subprocess.run([sys.executable, "-c", READER, path, user_id], capture_output=True, text=True,
                          timeout=60, check=True)
    return json.loads(done.stdout)


def test_deleting_wal_and_shm_under_a_running_store_never_makes_a_known_couple_new(tmp_path):
    path = tmp_path / "p.db"
    server = SqliteStore(path)
    server.save("couple", {"names": ["Sam", "Alex"], "revision": 1}, 0)
    for suffix in ("-wal", "-shm"):
        os.unlink(f"{path}{suffix}")
    # the couple is known: read as such, or the store is down for now — never a new couple
    seen = _read_in_another_process(str(path), "couple")
    assert seen == ["Sam", "Alex"] or "writes to deleted -wal/-shm files" in seen, seen
    server.save("couple", {"names": ["Sam", "Kai"], "revision": 2}, 1)  # the server notices and opens again
    assert _read_in_another_process(str(path), "couple") == ["Sam", "Kai"]
    assert Path(f"{path}-wal").exists()  # one set of files shared by both again


def test_an_erase_leaves_no_name_in_any_file_of_the_folder(tmp_path):
    from alexa_support import checked

    from skill.alexa.envelopes import Device
    from skill.alexa.invoke import Invoker
    from skill.alexa.skill import build_skill
    from skill.journeys import load_library

    store = SqliteStore(tmp_path / "progress.db")
    invoker = Invoker(build_skill(load_library(), store, skill_id=""))
    device = Device()
    # a record as a newer version may have written it: long enough to spill into overflow pages
    store.save(device.user_id, {"names": ["Zephyrine", "Quillon"], "notes": "Zephyrine " * 600, "revision": 1}, 0)
    device.heard(checked(invoker.handle(device.launch())))
    device.heard(checked(invoker.handle(device.intent("SetNamesIntent",
                                                      {"firstName": "Zephyrine", "secondName": "Quillon"}))))
    for n in range(30):  # other couples' saves, so the names sit in WAL frames and in pages rewritten since
        store.save(f"other{n}", {"names": ["Robin", "Kim"], "pad": "x" * 500, "revision": 1}, 0)
    assert any(b"Zephyrine" in p.read_bytes() for p in tmp_path.iterdir())
    device.heard(checked(invoker.handle(device.intent("ResetProgressIntent"))))
    device.heard(checked(invoker.handle(device.intent("AMAZON.YesIntent"))))
    assert store.load(device.user_id)["erased"]
    holding = [p.name for p in tmp_path.iterdir() for name in (b"Zephyrine", b"Quillon") if name in p.read_bytes()]
    assert holding == []
