"""The self-hosted endpoint over real HTTP on 127.0.0.1: correctly signed requests are answered; every
forgery, staleness or malformed body is a 4xx with a reason; production trusts only the system roots."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from alexa_ca import CertificateAuthority
from conftest import ROOT
from werkzeug.serving import make_server

from skill.alexa.envelopes import Device
from skill.alexa.invoke import Invoker
from skill.alexa.skill import build_skill
from skill.alexa.verify import Verifier, fetch_https, normalised_cert_url, system_roots
from skill.journeys import load_library
from skill.progress.store import open_store
from skill.web import create_app

GOOD_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"


class ChainServer:
    """Serves certificate chains over real HTTP; the verifier's fetch reaches it instead of S3."""

    def __init__(self):
        self.files: dict[str, bytes] = {}
        files = self.files

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                body = files.get(self.path)
                self.send_response(200 if body else 404)
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, *args):
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.http.server_port}"
        threading.Thread(target=self.http.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        self.fetched = 0

    def fetch(self, url: str) -> bytes:
        self.fetched += 1
        return fetch_https(url.replace("https://s3.amazonaws.com", self.base), timeout=2)


@pytest.fixture(scope="module")
def ca():
    return CertificateAuthority()


@pytest.fixture
def endpoint(ca, tmp_path):
    chains = ChainServer()
    signer = ca.signer()
    chains.files["/echo.api/echo-api-cert.pem"] = signer.chain_pem
    library = load_library(ROOT / "journeys")
    store = open_store(f"sqlite:///{tmp_path / 'p.db'}")
    invoker = Invoker(build_skill(library, store, skill_id="amzn1.ask.skill.ours"))
    app = create_app(invoker, Verifier(roots=[ca.root], fetch=chains.fetch))
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    yield {"url": f"http://127.0.0.1:{server.server_port}/alexa", "signer": signer, "chains": chains, "ca": ca}
    server.shutdown()
    chains.http.shutdown()


def launch_body(stamp: datetime | None = None, app_id: str = "amzn1.ask.skill.ours") -> bytes:
    device = Device(application_id=app_id, now=stamp or datetime.now(UTC))
    return json.dumps(device.launch()).encode()


def post(url: str, body: bytes, signature: str | None, cert_url: str | None = GOOD_URL) -> requests.Response:
    headers = {"Content-Type": "application/json"}
    if cert_url is not None:
        headers["SignatureCertChainUrl"] = cert_url
    if signature is not None:
        headers["Signature-256"] = signature
    return requests.post(url, data=body, headers=headers, timeout=10)


def test_correctly_signed_request_is_answered(endpoint):
    body = launch_body()
    r = post(endpoint["url"], body, endpoint["signer"].sign(body))
    assert r.status_code == 200, r.text
    assert "Welcome to Couple Journeys" in r.json()["response"]["outputSpeech"]["ssml"]


def test_chain_is_fetched_once_and_cached(endpoint):
    for _ in range(3):
        body = launch_body()
        assert post(endpoint["url"], body, endpoint["signer"].sign(body)).status_code == 200
    assert endpoint["chains"].fetched == 1


def refused(r: requests.Response, status: int, reason: str) -> None:
    assert r.status_code == status, r.text
    assert reason in r.json()["error"]


def test_tampered_body(endpoint):
    body = launch_body()
    signature = endpoint["signer"].sign(body)
    refused(post(endpoint["url"], body.replace(b"LOCALCOUPLE", b"SOMEONEELSE"), signature), 400,
            "signature does not match")


def test_wrong_key(endpoint, ca):
    body = launch_body()
    refused(post(endpoint["url"], body, ca.signer().sign(body)), 400, "signature does not match")


@pytest.mark.parametrize(("variant", "reason"), [("wrong-san", "not valid for echo-api.amazon.com"),
                                                 ("expired", "not valid for echo-api.amazon.com"),
                                                 ("untrusted", "not valid for echo-api.amazon.com")])
def test_bad_chains(endpoint, variant, reason):
    signer = {"wrong-san": lambda: endpoint["ca"].signer(san="evil.example.com"),
              "expired": lambda: endpoint["ca"].signer(expired=True),
              "untrusted": lambda: CertificateAuthority("Someone Else").signer()}[variant]()
    endpoint["chains"].files[f"/echo.api/{variant}.pem"] = signer.chain_pem
    body = launch_body()
    refused(post(endpoint["url"], body, signer.sign(body), f"https://s3.amazonaws.com/echo.api/{variant}.pem"),
            400, reason)


@pytest.mark.parametrize(("url", "reason"), [
    ("http://s3.amazonaws.com/echo.api/echo-api-cert.pem", "must use https"),
    ("https://notamazon.com/echo.api/echo-api-cert.pem", "must be on s3.amazonaws.com"),
    ("https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem", "must start with /echo.api/"),
    ("https://s3.amazonaws.com/invalid.path/echo-api-cert.pem", "must start with /echo.api/"),
    ("https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem", "must use port 443"),
    ("https://s3.amazonaws.com/echo.api/../invalid.path/echo-api-cert.pem", "must start with /echo.api/"),
])
def test_bad_certificate_urls(endpoint, url, reason):
    body = launch_body()
    refused(post(endpoint["url"], body, endpoint["signer"].sign(body), url), 400, reason)


def test_amazons_accepted_url_forms():
    for url in ("https://s3.amazonaws.com/echo.api/echo-api-cert.pem",
                "HTTPS://s3.amazonaws.com/echo.api/echo-api-cert.pem",
                "https://S3.AMAZONAWS.COM/echo.api/echo-api-cert.pem",
                "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
                "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem"):
        normalised_cert_url(url)


def test_unreachable_certificate_url(endpoint):
    body = launch_body()
    refused(post(endpoint["url"], body, endpoint["signer"].sign(body), "https://s3.amazonaws.com/echo.api/gone.pem"),
            400, "could not be fetched")


def test_stale_timestamp(endpoint):
    body = launch_body(datetime.now(UTC) - timedelta(seconds=200))
    refused(post(endpoint["url"], body, endpoint["signer"].sign(body)), 400, "more than 150 seconds")


def test_wrong_skill_id(endpoint):
    body = launch_body(app_id="amzn1.ask.skill.someone-else")
    refused(post(endpoint["url"], body, endpoint["signer"].sign(body)), 400, "refused: this endpoint serves")


def test_unsigned(endpoint):
    refused(post(endpoint["url"], launch_body(), None, None), 400, "not signed")


def test_not_json_unreadable_too_large_and_get(endpoint):
    refused(post(endpoint["url"], b"hello", "x"), 400, "not JSON")
    quoted = json.dumps(launch_body().decode()).encode()  # an envelope inside a JSON string is no envelope
    refused(post(endpoint["url"], quoted, endpoint["signer"].sign(quoted)), 400, "not a JSON object")
    unreadable = b'{"version": "1.0"}'
    refused(post(endpoint["url"], unreadable, endpoint["signer"].sign(unreadable)), 400,
            "not an Alexa request envelope")
    refused(post(endpoint["url"], b"{" + b" " * 200_000 + b"}", "x"), 413, "over")
    refused(requests.get(endpoint["url"], timeout=5), 405, "POSTed")


def test_production_trusts_only_the_system_roots(ca):
    production = Verifier()
    assert production.fetch is fetch_https
    assert {c.subject for c in production.roots} == {c.subject for c in system_roots()}
    assert ca.root.subject not in {c.subject for c in production.roots}
    signer = ca.signer()
    production.fetch = lambda url: signer.chain_pem
    body = launch_body()
    from skill.alexa.verify import Refused

    with pytest.raises(Refused, match=r"not valid for echo-api\.amazon\.com"):
        production.verify(GOOD_URL, signer.sign(body), body, datetime.now(UTC))


def test_skipping_verification_is_refused_off_loopback():
    done = subprocess.run([sys.executable, "-m", "skill", "serve", "--host", "0.0.0.0",
                           "--insecure-skip-verification"], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "only 127.0.0.1, localhost or ::1 may" in done.stdout


def test_serve_imports_on_this_machines_openssl():
    done = subprocess.run([sys.executable, "-c", "import skill.web, skill.alexa.verify; print('ok')"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "ok", done.stderr
