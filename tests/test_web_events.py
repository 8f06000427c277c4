"""Skill events on the self-hosted endpoint, over real HTTP with real signatures: Amazon's verifiers accept an
`AlexaSkillEvent.*` up to an hour old (ordinary requests: 150 s), and a request id counts as answered only
once it was answered with a 2xx, so Alexa's redelivery after a 503 is answered, not called a replay."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta

import pytest
from conftest import ROOT
from test_web import GOOD_URL, ChainServer, ca, launch_body, post, refused  # noqa: F401 (ca: a fixture)
from werkzeug.serving import make_server

from skill.alexa.invoke import Invoker
from skill.alexa.skill import build_skill
from skill.alexa.verify import Verifier
from skill.journeys import load_library
from skill.progress.record import Progress
from skill.progress.store import StoreError, load_progress, open_store, save_progress
from skill.web import create_app

USER = "amzn1.ask.account.LEAVING"


class FlakyStore:
    """A real SQLite store that can be switched off, as a store that is down for a while."""

    def __init__(self, url: str):
        self.inner = open_store(url)
        self.down = False

    def load(self, user_id):
        if self.down:
            raise StoreError("down for a while")
        return self.inner.load(user_id)

    def save(self, user_id, record, expected_revision):
        if self.down:
            raise StoreError("down for a while")
        return self.inner.save(user_id, record, expected_revision)


@pytest.fixture
def events(ca, tmp_path):  # noqa: F811
    chains = ChainServer()
    signer = ca.signer()
    chains.files["/echo.api/echo-api-cert.pem"] = signer.chain_pem
    store = FlakyStore(f"sqlite:///{tmp_path / 'p.db'}")
    save_progress(store.inner, USER, Progress(names=["Sam", "Alex"]))
    invoker = Invoker(build_skill(load_library(ROOT / "journeys"), store, skill_id="amzn1.ask.skill.ours"))
    server = make_server("127.0.0.1", 0, create_app(invoker, Verifier(roots=[ca.root], fetch=chains.fetch)),
                         threaded=True)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield {"url": f"http://127.0.0.1:{server.server_port}/alexa", "signer": signer, "store": store}
    server.shutdown()
    chains.http.shutdown()


def disabled(age: timedelta, request_id: str = "amzn1.echo-api.request.disabled-1") -> bytes:
    stamp = (datetime.now(UTC) - age).strftime("%Y-%m-%dT%H:%M:%SZ")
    return json.dumps({
        "version": "1.0",
        "context": {"System": {"application": {"applicationId": "amzn1.ask.skill.ours"}, "user": {"userId": USER},
                               "apiEndpoint": "https://api.amazonalexa.com"}},
        "request": {"type": "AlexaSkillEvent.SkillDisabled", "requestId": request_id, "timestamp": stamp,
                    "eventCreationTime": stamp, "eventPublishingTime": stamp}}).encode()


def send(events: dict, body: bytes):
    return post(events["url"], body, events["signer"].sign(body), GOOD_URL)


def test_a_skill_disabled_signed_ten_minutes_ago_erases(events):
    r = send(events, disabled(timedelta(minutes=10)))
    assert r.status_code == 200, r.text
    erased = load_progress(events["store"].inner, USER)
    assert erased.erased and not erased.names


def test_skill_events_older_than_an_hour_and_ordinary_requests_older_than_150_s_are_refused(events):
    refused(send(events, disabled(timedelta(minutes=61))), 400, "more than 3600 seconds")
    refused(send(events, launch_body(datetime.now(UTC) - timedelta(minutes=10))), 400, "more than 150 seconds")
    assert load_progress(events["store"].inner, USER).names == ["Sam", "Alex"]


def test_a_redelivery_after_a_503_is_answered_and_only_an_answered_request_is_a_replay(events):
    body = disabled(timedelta(seconds=5))
    events["store"].down = True
    assert send(events, body).status_code == 503
    events["store"].down = False
    r = send(events, body)  # Alexa delivers the event again: the same id, the same signed body
    assert r.status_code == 200, r.text
    assert load_progress(events["store"].inner, USER).erased
    refused(send(events, body), 400, "already answered")  # answered now: a third delivery is a replay


def test_an_event_replayed_half_an_hour_later_is_still_a_replay():
    from skill.alexa.verify import Refused, ReplayGuard, tolerance

    clock = [0.0]
    guard = ReplayGuard(now=lambda: clock[0])
    guard.check("event-1", tolerance("AlexaSkillEvent.SkillDisabled"))
    guard.check("launch-1", tolerance("LaunchRequest"))
    clock[0] += 1800
    with pytest.raises(Refused, match="already answered"):
        guard.check("event-1", tolerance("AlexaSkillEvent.SkillDisabled"))
    guard.check("launch-1", tolerance("LaunchRequest"))  # long past its window: its timestamp refuses it
