"""Where the couple's voice comes from — a folder of WAV files (the test seam) or the microphone — and where
speech begins and ends in it.

Speech detection is WebRTC's voice activity detector as pocketsphinx ships it (`Endpointer`): an utterance
begins when most of a 0.3 s window is speech and ends when most of one is not. Audio stays in memory and
is dropped once recognised; only `--keep-audio DIR` writes it, for debugging.
"""

from __future__ import annotations

import queue
import re
import time
import wave
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

from .recogniser import RATE

WINDOW = 0.3  # seconds of audio the speech detector decides on


class Unreadable(Exception):
    """A WAV file the recogniser cannot take (it needs 16 kHz, mono, 16-bit)."""


def speech_in(pcm: bytes) -> Iterator[bytes]:
    """The utterances in a stretch of audio, each as its own samples (silence before and after left out)."""
    from pocketsphinx import Endpointer

    detector = Endpointer(window=WINDOW, sample_rate=RATE)
    size, current = detector.frame_bytes, bytearray()
    pcm += bytes(-len(pcm) % size)
    for at in range(0, len(pcm), size):
        speech = detector.process(pcm[at:at + size])
        if speech is not None:
            current += speech
        if not detector.in_speech and current:
            yield bytes(current)
            current = bytearray()
    if detector.in_speech:
        current += detector.end_stream(bytes(size)) or b""
    if current:
        yield bytes(current)


class WavFolder:
    """`--listen-from DIR`: what the couple says each time the skill listens, as DIR's WAV files in the order
    of the number each name starts with ("001-names.wav", "002.wav", …). A number with no file is silence;
    after the highest number the couple has nothing more to say."""

    def __init__(self, folder: Path):
        self.files: dict[int, Path] = {}
        for path in sorted(folder.glob("*.wav")):
            number = re.match(r"\d+", path.name)
            if number:
                self.files.setdefault(int(number[0]), path)
        for path in self.files.values():  # a file it cannot take is said at the start, not mid-evening
            read_wav(path)
        self.last = max(self.files, default=0)
        self.count = 0

    @property
    def exhausted(self) -> bool:
        return self.count >= self.last

    def take(self) -> tuple[str, bytes | None]:
        """The next listen's file name and audio (None: silence)."""
        self.count += 1
        path = self.files.get(self.count)
        if path is None:
            return f"{self.count:03d} (no file: silence)", None
        return path.name, read_wav(path)


def read_wav(path: Path) -> bytes:
    with wave.open(str(path), "rb") as w:
        if (w.getframerate(), w.getnchannels(), w.getsampwidth()) != (RATE, 1, 2):
            raise Unreadable(f"{path.name}: the recogniser needs 16 kHz mono 16-bit WAV "
                             f"(sox IN.wav -r 16000 -c 1 -b 16 OUT.wav)")
        return w.readframes(w.getnframes())


def keep(folder: Path | None, number: int, moment: str, pcm: bytes) -> None:
    """--keep-audio: one utterance written as it was heard, named by its order and the grammar it met."""
    if folder is None:
        return
    folder.mkdir(parents=True, exist_ok=True)
    with wave.open(str(folder / f"{number:03d}-{moment.replace(':', '-')}.wav"), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(pcm)


class Utterance(NamedTuple):
    pcm: bytes
    started: float  # time.monotonic() when speech began
    ended: float  # … and when the detector decided it had ended


class Microphone:
    """The default input device through sounddevice (PortAudio), read in a thread: finished utterances
    arrive on `utterances`. Opening it raises OSError with one line of reason when there is no device."""

    def __init__(self):
        try:
            import sounddevice
        except OSError as exc:  # the PortAudio library is missing
            raise OSError(f"no PortAudio library ({exc}); install libportaudio2") from exc
        try:
            sounddevice.check_input_settings(samplerate=RATE, channels=1, dtype="int16")
        except Exception as exc:  # sounddevice raises PortAudioError or ValueError when no device fits
            raise OSError(f"no microphone found ({exc})") from exc
        from pocketsphinx import Endpointer

        self.utterances: queue.Queue[Utterance] = queue.Queue()
        self._detector = Endpointer(window=WINDOW, sample_rate=RATE)
        self._current = bytearray()
        self._started = 0.0
        self._stream = sounddevice.RawInputStream(samplerate=RATE, channels=1, dtype="int16",
                                                  blocksize=self._detector.frame_bytes // 2, callback=self._heard)
        self._stream.start()

    def _heard(self, data, frames, when, status) -> None:
        speech = self._detector.process(bytes(data))
        if speech is not None:
            if not self._current:
                self._started = time.monotonic()
            self._current += speech
        if not self._detector.in_speech and self._current:
            self.utterances.put(Utterance(bytes(self._current), self._started, time.monotonic()))
            self._current = bytearray()

    def close(self) -> None:
        self._stream.stop()
        self._stream.close()
