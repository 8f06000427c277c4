"""Plays a response's SSML as Alexa would: words spoken, breaks as real waits with a live countdown,
sound-library chimes as local bells. Typing during a wait interrupts it, like "Alexa, next"."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, TextIO

from ..speech.ssml import read
from .chimes import RATE, chime, silence
from .voice import Voice, write_wav


class Clock(Protocol):
    def now(self) -> float: ...

    def wait_for_input(self, seconds: float) -> str | None:
        """Wait up to `seconds` for a typed line; the line, or None when the time passed."""


class RealClock:
    """The wall clock, and the terminal: a line typed (or Enter) during a wait interrupts it."""

    def __init__(self, stream: TextIO = sys.stdin):
        self.stream = stream
        self.ended = False  # the input reached its end (Ctrl-D, or a pipe that closed)

    def now(self) -> float:
        return time.monotonic()

    def wait_for_input(self, seconds: float) -> str | None:
        import select

        if seconds <= 0 or self.ended:
            return None
        try:
            ready, _, _ = select.select([self.stream], [], [], seconds)
        except (ValueError, OSError):  # not a terminal or a pipe that select understands
            time.sleep(seconds)
            return None
        if not ready:
            return None
        line = self.stream.readline()
        if not line:
            self.ended = True
            return None
        return line.rstrip("\n")


def bar(left: float, total: float, width: int = 30) -> str:
    done = int(width * (1 - left / total)) if total else width
    minutes, seconds = divmod(round(left), 60)
    return f"  [{'#' * done}{'-' * (width - done)}] {minutes}:{seconds:02d} left (Enter to skip)"


# On a terminal: redraw the bar on the line above the cursor (ESC 7 / ESC 8 save and restore the cursor);
# when the wait is over, clear the unused "You: " line and leave the final bar above it.
REDRAW = "\x1b7\x1b[1A\r{}\x1b[K\x1b8"
DONE = "\r\x1b[K\x1b[1A\r{}\x1b[K\n"


class Window(Protocol):
    """The listening rehearsal's side of a timed silence (listening/ears.py)."""

    def window_opens(self, seconds: float) -> str | None: ...

    def window_closes(self) -> None: ...


@dataclass
class Playback:
    elapsed: float  # seconds of the response heard
    interrupted_by: str | None = None  # what the couple typed to cut it short


class Player:
    def __init__(self, out: TextIO, clock: Clock, voice: Voice | None = None, fast: bool = False,
                 live: bool = True, ears: Window | None = None):
        self.out, self.clock, self.voice, self.fast, self.live = out, clock, voice, fast, live
        self.ears = ears  # a listening rehearsal: told when a timed silence begins and ends
        self.aplay = shutil.which("aplay") if live else None

    def play(self, ssml: str) -> Playback:
        start = self.clock.now()
        for piece in read(ssml):
            if piece.kind == "say":
                self.out.write(f"Alexa: {piece.text}\n")
                self.out.flush()
                if self.voice is not None and self.live:
                    self.voice.say(piece.text)
            elif piece.kind == "chime":
                self.out.write(f"  (bell: {piece.text})\n")
                self._ring(piece.text)
            elif piece.kind == "pause":
                typed = self.countdown(piece.seconds)
                if typed is not None:
                    return Playback(self.clock.now() - start, typed)
        return Playback(self.clock.now() - start)

    def countdown(self, seconds: float) -> str | None:
        """Wait `seconds`, drawing a progress bar each second; stop early when the couple types.

        Enter alone means "next", as "Alexa, next" would. On a terminal the bar redraws on its own line
        above a "You: " line, so what the couple types is never glued to the bar."""
        if self.ears is None:
            return self._countdown(seconds)
        try:
            heard = self.ears.window_opens(seconds)
            return heard if heard is not None else self._countdown(seconds)
        finally:
            self.ears.window_closes()

    def _countdown(self, seconds: float) -> str | None:
        if self.fast:
            self.out.write(f"  (silence: {seconds:g} s)\n")
            return None
        tty = self.out.isatty() if hasattr(self.out, "isatty") else False
        if tty:
            self.out.write(bar(seconds, seconds) + "\nYou: ")
        end = self.clock.now() + seconds
        while (left := end - self.clock.now()) > 0:
            self.out.write(REDRAW.format(bar(left, seconds)) if tty else "\r" + bar(left, seconds))
            self.out.flush()
            typed = self.clock.wait_for_input(min(1.0, left))
            if typed is not None:
                if not tty:
                    self.out.write("\n")
                elif not typed.strip():  # Enter alone: show what it meant on the line it left empty
                    self.out.write("\x1b[1A\rYou: next (Enter)\x1b[K\n")
                return typed.strip() or "next"
        self.out.write(DONE.format(bar(0, seconds)) if tty else "\r" + bar(0, seconds) + "\n")
        return None

    def _ring(self, kind: str) -> None:
        if self.aplay is None or self.fast:
            return
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "bell.wav"
            write_wav(path, chime(kind), RATE)
            subprocess.run([self.aplay, "-q", str(path)], check=False, capture_output=True)


def render_wav(ssml: str, voice: Voice, path: Path) -> float:
    """The whole response as one WAV: speech, real-length silences and bells. Returns its seconds."""
    parts = read(ssml)
    spoken = iter(voice.render([p.text for p in parts if p.kind == "say"]))
    samples = array("h")
    for p in parts:
        if p.kind == "say":
            samples.extend(next(spoken))
        elif p.kind == "pause":
            samples.extend(silence(p.seconds))
        else:
            samples.extend(chime(p.text))
    write_wav(path, samples, RATE)
    return len(samples) / RATE
