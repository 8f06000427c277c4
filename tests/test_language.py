"""The catalogs: every language says every line, with the same placeholders, and no English is left in
the session code."""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest
from conftest import ROOT

from skill.language import catalog, language_of
from skill.language.catalog import _load, languages

SESSION = ROOT / "skill" / "session"


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_language_has_every_line_with_the_same_placeholders():
    english = _load("en")
    assert languages() >= {"en", "de"}
    for language in languages() - {"en"}:
        other = _load(language)
        assert set(other.lines) == set(english.lines), f"{language}: {set(other.lines) ^ set(english.lines)}"
        assert set(other.lists) == set(english.lists)
        for key, text in english.lines.items():
            # a translation may leave a placeholder out (German says "Satz zwei", not "the second") but
            # never invents one the code does not fill
            assert placeholders(other.lines[key]) <= placeholders(text) | _SPARE.get(key, set()), key


_SPARE = {"place.sentence": {"number"},  # filled for every language; English uses the ordinal instead
          "clock.on_the_hour": {"hour"}, "clock.with_minutes": {"hour"}}  # German says 20 Uhr, English 8 pm


@pytest.mark.parametrize(("locale", "language"), [
    ("en-US", "en"), ("en-GB", "en"), ("en-IN", "en"), ("de-DE", "de"), ("de_AT", "de"), ("fr-FR", "en"),
    ("", "en"), (None, "en")])
def test_the_request_locale_picks_the_catalog_by_its_language(locale, language):
    assert language_of(locale) == language
    assert catalog(locale).language == language


@pytest.mark.parametrize(("seconds", "english", "german"), [
    (1, "1 second", "1 Sekunde"), (45, "45 seconds", "45 Sekunden"), (60, "1 minute", "1 Minute"),
    (90, "a minute and a half", "anderthalb Minuten"), (120, "2 minutes", "2 Minuten"),
    (150, "two and a half minutes", "zweieinhalb Minuten"), (135, "2 minutes 15 seconds", "2 Minuten und 15 Sekunden"),
])
def test_durations_are_said_as_people_say_them(seconds, english, german):
    assert catalog("en-US").duration(seconds) == english
    assert catalog("de-DE").duration(seconds) == german


def test_numbers_lists_and_counted_nouns_per_language():
    en, de = catalog("en-US"), catalog("de-DE")
    assert (en.number(4), de.number(4), en.number(57), de.number(57)) == ("four", "vier", "57", "57")
    assert en.join(["Sam", "Alex"]) == "Sam and Alex" and de.join(["Sam", "Alex"]) == "Sam und Alex"
    assert en.join(["A", "B", "C"]) == "A, B, and C" and de.join(["A", "B", "C"]) == "A, B und C"
    assert en.join(["Sam", ""]) == "Sam" and de.join([]) == ""
    assert en.count("complete.sentences", 1) == "one sentence" and de.count("complete.sentences", 3) == "drei Sätze"
    assert en.ordinal(1) == "second" and en.ordinal(14) == "number 15"


_WORDS = re.compile(r"[A-Za-zÄÖÜäöüß]{2,}[,.;:!?'’]*\s+[A-Za-zÄÖÜäöüß]{2,}")


def spoken_literals(path: Path) -> list[tuple[int, str]]:
    """String literals in a module that read like words for people (not ids like "turn.0.a"), leaving
    out docstrings and the messages of exceptions (developer text, never said)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skip.add(id(first.value))
        if isinstance(node, ast.Raise):
            skip.update(id(n) for n in ast.walk(node))
    return [(n.lineno, n.value) for n in ast.walk(tree)
            if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip
            and _WORDS.search(n.value)]


def test_no_spoken_words_are_left_in_the_session_code():
    found = {p.name: lits for p in sorted(SESSION.rglob("*.py")) if (lits := spoken_literals(p))}
    assert not found, f"move these to skill/language/*.toml: {found}"


def test_no_shown_words_are_left_in_the_screen_code():
    code = SESSION.parent
    found = {p.name: lits for p in (code / "screens" / "content.py", code / "screens" / "document.py",
                                    code / "alexa" / "apl.py") if (lits := spoken_literals(p))}
    assert not found, f"move these to skill/language/*.toml: {found}"


def test_the_literal_finder_finds_what_it_should(tmp_path):
    module = tmp_path / "m.py"
    module.write_text('"""Doc string here."""\nX = "turn.0.a"\nY = f"Good night, {who}."\n'
                      'def f():\n    """Why it is."""\n    raise ValueError("two words")\n', encoding="utf-8")
    assert spoken_literals(module) == [(3, "Good night, ")]


def test_every_phase_and_moment_has_its_help_choices_and_reprompt_in_every_language():
    from skill.session.state import Phase

    moments = [p.value for p in Phase] + ["before_activity", "before_questions"]
    for language in languages():
        lines = _load(language).lines
        missing = [f"{kind}.{m}" for m in moments for kind in ("help", "choices")
                   if f"{kind}.{m}" not in lines]
        missing += [f"reprompt.{p.value}" for p in Phase if f"reprompt.{p.value}" not in lines]
        assert not missing, f"{language}: {missing}"


def test_german_lines_quote_the_word_to_say():
    """Play-test: „Ihr könnt ja sagen“ is heard as the filler „ja“ and „Ihr könnt weiter sagen“ as
    „weitersagen“; a word the couple is to say stands in quotes („ja“, „weiter“)."""
    lines = catalog("de-DE").lines
    unquoted = {k: v for k, v in lines.items() if re.search(r"\bkönnt (\w+) sagen\b", v)}
    assert not unquoted
    assert not [k for k, v in lines.items() if "seid ihr getauscht" in v]

