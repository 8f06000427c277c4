"""Listening: how well the offline recogniser hears the couple, on speech flite makes now (no recordings).

- accuracy per voice on a held set: the phrases the skill offers, the numbers one to ten for the check-in,
  first names from the dictionary — heard right when it means what the typed words mean (intent and slots);
- false accepts: off-grammar phrases taken as a phrase, per moment; and commands taken from a minute of the
  couple's own talk during a turn (goal: 0);
- from the end of speech to the first word of the reply (goal: ≤ 300 ms), against the typed path (the same
  words typed: matched and answered) as the baseline; the speech detector's own wait for silence is shown
  apart, since it is spent before the end of speech can be known.
"""

from __future__ import annotations

import statistics
import tempfile
import time
import wave
from pathlib import Path

from .support import ROOT  # noqa: F401 — puts tests/ on the path (spoken.py)

# (what is said, the moment it is said in); each is heard by every voice
HELD = [("ready", "learning"), ("next", "turns"), ("we're ready", "learning"), ("yes", "offer"),
        ("no", "offer"), ("skip", "check_in"), ("repeat", "turns"), ("go back", "turns"), ("stop", "turns"),
        ("help", "offer"), ("more time", "turns"), ("who goes first", "turns"), ("not tonight", "offer"),
        ("yes please", "reminder_offer"), ("no thanks", "reminder_offer"), ("what was the question", "reflection"),
        ("remind us every evening at eight pm", "reminder_offer"), ("list the journeys", "offer"),
        ("start everyday appreciation", "offer"), ("make turns two minutes", "turns")]
NUMBERS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
NAMES = [("sam", "alex"), ("robin", "taylor"), ("emma", "james"), ("maria", "david"), ("lucy", "ben")]
OFF = ["we should paint the kitchen green", "did you lock the back door", "the film starts at nine",
       "I was thinking about my sister", "pass me the blanket please", "uh huh", "that is so funny",
       "where did you put my glasses", "I can't believe it's already December", "let me think about it"]
MOMENTS = ("offer", "turns", "check_in+CheckInIntent.score", "names+NamesIntent.firstName")
VOICES = ("slt", "awb", "rms", "kal")


def audio(path: Path) -> bytes:
    from skill.rehearsal.listening.audio import speech_in

    with wave.open(str(path)) as w:
        return b"".join(speech_in(w.readframes(w.getnframes())))


def main() -> None:
    from spoken import COUPLE_TALK, say, speech_tools, talk

    if not speech_tools:
        print("listening: skipped — flite and sox are not installed (make setup installs them)")
        return
    from skill.journeys import load_library
    from skill.rehearsal.listening.grammar import WAKE
    from skill.rehearsal.listening.recogniser import Recogniser
    from skill.rehearsal.matcher import Matcher

    library = load_library()
    started = time.perf_counter()
    recogniser = Recogniser(library)
    print(f"listening: offline recognition on flite's voices (recogniser ready in "
          f"{time.perf_counter() - started:.2f} s)")
    matcher = Matcher(library)
    folder = Path(tempfile.mkdtemp(prefix="cj-bench-listen-"))
    cases = [(text, moment) for text, moment in HELD] + \
        [(n, "check_in+CheckInIntent.score") for n in NUMBERS] + \
        [(f"we're {a} and {b}", "names+NamesIntent.firstName") for a, b in NAMES]
    decode: list[float] = []
    for voice in VOICES:
        right, missed = 0, []
        for i, (text, moment) in enumerate(cases):
            pcm = audio(say(text, folder / f"{voice}-{i}.wav", voice))
            begun = time.perf_counter()
            heard = recogniser.hear(pcm, moment)
            decode.append(time.perf_counter() - begun)
            elicited = tuple(moment.partition("+")[2].split(".")) or None
            if heard and matcher.match(heard, elicited) == matcher.match(text, elicited):
                right += 1
            else:
                missed.append(f"{text!r}→{heard!r}")
        print(f"  {voice}: heard right {right} of {len(cases)}" + (f"; missed {', '.join(missed)}" if missed else ""))
    for voice in VOICES[:3]:
        taken = []
        for i, text in enumerate(OFF):
            pcm = audio(say(text, folder / f"off-{voice}-{i}.wav", voice))
            taken += [f"{text!r}→{heard!r} ({m})" for m in MOMENTS if (heard := recogniser.hear(pcm, m))]
        print(f"  {voice}: off-grammar phrases taken as a phrase: {len(taken)} of {len(OFF) * len(MOMENTS)}"
              + (f" ({'; '.join(taken)})" if taken else ""))
    from skill.rehearsal.listening.audio import speech_in

    conversation = talk(COUPLE_TALK[::-1], folder / "talk.wav", seconds=60)
    with wave.open(str(conversation)) as w:
        utterances = list(speech_in(w.readframes(w.getnframes())))
    commands = [c for u in utterances if (c := recogniser.hear(u, f"{WAKE}:turns"))]
    print(f"  a minute of the couple's talk during a turn ({len(utterances)} utterances): {len(commands)} commands "
          f"taken (goal 0){': ' + ', '.join(commands) if commands else ''}")
    reply_latency(recogniser, matcher, library, folder, decode)


def reply_latency(recogniser, matcher, library, folder: Path, decode: list[float]) -> None:
    """End of speech → the reply's first words, in process: recognise, match, the skill answers."""
    from spoken import say

    from skill.alexa.invoke import Invoker
    from skill.alexa.skill import build_skill
    from skill.progress.sqlite_store import SqliteStore
    from skill.rehearsal.emulator import device_for
    from skill.rehearsal.listening.audio import WINDOW
    from skill.speech.ssml import read

    store = SqliteStore(str(folder / "progress.db"))
    invoker = Invoker(build_skill(library, store, skill_id=""))
    pcm = audio(say("what was the question", folder / "latency.wav", "slt"))

    def answer(text: str) -> str:
        device = device_for("bench", "http://127.0.0.1:9", time_now())
        device.session_id = "amzn1.echo-api.session.bench"
        match = matcher.match(text)
        response = invoker.handle(device.intent(match.intent, match.slots))
        ssml = response["response"]["outputSpeech"]["ssml"]
        return next(p.text for p in read(ssml) if p.kind == "say")

    typed, heard = [], []
    for _ in range(15):
        begun = time.perf_counter()
        answer("what was the question")
        typed.append(time.perf_counter() - begun)
        begun = time.perf_counter()
        answer(recogniser.hear(pcm, "turns") or "")
        heard.append(time.perf_counter() - begun)
    base, ours = statistics.median(typed), statistics.median(heard)
    print(f"  decoding one utterance: median {statistics.median(decode) * 1000:.0f} ms, "
          f"slowest {max(decode) * 1000:.0f} ms")
    print(f"  typed words to the reply's first words (baseline)      {base * 1000:8.1f} ms")
    print(f"  end of speech to the reply's first words               {ours * 1000:8.1f} ms   "
          f"{ours / base:5.1f}× baseline  {'ok' if ours <= 0.3 else 'MISSES'} (goal ≤ 300 ms)")
    print(f"  + the speech detector's wait for silence before it     {WINDOW * 0.9 * 1000:8.0f} ms")


def time_now():
    from datetime import UTC, datetime

    return datetime.now(UTC).replace(microsecond=0)


if __name__ == "__main__":
    main()
