"""Rehearsal: from starting the command to the first spoken word, against the least a program can do to
say a word with pyttsx3 (import it, start espeak-ng, hand it a sentence). Goal: under one second."""

from __future__ import annotations

import statistics
import subprocess
import sys
import tempfile
import time

from .support import ROOT, scratch_db
from .timing import row

RUNS = 5
BARE = ("import pyttsx3, contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()): engine = pyttsx3.init('espeak')\n"
        "print('Alexa: Welcome', flush=True)\n")


def first_word(command: list[str]) -> float:
    """Seconds from spawning `command` until it prints its first line said by the skill."""
    start = time.perf_counter()
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True) as proc:
        for line in proc.stdout:
            if line.startswith("Alexa:"):
                elapsed = time.perf_counter() - start
                proc.kill()
                return elapsed
    raise RuntimeError(f"{command} never spoke")


def main() -> None:
    print("rehearsal: command start to the first spoken word")
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as script:
        script.write("\n")
    ours = [sys.executable, "-m", "skill", "rehearse", "--script", script.name, "--fast", "--store", scratch_db()]
    bare = [sys.executable, "-c", BARE]
    make = ["make", "-s", "rehearse", f"ARGS=--script {script.name} --fast --store {scratch_db()}"]
    samples: dict[str, list[float]] = {"bare": [], "ours": [], "make": []}
    for _ in range(RUNS):
        samples["bare"].append(first_word(bare))
        samples["ours"].append(first_word(ours))
        samples["make"].append(first_word(make))
    base = statistics.median(samples["bare"])
    print(row("pyttsx3 + espeak-ng saying one word (baseline)", base, base))
    print(row("python -m skill rehearse", statistics.median(samples["ours"]), base))
    made = statistics.median(samples["make"])
    print(row("make rehearse (already set up)", made, base))
    print(f"  goal: the couple hears the skill in under a second: {'ok' if made < 1.0 else 'MISSES'}"
          f" ({made:.2f} s)")


if __name__ == "__main__":
    main()
