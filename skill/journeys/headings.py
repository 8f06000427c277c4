"""The headings a journey file is read by, per language, matched as tolerantly as authors write them. The
words are each language's own, in its catalog (`[headings]`); this module only matches them.

A file's headings are expected in its own `language`. Headings of another known language are read all the
same (an author translating a journey may leave a few), and the parser warns once so the author can fix them.
"""

from __future__ import annotations

import re
import unicodedata
from typing import NamedTuple

from ..language.catalog import in_order, of_language
from .speakable import inline

DAY, WEEK = "day", "week"
LEARNING, WHY, ACTIVITY, QUESTIONS = "learning", "why", "activity", "questions"


class Vocabulary(NamedTuple):
    name: str  # the language's name in messages to authors
    day: str
    week: str
    month: str  # with `day` and `week`: the units a `duration` is counted in
    title: str  # the placeholder in "## Day 1: Title"
    sections: dict[str, str]  # kind → the heading as docs/journey-format.md writes it
    openings: tuple[tuple[str, str], ...]  # (a heading's first words, kind): extra words after them are fine
    alone: tuple[tuple[str, str], ...] = ()  # (a heading of just this word, kind)


def _vocabulary(language: str) -> Vocabulary:
    """A language's headings, from its catalog (`[headings]` in skill/language/<language>.toml)."""
    c = of_language(language)
    kinds = (LEARNING, WHY, ACTIVITY, QUESTIONS)
    return Vocabulary(
        c("language.name"), c("headings.day"), c("headings.week"), c("headings.month"), c("headings.title"),
        {kind: c(f"headings.{kind}") for kind in kinds},
        tuple((words, kind) for kind in kinds for words in c.lists.get(f"headings.openings.{kind}", [])),
        tuple((words, kind) for kind in kinds for words in c.lists.get(f"headings.alone.{kind}", [])))


VOCABULARY = {language: _vocabulary(language) for language in in_order()}
LANGUAGES = tuple(VOCABULARY)


class Known(NamedTuple):
    """A heading the skill knows: its kind, the language it is written in, and for days and weeks the rest."""

    kind: str
    language: str
    number: int = 0
    rest: str = ""


_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue"})


def _key(text: str) -> str:
    """Lower-case letters and single spaces only: "TODAY’S LEARNING:" and "todays learning" are one key,
    as are "Heutige Übung" (also with a combining ¨) and "Heutige Uebung"."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_UMLAUTS)
    return " ".join("".join(c for c in text if c.isalpha() or c.isspace()).split())


_OPENINGS = [(_key(words), Known(kind, lang)) for lang, v in VOCABULARY.items() for words, kind in v.openings]
_ALONE = {_key(words): Known(kind, lang) for lang, v in VOCABULARY.items() for words, kind in v.alone}
_UNITS = {unit.lower(): (kind, lang) for lang, v in VOCABULARY.items() for kind, unit in ((DAY, v.day), (WEEK, v.week))}
DAYS_PER_UNIT = {unit.lower(): days for v in VOCABULARY.values()
                 for unit, days in ((v.day, 1), (v.week, 7), (v.month, 30))}
_DURATION = re.compile(rf"(\d+)\s*({'|'.join(DAYS_PER_UNIT)})", re.IGNORECASE)  # "5 weeks", "3 Tage"


def promised_days(duration: str) -> int:
    """How many days a journey's `duration` promises ("5 weeks" → 35); 0 when it says no length."""
    m = _DURATION.search(duration or "")
    return int(m.group(1)) * DAYS_PER_UNIT[m.group(2).lower()] if m else 0


_NUMBERED = re.compile(rf"^({'|'.join(_UNITS)})\s+(\d+)\s*(?:[:.\-–—]\s*(.*))?$", re.IGNORECASE)


def numbered(title: str) -> Known | None:
    """A day or week heading ("Day 1: Title", "Tag 1 – Titel", "Week 2"), markup already removed."""
    m = _NUMBERED.match(title)
    if not m:
        return None
    kind, language = _UNITS[m.group(1).lower()]
    return Known(kind, language, int(m.group(2)), (m.group(3) or "").strip())


def section_kind(title: str) -> Known | None:
    """Which day section a `###` heading names, in any case, with any apostrophe and extra words after it."""
    key = _key(inline(title))
    return _ALONE.get(key) or next((h for words, h in _OPENINGS if key.startswith(words)), None)


def written(heading: Known, language: str) -> str:
    """The heading as an author writes it in `language`: what lint suggests."""
    v = VOCABULARY[language]
    if heading.kind == DAY:
        return f"## {v.day} {heading.number}: {heading.rest or v.title}"
    if heading.kind == WEEK:
        return f"### {v.week} {heading.number}: {heading.rest or v.title}"
    return f"### {v.sections[heading.kind]}"
