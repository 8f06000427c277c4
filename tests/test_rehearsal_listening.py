"""The listening rehearsal through the real command line: a whole Day 1 heard from WAV files that flite
speaks at test time (names said back, the turns, the questions, the check-in, the reminder offer), the
next evening's offer, and the couple's own talk during a turn moving nothing."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT
from spoken import COUPLE_TALK, needs_speech, say, talk

pytestmark = needs_speech

# What the couple says each time the skill listens (None: silence), with the flite voice that says it.
DAY_ONE = [
    ("we're sam and alex", "slt"),  # the names…
    ("yes", "rms"),  # …said back ("I heard Sam and Alex. Is that right?")
    ("I think we should talk about money", "slt"),  # none of the phrases: not understood, nothing moves
    ("ready", "awb"),
    "talk",  # Sam's turn on sentence 1: a minute of the couple talking to each other
    ("next", "rms"),  # Alex's turn: "next" without the wake phrase is their own talk too
    ("next", "slt"),  # sentence 2
    None, None, ("next", "awb"),  # the questions
    None, None, ("four", "rms"),  # then the check-in
    ("yes", "slt"),  # the reminder offer
    ("yes", "rms"),  # Alexa's own question: may Couple Journeys set reminders?
]


def speak(folder: Path, lines: list) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for number, line in enumerate(lines, start=1):
        if line == "talk":
            talk(COUPLE_TALK, folder / f"{number:03d}-talk.wav", seconds=60)
        elif line is not None:
            say(line[0], folder / f"{number:03d}.wav", line[1])
    return folder


def listen(tmp_path: Path, folder: Path, at: str, *extra: str) -> subprocess.CompletedProcess:
    journeys = tmp_path / "journeys"  # a journey with a Day 2
    if not journeys.exists():
        journeys.mkdir()
        shutil.copy(ROOT / "journeys" / "everyday-appreciation.md", journeys)
    return subprocess.run(
        [sys.executable, "-m", "skill", "rehearse", "--listen-from", str(folder), "--fast", "--silent",
         "--journeys", str(journeys),
         "--store", f"sqlite:///{tmp_path / 'progress.db'}", "--couple", "t", "--at", at, *extra],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=600)


def test_a_whole_day_one_heard_from_wav_files_then_day_two_is_offered(tmp_path):
    day_one = listen(tmp_path, speak(tmp_path / "day1", DAY_ONE), "2026-03-14T20:00",
                     "--transcript", str(tmp_path / "t.jsonl"))
    assert day_one.returncode == 0, day_one.stderr
    assert "recognised on this laptop, kept in memory only" in day_one.stdout
    assert "I heard Sam and Alex. Is that right?" in day_one.stdout
    exchanges = [json.loads(line) for line in (tmp_path / "t.jsonl").read_text().splitlines()]
    assert [(e["user"], e["intent"]) for e in exchanges] == [
        ("open couple journeys", "LaunchRequest"), ("we're sam and alex", "NamesIntent"),
        ("…", "AMAZON.FallbackIntent"), ("ready", "AMAZON.NextIntent"), ("next", "AMAZON.NextIntent"),
        ("next", "AMAZON.NextIntent"), ("four", "CheckInIntent"), ("yes", "AMAZON.YesIntent"),
        ("yes", "Connections.Response")]
    assert exchanges[1]["slots"] == {"firstName": "Sam", "secondName": "Alex"}
    assert "That's Day 1 complete" in exchanges[6]["text"]
    assert "reminder set: on 2026-03-15" in day_one.stdout
    assert "(heard: journeys" not in day_one.stdout  # a minute of the couple's talk: no command
    assert sorted(tmp_path.rglob("*.wav")) == sorted((tmp_path / "day1").glob("*.wav"))  # nothing heard is written

    day_two = listen(tmp_path, speak(tmp_path / "day2", [("not tonight", "rms")]), "2026-03-15T20:00")
    assert day_two.returncode == 0, day_two.stderr
    assert "Tonight is Day 2 of Everyday Appreciation" in day_two.stdout.split("(listening")[0]
    assert "(heard: not tonight)" in day_two.stdout


def test_misheard_names_are_asked_again_and_audio_is_kept_only_when_asked(tmp_path):
    kept = tmp_path / "kept"
    lines = [("we're sam and alex", "slt"), ("no", "rms"), ("our names are robin and taylor", "rms"), ("yes", "slt"),
             ("stop", "rms")]
    done = listen(tmp_path, speak(tmp_path / "said", lines), "2026-03-14T20:00", "--keep-audio", str(kept),
                  "--transcript", str(tmp_path / "t.jsonl"))
    assert done.returncode == 0, done.stderr
    assert "Sorry about that. Please tell me your first names again." in done.stdout
    assert "I heard Robin and Taylor. Is that right?" in done.stdout
    exchanges = [json.loads(line) for line in (tmp_path / "t.jsonl").read_text().splitlines()]
    assert exchanges[1]["intent"] == "SetNamesIntent"
    assert exchanges[1]["slots"] == {"firstName": "Robin", "secondName": "Taylor"}
    assert f"written to {kept}" in done.stdout
    assert sorted(p.name for p in kept.iterdir()) == [
        "001-names+NamesIntent.firstName.wav", "002-permission.wav", "003-names+NamesIntent.firstName.wav",
        "004-permission.wav", "005-learning.wav"]
