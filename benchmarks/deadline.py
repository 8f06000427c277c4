"""Reply time when the store fails: the worst case of requests that read and that write progress, with
the DynamoDB-compatible server behind a fault-injecting proxy (healthy, slow, refusing, hanging), through
the same boto3 code Lambda runs. Goal: every reply within 4 s (Alexa waits about 8 s). The baseline is
the same request against the healthy store."""

from __future__ import annotations

import time

from .support import ROOT, dynamodb_at  # also puts tests/ on the path

GOAL_SECONDS = 4.0
ROUNDS = 3


def main() -> None:
    import logging

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    logging.getLogger("skill").setLevel(logging.CRITICAL)  # the failures are the point: no log per request
    from dynamo_server import DynamoServer
    from fault_proxy import FaultProxy

    from skill.alexa.envelopes import Device
    from skill.alexa.invoke import Invoker
    from skill.alexa.skill import build_skill
    from skill.journeys import load_library
    from skill.progress.store import open_store

    print(f"reply time with a failing store (worst of {ROUNDS}; goal: every reply within {GOAL_SECONDS:.0f} s)")
    with DynamoServer() as server, FaultProxy(server.url) as proxy:
        server.create_table("Progress")
        with dynamodb_at(proxy.url):
            invoker = Invoker(build_skill(load_library(ROOT / "journeys"), open_store("dynamodb://Progress"),
                                          skill_id=""))

            def worst(mode: str) -> tuple[float, float]:
                """(launch: one read, names: one write) — the slowest of a few rounds."""
                reads, writes = [], []
                for _ in range(ROUNDS):
                    proxy.mode = "pass"
                    device = Device(user_id=f"amzn1.ask.account.BENCH{time.monotonic_ns()}")
                    device.heard(invoker.handle(device.launch()))
                    proxy.mode = mode
                    started = time.perf_counter()
                    invoker.handle(Device(user_id=device.user_id).launch())
                    reads.append(time.perf_counter() - started)
                    started = time.perf_counter()
                    invoker.handle(device.intent("SetNamesIntent", {"firstName": "Sam", "secondName": "Alex"}))
                    writes.append(time.perf_counter() - started)
                return max(reads), max(writes)

            base_read, base_write = worst("pass")
            ok = True
            for mode in ("pass", "slow", "refuse", "hang"):
                read, write = (base_read, base_write) if mode == "pass" else worst(mode)
                for label, value, base in (("launch (reads)", read, base_read), ("names (writes)", write, base_write)):
                    fine = value <= GOAL_SECONDS
                    ok &= fine
                    print(f"  {mode:<7} {label:<16} {value * 1000:8.0f} ms   {value / base:7.1f}× healthy"
                          f"{'  ok' if fine else '  MISSES the 4 s goal'}")
            print(f"  {'every reply within the goal' if ok else 'SOME REPLIES MISS THE GOAL'}")


if __name__ == "__main__":
    main()
