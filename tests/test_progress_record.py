"""The progress record: repaired from anything, migrated from older versions, merged without loss."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from skill.progress.evenings import Evenings
from skill.progress.merge import merge
from skill.progress.record import SCHEMA_VERSION, Completion, Progress, Reminder


def test_round_trip_is_exact():
    p = Progress(names=["Sam", "Alex"], turn_seconds=45, journey_id="j")
    p.complete("j", 1, date(2026, 1, 1), 3)
    assert Progress.from_dict(p.to_dict()).to_dict() == p.to_dict()
    assert p.to_dict()["schema_version"] == SCHEMA_VERSION


def test_the_reminder_and_a_declined_offer_round_trip_and_damaged_ones_are_dropped():
    p = Progress(reminder=Reminder("amzn1.alert.1", "20:15", True, ""), reminder_declined="2026-11-22")
    again = Progress.from_dict(p.to_dict())
    assert (again.reminder, again.reminder_declined) == (p.reminder, "2026-11-22")
    assert again.copy().reminder == p.reminder and Progress.from_dict(Progress().to_dict()).reminder is None
    for damaged in ({"alert_token": "", "at": "20:15", "on": ""}, {"alert_token": "t", "at": 2015, "on": ""}, "t"):
        assert Progress.from_dict({"reminder": damaged}).reminder is None


@pytest.mark.parametrize("raw", [None, 7, "x", [], {"names": "Sam"}, {"turn_seconds": "long"},
                                 {"position": {"day": "two"}}, {"completed": {"j": [{"day": None}, 5]}},
                                 {"turn_seconds": 10_000}, {"revision": -3}])
def test_damaged_records_repair_to_a_safe_state(raw):
    p = Progress.from_dict(raw)
    assert 15 <= p.turn_seconds <= 180
    assert p.revision >= 0
    assert Progress.from_dict(p.to_dict()).to_dict() == p.to_dict()


def test_decimals_from_dynamodb_become_ints():
    p = Progress.from_dict({"schema_version": Decimal(2), "turn_seconds": Decimal(90), "revision": Decimal(4),
                            "completed": {"j": [{"day": Decimal(1), "on": "2026-01-01", "checkin": Decimal(5)}]}})
    assert (p.turn_seconds, p.revision, p.recent()[0].checkin) == (90, 4, 5)
    assert all(type(v) is int for v in (p.turn_seconds, p.revision, p.recent()[0].day))


def test_version_one_records_are_migrated():
    p = Progress.from_dict({"journey_id": "j", "completed_days": [1, 2], "partner_names": ["A", "B"]})
    assert p.names == ["A", "B"] and p.days_done("j") == {1, 2}


def test_newer_fields_are_kept_not_lost():
    p = Progress.from_dict({"schema_version": 99, "names": ["A", "B"], "future": {"x": 1}})
    assert p.to_dict()["future"] == {"x": 1}


def test_streak_counts_consecutive_evenings_ending_today_or_yesterday():
    p = Progress()
    for day, on in [(1, date(2026, 3, 1)), (2, date(2026, 3, 2)), (3, date(2026, 3, 3))]:
        p.complete("j", day, on, None)
    assert p.streak(date(2026, 3, 3)) == 3
    assert p.streak(date(2026, 3, 4)) == 3
    assert p.streak(date(2026, 3, 5)) == 0


def test_merge_keeps_every_completed_day_and_the_newer_settings():
    a = Progress(names=["A", "B"], turn_seconds=30, stamps={"names": "2026-01-02", "turn": "2026-01-02"})
    a.complete("j", 1, date(2026, 1, 1), None)
    b = Progress(names=["C", "D"], turn_seconds=90, stamps={"names": "2026-01-01", "turn": "2026-01-01"})
    b.complete("j", 1, date(2026, 1, 1), 4)
    b.complete("j", 2, date(2026, 1, 2), None)
    m = merge(a, b)
    assert m.names == ["A", "B"] and m.turn_seconds == 30
    assert [(c.day, c.checkin) for c in m.recent()] == [(1, 4), (2, None)]


completion = st.builds(Completion, day=st.integers(1, 30), on=st.just("2026-01-01"),
                       checkin=st.one_of(st.none(), st.integers(1, 5)))


@given(st.lists(completion), st.lists(completion))
def test_merge_never_loses_a_completed_day(ours, theirs):
    a, b = Progress(evenings=Evenings.of({"j": ours})), Progress(evenings=Evenings.of({"j": theirs}))
    merged = merge(a, b)
    assert merged.days_done("j") == {c.day for c in ours} | {c.day for c in theirs}
