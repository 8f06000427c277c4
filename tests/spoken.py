"""Speech made at test time for the listening rehearsal: Debian's flite speaks a phrase, sox makes it 16 kHz
mono. No recording is committed; the tests and benchmarks say what they need and make it."""

from __future__ import annotations

import shutil
import subprocess
import wave
from pathlib import Path

import pytest

VOICES = ("slt", "awb", "rms", "kal")  # flite's built-in voices: kal speaks at 8 kHz, the others at 16 kHz
CLEAR_VOICES = ("slt", "awb", "rms")
RATE = 16_000

# Couple talk during a turn: nothing in it may move the evening (some sentences brush against commands)
COUPLE_TALK = (
    "I feel closest to you when we cook dinner together on a quiet evening",
    "I think we should talk about money at some point this week",
    "hmm",
    "do you remember the weekend we spent at the lake",
    "honestly I was nervous to say that out loud",
    "sometimes I need a minute before I can answer",
    "I love it when you make me laugh after a long day",
    "we should go to the shops tomorrow",
    "it helps me when you just listen",
    "I never told you how much that meant to me",
    "what time is it",
    "my mother called again today",
)
OFF_GRAMMAR = ("I think we should talk about money", "hmm", "what time is it", "the kids are asleep upstairs",
               "could you pass the water", "I am not sure about any of this")

speech_tools = shutil.which("flite") is not None and shutil.which("sox") is not None
needs_speech = pytest.mark.skipif(not speech_tools, reason="flite and sox are not installed (make setup installs them)")


def say(text: str, path: Path, voice: str = "slt") -> Path:
    """`text` spoken by flite's `voice` into `path`: a 16 kHz mono 16-bit WAV."""
    raw = path.with_suffix(".raw.wav")
    subprocess.run(["flite", "-voice", voice, "-t", text, "-o", str(raw)], check=True, capture_output=True)
    subprocess.run(["sox", str(raw), "-r", str(RATE), "-c", "1", "-b", "16", str(path)], check=True,
                   capture_output=True)
    raw.unlink()
    return path


def talk(sentences: tuple[str, ...], path: Path, seconds: float = 60.0, gap: float = 0.6) -> Path:
    """Two voices taking turns through `sentences` (again and again) for about `seconds`, as one WAV."""
    parts, total, i = [], 0.0, 0
    work = path.parent / f".{path.stem}"
    work.mkdir(exist_ok=True)
    while total < seconds:
        part = say(sentences[i % len(sentences)], work / f"{i:03d}.wav", ("slt", "rms")[i % 2])
        with wave.open(str(part)) as w:
            total += w.getnframes() / RATE + gap
        parts.append(part)
        i += 1
    pause = work / "pause.wav"
    subprocess.run(["sox", "-n", "-r", str(RATE), "-c", "1", "-b", "16", str(pause), "trim", "0", str(gap)],
                   check=True, capture_output=True)
    joined = [str(p) for part in parts for p in (part, pause)]
    subprocess.run(["sox", *joined, str(path)], check=True, capture_output=True)
    shutil.rmtree(work)
    return path
