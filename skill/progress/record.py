"""The couple's progress: a versioned record that survives anything the store hands back.

Stored per Alexa account (the couple's user id). Only integers, strings, lists and maps — DynamoDB
refuses floats and returns Decimal, so numbers are converted at this boundary. Nothing the partners
say to each other is ever part of it.
"""


import copy
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from .turn_length import DEFAULT_TURN_SECONDS, clamp_turn

SCHEMA_VERSION = 2


class Position(NamedTuple):
    """Where the couple is: a day of a journey, and the segment of it to play next (see session.script)."""

    journey_id: str
    day: int
    segment: str


class Completion(NamedTuple):
    day: int
    on: str  # the couple's local date, ISO
    checkin: int | None = None  # "how connected do you feel tonight", 1–5


class Reminder(NamedTuple):
    """A reminder the skill set with the Alexa Reminders API (alert_token: to change or cancel it)."""

    alert_token: str
    at: str  # "HH:MM", the couple's local time
    daily: bool = False
    on: str = ""  # ISO date it rings, for a reminder that rings once


@dataclass
class Progress:
    names: list[str] = field(default_factory=list)  # [] until asked; "" for a name they skipped
    turn_seconds: int = DEFAULT_TURN_SECONDS
    journey_id: str | None = None
    position: Position | None = None
    completed: dict[str, list[Completion]] = field(default_factory=dict)  # journey id → days done
    parked: dict[str, Position] = field(default_factory=dict)  # places in other journeys, kept on switching
    timezone: str = ""  # the device's time zone (Alexa Settings API), for the couple's local dates
    timezone_checked: str = ""  # ISO date it was last looked up
    reminder: Reminder | None = None  # the reminder the skill set for them, if any
    reminder_declined: str = ""  # ISO date they last said no to the offer of a reminder
    revision: int = 0  # bumped by the store on every save; guards concurrent writers
    updated: str = ""  # ISO timestamp of the last change, for merging
    extra: dict[str, Any] = field(default_factory=dict)  # fields a newer version wrote: kept, not lost

    # -- reading -------------------------------------------------------------------------------------
    @property
    def is_new(self) -> bool:
        return not self.names and self.journey_id is None and not self.completed

    def completions(self, journey_id: str | None = None) -> list[Completion]:
        if journey_id is not None:
            return list(self.completed.get(journey_id, []))
        return [c for done in self.completed.values() for c in done]

    def days_done(self, journey_id: str) -> set[int]:
        return {c.day for c in self.completed.get(journey_id, [])}

    def last_completion(self) -> Completion | None:
        done = self.completions()
        return max(done, key=lambda c: c.on) if done else None

    def streak(self, today: date) -> int:
        """Consecutive evenings with a completed day, ending today or yesterday."""
        dates = {_date(c.on) for c in self.completions()} - {None}
        day = today if today in dates else today - timedelta(days=1)
        count = 0
        while day in dates:
            count += 1
            day -= timedelta(days=1)
        return count

    def average_checkin(self) -> float | None:
        scores = [c.checkin for c in self.completions() if c.checkin is not None]
        return sum(scores) / len(scores) if scores else None

    # -- changing ------------------------------------------------------------------------------------
    def complete(self, journey_id: str, day: int, on: date, checkin: int | None) -> None:
        done = [c for c in self.completed.get(journey_id, []) if c.day != day]
        done.append(Completion(day, on.isoformat(), checkin))
        self.completed[journey_id] = sorted(done, key=lambda c: c.day)

    def switch_to(self, journey_id: str) -> None:
        """Make `journey_id` current; the place in the journey left is parked, and one parked is restored."""
        if self.position is not None and self.position.journey_id != journey_id:
            self.parked[self.position.journey_id] = self.position
            self.position = None
        if journey_id in self.parked:
            self.position = self.parked.pop(journey_id)
        self.journey_id = journey_id

    def copy(self) -> "Progress":
        """An independent copy (positions and completions are immutable tuples, so lists suffice)."""
        return Progress(
            names=list(self.names), turn_seconds=self.turn_seconds, journey_id=self.journey_id,
            position=self.position, completed={j: list(done) for j, done in self.completed.items()},
            parked=dict(self.parked), timezone=self.timezone, timezone_checked=self.timezone_checked,
            reminder=self.reminder, reminder_declined=self.reminder_declined,
            revision=self.revision, updated=self.updated,
            extra=copy.deepcopy(self.extra) if self.extra else {},
        )

    # -- the stored form -----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data = copy.deepcopy(self.extra) if self.extra else {}
        data.update({
            "schema_version": SCHEMA_VERSION,
            "names": list(self.names),
            "turn_seconds": int(self.turn_seconds),
            "journey_id": self.journey_id,
            "position": _position_dict(self.position),
            "parked": {j: _position_dict(pos) for j, pos in self.parked.items()},
            "completed": {j: [{"day": c.day, "on": c.on, **({"checkin": c.checkin} if c.checkin else {})}
                              for c in done] for j, done in self.completed.items()},
            "timezone": self.timezone,
            "timezone_checked": self.timezone_checked,
            "reminder": None if self.reminder is None else self.reminder._asdict(),
            "reminder_declined": self.reminder_declined,
            "revision": int(self.revision),
            "updated": self.updated,
        })
        return data

    @classmethod
    def from_dict(cls, raw: Any, from_json: bool = False) -> "Progress":
        """Any stored value → a safe record: migrated if older, repaired field by field if damaged.
        `from_json`: the value came from JSON (the session), so there is no DynamoDB Decimal to convert."""
        if not isinstance(raw, dict):
            return cls()
        data = migrate(raw if from_json else _plain(raw))
        known = {"schema_version", "names", "turn_seconds", "journey_id", "position", "parked", "completed",
                 "timezone", "timezone_checked", "revision", "updated", "reminder", "reminder_declined"}
        p = cls(extra={k: v for k, v in data.items() if k not in known})
        names = data.get("names")
        if isinstance(names, list) and len(names) == 2 and all(isinstance(n, str) for n in names):
            p.names = [n.strip()[:40] for n in names]
        turn = data.get("turn_seconds")
        if isinstance(turn, int) and not isinstance(turn, bool):
            p.turn_seconds = clamp_turn(turn)
        if isinstance(data.get("journey_id"), str):
            p.journey_id = data["journey_id"]
        p.position = _position(data.get("position"))
        parked = data.get("parked")
        if isinstance(parked, dict):
            places = {str(j): _position(pos) for j, pos in parked.items()}
            p.parked = {j: pos for j, pos in places.items() if pos is not None and pos.journey_id == j}
        completed = data.get("completed")
        if isinstance(completed, dict):
            for jid, done in completed.items():
                entries = [_completion(c) for c in done] if isinstance(done, list) else []
                entries = [c for c in entries if c is not None]
                if entries:
                    by_day = {c.day: c for c in entries}
                    p.completed[str(jid)] = sorted(by_day.values(), key=lambda c: c.day)
        if _is_int(data.get("revision")) and data["revision"] >= 0:
            p.revision = data["revision"]
        if isinstance(data.get("updated"), str):
            p.updated = data["updated"]
        p.reminder = _reminder(data.get("reminder"))
        for key in ("timezone", "timezone_checked", "reminder_declined"):
            if isinstance(data.get(key), str) and len(data[key]) <= 64:
                setattr(p, key, data[key])
        return p


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring an older record to SCHEMA_VERSION. Version 1 kept one flat list of completed day numbers
    for the current journey (`completed_days`) and the partners' names as `partner_names`."""
    version = data.get("schema_version", 1)
    if version == 1 or not _is_int(version):
        data = dict(data)
        jid = data.get("journey_id")
        days = data.pop("completed_days", None)
        if isinstance(jid, str) and isinstance(days, list) and "completed" not in data:
            data["completed"] = {jid: [{"day": d, "on": "1970-01-01"} for d in days if _is_int(d)]}
        if "partner_names" in data and "names" not in data:
            data["names"] = data.pop("partner_names")
        data["schema_version"] = SCHEMA_VERSION
    return data


def merge(ours: Progress, theirs: Progress) -> Progress:
    """Two devices of one account saved at once: keep every completed day of both; the rest from
    whichever changed last."""
    newer, older = (ours, theirs) if ours.updated >= theirs.updated else (theirs, ours)
    merged = Progress.from_dict(newer.to_dict())
    for jid, done in older.completed.items():
        mine = {c.day: c for c in merged.completed.get(jid, [])}
        for c in done:
            kept = mine.get(c.day)
            if kept is None or (kept.checkin is None and c.checkin is not None):
                mine[c.day] = c
        merged.completed[jid] = sorted(mine.values(), key=lambda c: c.day)
    merged.revision = max(ours.revision, theirs.revision)
    return merged


def _position(raw: Any) -> Position | None:
    if (isinstance(raw, dict) and isinstance(raw.get("journey_id"), str) and _is_int(raw.get("day"))
            and isinstance(raw.get("segment"), str)):
        return Position(raw["journey_id"], raw["day"], raw["segment"])
    return None


def _position_dict(pos: Position | None) -> dict[str, Any] | None:
    return None if pos is None else {"journey_id": pos.journey_id, "day": int(pos.day), "segment": pos.segment}


def _reminder(raw: Any) -> Reminder | None:
    if not isinstance(raw, dict) or not all(isinstance(raw.get(k), str) for k in ("alert_token", "at", "on")):
        return None
    if not raw["alert_token"] or len(raw["alert_token"]) > 512 or len(raw["at"]) != 5 or len(raw["on"]) > 10:
        return None
    return Reminder(raw["alert_token"], raw["at"], bool(raw.get("daily")), raw["on"])


def _completion(raw: Any) -> Completion | None:
    if not isinstance(raw, dict) or not _is_int(raw.get("day")):
        return None
    on = raw.get("on") if isinstance(raw.get("on"), str) and _date(raw.get("on")) else "1970-01-01"
    score = raw.get("checkin")
    return Completion(raw["day"], on, score if _is_int(score) and 1 <= score <= 5 else None)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _date(text: Any) -> date | None:
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def _plain(value: Any) -> Any:
    """DynamoDB's Decimal back to int (no floats are ever stored), recursively."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value
