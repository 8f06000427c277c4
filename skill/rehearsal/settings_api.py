"""The part of the Alexa service the skill asks for the device's time zone, answered from this laptop's
own zone, so a rehearsal's "earlier this evening" is about the couple's evening too."""

from __future__ import annotations

import json
import os
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def laptop_zone() -> str:
    """The IANA name of this machine's time zone ($TZ, /etc/timezone, or /etc/localtime's target)."""
    if os.environ.get("TZ", "").strip(":"):
        return os.environ["TZ"].strip(":")
    try:
        return Path("/etc/timezone").read_text(encoding="utf-8").strip() or "UTC"
    except OSError:
        pass
    target = str(Path("/etc/localtime").resolve())
    return target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else "UTC"


class SettingsApi:
    """GET /v2/devices/<id>/settings/System.timeZone → "Europe/Berlin", on 127.0.0.1."""

    def __init__(self, zone: str | None = None):
        answer = json.dumps(zone or laptop_zone()).encode()

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                found = self.path.endswith("/settings/System.timeZone")
                self.send_response(200 if found else 404)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(answer if found else b"{}")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
