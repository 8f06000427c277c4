"""The merge of two devices' records, field by field: stamps compared as instants, erase epochs, and
version 2 records migrated with their one stamp."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from skill.progress.merge import instant, merge
from skill.progress.record import GROUPS, SCHEMA_VERSION, Position, Progress


def test_stamps_with_different_offsets_are_compared_as_instants():
    # 21:00 in Berlin is 20:00 UTC: earlier than 20:30 UTC, though it sorts later as a string
    ours = Progress(turn_seconds=90, stamps={"turn": "2026-11-22T21:00:00+01:00"})
    theirs = Progress(turn_seconds=45, stamps={"turn": "2026-11-22T20:30:00+00:00"})
    assert merge(ours, theirs).turn_seconds == 45
    assert merge(theirs, ours).turn_seconds == 45
    assert instant("garbage") < instant("1970-01-01T00:00:00Z")
    assert instant("2026-01-01T00:00:00") == instant("2026-01-01T00:00:00Z")


def test_each_group_comes_from_whoever_changed_it_last():
    ours = Progress(names=["Sam", "Alex"], turn_seconds=90, position=Position("j", 2, "turn.0.a"), journey_id="j",
                    stamps={"names": "2026-11-22T20:00:00Z", "turn": "2026-11-22T20:05:00Z",
                            "place": "2026-11-22T20:06:00Z"})
    theirs = Progress(names=["Robin", "Kai"], turn_seconds=60, position=Position("k", 1, "learn.0"), journey_id="k",
                      stamps={"names": "2026-11-22T20:10:00Z", "turn": "2026-11-22T20:01:00Z",
                              "place": "2026-11-22T20:02:00Z"})
    merged = merge(ours, theirs)
    assert merged.names == ["Robin", "Kai"] and merged.turn_seconds == 90
    assert merged.position == Position("j", 2, "turn.0.a") and merged.journey_id == "j"


def test_an_erase_is_not_undone_by_an_older_session():
    before = Progress(names=["Sam", "Alex"], turn_seconds=90, stamps=dict.fromkeys(GROUPS, "2026-11-22T21:00:00Z"))
    before.complete("j", 1, date(2026, 11, 22), 4)
    tombstone = Progress(erased="2026-11-22T20:30:00Z", revision=5)
    for merged in (merge(before, tombstone), merge(tombstone, before)):
        assert merged.names == [] and merged.recent() == [] and merged.turn_seconds == 60
        assert merged.erased and merged.revision == 5
    after = Progress(names=["New", "Couple"], erased=tombstone.erased, stamps={"names": "2026-11-22T22:00:00Z"})
    assert merge(after, tombstone).names == ["New", "Couple"]  # life after the erase goes on


def test_version_two_records_get_their_one_stamp_for_every_group():
    old = {"schema_version": 2, "names": ["Sam", "Alex"], "turn_seconds": 150, "updated": "2026-11-01T20:00:00+00:00",
           "position": {"journey_id": "j", "day": 1, "segment": "turn.1.a"}, "journey_id": "j"}
    p = Progress.from_dict(old)
    assert p.to_dict()["schema_version"] == SCHEMA_VERSION == 4
    assert set(p.stamps) == set(GROUPS) and p.stamp("turn") == old["updated"]
    blank = Progress(stamps={"timezone": "2026-11-02T20:00:00Z"})  # a session that could read nothing
    merged = merge(blank, p)
    assert merged.turn_seconds == 150 and merged.position.segment == "turn.1.a" and merged.names == ["Sam", "Alex"]


stamp = st.sampled_from(["", "2026-11-22T20:00:00Z", "2026-11-22T21:00:00+01:00", "2026-11-22T20:00:01+00:00",
                         "2026-11-22T19:00:00-02:00", "not a time"])
record = st.builds(lambda names, turn, s1, s2, erased: Progress(names=names, turn_seconds=turn,
                                                               stamps={"names": s1, "turn": s2}, erased=erased),
                   st.sampled_from([["A", "B"], ["C", "D"]]), st.integers(15, 180), stamp, stamp,
                   st.sampled_from(["", "2026-11-22T20:00:00Z"]))


@given(record, record)
def test_the_newer_instant_wins_whichever_side_saves(a, b):
    ab, ba = merge(a, b), merge(b, a)
    if instant(a.erased) == instant(b.erased) and instant(a.stamp("turn")) != instant(b.stamp("turn")):
        assert ab.turn_seconds == ba.turn_seconds  # the order of saving does not matter
        newer = a if instant(a.stamp("turn")) > instant(b.stamp("turn")) else b
        assert ab.turn_seconds == newer.turn_seconds
