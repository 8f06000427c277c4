"""What a couple's record costs as they stay: bytes stored and DynamoDB write units of one step, and
the time of a warm saving step, for a new couple and after 30, 365 and 730 daily evenings.

The history is made by real evenings through the skill (benchmarks/evenings.py) on a SQLite file; each
age's record is then given to fresh accounts on both stores, and one mid-evening step that saves
("next", from the lesson to the activity) is timed. Write units follow DynamoDB's item size rule
(an update costs the larger of the item before and after, in 1 KB units): the moto server's
`ReturnConsumedCapacity` answers 0.5 or 1 whatever the size, so it is printed only for comparison.
Goal (issue 24): ≤ 2 KB growth from evening 30 to 365, and ≤ 2 write units a step at 730.
"""

from __future__ import annotations

import json
import math
import statistics
import tempfile
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from skill.alexa.envelopes import Device
from skill.alexa.invoke import Invoker
from skill.alexa.skill import build_skill
from skill.journeys import load_library
from skill.progress.store import open_store

from .evenings import evening, long_library
from .support import dynamodb_at

AGES = (1, 30, 365, 730)
REPEAT = 25


def item_size(value, name: str = "") -> int:
    """DynamoDB's size of an attribute (name and value) in the low-level form, by the documented rule."""
    (kind, inner), = value.items()
    size = len(name.encode())
    if kind == "S":
        return size + len(inner.encode())
    if kind == "N":
        digits = Decimal(inner).normalize().as_tuple().digits
        return size + math.ceil(len(digits) / 2) + 1
    if kind in ("BOOL", "NULL"):
        return size + 1
    if kind == "M":
        return size + 3 + sum(1 + item_size(v, k) for k, v in inner.items())
    if kind == "L":
        return size + 3 + sum(1 + item_size(v) for v in inner)
    return size + len(json.dumps(inner))


def whole_item(item: dict) -> int:
    return sum(item_size(v, k) for k, v in item.items())


def stored_item(dynamo, user: str) -> int:
    return whole_item(dynamo.client.get_item(TableName="Progress", Key={"id": {"S": user}})["Item"])


def histories(folder: Path) -> dict[int, dict]:
    """The stored record at each age, from real evenings (the SQLite body, as the store hands it back)."""
    store = open_store(f"sqlite:///{tempfile.mkdtemp(prefix='cj-bench-')}/history.db")
    invoker = Invoker(build_skill(load_library(folder), store, skill_id=""))
    device = Device(user_id="amzn1.ask.account.STAYED", now=datetime(2024, 1, 1, 20, tzinfo=UTC))
    records = {}
    for number in range(1, max(AGES) + 1):
        evening(invoker, device, number - 1)
        if number in AGES:
            records[number] = store.load(device.user_id)
    return records


def seed(store, user: str, record: dict) -> None:
    store.save(user, {**record, "revision": 1}, 0)


def mid_evening_step(invoker: Invoker, user: str, when: datetime) -> float:
    """Open the evening of `user` (launch, yes: the lesson), then time "next", a step that saves."""
    device = Device(user_id=user, now=when)
    for envelope in (device.launch, lambda: device.intent("AMAZON.YesIntent")):
        device.heard(invoker.handle(envelope()))
        device.wait(120)
    envelope = device.intent("AMAZON.NextIntent")
    start = time.perf_counter()
    invoker.handle(envelope)
    return time.perf_counter() - start


def main() -> None:
    from dynamo_server import DynamoServer

    print("record size: a couple's record and one saving step, by how many evenings they have done")
    folder = long_library(Path(tempfile.mkdtemp(prefix="cj-bench-")) / "journeys")
    started = time.perf_counter()
    records = histories(folder)
    print(f"  ({max(AGES)} evenings through the skill in {time.perf_counter() - started:.1f} s)")
    library = load_library(folder)
    sqlite = open_store(f"sqlite:///{tempfile.mkdtemp(prefix='cj-bench-')}/p.db")
    on_sqlite = Invoker(build_skill(library, sqlite, skill_id=""))
    with DynamoServer() as server, dynamodb_at(server.url):
        server.create_table("Progress")
        dynamo = open_store("dynamodb://Progress")
        on_dynamo = Invoker(build_skill(library, dynamo, skill_id=""))
        reported: list[float] = []
        dynamo.client.meta.events.register("provide-client-params.dynamodb.UpdateItem",
                                           lambda params, **_: params.update(ReturnConsumedCapacity="TOTAL"))
        dynamo.client.meta.events.register(
            "after-call.dynamodb.UpdateItem",
            lambda parsed, **_: reported.append(parsed.get("ConsumedCapacity", {}).get("CapacityUnits", 0)))
        times = {age: {"sqlite": [], "dynamo": []} for age in records}
        sizes = dict.fromkeys(records, 0)
        for n in range(-1, REPEAT):  # the ages interleaved, so machine noise falls on all alike; -1 warms up
            for age, record in records.items():
                when = datetime.fromisoformat(record["updated"]).astimezone(UTC).replace(hour=20)
                user = f"amzn1.ask.account.AGE{age}N{n}"
                seed(sqlite, user, record)
                on_file = mid_evening_step(on_sqlite, user, when)
                seed(dynamo, user, record)
                before = stored_item(dynamo, user)
                on_table = mid_evening_step(on_dynamo, user, when)
                sizes[age] = max(sizes[age], before, stored_item(dynamo, user))
                if n >= 0:
                    times[age]["sqlite"].append(on_file)
                    times[age]["dynamo"].append(on_table)
        rows = [(age, len(json.dumps(sqlite.load(f"amzn1.ask.account.AGE{age}N0"), separators=(",", ":"))),
                 sizes[age], statistics.median(times[age]["sqlite"]), statistics.median(times[age]["dynamo"]))
                for age in records]
        base = {"sqlite": rows[0][3], "dynamo": rows[0][4]}
        print(f"  {'evenings':>8} {'SQLite body':>12} {'DynamoDB item':>14} {'write units':>12}"
              f" {'step, SQLite':>16} {'step, DynamoDB':>18}")
        for age, body, item, t_sqlite, t_dynamo in rows:
            print(f"  {age:>8} {body:>10} B {item:>12} B {math.ceil(item / 1024):>12}"
                  f" {t_sqlite * 1000:>8.2f} ms {t_sqlite / base['sqlite']:4.1f}×"
                  f" {t_dynamo * 1000:>9.2f} ms {t_dynamo / base['dynamo']:4.1f}×")
        growth = rows[2][1] - rows[1][1]
        units = math.ceil(rows[-1][2] / 1024)
        print(f"  growth from evening 30 to 365: {growth} B{'  ok' if growth <= 2048 else '  MISSES goal ≤ 2 KB'};"
              f" write units at 730: {units}{'  ok' if units <= 2 else '  MISSES goal ≤ 2'}"
              f" (moto's ReturnConsumedCapacity said {sorted(set(reported))})")


if __name__ == "__main__":
    main()
