"""Alexa request verification for a self-hosted endpoint, as Amazon requires, on `cryptography`.

A request is accepted only when: its SignatureCertChainUrl is https://s3.amazonaws.com[:443]/echo.api/…;
the chain found there leads to a trusted root, is in date and names echo-api.amazon.com; Signature-256 is
that certificate's RSA PKCS#1 v1.5 signature over SHA-256 of the exact body; and the request's timestamp
is within 150 seconds (an `AlexaSkillEvent.*`: an hour, as Amazon's own verifiers allow, since Alexa
delivers and redelivers skill events late); and its request id was not already answered (ReplayGuard).
Fetched chains are cached by the URL as those rules normalise it, until they expire, the least recently
used out first beyond a few (Alexa signs with one certificate at a time); fetching is bounded by a timeout.
"""

from __future__ import annotations

import base64
import binascii
import posixpath
import re
import ssl
import threading
import time
import urllib.request
import warnings
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.utils import CryptographyDeprecationWarning
from cryptography.x509.verification import PolicyBuilder, Store, VerificationError

ECHO_API_NAME = "echo-api.amazon.com"
TIMESTAMP_TOLERANCE_SECONDS = 150
SKILL_EVENT_TOLERANCE_SECONDS = 3600  # ask-sdk-webservice-support's and ask-sdk-express-adapter's
FETCH_TIMEOUT_SECONDS = 3.0
CERT_HOST = "s3.amazonaws.com"
CACHE_LIMIT = 16
_CERT_PATH = re.compile(r"/echo\.api/[A-Za-z0-9._~/-]+")


class Refused(Exception):
    """The request is not verifiably from Alexa; the message is the short reason sent back (HTTP 400)."""


def normalised_cert_url(url: str) -> str:
    """The SignatureCertChainUrl as Amazon's rules read it — scheme and host case-insensitive, port 443
    if any, path normalised and starting with /echo.api/ — written one way: the cache's key and what is
    fetched. A query string, fragment or user info has no place in it and is refused."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        raise Refused("certificate URL is malformed") from exc
    if parts.scheme.lower() != "https":
        raise Refused("certificate URL must use https")
    if "@" in parts.netloc:
        raise Refused("certificate URL must not carry user info")
    if (parts.hostname or "").lower() != CERT_HOST:
        raise Refused(f"certificate URL must be on {CERT_HOST}")
    if port not in (None, 443):
        raise Refused("certificate URL must use port 443")
    if parts.query or parts.fragment or "?" in url or "#" in url:
        raise Refused("certificate URL must not have a query string or fragment")
    path = posixpath.normpath(unquote(parts.path)) if parts.path else ""
    if not path.startswith("/echo.api/"):
        raise Refused("certificate URL path must start with /echo.api/")
    if not _CERT_PATH.fullmatch(path):  # e.g. an encoded "?": it would be a query string once fetched
        raise Refused("certificate URL path has characters no certificate name has")
    return f"https://{CERT_HOST}{path}"


def fetch_https(url: str, timeout: float = FETCH_TIMEOUT_SECONDS) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read(256 * 1024)


def system_roots() -> list[x509.Certificate]:
    """The machine's trusted roots (production trusts these and nothing else)."""
    paths = ssl.get_default_verify_paths()
    candidates = [paths.cafile, paths.openssl_cafile, "/etc/ssl/certs/ca-certificates.crt"]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            with warnings.catch_warnings():  # some distributions' bundles hold an old root with a zero serial
                warnings.simplefilter("ignore", CryptographyDeprecationWarning)
                return x509.load_pem_x509_certificates(Path(candidate).read_bytes())
    raise RuntimeError("no system certificate bundle found; install the ca-certificates package")


def tolerance(request_type: str | None) -> int:
    """How old (or early) a request of this type may be, in seconds."""
    events = (request_type or "").startswith("AlexaSkillEvent.")
    return SKILL_EVENT_TOLERANCE_SECONDS if events else TIMESTAMP_TOLERANCE_SECONDS


class ReplayGuard:
    """Request ids answered within their timestamp window: a signed request is answered once. `check`
    claims the id (so two copies at once are not both answered); `forget` releases it when the answer was
    not a 2xx, because Alexa then delivers the same request again. Per process:
    several workers or hosts behind one endpoint each keep their own, so a replay sent to another worker
    is not caught — such deployments need a shared store of ids (e.g. a TTL'd table), see
    docs/reliability.md."""

    def __init__(self, window: float = TIMESTAMP_TOLERANCE_SECONDS, limit: int = 200_000,
                 now: Callable[[], float] = time.monotonic):
        self.window, self.limit, self.now = window, limit, now
        self._seen: OrderedDict[str, float] = OrderedDict()
        self._lock = threading.Lock()

    def check(self, request_id: str | None, window: float | None = None) -> None:
        if not request_id:
            raise Refused("request has no id")
        with self._lock:
            now = self.now()
            while self._seen and (next(iter(self._seen.values())) < now or len(self._seen) > self.limit):
                self._seen.popitem(last=False)
            if self._seen.get(request_id, now) > now:  # expiries differ by kind: one may outlive its turn
                raise Refused("request was already answered (a replay)")
            # kept for twice the window: a timestamp may be as far in the future as in the past
            self._seen[request_id] = now + 2 * (window or self.window)

    def forget(self, request_id: str) -> None:
        if not request_id:
            return
        with self._lock:
            self._seen.pop(request_id, None)


@dataclass
class Verifier:
    roots: list[x509.Certificate] = field(default_factory=system_roots)
    fetch: Callable[[str], bytes] = fetch_https
    now: Callable[[], datetime] = lambda: datetime.now(UTC)
    cache_limit: int = CACHE_LIMIT
    _cache: OrderedDict[str, tuple[x509.Certificate, datetime]] = field(default_factory=OrderedDict, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)

    def verify(self, cert_url: str | None, signature: str | None, body: bytes, timestamp: datetime | None) -> None:
        self.verify_signature(cert_url, signature, body)
        self.check_timestamp(timestamp)

    def verify_signature(self, cert_url: str | None, signature: str | None, body: bytes) -> None:
        """Checked on the raw bytes, before anything parses the envelope."""
        if not cert_url or not signature:
            raise Refused("request is not signed (SignatureCertChainUrl and Signature-256 are required)")
        certificate = self.certificate(normalised_cert_url(cert_url))
        try:
            raw_signature = base64.b64decode(signature, validate=True)
        except (binascii.Error, ValueError) as exc:
            raise Refused("signature is not base64") from exc
        key = certificate.public_key()
        if not isinstance(key, rsa.RSAPublicKey):
            raise Refused("certificate key is not RSA")
        try:
            key.verify(raw_signature, body, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature as exc:
            raise Refused("signature does not match the request body") from exc

    def check_timestamp(self, timestamp: datetime | None, request_type: str | None = None) -> None:
        if timestamp is None:
            raise Refused("request has no timestamp")
        stamp = timestamp if timestamp.tzinfo else timestamp.replace(tzinfo=UTC)
        window = tolerance(request_type)
        if abs((self.now() - stamp).total_seconds()) > window:
            raise Refused(f"request timestamp is more than {window} seconds from now")

    def cached(self) -> dict[str, datetime]:
        """The cached chains' URLs and expiry, least recently used first."""
        with self._lock:
            return {url: until for url, (_, until) in self._cache.items()}

    def certificate(self, url: str) -> x509.Certificate:
        """The validated signing certificate for `url` (normalised), from the cache while it is in date."""
        with self._lock:
            cached = self._cache.get(url)
            if cached is not None:
                self._cache.move_to_end(url)
        if cached is not None and cached[1] > self.now():
            return cached[0]
        try:
            pem = self.fetch(url)
        except Exception as exc:  # any network failure is the sender's problem, never a 5xx
            raise Refused("certificate chain could not be fetched") from exc
        try:
            chain = x509.load_pem_x509_certificates(pem)
        except ValueError as exc:
            raise Refused("certificate chain is not PEM") from exc
        leaf, intermediates = chain[0], chain[1:]
        verifier = (PolicyBuilder().store(Store(self.roots)).time(self.now())
                    .build_server_verifier(x509.DNSName(ECHO_API_NAME)))
        try:
            verifier.verify(leaf, intermediates)
        except VerificationError as exc:
            raise Refused(f"certificate chain is not valid for {ECHO_API_NAME}: {exc}") from exc
        with self._lock:
            self._cache[url] = (leaf, leaf.not_valid_after_utc)
            self._cache.move_to_end(url)
            while len(self._cache) > self.cache_limit:
                self._cache.popitem(last=False)
        return leaf
