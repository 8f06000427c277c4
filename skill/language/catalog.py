"""A locale's catalog: lines by id with named placeholders, and the small grammar every language needs
(number words, durations, counted nouns, joining a list).

The catalogs are TOML (`en.toml`, `de.toml` beside this file): a translator edits text and keeps the
`{placeholders}`; tables group the lines by the moment they belong to. Besides its lines a catalog holds
what else is particular to its language: the locales it serves, journey headings, the words said for an
author's shorthand (docs/adding-a-language.md). The request's locale picks one by its language part
(`en-GB` → `en`); a language without a catalog is spoken in English. `COUPLE_JOURNEYS_LANGUAGE_DIR` points
at another folder of catalogs (a language tried out before it ships).
"""

from __future__ import annotations

import os
import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

FOLDER = Path(os.environ.get("COUPLE_JOURNEYS_LANGUAGE_DIR") or Path(__file__).resolve().parent)
DEFAULT_LANGUAGE = "en"


class Line(str):
    """A line as it is said, knowing the catalog key it came from (`line.key`): a test can match the key, so
    rewording a line breaks no test."""

    key: str

    def __new__(cls, text: str, key: str) -> Line:
        line = super().__new__(cls, text)
        line.key = key
        return line


class Catalog:
    """The lines of one language. `catalog("id", name=…)` is the line with its placeholders filled."""

    def __init__(self, language: str, table: dict[str, Any]):
        self.language = language
        self.lines: dict[str, str] = {}
        self.lists: dict[str, list[str]] = {}
        _flatten(table, "", self.lines, self.lists)
        self._value_of = {w: i for i, w in enumerate(self.lists.get("numbers", []))}
        self._value_of.update({w: i * 10 for i, w in enumerate(self.lists.get("tens", [])) if w})

    def __call__(self, key: str, **values: Any) -> str:
        return Line(self.lines[key].format_map(values), key)

    def has(self, key: str) -> bool:
        return key in self.lines

    def number(self, n: int) -> str:
        """A small number as a word ("four", "vier"); larger ones as digits, which every voice reads."""
        words = self.lists["numbers"]
        return words[n] if 0 <= n < len(words) else str(n)

    def ordinal(self, index: int) -> str:
        """The ordinal of a zero-based index ("first"); beyond the table, "number N"."""
        words = self.lists["ordinals"]
        return words[index] if 0 <= index < len(words) else self("grammar.nth", n=index + 1)

    def count(self, key: str, n: int) -> str:
        """A counted noun: `key.one` for one, `key.other` (with `{n}` as a word) for any other number."""
        return self(f"{key}.one", n=self.number(n)) if n == 1 else self(f"{key}.other", n=self.number(n))

    def duration(self, seconds: int) -> str:
        """A length of time the way people say it: "90 seconds", "a minute and a half", "2 minutes"."""
        minutes, rest = divmod(max(0, int(seconds)), 60)
        secs = self(f"duration.seconds.{'one' if rest == 1 else 'other'}", n=rest)
        if minutes == 0:
            return secs
        if rest == 30:
            return self("duration.minute_and_half") if minutes == 1 else \
                self("duration.minutes_and_half", n=self.number(minutes))
        spoken = self(f"duration.minutes.{'one' if minutes == 1 else 'other'}", n=minutes)
        return spoken if rest == 0 else self("duration.minutes_and_seconds", minutes=spoken, seconds=secs)

    def read_number(self, text: str) -> float | None:
        """A number as couples say it: "4", "four", "twenty five", "fünfundvierzig", "a 3", "two and a half",
        "zweieinhalb", "anderthalb"; None when it is not one."""
        words = self.lists
        text = " ".join(text.lower().replace("-", " ").split())
        if re.fullmatch(r"[0-9]{1,6}(\.[0-9]{1,3})?", text):
            return float(text)
        if text in words["reading.one_and_a_half"]:
            return 1.5
        if text in words["reading.halves"]:
            return 0.5
        half = 0.0
        suffix = self.lines["reading.half_suffix"]
        if text.endswith(suffix):
            text, half = text[: -len(suffix)].strip(), 0.5
        parts = text.split()
        if parts[:1] and parts[0] in words["reading.articles"]:  # "a 3", "eine Minute"
            parts = parts[1:] or [words["numbers"][1]]
        total, last = 0, None
        for part in parts:
            if part == self.lines["reading.hundred"]:
                total, last = max(total, 1) * 100, 100
            elif part == self.lines["reading.joiner"]:
                if last != 100:  # "a hundred and twenty"; "four and two" is two numbers, not six
                    return None
            else:
                value = self._word_value(part)
                if value is None or (last is not None and last != 100 and value >= last):
                    return None  # "twenty five", never "five twenty"
                total, last = total + value, value
        return total + half if parts or half else None

    def _word_value(self, word: str) -> int | None:
        if re.fullmatch(r"[0-9]{1,6}", word):
            return int(word)
        values = self._value_of
        if word in values:
            return values[word]
        ones, joiner, tens = word.partition(self.lines["reading.joiner"])  # "fünfundvierzig"
        if joiner and ones in values and tens in values:
            return values[ones] + values[tens]
        return None

    def join(self, items: list[str]) -> str:
        """"Sam and Alex"; "A, B, and C" ("A, B und C")."""
        items = [i for i in items if i]
        if len(items) <= 1:
            return items[0] if items else ""
        if len(items) == 2:
            return self("grammar.pair", first=items[0], second=items[1])
        return self("grammar.separator").join(items[:-1]) + self("grammar.last") + items[-1]


def _flatten(table: dict[str, Any], prefix: str, lines: dict[str, str], lists: dict[str, list[str]]) -> None:
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            _flatten(value, f"{name}.", lines, lists)
        elif isinstance(value, list):
            lists[name] = [str(v) for v in value]
        else:
            lines[name] = str(value)


def language_of(locale: str | None) -> str:
    """The catalog language for a request locale: its language part when we have that catalog."""
    lang = (locale or "").replace("_", "-").split("-")[0].lower()
    return lang if lang in languages() else DEFAULT_LANGUAGE


@cache
def languages() -> frozenset[str]:
    return frozenset(p.stem for p in FOLDER.glob("*.toml"))


def in_order() -> list[str]:
    """Every language, English first: the order locales, models and heading vocabularies are listed in."""
    return sorted(languages(), key=lambda language: (language != DEFAULT_LANGUAGE, language))


def locales() -> list[str]:
    """Every Alexa locale the catalogs serve ("en-US", …, "de-DE")."""
    return [locale for language in in_order() for locale in _load(language).lists["language.locales"]]


@cache
def _load(language: str) -> Catalog:
    with open(FOLDER / f"{language}.toml", "rb") as f:
        return Catalog(language, tomllib.load(f))


def of_language(language: str) -> Catalog:
    """The catalog of a language code ("de"), English when there is none."""
    return _load(language if language in languages() else DEFAULT_LANGUAGE)


def catalog(locale: str | None) -> Catalog:
    return _load(language_of(locale))
