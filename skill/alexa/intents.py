"""Alexa intents and slots → the session machine's events. The only place intent names appear."""

from __future__ import annotations

import re

from ask_sdk_model import Intent, Slot

from ..progress.record import clean_name
from ..session import events as ev

SIMPLE: dict[str, type[ev.Event]] = {
    "AMAZON.YesIntent": ev.Yes, "AMAZON.NoIntent": ev.No, "AMAZON.NextIntent": ev.Next,
    "AMAZON.PreviousIntent": ev.Previous, "AMAZON.RepeatIntent": ev.Repeat, "AMAZON.PauseIntent": ev.Pause,
    "AMAZON.ResumeIntent": ev.Resume, "AMAZON.StartOverIntent": ev.StartOver, "AMAZON.HelpIntent": ev.Help,
    "AMAZON.StopIntent": ev.Stop, "AMAZON.CancelIntent": ev.Stop, "AMAZON.NavigateHomeIntent": ev.Stop,
    "AMAZON.FallbackIntent": ev.NotUnderstood, "ListJourneysIntent": ev.ListJourneys,
    "ProgressIntent": ev.HowAreWeDoing, "ResetProgressIntent": ev.ResetProgress,
}
# ASCII digits only ("²" and "⑤" are digits to str.isdigit), at most six of them before a fraction
_NUM = r"([0-9]{1,6}(?:\.[0-9]{1,6})?)"
_ISO_DURATION = re.compile(rf"^P(?:([0-9]{{1,6}})D)?(?:T(?:{_NUM}H)?(?:{_NUM}M)?(?:{_NUM}S)?)?$")
_WORD_NUMBERS = {w: i for i, w in enumerate(["zero", "one", "two", "three", "four", "five"])}


def slot_value(intent: Intent | None, name: str) -> str:
    slot: Slot | None = (intent.slots or {}).get(name) if intent else None
    return (slot.value or "").strip() if slot and isinstance(slot.value, str) else ""


def resolved_id(intent: Intent | None, name: str) -> str:
    """The id entity resolution matched for a custom slot, if it matched."""
    slot = (intent.slots or {}).get(name) if intent else None
    resolutions = getattr(slot, "resolutions", None)
    for authority in getattr(resolutions, "resolutions_per_authority", None) or []:
        if getattr(getattr(authority, "status", None), "code", None) and \
                str(authority.status.code.value) == "ER_SUCCESS_MATCH" and authority.values:
            return authority.values[0].value.id or ""
    return ""


def seconds(iso: str) -> int | None:
    """AMAZON.DURATION's ISO 8601 value ("PT90S", "PT1M30S", "PT2M") → seconds."""
    m = _ISO_DURATION.match(iso or "")
    if not m or not any(m.groups()):
        return None
    d, h, mi, s = (float(g) if g else 0.0 for g in m.groups())
    return round(((d * 24 + h) * 60 + mi) * 60 + s)


def score(text: str) -> int | None:
    """A check-in number: ASCII digits (at most three) or a word; anything else is no number."""
    text = text.lower().strip()
    if text.isascii() and text.isdigit() and len(text) <= 3:
        return int(text)
    return _WORD_NUMBERS.get(text)


def to_event(intent: Intent | None) -> ev.Event:
    name = intent.name if intent else ""
    if name in SIMPLE:
        return SIMPLE[name]()
    if name == "SetNamesIntent":  # cleaned as they arrive: nothing unspeakable reaches the record
        return ev.SetNames(clean_name(slot_value(intent, "firstName")), clean_name(slot_value(intent, "secondName")))
    if name == "SetTurnLengthIntent":
        return ev.SetTurnLength(seconds(slot_value(intent, "duration")))
    if name == "ChooseJourneyIntent":
        return ev.ChooseJourney(resolved_id(intent, "journey") or slot_value(intent, "journey"))
    if name == "CheckInIntent":
        return ev.CheckIn(score(slot_value(intent, "score")))
    return ev.NotUnderstood()
