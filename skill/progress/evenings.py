"""What the couple has done, in a size that does not grow with the number of evenings.

Every step of the evening reads and writes the record, so it keeps only what the skill speaks about:
- the days done in each journey, as ranges ("1-330": as small after a year as after a week);
- the completions of the latest week (the check-in trend, "you finished Day 1 earlier today", the last
  evening), at most MAX_RECENT; older ones are folded into a count and sum of check-ins (the average);
- the latest run of consecutive evenings (the streak), as its first and last date.
Two devices' versions merge as a union: day sets unite, the recent completions unite (for a day both
did, the one with a check-in, else the later), the fold with the newer frontier is kept, runs join.
"""

from collections.abc import Mapping
from datetime import date, timedelta
from functools import lru_cache
from types import MappingProxyType
from typing import Any, NamedTuple

MAX_DAY = 10_000  # no journey is longer; a larger day number is damage
MAX_TEXT = 64  # journey ids, dates
MAX_RECENT = 32  # a week of evenings, with room for several days done in one evening
RECENT_DAYS = 7  # the trend looks at this week: completions this much older than the newest are folded
MAX_RANGES = 512  # a day set with more gaps than this is damage
MAX_JOURNEYS = 64  # more journeys than any library holds: the rest is damage


class Completion(NamedTuple):
    day: int
    on: str  # the couple's local date, ISO
    checkin: int | None = None  # "how connected do you feel tonight", 1–5
    journey_id: str = ""

    def key(self) -> tuple[str, str, int]:
        """The order completions are folded in: by date, then journey, then day."""
        return self.on, self.journey_id, self.day


class Evenings(NamedTuple):
    """Immutable: every change makes a new one (a NamedTuple, as cheap to define at a cold start as any)."""

    days: Mapping[str, frozenset[int]] = MappingProxyType({})  # journey id → days done
    recent: tuple[Completion, ...] = ()  # the latest week's completions, in folding order
    rated: int = 0  # check-ins folded out of `recent`…
    total: int = 0  # …and their sum
    through: tuple[str, str, int] = ("", "", 0)  # the key of the newest completion folded
    run: tuple[str, str] = ("", "")  # first and last date of the latest run of consecutive evenings

    @classmethod
    def of(cls, completed: dict[str, list[Completion]]) -> "Evenings":
        """From every completion, per journey (how version 3 records kept them)."""
        every = [c._replace(journey_id=j) for j, done in completed.items() for c in done]
        days = {j: frozenset(c.day for c in done) for j, done in completed.items() if done}
        dates = sorted({d for c in every if (d := iso_date(c.on))})
        run = ("", "")
        if dates:
            first = len(dates) - 1
            while first and (dates[first] - dates[first - 1]).days == 1:
                first -= 1
            run = (dates[first].isoformat(), dates[-1].isoformat())
        return _folded(cls(days=days, recent=tuple(sorted(every, key=Completion.key)), run=run))

    # -- reading -------------------------------------------------------------------------------------
    def count(self) -> int:
        return sum(len(d) for d in self.days.values())

    def average_checkin(self) -> float | None:
        scores = [c.checkin for c in self.recent if c.checkin is not None]
        rated = self.rated + len(scores)
        return (self.total + sum(scores)) / rated if rated else None

    def last(self) -> Completion | None:
        """The latest completion (of several on one date: the first journey's, alphabetically, lowest day)."""
        ordered = sorted(self.recent, key=lambda c: (c.journey_id, c.day))
        return max(ordered, key=lambda c: c.on) if ordered else None

    def streak(self, today: date) -> int:
        """Consecutive evenings with a completed day, ending today or yesterday."""
        first, last = iso_date(self.run[0]), iso_date(self.run[1])
        if first is None or last is None:
            return 0
        anchor = next((d for d in (today, today - timedelta(days=1)) if first <= d <= last), None)
        return 0 if anchor is None else (anchor - first).days + 1

    # -- changing ------------------------------------------------------------------------------------
    def complete(self, journey_id: str, day: int, on: date, checkin: int | None) -> "Evenings":
        done = Completion(day, on.isoformat(), checkin, journey_id)
        days = {**self.days, journey_id: self.days.get(journey_id, frozenset()) | {day}}
        recent = [c for c in self.recent if (c.journey_id, c.day) != (journey_id, day)] + [done]
        return _folded(Evenings(days, tuple(sorted(recent, key=Completion.key)), self.rated, self.total,
                                self.through, _joined(self.run, (done.on, done.on))))

    def union(self, theirs: "Evenings") -> "Evenings":
        """Both devices' evenings: nothing either completed is lost."""
        days = {j: self.days.get(j, frozenset()) | theirs.days.get(j, frozenset()) for j in {*self.days, *theirs.days}}
        fold = max((self, theirs), key=lambda e: (e.through, e.rated, e.total))
        kept: dict[tuple[str, int], Completion] = {(c.journey_id, c.day): c for c in theirs.recent}
        for c in self.recent:
            was = kept.get((c.journey_id, c.day))
            if was is None or (was.checkin is None and c.checkin is not None) or \
                    ((was.checkin is None) == (c.checkin is None) and c.on > was.on):
                kept[(c.journey_id, c.day)] = c
        # older than the kept fold's frontier: already counted there, unless that side never had the day
        unseen = [c.checkin for c in kept.values() if c.key() <= fold.through and c.checkin
                  and c.day not in fold.days.get(c.journey_id, ())]
        recent = tuple(sorted((c for c in kept.values() if c.key() > fold.through), key=Completion.key))
        return _folded(Evenings(days, recent, fold.rated + len(unseen), fold.total + sum(unseen), fold.through,
                                _joined(self.run, theirs.run)))

    # -- the stored form -----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        return {"days": {j: _ranges(d) for j, d in sorted(self.days.items())},
                "recent": [[c.journey_id, c.day, c.on, c.checkin or 0] for c in self.recent],
                "folded": [self.rated, self.total, list(self.through)], "run": list(self.run)}

    @classmethod
    def from_dict(cls, raw: Any) -> "Evenings":
        """A stored (or a session's) value, repaired part by part: what is damaged is left out."""
        if not isinstance(raw, dict):
            return cls()
        days = raw.get("days") if isinstance(raw.get("days"), dict) else {}
        sets = {str(j): _days(text) for j, text in list(days.items())[:MAX_JOURNEYS] if short_text(j)}
        recent = [_completion(c) for c in raw.get("recent", [])[:MAX_RECENT]] \
            if isinstance(raw.get("recent"), list) else []
        recent = [c for c in recent if c is not None]
        for c in recent:
            sets[c.journey_id] = sets.get(c.journey_id, frozenset()) | {c.day}
        folded = raw.get("folded")
        rated, total, through = folded if isinstance(folded, list) and len(folded) == 3 else (0, 0, None)
        if not all(is_int(n) and 0 <= n <= 5 * 10**9 for n in (rated, total)):
            rated, total = 0, 0
        mark = _completion([through[1], through[2], through[0], 0]) \
            if isinstance(through, list) and len(through) == 3 else None
        run = raw.get("run")
        run = (run[0], run[1]) if isinstance(run, list) and len(run) == 2 and all(map(iso_date, run)) else ("", "")
        return _folded(cls({j: d for j, d in sets.items() if d}, tuple(sorted(recent, key=Completion.key)),
                           min(rated, total), total, mark.key() if mark else ("", "", 0), run))


def _folded(e: Evenings) -> Evenings:
    """Completions older than the newest one's week (or beyond MAX_RECENT) folded into the sums."""
    if not e.recent:
        return e
    newest = iso_date(e.recent[-1].on) or date.min
    week = (newest - timedelta(days=RECENT_DAYS - 1)).isoformat() if newest.year > 1 else ""
    old = [c for n, c in enumerate(e.recent) if c.on < week or len(e.recent) - n > MAX_RECENT]
    if not old:
        return e
    scores = [c.checkin for c in old if c.checkin is not None]
    return Evenings(e.days, e.recent[len(old):], e.rated + len(scores), e.total + sum(scores),
                    max(e.through, old[-1].key()), e.run)


def _joined(ours: tuple[str, str], theirs: tuple[str, str]) -> tuple[str, str]:
    """The latest run of both: one run when they touch, else the later."""
    if not ours[1] or not theirs[1]:
        return ours if ours[1] else theirs
    later, earlier = sorted((ours, theirs), key=lambda r: r[1], reverse=True)
    touching = (iso_date(later[0]) - iso_date(earlier[1])).days <= 1
    return (min(later[0], earlier[0]), later[1]) if touching else later


@lru_cache(maxsize=64)
def _ranges(days: frozenset[int]) -> str:
    """{1, 2, 3, 5} → "1-3,5". Cached, as is the way back: a step reads and writes the same sets."""
    parts, ordered = [], sorted(days)
    start = prev = ordered[0]
    for d in [*ordered[1:], None]:
        if d is not None and d == prev + 1:
            prev = d
            continue
        parts.append(str(start) if start == prev else f"{start}-{prev}")
        start = prev = d
    return ",".join(parts)


def _days(text: Any) -> frozenset[int]:
    return _expanded(text) if isinstance(text, str) else frozenset()


@lru_cache(maxsize=64)
def _expanded(text: str) -> frozenset[int]:
    if text.count(",") >= MAX_RANGES:
        return frozenset()
    days: set[int] = set()
    for part in text.split(","):
        first, _, last = part.partition("-")
        if first.isdigit() and (last or first).isdigit() and 0 < int(first) <= int(last or first) <= MAX_DAY:
            days.update(range(int(first), int(last or first) + 1))
    return frozenset(days)


def _completion(raw: Any) -> Completion | None:
    if not isinstance(raw, list) or len(raw) != 4:
        return None
    journey, day, on, score = raw
    if not short_text(journey) or not is_int(day) or not 0 < day <= MAX_DAY or not iso_date(on):
        return None
    return Completion(day, on, score if is_int(score) and 1 <= score <= 5 else None, journey)


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def short_text(value: Any) -> str:
    """A short string field, or "" when it is anything else."""
    return value if isinstance(value, str) and len(value) <= MAX_TEXT else ""


def iso_date(text: Any) -> date | None:
    """An ISO date ("2026-11-22"), or None when the text is not one."""
    try:
        return date.fromisoformat(text) if isinstance(text, str) and len(text) == 10 else None
    except ValueError:
        return None
