"""Cold start: a new process imports the Lambda handler and answers one LaunchRequest, against the
hello-world skill doing the same. Goal: at most 1.5x on the SQLite store.

The clock starts before the handler module is imported and stops when the response is back; the
interpreter's own start-up, the same for both, is left out. Runs are interleaved; medians are compared.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile

from skill.alexa.envelopes import Device

from .support import ROOT, compiled_journeys, scratch_db
from .timing import row

RUNS = 9
PROBE = """
import json, sys, time
event = json.load(open(sys.argv[1]))
sys.path[:0] = [{lambda_dir!r}, {root!r}]
start = time.perf_counter()
import {module} as handler_module
handler_module.lambda_handler(event, None)
print(time.perf_counter() - start)
"""


def once(module: str, event_file: str, env: dict[str, str]) -> float:
    code = PROBE.format(lambda_dir=str(ROOT / "lambda"), root=str(ROOT), module=module)
    done = subprocess.run([sys.executable, "-c", code, event_file], capture_output=True, text=True, check=True,
                          env={**os.environ, **env}, cwd=ROOT)
    return float(done.stdout.strip().splitlines()[-1])


def main() -> None:
    print("cold start: import the handler + answer a LaunchRequest, in a new process")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(Device().launch(), f)
    compiled = str(compiled_journeys())
    cases = {
        "hello": ("benchmarks.hello_skill", {}),
        "ours, SQLite, compiled journeys (as deployed)": ("lambda_function", {
            "PROGRESS_STORE": scratch_db(), "JOURNEYS_DIR": compiled}),
        "ours, SQLite, journeys parsed at start": ("lambda_function", {
            "PROGRESS_STORE": scratch_db(), "JOURNEYS_DIR": str(ROOT / "journeys")}),
    }
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for module, env in cases.values():
        once(module, f.name, env)  # warm the bytecode caches once
    for _ in range(RUNS):
        for name, (module, env) in cases.items():
            samples[name].append(once(module, f.name, env))
    base = statistics.median(samples["hello"])
    print(row("hello-world skill (baseline)", base, base))
    for name in list(cases)[1:]:
        goal = 1.5 if "as deployed" in name else None
        print(row(name, statistics.median(samples[name]), base, goal))
    os.unlink(f.name)


if __name__ == "__main__":
    main()
