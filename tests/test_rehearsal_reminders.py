"""The rehearsal answers the Alexa Reminders API itself and asks for the permission in the terminal:
the whole flow through the CLI, in script mode."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

SCRIPT = ["we're sam and alex", "remind us every evening at eight pm", "no", "remind us every evening at eight pm",
          "yes", "when is our reminder", "stop reminding us", "when is our reminder", "remind us tomorrow at 9 pm",
          ""]


def test_reminders_through_the_cli_with_consent_asked_in_the_terminal(tmp_path):
    (tmp_path / "script.txt").write_text("\n".join(SCRIPT) + "\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "skill", "rehearse", "--script", str(tmp_path / "script.txt"), "--fast", "--silent",
         "--store", f"sqlite:///{tmp_path / 'progress.db'}", "--couple", "reminders"],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=120)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    asked = "(Alexa asks: may Couple Journeys set reminders for you? Say yes or no.)"
    assert out.count("To set a reminder, I need your permission first.") == 2 and out.count(asked) == 2
    assert "All right, no reminder. If you change your mind, you can allow reminders" in out
    assert "(reminder set: every evening at 20:00 — Alexa will say: “It's time for Couple Journeys." in out
    assert "Done. I'll remind you every day at 8 pm." in out
    assert "Your reminder is every day at 8 pm." in out
    assert "(reminder cancelled)" in out and "Done. I won't remind you any more." in out
    assert "There's no reminder from me." in out
    assert "Done. I'll remind you tomorrow at 9 pm." in out and "(reminder set: on " in out
    assert out.index("(reminder set: every evening") < out.index("Done. I'll remind you every day")


def test_a_permission_given_once_is_kept_for_the_next_rehearsal(tmp_path):
    """As on a real device, the permission (and the reminders set with it) outlive one run (issue 21, 8)."""
    runs = [["we're sam and alex", "remind us every evening at eight pm", "yes", ""],
            ["when is our reminder", "remind us every evening at nine pm", ""]]
    outs = []
    for number, script in enumerate(runs):
        path = tmp_path / f"script{number}.txt"
        path.write_text("\n".join(script) + "\n", encoding="utf-8")
        done = subprocess.run(
            [sys.executable, "-m", "skill", "rehearse", "--script", str(path), "--fast", "--silent",
             "--store", f"sqlite:///{tmp_path / 'progress.db'}", "--couple", "kept"],
            cwd=ROOT, capture_output=True, text=True, check=False, timeout=120)
        assert done.returncode == 0, done.stderr
        outs.append(done.stdout)
    assert "Done. I'll remind you every day at 8 pm." in outs[0]
    assert "need your permission" not in outs[1] and "Your reminder is every day at 8 pm." in outs[1]
    assert "Done. Your reminder is now every day at 9 pm." in outs[1]
