"""What the couple has done, kept bounded: it says what the whole history says, stays small however
many evenings, and two devices' versions merge without losing a day."""

from __future__ import annotations

import json
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from skill.progress.evenings import MAX_RECENT, Completion, Evenings
from skill.progress.merge import merge
from skill.progress.record import Progress

START = date(2024, 1, 1)


def naive(history: list[Completion], today: date) -> dict:
    """What the earlier record (every completion kept) said about the same history."""
    dates = {date.fromisoformat(c.on) for c in history}
    day = today if today in dates else today - timedelta(days=1)
    streak = 0
    while day in dates:
        streak, day = streak + 1, day - timedelta(days=1)
    scores = [c.checkin for c in history if c.checkin]
    ordered = sorted(history, key=lambda c: (c.journey_id, c.day))
    last = max(ordered, key=lambda c: c.on) if ordered else None
    week = [(c.on, c.day, c.checkin) for c in history if c.checkin and c.on >= (today - timedelta(6)).isoformat()]
    return {"count": len(history), "average": sum(scores) / len(scores) if scores else None, "streak": streak,
            "last": last, "week": sorted(week), "days": {j: {c.day for c in history if c.journey_id == j}
                                                         for j in {c.journey_id for c in history}}}


def said(e: Evenings, today: date) -> dict:
    week = [(c.on, c.day, c.checkin) for c in e.recent if c.checkin and c.on >= (today - timedelta(6)).isoformat()]
    return {"count": e.count(), "average": e.average_checkin(), "streak": e.streak(today), "last": e.last(),
            "week": sorted(week), "days": {j: set(d) for j, d in e.days.items()}}


# an evening: how many days later than the one before (0: the same evening), which journey, a check-in
evening = st.tuples(st.sampled_from([0, 1, 1, 1, 2, 5]), st.sampled_from(["a", "b"]),
                    st.one_of(st.none(), st.integers(1, 5)))


def lived(evenings: list[tuple[int, str, int | None]], start: date = START, base: Evenings | None = None,
          taken: dict[str, int] | None = None) -> tuple[Evenings, list[Completion], date]:
    """Each evening completes the next day of its journey (never the same day twice)."""
    e, history, on, taken = base or Evenings(), [], start, dict(taken or {})
    for gap, journey, score in evenings:
        on += timedelta(days=gap)
        taken[journey] = taken.get(journey, 0) + 1
        e = e.complete(journey, taken[journey], on, score)
        history.append(Completion(taken[journey], on.isoformat(), score, journey))
    return e, history, on


@settings(max_examples=150)
@given(st.lists(evening, max_size=120), st.sampled_from([0, 1, 2, 5]))
def test_the_bounded_record_says_what_the_whole_history_said(evenings, later):
    e, history, last = lived(evenings)
    today = last + timedelta(days=later)
    assert said(e, today) == naive(history, today)
    again = Evenings.from_dict(json.loads(json.dumps(e.to_dict())))
    assert again == e and len(e.recent) <= MAX_RECENT


# two sessions at once: each device completes a few days, that evening or the next, before their saves meet
at_once = st.lists(st.tuples(st.sampled_from([0, 1]), st.sampled_from(["a", "b"]), st.one_of(st.none(),
                                                                                           st.integers(1, 5))),
                   max_size=3)


@settings(max_examples=150)
@given(st.lists(evening, max_size=60), at_once, at_once)
def test_two_devices_merge_to_what_their_histories_say_together(common, mine, yours):
    base, shared, on = lived(common)
    taken = {j: len([c for c in shared if c.journey_id == j]) for j in "ab"}
    ours, my_history, my_last = lived(mine, on, base, taken)
    # the other device does other journeys' days, so no day is done twice
    theirs, your_history, your_last = lived([(g, j.upper(), s) for g, j, s in yours], on, base, taken)
    today = max(my_last, your_last)
    together = naive(shared + my_history + your_history, today)
    for merged in (ours.union(theirs), theirs.union(ours)):
        assert said(merged, today) == together
    assert ours.union(ours) == ours


def test_a_day_done_again_replaces_its_check_in_within_the_week():
    e = Evenings().complete("a", 1, START, 1).complete("a", 1, START + timedelta(1), 5)
    assert (e.count(), e.average_checkin(), e.streak(START + timedelta(1))) == (1, 5.0, 2)


def test_the_record_stays_small_however_many_evenings():
    p, sizes = Progress(names=["Sam", "Alex"], journey_id="a"), {}
    for n in range(1, 731):
        p.complete("a" if n <= 400 else "b", n if n <= 400 else n - 400, START + timedelta(n), n % 5 + 1)
        sizes[n] = len(json.dumps(p.to_dict(), separators=(",", ":")))
    assert sizes[365] - sizes[30] <= 40 and sizes[730] < 800
    assert p.completed_count() == 730 and p.streak(START + timedelta(730)) == 730


def test_an_erase_still_wins_over_a_long_history():
    p = Progress(names=["Sam", "Alex"])
    for n in range(100):
        p.complete("a", n + 1, START + timedelta(n), 4)
    tombstone = Progress(erased="2026-01-01T00:00:00Z")
    assert merge(p, tombstone).completed_count() == 0 == merge(tombstone, p).completed_count()


def test_a_check_in_older_than_the_other_devices_week_is_still_counted_once():
    mine = Evenings().complete("a", 1, START, 1)
    yours = Evenings()
    for n, gap in enumerate((1, 2, 3, 8), 1):
        yours = yours.complete("b", n, START + timedelta(gap), 5 if n == 1 else None)
    for merged in (mine.union(yours), yours.union(mine)):
        assert (merged.count(), merged.average_checkin()) == (5, 3.0)
        assert merged.union(mine) == merged  # merging again counts nothing twice
