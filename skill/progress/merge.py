"""Two devices of one account saved at once: what the merged record holds.

- An erase starts a new epoch: a record from an older epoch (a session opened before the erase) loses
  everything, so an erase is never undone by the other device's next step.
- Within one epoch, each group of settings (names, turn length, language, place, time zone) comes from
  the side that changed it last, by its own stamp; completed days are the union of both.
- Stamps are compared as instants, so "21:00+01:00" and "20:30Z" are ordered correctly.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache

from .record import GROUPS, Completion, Progress

_EPOCH_START = datetime.min.replace(tzinfo=UTC)


@lru_cache(maxsize=256)
def instant(stamp: str) -> datetime:
    """An ISO stamp as an aware instant (naive: UTC); anything unreadable is the earliest instant."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return _EPOCH_START
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def merge(ours: Progress, theirs: Progress) -> Progress:
    """`ours` is the record being saved, `theirs` the one the store holds. Ties go to `theirs`."""
    if instant(ours.erased) != instant(theirs.erased):
        merged = (ours if instant(ours.erased) > instant(theirs.erased) else theirs).copy()
        merged.revision = max(ours.revision, theirs.revision)
        return merged
    merged = theirs.copy()
    for group, attrs in GROUPS.items():
        if instant(ours.stamp(group)) > instant(theirs.stamp(group)):
            for attr in attrs:
                value = getattr(ours, attr)
                setattr(merged, attr, list(value) if isinstance(value, list) else
                        dict(value) if isinstance(value, dict) else value)
            merged.stamps[group] = ours.stamp(group)
    merged.completed = union(ours.completed, theirs.completed)
    merged.extra = {**ours.extra, **theirs.extra}
    merged.updated = max(ours.updated, theirs.updated, key=instant)
    merged.revision = max(ours.revision, theirs.revision)
    return merged


def union(ours: dict[str, list[Completion]], theirs: dict[str, list[Completion]]) -> dict[str, list[Completion]]:
    """Every completed day of both; for a day both completed, the one with a check-in, else the later."""
    merged: dict[str, list[Completion]] = {}
    for jid in {*ours, *theirs}:
        days = {c.day: c for c in theirs.get(jid, [])}
        for c in ours.get(jid, []):
            kept = days.get(c.day)
            if kept is None or (kept.checkin is None and c.checkin is not None) or \
                    ((kept.checkin is None) == (c.checkin is None) and c.on > kept.on):
                days[c.day] = c
        merged[jid] = sorted(days.values(), key=lambda c: c.day)
    return merged
