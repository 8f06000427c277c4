"""The Echo Show screens through Amazon's own APL renderer (apl-viewhost-web in headless Chromium) and
validator (apl-suggester): one browser for the whole test session, a few instants per response."""

from __future__ import annotations

import re

import pytest
from alexa_support import checked, fresh_lambda
from test_alexa_responses import start_evening

from skill.alexa.envelopes import Device
from skill.screens.evening import play_evening
from skill.screens.renderer import VIEWPORTS, Renderer, why_not

SHOW_5, SHOW_8, SHOW_15, TV = VIEWPORTS
COUNTING = re.compile(r"\b[0-2]:[0-5]\d\b")


if why_not():  # one line in the summary says why (make setup installs what is missing)
    pytest.skip(f"the Echo Show screens are not rendered here: {why_not()}", allow_module_level=True)


@pytest.fixture(scope="session")
def renderer():
    with Renderer() as r:
        yield r


@pytest.fixture(scope="session")
def evening(tmp_path_factory):
    """Every RenderDocument of an evening on an Echo Show: (document, data sources), in order."""
    db = tmp_path_factory.mktemp("screens") / "p.db"
    return [(d["document"], d["datasources"]) for d in play_evening(f"sqlite:///{db}")]


def first(evening, phase, kind=None):
    return next((doc, data) for doc, data in evening if data["screen"]["phase"] == phase and
                (kind is None or any(e["kind"] == kind for e in data["screen"]["entries"])))


def counted(text):
    """The countdown a screen shows, in seconds (None: none)."""
    m = COUNTING.search(text)
    return None if m is None else int(m.group()[0]) * 60 + int(m.group()[2:])


def looked(renderer, doc, data, viewport, *instants):
    moments = renderer.render(doc, data, viewport, [(at, None) for at in instants])
    for m in moments:
        assert not m.blank and not m.overflow, (viewport.name, m)
    return [m.text for m in moments]


def test_apl_suggester_finds_nothing_wrong_in_any_document_of_an_evening(renderer, evening):
    assert len(evening) >= 12
    for doc, _ in evening:
        assert renderer.problems(doc) == []
    assert renderer.problems({**evening[0][0], "version": "7"}) != []  # it does find what is wrong


def test_each_turn_has_its_own_screen_named_and_counted_down_from_its_bell(renderer, evening):
    doc, data = first(evening, "turns", "turn")
    sam, alex = [e for e in data["screen"]["entries"] if e["kind"] == "turn"]
    for viewport in (SHOW_5, SHOW_15):  # the smallest and the largest; the command renders them all
        ready, sams, alexs, over = looked(renderer, doc, data, viewport, sam["bell"] - 4, sam["bell"] + 10.5,
                                          alex["bell"] + 30.5, alex["bell"] + 61)
        assert "Sam's turn" in ready and "Get ready" in ready and "I feel closest to you when…" in ready
        assert "Sam's turn" in sams and counted(sams) == 50 and "Alex" not in sams
        assert "Alex's turn" in alexs and counted(alexs) == 30 and "Sam" not in alexs
        assert "Time's up" in over and counted(over) is None


def test_question_two_shows_at_its_own_moment(renderer, evening):
    doc, data = first(evening, "reflection", "question")
    one, two = [e for e in data["screen"]["entries"] if e["kind"] == "question"][:2]
    during_one, during_two = looked(renderer, doc, data, SHOW_5, one["bell"] + 20.5, two["bell"] + 5.5)
    assert "Question 1 of 4" in during_one and counted(during_one) == 100
    assert "Question 2 of 4" in during_two and counted(during_two) == 115 and "Question 1" not in during_two


@pytest.mark.parametrize("viewport", [SHOW_5, TV], ids=lambda v: v.name)
def test_every_moment_of_the_evening_fits_the_small_screens(renderer, evening, viewport):
    phases = {}
    for doc, data in evening:
        phases.setdefault(data["screen"]["phase"], (doc, data))
    assert {"names", "learning", "turns", "reflection", "check_in", "reminder_offer", "closed"} <= set(phases)
    for doc, data in phases.values():
        entry = data["screen"]["entries"][0]
        (text,) = looked(renderer, doc, data, viewport, entry["at"] + 2)
        assert entry["head"] in text


def test_how_are_we_doing_shows_the_check_ins_as_a_chart_with_the_streak(renderer, evening):
    doc, data = next((doc, data) for doc, data in evening if "chart" in data["screen"])
    assert data["screen"]["chart"]["bars"].count("z") == 1  # tonight's check-in, one bar
    (text,) = looked(renderer, doc, data, SHOW_8, 1.5)
    assert "This week's check-ins" in text and "How you're doing" in text and "One day completed" in text


def test_a_tap_on_a_button_does_what_the_spoken_word_does(renderer, evening, tmp_path, monkeypatch):
    doc, data = first(evening, "turns", "turn")
    looked(renderer, doc, data, SHOW_8, 3)
    sent = renderer.tap("Next")[-1]
    assert sent == ["AMAZON.NextIntent"]
    answers = []
    for i, request in enumerate(("touch", "said")):
        monkeypatch.setenv("PROGRESS_STORE", f"sqlite:///{tmp_path / f'{i}.db'}")
        handler, device = fresh_lambda().lambda_handler, Device(screen=True)
        start_evening(handler, device)
        device.wait(600)
        envelope = device.touch(sent) if request == "touch" else device.intent("AMAZON.NextIntent")
        answers.append(checked(handler(envelope, None))["response"]["outputSpeech"]["ssml"])
    assert answers[0] == answers[1] and "I feel closest to you when" in answers[0]


def test_the_overflow_check_sees_words_cut_off(renderer, evening):
    doc, data = first(evening, "turns", "turn")
    screen = data["screen"]
    crowded = {"screen": {**screen, "entries": [{**screen["entries"][0], "text": "and then we talked " * 30}]}}
    (moment,) = renderer.render(doc, crowded, SHOW_5, [(1.0, None)])
    assert moment.overflow and not moment.blank
