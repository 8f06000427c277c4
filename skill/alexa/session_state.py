"""What a session carries between requests, repaired field by field and kept small.

Session attributes come back from Alexa as the skill sent them, but nothing stops a tampered or broken
one: every field is checked on the way in (wrong kinds fall back to defaults, never an apology), and on
the way out the progress is cut to what an evening needs, so a response stays far below Alexa's 24 KB
however many days a couple has completed. The store keeps the whole history.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta
from typing import Any

from ..progress.merge import instant
from ..progress.record import Completion, Progress
from ..session.machine import Conversation
from ..session.state import MAX_INTERRUPTED

KEEP_COMPLETIONS = 60  # the latest completed days a session carries (and each journey's furthest)
MAX_EXTRA_BYTES = 1024  # unknown fields larger than this stay in the store only
MAX_TEXT = 2000
MAX_TIMELINE = 64
_TARGET = re.compile(r"^[A-Za-z0-9_.-]{0,64}(:[0-9]{1,5})?$")


def session_progress(raw: Any, archived: Any, now: datetime) -> Progress:
    """The session's copy of the progress, repaired like a stored record; a change stamp or erase
    instant in the future (more than a day ahead) is brought back to now, so a tampered stamp cannot
    make one setting win every later merge."""
    progress = Progress.from_dict(raw)
    limit = now + timedelta(days=1)
    progress.stamps = {g: (s if instant(s) <= limit else now.isoformat()) for g, s in progress.stamps.items()}
    if instant(progress.erased) > limit:
        progress.erased = now.isoformat()
    if isinstance(archived, list) and len(archived) == 3 and \
            all(isinstance(n, int) and not isinstance(n, bool) and 0 <= n < 10**6 for n in archived):
        progress.archived = (archived[0], archived[1], archived[2])
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


def _timeline(raw: Any) -> list[list[Any]]:
    if not isinstance(raw, list):
        return []
    marks = [m for m in raw[:MAX_TIMELINE] if isinstance(m, list) and len(m) == 2
             and isinstance(m[0], int | float) and not isinstance(m[0], bool) and 0 <= m[0] < 24 * 3600
             and isinstance(m[1], str) and len(m[1]) <= 64]
    return marks if len(marks) == len(raw) else []


def session_view(progress: Progress) -> tuple[dict[str, Any], tuple[int, int, int], bool]:
    """The progress as the session carries it, with the summary of the completions left out
    (count, sum of check-ins, check-ins) and whether anything was left out (then a save re-reads)."""
    data = progress.to_dict()
    partial = False
    if progress.extra and len(json.dumps(progress.extra, default=str)) > MAX_EXTRA_BYTES:
        for key in progress.extra:
            data.pop(key, None)
        partial = True
    done = progress.completions()
    count, total, rated = progress.archived
    if len(done) > KEEP_COMPLETIONS:
        keep = set(sorted(done, key=lambda c: (c.on, c.day))[-KEEP_COMPLETIONS:])
        keep |= {max(days, key=lambda c: c.day) for days in progress.completed.values() if days}
        left = [c for c in done if c not in keep]
        count, total, rated = (count + len(left), total + sum(c.checkin or 0 for c in left),
                               rated + sum(1 for c in left if c.checkin))
        data["completed"] = {j: [_completion_dict(c) for c in days if c in keep]
                             for j, days in progress.completed.items()}
        partial = True
    return data, (count, total, rated), partial or count > 0


def _completion_dict(c: Completion) -> dict[str, Any]:
    return {"day": c.day, "on": c.on, **({"checkin": c.checkin} if c.checkin else {})}
