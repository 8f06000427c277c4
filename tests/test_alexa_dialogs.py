"""Golden conversations (tests/dialogs/*.yaml: user says → skill says) through lambda_handler, on the
SQLite store and on a DynamoDB-compatible server over HTTP. Every response is checked against the
platform's limits. A step's `skill:` lists phrases the reply must contain, `not:` phrases it must not; a
phrase `=names.lovely` is that catalog line in the dialog's language, whatever it says now (its placeholders
filled with anything), so rewording a line breaks no dialog. `reprompt:` lists phrases its reprompt must
contain, `ssml:` markup its SSML must contain (`ssml_not:` must not). A dialog's `time: "08:25"` plays it at
that hour (UTC) instead of 8 pm; `journeys: NAME` plays it on the journeys in tests/dialogs/journeys/NAME.

A dialog with `reminders_api: granted` (or `not granted`, or `down`) talks to a local stand-in of the Alexa
Reminders API; a step `event: permission ACCEPTED` (DENIED, NOT_ANSWERED) is Alexa's answer to the skill's
request for permission (the couple said yes to Alexa: the stand-in then allows reminders); a step's
`reminders: [every evening at 20:00]` lists the reminders the stand-in holds after it."""

from __future__ import annotations

import re
import shlex
import socket
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path

import pytest
import yaml
from alexa_support import checked, fresh_lambda, said

from skill.alexa.envelopes import Device
from skill.language import catalog
from skill.language.catalog import _load
from skill.rehearsal.reminders_api import LocalAlexaApi, permission_request
from skill.speech.ssml import plain_text, seconds

DIALOGS = sorted((Path(__file__).parent / "dialogs").glob("*.yaml"))


def envelope(device: Device, step: dict, asked: str | None = None) -> dict:
    if step.get("event", "").startswith("permission"):
        return device.permission_answer(step["event"].split()[-1], asked or "")
    if "event" in step:
        return device.session_ended(step["event"].rsplit(" ", 1)[-1])
    name, *pairs = shlex.split(step["intent"])  # a slot value of several words is quoted: journey="a b"
    if name == "launch":
        return device.launch()
    slots = dict(p.split("=", 1) for p in pairs)
    return device.intent(name, slots, new_session=step.get("new_session", False))


def line_pattern(locale: str, key: str) -> re.Pattern[str]:
    """A catalog line as it may be said: its words as written now, each placeholder filled with anything."""
    parts = re.split(r"\{\w+\}", " ".join(catalog(locale).lines[key].split()))
    return re.compile(".+?".join(re.escape(part) for part in parts))


def heard(phrase: object, locale: str, text: str) -> bool:
    phrase = " ".join(str(phrase).split())
    if phrase.startswith("="):
        return line_pattern(locale, phrase[1:]).search(text) is not None
    return phrase in text


def english_fragments() -> list[str]:
    """Pieces of every English line of the skill's own (three words or more between placeholders)."""
    pieces = (p.strip(" ,.:;?") for line in _load("en").lines.values() for p in re.split(r"\{\w+\}", line))
    return sorted({p for p in pieces if len(p.split()) >= 3})


def reminders_api(dialog: dict, stack: ExitStack) -> LocalAlexaApi | None:
    """The stand-in of the Alexa APIs a dialog asks for (None: the device offers no API, as before)."""
    wanted = dialog.get("reminders_api")
    if wanted is None:
        return None
    api = stack.enter_context(LocalAlexaApi(zone="UTC", granted=wanted == "granted"))
    if wanted == "down":
        with socket.socket() as s:  # a port nothing listens on
            s.bind(("127.0.0.1", 0))
            api.endpoint = f"http://127.0.0.1:{s.getsockname()[1]}"
    return api


def play(dialog: dict) -> None:
    with ExitStack() as stack:
        play_with(dialog, reminders_api(dialog, stack))


def play_with(dialog: dict, api: LocalAlexaApi | None) -> None:
    handler = fresh_lambda().lambda_handler
    hour, minute = (int(x) for x in dialog.get("time", "20:00").split(":"))
    device = Device(now=datetime(2026, 11, 22, hour, minute, tzinfo=UTC), locale=dialog.get("locale", "en-US"))
    if api is not None:
        device.api_endpoint, device.api_token = api.endpoint, "in-session-token"
    foreign = english_fragments() if not device.locale.startswith("en") else []
    last_length, replies, asked = 0.0, -1, None
    for number, step in enumerate(dialog["conversation"], 1):
        where = f"step {number} ({step.get('user') or step.get('event')})"
        device.wait(step.get("after", last_length + 2))
        if api is not None and step.get("event") == "permission ACCEPTED":
            api.granted = True  # the couple said yes to Alexa
        response = checked(handler(envelope(device, step, asked), None))
        asked = permission_request(response) or asked
        device.heard(response)
        text = said(response)
        heard_english = [f for f in foreign if f in text]
        assert not heard_english, f"{where}: English in a {device.locale} reply: {heard_english}"
        for expected in step.get("skill", []):
            assert heard(expected, device.locale, text), f"{where}: expected {expected!r} in:\n{text}"
        if "reminders" in step:
            assert api is not None and api.described() == step["reminders"], f"{where}: {api and api.described()}"
        reprompt = plain_text((response["response"].get("reprompt") or {}).get("outputSpeech", {}).get("ssml", ""))
        for expected in step.get("reprompt", []):
            assert " ".join(str(expected).split()) in reprompt, f"{where}: {expected!r} not in {reprompt!r}"
        ssml = (response["response"].get("outputSpeech") or {}).get("ssml", "")
        for expected in step.get("ssml", []):
            assert expected in ssml, f"{where}: {expected!r} not in the SSML {ssml[:300]!r}"
        for unwanted in step.get("ssml_not", []):
            assert unwanted not in ssml, f"{where}: {unwanted!r} in the SSML {ssml[:300]!r}"
        for unwanted in step.get("not", []):
            assert not heard(unwanted, device.locale, text), f"{where}: did not expect {unwanted!r} in:\n{text}"
        ends = response["response"].get("shouldEndSession", True) is not False
        if not step.get("event", "").startswith("session"):
            assert ends == step.get("ends", False), f"{where}: the session {'ended' if ends else 'stayed open'}"
            replies += 1
        last_length = seconds(response["response"].get("outputSpeech", {}).get("ssml", ""))
        if step.get("intent") == "launch" or step.get("new_session"):
            replies = 0
    if "max_replies" in dialog:
        assert replies <= dialog["max_replies"]


def loaded(path: Path, monkeypatch) -> dict:
    """The dialog, with its own journeys when it names a folder of tests/dialogs/journeys (`journeys: prose`)."""
    dialog = yaml.safe_load(path.read_text(encoding="utf-8"))
    if "journeys" in dialog:
        monkeypatch.setenv("JOURNEYS_DIR", str(path.parent / "journeys" / dialog["journeys"]))
    return dialog


@pytest.mark.parametrize("path", DIALOGS, ids=[p.stem for p in DIALOGS])
def test_dialog_on_sqlite(path, tmp_path, monkeypatch):
    monkeypatch.setenv("PROGRESS_STORE", f"sqlite:///{tmp_path / 'progress.db'}")
    monkeypatch.delenv("SKILL_ID", raising=False)
    play(loaded(path, monkeypatch))


@pytest.mark.parametrize("path", DIALOGS, ids=[p.stem for p in DIALOGS])
def test_dialog_on_dynamodb_over_http(path, dynamo, monkeypatch):
    monkeypatch.delenv("SKILL_ID", raising=False)
    play(loaded(path, monkeypatch))
    assert dynamo.reads() >= 1 and dynamo.writes() >= 1


def test_a_key_matches_its_line_however_it_is_filled_and_only_its_line():
    for locale in ("en-US", "de-DE"):
        lines = catalog(locale).lines
        for key, line in lines.items():
            filled = line.format_map(dict.fromkeys(re.findall(r"\{(\w+)\}", line), "Robin und Sam"))
            assert heard(f"={key}", locale, f"Zuvor. {filled} Danach."), key
    assert not heard("=names.lovely", "en-US", "Got it: Sam and Alex.")
    assert heard("=names.lovely", "en-US", "Lovely to meet you, Sam and Alex. Before we begin")


def test_dialogs_may_name_lines_by_key():
    keys = [p for path in DIALOGS for step in yaml.safe_load(path.read_text(encoding="utf-8"))["conversation"]
            for p in step.get("skill", []) if str(p).startswith("=")]
    assert len(keys) >= 5
