"""Every record readable and writable again, and a bad SQLite file never takes the skill down: items
as other writers left them in DynamoDB, damaged SQLite rows, and SQLite files corrupt, half written,
unopenable, read-only, locked or full — all through the real skill."""

from __future__ import annotations

import json
import sqlite3
import time
from decimal import Decimal

import pytest
from alexa_support import checked, fresh_lambda, said
from boto3.dynamodb.types import Binary

from skill.alexa.envelopes import Device
from skill.alexa.invoke import Invoker
from skill.alexa.skill import build_skill
from skill.journeys import load_library
from skill.language import catalog
from skill.progress.sqlite_store import SqliteStore
from skill.progress.store import load_progress, open_store

NAMES = {"L": [{"S": "Sam"}, {"S": "Alex"}]}
LEGACY_ITEMS = {
    "adapter item, no revision": {"attributes": {"M": {"names": NAMES, "turn_seconds": {"N": "90"},
                                                       "adapterThing": {"S": "keep"}}}, "other": {"S": "keep-me"}},
    "attributes as JSON text": {"attributes": {"S": json.dumps({"names": ["Sam", "Alex"], "turn_seconds": 90})}},
    "string revision": {"revision": {"S": "3"}, "attributes": {"M": {"names": NAMES, "turn_seconds": {"N": "90"}}}},
    "revision not a number": {"revision": {"BOOL": True}, "attributes": {"M": {"names": NAMES}}},
    "fractional number": {"revision": {"N": "2"}, "attributes": {"M": {"names": NAMES, "turn_seconds": {"N": "90.5"},
                                                                        "ratio": {"N": "0.25"}}}},
    "string set and binary": {"revision": {"N": "1"}, "attributes": {"M": {"names": NAMES, "tags": {"SS": ["a", "b"]},
                                                                            "blob": {"B": b"\x00\x01"}}}},
    "attributes not a map": {"revision": {"N": "4"}, "attributes": {"N": "5"}},
}

SAVED_NOW, NOT_SAVED, UNREACHABLE = (catalog("en-US")(f"apology.{k}")
                                     for k in ("saved_now", "not_saved_final", "unreachable"))


def evening_start(handler, device: Device) -> str:
    response = checked(handler(device.launch(), None))
    device.heard(response)
    return said(response)


@pytest.mark.parametrize("kind", list(LEGACY_ITEMS))
def test_items_other_writers_left_are_read_and_saved_over(dynamo, kind):
    device = Device()
    dynamo.client().put_item(TableName="Progress", Item={"id": {"S": device.user_id}, **LEGACY_ITEMS[kind]})
    handler = fresh_lambda().lambda_handler
    greeting = evening_start(handler, device)
    named = kind != "attributes not a map"
    assert ("Welcome back, Sam and Alex" in greeting) == named
    device.wait(5)
    step = device.intent("AMAZON.YesIntent" if named else "SetNamesIntent", {} if named else
                         {"firstName": "Sam", "secondName": "Alex"})
    response = checked(handler(step, None))
    assert "couldn't save" not in said(response)
    item = dynamo.client().get_item(TableName="Progress", Key={"id": {"S": device.user_id}})["Item"]
    assert "N" in item["revision"] and "M" in item["attributes"]  # saved over, in our layout
    for key, value in LEGACY_ITEMS[kind].items():
        if key not in ("revision", "attributes"):
            assert item[key] == value  # other attributes of the item are kept
    stored = load_progress(open_store("dynamodb://Progress"), device.user_id)
    assert stored.names == ["Sam", "Alex"] and stored.position is not None
    if kind == "adapter item, no revision":
        assert stored.extra["adapterThing"] == "keep"
    if kind == "fractional number":
        assert stored.turn_seconds == 90 and stored.extra["ratio"] == Decimal("0.25")
    if kind == "string set and binary":
        assert stored.extra["tags"] == ["a", "b"] and stored.extra["blob"] == "AAE="
        assert not isinstance(stored.extra["blob"], Binary)


@pytest.mark.parametrize("body", ["null", "[]", '"x"', "5", "not json", '{"names": ["Sam", "Alex"], '
                                  '"turn_seconds": 90.5, "revision": "7"}', '{"names": ["Sam\\u0000", 1]}'])
def test_damaged_sqlite_rows_are_repaired_and_saved_over(tmp_path, monkeypatch, body):
    path = tmp_path / "p.db"
    monkeypatch.setenv("PROGRESS_STORE", f"sqlite:///{path}")
    device = Device()
    SqliteStore(path).close()
    with sqlite3.connect(path) as db:
        db.execute("INSERT INTO progress VALUES (?, ?, ?)", (device.user_id, "abc" if body == "5" else 3, body))
    handler = fresh_lambda().lambda_handler
    evening_start(handler, device)
    device.wait(5)
    response = checked(handler(device.intent("SetNamesIntent", {"firstName": "Robin", "secondName": "Kai"}), None))
    device.heard(response)
    response = checked(handler(device.intent("AMAZON.YesIntent"), None))  # yes: use the new names
    assert "couldn't save" not in said(response)
    assert load_progress(open_store(f"sqlite:///{path}"), device.user_id).names == ["Robin", "Kai"]


def half_written(path) -> None:
    store = SqliteStore(path)
    for n in range(200):
        store.save(f"user{n}", {"names": ["A" * 30, "B" * 30], "pad": "x" * 900, "revision": 1}, 0)
    store.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])


@pytest.mark.parametrize("damage", ["corrupt header", "half written", "not a database at all"])
def test_a_damaged_file_is_moved_aside_and_the_skill_starts_clean(tmp_path, monkeypatch, damage):
    path = tmp_path / "p.db"
    if damage == "corrupt header":
        path.write_bytes(b"\x00garbage" * 512)
    elif damage == "half written":
        half_written(path)
    else:
        path.write_text("these are my notes, not a database\n" * 100)
    original = path.read_bytes()
    monkeypatch.setenv("PROGRESS_STORE", f"sqlite:///{path}")
    handler = fresh_lambda().lambda_handler  # opening it at start: no exception
    device = Device()
    assert "Welcome to Couple Journeys" in evening_start(handler, device)
    device.wait(5)
    checked(handler(device.intent("SetNamesIntent", {"firstName": "Sam", "secondName": "Alex"}), None))
    (aside,) = tmp_path.glob("p.db.*.unusable")
    assert aside.read_bytes() == original  # nothing destroyed
    assert load_progress(open_store(f"sqlite:///{path}"), device.user_id).names == ["Sam", "Alex"]


def test_an_unopenable_path_answers_instead_of_raising(tmp_path, monkeypatch):
    (tmp_path / "p.db").mkdir()  # a folder where the file should be: SQLite cannot open it, nor can we move it
    monkeypatch.setenv("PROGRESS_STORE", f"sqlite:///{tmp_path / 'p.db'}")
    response = checked(fresh_lambda().lambda_handler(Device().launch(), None))
    assert said(response) == UNREACHABLE


def fill(store: SqliteStore) -> None:
    """Other couples fill the file to its last byte, and it may not grow."""
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages + 2}")
    n = 0
    for size in (3000, 300, 30, 1):
        try:
            while True:
                n += 1
                store._db.execute("INSERT INTO progress VALUES (?, 1, ?)", (f"other{n}", "x" * size))
        except sqlite3.OperationalError as exc:
            assert "full" in str(exc)


@pytest.mark.parametrize("fault", ["read-only", "locked", "full"])
def test_an_unwritable_file_is_honest_and_saves_once_it_can(tmp_path, fault):
    path = tmp_path / "p.db"
    store = SqliteStore(path)
    invoker = Invoker(build_skill(load_library(), store, skill_id=""))
    blocker = sqlite3.connect(path, isolation_level=None)
    if fault == "read-only":
        store._db.execute("PRAGMA query_only = ON")
    elif fault == "locked":
        blocker.execute("BEGIN EXCLUSIVE")
    else:
        fill(store)
    device = Device()
    device.heard(checked(invoker.handle(device.launch())))
    device.wait(5)
    started = time.monotonic()
    named = checked(invoker.handle(device.intent("SetNamesIntent", {"firstName": "Sam", "secondName": "Alex"})))
    device.heard(named)
    assert said(named).startswith("I'm sorry, I couldn't save your place just now")  # and the evening goes on
    device.wait(600)
    stop = checked(invoker.handle(device.intent("AMAZON.StopIntent")))
    assert time.monotonic() - started < 8.0  # two replies, each within 4 s
    device.heard(stop)
    assert "couldn't save" in said(stop) and "Your place is saved" not in said(stop)
    if blocker.in_transaction:
        blocker.rollback()
    store._db.execute("PRAGMA query_only = OFF")
    store._db.execute("PRAGMA max_page_count = 1000000")
    device.wait(5)
    assert said(checked(invoker.handle(device.intent("AMAZON.YesIntent")))) == SAVED_NOW
    saved = load_progress(store, device.user_id)
    assert saved.names == ["Sam", "Alex"] and saved.position is not None
