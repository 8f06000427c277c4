"""The couple's progress: a versioned record that survives anything the store hands back.

Stored per Alexa account (the couple's user id). Only integers, strings, lists and maps — DynamoDB
refuses floats and returns Decimal, so numbers are converted at this boundary. Nothing the partners
say to each other is ever part of it. Each group of settings carries its own change stamp, and an erase
starts a new epoch, so two devices' saves merge field by field (merge.py) and an erase stays erased.
"""


import base64
import copy
import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, NamedTuple

from .turn_length import DEFAULT_TURN_SECONDS, clamp_turn

SCHEMA_VERSION = 3
MAX_NAME_CHARS = 30
MAX_DAY = 10_000  # no journey is longer; a larger day number is damage
MAX_TEXT = 64  # journey ids, segment keys, zones, stamps
# Settings that change together, each with its own stamp: the newer change of each group wins a merge.
GROUPS: dict[str, tuple[str, ...]] = {
    "names": ("names",),
    "turn": ("turn_seconds",),
    "language": ("language",),
    "place": ("journey_id", "position", "parked"),
    "timezone": ("timezone", "timezone_checked"),
    "reminder": ("reminder", "reminder_declined"),
}
_SPACES = re.compile(r"\s+")


def clean_name(raw: Any) -> str:
    """A first name as it may be stored and spoken: letters of any script (with their accents), spaces,
    hyphens and apostrophes, whitespace collapsed, at most 30 characters. Anything else is dropped, so a
    NUL, a control character, a lone surrogate or 2,000 emoji can never reach SSML or the store."""
    if not isinstance(raw, str):
        return ""
    text = unicodedata.normalize("NFC", raw.encode("utf-8", "replace").decode("utf-8"))
    kept = "".join(ch if unicodedata.category(ch)[0] in "LM" or ch in "-'’" else " " if ch.isspace() else ""
                   for ch in text)
    return _SPACES.sub(" ", kept).strip(" -'’")[:MAX_NAME_CHARS].strip(" -'’")


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
    updated: str = ""  # ISO timestamp of the last change
    language: str = ""  # the couple's language, when they chose one ("" : the device's)
    stamps: dict[str, str] = field(default_factory=dict)  # GROUPS key → ISO instant of its last change
    erased: str = ""  # ISO instant of the last erase: records of an older epoch never come back
    extra: dict[str, Any] = field(default_factory=dict)  # fields a newer version wrote: kept, not lost
    # completed days a session left out to stay small (count, sum of check-ins, check-ins); never stored
    archived: tuple[int, int, int] = (0, 0, 0)

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
        dates = {iso_date(c.on) for c in self.completions()} - {None}
        day = today if today in dates else today - timedelta(days=1)
        count = 0
        while day in dates:
            count += 1
            day -= timedelta(days=1)
        return count

    def completed_count(self) -> int:
        return len(self.completions()) + self.archived[0]

    def average_checkin(self) -> float | None:
        scores = [c.checkin for c in self.completions() if c.checkin is not None]
        total, rated = sum(scores) + self.archived[1], len(scores) + self.archived[2]
        return total / rated if rated else None

    def stamp(self, group: str) -> str:
        """When `group` last changed ("": never; version 2 records get theirs from `updated` in migrate)."""
        return self.stamps.get(group, "")

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

    def restamp(self, before: "Progress", when: str) -> None:
        """Stamp every group that differs from `before` with `when` (the change just made)."""
        for group, attrs in GROUPS.items():
            if any(getattr(self, a) != getattr(before, a) for a in attrs):
                self.stamps[group] = when
        if self.names:
            self.names = [clean_name(n) for n in self.names]

    def copy(self) -> "Progress":
        """An independent copy (positions and completions are immutable tuples, so lists suffice)."""
        return Progress(
            names=list(self.names), turn_seconds=self.turn_seconds, journey_id=self.journey_id,
            position=self.position, completed={j: list(done) for j, done in self.completed.items()},
            parked=dict(self.parked), timezone=self.timezone, timezone_checked=self.timezone_checked,
            revision=self.revision, updated=self.updated, language=self.language, stamps=dict(self.stamps),
            erased=self.erased, extra=copy.deepcopy(self.extra) if self.extra else {}, archived=self.archived,
            reminder=self.reminder, reminder_declined=self.reminder_declined,
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
            "language": self.language,
            "stamps": dict(self.stamps),
            "erased": self.erased,
        })
        return data

    @classmethod
    def from_dict(cls, raw: Any) -> "Progress":
        """Any stored value (or a session's copy) → a safe record: migrated if older, repaired field by
        field if damaged, nesting cut at 32 levels."""
        if not isinstance(raw, dict):
            return cls()
        data = migrate(_plain(raw))
        p = cls(extra={k: v for k, v in data.items() if k not in _KNOWN})
        names = data.get("names")
        if isinstance(names, list) and len(names) == 2:
            p.names = [clean_name(n) for n in names]
        turn = _number(data.get("turn_seconds"))
        if turn is not None:
            p.turn_seconds = clamp_turn(turn)
        p.journey_id = _text(data.get("journey_id")) or None
        p.position = _position(data.get("position"))
        parked = data.get("parked")
        if isinstance(parked, dict):
            places = {str(j): _position(pos) for j, pos in parked.items()}
            p.parked = {j: pos for j, pos in places.items() if pos is not None and pos.journey_id == j}
        completed = data.get("completed")
        if isinstance(completed, dict):
            for jid, done in completed.items():
                entries = [_completion(c) for c in done] if isinstance(done, list) and _text(jid) else []
                entries = [c for c in entries if c is not None]
                if entries:
                    by_day = {c.day: c for c in entries}
                    p.completed[str(jid)] = sorted(by_day.values(), key=lambda c: c.day)
        revision = _number(data.get("revision"))
        if revision is not None and revision >= 0 and revision == int(revision):
            p.revision = int(revision)
        for key in ("updated", "timezone", "timezone_checked", "language", "erased", "reminder_declined"):
            setattr(p, key, _text(data.get(key)))
        p.reminder = _reminder(data.get("reminder"))
        stamps = data.get("stamps")
        if isinstance(stamps, dict):
            p.stamps = {g: s for g in GROUPS if (s := _text(stamps.get(g)))}
        return p


_KNOWN = {"schema_version", "names", "turn_seconds", "journey_id", "position", "parked", "completed", "timezone",
          "timezone_checked", "revision", "updated", "language", "stamps", "erased", "reminder", "reminder_declined"}


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring an older record to SCHEMA_VERSION. Version 1 kept one flat list of completed day numbers
    for the current journey (`completed_days`) and the partners' names as `partner_names`. Version 2 had
    one `updated` stamp for everything: it becomes every group's stamp."""
    version = data.get("schema_version", 1)
    if not _is_int(version) or version > SCHEMA_VERSION:
        return data  # a newer writer's record: read what we know, keep the rest in `extra`
    if version <= 1:
        data = dict(data)
        jid = data.get("journey_id")
        days = data.pop("completed_days", None)
        if isinstance(jid, str) and isinstance(days, list) and "completed" not in data:
            data["completed"] = {jid: [{"day": d, "on": "1970-01-01"} for d in days if _is_int(d)]}
        if "partner_names" in data and "names" not in data:
            data["names"] = data.pop("partner_names")
    if version <= 2:
        data = dict(data)
        updated = data.get("updated")
        if isinstance(updated, str) and updated and "stamps" not in data:
            data["stamps"] = dict.fromkeys(GROUPS, updated)
    data["schema_version"] = SCHEMA_VERSION
    return data


def _position(raw: Any) -> Position | None:
    if (isinstance(raw, dict) and _text(raw.get("journey_id")) and _is_int(raw.get("day"))
            and 0 < raw["day"] <= MAX_DAY and _text(raw.get("segment"))):
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
    if not isinstance(raw, dict) or not _is_int(raw.get("day")) or not 0 < raw["day"] <= MAX_DAY:
        return None
    on = raw.get("on") if isinstance(raw.get("on"), str) and iso_date(raw.get("on")) else "1970-01-01"
    score = raw.get("checkin")
    return Completion(raw["day"], on, score if _is_int(score) and 1 <= score <= 5 else None)


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _number(value: Any) -> float | None:
    """An int, a finite float, or a short string of digits (a revision some writer stored as text)."""
    if _is_int(value):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 15:
        return int(value)
    return None


def _text(value: Any) -> str:
    """A short string field, or "" when it is anything else."""
    return value if isinstance(value, str) and len(value) <= MAX_TEXT else ""


def iso_date(text: Any) -> date | None:
    """An ISO date ("2026-11-22"), or None when the text is not one."""
    try:
        return date.fromisoformat(text)
    except (TypeError, ValueError):
        return None


def _plain(value: Any, depth: int = 0) -> Any:
    """What DynamoDB hands back → JSON-able values: Decimal to int (or float when it has a fraction),
    sets to sorted lists, binary to base64 text. Nesting deeper than 32 levels is dropped."""
    if depth > 32:
        return None
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {str(k): _plain(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v, depth + 1) for v in value]
    if isinstance(value, set | frozenset):
        return sorted((_plain(v, depth + 1) for v in value), key=str)
    if isinstance(value, bytes | bytearray) or (hasattr(value, "value") and isinstance(value.value, bytes)):
        raw = value if isinstance(value, bytes | bytearray) else value.value
        return base64.b64encode(bytes(raw)).decode("ascii")
    return value
