"""The parts of the Alexa service the skill calls, on 127.0.0.1: the Settings API's time zone (as
settings_api.py answers it) and the Reminders API (POST, GET, PUT, DELETE /v1/alerts/reminders), with the
couple's permission for reminders kept here. The rehearsal asks for that permission in the terminal when
the skill sends its AskFor directive; the tests use the same stand-in and read what it was asked. With a
`keep` file the permission and the reminders outlive one run, as they do on a real device."""

from __future__ import annotations

import itertools
import json
import threading
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TextIO

from .settings_api import laptop_zone

PATH = "/v1/alerts/reminders"


def describe(reminder: dict[str, Any]) -> str:
    """"every evening at 20:00", or "on 2026-11-23 at 20:00"."""
    trigger = reminder.get("trigger") or {}
    when = str(trigger.get("scheduledTime") or (trigger.get("recurrence") or {}).get("startDateTime") or "")
    try:
        moment = datetime.fromisoformat(when)
    except ValueError:
        return "at an unreadable time"
    if trigger.get("recurrence"):
        return f"every evening at {moment:%H:%M}" if moment.hour >= 17 else f"every day at {moment:%H:%M}"
    return f"on {moment:%Y-%m-%d} at {moment:%H:%M}"


def permission_request(response: dict[str, Any]) -> str | None:
    """The token of an AskFor directive for the reminders permission in a skill response, if there is one."""
    for directive in (response.get("response") or {}).get("directives") or []:
        payload = directive.get("payload") or {}
        if directive.get("type") == "Connections.SendRequest" and directive.get("name") == "AskFor" and \
                payload.get("permissionScope") == "alexa::alerts:reminders:skill:readwrite":
            return str(directive.get("token") or "")
    return None


class LocalAlexaApi:
    """A stand-in for api.amazonalexa.com. `granted`: the couple allowed reminders; `failing`: the API
    answers 500; `calls`: (method, path, body) of every request; `reminders`: alertToken → reminder."""

    def __init__(self, zone: str | None = None, granted: bool = False, out: TextIO | None = None,
                 keep: Path | None = None):
        self.zone = zone or laptop_zone()
        self.keep = keep
        self._granted = granted
        self.failing = False
        self.out = out
        self.calls: list[tuple[str, str, Any]] = []
        self.reminders: dict[str, dict[str, Any]] = {}
        self._load()
        numbers = [int(t.rsplit("-", 1)[-1]) for t in self.reminders if t.rsplit("-", 1)[-1].isdigit()]
        tokens = itertools.count(max(numbers, default=0) + 1)
        api = self

        class Handler(BaseHTTPRequestHandler):
            def answer(self, status: int, value: Any = None) -> None:
                data = json.dumps(value if value is not None else {}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def handle_one(self, method: str) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"null") if length else None
                api.calls.append((method, self.path, body))
                if method == "GET" and self.path.endswith("/settings/System.timeZone"):
                    return self.answer(200, api.zone)
                if not self.path.startswith(PATH):
                    return self.answer(404, {"code": "NOT_FOUND"})
                if not self.headers.get("Authorization", "").startswith("Bearer ") or not api.granted:
                    return self.answer(401, {"code": "UNAUTHORIZED", "message": "no permission for reminders"})
                if api.failing:
                    return self.answer(500, {"code": "INTERNAL_ERROR"})
                token = self.path[len(PATH):].strip("/")
                if method == "POST" and not token:
                    token = f"rehearsal-reminder-{next(tokens)}"
                    return self.created(token, body)
                if method == "GET" and not token:
                    alerts = [{"alertToken": t, **r} for t, r in api.reminders.items()]
                    return self.answer(200, {"totalCount": str(len(alerts)), "alerts": alerts})
                if token not in api.reminders:
                    return self.answer(404, {"code": "NOT_FOUND"})
                if method == "PUT":
                    return self.created(token, body)
                if method == "DELETE":
                    api.reminders.pop(token)
                    api.save()
                    api.say("(reminder cancelled)")
                    return self.answer(200, {})
                return self.answer(200, {"alertToken": token, **api.reminders[token]})

            def created(self, token: str, body: Any) -> None:
                if not isinstance(body, dict) or (body.get("trigger") or {}).get("type") != "SCHEDULED_ABSOLUTE":
                    return self.answer(400, {"code": "INVALID_REQUEST"})
                api.reminders[token] = body
                api.save()
                spoken = ((body.get("alertInfo") or {}).get("spokenInfo") or {}).get("content") or [{}]
                api.say(f"(reminder set: {describe(body)} — Alexa will say: “{spoken[0].get('text', '')}”)")
                stamp = datetime.now().isoformat(timespec="seconds")
                return self.answer(201, {"alertToken": token, "createdTime": stamp, "updatedTime": stamp,
                                         "status": "ON", "version": "1", "href": f"{PATH}/{token}"})

            def do_GET(self):
                self.handle_one("GET")

            def do_POST(self):
                self.handle_one("POST")

            def do_PUT(self):
                self.handle_one("PUT")

            def do_DELETE(self):
                self.handle_one("DELETE")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    @property
    def granted(self) -> bool:
        return self._granted

    @granted.setter
    def granted(self, value: bool) -> None:
        self._granted = value
        self.save()

    def _load(self) -> None:
        try:
            kept = json.loads(self.keep.read_text(encoding="utf-8")) if self.keep else {}
        except (OSError, ValueError):
            kept = {}  # nothing kept yet, or a file this version cannot read: start as a new device
        if isinstance(kept, dict):
            self._granted = self._granted or kept.get("granted") is True
            if isinstance(kept.get("reminders"), dict):
                self.reminders = kept["reminders"]

    def save(self) -> None:
        if self.keep is not None:
            self.keep.parent.mkdir(parents=True, exist_ok=True)
            self.keep.write_text(json.dumps({"granted": self._granted, "reminders": self.reminders}), encoding="utf-8")

    def say(self, line: str) -> None:
        if self.out is not None:
            self.out.write(f"  {line}\n")
            self.out.flush()

    def described(self) -> list[str]:
        return [describe(r) for r in self.reminders.values()]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> LocalAlexaApi:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
