"""Store round trips per request, counted at a DynamoDB-compatible server over HTTP (moto), through the
same boto3 code Lambda runs. Goals: at most 1 read per session, at most 1 write per state change, none
for repeat and help. The baseline is those goals; the table says where each request stands."""

from __future__ import annotations

from .support import compiled_journeys  # noqa: F401 - also puts tests/ on the path

STEPS = [
    ("launch (first ever)", "launch", {}),
    ("names", "SetNamesIntent", {"firstName": "Sam", "secondName": "Alex"}),
    ("repeat", "AMAZON.RepeatIntent", {}),
    ("help", "AMAZON.HelpIntent", {}),
    ("where are we", "ProgressIntent", {}),
    ("next (a state change)", "AMAZON.NextIntent", {}),
    ("next (a state change)", "AMAZON.NextIntent", {}),
    ("stop", "AMAZON.StopIntent", {}),
    ("launch (new session)", "launch", {}),
    ("repeat", "AMAZON.RepeatIntent", {}),
]
CHANGES = {"names", "next (a state change)", "stop"}


def main() -> None:
    import logging

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request would drown the table
    from dynamo_server import DynamoServer

    from skill.alexa.envelopes import Device
    from skill.alexa.invoke import Invoker
    from skill.alexa.skill import build_skill
    from skill.journeys import load_library
    from skill.progress.store import open_store

    from .support import ROOT, dynamodb_at

    print("store round trips per request, counted at a DynamoDB-compatible server over HTTP")
    with DynamoServer() as server:
        server.create_table("Progress")
        with dynamodb_at(server.url):
            invoker = Invoker(build_skill(load_library(ROOT / "journeys"), open_store("dynamodb://Progress"),
                                          skill_id=""))
            server.calls.clear()
            device = Device()
            session_reads = 0
            ok = True
            for label, intent, slots in STEPS:
                before = (server.reads(), server.writes())
                envelope = device.launch() if intent == "launch" else device.intent(intent, slots)
                if intent == "launch":
                    session_reads = 0
                device.heard(invoker.handle(envelope))
                device.wait(600)
                reads, writes = server.reads() - before[0], server.writes() - before[1]
                session_reads += reads
                allowed = 1 if label in CHANGES else 0
                fine = session_reads <= 1 and writes <= allowed
                ok &= fine
                print(f"  {label:<28} reads {reads}  writes {writes}  (allowed: reads ≤1 per session, "
                      f"writes ≤{allowed}){'' if fine else '  MISSES'}")
            print(f"  {'all within the goals' if ok else 'SOME REQUESTS MISS THE GOALS'}")


if __name__ == "__main__":
    main()
