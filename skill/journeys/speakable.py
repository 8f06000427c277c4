"""Markdown to words a voice can say well, in the journey's language.

Only the author's *markup* goes: emphasis markers, link targets, emoji, list bullets. Every word of
meaning stays. This is plain text; escaping it for SSML is the renderer's job.
"""

from __future__ import annotations

import re
from functools import cache
from typing import NamedTuple

# Journey text is untrusted input: no pattern may scan to the end of the text from every opening mark
# (200 kB of "**a " took minutes), so each span stops at the next mark of its kind.
_LINK = re.compile(r"!?\[([^\[\]]*)\]\([^()]*\)")
_AUTOLINK = re.compile(r"<(https?://[^<>]+)>")
_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s[^<>]*)?/?>")
_CODE = re.compile(r"`([^`]*)`")
_INNER_UNDERSCORE = r"(?:[^_]|(?<=\w)_(?=\w))"  # snake_case inside an emphasis is not its end
_BOLD = re.compile(rf"\*\*(?=\S)([^*]+?)(?<=\S)\*\*|__(?=\S)({_INNER_UNDERSCORE}+?)(?<=\S)__")
_ITALIC_STAR = re.compile(r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])")
_ITALIC_UNDERSCORE = re.compile(rf"(?<![\w_])_(?=\S)({_INNER_UNDERSCORE}+?)(?<=\S)_(?![\w_])")
_WORD_DASH = re.compile(r"(?<=\w)\s*[—―]\s*(?=\w)")
_SPACED_DASH = re.compile(r"(?<!\s)\s+[–-]\s+")
_NUMBER_RANGE = re.compile(r"\b(\d+)\s*[-–]\s*(\d+)\b(?!\s*[-–/]\d)")
_AMPERSAND = re.compile(r"(?<=\s)&(?=\s)")
_ELLIPSIS = re.compile(r"\.{3,}")
_SPACES = re.compile(r"[ \t\u00a0]+")
_TERMINAL = ("." , "!", "?", "…", ":", ";")
_EMOJI = re.compile(
    "[\U0001F000-\U0001FAFF\u2190-\u21FF\u2300-\u23FF\u25A0-\u27BF\u2B00-\u2BFF\u200D\uFE0E\uFE0F]")
_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "»": '"', "«": '"', "‘": "'", "’": "'", "‚": "'",
                         "›": "'", "‹": "'", "′": "'"})
_QUOTE_PAIRS = {'"': '"”“', "“": '”"', "„": '“”"', "»": "«", "«": "»", "'": "'", "‘": "’", "‚": "‘’", "›": "‹"}


class Words(NamedTuple):
    """The few words a language puts in for the author's symbols and shorthand (its catalog's `[speakable]`)."""

    to: str  # "20-30" → "20 to 30"
    and_: str  # "Trust & Safety"
    example: re.Pattern[str]  # a paragraph opening "*Example:*"
    for_example: str  # … said as this
    shorthand: tuple[tuple[re.Pattern[str], str], ...] = ()  # abbreviations said in full


@cache
def words(language: str) -> Words:
    """A language's words, from its catalog (a language without one reads as English)."""
    from ..language.catalog import of_language  # only when a journey is read: not on a cold start

    c = of_language(language)
    opening = "|".join(re.escape(w) for w in sorted(c.lists["speakable.example"], key=len, reverse=True))
    pairs = zip(c.lists["speakable.shorthand.written"], c.lists["speakable.shorthand.said"], strict=True)
    return Words(c("speakable.to"), c("speakable.and"), re.compile(rf"^(?:{opening})\s*:\s*", re.IGNORECASE),
                 c("speakable.for_example"), tuple((_written(short), said) for short, said in pairs))


def _written(short: str) -> re.Pattern[str]:
    """"z. B." as authors write it: "z. B.", "z.B.", "Z. B."."""
    first, rest = short[0], short[1:]
    lead = f"[{first.lower()}{first.upper()}]" if first.isalpha() else re.escape(first)
    return re.compile(r"\b" + lead + re.escape(rest).replace(r"\ ", r"\s?"))


def drop_emoji(text: str) -> str:
    return _EMOJI.sub("", text)


def inline(md: str, language: str = "en") -> str:
    """One line or paragraph of markdown to plain speakable words (no sentence completion).

    Each rule runs only when its trigger character is present: authors' prose is mostly plain, and
    this keeps parsing a whole journey to about a millisecond. A language without a catalog reads as English.
    """
    said = words(language)
    text = md.replace("\r", "").replace("\n", " ")
    if "](" in text:
        text = _LINK.sub(r"\1", text)
    if "<http" in text:
        text = _AUTOLINK.sub(r"\1", text)
    if "<" in text:  # markup is the author's formatting, never spoken: not as SSML, not as "less than audio"
        text = _TAG.sub("", text)
    if "`" in text:
        text = _CODE.sub(r"\1", text)
    if "*" in text or "_" in text:
        for _ in range(2):  # nested emphasis: ***both***
            text = _BOLD.sub(lambda m: m.group(1) or m.group(2), text)
            text = _ITALIC_STAR.sub(r"\1", text)
            text = _ITALIC_UNDERSCORE.sub(r"\1", text)
    if not text.isascii():
        text = drop_emoji(text).translate(_QUOTES)
        if "—" in text or "―" in text:
            text = _WORD_DASH.sub(" — ", text)
    text = said.example.sub(said.for_example, text.strip())
    if "-" in text or "–" in text:
        text = _NUMBER_RANGE.sub(rf"\1 {said.to} \2", text)
        text = _SPACED_DASH.sub(", ", text)
    if "&" in text:
        text = _AMPERSAND.sub(said.and_, text)
    if "." in text:
        for pattern, full in said.shorthand:
            text = pattern.sub(lambda m, full=full: _same_case(m[0], full), text)
    if "..." in text:
        text = _ELLIPSIS.sub("…", text)
    if "  " in text or "\t" in text or "\u00a0" in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


def _same_case(written: str, said: str) -> str:
    """Keep a capital: "Z. B." opening a sentence is said "Zum Beispiel"."""
    return said[:1].upper() + said[1:] if written[:1].isupper() else said


def sentence(md: str, language: str = "en") -> str:
    """Like `inline`, and ends with punctuation so a voice pauses after it (headings, list items)."""
    text = inline(md, language)
    if text and not text.endswith(_TERMINAL) and not text.endswith(('"', "'", ")")):
        text += "."
    return text


def strip_quotes(text: str) -> str:
    """A prompt written as "I feel…" (or „Ich fühle …“, »…«) is said without the quotes."""
    text = text.strip()
    while len(text) >= 2 and text[-1] in _QUOTE_PAIRS.get(text[0], ""):
        text = text[1:-1].strip()
    return text


def word_count(paragraphs: tuple[str, ...] | list[str]) -> int:
    return sum(len(p.split()) for p in paragraphs)
