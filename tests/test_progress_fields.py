"""Every field of the progress record, each given a value other than its default, survives a copy, the
stored form, a save and load on both stores, and a merge from either side. The examples below must
name every field: a new field fails here until it is given one (and then it works everywhere)."""

from __future__ import annotations

from dataclasses import fields
from datetime import date

from skill.progress.evenings import Evenings
from skill.progress.merge import merge
from skill.progress.record import GROUPS, Position, Progress, Reminder
from skill.progress.store import load_progress, open_store, save_progress

LATER = "2026-11-22T21:00:00+00:00"
EXAMPLES = {
    "names": ["Zoë", "Kai"],
    "turn_seconds": 95,
    "language": "de-DE",
    "journey_id": "j",
    "position": Position("j", 3, "turn.1.b"),
    "parked": {"k": Position("k", 2, "learn.0")},
    "timezone": "Europe/Berlin",
    "timezone_checked": "2026-11-20",
    "reminder": Reminder("amzn1.alert.7", "20:15", True, ""),
    "reminder_declined": "2026-11-19",
    "pace": 90,
    "brief": True,
    "cared": "2026-11-18",
    "evenings": Evenings().complete("j", 1, date(2026, 11, 20), 4).complete("j", 2, date(2026, 11, 21), None),
    "revision": 6,
    "updated": LATER,
    "stamps": dict.fromkeys(("names", "turn", "language", "place", "timezone", "reminder", "voice"), LATER),
    "erased": "2026-11-01T08:00:00+00:00",
    "extra": {"from_a_newer_version": {"kept": [1, 2]}},
}


def every_field() -> Progress:
    return Progress(**EXAMPLES)


def test_the_examples_name_every_field_and_none_is_a_default():
    assert set(EXAMPLES) == {f.name for f in fields(Progress)}
    blank = Progress()
    assert [name for name, value in EXAMPLES.items() if getattr(blank, name) == value] == []
    assert set(EXAMPLES["stamps"]) == set(GROUPS)


def test_every_field_survives_a_copy_and_the_stored_form():
    p = every_field()
    copied = p.copy()
    assert copied == p
    copied.names.append("x"), copied.parked.clear(), copied.stamps.clear(), copied.extra.clear()
    assert p == every_field()  # the copy shares nothing that can change
    assert Progress.from_dict(p.to_dict()) == p


def test_every_field_survives_a_save_and_a_load_on_both_stores(store_url):
    store = open_store(store_url)
    p = every_field()
    p.revision = 0
    saved = save_progress(store, "u1", p)
    assert load_progress(store, "u1") == saved
    assert {f.name: getattr(saved, f.name) for f in fields(Progress) if f.name != "revision"} == \
        {name: value for name, value in EXAMPLES.items() if name != "revision"}


def test_every_field_survives_a_merge_from_either_side():
    p = every_field()
    older = Progress(erased=p.erased, stamps=dict.fromkeys(GROUPS, "2026-11-22T20:00:00+00:00"))
    for merged in (merge(p, older), merge(older, p), merge(p, p)):
        assert merged == p


def test_every_field_survives_a_merge_in_the_store_on_both_stores(store_url):
    store = open_store(store_url)
    save_progress(store, "u1", Progress(erased=EXAMPLES["erased"], stamps=dict.fromkeys(GROUPS, "2026-11-22T20:00Z")))
    p = every_field()
    p.revision = 0  # read before the other device saved: the save conflicts, merges and saves again
    merged = save_progress(store, "u1", p)
    assert load_progress(store, "u1") == merged and merged.revision == 2
    assert {f.name: getattr(merged, f.name) for f in fields(Progress) if f.name != "revision"} == \
        {name: value for name, value in EXAMPLES.items() if name != "revision"}
