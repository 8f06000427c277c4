"""Journey files → `Journey`, with every problem reported as (line, message) — never an exception.

The format is the one of the user's own journey file (see docs/journey-format.md): YAML front matter,
then markdown where `## Day N: Title` starts a day and `###` sections inside it hold the learning, why it
matters, the activity (its list items are the sentence prompts) and the reflection questions. The front
matter's `language` says which headings (headings.py) and which spoken words (speakable.py) apply.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import pairwise
from pathlib import Path
from typing import Any

from ..progress.evenings import MAX_TEXT
from .front_matter import read_front_matter
from .headings import (
    ACTIVITY,
    DAY,
    LANGUAGES,
    LEARNING,
    QUESTIONS,
    VOCABULARY,
    WEEK,
    WHY,
    Known,
    numbered,
    promised_days,
    section_kind,
    written,
)
from .model import DEFAULT_LANGUAGE, Activity, Day, Journey, Prompt, Question, Section, Week
from .source import Skipped, read_source
from .speakable import inline, sentence, strip_quotes

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t]*#*[ \t]*$")
_ITEM = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+(.*)$")
_RULE = re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_LANGUAGE = re.compile(r"^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{2,8})*$")
FRONT_MATTER_KEYS = ("title", "description", "duration", "category", "content_notes", "id", "language")


@dataclass(frozen=True)
class Finding:
    line: int
    message: str


@dataclass
class ParseResult:
    """What parsing one file gave: a journey when there are no errors, and what an author should fix."""

    path: str
    journey: Journey | None = None
    errors: list[Finding] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class _Block:
    """A paragraph (`items` empty) or a list (`items` of (line, text))."""

    line: int
    text: str = ""
    items: list[tuple[int, str]] = field(default_factory=list)


@dataclass
class _Heading:
    level: int
    title: str
    line: int
    lines: list[tuple[int, str]] = field(default_factory=list)


def slugify(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    slug = re.sub(r"^\d+-", "", slug) or slug  # "001-deepening" → "deepening"
    return slug or "journey"


def load_journey(path: str | Path) -> ParseResult:
    p = Path(path)
    try:
        raw = read_source(p)
    except Skipped as why:
        return ParseResult(str(p), errors=[Finding(1, str(why))])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        return ParseResult(str(p), errors=[Finding(line, "the file is not UTF-8 text")])
    return parse_journey(text, str(p))


def parse_journey(text: str, path: str = "<journey>") -> ParseResult:
    result = ParseResult(path)
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    meta, body, body_line, problems = read_front_matter(text)
    result.errors += [Finding(line, message) for line, message in problems]
    front_matter_ok = not result.errors
    result.meta = meta
    headings = _headings(body, body_line)
    journey_fields = _journey_fields(meta, path, text, result if front_matter_ok else ParseResult(path))
    lang = journey_fields["language"]
    intro, sections, weeks, days = _structure(headings, lang, result)
    if not days and front_matter_ok:
        example = written(Known(DAY, lang, 1), lang)
        result.errors.append(Finding(body_line, f"no days: add a day heading such as '{example}'"))
    _check_days(days, meta, text, result)
    if result.errors:
        return result
    result.journey = Journey(
        path=path, days=tuple(sorted(days, key=lambda d: d.number)), intro=tuple(intro),
        sections=tuple(sections), weeks=tuple(weeks), meta=dict(meta), **journey_fields,
    )
    return result


def key_line(text: str, key: str) -> int:
    m = re.search(rf"^{re.escape(key)}\s*:", text, re.MULTILINE)
    return text[: m.start()].count("\n") + 1 if m else 1


def _language(meta: dict[str, Any], text: str, result: ParseResult) -> str:
    """The primary language subtag ("de-AT" → "de"): the skill offers a journey by its locale's language."""
    value = meta.get("language")
    if value is None:
        return DEFAULT_LANGUAGE
    m = _LANGUAGE.match(value) if isinstance(value, str) else None
    if m is None:
        message = f"language must be a language code such as 'en' or 'de', not {value!r}"
    elif m.group(1).lower() not in LANGUAGES:
        message = f"language '{m.group(1).lower()}' is not one the skill speaks ({', '.join(LANGUAGES)})"
    else:
        return m.group(1).lower()
    result.errors.append(Finding(key_line(text, "language"), message))
    return DEFAULT_LANGUAGE


def _journey_fields(meta: dict[str, Any], path: str, text: str, result: ParseResult) -> dict[str, Any]:
    lang = _language(meta, text, result)
    title = meta.get("title")
    if not isinstance(title, str) or not title.strip():
        where = key_line(text, "title")
        result.errors.append(Finding(where, "missing title: add 'title: Your Journey' to the front matter"))
        title = ""
    sequence = meta.get("sequence")
    if sequence is not None and (isinstance(sequence, bool) or not isinstance(sequence, int)):
        result.errors.append(Finding(key_line(text, "sequence"), f"sequence must be a whole number, not {sequence!r}"))
        sequence = None
    jid = meta.get("id")
    if jid is None:
        jid = slugify(Path(path).stem)
    elif not isinstance(jid, str) or not _SLUG.match(jid):
        result.errors.append(Finding(key_line(text, "id"), f"id must be lower-case words joined by '-', not {jid!r}"))
        jid = slugify(str(jid))
    if len(jid) > MAX_TEXT:  # the record would drop it, and the couple would be offered the day forever
        result.errors.append(Finding(key_line(text, "id"), (
            f"the id {jid!r} is {len(jid)} characters; the progress record keeps at most {MAX_TEXT}: "
            "add a shorter 'id: …' to the front matter")))
    fields: dict[str, Any] = {"id": jid, "title": inline(title, lang) if title else "", "sequence": sequence,
                              "language": lang}
    for key in ("description", "duration", "category"):
        value = meta.get(key)
        fields[key] = inline(str(value), lang) if value is not None else ""
    return fields


def _headings(body: str, first_line: int) -> list[_Heading]:
    """Split the body at headings; text before the first heading belongs to a level-0 pseudo heading."""
    out = [_Heading(0, "", first_line)]
    in_fence = False
    for offset, line in enumerate(body.split("\n")):
        number = first_line + offset
        if _FENCE.match(line):
            in_fence = not in_fence
        m = None if in_fence else _HEADING.match(line)
        if m:
            out.append(_Heading(len(m.group(1)), m.group(2).strip(), number))
        else:
            out[-1].lines.append((number, line))
    return out


def _blocks(lines: list[tuple[int, str]]) -> list[_Block]:
    """Paragraphs and lists; a blank line ends either, a line right after a list item continues it."""
    blocks: list[_Block] = []
    current: _Block | None = None
    for number, line in lines:
        if not line.strip() or _RULE.match(line):
            current = None
            continue
        item = _ITEM.match(line)
        if item:
            if current is None or not current.items:
                current = _Block(number)
                blocks.append(current)
            current.items.append((number, item.group(1).strip()))
        elif current is not None and current.items:
            n, t = current.items[-1]
            current.items[-1] = (n, f"{t} {line.strip()}")
        elif current is not None:
            current.text += " " + line.strip()
        else:
            current = _Block(number, text=line.strip())
            blocks.append(current)
    return blocks


def _paragraphs(blocks: list[_Block], lang: str) -> list[str]:
    """Each paragraph, and each list item, as one spoken sentence (or more)."""
    texts = (t for b in blocks for t in ([t for _, t in b.items] if b.items else [b.text]))
    return [s for s in (sentence(t, lang) for t in texts) if s]


def _structure(headings: list[_Heading], lang: str, result: ParseResult):
    foreign: list[tuple[int, Known]] = []  # headings read in another language than the file's
    intro: list[str] = []
    sections: list[Section] = []
    weeks: list[Week] = []
    days: list[Day] = []
    day: dict[str, Any] | None = None
    section: dict[str, Any] | None = None

    def close() -> None:
        nonlocal day, section
        if day is not None:
            days.append(_make_day(day, lang, result))
        if section is not None:
            sections.append(Section(section["title"], tuple(section["paragraphs"]), section["line"],
                                    tuple(section["subsections"])))
        day = section = None

    def read(h: _Heading, m: Known) -> None:
        if m.language != lang:
            foreign.append((h.line, m))

    for h in headings:
        blocks = _blocks(h.lines)
        if h.level <= 1:
            if h.level == 1 or not days:
                close()
                intro.extend(_paragraphs(blocks, lang))
            continue
        if h.level == 2:
            close()
            m = numbered(_plain_heading(h.title))
            if m and m.kind == DAY:
                read(h, m)
                day = {"number": m.number, "title": m.rest, "line": h.line, "preface": blocks, "parts": {},
                       "other": []}
                if not day["title"]:
                    result.warnings.append(Finding(h.line, f"Day {m.number} has no title after its number"))
            else:
                section = {"title": inline(h.title, lang), "line": h.line, "paragraphs": _paragraphs(blocks, lang),
                           "subsections": []}
        elif day is not None:
            m = section_kind(h.title)
            if m is None or m.kind in day["parts"]:
                day["other"].append(Section(inline(h.title, lang), tuple(_paragraphs(blocks, lang)), h.line))
                why = "appears twice" if m else "is not one the skill reads aloud"
                message = f"section '{inline(h.title, lang)}' {why}; it is kept, not spoken"
                result.warnings.append(Finding(h.line, message))
            else:
                read(h, m)
                day["parts"][m.kind] = (h, blocks)
        elif section is not None:
            m = numbered(_plain_heading(h.title))
            if m and m.kind == WEEK:
                read(h, m)
                items = tuple(_paragraphs([b for b in blocks if b.items], lang))
                weeks.append(Week(m.number, inline(m.rest, lang), items, h.line))
            title, paragraphs = inline(h.title, lang), tuple(_paragraphs(blocks, lang))
            section["subsections"].append(Section(title, paragraphs, h.line))
        else:
            intro.extend(_paragraphs(blocks, lang))
    close()
    _warn_foreign(foreign, lang, result)
    return intro, sections, weeks, days


def _warn_foreign(foreign: list[tuple[int, Known]], lang: str, result: ParseResult) -> None:
    """Once per file, at the first: headings in another language are read, and how to write them instead."""
    if foreign:
        line, first = foreign[0]
        other, own = VOCABULARY[first.language].name, VOCABULARY[lang].name
        result.warnings.append(Finding(line, (
            f"{other} headings in this {own} journey ({len(foreign)}, the first here): the skill reads them, "
            f"but write them in {own}, e.g. '{written(first, lang)}'")))


def _plain_heading(title: str) -> str:
    return re.sub(r"[*_`]", "", title).strip()


def _make_day(d: dict[str, Any], lang: str, result: ParseResult) -> Day:
    parts = d["parts"]
    learning = _paragraphs(d["preface"], lang)
    learning_line = d["line"]
    if LEARNING in parts:
        heading, blocks = parts[LEARNING]
        learning += _paragraphs(blocks, lang)
        learning_line = heading.line
    if not learning:
        what = "is empty" if LEARNING in parts else "is missing"
        heading_name = VOCABULARY[lang].sections[LEARNING]
        result.errors.append(Finding(learning_line, f"Day {d['number']}: {heading_name} {what}"))
    why_title, why = "", []
    if WHY in parts:
        heading, blocks = parts[WHY]
        why_title, why = sentence(heading.title, lang), _paragraphs(blocks, lang)
    activity = Activity(line=d["line"])
    if ACTIVITY in parts:
        heading, blocks = parts[ACTIVITY]
        activity = _make_activity(heading, blocks, lang)
    questions: list[Question] = []
    if QUESTIONS in parts:
        _, blocks = parts[QUESTIONS]
        lines = [(n, t) for b in blocks for n, t in b.items] or [(b.line, b.text) for b in blocks]
        questions = [Question(s, n) for n, s in ((n, sentence(t, lang)) for n, t in lines) if s]
    return Day(number=d["number"], title=inline(d["title"], lang), line=d["line"], learning=tuple(learning),
               why_title=why_title, why=tuple(why), activity=activity, questions=tuple(questions),
               other_sections=tuple(d["other"]))


def _make_activity(heading: _Heading, blocks: list[_Block], lang: str) -> Activity:
    instructions: list[str] = []
    closing: list[str] = []
    prompts: list[Prompt] = []
    for b in blocks:
        if b.items:
            said = ((n, inline(strip_quotes(t), lang)) for n, t in b.items)
            prompts.extend(Prompt(text, n) for n, text in said if text)
        elif sentence(b.text, lang):
            (closing if prompts else instructions).append(sentence(b.text, lang))
    return Activity(tuple(instructions), tuple(prompts), tuple(closing), heading.line)


def _check_days(days: list[Day], meta: dict[str, Any], text: str, result: ParseResult) -> None:
    seen: dict[int, Day] = {}
    for d in days:
        if d.number in seen:
            first = seen[d.number].line
            result.errors.append(Finding(d.line, f"Day {d.number} is written twice (first at line {first})"))
        else:
            seen[d.number] = d
        if d.number < 1:
            result.errors.append(Finding(d.line, "day numbers start at 1"))
        if not d.prompts:
            result.warnings.append(Finding(d.activity.line, f"Day {d.number} has no sentence prompts"))
        if not d.questions:
            result.warnings.append(Finding(d.line, f"Day {d.number} has no reflection questions"))
    ordered = sorted(seen.values(), key=lambda x: x.number)
    for before, after in pairwise(ordered):
        if after.number != before.number + 1:
            missing = ", ".join(str(n) for n in range(before.number + 1, after.number))
            gap = "Day " + missing if "," not in missing else "Days " + missing
            message = f"Day {after.number} follows Day {before.number}: {gap} missing"
            result.warnings.append(Finding(after.line, message))
    duration = str(meta.get("duration") or "")
    promised = promised_days(duration)
    if promised and days and len(seen) < promised:
        count = f"{len(seen)} day" + ("" if len(seen) == 1 else "s")
        result.warnings.append(Finding(
            key_line(text, "duration"),
            f"duration '{duration}' promises about {promised} days, but {count} written"))
