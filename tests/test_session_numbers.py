"""Numbers that come back from the device: a tampered session attribute may hold any number (2**63,
1e300, -1) in any numeric field. Each is range-checked where it enters, the step that saves still
saves, and a store never raises anything but StoreError. Hypothesis, through lambda_handler."""

from __future__ import annotations

import contextlib
import json
import uuid

import pytest
from alexa_support import checked, fresh_lambda, said
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from skill.alexa.envelopes import Device
from skill.progress.record import Progress
from skill.progress.store import StoreError, load_progress, open_store

EDGES = [2**63, 2**63 - 1, 2**64, -(2**63) - 1, 10**30, 10**400, 1e300, -1e300, 1e-300, 2.5, -1, 0]
number = st.sampled_from(EDGES) | st.integers() | st.floats(allow_nan=False, allow_infinity=False)
PLACES = ["revision", "turn_seconds", "day", "completed", "checkin", "archived", "extra", "length", "timeline"]
CASES = settings(max_examples=120, deadline=None, derandomize=True,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def skill(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('numbers') / 'p.db'}"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PROGRESS_STORE", url)
        yield fresh_lambda().lambda_handler, url
    fresh_lambda()


def tamper(mine: dict, place: str, value) -> None:
    progress, conversation = mine["progress"], mine["conversation"]
    if place in ("revision", "turn_seconds"):
        progress[place] = value
    elif place == "day":
        progress["position"] = {**(progress.get("position") or {"segment": "learning"}),
                                "journey_id": "deepening-intimacy", "day": value}
    elif place in ("completed", "checkin"):
        progress["completed"] = {"deepening-intimacy": [{"day": value if place == "completed" else 1,
                                                         "on": "2026-11-20", "checkin": value}]}
    elif place == "archived":
        mine["archived"] = [value, value, value]
    elif place == "extra":
        progress["from_a_newer_version"] = {"count": value, "list": [value]}
    elif place == "length":
        conversation["length"] = value
    else:
        conversation["timeline"] = [[value, "x"]]


@CASES
@given(place=st.sampled_from(PLACES), value=number)
def test_any_number_in_the_session_still_saves(skill, place, value):
    handler, url = skill
    device = Device(user_id=f"amzn1.ask.account.{uuid.uuid4()}")
    device.heard(checked(handler(device.launch(), None)))
    device.heard(checked(handler(device.intent("SetNamesIntent", {"firstName": "Sam", "secondName": "Alex"}),
                                 None)))
    mine = json.loads(device.attributes["coupleJourneys"])
    tamper(mine, place, value)
    mine["dirty"] = True  # so "stop" saves the tampered copy
    device.attributes = {"coupleJourneys": json.dumps(mine)}
    device.wait(30)
    stop = said(checked(handler(device.intent("AMAZON.StopIntent"), None)))
    assert "sorry" not in stop.lower(), stop
    stored = load_progress(open_store(url), device.user_id)
    assert stored.names == ["Sam", "Alex"] and 0 < stored.revision < 10**15


def test_2_to_the_63_in_the_session_is_not_an_apology(skill):
    test_any_number_in_the_session_still_saves.hypothesis.inner_test(skill, "revision", 2**63)


@pytest.mark.parametrize("kind", ["sqlite", "dynamodb"])
def test_a_store_raises_nothing_but_store_error(request, tmp_path, kind):
    if kind == "dynamodb":
        request.getfixturevalue("dynamo")
        store = open_store("dynamodb://Progress")
    else:
        store = open_store(f"sqlite:///{tmp_path / 'p.db'}")
    record = Progress(names=["Sam", "Alex"]).to_dict()
    for value in (2**63, 10**400, 1e300, float("inf")):
        for revision, odd in ((value, 1), (1, value)):
            with contextlib.suppress(StoreError):  # refused, as a store may: never anything else
                store.save(f"u{value}", {**record, "revision": revision, "odd": odd}, 0)
    assert store.load("nobody") is None
