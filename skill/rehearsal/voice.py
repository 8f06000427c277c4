"""The rehearsal voice: pyttsx3 on espeak-ng, speaking live or into WAV files.

pyttsx3 keeps one engine per driver, and after `save_to_file` that engine's later `say()` calls write to
the file (see shared PLATFORM.md). So a rehearsal uses the engine one way only: live, or into files.
See docs/decisions.md for the driver's queueing quirk worked around in `render`.
"""

from __future__ import annotations

import contextlib
import io
import os
import queue
import tempfile
import time
import wave
from array import array
from pathlib import Path

RATE_WORDS_PER_MINUTE = 160
SYNTHESIS_TIMEOUT = 300.0  # only turns a hung synthesiser into an error; a long lesson on a busy machine takes a while
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
        outcome: queue.SimpleQueue[bool] = queue.SimpleQueue()  # espeak-ng's thread says when a file is done
        token = self.engine.connect("finished-utterance", lambda completed=True, **_: outcome.put(completed))
        try:
            with tempfile.TemporaryDirectory() as tmp:
                paths = [Path(tmp) / f"{i}.wav" for i in range(len(texts))]
                with contextlib.redirect_stdout(io.StringIO()), _quiet_stderr():  # "Audio saved to …"
                    for text, path in zip(texts, paths, strict=True):
                        self._save(text, path, outcome)
                return [read_samples(p) for p in paths]
        finally:
            self.engine.disconnect(token)

    def _save(self, text: str, path: Path, outcome: queue.SimpleQueue[bool], tries: int = 3) -> None:
        """One file per run: pyttsx3 2.99's espeak driver keeps only the last queued save_to_file. Its
        synthesis is asynchronous (AUDIO_OUTPUT_RETRIEVAL), and the end of each run cancels whatever espeak-ng
        still reports as playing: a run started while the last one is winding down is cancelled
        ('finished-utterance' with completed=False, no file). Such a run is simply made again."""
        for _ in range(tries):
            _wait_until_idle()
            while not outcome.empty():  # a cancelled run may report after the run that replaced it
                outcome.get_nowait()
            self.engine.save_to_file(text, str(path))
            self.engine.runAndWait()
            try:
                completed = outcome.get(timeout=SYNTHESIS_TIMEOUT)
            except queue.Empty:
                break
            if completed and path.exists() and path.stat().st_size > 44:
                return
        raise RuntimeError(f"espeak-ng did not write {path.name}")


def _wait_until_idle(timeout: float = 10.0) -> None:
    """espeak-ng reports itself playing for a moment after its last callback; a run started then is cancelled."""
    from pyttsx3.drivers import _espeak

    deadline = time.monotonic() + timeout
    while _espeak.IsPlaying() and time.monotonic() < deadline:
        time.sleep(0.002)


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
