"""The rehearsal voice: pyttsx3 on espeak-ng, speaking live or into WAV files.

pyttsx3 keeps one engine per driver, and after `save_to_file` that engine's later `say()` calls write to
the file (see shared PLATFORM.md). So a rehearsal uses the engine one way only: live, or into files.
See docs/decisions.md for the driver's queueing quirk worked around in `render`.
"""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import time
import wave
from array import array
from pathlib import Path

RATE_WORDS_PER_MINUTE = 160
INSTALL_HINT = ("espeak-ng is not installed, so the rehearsal is text only. For the voice: "
                "sudo apt-get install espeak-ng (macOS: brew install espeak-ng).")


class Voice:
    def __init__(self, engine, voice_id: str = ""):
        self.engine = engine
        self.voice_id = voice_id  # espeak-ng's voice, e.g. "gmw/de" (the engine reports it only once it spoke)

    @classmethod
    def open(cls, language: str = "en") -> tuple[Voice | None, str]:
        """The voice for `language` ("de": espeak-ng's German), or None and one line saying why and how to get it."""
        try:
            import pyttsx3

            with contextlib.redirect_stdout(io.StringIO()):
                engine = pyttsx3.init("espeak")
            engine.setProperty("rate", RATE_WORDS_PER_MINUTE)
            voices = engine.getProperty("voices")  # espeak-ng's own: "gmw/en" speaks en-gb, "gmw/de" de
            spoken = next((v.id for v in voices if v.id.endswith("/" + language)), None)
            if spoken is not None:  # one engine per process: always set it, never inherit the last one's
                engine.setProperty("voice", spoken)
            return cls(engine, spoken or ""), ""
        except Exception:  # pyttsx3 raises OSError, RuntimeError or its own errors when the library is absent
            return None, INSTALL_HINT

    def say(self, text: str) -> None:
        with _quiet_stderr():
            self.engine.say(text)
            self.engine.runAndWait()

    def render(self, texts: list[str]) -> list[array]:
        """Each text spoken into samples (22,050 Hz, mono, 16-bit), in order."""
        with tempfile.TemporaryDirectory() as tmp:
            paths = [Path(tmp) / f"{i}.wav" for i in range(len(texts))]
            with contextlib.redirect_stdout(io.StringIO()), _quiet_stderr():  # "Audio saved to …"
                for text, path in zip(texts, paths, strict=True):
                    # one file per run: pyttsx3 2.99's espeak driver keeps only the last queued save_to_file
                    self.engine.save_to_file(text, str(path))
                    self.engine.runAndWait()
                    _wait_until_written(path)
            return [read_samples(p) for p in paths]


def _wait_until_written(path: Path, timeout: float = 15.0) -> None:
    """pyttsx3 2.99's espeak driver may return from runAndWait before it has written the WAV (a race seen
    with longer texts); wait until the file exists and has stopped growing."""
    deadline = time.monotonic() + timeout
    last = -1
    while time.monotonic() < deadline:
        size = path.stat().st_size if path.exists() else -1
        if size > 44 and size == last:
            return
        last = size
        time.sleep(0.02)
    raise RuntimeError(f"espeak-ng did not write {path.name} within {timeout:g} s")


def read_samples(path: Path) -> array:
    with wave.open(str(path), "rb") as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1, "espeak-ng writes 16-bit mono"
        return array("h", w.readframes(w.getnframes()))


def write_wav(path: Path, samples: array, rate: int) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(samples.tobytes())


def sound_device() -> bool:
    """Whether this machine can play sound at all (no card: live speech is pointless)."""
    snd = Path("/dev/snd")
    return os.environ.get("PULSE_SERVER") is not None or (snd.exists() and any(snd.glob("pcm*p")))


@contextlib.contextmanager
def _quiet_stderr():
    """espeak-ng and ALSA print to the C-level stderr; keep the couple's terminal readable."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    with open(os.devnull, "w") as null:
        os.dup2(null.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved, 2)
            os.close(saved)
