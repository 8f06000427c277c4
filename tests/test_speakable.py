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


@pytest.mark.parametrize(("md", "spoken"), [
    ("*Beispiel:* Nach einem langen Tag", "Zum Beispiel: Nach einem langen Tag"),
    ("Zum Beispiel: so", "Zum Beispiel: so"),
    ("Nehmt euch 20-30 Minuten", "Nehmt euch 20 bis 30 Minuten"),
    ("Nehmt euch 20–30 Minuten", "Nehmt euch 20 bis 30 Minuten"),
    ("Nähe & Vertrauen", "Nähe und Vertrauen"),
    ("etwas Kleines, z. B. ein Tee", "etwas Kleines, zum Beispiel ein Tee"),
    ("etwas Kleines, z.B. ein Tee", "etwas Kleines, zum Beispiel ein Tee"),
    ("Z. B. ein Tee", "Zum Beispiel ein Tee"),
    ("Das ist – wie ihr wisst – wichtig", "Das ist, wie ihr wisst, wichtig"),
    ("verbunden—emotional", "verbunden — emotional"),
    ("„Danke“, sagte sie", '"Danke", sagte sie'),
    ("»Danke«, sagte sie", '"Danke", sagte sie'),
    ("‚klein‘ und ›fein‹", "'klein' und 'fein'"),
    ("Ich-Botschaften und Haus- und Gartenarbeit", "Ich-Botschaften und Haus- und Gartenarbeit"),
])
def test_inline_german(md, spoken):
    assert inline(md, "de") == spoken


def test_words_follow_the_language_only():
    assert inline("20-30 & z. B.") == "20 to 30 and z. B."
    assert inline("*Example:* 20-30", "de") == "Example: 20 bis 30"
    assert inline("20-30", "fr") == "20 to 30"  # a language without words of its own reads as English


def test_sentence_in_german():
    assert sentence("**Nähe**", "de") == "Nähe."
    assert sentence("*Beispiel:* so", "de") == "Zum Beispiel: so."


@pytest.mark.parametrize("prompt", ["„Ich fühle mich dir nah, wenn …“", "»Ich fühle mich dir nah, wenn …«",
                                    "«Ich fühle mich dir nah, wenn …»", "‚Ich fühle mich dir nah, wenn …‘",
                                    "„Ich fühle mich dir nah, wenn …”", "\"Ich fühle mich dir nah, wenn …\""])
def test_strip_german_quotes(prompt):
    assert strip_quotes(prompt) == "Ich fühle mich dir nah, wenn …"
