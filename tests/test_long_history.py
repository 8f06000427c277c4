"""A couple with two years of evenings (a record written by the version before the bounded record):
it migrates on first load on both stores, stays small, and they hear what they heard before."""

from __future__ import annotations

import json
from datetime import date

import pytest
from long_history import FIXTURES, USER, replies, seed_dynamodb, seed_sqlite

from benchmarks.evenings import long_library
from skill.progress.record import SCHEMA_VERSION
from skill.progress.store import load_progress, open_store, save_progress

OLD = json.loads((FIXTURES / "two-years.sqlite.json").read_text(encoding="utf-8"))
# What the earlier version said mid-session was computed from the latest 60 days the session carried
# (docs/reliability.md listed it as not covered); a session now carries the whole record and says what
# the same version said at the start of a session: these are the only lines that change.
CORRECTED = {"Of those, 60 in Year 2.": {"later the same evening": "Of those, 330 in Year 2.",
                                         "the next evening": "Of those, 330 in Year 2.",
                                         "after four days away": "Of those, 331 in Year 2."},
             "Your streak is 60 evenings in a row.": "Your streak is 730 evenings in a row.",
             "That's 61 evenings in a row.": "That's 731 evenings in a row."}


def seeded(kind: str, tmp_path, dynamo_server=None):
    if kind == "sqlite":
        seed_sqlite(tmp_path / "p.db")
        return open_store(f"sqlite:///{tmp_path / 'p.db'}")
    store = open_store("dynamodb://Progress")
    seed_dynamodb(store.client, "Progress")
    return store


@pytest.fixture(params=["sqlite", "dynamodb"])
def old_store(request, tmp_path):
    if request.param == "dynamodb":
        request.getfixturevalue("dynamo")
    return seeded(request.param, tmp_path)


def test_a_two_year_record_migrates_on_first_load_and_keeps_what_is_spoken(old_store):
    every = [(j, c) for j, done in OLD["completed"].items() for c in done]
    scores = [c["checkin"] for _, c in every if c.get("checkin")]
    p = load_progress(old_store, USER)
    assert p.completed_count() == len(every) == 730 and p.days_done("year-1") == set(range(1, 401))
    assert p.average_checkin() == sum(scores) / len(scores)
    assert p.streak(date(2025, 12, 31)) == 730 and p.streak(date(2026, 1, 1)) == 0
    last = max(every, key=lambda e: e[1]["on"])
    assert (p.last_completion().journey_id, p.last_completion().day) == (last[0], last[1]["day"])
    assert (p.names, p.revision, p.reminder_declined) == (OLD["names"], OLD["revision"], OLD["reminder_declined"])
    saved = save_progress(old_store, USER, p)
    raw = old_store.load(USER)
    assert raw["schema_version"] == SCHEMA_VERSION and "completed" not in raw
    assert len(json.dumps(raw, default=str)) < 1500
    assert load_progress(old_store, USER) == saved


def expected(scenario: str, line: str) -> str:
    for old, new in CORRECTED.items():
        line = line.replace(old, new if isinstance(new, str) else new.get(scenario, old))
    return line


def test_the_couple_hears_what_the_earlier_version_said(old_store, tmp_path):
    before = json.loads((FIXTURES / "two-years-replies.json").read_text(encoding="utf-8"))
    now = replies(long_library(tmp_path / "journeys"), old_store)
    assert now == {name: [expected(name, line) for line in lines] for name, lines in before.items()}
    assert len(json.dumps(old_store.load(USER), default=str)) < 1500
