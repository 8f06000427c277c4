"""The couple's local dates: the device's time zone from the Alexa Settings API (a local stand-in here),
looked up at most weekly, and UTC whenever it cannot be had."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from alexa_support import checked, said

from skill.alexa.envelopes import Device
from skill.alexa.invoke import Invoker
from skill.alexa.local_time import lookup, zone
from skill.alexa.skill import build_skill
from skill.journeys import load_library
from skill.progress.store import load_progress, open_store
from skill.rehearsal.settings_api import SettingsApi


@pytest.fixture
def api(monkeypatch):
    monkeypatch.setenv("ALEXA_TIMEZONE_LOOKUP", "on")
    server = SettingsApi("America/Los_Angeles")
    yield server
    server.close()


def evening(invoker: Invoker, device: Device) -> None:
    """Day 1 of the seed journey, start to finish."""
    device.heard(checked(invoker.handle(device.launch())))
    device.heard(checked(invoker.handle(device.intent("AMAZON.NoIntent"))))
    while device.session_id is not None:
        device.wait(600)
        response = checked(invoker.handle(device.intent("AMAZON.NextIntent")))
        device.heard(response)


def run(tmp_path, endpoint: str, token: str | None) -> tuple[str, object]:
    store = open_store(f"sqlite:///{tmp_path / 'p.db'}")
    invoker = Invoker(build_skill(load_library(), store, skill_id=""))
    # 3 pm in California is 23:00 UTC; their next evening session, at 9:30 pm, is already tomorrow in UTC
    device = Device(now=datetime(2026, 11, 22, 23, 0, tzinfo=UTC), api_endpoint=endpoint, api_token=token)
    evening(invoker, device)
    device.now = datetime(2026, 11, 23, 5, 30, tzinfo=UTC)
    text = said(checked(invoker.handle(device.launch())))
    return text, load_progress(store, device.user_id)


def test_same_local_evening_is_recognised_in_the_couples_time_zone(api, tmp_path):
    text, progress = run(tmp_path, api.endpoint, "token")
    assert progress.timezone == "America/Los_Angeles" and progress.timezone_checked
    assert progress.recent()[0].on == "2026-11-22"  # their date, not UTC's
    assert "every day written so far" in text


def test_without_the_lookup_dates_are_utc(tmp_path):
    _, progress = run(tmp_path, "http://127.0.0.1:9", "token")  # lookup off in tests by default
    # the evening ended at 00:10 UTC: in UTC that is already the next day, in California it is not
    assert progress.timezone == "" and progress.recent()[0].on == "2026-11-23"


def test_lookup_happens_at_most_weekly(api, tmp_path, monkeypatch):
    calls = []
    original = lookup

    def counting(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr("skill.alexa.local_time.lookup", counting)
    run(tmp_path, api.endpoint, "token")
    assert len(calls) == 1  # first session only; the second launch found it fresh in the progress


def test_a_failing_or_absent_api_means_utc_and_no_delay(monkeypatch):
    monkeypatch.setenv("ALEXA_TIMEZONE_LOOKUP", "on")
    started = datetime.now(UTC)
    assert lookup("http://127.0.0.1:9", "token", "device") is None
    assert lookup(None, "token", "device") is None
    assert (datetime.now(UTC) - started).total_seconds() < 2
    assert zone("Not/A_Zone") is UTC and zone("") is UTC
