"""Markdown to speakable words: markup goes, meaning stays."""

from __future__ import annotations

import pytest

from skill.journeys.speakable import inline, sentence, strip_quotes


@pytest.mark.parametrize(("md", "spoken"), [
    ("**Bold lead.** Rest.", "Bold lead. Rest."),
    ("*Example:* After a day", "For example: After a day"),
    ("See [the guide](https://x.org/a) now", "See the guide now"),
    ("Vulnerability & Trust", "Vulnerability and Trust"),
    ("AT&T", "AT&T"),
    ("Set aside 20-30 minutes", "Set aside 20 to 30 minutes"),
    ("connected—emotionally", "connected — emotionally"),
    ("wrong—it's", "wrong — it's"),
    ("“quoted” and it’s", "\"quoted\" and it's"),
    ("Hug 🤗 each other ❤️", "Hug each other"),
    ("wait...", "wait…"),
    ("_soft_ and `code`", "soft and code"),
    ("snake_case_word stays", "snake_case_word stays"),
    ("***both***", "both"),
])
def test_inline(md, spoken):
    assert inline(md) == spoken


def test_sentence_adds_a_full_stop_only_when_missing():
    assert sentence("**Emotional Intimacy**") == "Emotional Intimacy."
    assert sentence("Why?") == "Why?"
    assert sentence("Take turns:") == "Take turns:"


def test_strip_quotes():
    assert strip_quotes('"I feel closest to you when..."') == "I feel closest to you when..."
    assert strip_quotes("“Curly”") == "Curly"
    assert strip_quotes("No quotes") == "No quotes"
