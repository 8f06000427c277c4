"""The signing-certificate cache: keyed by the URL as Amazon's rules normalise it (so spellings of one URL
are one fetch, and query strings or user info are refused before any fetch), and bounded (least recently
used first out), so a flood of distinct URLs neither fetches without end nor grows the process."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_web import GOOD_URL, ca, endpoint, launch_body, post, refused  # noqa: F401 (fixtures)

from skill.alexa.verify import Refused, Verifier, normalised_cert_url


class CountingFetch:
    def __init__(self, pem: bytes):
        self.pem, self.urls = pem, []

    def __call__(self, url: str) -> bytes:
        self.urls.append(url)
        return self.pem


def test_query_strings_user_info_and_fragments_are_refused_over_http(endpoint):  # noqa: F811
    for url in ("https://s3.amazonaws.com/echo.api/echo-api-cert.pem?n=1",
                "https://s3.amazonaws.com/echo.api/echo-api-cert.pem?",
                "https://someone@s3.amazonaws.com/echo.api/echo-api-cert.pem",
                "https://someone:secret@s3.amazonaws.com/echo.api/echo-api-cert.pem",
                "https://s3.amazonaws.com/echo.api/echo-api-cert.pem#part",
                "https://s3.amazonaws.com/echo.api/echo-api-cert.pem%3Fn=1"):
        body = launch_body()
        refused(post(endpoint["url"], body, endpoint["signer"].sign(body), url), 400, "certificate URL")
    assert endpoint["chains"].fetched == 0


def test_spellings_of_amazons_url_are_one_url():
    for url in ("HTTPS://S3.AMAZONAWS.COM/echo.api/echo-api-cert.pem",
                "https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem",
                "https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem",
                "https://s3.amazonaws.com/echo.api/./x/../echo-api-cert.pem",
                "https://s3.amazonaws.com/echo.api//echo-api-cert.pem"):
        assert normalised_cert_url(url) == GOOD_URL, url


def signed(authority) -> tuple[CountingFetch, Verifier, bytes, bytes]:
    """A verifier that counts its fetches, and a body signed by the test CA's signing certificate."""
    signer = authority.signer()
    fetch = CountingFetch(signer.chain_pem)
    body = b"{}"
    return fetch, Verifier(roots=[authority.root], fetch=fetch), body, signer.sign(body)


def test_five_thousand_spellings_and_queries_make_one_fetch(ca):  # noqa: F811
    fetch, verifier, body, signature = signed(ca)
    for i in range(5000):
        origin = "https://s3.amazonaws.com" if i % 2 else "HTTPS://S3.AmazonAWS.com:443"
        spelled = f"{origin}/echo.api/{'x/../' * (i % 7)}{'./' * (i % 5)}echo-api-cert.pem"
        verifier.verify_signature(spelled, signature, body)
        with pytest.raises(Refused):
            verifier.verify_signature(f"{GOOD_URL}?n={i}", signature, body)
    assert fetch.urls == [GOOD_URL]


def test_the_cache_stays_bounded_under_five_thousand_distinct_urls(ca):  # noqa: F811
    fetch, verifier, body, signature = signed(ca)
    for i in range(5000):
        verifier.verify_signature(f"https://s3.amazonaws.com/echo.api/cert-{i}.pem", signature, body)
    assert len(verifier.cached()) <= verifier.cache_limit < 100
    assert len(fetch.urls) == 5000
    # the one in use stays: least recently used goes first
    verifier.verify_signature(GOOD_URL, signature, body)
    for i in range(3 * verifier.cache_limit):
        verifier.verify_signature(f"https://s3.amazonaws.com/echo.api/other-{i}.pem", signature, body)
        verifier.verify_signature(GOOD_URL, signature, body)
    assert fetch.urls.count(GOOD_URL) == 1
    assert datetime.now(UTC) < verifier.cached()[GOOD_URL]


@settings(max_examples=400, deadline=None)
@given(st.one_of(
    st.text(),
    st.builds(lambda scheme, host, port, path, tail: f"{scheme}://{host}{port}/echo.api/{path}{tail}",
              st.sampled_from(["https", "HTTPS", "http", "hTTps"]),
              st.sampled_from(["s3.amazonaws.com", "S3.AmazonAWS.com", "user@s3.amazonaws.com", "s3.amazonaws.com.evil",
                               "evil.com"]),
              st.sampled_from(["", ":443", ":8443", ":", ":x"]), st.text(), st.sampled_from(["", "?a", "#b", "%3F"]))))
def test_any_url_is_refused_or_names_one_amazon_certificate(url):
    """Whatever the header holds: Refused, or the one canonical form of a path under /echo.api/ on S3."""
    try:
        normalised = normalised_cert_url(url)
    except Refused:
        return
    assert normalised.startswith("https://s3.amazonaws.com/echo.api/")
    assert not set(normalised[len("https://"):]) & set("?#@%:\\ ") and "/../" not in normalised
    assert normalised_cert_url(normalised) == normalised
