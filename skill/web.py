"""The self-hosted endpoint: Alexa POSTs to /alexa; every request is verified before the skill sees it.

    python -m skill serve --host 127.0.0.1 --port 8080          # development server
    gunicorn --worker-class gthread … 'skill.web:create_app()'   # production (README), behind HTTPS on 443

Refusals are 4xx with a short reason: a body's size and nesting are bounded before it is parsed, and a
signed request is answered once (its id is refused again within the timestamp window, once it was
answered with a 2xx). The one 5xx is a 503 when an erase on SkillDisabled cannot be saved, so that Alexa
sends the event again — and that redelivery is answered.
A thin adapter of our own over the skill (not flask-ask-sdk, whose verifier cannot be imported on
current OpenSSL): see docs/decisions.md.
"""

from __future__ import annotations

import json
import logging
import os
import re

from flask import Flask, Response, request

from .alexa.invoke import Invoker, RequestRefused
from .alexa.verify import Refused, ReplayGuard, Verifier, tolerance
from .progress.store import StoreError

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 128 * 1024  # Alexa's requests are a few kB; anything near this is not from Alexa
MAX_DEPTH = 64  # Alexa's envelopes nest about 10 deep; a deeper body is refused before it is parsed
_ESCAPE = re.compile(rb"\\.", re.DOTALL)  # removed first, so that a string is simply "[^"]*": linear
_STRING = re.compile(rb'"[^"]*"')
_BRACKET = re.compile(rb"[\[\]{}]")
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def too_deep(body: bytes) -> bool:
    """Whether brackets outside strings nest deeper than MAX_DEPTH (linear scans in C, no parsing)."""
    depth = 0
    for bracket in _BRACKET.findall(_STRING.sub(b"", _ESCAPE.sub(b"", body))):
        depth += 1 if bracket in b"[{" else -1
        if depth > MAX_DEPTH:
            return True
    return False


def _reply(status: int, reason: str) -> Response:
    return Response(json.dumps({"error": reason}), status=status, mimetype="application/json")


def create_app(invoker: Invoker | None = None, verifier: Verifier | None = None, verify: bool = True) -> Flask:
    """The endpoint. Defaults: the skill from the environment, Amazon's rules against the system roots."""
    if invoker is None:
        from .alexa.skill import build_skill

        invoker = Invoker(build_skill())
    if verify and verifier is None:
        verifier = Verifier()
    replays = ReplayGuard()
    if invoker.skill.skill_id is None:
        log.warning("SKILL_ID is not set: requests signed by Alexa for any skill will be answered")
    if not verify:
        log.warning("REQUEST VERIFICATION IS OFF: anyone who can reach this server can drive the skill. "
                    "Use this only on loopback, for development.")
    app = Flask(__name__)
    app.config["MAX_CONTENT_LENGTH"] = MAX_BODY_BYTES

    @app.errorhandler(405)
    def not_allowed(_):
        return _reply(405, "Alexa requests are POSTed to /alexa")

    @app.errorhandler(404)
    def not_found(_):
        return _reply(404, "not found; Alexa requests go to /alexa")

    @app.errorhandler(413)
    def too_large(_):
        return _reply(413, f"request body over {MAX_BODY_BYTES} bytes")

    @app.post("/alexa")
    def alexa() -> Response:
        body = request.get_data(cache=False)
        if too_deep(body):
            return _reply(400, f"request body nests deeper than {MAX_DEPTH} levels")
        try:
            data = json.loads(body)
        except (ValueError, RecursionError):
            return _reply(400, "request body is not JSON")
        if not isinstance(data, dict):
            return _reply(400, "request body is not a JSON object")
        claimed = ""  # the request id this request holds in the replay guard, until it is answered
        try:
            if verifier is not None:
                verifier.verify_signature(request.headers.get("SignatureCertChainUrl"),
                                          request.headers.get("Signature-256"), body)
            envelope = invoker.read(data)  # parsed once; the signature was checked on the raw bytes
            if verifier is not None:
                kind = envelope.request.object_type
                verifier.check_timestamp(envelope.request.timestamp, kind)
                replays.check(envelope.request.request_id, tolerance(kind))
                claimed = envelope.request.request_id
            answer = invoker.invoke(envelope)
        except (Refused, RequestRefused) as exc:
            log.warning("refused a request: %s", exc)
            replays.forget(claimed)  # only a 2xx answers a request; a replay refused here claimed nothing
            return _reply(400, str(exc))
        except StoreError as exc:  # an erase on SkillDisabled could not be saved: Alexa should send it again
            log.error("store unavailable: %s", exc)
            replays.forget(claimed)  # not answered: the redelivery is not a replay
            return _reply(503, "progress store unavailable; please retry")
        except BaseException:
            replays.forget(claimed)
            raise
        return Response(json.dumps(answer), status=200, mimetype="application/json")

    return app


def serve(host: str, port: int, skip_verification: bool, any_skill: bool = False) -> int:
    if skip_verification and host not in LOOPBACK:
        log.error("refusing to skip verification on %s: only loopback hosts may run unverified", host)
        print(f"Refusing --insecure-skip-verification on {host}: only 127.0.0.1, localhost or ::1 may.")
        return 2
    if not os.environ.get("SKILL_ID") and not any_skill:
        print("Set SKILL_ID to your skill's id (amzn1.ask.skill.…), so requests for other skills are refused, "
              "or pass --any-skill to answer every skill's requests.")
        return 2
    app = create_app(verify=not skip_verification)
    from werkzeug.serving import run_simple

    print(f"Couple Journeys listening on http://{host}:{port}/alexa"
          f"{' (VERIFICATION OFF)' if skip_verification else ''}; Alexa needs HTTPS on 443 in front of it.")
    run_simple(host, port, app, threaded=True, use_reloader=False)
    return 0

