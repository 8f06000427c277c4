"""The listening rehearsal's parts: grammars drawn from the interaction model and the rule table, the offline
recogniser on speech flite makes at test time (one recogniser for the whole session), and the command line's
plain lines where it cannot listen."""

from __future__ import annotations

import io
import os
import queue
import re
import subprocess
import sys
import time
import wave

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spoken import CLEAR_VOICES, needs_speech, say

from skill.journeys import load_library
from skill.rehearsal.listening.audio import Utterance, WavFolder, speech_in
from skill.rehearsal.listening.ears import FromMicrophone
from skill.rehearsal.listening.grammar import WAKE, accepted_intents
from skill.rehearsal.listening.recogniser import pronounce
from skill.rehearsal.matcher import Matcher
from skill.session.state import Phase


@pytest.fixture(scope="session")
def recogniser():
    from skill.rehearsal.listening.recogniser import Recogniser

    return Recogniser(load_library())


@pytest.fixture(scope="session")
def spoken(tmp_path_factory):
    """Phrases spoken by flite, made once: {(text, voice): audio}."""
    folder = tmp_path_factory.mktemp("spoken")

    def make(text: str, voice: str) -> bytes:
        path = folder / f"{voice}-{re.sub(r'[^a-z]+', '_', text.lower())}.wav"
        if not path.exists():
            say(text, path, voice)
        with wave.open(str(path)) as w:
            return b"".join(speech_in(w.readframes(w.getnframes())))
    return make


def test_each_phase_hears_what_its_rules_take():
    names, offer, turns = (accepted_intents(p) for p in (Phase.NAMES, Phase.OFFER, Phase.TURNS))
    assert "NamesIntent" in names and "AMAZON.YesIntent" not in names  # yes to "what are your names?" is no answer
    assert "NamesIntent" not in offer and "SetNamesIntent" in offer  # bare names only where they were asked for
    assert "AMAZON.YesIntent" in offer and "CheckInIntent" not in offer
    assert {"AMAZON.NextIntent", "AMAZON.RepeatIntent", "MoreTimeIntent"} <= set(turns)


def test_a_timed_window_hears_only_the_wake_phrase_and_a_command(recogniser):
    grammars = recogniser.grammars
    text = grammars.jsgf(f"{WAKE}:{Phase.TURNS.value}")
    phrase = re.search(r"<phrase> = (.*);", text)[1]
    assert phrase.startswith(f"{grammars.wake_phrase} (") and "<" not in phrase  # no slots, no bare phrases
    assert grammars.complete(f"{WAKE}:turns", "journeys next")
    assert not grammars.complete(f"{WAKE}:turns", "next") and not grammars.complete(f"{WAKE}:turns", "journeys")


def test_grammars_take_only_whole_phrases_with_their_slots(recogniser):
    grammars = recogniser.grammars
    assert grammars.complete("names", "we're sam and alex") and grammars.complete("check_in", "about four")
    assert grammars.complete("check_in+CheckInIntent.score", "four") and not grammars.complete("check_in", "four")
    assert grammars.complete("names+NamesIntent.firstName", "sam and alex")
    assert not grammars.complete("names", "sam and alex")  # bare names: only when the skill asked for them
    assert grammars.complete("turns", "make turns two minutes")
    assert grammars.complete("reminder_offer", "remind us every evening at eight thirty pm")
    assert not grammars.complete("check_in", "four out")  # the decoder may stop inside a phrase
    assert not grammars.complete("offer", "four")


@needs_speech
@pytest.mark.parametrize("voice", CLEAR_VOICES)
def test_phrases_of_the_moment_are_heard_and_other_speech_is_not(recogniser, spoken, voice):
    matcher = Matcher(load_library())
    for text, moment in [("next", "turns"), ("we're sam and alex", "names+NamesIntent.firstName"),
                         ("four", "check_in+CheckInIntent.score"), ("more time", "turns"), ("ready", "learning")]:
        heard = recogniser.hear(spoken(text, voice), moment)
        elicited = tuple(moment.partition("+")[2].split(".")) or None
        assert heard and matcher.match(heard, elicited) == matcher.match(text, elicited), (text, voice, heard)
    for text in ("I think we should talk about money", "the kids are asleep upstairs"):
        assert recogniser.hear(spoken(text, voice), "turns") is None, (text, voice)
    assert recogniser.hear(spoken("journeys next", voice), f"{WAKE}:turns") == "journeys next"
    assert recogniser.hear(spoken("next", voice), f"{WAKE}:turns") is None  # said to each other, not to it


@needs_speech
def test_a_name_missing_from_the_dictionary_is_added_with_flites_pronunciation(recogniser):
    assert recogniser.decoder.lookup_word("quorbin") is None
    assert pronounce("quorbin") and recogniser.knows("quorbin") and recogniser.decoder.lookup_word("quorbin")
    assert pronounce("r2d2") == ""  # not a word: nothing to add


def test_files_are_taken_by_the_number_their_names_start_with(tmp_path):
    for name in ("002-ready.wav", "001.wav", "004.wav", "notes.wav"):
        with wave.open(str(tmp_path / name), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(16000)
            w.writeframes(b"\0\0" * 1600)
    folder = WavFolder(tmp_path)
    taken = [folder.take()[0] for _ in range(4)]
    assert taken == ["001.wav", "002-ready.wav", "003 (no file: silence)", "004.wav"] and folder.exhausted


def rehearse(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "skill", "rehearse", "--fast", "--silent", *args], cwd=ROOT,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, check=False, timeout=120)


def test_german_says_in_one_line_that_it_cannot_listen_and_reads_typed_lines(tmp_path):
    done = rehearse("--locale", "de-DE", "--listen", "--store", f"sqlite:///{tmp_path / 'p.db'}")
    assert done.returncode == 0, done.stderr
    said = [line for line in done.stdout.splitlines() if "de-DE" in line]
    assert said == ["Listening is English only: no offline de-DE speech model ships with pocketsphinx, "
                    "so this rehearsal reads typed lines."]
    assert "Willkommen" in done.stdout  # the evening goes on, typed


def test_without_a_microphone_one_line_says_so_and_typing_goes_on(tmp_path):
    pytest.importorskip("sounddevice", reason="sounddevice needs libportaudio2 (make setup installs it)")
    import sounddevice

    try:
        sounddevice.check_input_settings(samplerate=16000, channels=1, dtype="int16")
        pytest.skip("this machine has a microphone")
    except Exception:
        pass
    done = rehearse("--listen", "--store", f"sqlite:///{tmp_path / 'p.db'}")
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stdout.splitlines() if line.startswith("Cannot listen")]
    assert len(lines) == 1 and lines[0].endswith("This rehearsal reads typed lines."), done.stdout
    assert "Welcome to Couple Journeys" in done.stdout


class Microphone:
    """The microphone's side as ears.py sees it: finished utterances on a queue (no sound card here)."""

    def __init__(self):
        self.utterances = queue.Queue()

    def said(self, pcm: bytes, started: float) -> None:
        self.utterances.put(Utterance(pcm, started, time.monotonic()))


@needs_speech
def test_the_microphone_hears_only_while_listening_and_in_a_turn_only_the_wake_phrase(recogniser, spoken):
    read, write = os.pipe()
    microphone = Microphone()
    with os.fdopen(read) as keyboard, os.fdopen(write, "w") as typing:
        ears = FromMicrophone(microphone, recogniser, io.StringIO(), "en-US", stream=keyboard)
        microphone.said(spoken("stop", "slt"), time.monotonic() - 5)  # while the skill spoke: its own voice
        assert ears.wait_for_input(0.3) is None
        microphone.said(spoken("help", "rms"), time.monotonic() + 0.1)
        assert ears.wait_for_input(1) == "help"  # no session: the closed moment's grammar
        ears.window = "turns"  # a partner's turn is playing
        microphone.said(spoken("next", "slt"), time.monotonic())
        microphone.said(spoken("journeys next", "rms"), time.monotonic())
        assert ears.wait_for_input(1) == "next"
        assert "(heard: journeys, next)" in ears.out.getvalue()
        typing.write("we're done\n")
        typing.flush()
        assert ears.wait_for_input(1) == "we're done"  # typing works at any time


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=64_000).map(lambda b: b[: len(b) // 2 * 2]),
       st.sampled_from(["turns", "offer", "wake:turns"]))
def test_any_sound_is_a_whole_phrase_of_the_moment_or_nothing(recogniser, sound, moment):
    for utterance in [sound, *speech_in(sound)]:
        heard = recogniser.hear(utterance, moment)
        assert heard is None or recogniser.grammars.complete(moment, heard)


def test_a_file_it_cannot_take_is_one_line_at_the_start(tmp_path):
    (tmp_path / "said").mkdir()
    with wave.open(str(tmp_path / "said" / "001.wav"), "wb") as w:
        w.setnchannels(2)
        w.setsampwidth(2)
        w.setframerate(44100)
        w.writeframes(b"\0\0\0\0" * 100)
    (tmp_path / "said" / "002.wav").write_bytes(b"not a wav at all")
    done = rehearse("--listen-from", str(tmp_path / "said"), "--store", f"sqlite:///{tmp_path / 'p.db'}")
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    said = [line for line in done.stdout.splitlines() if line.startswith("--listen-from")]
    assert len(said) == 1 and "16 kHz mono 16-bit" in said[0], done.stdout
