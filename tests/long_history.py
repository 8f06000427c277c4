"""A couple with two years of daily evenings (tests/fixtures/two-years.*, written by the version before
the bounded record) and what the skill says to them: the same scenarios, replayed on any store."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from alexa_support import said

from benchmarks.evenings import phase
from skill.alexa.envelopes import Device
from skill.alexa.invoke import Invoker
from skill.alexa.skill import build_skill
from skill.journeys import load_library

FIXTURES = Path(__file__).parent / "fixtures"
USER = "amzn1.ask.account.TWOYEARS"
# (when, requests): "launch", an intent name, or "+Intent" for an intent that opens a new session;
# "evening": on through the next day to its check-in (score 4), as the couple would.
SCENARIOS: dict[str, tuple[str, list[str]]] = {
    "later the same evening": ("2025-12-30T22:00:00", ["launch", "ProgressIntent", "AMAZON.NoIntent"]),
    "the next morning, one shot": ("2025-12-31T09:00:00", ["+ProgressIntent"]),
    "the next evening": ("2025-12-31T20:00:00", ["launch", "ProgressIntent", "evening", "+ProgressIntent"]),
    "after four days away": ("2026-01-04T20:00:00", ["launch", "ProgressIntent", "AMAZON.NoIntent",
                                                     "+ProgressIntent"]),
}


def seed_sqlite(path: Path) -> None:
    """The two-year record exactly as the earlier version left it in its SQLite file."""
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE progress (id TEXT PRIMARY KEY, revision INTEGER NOT NULL, body TEXT NOT NULL)")
    body = (FIXTURES / "two-years.sqlite.json").read_text(encoding="utf-8")
    db.execute("INSERT INTO progress VALUES (?, ?, ?)", (USER, json.loads(body)["revision"], body))
    db.commit()
    db.close()


def seed_dynamodb(client, table: str) -> None:
    """The two-year record exactly as the earlier version left it in DynamoDB (its raw item)."""
    item = json.loads((FIXTURES / "two-years.dynamodb.json").read_text(encoding="utf-8"))
    client.put_item(TableName=table, Item={**item, "id": {"S": USER}})


def replies(journeys: Path, store) -> dict[str, list[str]]:
    """What the couple hears in each scenario, each starting from the stored two-year record."""
    invoker = Invoker(build_skill(load_library(journeys), store, skill_id=""))
    heard: dict[str, list[str]] = {}
    for name, (when, steps) in SCENARIOS.items():
        device = Device(user_id=USER, now=datetime.fromisoformat(when).replace(tzinfo=UTC))
        heard[name] = []
        for step in steps:
            if step == "evening":
                heard[name].extend(_to_the_end_of_the_day(invoker, device))
                continue
            envelope = device.launch() if step == "launch" else device.intent(step.lstrip("+"),
                                                                             new_session=step.startswith("+"))
            response = invoker.handle(envelope)
            device.heard(response)
            device.wait(30)
            heard[name].append(said(response))
    return heard


def _to_the_end_of_the_day(invoker: Invoker, device: Device) -> list[str]:
    texts, envelope = [], device.intent("AMAZON.YesIntent")
    for _ in range(40):
        response = invoker.handle(envelope)
        device.heard(response)
        device.wait(300)
        texts.append(said(response))
        now = phase(response)
        if response["response"].get("shouldEndSession", True) is not False:
            return texts
        envelope = device.intent("CheckInIntent", {"score": "4"}) if now == "check_in" else \
            device.intent("AMAZON.NoIntent") if now == "reminder_offer" else device.intent("AMAZON.NextIntent")
    raise AssertionError("the evening did not end")
