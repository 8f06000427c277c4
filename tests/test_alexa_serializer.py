"""CachedSerializer gives exactly what the ASK SDK's DefaultSerializer gives — the same model objects from
every envelope (or the same error), from mutated envelopes, and the same JSON for every response — and takes
its fast path for every envelope the SDK can read. The envelopes: those built with the SDK's own models
(tests/sdk_envelopes.py), and the shared corpus of real ones when it sits beside the project."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime, timedelta, timezone

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope
from conftest import ROOT, SHARED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sdk_envelopes import generated

from skill.alexa.envelopes import Device
from skill.alexa.serializer import CachedSerializer
from skill.alexa.skill import build_skill
from skill.journeys import load_library
from skill.progress.store import open_store

FILES = sorted((SHARED / "alexa-requests").glob("*.json"))
ENVELOPES = {**generated(), **{f"shared-{p.stem}": p.read_text(encoding="utf-8") for p in FILES}}
SDK_CANNOT_READ = 4 if FILES else 0  # real ones: bad timestamps, an unknown request type, a directive without a type


def both(text: str):
    """(result or error text) from the SDK's serializer and from ours."""
    out = []
    for serializer in (DefaultSerializer(), CachedSerializer()):
        try:
            out.append(serializer.deserialize(text, RequestEnvelope))
        except Exception as exc:
            out.append(f"{type(exc).__name__}: {exc}")
    return out


@pytest.mark.parametrize("name", list(ENVELOPES))
def test_every_envelope_reads_as_the_sdk_reads_it(name):
    sdk, ours = both(ENVELOPES[name])
    assert ours == sdk
    if not isinstance(sdk, str):
        assert CachedSerializer().serialize(ours) == DefaultSerializer().serialize(sdk)


def test_the_fast_path_reads_every_envelope_the_sdk_can_read():
    """Without this, a reader that always fell back to the SDK would pass the comparisons above."""
    serializer, fast = CachedSerializer(), 0
    for text in ENVELOPES.values():
        data = json.loads(text)
        try:
            serializer.read(data, RequestEnvelope)
            fast += 1
        except Exception:
            pass
    assert fast == len(ENVELOPES) - SDK_CANNOT_READ


@pytest.mark.parametrize("stamp", ["2026-09-04T15:17:53Z", "2026-09-04T15:17:53.7548306Z", "2026-09-04T15:17:53.5Z",
                                   "2026-09-04T15:17:53+02:00", "2026-09-04T15:17:53", "2026-09-04T15:17:53.123-05:30"])
def test_timestamps_read_as_dateutil_reads_them(stamp):
    envelope = {"version": "1.0", "request": {"type": "LaunchRequest", "requestId": "r", "timestamp": stamp}}
    sdk, ours = both(json.dumps(envelope))
    assert ours.request.timestamp == sdk.request.timestamp
    assert ours.request.timestamp.utcoffset() == sdk.request.timestamp.utcoffset()
    assert CachedSerializer().read(envelope, RequestEnvelope) == ours  # taken on the fast path


LEAVES = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.floats(allow_nan=False, width=32),
                   st.sampled_from(["", "x", "IntentRequest", "LaunchRequest", "2020-02-30T00:00:00Z",
                                    "2020-01-01T00:00:00Z", "NONE", "ER_SUCCESS_MATCH"]),
                   st.lists(st.integers(0, 3), max_size=2), st.dictionaries(st.sampled_from(["type", "name", "a"]),
                                                                              st.text(max_size=3), max_size=2))


def paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from paths(v, (*prefix, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from paths(v, (*prefix, i))


def replaced(value, path, new):
    if not path:
        return new
    out = copy.copy(value)
    out[path[0]] = replaced(value[path[0]], path[1:], new)
    return out


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_mutated_envelopes_read_as_the_sdk_reads_them(data):
    envelope = json.loads(ENVELOPES[data.draw(st.sampled_from(sorted(ENVELOPES)))])
    for _ in range(data.draw(st.integers(1, 3))):
        path = data.draw(st.sampled_from(list(paths(envelope))))
        if path and isinstance(path[-1], str) and data.draw(st.booleans()):  # drop the key
            parent = envelope
            for key in path[:-1]:
                parent = parent[key]
            envelope = replaced(envelope, path[:-1], {k: v for k, v in parent.items() if k != path[-1]})
        else:
            envelope = replaced(envelope, path, data.draw(LEAVES))
    sdk, ours = both(json.dumps(envelope))
    assert ours == sdk
    if not isinstance(sdk, str):
        assert CachedSerializer().serialize(ours) == DefaultSerializer().serialize(sdk)


@pytest.mark.parametrize("screen", [False, True], ids=["voice", "screen"])
def test_every_response_of_an_evening_writes_as_the_sdk_writes_it(tmp_path, screen):
    skill = build_skill(load_library(ROOT / "journeys"), open_store(f"sqlite:///{tmp_path / 'p.db'}"), skill_id="")
    ours, sdk = CachedSerializer(), DefaultSerializer()
    device = Device(screen=screen, now=datetime(2026, 11, 22, 20, tzinfo=UTC))
    steps = [device.launch, lambda: device.intent("SetNamesIntent", {"firstName": "Sam", "secondName": "Alex"})]
    steps += [lambda name=name: device.intent(name) for name in ["AMAZON.NextIntent", "AMAZON.RepeatIntent",
                                                       "AMAZON.HelpIntent", "AMAZON.NextIntent", "AMAZON.PauseIntent"]]
    steps += [device.launch, lambda: device.intent("AMAZON.StopIntent")]
    written = screens = 0
    for step in steps:
        envelope = ours.from_data(step(), RequestEnvelope)
        response = skill.invoke(request_envelope=envelope, context=None)
        out = ours.serialize(response)
        assert out == sdk.serialize(response)
        assert json.dumps(out) == json.dumps(sdk.serialize(response))  # same keys in the same order
        written += bool(out["response"].get("outputSpeech"))
        screens += "Alexa.Presentation.APL.RenderDocument" in json.dumps(out.get("response"))
        device.heard(out)
        device.wait(timedelta(minutes=3).total_seconds())
    assert written == len(steps)
    assert (screens > 0) == screen  # the APL directives were written too


def test_a_non_utc_zone_survives_a_round_trip():
    stamp = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=-5)))
    request = {"type": "LaunchRequest", "requestId": "r", "timestamp": stamp.isoformat()}
    read = CachedSerializer().read({"version": "1.0", "request": request}, RequestEnvelope)
    assert read.request.timestamp == stamp
    assert CachedSerializer().serialize(read)["request"]["timestamp"] == stamp.isoformat()
