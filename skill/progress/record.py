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
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from .evenings import MAX_DAY, Completion, Evenings, is_int, iso_date, short_text
from .turn_length import DEFAULT_TURN_SECONDS, clamp_turn

SCHEMA_VERSION = 4
MAX_NAME_CHARS = 30
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


class Reminder(NamedTuple):
    """A reminder the skill set with the Alexa Reminders API (alert_token: to change or cancel it)."""

    alert_token: str
    at: str  # "HH:MM", the couple's local time
    daily: bool = False
    on: str = ""  # ISO date it rings, for a reminder that rings once


class Codec(NamedTuple):
    """How a field is stored and read back: `read` repairs any stored value (None: the default)."""

    write: Callable[[Any], Any]
    read: Callable[[Any], Any]


def stored(codec: Codec, merge: str) -> dict[str, Any]:
    """A stored field's declaration. `merge`: a settings group (the side that changed it last wins, by the
    group's stamp) or one of merge.RULES ("union", "newest", "highest", "epoch", "stamps")."""
    return {"codec": codec, "merge": merge}


def _same(value: Any) -> Any:
    return value


TEXT = Codec(_same, lambda raw: short_text(raw) or None)
NAMES = Codec(list, lambda raw: [clean_name(n) for n in raw] if isinstance(raw, list) and len(raw) == 2 else None)
TURN = Codec(int, lambda raw: None if (n := _number(raw)) is None else clamp_turn(n))
POSITION = Codec(lambda pos: _position_dict(pos), lambda raw: _position(raw))
PARKED = Codec(lambda parked: {j: _position_dict(pos) for j, pos in parked.items()}, lambda raw: _parked(raw))
EVENINGS = Codec(lambda e: e.to_dict(), Evenings.from_dict)
REMINDER = Codec(lambda r: None if r is None else r._asdict(), lambda raw: _reminder(raw))
REVISION = Codec(int, lambda raw: int(n) if (n := _number(raw)) is not None and n >= 0 and n == int(n) else None)
STAMPS = Codec(dict, lambda raw: {g: s for g in GROUP_NAMES if (s := short_text(raw.get(g)))}
               if isinstance(raw, dict) else None)
PACE = Codec(int, lambda raw: None if (n := _number(raw)) is None else clamp_pace(n))
BRIEF = Codec(bool, lambda raw: raw if isinstance(raw, bool) else None)
GROUP_NAMES = ("names", "turn", "language", "place", "timezone", "reminder", "voice")
PACES = (70, 130)  # the slowest and fastest the skill speaks, percent


def clamp_pace(pace: float) -> int:
    """A speaking pace within PACES, in steps of ten."""
    return int(min(PACES[1], max(PACES[0], round(pace / 10) * 10)))


@dataclass
class Progress:
    """Every field is declared once, here: copying, the stored form, reading it back and merging two
    devices' records all follow these declarations (a new field needs only its line)."""

    # [] until asked; "" for a name they skipped
    names: list[str] = field(default_factory=list, metadata=stored(NAMES, "names"))
    turn_seconds: int = field(default=DEFAULT_TURN_SECONDS, metadata=stored(TURN, "turn"))
    # the couple's language, when they chose one ("": the device's)
    language: str = field(default="", metadata=stored(TEXT, "language"))
    journey_id: str | None = field(default=None, metadata=stored(TEXT, "place"))
    position: Position | None = field(default=None, metadata=stored(POSITION, "place"))
    # places in other journeys, kept on switching
    parked: dict[str, Position] = field(default_factory=dict, metadata=stored(PARKED, "place"))
    timezone: str = field(default="", metadata=stored(TEXT, "timezone"))  # the device's time zone (Alexa Settings API)
    timezone_checked: str = field(default="", metadata=stored(TEXT, "timezone"))  # ISO date it was last looked up
    # the reminder the skill set, if any
    reminder: Reminder | None = field(default=None, metadata=stored(REMINDER, "reminder"))
    # ISO date an evening last stopped for care: the next opening says so and asks, once
    cared: str = field(default="", metadata=stored(TEXT, "place"))
    # ISO date they last said no to the offer
    reminder_declined: str = field(default="", metadata=stored(TEXT, "reminder"))
    # how fast the skill speaks, percent of the voice's own rate (SSML prosody)
    pace: int = field(default=100, metadata=stored(PACE, "voice"))
    # they asked to skip the intro: tonight's plan is not read out any more
    brief: bool = field(default=False, metadata=stored(BRIEF, "voice"))
    # what they have done (evenings.py)
    evenings: Evenings = field(default_factory=Evenings, metadata=stored(EVENINGS, "union"))
    revision: int = field(default=0, metadata=stored(REVISION, "highest"))  # bumped by the store on every save
    updated: str = field(default="", metadata=stored(TEXT, "newest"))  # ISO timestamp of the last change
    # group → ISO instant of its last change
    stamps: dict[str, str] = field(default_factory=dict, metadata=stored(STAMPS, "stamps"))
    # ISO instant of the last erase: older epochs never come back
    erased: str = field(default="", metadata=stored(TEXT, "epoch"))
    extra: dict[str, Any] = field(default_factory=dict)  # fields a newer version wrote: kept, not lost

    # -- reading -------------------------------------------------------------------------------------
    @property
    def is_new(self) -> bool:
        return not self.names and self.journey_id is None and not self.evenings.days

    def recent(self) -> list[Completion]:
        """The completions of the latest week (older ones are only counted: see evenings.py)."""
        return list(self.evenings.recent)

    def days_done(self, journey_id: str) -> frozenset[int]:
        return self.evenings.days.get(journey_id, frozenset())

    def last_completion(self) -> Completion | None:
        return self.evenings.last()

    def streak(self, today: date) -> int:
        """Consecutive evenings with a completed day, ending today or yesterday."""
        return self.evenings.streak(today)

    def completed_count(self) -> int:
        return self.evenings.count()

    def average_checkin(self) -> float | None:
        return self.evenings.average_checkin()

    def stamp(self, group: str) -> str:
        """When `group` last changed ("": never; version 2 records get theirs from `updated` in migrate)."""
        return self.stamps.get(group, "")

    # -- changing ------------------------------------------------------------------------------------
    def complete(self, journey_id: str, day: int, on: date, checkin: int | None) -> None:
        self.evenings = self.evenings.complete(journey_id, day, on, checkin)

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
        """An independent copy (positions, reminders and evenings are immutable; containers are copied)."""
        return Progress(**{f.name: _copied(getattr(self, f.name)) for f in fields(self)})

    # -- the stored form -----------------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data = copy.deepcopy(self.extra) if self.extra else {}
        data["schema_version"] = SCHEMA_VERSION
        data.update((f.name, f.metadata["codec"].write(getattr(self, f.name))) for f in STORED)
        return data

    @classmethod
    def from_dict(cls, raw: Any) -> "Progress":
        """Any stored value (or a session's copy) → a safe record: migrated if older, repaired field by
        field if damaged, nesting cut at 32 levels."""
        if not isinstance(raw, dict):
            return cls()
        data = migrate(_plain(raw))
        p = cls(extra={k: v for k, v in data.items() if k not in KNOWN})
        for f in STORED:
            value = f.metadata["codec"].read(data.get(f.name)) if f.name in data else None
            if value is not None:
                setattr(p, f.name, value)
        return p


STORED = tuple(f for f in fields(Progress) if "codec" in f.metadata)
if undeclared := [f.name for f in fields(Progress) if f.name != "extra" and f not in STORED]:
    raise TypeError(f"progress fields without a stored form: {undeclared}")
KNOWN = {"schema_version", *(f.name for f in STORED)}
# Settings that change together, each with its own stamp: the newer change of each group wins a merge.
GROUPS: dict[str, tuple[str, ...]] = {g: tuple(f.name for f in STORED if f.metadata["merge"] == g) for g in GROUP_NAMES}


def _copied(value: Any) -> Any:
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return copy.deepcopy(value) if value else {}
    return value


def migrate(data: dict[str, Any]) -> dict[str, Any]:
    """Bring an older record to SCHEMA_VERSION. Version 1 kept one flat list of completed day numbers
    for the current journey (`completed_days`) and the partners' names as `partner_names`. Version 2 had
    one `updated` stamp for everything: it becomes every group's stamp. Version 3 kept every completion
    (`completed`: journey → days with their date and check-in): it becomes the bounded `evenings`."""
    version = data.get("schema_version", 1)
    if not is_int(version) or version > SCHEMA_VERSION:
        return data  # a newer writer's record: read what we know, keep the rest in `extra`
    if version <= 1:
        data = dict(data)
        jid = data.get("journey_id")
        days = data.pop("completed_days", None)
        if isinstance(jid, str) and isinstance(days, list) and "completed" not in data:
            data["completed"] = {jid: [{"day": d, "on": "1970-01-01"} for d in days if is_int(d)]}
        if "partner_names" in data and "names" not in data:
            data["names"] = data.pop("partner_names")
    if version <= 2:
        data = dict(data)
        updated = data.get("updated")
        if isinstance(updated, str) and updated and "stamps" not in data:
            data["stamps"] = dict.fromkeys(GROUP_NAMES, updated)
    if version <= 3:
        data = dict(data)
        completed = data.pop("completed", None)
        if isinstance(completed, dict) and "evenings" not in data:
            data["evenings"] = Evenings.of(_completions(completed)).to_dict()
    data["schema_version"] = SCHEMA_VERSION
    return data


def _completions(completed: dict[str, Any]) -> dict[str, list[Completion]]:
    """Version 3's completions per journey, damaged entries left out, one per day."""
    kept: dict[str, list[Completion]] = {}
    for jid, done in completed.items():
        listed = isinstance(done, list) and short_text(jid)
        entries = [c for c in map(_completion, done) if c is not None] if listed else []
        if entries:
            kept[str(jid)] = list({c.day: c for c in entries}.values())
    return kept


def _parked(raw: Any) -> dict[str, Position] | None:
    if not isinstance(raw, dict):
        return None
    places = {str(j): _position(pos) for j, pos in raw.items()}
    return {j: pos for j, pos in places.items() if pos is not None and pos.journey_id == j}


def _position(raw: Any) -> Position | None:
    if (isinstance(raw, dict) and short_text(raw.get("journey_id")) and is_int(raw.get("day"))
            and 0 < raw["day"] <= MAX_DAY and short_text(raw.get("segment"))):
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
    if not isinstance(raw, dict) or not is_int(raw.get("day")) or not 0 < raw["day"] <= MAX_DAY:
        return None
    on = raw.get("on") if isinstance(raw.get("on"), str) and iso_date(raw.get("on")) else "1970-01-01"
    score = raw.get("checkin")
    return Completion(raw["day"], on, score if is_int(score) and 1 <= score <= 5 else None)


def _number(value: Any) -> float | None:
    """An int, a finite float, or a short string of digits (a revision some writer stored as text)."""
    if is_int(value):
        return value
    if isinstance(value, float) and math.isfinite(value):
        return value
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 15:
        return int(value)
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
