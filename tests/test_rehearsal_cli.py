"""The rehearsal as a newcomer meets it, through the real command line: Enter in a countdown (on a
pseudo-terminal), a silent WAV-only run, output folders, the shipped script, --at, and the clock."""

from __future__ import annotations

import os
import pty
import select
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import ROOT
from test_rehearsal import needs_voice, rehearse

from skill.__main__ import main
from skill.session import step


class Terminal:
    """The CLI on a pseudo-terminal: what it prints, and lines typed into it."""

    def __init__(self, *args: str):
        master, slave = pty.openpty()
        self.proc = subprocess.Popen([sys.executable, "-m", "skill", "rehearse", *args], cwd=ROOT, stdin=slave,
                                     stdout=slave, stderr=slave, start_new_session=True)
        os.close(slave)
        self.fd, self.seen, self.read_to = master, "", 0

    def expect(self, text: str, timeout: float = 30) -> str:
        """Read until `text` appears; returns everything read up to and including it."""
        start, deadline = self.read_to, time.monotonic() + timeout
        while text not in self.seen[start:]:
            ready, _, _ = select.select([self.fd], [], [], max(0.0, deadline - time.monotonic()))
            if not ready:
                raise AssertionError(f"no {text!r} in {self.seen[start:]!r}")
            self.seen += os.read(self.fd, 4096).decode(errors="replace")
        self.read_to = self.seen.index(text, start) + len(text)
        return self.seen[start:self.read_to]

    def type(self, line: str) -> None:
        os.write(self.fd, line.encode() + b"\n")

    def close(self) -> None:
        self.proc.kill()
        self.proc.wait()
        os.close(self.fd)


def test_enter_during_a_countdown_is_next_and_typing_is_not_glued_to_the_bar(tmp_path):
    term = Terminal("--silent", "--store", f"sqlite:///{tmp_path / 'p.db'}", "--couple", "t")
    try:
        assert "Progress is kept in" in term.expect("first names")
        term.expect("You: ")
        term.type("we're sam and alex")
        term.expect("You: ")
        term.type("yes")  # hear the lesson
        term.expect("You: ")
        term.type("ready")
        term.expect("(Enter to skip)")
        term.type("")  # Enter alone, during Sam's turn on sentence 1
        term.expect("You: next (Enter)")
        term.expect("Now Alex, your turn")  # Alex's turn is not lost
        term.expect("(Enter to skip)\r\nYou: ")  # the bar has its own line, above where the couple types
        term.expect("left (Enter to skip)\x1b[K\x1b8")  # redrawn above, the cursor back on the You: line
        term.type("next")
        term.expect("Alex, finish this sentence for Sam: Something")  # sentence 2
        assert "skip)next" not in term.seen and "\x1b8next" in term.seen  # typed on the You: line
    finally:
        term.close()


@needs_voice
def test_silent_wav_only_run_writes_wavs_and_creates_the_folders(tmp_path):
    done = rehearse(tmp_path, ["skip", "stop"], "--silent", "--wav-dir", str(tmp_path / "out" / "wav"),
                    "--transcript", str(tmp_path / "out" / "logs" / "t.jsonl"))
    assert done.returncode == 0, done.stderr
    wavs = sorted((tmp_path / "out" / "wav").glob("*.wav"))
    assert len(wavs) == 3 and all(w.stat().st_size > 10_000 for w in wavs)
    assert f"3 responses written as WAVs to {tmp_path / 'out' / 'wav'}" in done.stdout
    assert len((tmp_path / "out" / "logs" / "t.jsonl").read_text().splitlines()) == 3


def test_the_shipped_example_evening_completes_day_one(tmp_path):
    script = (ROOT / "examples" / "evening.txt").read_text(encoding="utf-8").splitlines()
    done = rehearse(tmp_path, script, "--silent")
    assert done.returncode == 0, done.stderr
    assert "That's Day 1 complete" in done.stdout
    assert f"Progress is kept in {tmp_path / 'progress.db'}" in done.stdout.splitlines()[0]
    assert "erase everything" in done.stdout.splitlines()[0]


def test_rehearsing_tomorrow_offers_day_two(tmp_path):
    journeys = tmp_path / "journeys"
    journeys.mkdir()
    shutil.copy(ROOT / "journeys" / "everyday-appreciation.md", journeys)
    day_one = ["we're sam and alex", "ready", "next", "next", "next", "skip"]
    first = rehearse(tmp_path, day_one, "--silent", "--journeys", str(journeys), "--at", "2026-03-14T20:00")
    assert "That's Day 1 complete" in first.stdout
    later = rehearse(tmp_path, [], "--silent", "--journeys", str(journeys), "--at", "2026-03-14T22:30")
    assert "You finished Day 1 earlier today" in later.stdout
    tomorrow = rehearse(tmp_path, [], "--silent", "--journeys", str(journeys), "--at", "2026-03-15T20:00")
    assert "Tonight is Day 2 of Everyday Appreciation: Appreciating Who, Not Just What" in tomorrow.stdout
    wrong = rehearse(tmp_path, [], "--silent", "--at", "tomorrow")
    assert wrong.returncode == 2 and "YYYY-MM-DDTHH:MM" in wrong.stdout


@pytest.mark.parametrize("at", ["2026-03-14T20:00", "2026-03-14T20:01"])
def test_a_reply_after_a_whole_response_never_reads_as_a_barge_in(tmp_path, monkeypatch, capsys, at):
    """--fast: every reply in Day 1 comes after the response it answers, by the skill's own reckoning."""
    seen: list[str | None] = []
    playing = step.Step.playing

    def recorded(turn):
        seen.append(playing(turn))
        return seen[-1]

    monkeypatch.setattr(step.Step, "playing", recorded)
    script = tmp_path / "s.txt"
    script.write_text("\n".join([*Path(ROOT / "examples" / "evening.txt").read_text().splitlines()[:5], "stop",
                                 "open couple journeys"]) + "\n")
    assert main(["rehearse", "--script", str(script), "--fast", "--silent", "--at", at,
                 "--store", f"sqlite:///{tmp_path / 'p.db'}"]) == 0
    assert seen and not any(seen), seen
    assert "at the fourth of four sentences" in capsys.readouterr().out  # three heard: "stop" kept the fourth


def test_choosing_a_journey_and_erasing_everything_as_the_readme_says(tmp_path):
    done = rehearse(tmp_path, ["skip", "list the journeys", "start everyday appreciation", "erase everything",
                               "yes"], "--silent")
    assert "Switching to Everyday Appreciation" in done.stdout
    assert "Everything is erased" in done.stdout
    again = rehearse(tmp_path, [], "--silent")
    assert "what are your first names" in again.stdout


def test_make_rehearse_passes_args_through(tmp_path):
    script = tmp_path / "s.txt"
    script.write_text("skip\nstop\n", encoding="utf-8")
    args = f"--script {script} --fast --silent --transcript {tmp_path / 'out' / 't.jsonl'} " \
           f"--store sqlite:///{tmp_path / 'p.db'}"
    done = subprocess.run([shutil.which("make"), "-s", "rehearse", f"ARGS={args}"], cwd=ROOT, capture_output=True,
                          text=True, check=False, timeout=600)
    assert done.returncode == 0, done.stderr
    assert len((tmp_path / "out" / "t.jsonl").read_text().splitlines()) == 3


def test_the_readme_links_and_example_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in ("docs/deploy.md", "docs/certification.md", "docs/privacy-policy.md", "examples/evening.txt"):
        assert path in readme and (ROOT / path).exists(), path


def test_request_timestamps_keep_milliseconds_when_the_clock_has_them():
    from datetime import UTC, datetime

    from skill.alexa.envelopes import Device

    device = Device(now=datetime(2026, 3, 14, 19, 0, 0, tzinfo=UTC))
    assert device.launch()["request"]["timestamp"] == "2026-03-14T19:00:00Z"  # as Alexa writes it
    device.wait(12.3456)
    assert device.intent("AMAZON.NextIntent")["request"]["timestamp"] == "2026-03-14T19:00:12.345Z"


def test_at_is_local_time_in_the_zone_the_skill_is_told():
    from datetime import UTC, datetime

    from skill.rehearsal.cli import moment

    assert moment("2026-03-14T20:00", "Europe/Berlin") == datetime(2026, 3, 14, 19, 0, tzinfo=UTC)
    assert moment("2026-07-14T20:00", "America/New_York") == datetime(2026, 7, 15, 0, 0, tzinfo=UTC)
    assert moment("2026-07-14T20:00", "Nowhere/Odd") == datetime(2026, 7, 14, 20, 0, tzinfo=UTC)  # as the skill


def test_a_script_line_can_barge_in_and_a_name_answers_who_goes_first(tmp_path):
    """"@45 next" is said 45 s into the last response, as typing during a countdown does live; "Robin" answers
    "Robin or Taylor?", which elicits a first name (issue 21)."""
    done = rehearse(tmp_path, ["we're robin and taylor", "skip it", "ready", "@45 next", "I want to go first",
                               "robin", "next"], "--silent", "--at", "2026-11-22T20:00")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "(interrupting 45 s into it)" in out
    after = out.split("You: next", 1)[1]
    assert after.lstrip().startswith("Alexa: Now Taylor, your turn.")  # Robin's turn was cut short by next
    assert "Robin starts the next sentence." in out  # the day has Taylor start sentence 2
    assert out.split("You: next")[-1].lstrip().startswith("Alexa: Robin, finish this sentence for Taylor")
