"""SSML rendering and Alexa's limits."""

from __future__ import annotations

import pytest

from skill.speech.plan import Chime, Pause, Plan, Say
from skill.speech.ssml import InvalidSsml, breaks, check, render, seconds, with_notice


def test_long_silence_is_chained_ten_second_breaks():
    assert breaks(60) == '<break time="10s"/>' * 6
    assert breaks(95) == '<break time="10s"/>' * 9 + '<break time="5s"/>'


def test_text_is_escaped():
    speech, _ = render(Plan((Say("Trust & <safety> \"here\""),), reprompt="A & B?"))
    assert "Trust &amp; &lt;safety&gt;" in speech


def test_turn_renders_with_sound_library_chimes_and_reprompt():
    plan = Plan((Say("Sam, your turn."), Chime("start"), Pause(60), Chime("end")), reprompt="Say next.")
    speech, reprompt = render(plan)
    assert speech.count("soundbank://soundlibrary/") == 2 and reprompt == "<speak>Say next.</speak>"
    assert 63 < seconds(speech) < 66


@pytest.mark.parametrize(("ssml", "why"), [
    ('<speak><break time="11s"/></speak>', "a break of 11 s"),
    ('<speak><break time="12000ms"/></speak>', "a break of 12 s"),
    ("<speak>" + '<audio src="soundbank://soundlibrary/musical/amzn_sfx_bell_timer_01"/>' * 6 + "</speak>", "6 audio"),
    ('<speak><audio src="http://x/a.mp3"/></speak>', "https or soundbank"),
    ("<speak>" + "a" * 8000 + "</speak>", "characters"),
    ("<speak><blink>x</blink></speak>", "not an Alexa SSML tag"),
    ("<speak>a & b</speak>", "not well-formed"),
])
def test_check_refuses_what_alexa_refuses(ssml, why):
    with pytest.raises(InvalidSsml, match=why):
        check(ssml)


def test_reprompt_audio_limit_is_stricter():
    ninety_one = "<speak>" + '<audio src="https://x/a.mp3"/>' + "</speak>"  # unknown length counts as 240 s
    with pytest.raises(InvalidSsml, match="audio"):
        check(ninety_one, reprompt=True)


def test_notice_goes_first():
    assert with_notice("<speak><p>Hi</p></speak>", "Sorry.") == "<speak><p>Sorry.</p><p>Hi</p></speak>"


def test_text_with_characters_xml_cannot_hold_is_still_valid_ssml():
    # a tampered session's question, replayed after "sorry, I didn't catch that", once held a NUL
    from skill.speech.ssml import escape

    said = escape("a\x00b\x0bc\ufffe\ud800 & <d>")
    assert check(f"<speak>{said}</speak>") == "<speak>abc &amp; &lt;d&gt;</speak>"


def test_a_paced_response_is_timed_at_its_pace():
    """The couple's pace (issue 21): words in <prosody rate="80%"> take longer; silences keep their length."""
    plan = Plan((Say("Take two minutes to talk it over together."), Pause(60)), reprompt="Next?")
    normal, slow = render(plan)[0], render(plan._replace(rate=80))[0]
    assert '<prosody rate="80%">' in slow and "prosody" not in normal
    assert seconds(slow) - 60 == pytest.approx((seconds(normal) - 60) * 100 / 80)
    assert plan._replace(rate=80).timing()[1] == pytest.approx(seconds(slow), abs=0.5)
