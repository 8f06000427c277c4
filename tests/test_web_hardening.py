"""The self-hosted endpoint against hostile callers: bodies nested too deep are refused before parsing,
a signed request is answered once, `serve` will not answer any skill by accident, the README's
production command keeps answering while slow clients hold connections, and logs hold no user ids or
names."""

from __future__ import annotations

import logging
import os
import re
import shlex
import socket
import subprocess
import sys
import threading
import time

import pytest
import requests
from alexa_support import checked, fresh_lambda
from conftest import ROOT
from test_web import ca, endpoint, launch_body, post, refused  # noqa: F401 - the signed endpoint fixtures

from skill.alexa.envelopes import Device
from skill.progress.store import StoreError


def test_a_deeply_nested_body_is_refused_before_parsing_even_unsigned(endpoint):  # noqa: F811
    for depth in (65, 60_000):
        body = b"[" * depth + b"]" * depth
        refused(post(endpoint["url"], body, None, None), 400, "nests deeper than 64")
    fine = b'{"a": "' + b"[" * 5000 + b'\\"[[["}'  # brackets inside a string are text, not nesting
    refused(post(endpoint["url"], fine, None, None), 400, "not signed")


def test_measuring_nesting_takes_linear_time():
    from skill.web import too_deep

    started = time.monotonic()
    for body in (b'"' + b'\\"' * 60_000, b'"' * 120_000, b'\\' * 60_000 + b"[" * 100):
        too_deep(body)
    assert time.monotonic() - started < 0.5
    assert too_deep(b'"\\"' + b"[" * 65) and not too_deep(b'["\\"[[[[", [[]]]')


def test_a_signed_request_is_answered_once(endpoint):  # noqa: F811
    body = launch_body()
    signature = endpoint["signer"].sign(body)
    assert post(endpoint["url"], body, signature).status_code == 200
    refused(post(endpoint["url"], body, signature), 400, "already answered")


def test_serve_needs_a_skill_id_or_an_explicit_any_skill():
    env = {k: v for k, v in os.environ.items() if k != "SKILL_ID"}
    done = subprocess.run([sys.executable, "-m", "skill", "serve", "--port", "1"], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "Set SKILL_ID" in done.stdout and "--any-skill" in done.stdout


def readme_production_command(port: int) -> list[str]:
    line = next(line for line in (ROOT / "README.md").read_text().splitlines() if "bin/gunicorn" in line)
    args = shlex.split(line.split("#")[0])
    args[0] = str(ROOT / ".venv" / "bin" / "gunicorn")
    return [re.sub(r"127\.0\.0\.1:\d+", f"127.0.0.1:{port}", a) for a in args]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def slow_client(port: int, stop: threading.Event) -> None:
    """Sends a request's headers, then its body a byte at a time, slower than anyone should."""
    with socket.create_connection(("127.0.0.1", port)) as conn:
        conn.sendall(b"POST /alexa HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 10000\r\n\r\n")
        while not stop.wait(0.5):
            try:
                conn.sendall(b" ")
            except OSError:
                return


@pytest.mark.skipif(not (ROOT / ".venv" / "bin" / "gunicorn").exists(), reason="gunicorn is not installed")
def test_the_production_command_is_not_starved_by_slow_clients(tmp_path):
    port = free_port()
    env = {**os.environ, "SKILL_ID": "amzn1.ask.skill.ours", "PROGRESS_STORE": f"sqlite:///{tmp_path / 'p.db'}"}
    server = subprocess.Popen(readme_production_command(port), cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    stop = threading.Event()
    try:
        url = f"http://127.0.0.1:{port}/alexa"
        for _ in range(100):
            try:
                requests.post(url, data=b"{}", timeout=2)
                break
            except requests.ConnectionError:
                time.sleep(0.1)
        for _ in range(6):
            threading.Thread(target=slow_client, args=(port, stop), daemon=True).start()
        time.sleep(1.0)  # the slow clients hold their connections
        for _ in range(5):
            started = time.monotonic()
            r = requests.post(url, data=launch_body(), timeout=5)
            assert r.status_code == 400 and "not signed" in r.json()["error"]
            assert time.monotonic() - started < 2.0
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=20)


def test_logs_hold_no_user_ids_and_no_names(tmp_path, monkeypatch, caplog):
    monkeypatch.setenv("PROGRESS_STORE", f"sqlite:///{tmp_path / 'p.db'}")
    handler = fresh_lambda().lambda_handler
    caplog.set_level(logging.DEBUG)
    a, b = Device(user_id="amzn1.ask.account.SECRETUSER"), Device(user_id="amzn1.ask.account.SECRETUSER")
    for device in (a, b):  # two sessions of one account: the second save conflicts and merges (logged)
        device.heard(checked(handler(device.launch(), None)))
    for device in (a, b):
        device.wait(5)
        device.heard(checked(handler(device.intent("SetNamesIntent", {"firstName": "Zephyrine",
                                                                      "secondName": "Quillon"}), None)))
    assert any("changed elsewhere" in r.getMessage() for r in caplog.records)
    for record in caplog.records:
        message = record.getMessage()
        assert "Zephyrine" not in message and "Quillon" not in message
        if record.levelno >= logging.INFO:
            assert "SECRETUSER" not in message


class DownStore:
    """A store that is down: every call fails as a store does."""

    def load(self, user_id):
        raise StoreError("down")

    def save(self, user_id, record, expected_revision):
        raise StoreError("down")


def test_skill_disabled_with_the_store_down_is_a_503_so_alexa_retries():
    from skill.alexa.invoke import Invoker
    from skill.alexa.skill import build_skill
    from skill.journeys import load_library
    from skill.web import create_app

    app = create_app(Invoker(build_skill(load_library(), DownStore(), skill_id="")), verify=False)
    disabled = {"version": "1.0", "context": {"System": {"application": {"applicationId": "amzn1.ask.skill.x"},
                                                         "user": {"userId": "amzn1.ask.account.GONE"}}},
                "request": {"type": "AlexaSkillEvent.SkillDisabled", "requestId": "r1",
                            "timestamp": "2026-11-22T20:00:00Z", "eventCreationTime": "2026-11-22T20:00:00Z"}}
    response = app.test_client().post("/alexa", json=disabled)
    assert response.status_code == 503 and "retry" in response.get_json()["error"]
