"""The cold-start baseline on DynamoDB is a working skill: the SDK's adapter reads and writes its table."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT

from skill.alexa.envelopes import Device


def test_hello_world_with_the_sdks_dynamodb_adapter_answers_and_persists(dynamo, tmp_path):
    dynamo.create_table("HelloProgress")
    event = tmp_path / "launch.json"
    event.write_text(json.dumps(Device().launch()))
    probe = ("import json, sys; from benchmarks import hello_dynamodb as h;"
             "print(json.dumps(h.lambda_handler(json.load(open(sys.argv[1])), None)))")
    for _ in range(2):
        done = subprocess.run([sys.executable, "-c", probe, str(event)], cwd=ROOT, capture_output=True, text=True,
                              env={**os.environ, "HELLO_TABLE": "HelloProgress"}, check=False)
        assert done.returncode == 0, done.stderr
        assert "Hello again" in json.loads(done.stdout.strip().splitlines()[-1])["response"]["outputSpeech"]["ssml"]
    assert dynamo.reads() == 2 and dynamo.writes() == 2
