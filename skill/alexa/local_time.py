"""The couple's local time: Alexa sends timestamps in UTC, but "earlier this evening" and streaks are
about the couple's own days. The device's time zone comes from the Alexa Settings API, at most once a
week per couple (it is kept in their progress), bounded by a short timeout; without it, UTC.

`ALEXA_TIMEZONE_LOOKUP=off` turns the lookup off (the tests do, so no test ever calls Amazon).
"""

from __future__ import annotations

import json
import logging
import os
from datetime import UTC, date, datetime, timedelta, tzinfo
from typing import Any

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 1.0
RECHECK_DAYS = 7
PATH = "/v2/devices/{device}/settings/System.timeZone"


def request_time(handler_input: Any) -> datetime:
    """When Alexa sent the request (its `timestamp`, UTC), else the clock's now: what the machine's time and
    every change stamp are taken from."""
    stamp = getattr(handler_input.request_envelope.request, "timestamp", None)
    if isinstance(stamp, datetime):
        return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)
    return datetime.now(UTC)


def zone(name: str) -> tzinfo:
    """The named time zone, or UTC when the name is empty or unknown."""
    if not name:
        return UTC
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo(name)
    except (ValueError, KeyError, OSError):  # ZoneInfoNotFoundError is a KeyError
        log.warning("unknown time zone %r; using UTC", name)
        return UTC


def is_zone(name: str) -> bool:
    return zone(name) is not UTC or name in ("UTC", "Etc/UTC")


def local(moment: datetime, name: str) -> datetime:
    return moment.astimezone(zone(name))


def due(checked: str, today: date) -> bool:
    """Whether the time zone should be looked up again (never looked up, or a week has passed)."""
    try:
        return today - date.fromisoformat(checked) >= timedelta(days=RECHECK_DAYS)
    except ValueError:
        return True


def lookup(endpoint: str | None, token: str | None, device: str | None,
           timeout: float = TIMEOUT_SECONDS) -> str | None:
    """The device's time zone name from the Alexa Settings API, or None if it cannot be had quickly."""
    if not (endpoint and token and device) or os.environ.get("ALEXA_TIMEZONE_LOOKUP", "on").lower() == "off":
        return None
    import urllib.request  # only here: it imports ssl, which a cold start should not pay for

    request = urllib.request.Request(endpoint.rstrip("/") + PATH.format(device=device),
                                     headers={"Authorization": f"Bearer {token}", "Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            value = json.loads(response.read(1024))
    except Exception as exc:  # any failure: carry on in UTC, try again next session
        log.info("time zone lookup failed: %s", exc)
        return None
    return value if isinstance(value, str) and value else None
