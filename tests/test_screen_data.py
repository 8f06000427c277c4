"""What an Echo Show is sent, without rendering it: every response on a screen carries the document and
this moment's data, taps arrive as the spoken intents, and neither hostile taps nor hostile session
attributes break the screen (rendering: test_screens.py)."""

from __future__ import annotations

import json
import uuid

from alexa_support import checked, fresh_lambda
from hypothesis import given, settings
from hypothesis import strategies as st
from test_alexa_responses import start_evening
from test_hostile_input import CASES, INTENTS, answer, json_values, ours, skill  # noqa: F401 (a fixture)

from skill.alexa.apl import touched
from skill.alexa.envelopes import Device
from skill.session import events as ev


def bound(node) -> list[str]:
    """The names of every variable the document binds."""
    if isinstance(node, list):
        return [n for item in node for n in bound(item)]
    if not isinstance(node, dict):
        return []
    return [b["name"] for b in node.get("bind", [])] + [n for v in node.values() for n in bound(v)]


def screen_of(response: dict) -> dict:
    (directive,) = [d for d in response["response"]["directives"] if d["type"].startswith("Alexa.Presentation")]
    assert directive["type"] == "Alexa.Presentation.APL.RenderDocument"
    assert not {"left", "top", "width", "height"} & set(bound(directive["document"]))  # APL's property names
    return directive["datasources"]["screen"]


def test_taps_are_read_as_the_intents_they_name():
    assert touched(["AMAZON.NextIntent"], "en-US") == ev.Next()
    assert touched(["CheckInIntent", "score", "4"], "de-DE") == ev.CheckIn(4)
    assert touched(["next"], "en-US") == ev.Next()  # what older screens sent
    assert touched(["SetNamesIntent "], "en-US") == ev.NotUnderstood()
    assert touched([], "en-US") == touched(None, "en-US") == ev.NotUnderstood()


def test_the_check_in_is_tapped_as_it_is_said(tmp_path, monkeypatch):
    answers = []
    for i, request in enumerate(("touch", "said")):
        monkeypatch.setenv("PROGRESS_STORE", f"sqlite:///{tmp_path / f'{i}.db'}")
        handler, device = fresh_lambda().lambda_handler, Device(screen=True)
        start_evening(handler, device)
        screen = {}
        while screen.get("phase") != "check_in":  # through the lesson, the sentences and the questions
            device.wait(900)
            response = checked(handler(device.intent("AMAZON.NextIntent"), None))
            device.heard(response)
            screen = screen_of(response)
        buttons = {b["label"]: b["arguments"] for b in screen["buttons"]}
        envelope = device.touch(buttons["4"]) if request == "touch" else device.intent("CheckInIntent", {"score": "4"})
        answers.append(checked(handler(envelope, None))["response"]["outputSpeech"]["ssml"])
    assert answers[0] == answers[1]


@settings(CASES, max_examples=60)
@given(arguments=st.lists(json_values, max_size=4))
def test_any_tap_is_answered(skill, arguments):  # noqa: F811
    handler, _ = skill
    device = Device(user_id=f"amzn1.ask.account.{uuid.uuid4()}", screen=True)
    device.heard(answer(handler, device.launch()))
    screen_of(answer(handler, device.touch(arguments)))


@settings(CASES, max_examples=60)
@given(mine=ours, intent=st.sampled_from(INTENTS))
def test_any_session_attributes_still_give_a_screen(skill, mine, intent):  # noqa: F811
    handler, _ = skill
    device = Device(user_id=f"amzn1.ask.account.{uuid.uuid4()}", screen=True)
    device.heard(answer(handler, device.launch()))
    device.attributes = {"coupleJourneys": json.dumps(mine)}
    device.wait(30)
    response = answer(handler, device.intent(intent))
    if response["response"].get("outputSpeech"):
        assert screen_of(response)["entries"]


def test_the_chart_has_a_bar_for_each_check_in_of_the_week_and_a_line_at_the_average():
    from datetime import date, timedelta

    from skill.language import catalog
    from skill.progress.record import Progress
    from skill.screens.content import chart

    today = date(2026, 12, 7)
    progress = Progress(names=["Sam", "Alex"])
    for n, score in enumerate([1, 1, 1, 1, 5, 4, None, 3]):  # four weeks ago, then the last four evenings
        on = today - timedelta(days=30 - n) if n < 4 else today - timedelta(days=7 - n)
        progress.complete("deepening-intimacy", n + 1, on, score)
    shown = chart(progress, catalog("en-US"), today)
    assert shown["bars"].count("z") == 3  # 5, 4 and 3 this week; the evening without a check-in has none
    assert shown["average"] == f"M0,{50 - 16 / 7 * 9.6:.1f} H100"  # (1+1+1+1+5+4+3) / 7
    assert shown["streak"] == "4 evenings in a row"
