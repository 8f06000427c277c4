"""Local stand-ins for Alexa's sound-library bells, made here (nothing is downloaded)."""

from __future__ import annotations

import math
from array import array

from ..speech.plan import CHIME_SECONDS

RATE = 22050  # espeak-ng's rate, so speech, chimes and silence join into one WAV


def chime(kind: str, rate: int = RATE) -> array:
    """A soft bell: a fundamental and an overtone, struck and decaying. `end` is lower and rings longer."""
    seconds = CHIME_SECONDS[kind]
    base = 1046.5 if kind == "start" else 659.3
    n = int(seconds * rate)
    samples = array("h")
    for i in range(n):
        t = i / rate
        envelope = math.exp(-t * (6.0 if kind == "start" else 1.6)) * min(1.0, t * 200)
        value = 0.6 * math.sin(2 * math.pi * base * t) + 0.25 * math.sin(2 * math.pi * base * 2.76 * t)
        samples.append(int(12000 * envelope * value))
    return samples


def silence(seconds: float, rate: int = RATE) -> array:
    return array("h", bytes(2 * int(seconds * rate)))
