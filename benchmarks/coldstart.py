"""Cold start: a new process imports the Lambda handler and answers one LaunchRequest, against an ASK SDK
hello world doing the same, on the same store, in one run. Goals: at most 1.5× on SQLite against the bare
hello world; at most 1.2× on DynamoDB (production) against hello world with the SDK's DynamoDB adapter.

The clock starts before the handler module is imported and stops when the response is back; the
interpreter's own start-up, the same for all, is left out. Each run also reports the first request alone
(after the import and set-up): what a SnapStart restore would leave, before the restore itself. Runs are
interleaved; medians are compared. The couple is a returning one: their record exists.
"""

from __future__ import annotations

import json
import logging
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
ready = time.perf_counter()
handler_module.lambda_handler(event, None)
print(time.perf_counter() - start, time.perf_counter() - ready)
"""


def once(module: str, event_file: str, env: dict[str, str]) -> tuple[float, float]:
    """(import + first request, first request alone) in seconds."""
    code = PROBE.format(lambda_dir=str(ROOT / "lambda"), root=str(ROOT), module=module)
    done = subprocess.run([sys.executable, "-c", code, event_file], capture_output=True, text=True, check=True,
                          env={**os.environ, **env}, cwd=ROOT)
    total, first = done.stdout.strip().splitlines()[-1].split()
    return float(total), float(first)


def measure(cases: dict[str, tuple[str, dict[str, str]]], event_file: str) -> dict[str, list[tuple[float, float]]]:
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in cases}
    for module, env in cases.values():
        once(module, event_file, env)  # warm the bytecode caches, and store the couple's record
    for _ in range(RUNS):
        for name, (module, env) in cases.items():
            samples[name].append(once(module, event_file, env))
    return samples


def main() -> None:
    from dynamo_server import DynamoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # the server's line per request
    print("cold start: import the handler + answer a LaunchRequest, in a new process")
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(Device().launch(), f)
    compiled = str(compiled_journeys())
    in_lambda = {"AWS_LAMBDA_FUNCTION_NAME": "couple-journeys"}  # the handler builds the skill at import
    aws = {"AWS_ACCESS_KEY_ID": "bench", "AWS_SECRET_ACCESS_KEY": "bench", "AWS_REGION": "us-east-1",
           "AWS_DEFAULT_REGION": "us-east-1"}
    with DynamoServer() as server:
        server.create_table("Progress")
        server.create_table("HelloProgress")
        dynamo = {**aws, "AWS_ENDPOINT_URL_DYNAMODB": server.url}
        cases = {
            "hello": ("benchmarks.hello_skill", {}),
            "ours, SQLite, compiled journeys (as deployed)": ("lambda_function", {
                **in_lambda, "PROGRESS_STORE": scratch_db(), "JOURNEYS_DIR": compiled}),
            "ours, SQLite, journeys parsed at start": ("lambda_function", {
                **in_lambda, "PROGRESS_STORE": scratch_db(), "JOURNEYS_DIR": str(ROOT / "journeys")}),
            "hello + SDK DynamoDB adapter": ("benchmarks.hello_dynamodb", {**dynamo, "HELLO_TABLE": "HelloProgress"}),
            "ours, DynamoDB (as deployed)": ("lambda_function", {
                **in_lambda, **dynamo, "PROGRESS_STORE": "dynamodb://Progress", "JOURNEYS_DIR": compiled}),
        }
        samples = measure(cases, f.name)
    os.unlink(f.name)
    total = {name: statistics.median(s[0] for s in runs) for name, runs in samples.items()}
    first = {name: statistics.median(s[1] for s in runs) for name, runs in samples.items()}
    print(row("hello-world skill (baseline)", total["hello"], total["hello"]))
    print(row("ours, SQLite, compiled journeys (as deployed)", total[list(cases)[1]], total["hello"], 1.5))
    print(row("ours, SQLite, journeys parsed at start", total[list(cases)[2]], total["hello"]))
    base = total["hello + SDK DynamoDB adapter"]
    print(row("hello + SDK DynamoDB adapter (baseline)", base, base))
    print(row("ours, DynamoDB (as deployed)", total["ours, DynamoDB (as deployed)"], base, 1.2))
    print("  first request after import and set-up (with SnapStart, a restore leaves this):")
    base = first["hello + SDK DynamoDB adapter"]
    print(row("hello + SDK DynamoDB adapter (baseline)", base, base))
    print(row("ours, DynamoDB", first["ours, DynamoDB (as deployed)"], base))


if __name__ == "__main__":
    main()
