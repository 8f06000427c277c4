"""The local rehearsal: Day 1 from a script into a transcript and real WAVs spoken by espeak-ng."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import wave
from array import array
from pathlib import Path

import pytest
from conftest import ROOT

from skill.rehearsal.voice import Voice

DAY_ONE = ["we're sam and alex", "yes", "ready", "next", "next", "next", "done", "next", "four"]

needs_voice = pytest.mark.skipif(Voice.open()[0] is None, reason="espeak-ng is not installed (make setup installs it)")


def rehearse(tmp_path: Path, script: list[str], *extra: str, couple: str = "t") -> subprocess.CompletedProcess:
    (tmp_path / "script.txt").write_text("\n".join(script) + "\n", encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "skill", "rehearse", "--script", str(tmp_path / "script.txt"), "--fast",
         "--store", f"sqlite:///{tmp_path / 'progress.db'}", "--couple", couple, *extra],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=600)


def samples(path: Path) -> tuple[array, int]:
    with wave.open(str(path), "rb") as w:
        return array("h", w.readframes(w.getnframes())), w.getframerate()


def silent_runs(data: array, rate: int, at_least: float) -> list[float]:
    """Lengths (s) of the stretches of exact digital silence longer than `at_least` seconds."""
    runs, current = [], 0
    for value in data:
        if value == 0:
            current += 1
        else:
            if current >= at_least * rate:
                runs.append(current / rate)
            current = 0
    if current >= at_least * rate:
        runs.append(current / rate)
    return runs


def rms(data: array) -> float:
    return (sum(v * v for v in data) / max(1, len(data))) ** 0.5


@needs_voice
def test_day_one_from_a_script_into_transcript_and_wavs(tmp_path):
    done = rehearse(tmp_path, DAY_ONE, "--transcript", str(tmp_path / "t.jsonl"), "--wav-dir", str(tmp_path / "wav"))
    assert done.returncode == 0, done.stderr
    exchanges = [json.loads(line) for line in (tmp_path / "t.jsonl").read_text().splitlines()]
    assert [e["intent"] for e in exchanges] == [
        "LaunchRequest", "NamesIntent", "AMAZON.YesIntent", "AMAZON.NextIntent", "AMAZON.NextIntent",
        "AMAZON.NextIntent", "AMAZON.NextIntent", "AMAZON.NextIntent", "AMAZON.NextIntent", "CheckInIntent"]
    assert exchanges[1]["slots"] == {"firstName": "Sam", "secondName": "Alex"}
    assert exchanges[-1]["slots"] == {"score": "4"} and exchanges[-1]["end_session"] is False
    assert "That's Day 1 complete" in exchanges[-1]["text"] and "Shall I remind you" in exchanges[-1]["text"]
    assert [e["pause_seconds"] for e in exchanges[3:9]] == [120, 120, 120, 120, 240, 240]
    for e in exchanges:
        assert set(e) == {"user", "intent", "slots", "ssml", "text", "pause_seconds", "end_session"}

    wavs = sorted((tmp_path / "wav").glob("*.wav"))
    assert [w.name for w in wavs] == [f"{i:03d}.wav" for i in range(1, 11)]
    launch, rate = samples(wavs[0])
    assert rate == 22050
    assert 8 < len(launch) / rate < 40 and rms(launch) > 500  # real speech: seconds of it, and loud enough
    turn, rate = samples(wavs[3])  # both partners' turns on the first prompt
    runs = silent_runs(turn, rate, at_least=5)
    assert [round(r) for r in runs] == [60, 60], runs  # the two silences, each a minute
    speech_seconds = len(turn) / rate - sum(runs)
    assert speech_seconds > 15  # instructions, two prompts, four bells, the question
    reflection, rate = samples(wavs[8])
    assert [round(r) for r in silent_runs(reflection, rate, at_least=5)] == [120, 120]


@needs_voice
def test_progress_continues_tomorrow_and_couples_are_separate(tmp_path):
    rehearse(tmp_path, DAY_ONE, couple="first")
    again = rehearse(tmp_path, [], "--silent", couple="first")
    assert "You've completed every day written so far of Deepening Intimacy" in again.stdout
    other = rehearse(tmp_path, [], "--silent", couple="second")
    assert "what are your first names" in other.stdout


def test_silence_reprompts_then_ends_the_session(tmp_path):
    done = rehearse(tmp_path, ["we're sam and alex", "yes", "", "", "open couple journeys"], "--silent",
                    "--transcript", str(tmp_path / "t.jsonl"))
    assert "(no answer: Alexa asks again)" in done.stdout
    assert "Say ready when you're both ready for the activity" in done.stdout  # a reprompt, not the lesson again
    intents = [json.loads(line)["intent"] for line in (tmp_path / "t.jsonl").read_text().splitlines()]
    assert intents == ["LaunchRequest", "NamesIntent", "AMAZON.YesIntent", "SessionEndedRequest", "LaunchRequest"]
    assert "Last time you were on Day 1" in done.stdout and "Ready to carry on?" in done.stdout


def test_missing_espeak_is_one_clear_line_then_text(tmp_path, monkeypatch):
    import pyttsx3

    from skill.rehearsal import cli

    def broken(*args, **kwargs):
        raise OSError("libespeak-ng.so.1: cannot open shared object file")

    monkeypatch.setattr(pyttsx3, "init", broken)
    script = tmp_path / "s.txt"
    script.write_text("skip\n", encoding="utf-8")
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    args = cli.argparse.Namespace(script=str(script), fast=True, silent=False, wav_dir=None, transcript=None,
                                  store=f"sqlite:///{tmp_path / 'p.db'}", journeys=None, couple="x", at=None)
    assert cli.rehearse(args) == 0
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("espeak-ng is not installed") and "apt-get install espeak-ng" in lines[0]
    assert "Traceback" not in out.getvalue() and "Alexa: No problem" in out.getvalue()


def test_make_rehearse_target_runs_the_rehearsal():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    target = makefile.split("\nrehearse:", 1)[1].split("\n\n", 1)[0]
    assert "setup" in makefile.split("\nrehearse:", 1)[1].splitlines()[0] and "-m skill rehearse" in target
    assert os.access(ROOT / "scripts" / "ensure-espeak", os.X_OK)


GERMAN_EVENING = ["wir sind sam und alex", "bereit", "weiter", "weiter", "fertig", "vier", "nein danke"]


@needs_voice
def test_a_german_evening_is_rehearsed_in_german_with_wavs(tmp_path):
    done = rehearse(tmp_path, GERMAN_EVENING, "--locale", "de-DE", "--wav-dir", str(tmp_path / "wav"),
                    "--transcript", str(tmp_path / "t.jsonl"), "--at", "2026-11-22T20:00")  # an evening: gute Nacht
    assert done.returncode == 0, done.stderr
    assert 'sagt "lösch alles"' in done.stdout.splitlines()[0].replace("say", "sagt")
    exchanges = [json.loads(line) for line in (tmp_path / "t.jsonl").read_text().splitlines()]
    assert [e["user"] for e in exchanges][:2] == ["öffne couple journeys", "wir sind sam und alex"]
    assert exchanges[1]["intent"] == "NamesIntent" and exchanges[-2]["slots"] == {"score": "4"}
    assert "Tag 1 ist geschafft" in exchanges[-2]["text"] and "Gute Nacht, Sam und Alex" in exchanges[-1]["text"]
    wavs = sorted((tmp_path / "wav").glob("*.wav"))
    assert len(wavs) == len(exchanges) and all(w.stat().st_size > 10_000 for w in wavs)


@needs_voice
def test_the_german_rehearsal_speaks_with_espeaks_german_voice():
    from skill.rehearsal.voice import Voice

    german, _ = Voice.open("de")
    assert german.voice_id == "gmw/de"
    (said,) = german.render(["Guten Abend, ihr beiden."])
    english, _ = Voice.open("en")
    assert english.voice_id == "gmw/en"
    (as_english,) = english.render(["Guten Abend, ihr beiden."])
    assert said != as_english  # the same words, another voice
