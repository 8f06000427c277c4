"""Store faults through real parts: lambda_handler → boto3 → a fault-injecting TCP proxy → the
DynamoDB-compatible server over HTTP. Nothing the couple did is lost, nothing unsaved is called saved,
an outage at launch is not a new couple, and every reply comes within 4 s even when the store hangs."""

from __future__ import annotations

import json
import time

import pytest
from alexa_support import checked, fresh_lambda, said
from fault_proxy import FaultProxy

from skill.alexa.envelopes import Device
from skill.language import catalog
from skill.progress.record import Position
from skill.progress.store import StoreError, load_progress, open_store

REPLY_SECONDS = 4.0

SAVED_NOW, NOT_SAVED, UNREACHABLE = (catalog("en-US")(f"apology.{k}")
                                     for k in ("saved_now", "not_saved_final", "unreachable"))


@pytest.fixture
def proxy(dynamo, monkeypatch):
    with FaultProxy(dynamo.url) as p:
        monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", p.url)
        yield p


def ask(handler, device: Device, intent: str, slots: dict | None = None, wait: float = 600) -> dict:
    device.wait(wait)
    started = time.monotonic()
    response = checked(handler(device.intent(intent, slots), None))
    assert time.monotonic() - started < REPLY_SECONDS
    device.heard(response)
    return response


def launch(handler, device: Device) -> dict:
    started = time.monotonic()
    response = checked(handler(device.launch(), None))
    assert time.monotonic() - started < REPLY_SECONDS
    device.heard(response)
    return response


def to_checkin(handler, device: Device) -> None:
    launch(handler, device)
    ask(handler, device, "SetNamesIntent", {"firstName": "Sam", "secondName": "Alex"})
    for _ in range(12):
        if "how connected" in said(ask(handler, device, "AMAZON.NextIntent")).lower():
            return
    raise AssertionError("never reached the check-in")


def stored(dynamo, device: Device):
    return load_progress(open_store("dynamodb://Progress"), device.user_id)


@pytest.mark.parametrize("fault", ["refuse", "hang"])
def test_a_completed_day_is_never_lost_or_called_saved_while_the_store_is_down(proxy, dynamo, fault):
    handler = fresh_lambda().lambda_handler
    device = Device()
    to_checkin(handler, device)
    proxy.mode = fault
    r = ask(handler, device, "CheckInIntent", {"score": "4"})
    assert "couldn't save" in said(r) and "complete" not in said(r)
    assert r["response"]["shouldEndSession"] is False  # the session stays open to try again
    r = ask(handler, device, "AMAZON.YesIntent", wait=5)  # still down: asked again, still honest
    assert "couldn't save" in said(r) and r["response"]["shouldEndSession"] is False
    proxy.mode = "pass"
    r = ask(handler, device, "AMAZON.YesIntent", wait=5)
    assert said(r) == SAVED_NOW and r["response"]["shouldEndSession"] is True
    assert stored(dynamo, device).days_done("deepening-intimacy") == {1}
    assert stored(dynamo, device).recent()[0].checkin == 4
    again = said(launch(handler, device))
    assert "Welcome back, Sam and Alex" in again and "Picking up Day 1" not in again


def test_declining_to_retry_says_plainly_it_was_not_saved(proxy):
    handler = fresh_lambda().lambda_handler
    device = Device()
    to_checkin(handler, device)
    proxy.mode = "refuse"
    ask(handler, device, "CheckInIntent", {"score": "5"})
    r = ask(handler, device, "AMAZON.NoIntent", wait=5)
    assert said(r) == NOT_SAVED and r["response"]["shouldEndSession"] is True


def test_stop_during_an_outage_is_not_called_saved_and_the_place_survives(proxy, dynamo):
    handler = fresh_lambda().lambda_handler
    device = Device()
    launch(handler, device)
    ask(handler, device, "SetNamesIntent", {"firstName": "Sam", "secondName": "Alex"})
    ask(handler, device, "AMAZON.NextIntent")
    ask(handler, device, "AMAZON.NextIntent")
    proxy.mode = "refuse"
    r = ask(handler, device, "AMAZON.StopIntent")
    assert "Your place is saved" not in said(r) and "couldn't save" in said(r)
    kept = json.loads(device.attributes["coupleJourneys"])["progress"]["position"]  # where they stopped
    proxy.mode = "pass"
    r = ask(handler, device, "AMAZON.YesIntent", wait=5)
    assert said(r) == SAVED_NOW
    assert stored(dynamo, device).position == Position(**kept) and kept["segment"].startswith("turn.")
    assert "Last time you were on Day 1" in said(launch(handler, device))


@pytest.mark.parametrize("fault", ["refuse", "hang"])
def test_an_outage_at_launch_is_not_a_new_couple(proxy, dynamo, fault):
    handler = fresh_lambda().lambda_handler
    device = Device()
    launch(handler, device)
    ask(handler, device, "SetNamesIntent", {"firstName": "Sam", "secondName": "Alex"})
    ask(handler, device, "SetTurnLengthIntent", {"duration": "PT150S"}, wait=5)
    ask(handler, device, "AMAZON.NextIntent")
    ask(handler, device, "AMAZON.StopIntent")
    before = stored(dynamo, device).to_dict()
    writes = dynamo.writes()
    proxy.mode = fault
    r = launch(handler, device)
    assert said(r) == UNREACHABLE and r["response"]["shouldEndSession"] is False
    r = ask(handler, device, "AMAZON.YesIntent", wait=5)
    assert said(r) == UNREACHABLE  # still down: asked again; never the names
    proxy.mode = "pass"
    r = ask(handler, device, "AMAZON.YesIntent", wait=5)
    assert "Last time you were on Day 1" in said(r) and "Sam and Alex" in said(r)
    assert dynamo.writes() == writes  # nothing was written over them
    assert stored(dynamo, device).to_dict() == before
    assert stored(dynamo, device).turn_seconds == 150


def test_no_to_retrying_at_launch_ends_with_nothing_written(proxy, dynamo):
    handler = fresh_lambda().lambda_handler
    device = Device()
    proxy.mode = "refuse"
    launch(handler, device)
    r = ask(handler, device, "AMAZON.NoIntent", wait=5)
    assert r["response"]["shouldEndSession"] is True and "try again a little later" in said(r)
    proxy.mode = "pass"
    assert dynamo.writes() == 0


def test_a_slow_store_is_waited_for(proxy, dynamo):
    handler = fresh_lambda().lambda_handler
    device = Device()
    proxy.mode = "slow"
    to_checkin(handler, device)
    r = ask(handler, device, "CheckInIntent", {"score": "3"})
    assert "That's Day 1 complete" in said(r)
    proxy.mode = "pass"
    assert stored(dynamo, device).days_done("deepening-intimacy") == {1}


def test_skill_disabled_with_the_store_down_fails_loudly_so_alexa_retries(proxy, dynamo):
    handler = fresh_lambda().lambda_handler
    device = Device(user_id="amzn1.ask.account.DISABLER")
    launch(handler, device)
    ask(handler, device, "SetNamesIntent", {"firstName": "Sam", "secondName": "Alex"})
    disabled = {"version": "1.0", "context": {"System": {"application": {"applicationId": device.application_id},
                                                         "user": {"userId": device.user_id}}},
                "request": {"type": "AlexaSkillEvent.SkillDisabled", "requestId": "r1",
                            "timestamp": "2026-11-22T20:00:00Z", "eventCreationTime": "2026-11-22T20:00:00Z"}}
    proxy.mode = "refuse"
    with pytest.raises(StoreError):
        handler(disabled, None)
    proxy.mode = "pass"
    assert stored(dynamo, device).names == ["Sam", "Alex"]  # not erased yet: the retried event will
    handler(disabled, None)
    assert stored(dynamo, device).names == [] and stored(dynamo, device).erased
