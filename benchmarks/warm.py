"""Warm latency: one more request to a skill that is already loaded, against the hello-world skill.
Goals: a step that saves progress (next) at most 3.0x; one that does not (repeat, help) at most 2.5x —
a few tenths of a millisecond, far below anything a couple could hear (decision 22).

The baseline is the SDK's own Lambda handler for the hello-world skill; both read the event with the
SDK's DefaultSerializer, so what is left is the cost of our own logic.

Each "next" starts from the same mid-evening session (a fresh account each time, so every save is a
real first write rather than a conflict), on a real SQLite file.
"""

from __future__ import annotations

import copy
import itertools

from skill.alexa.envelopes import Device
from skill.alexa.invoke import Invoker
from skill.alexa.skill import build_skill
from skill.journeys import load_library
from skill.progress.store import open_store

from . import hello_skill
from .support import ROOT, scratch_db
from .timing import interleaved_medians, row

REPEAT = 300


def mid_evening(invoker: Invoker) -> Device:
    """A session in the sentence prompts: launched, named, the lesson heard, the first prompt played."""
    device = Device()
    for envelope in (device.launch(), device.intent("SetNamesIntent", {"firstName": "Sam", "secondName": "Alex"})):
        device.heard(invoker.handle(envelope))
        device.wait(600)
    device.heard(invoker.handle(device.intent("AMAZON.NextIntent")))
    device.wait(600)
    return device


def main() -> None:
    print("warm latency: one request to a loaded skill (median of interleaved runs)")
    ours = Invoker(build_skill(load_library(ROOT / "journeys"), open_store(scratch_db()), skill_id=""))
    device = mid_evening(ours)
    accounts = itertools.count()
    templates = {name: device.intent(intent) for name, intent in
                 (("next", "AMAZON.NextIntent"), ("repeat", "AMAZON.RepeatIntent"), ("help", "AMAZON.HelpIntent"))}

    def fresh(name: str) -> dict:
        envelope = copy.deepcopy(templates[name])
        account = f"amzn1.ask.account.BENCH{next(accounts)}"
        envelope["session"]["user"]["userId"] = envelope["context"]["System"]["user"]["userId"] = account
        return envelope

    launch = Device().launch()
    prepared = {name: [fresh(name) for _ in range(REPEAT + 1)] for name in templates}
    cursor = dict.fromkeys(templates, 0)

    def run(name: str):
        def call():
            envelope = prepared[name][cursor[name]]
            cursor[name] += 1
            return ours.handle(envelope)
        return call

    medians = interleaved_medians({"hello": lambda: hello_skill.lambda_handler(launch, None),
                                   "next": run("next"),
                                   "repeat": run("repeat"), "help": run("help")}, repeat=REPEAT)
    base = medians["hello"]
    print(row("hello-world LaunchRequest (baseline)", base, base))
    print(row("next: a step that saves progress", medians["next"], base, 3.0))
    print(row("repeat: no save", medians["repeat"], base, 2.5))
    print(row("help: no save", medians["help"], base, 2.5))


if __name__ == "__main__":
    main()
