"""The self-hosted endpoint under a bounded load on loopback: concurrent clients send a fixed number of
correctly signed requests; throughput against the hello-world skill behind the same server stack (the
same Flask app, the same verification), measured in the same run. Every answer must be a 200."""

from __future__ import annotations

import http.client
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime

from werkzeug.serving import make_server

from .support import compiled_journeys, scratch_db

CLIENTS = 8
REQUESTS_PER_CLIENT = 40
ROUNDS = 4
CERT_URL = "https://s3.amazonaws.com/echo.api/echo-api-cert.pem"


def serve(app):
    server = make_server("127.0.0.1", 0, app, threaded=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def load(port: int, bodies: list[tuple[bytes, str]]) -> tuple[float, int]:
    """Send every body (CLIENTS at a time); returns (seconds, how many were answered 200)."""
    def send(item: tuple[bytes, str]) -> int:
        body, signature = item
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        connection.request("POST", "/alexa", body, {"Content-Type": "application/json",
                                                    "SignatureCertChainUrl": CERT_URL, "Signature-256": signature})
        status = connection.getresponse().status
        connection.close()
        return status

    start = time.perf_counter()
    with ThreadPoolExecutor(CLIENTS) as pool:
        statuses = list(pool.map(send, bodies))
    return time.perf_counter() - start, statuses.count(200)


def main() -> None:
    import logging

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # one line per request would drown the table
    from alexa_ca import CertificateAuthority

    from skill.alexa.envelopes import Device
    from skill.alexa.invoke import Invoker
    from skill.alexa.skill import build_skill
    from skill.alexa.verify import Verifier
    from skill.journeys import load_library
    from skill.progress.store import open_store
    from skill.web import create_app

    from . import hello_skill

    print(f"web endpoint: {CLIENTS} concurrent clients, {CLIENTS * REQUESTS_PER_CLIENT} signed requests each way")
    ca = CertificateAuthority()
    signer = ca.signer()

    def verifier() -> Verifier:
        return Verifier(roots=[ca.root], fetch=lambda url: signer.chain_pem)

    ours = serve(create_app(Invoker(build_skill(load_library(compiled_journeys()), open_store(scratch_db()),
                                                skill_id="")), verifier()))
    hello = serve(create_app(Invoker(hello_skill.skill), verifier()))
    total = CLIENTS * REQUESTS_PER_CLIENT

    def signed(count: int) -> list[tuple[bytes, str]]:
        """Fresh requests (a request id is answered once), one couple each: every launch reads the store."""
        bodies = []
        for n in range(count):
            body = json.dumps(Device(user_id=f"amzn1.ask.account.LOAD{n}", now=datetime.now(UTC)).launch()).encode()
            bodies.append((body, signer.sign(body)))
        return bodies

    load(hello.server_port, signed(8))  # warm both: first requests fetch and validate the chain
    load(ours.server_port, signed(8))
    results = {}
    for _ in range(ROUNDS):  # interleaved; the best round of each is compared
        for name, server in (("hello", hello), ("ours", ours)):
            bodies = signed(total)
            results.setdefault(name, []).append(load(server.server_port, bodies))
    for server in (ours, hello):
        server.shutdown()
    rate = {name: total / min(s for s, _ in runs) for name, runs in results.items()}
    answered = {name: min(ok for _, ok in runs) for name, runs in results.items()}
    print(f"  hello-world skill behind the endpoint (baseline)  {rate['hello']:8.1f} requests/s  "
          f"{answered['hello']}/{total} answered 200")
    print(f"  Couple Journeys behind the endpoint               {rate['ours']:8.1f} requests/s  "
          f"{answered['ours']}/{total} answered 200  {rate['ours'] / rate['hello']:.2f}x the baseline's throughput")
    if answered["ours"] != total:
        print("  SOME REQUESTS WERE NOT ANSWERED")


if __name__ == "__main__":
    main()
