"""Journeys that pass lint never break a couple's evening: lint plays every day through the real session
machine and refuses, at the line to fix, what would fail at run time (a huge title or prompt, an id the
progress record cannot keep); control characters and markup are played safely, through lambda_handler."""

from __future__ import annotations

import subprocess
import sys
import uuid

import pytest
from alexa_support import checked, fresh_lambda
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from skill.alexa.envelopes import Device
from skill.journeys.parse import FRONT_MATTER_KEYS, key_line, parse_journey
from skill.journeys.playthrough import playthrough
from skill.progress.evenings import MAX_TEXT

JOURNEY = """---
title: {title}
content_notes:
  1: {note}
---
## Day 1: {day}

### Today's Learning

{learning}

### Today's Activity

- "{prompt}"

### Reflection Questions

1. {question}
"""
PLAIN = {"title": "Small Steps", "note": "hard topics", "day": "One", "learning": "Words.",
         "prompt": "I notice...", "question": "What did you notice?"}


def write(folder, name: str = "small-steps.md", **changes: str):
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(JOURNEY.format(**{**PLAIN, **changes}), encoding="utf-8")
    return path


def lint(path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "skill", "lint", str(path)], cwd=ROOT, capture_output=True,
                          text=True, timeout=60, check=False)


def errors(path) -> list[str]:
    return [line for line in lint(path).stdout.splitlines() if ": error: " in line]


def test_a_plain_journey_passes(tmp_path):
    assert errors(write(tmp_path)) == []


def test_a_9000_character_title_is_refused_at_its_line(tmp_path):
    path = write(tmp_path, title="Long " * 1800)
    found = errors(path)
    assert found and all(line.startswith(f"{path}:2: error: ") for line in found), found
    assert "characters of SSML; Alexa allows 8000" in found[0]


def test_a_16000_character_prompt_is_refused_at_its_line(tmp_path):
    path = write(tmp_path, prompt="I notice " * 1800)
    found = errors(path)
    assert found and found[0].startswith(f"{path}:14: error: Day 1, "), found


def test_an_id_longer_than_the_record_keeps_is_refused(tmp_path):
    long_name = "a" * 60 + "-steps.md"  # 67 characters: the id would be 66
    found = errors(write(tmp_path, name=long_name))
    assert found == [f"{tmp_path / long_name}:1: error: the id {'a' * 60 + '-steps'!r} is {66} characters; the "
                     f"progress record keeps at most {MAX_TEXT}: add a shorter 'id: …' to the front matter"]


@pytest.mark.parametrize("character", ["\x01", "\x0b", "\x0c", "\x1b", "\x08", "\ufffe", "\uffff"])
def test_control_characters_in_the_front_matter_are_refused_at_their_line(tmp_path, character):
    path = write(tmp_path, note=f"hard{character} topics")
    assert errors(path) == [f"{path}:4: error: unreadable front matter: the front matter holds a control "
                            f"character (U+{ord(character):04X}); delete it"]


HOSTILE = {"day": "One\x08", "learning": "Words\x0c and\x0b more\ufffe.", "prompt": "I notice\x1b[31m...",
           "question": "What\x01 did you\uffff notice?"}


@pytest.mark.parametrize("markup", [False, True])
def test_control_characters_and_markup_play_safely_all_evening(tmp_path, monkeypatch, markup):
    changes = dict(HOSTILE)
    if markup:
        changes["title"] = '<audio src="https://evil.example/x.mp3"/>Our <b>best</b> days'
        changes["day"] = "One <break time='10s'/>"
    path = write(tmp_path / "journeys", **changes)
    assert errors(path) == []
    monkeypatch.setenv("JOURNEYS_DIR", str(tmp_path / "journeys"))
    monkeypatch.setenv("PROGRESS_STORE", f"sqlite:///{tmp_path / 'p.db'}")
    handler = fresh_lambda().lambda_handler
    device = Device(user_id=f"amzn1.ask.account.{uuid.uuid4()}")
    spoken = []

    def send(envelope) -> str:
        response = checked(handler(envelope, None))  # valid SSML within every limit
        device.heard(response)
        ssml = response["response"].get("outputSpeech", {}).get("ssml", "")
        spoken.append(ssml)
        return ssml

    send(device.launch())
    send(device.intent("SetNamesIntent", {"firstName": "Sam", "secondName": "Alex"}))
    for _ in range(30):
        device.wait(5)
        ssml = send(device.intent("AMAZON.YesIntent" if "?" in ssml_text(spoken[-1]) else "AMAZON.NextIntent"))
        if "how connected" in ssml.lower():
            send(device.intent("CheckInIntent", {"score": "4"}))
            break
    everything = "".join(spoken)
    assert "how connected" in everything.lower()  # the whole day was played
    assert "evil.example" not in everything and "audio src=&quot;" not in everything
    assert "&lt;" not in everything and "best" in everything if markup else "Small Steps" in everything


def ssml_text(ssml: str) -> str:
    from skill.speech.ssml import plain_text

    return plain_text(ssml)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(fields=st.fixed_dictionaries({key: st.text(st.characters(codec=None), max_size=80)
                                     for key in ("day", "learning", "prompt", "question")}))
def test_any_text_in_a_day_renders_to_well_formed_ssml(fields):
    """Whatever an author writes in a day, the replies are XML Alexa can read: what may fail is length."""
    text = JOURNEY.format(**{**PLAIN, **{k: v.replace("\n", " ") for k, v in fields.items()}})
    result = parse_journey(text, "any.md")
    if result.journey is None:
        return
    lines = {key: key_line(text, key) for key in FRONT_MATTER_KEYS}
    assert [problem for _, problem in playthrough(result.journey, lines) if "break on Alexa" in problem] == []


def test_compiling_for_the_lambda_refuses_what_lint_refuses(tmp_path):
    from skill.journeys.lint import compile_folder

    write(tmp_path, title="Long " * 1800)
    with pytest.raises(ValueError, match="have errors; run: python -m skill lint"):
        compile_folder(tmp_path)
