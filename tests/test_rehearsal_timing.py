"""The countdown and interruption: with an injected clock, and once for real through a pipe."""

from __future__ import annotations

import io
import os
import threading
import time

from skill.journeys import load_library
from skill.rehearsal.emulator import Rehearsal
from skill.rehearsal.matcher import Matcher
from skill.rehearsal.player import Player, RealClock, bar
from skill.speech.ssml import read as pieces


class FakeClock:
    """Time moves only when the player waits; a line is 'typed' once the clock reaches its time."""

    def __init__(self, typed: dict[float, str] | None = None):
        self.t = 0.0
        self.typed = dict(typed or {})

    def now(self) -> float:
        return self.t

    def wait_for_input(self, seconds: float) -> str | None:
        due = [at for at in self.typed if self.t < at <= self.t + seconds]
        if due:
            self.t = min(due)
            return self.typed.pop(self.t)
        self.t += seconds
        return None


TURN = ('<speak><p>Sam, your turn.</p><audio src="soundbank://soundlibrary/musical/amzn_sfx_bell_short_chime_01"/>'
        + '<break time="10s"/>' * 6 + '<audio src="soundbank://soundlibrary/musical/amzn_sfx_bell_timer_01"/>'
        + "<p>Say next.</p></speak>")


def test_ssml_becomes_speech_one_pause_and_bells():
    assert [(p.kind, p.text or p.seconds) for p in pieces(TURN)] == [
        ("say", "Sam, your turn."), ("chime", "start"), ("pause", 60.0), ("chime", "end"), ("say", "Say next.")]


def test_countdown_draws_a_bar_every_second_and_runs_its_length():
    out = io.StringIO()
    player = Player(out, FakeClock(), live=False)
    playback = player.play(TURN)
    assert playback.interrupted_by is None and playback.elapsed == 60
    assert out.getvalue().count("left (Enter to skip)") == 61  # 60 ticks and the final full bar
    assert bar(45, 60).strip().startswith("[#######") and "0:45 left" in bar(45, 60)


def test_typing_during_a_wait_interrupts_it():
    out = io.StringIO()
    playback = Player(out, FakeClock({12.0: "next"}), live=False).play(TURN)
    assert playback.interrupted_by == "next" and playback.elapsed == 12.0
    assert "Say next." not in out.getvalue()  # the rest of the response was cut short


def test_interrupting_the_first_turn_goes_to_the_second_partner(tmp_path):
    from skill.alexa.envelopes import Device
    from skill.alexa.invoke import Invoker
    from skill.alexa.skill import build_skill
    from skill.progress.store import open_store

    library = load_library()
    out = io.StringIO()
    clock = FakeClock()
    rehearsal = Rehearsal(Invoker(build_skill(library, open_store(f"sqlite:///{tmp_path / 'p.db'}"), skill_id="")),
                          Matcher(library), Player(out, clock, live=False), Device(), out)
    clock.typed[30.0] = "next"  # 30 s into the activity (speech takes no time here): during Sam's turn
    rehearsal.run(iter(["we're sam and alex", "yes", "ready"]))  # names, yes to hear the lesson, ready
    text = out.getvalue()
    assert text.rindex("Now Alex, your turn") > text.rindex("You: next")


def test_countdown_for_real_through_a_pipe():
    read_end, write_end = os.pipe()
    reader = os.fdopen(read_end, "r")
    out = io.StringIO()
    player = Player(out, RealClock(reader), live=False)
    started = time.monotonic()
    assert player.countdown(1.2) is None
    assert 1.1 < time.monotonic() - started < 3
    threading.Timer(0.4, lambda: os.write(write_end, b"next\n")).start()
    started = time.monotonic()
    assert player.countdown(5) == "next"
    assert time.monotonic() - started < 2
    os.close(write_end)
    reader.close()
