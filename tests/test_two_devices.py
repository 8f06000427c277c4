"""Two Echo devices of one account, their sessions interleaved at random, on both stores, through
lambda_handler: every completed day is kept, a setting changed on one device stays changed, neither
session jumps into the other's day, and an erase on one is never undone by the other."""

from __future__ import annotations

import json
import random
from datetime import UTC, datetime, timedelta

import pytest
from alexa_support import checked, fresh_lambda, said

from skill.alexa.envelopes import Device
from skill.progress.store import load_progress, open_store

RUNS = 12  # interleavings per store
USER = "amzn1.ask.account.TWODEVICES"
J1, J2 = "deepening-intimacy", "everyday-appreciation"


class Couple:
    """Two devices on one clock: each request is stamped after the one before it, whichever device."""

    def __init__(self, handler, seed: int):
        self.handler = handler
        self.rng = random.Random(seed)
        self.clock = datetime(2026, 11, 22, 20, 0, tzinfo=UTC)
        self.devices = {"A": Device(user_id=USER), "B": Device(user_id=USER)}
        self.heard: dict[str, list[str]] = {"A": [], "B": []}
        self.after_each = lambda: None  # a check of the stored record after every request

    def send(self, who: str, intent: str, slots: dict | None = None, gap: int | None = None) -> str:
        self.clock += timedelta(seconds=gap or self.rng.choice([3, 40, 400]))
        device = self.devices[who]
        device.now = self.clock
        envelope = device.launch() if intent == "launch" else device.intent(intent, slots)
        response = checked(self.handler(envelope, None))
        device.heard(response)
        text = said(response)
        self.heard[who].append(text)
        self.after_each()
        return text

    def place(self, who: str) -> str | None:
        """The journey of the place this device's session holds."""
        raw = self.devices[who].attributes.get("coupleJourneys")
        position = json.loads(raw)["progress"]["position"] if raw else None
        return position["journey_id"] if position else None


def evening(couple: Couple, who: str, journey: str, extra: list[tuple[str, dict]], erased: bool = False):
    """One device's evening as a generator of steps: launch, (switch journey), the day, the check-in.
    Unless the other device erased everything, its place stays in its own journey throughout."""
    couple.send(who, "launch")
    yield
    if journey == J2:
        couple.send(who, "ChooseJourneyIntent", {"journey": "Everyday Appreciation"})
        yield
        couple.send(who, "AMAZON.YesIntent")
        yield
    for intent, slots in extra:
        couple.send(who, intent, slots)
        yield
    for _ in range(15):
        if "how connected" in couple.send(who, "AMAZON.NextIntent").lower():
            break
        assert erased or couple.place(who) == journey, f"{who} jumped out of its own evening"
        yield
    # once the check-in question has been heard: a number said over the discussion before it is no answer
    couple.send(who, "CheckInIntent", {"score": "4" if who == "A" else "5"}, gap=600)


def interleave(couple: Couple, *steps) -> None:
    running = list(steps)
    while running:
        current = couple.rng.choice(running)
        try:
            next(current)
        except StopIteration:
            running.remove(current)


def setup_couple(seed: int) -> Couple:
    couple = Couple(fresh_lambda().lambda_handler, seed)
    couple.send("A", "launch")
    couple.send("A", "SetNamesIntent", {"firstName": "Sam", "secondName": "Alex"})
    couple.send("A", "AMAZON.StopIntent")
    couple.clock += timedelta(days=1)
    return couple


@pytest.mark.parametrize("seed", range(RUNS))
def test_two_evenings_at_once_lose_nothing_and_stay_apart(store_url, seed):
    couple = setup_couple(seed)
    a = evening(couple, "A", J1, [("SetTurnLengthIntent", {"duration": "PT90S"})])
    next(a)  # A opens first, on the journey they were on; B then switches to another

    def turn_never_reverts():
        said_by_a = " ".join(couple.heard["A"])
        if "Each turn is now" in said_by_a:
            assert load_progress(open_store(store_url), USER).turn_seconds == 90

    couple.after_each = turn_never_reverts
    interleave(couple, a, evening(couple, "B", J2, []))
    stored = load_progress(open_store(store_url), USER)
    assert stored.days_done(J1) == {1} and stored.days_done(J2) == {1}  # both completions kept
    assert stored.turn_seconds == 90  # set on A; B's later steps did not revert it
    assert stored.names == ["Sam", "Alex"]
    assert not any("Everyday Appreciation" in text for text in couple.heard["A"][1:]
                   if "Next time, you can begin" not in text)


@pytest.mark.parametrize("seed", range(RUNS // 2))
def test_names_changed_on_one_device_stay_changed(store_url, seed):
    couple = setup_couple(seed)
    a = evening(couple, "A", J1, [])
    next(a)
    interleave(couple, a, evening(couple, "B", J2, [("SetNamesIntent", {"firstName": "Robin", "secondName": "Kai"}),
                                                       ("AMAZON.YesIntent", {})]))  # yes: use the new names
    assert load_progress(open_store(store_url), USER).names == ["Robin", "Kai"]


@pytest.mark.parametrize("seed", range(RUNS // 2))
def test_an_erase_on_one_device_is_not_undone_by_the_other(store_url, seed):
    couple = setup_couple(seed)
    b = evening(couple, "B", J2, [], erased=True)
    for _ in range(couple.rng.randint(1, 4)):
        next(b)  # B is in the middle of its evening
    couple.send("A", "launch")
    couple.send("A", "ResetProgressIntent")
    assert "Everything is erased" in couple.send("A", "AMAZON.YesIntent")
    for _ in b:
        pass  # B carries on to the end of its session, saving as it goes
    stored = load_progress(open_store(store_url), USER)
    assert stored.names == [] and stored.erased and stored.turn_seconds == 60  # nothing from before came back
    assert all(c.on == "2026-11-23" for c in stored.recent())  # only what B did after the erase
    assert "Welcome to Couple Journeys" in couple.send("A", "launch")
