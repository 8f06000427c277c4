"""Two devices of one account saved at once: what the merged record holds.

- An erase starts a new epoch: a record from an older epoch (a session opened before the erase) loses
  everything, so an erase is never undone by the other device's next step.
- Within one epoch, each group of settings (names, turn length, language, place, time zone, reminder)
  comes from the side that changed it last, by its own stamp; what the couple has done is the union of
  both (evenings.py); the newer `updated` and the higher revision are kept.
- Stamps are compared as instants, so "21:00+01:00" and "20:30Z" are ordered correctly.
How each field merges is declared with the field (record.Progress); every rule is here.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache

from .record import GROUPS, STORED, Progress

_EPOCH_START = datetime.min.replace(tzinfo=UTC)


@lru_cache(maxsize=256)
def instant(stamp: str) -> datetime:
    """An ISO stamp as an aware instant (naive: UTC); anything unreadable is the earliest instant."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return _EPOCH_START
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


RULES = {
    "union": lambda ours, theirs: ours.union(theirs),
    "newest": lambda ours, theirs: max(ours, theirs, key=instant),
    "highest": max,
    "epoch": lambda ours, theirs: theirs,  # the same epoch on both sides (else the newer side wins whole)
    "stamps": lambda ours, theirs: dict(theirs),  # each group's stamp comes with the group, below
}
if unruled := [f.name for f in STORED if f.metadata["merge"] not in (*RULES, *GROUPS)]:
    raise TypeError(f"progress fields without a merge rule: {unruled}")


def merge(ours: Progress, theirs: Progress) -> Progress:
    """`ours` is the record being saved, `theirs` the one the store holds. Ties go to `theirs`."""
    if instant(ours.erased) != instant(theirs.erased):
        merged = (ours if instant(ours.erased) > instant(theirs.erased) else theirs).copy()
        merged.revision = max(ours.revision, theirs.revision)
        return merged
    merged = theirs.copy()
    for f in STORED:
        if f.metadata["merge"] in RULES:
            setattr(merged, f.name, RULES[f.metadata["merge"]](getattr(ours, f.name), getattr(theirs, f.name)))
    newer = ours.copy()
    for group, attrs in GROUPS.items():
        if instant(ours.stamp(group)) > instant(theirs.stamp(group)):
            for attr in attrs:
                setattr(merged, attr, getattr(newer, attr))
            merged.stamps[group] = ours.stamp(group)
    merged.extra = {**ours.extra, **theirs.extra}
    return merged
