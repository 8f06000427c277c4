"""The progress stores, for real: a SQLite file, and a DynamoDB-compatible server over HTTP."""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest

from skill.progress.record import Position, Progress
from skill.progress.store import Conflict, StoreError, load_progress, open_store, save_progress


@pytest.fixture(params=["sqlite", "dynamodb"])
def store(request, tmp_path):
    if request.param == "sqlite":
        yield open_store(f"sqlite:///{tmp_path / 'progress.db'}")
    else:
        server = request.getfixturevalue("dynamo")
        yield open_store("dynamodb://Progress")
        assert server.calls  # the calls really went over HTTP to the server


def some_progress() -> Progress:
    p = Progress(names=["Sam", "Alex"], turn_seconds=90, journey_id="j")
    p.position = Position("j", 2, "turn.1.b")
    p.complete("j", 1, date(2026, 11, 20), 4)
    return p


def test_round_trip(store):
    saved = save_progress(store, "u1", some_progress())
    assert saved.revision == 1
    loaded = load_progress(store, "u1")
    assert loaded.to_dict() == saved.to_dict()
    assert loaded.recent()[0].checkin == 4 and isinstance(loaded.turn_seconds, int)


def test_unknown_user_is_new(store):
    assert load_progress(store, "nobody").is_new


def test_stale_revision_is_a_conflict(store):
    save_progress(store, "u1", some_progress())
    with pytest.raises(Conflict):
        store.save("u1", {**some_progress().to_dict(), "revision": 1}, expected_revision=0)


def test_concurrent_completions_are_both_kept(store):
    """Two devices read revision 1, each completes a different day, both save: neither is lost."""
    base = save_progress(store, "u1", some_progress())
    a, b = Progress.from_dict(base.to_dict()), Progress.from_dict(base.to_dict())
    a.complete("j", 2, date(2026, 11, 21), 5)
    a.updated = "2026-11-21T20:00:00+00:00"
    b.complete("j", 3, date(2026, 11, 22), None)
    b.updated = "2026-11-22T20:00:00+00:00"
    save_progress(store, "u1", a)
    final = save_progress(store, "u1", b)  # conflicts, merges, saves
    assert final.days_done("j") == {1, 2, 3}
    assert load_progress(store, "u1").days_done("j") == {1, 2, 3}


def test_many_threads_saving_at_once_lose_nothing(store):
    save_progress(store, "u1", Progress(journey_id="j"))
    errors: list[Exception] = []

    def complete(day: int) -> None:
        try:
            p = load_progress(store, "u1")
            p.complete("j", day, date(2026, 11, day), None)
            p.updated = f"2026-11-{day:02d}T20:00:00+00:00"
            save_progress(store, "u1", p, attempts=20)
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=complete, args=(d,)) for d in range(1, 7)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert load_progress(store, "u1").days_done("j") == set(range(1, 7))


def test_erase_leaves_a_tombstone_an_older_writer_cannot_undo(store):
    before = save_progress(store, "u1", some_progress())
    save_progress(store, "u1", Progress(erased="2026-11-22T20:00:00+00:00", revision=before.revision))
    assert load_progress(store, "u1").is_new
    save_progress(store, "u1", before)  # a session that read before the erase saves: it conflicts and merges
    after = load_progress(store, "u1")
    assert after.is_new and after.erased and after.names == []


def test_sqlite_survives_reopening_and_damaged_rows(tmp_path):
    path = tmp_path / "p.db"
    save_progress(open_store(f"sqlite:///{path}"), "u1", some_progress())
    again = open_store(f"sqlite:///{path}")
    assert load_progress(again, "u1").names == ["Sam", "Alex"]
    again._db.execute("UPDATE progress SET body = 'not json' WHERE id = 'u1'")
    repaired = load_progress(again, "u1")
    assert repaired.names == [] and repaired.revision == 1
    save_progress(again, "u1", repaired)  # and it can be saved over


def test_sqlite_unwritable_place_opens_and_every_call_is_a_store_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    store = open_store(f"sqlite:///{blocker / 'sub' / 'p.db'}")  # never an exception at start-up
    with pytest.raises(StoreError):
        load_progress(store, "u1")
    with pytest.raises(StoreError):
        save_progress(store, "u1", some_progress())


def test_failing_dynamodb_server_is_a_store_error_quickly(dynamo):
    store = open_store("dynamodb://Progress")
    save_progress(store, "u1", some_progress())
    dynamo.fail = True
    started = time.monotonic()
    with pytest.raises(StoreError):
        load_progress(store, "u1")
    with pytest.raises(StoreError):
        save_progress(store, "u1", some_progress())
    assert time.monotonic() - started < 8  # the skill must still answer within Alexa's deadline
    dynamo.fail = False
    assert load_progress(store, "u1").names == ["Sam", "Alex"]


def test_unreachable_dynamodb_is_a_store_error(aws_env, monkeypatch):
    monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9")  # nothing listens there
    with pytest.raises(StoreError):
        load_progress(open_store("dynamodb://Progress"), "u1")


def test_missing_table_is_a_store_error(dynamo):
    with pytest.raises(StoreError):
        load_progress(open_store("dynamodb://NoSuchTable"), "u1")


def test_numbers_come_back_as_int_not_decimal(dynamo):
    store = open_store("dynamodb://Progress")
    save_progress(store, "u1", some_progress())
    raw = store.load("u1")
    assert type(raw["turn_seconds"]) is not int  # DynamoDB hands back Decimal…
    p = Progress.from_dict(raw)
    assert type(p.turn_seconds) is int and type(p.recent()[0].checkin) is int  # …converted at the boundary


def test_bad_store_url():
    with pytest.raises(ValueError, match="PROGRESS_STORE"):
        open_store("redis://x")


def test_default_store_is_a_sqlite_file_in_the_user_data_dir(monkeypatch, tmp_path):
    monkeypatch.delenv("PROGRESS_STORE", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    store = open_store()
    save_progress(store, "u1", some_progress())
    assert (tmp_path / "couple-journeys" / "progress.db").exists()
