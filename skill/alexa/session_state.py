"""What a session carries between requests, repaired field by field and kept small.

Session attributes come back from Alexa as the skill sent them, but nothing stops a tampered or broken
one: every field is checked on the way in (wrong kinds fall back to defaults, never an apology), and on
the way out unknown fields of a newer version are left out when large. The record itself stays small
however many evenings a couple has done (progress/evenings.py), so the session carries all of it.
"""

from __future__ import annotations

import json
import math
import re
from datetime import datetime, timedelta
from typing import Any

from ..progress.merge import instant
from ..progress.record import Progress
from ..session.machine import Conversation
from ..session.state import MAX_INTERRUPTED

MAX_EXTRA_BYTES = 1024  # unknown fields larger than this stay in the store only
MAX_TEXT = 2000
MAX_TIMELINE = 64
MAX_REVISION = 10**15  # a revision is one save; more than this is tampering (SQLite stops at 2**63)
MAX_NUMBER = 2**53  # numbers in fields a newer version wrote: what every store and JSON reader keeps exactly
_TARGET = re.compile(r"^[A-Za-z0-9_.-]{0,64}(:[0-9]{1,5})?$")


def session_progress(raw: Any, now: datetime) -> Progress:
    """The session's copy of the progress, repaired like a stored record; a change stamp or erase
    instant in the future (more than a day ahead) is brought back to now, so a tampered stamp cannot
    make one setting win every later merge."""
    progress = Progress.from_dict(raw)
    limit = now + timedelta(days=1)
    progress.stamps = {g: (s if instant(s) <= limit else now.isoformat()) for g, s in progress.stamps.items()}
    if instant(progress.erased) > limit:
        progress.erased = now.isoformat()
    if not 0 <= progress.revision <= MAX_REVISION:
        progress.revision = 0  # unknown: the save conflicts, re-reads the stored record and merges
    progress.extra = {key: value for key, value in progress.extra.items() if _numbers_in_range(value)}
    return progress


def clean_conversation(raw: Any) -> Conversation:
    """The session's conversation, each field of the right kind and size, or its default."""
    if not isinstance(raw, dict):
        return Conversation()
    fields: dict[str, Any] = {}
    for key, value in raw.items():
        if key == "timeline":
            fields[key] = _timeline(value)
        elif key == "interrupted":
            fields[key] = _places(value)
        elif key == "length":
            fields[key] = value if isinstance(value, int) and not isinstance(value, bool) and \
                0 <= value <= 24 * 3600 else 0
        elif key == "target":
            fields[key] = value if isinstance(value, str) and _TARGET.match(value) else ""
        elif isinstance(value, str):
            fields[key] = value[:MAX_TEXT]
        elif isinstance(value, bool) or (isinstance(value, int) and 0 <= value <= 1000):  # flags, counts
            fields[key] = value
    return Conversation.from_dict(fields)


def _places(raw: Any) -> list[list[str]]:
    """The places asides interrupted: a few [phase, question, reason], all text; anything else, none."""
    if not isinstance(raw, list) or len(raw) > MAX_INTERRUPTED:
        return []
    places = [p for p in raw if isinstance(p, list) and len(p) == 3 and all(isinstance(x, str) for x in p)]
    return [[p[0][:64], p[1][:MAX_TEXT], p[2][:64]] for p in places] if len(places) == len(raw) else []


def _numbers_in_range(value: Any) -> bool:
    """Every number inside `value` (a field a newer version wrote; nesting already cut at 32 levels)
    is one every store and JSON reader holds exactly."""
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return True
    if isinstance(value, int):
        return abs(value) <= MAX_NUMBER
    if isinstance(value, float):
        return math.isfinite(value) and abs(value) <= MAX_NUMBER
    if isinstance(value, dict):
        return all(_numbers_in_range(v) for v in value.values())
    return isinstance(value, list) and all(_numbers_in_range(v) for v in value)


def _timeline(raw: Any) -> list[list[Any]]:
    if not isinstance(raw, list):
        return []
    marks = [m for m in raw[:MAX_TIMELINE] if isinstance(m, list) and len(m) == 2
             and isinstance(m[0], int | float) and not isinstance(m[0], bool) and 0 <= m[0] < 24 * 3600
             and isinstance(m[1], str) and len(m[1]) <= 64]
    return marks if len(marks) == len(raw) else []


def session_view(progress: Progress) -> tuple[dict[str, Any], bool]:
    """The progress as the session carries it, and whether a part was left out (then a save re-reads)."""
    data = progress.to_dict()
    if progress.extra and len(json.dumps(progress.extra, default=str)) > MAX_EXTRA_BYTES:
        for key in progress.extra:
            data.pop(key, None)
        return data, True
    return data, False
