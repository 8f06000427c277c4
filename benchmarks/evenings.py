"""A couple who have stayed: a library of long journeys and real evenings through the skill, one a day.

Shared by the record-size benchmark and the fixture of a two-year record (tests/fixtures). Each evening
goes through the skill as Alexa would send it: launch, yes, next until the check-in, a check-in score,
no to a reminder; the device's clock moves on a day.
"""

from __future__ import annotations

import json
from pathlib import Path

from skill.alexa.envelopes import Device
from skill.alexa.invoke import Invoker

JOURNEY_DAYS = (400, 400)  # two long journeys: a couple at two years is well into the second


def long_library(folder: Path) -> Path:
    """Journeys long enough for years of evenings: each day a short lesson, one prompt, one question."""
    folder.mkdir(parents=True, exist_ok=True)
    for n, days in enumerate(JOURNEY_DAYS, 1):
        text = [f"---\ntitle: Year {n}\nduration: {days} days\ncategory: Connection\nsequence: {n}\n---\n"]
        for day in range(1, days + 1):
            text.append(f"## Day {day}: Evening {day}\n\n### Today's Learning\n\nA short lesson for evening {day}.\n\n"
                        f"### Today's Activity\n\n- \"Tonight I noticed...\"\n\n### Reflection Questions\n\n"
                        f"1. What stayed with you?\n")
        (folder / f"year-{n}.md").write_text("\n".join(text), encoding="utf-8")
    return folder


def phase(response: dict) -> str:
    mine = (response.get("sessionAttributes") or {}).get("coupleJourneys")
    return json.loads(mine).get("conversation", {}).get("phase", "") if mine else ""


def evening(invoker: Invoker, device: Device, number: int) -> None:
    """One evening: the next day from launch to check-in (names on the first), then a day later."""
    device.now = device.now.replace(hour=20, minute=0, second=0, microsecond=0)
    response = invoker.handle(device.launch())
    for _ in range(60):
        device.heard(response)
        device.wait(300)
        now = phase(response)
        if now in ("", "closed") or response["response"].get("shouldEndSession", True) is not False:
            break
        if now == "names":
            envelope = device.intent("SetNamesIntent", {"firstName": "Sam", "secondName": "Alex"})
        elif now == "check_in":
            envelope = device.intent("CheckInIntent", {"score": str(number % 5 + 1)})
        elif now in ("reminder_offer", "revisit"):
            envelope = device.intent("AMAZON.NoIntent")
        elif now in ("offer", "next_journey", "returning"):
            envelope = device.intent("AMAZON.YesIntent")
        else:
            envelope = device.intent("AMAZON.NextIntent")
        response = invoker.handle(envelope)
    else:
        raise AssertionError(f"evening {number} did not end")
    device.heard(response)
    device.now = device.now.replace(hour=20) + __import__("datetime").timedelta(days=1)
