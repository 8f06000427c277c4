"""Two devices of one account in two processes at once (as two Lambda containers would be), on both
stores: their saves really race. Every completed day is kept and a turn length set on one device
survives the other's steps."""

from __future__ import annotations

import multiprocessing
import os
import random
import time
from datetime import UTC, datetime, timedelta

import pytest

from skill.language import catalog
from skill.progress.record import Progress
from skill.progress.store import load_progress, open_store, save_progress

USER = "amzn1.ask.account.TWOPROCESSES"
J1, J2 = "deepening-intimacy", "everyday-appreciation"
RUNS = 4


SAVE_LATER = catalog("en-US")("apology.not_saved")


def evening(who: str, seed: int, env: dict[str, str], failures, opened) -> None:
    """One device's whole evening, in its own process, on its own copy of the skill. B opens once A has
    (so A is on the journey they were on, and B switches to another), then both run at once."""
    try:
        os.environ.update(env)
        from alexa_support import checked, fresh_lambda, said

        from skill.alexa.envelopes import Device

        handler = fresh_lambda().lambda_handler
        rng = random.Random(seed)
        device = Device(user_id=USER)

        def send(intent: str, slots: dict | None = None, later: int = 0) -> str:
            time.sleep(rng.random() * 0.01)
            device.now = datetime.now(UTC) + timedelta(seconds=later)
            response = checked(handler(device.launch() if intent == "launch" else device.intent(intent, slots),
                                       None))
            device.heard(response)
            text = said(response)
            # under load a save may miss its deadline: said honestly, kept in the session and saved with the
            # next request (what this test holds is that nothing is lost); any other apology is a failure
            if "sorry" in text.lower() and not text.startswith(SAVE_LATER):
                failures.put(f"{who} heard: {text}")
            return text

        if who == "B":
            opened.wait(30)
        send("launch")
        opened.set()
        if who == "A":
            send("SetTurnLengthIntent", {"duration": "PT90S"})
        else:
            send("ChooseJourneyIntent", {"journey": "Everyday Appreciation"})
            send("AMAZON.YesIntent")
        for _ in range(40):  # replies come at once, as barge-ins: each "next" moves on by one step
            if "how connected" in send("AMAZON.NextIntent").lower():
                break
        # once the check-in question has been heard: a number said over the discussion before it is no answer
        text = send("CheckInIntent", {"score": "4"}, later=600)
        if "complete" not in text:
            failures.put(f"{who} did not complete the day: {text}")
    except BaseException as exc:  # reported to the parent, which fails the test
        failures.put(f"{who}: {exc!r}")


@pytest.mark.parametrize("seed", range(RUNS))
def test_two_processes_racing_lose_nothing(store_url, seed):
    store = open_store(store_url)
    save_progress(store, USER, Progress(names=["Sam", "Alex"], journey_id=J1,
                                        stamps={"names": "2026-01-01T00:00:00+00:00"}))
    env = {k: v for k, v in os.environ.items() if k.startswith(("AWS_", "PROGRESS_STORE", "ALEXA_"))}
    context = multiprocessing.get_context("fork")
    failures, opened = context.Queue(), context.Event()
    a = context.Process(target=evening, args=("A", seed, env, failures, opened))
    b = context.Process(target=evening, args=("B", seed + 100, env, failures, opened))
    a.start()
    b.start()
    for process in (a, b):
        process.join(timeout=120)
        assert process.exitcode == 0
    assert failures.empty(), failures.get()
    stored = load_progress(open_store(store_url), USER)
    assert stored.days_done(J1) == {1} and stored.days_done(J2) == {1}
    assert stored.turn_seconds == 90 and stored.names == ["Sam", "Alex"]
