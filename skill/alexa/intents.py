"""Alexa intents and slots → the session machine's events: the one place an intent becomes an event
(the interaction model, interaction_model.py, declares the same intents for Alexa). A custom intent without
slots named after an event without fields (`ThanksIntent` → `Thanks`) needs no entry here."""

from __future__ import annotations

import re

from ask_sdk_model import Intent, Slot

from ..language import catalog
from ..session import events as ev

SIMPLE: dict[str, type[ev.Event]] = {
    "AMAZON.YesIntent": ev.Yes, "AMAZON.NoIntent": ev.No, "AMAZON.NextIntent": ev.Next,
    "AMAZON.PreviousIntent": ev.Previous, "AMAZON.RepeatIntent": ev.Repeat, "AMAZON.PauseIntent": ev.PauseSession,
    "AMAZON.ResumeIntent": ev.Resume, "AMAZON.StartOverIntent": ev.StartOver, "AMAZON.HelpIntent": ev.Help,
    "AMAZON.StopIntent": ev.Stop, "AMAZON.CancelIntent": ev.Stop, "AMAZON.NavigateHomeIntent": ev.Stop,
    "AMAZON.FallbackIntent": ev.NotUnderstood, "ListJourneysIntent": ev.ListJourneys,
    "ProgressIntent": ev.HowAreWeDoing, "ResetProgressIntent": ev.ResetProgress, "LeaveIntent": ev.Leave,
    "CareIntent": ev.Care, "AboutSkillIntent": ev.AboutSkill, "WhoGoesFirstIntent": ev.WhoGoesFirst,
    "GoFirstIntent": ev.GoFirst, "SkipIntroIntent": ev.SkipIntro,
    "HowLongIntent": ev.HowLong, "SkipIntent": ev.Skip, "ReadLessonAgainIntent": ev.ReadLessonAgain,
    "CancelReminderIntent": ev.CancelReminder, "ReminderStatusIntent": ev.WhenReminder,
}
# AMAZON.TIME's parts of the day, as the hour a couple would mean
_PARTS_OF_DAY = {"MO": "09:00", "AF": "15:00", "EV": "19:00", "NI": "21:00"}
# ASCII digits only ("²" and "⑤" are digits to str.isdigit), at most six of them before a fraction
_NUM = r"([0-9]{1,6}(?:\.[0-9]{1,6})?)"
_ISO_DURATION = re.compile(rf"^P(?:([0-9]{{1,6}})D)?(?:T(?:{_NUM}H)?(?:{_NUM}M)?(?:{_NUM}S)?)?$")


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


def score(text: str, locale: str = "en-US") -> int | None:
    """A check-in as a whole number: digits or the locale's number words; a half rounds up ("three and a
    half" → 4); anything else (no number, "²", thousands of digits) is None."""
    value = catalog(locale).read_number(text)
    return None if value is None else int(value + 0.5)


def whole(text: str, locale: str = "en-US") -> int | None:
    """A day or week number as AMAZON.NUMBER gives it ("3", "three"): whole and small, else None."""
    value = catalog(locale).read_number(text)
    return int(value) if value is not None and value == int(value) and 0 < value < 10_000 else None


def clock_time(value: str) -> str:
    """AMAZON.TIME ("20:00", "EV") → "HH:MM"; "" when there is none (then: this time)."""
    if re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
        return value
    return _PARTS_OF_DAY.get(value.upper(), "")


def to_event(intent: Intent | None, locale: str = "en-US") -> ev.Event:
    name = intent.name if intent else ""
    if name in SIMPLE:
        return SIMPLE[name]()
    if name in ("SetNamesIntent", "NamesIntent"):
        return ev.SetNames(slot_value(intent, "firstName"), slot_value(intent, "secondName"),
                           carrier=name == "SetNamesIntent")
    if name == "SetTurnLengthIntent":
        return ev.SetTurnLength(seconds(slot_value(intent, "duration")))
    if name in ("MoreTimeIntent", "LessTimeIntent"):
        return ev.SetTurnLength(None, change=1 if name == "MoreTimeIntent" else -1)
    if name in ("SkipLessonIntent", "SkipQuestionIntent"):
        return ev.Skip("lesson" if name == "SkipLessonIntent" else "question")
    if name == "ChooseJourneyIntent":
        return ev.ChooseJourney(resolved_id(intent, "journey") or slot_value(intent, "journey"))
    if name in ("SetReminderIntent", "SetDailyReminderIntent"):
        return ev.SetReminder(clock_time(slot_value(intent, "time")), name == "SetDailyReminderIntent")
    if name in ("SlowerIntent", "FasterIntent"):
        return ev.SetPace(1 if name == "FasterIntent" else -1)
    if name == "WeekPlanIntent":
        return ev.WeekPlan(whole(slot_value(intent, "week"), locale))
    if name == "SkipToDayIntent":
        return ev.SkipToDay(whole(slot_value(intent, "day"), locale))
    if name in ("TearsIntent", "DangerIntent"):  # CareIntent (SIMPLE) is distress
        return ev.Care("tears" if name == "TearsIntent" else "danger")
    if name == "CheckInIntent":
        return ev.CheckIn(score(slot_value(intent, "score"), locale))
    if name.startswith("Felt"):  # "pretty good": the score the words suggest, asked about before it is noted
        from .interaction_model import FELT  # only when a check-in came in words

        return ev.CheckIn(None, FELT[name]) if name in FELT else ev.NotUnderstood()
    return _by_name(name) or ev.NotUnderstood()


def _by_name(intent_name: str) -> ev.Event | None:
    """`XIntent` → `X()`, for an event without fields whose intent the interaction model declares."""
    from .interaction_model import handled_intents  # only for an intent none of the above names

    kind = getattr(ev, intent_name.removesuffix("Intent"), None) if intent_name.endswith("Intent") else None
    if isinstance(kind, type) and issubclass(kind, ev.Event) and not kind.fields and intent_name in handled_intents():
        return kind()
    return None
