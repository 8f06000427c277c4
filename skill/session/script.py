"""A day as the couple lives it: an ordered list of segments, grouped into what one response can hold.

Segments: lesson parts of about two minutes (`learn.N`, cut at paragraphs, a new part where an example or
a bold lead begins), a partner's timed turn on a prompt (`turn.P.a` then `turn.P.b`) — or, for an activity
written as prose without sentences, the `activity` itself — a reflection
question with its discussion window (`question.Q`), and the check-in. Segments are what repeat, go back
and barge-in work on (a prompt's two turns count as one step). A response plays one group: as many lesson
parts as fit, both partners' turns on one prompt, or two questions — four chimes at most, under Alexa's
five audio tags. The couple's place is a segment key, so it survives edits to other days.
"""


import re
from functools import cache
from typing import NamedTuple

from ..journeys.model import Day, Prompt, Question
from ..speech.ssml import escape

LEARN, TURN, QUESTION, CHECKIN = "learn", "turn", "question", "checkin"
ACTIVITY = "activity"  # an activity in prose, without sentences ("go for a walk together"): read, given its time
LEARN_BUDGET = 6000  # characters of lesson per response; SSML allows 8,000 with markup and the framing lines
PART_WORDS = 300  # about two minutes of speech: a lesson part
QUESTIONS_PER_RESPONSE = 2


class Segment(NamedTuple):
    key: str
    kind: str
    group: int
    paragraphs: tuple[str, ...] = ()  # learn: what is read; a "why" heading is its own paragraph
    prompt: Prompt | None = None
    prompt_index: int = 0
    partner: int = 0  # turn: 0 or 1, who speaks (index into the couple's names)
    second: bool = False  # turn: the second partner on this prompt
    question: Question | None = None
    question_index: int = 0


class DayScript(NamedTuple):
    day: Day
    segments: tuple[Segment, ...]
    positions: dict[str, int]  # segment key → index

    @property
    def first(self) -> str:
        return self.segments[0].key

    def find(self, key: str | None) -> Segment | None:
        i = self.positions.get(key)  # type: ignore[arg-type]
        return None if i is None else self.segments[i]

    def _index(self, key: str) -> int:
        return self.positions[key]

    def rest_of_group(self, key: str) -> list[Segment]:
        """The segments one response plays when it starts at `key`."""
        i = self._index(key)
        group = self.segments[i].group
        return [s for s in self.segments[i:] if s.group == group]

    def after(self, key: str) -> str | None:
        i = self._index(key)
        return self.segments[i + 1].key if i + 1 < len(self.segments) else None

    def unit_start(self, key: str) -> str:
        """The step a segment belongs to: a prompt's two turns are one step; anything else is its own."""
        seg = self.find(key)
        return f"turn.{seg.prompt_index}.a" if seg.kind == TURN else key

    def previous_unit(self, key: str) -> str | None:
        """One step back: the start of this step if we are inside it, else the step before."""
        start = self.unit_start(key)
        if start != key:
            return start
        i = self._index(key)
        return self.unit_start(self.segments[i - 1].key) if i > 0 else None

    def unit(self, key: str) -> list[Segment]:
        """The segments of the step that starts at `key`."""
        i = self._index(key)
        seg = self.segments[i]
        return [seg, self.segments[i + 1]] if seg.kind == TURN and not seg.second else [seg]

    @property
    def prompts(self) -> int:
        return len(self.day.prompts)


def _size(paragraph: str) -> int:
    """What a paragraph takes of a response: its characters as SSML (escaped, in a <p>)."""
    return len(escape(paragraph)) + 7


def _pieces(paragraph: str) -> list[str]:
    """A paragraph longer than a response can hold, cut between sentences (or, failing that, words)."""
    if _size(paragraph) <= LEARN_BUDGET:
        return [paragraph]
    words = re.split(r"(?<=[.!?…])\s+", paragraph)
    if len(words) == 1:
        words = paragraph.split(" ")
    pieces = [""]
    for w in words:
        if pieces[-1] and _size(f"{pieces[-1]} {w}") > LEARN_BUDGET:
            pieces.append("")
        pieces[-1] = f"{pieces[-1]} {w}".strip()
    return pieces


def _learning_parts(day: Day) -> list[tuple[str, ...]]:
    """The learning, then why it matters, in parts of about two minutes, cut between paragraphs: a part
    closes once it has about two minutes, or before an example when it has one already; the "why" section
    starts a part of its own, its heading travelling with its first paragraph."""
    learning = [[piece] for p in day.learning for piece in _pieces(p)]
    why = [[*filter(None, [day.why_title]), day.why[0]], *([p] for p in day.why[1:])] if day.why else []
    return [*_parts(learning), *_parts(why)]


def _parts(units: list[list[str]]) -> list[tuple[str, ...]]:
    parts: list[list[str]] = [[]]
    words = chars = 0
    for unit in units:
        size, length = sum(len(p.split()) for p in unit), sum(_size(p) for p in unit)
        example = bool(_example().match(unit[-1]))
        if parts[-1] and (words >= PART_WORDS or chars + length > LEARN_BUDGET or words + size > PART_WORDS * 1.4
                          or (example and words >= PART_WORDS / 2)):
            parts.append([])
            words = chars = 0
        parts[-1].extend(unit)
        words, chars = words + size, chars + length
    return [tuple(p) for p in parts if p]


@cache
def _example() -> re.Pattern[str]:
    """How a paragraph that opens with an example begins, in every language ("For example:", "Zum Beispiel:").
    Made on first use: the speakable words are not worth their import on a cold start that reads no lesson."""
    from ..journeys.speakable import words
    from ..language.catalog import in_order

    return re.compile("|".join(re.escape(words(language).for_example.strip()) for language in in_order()))


def _lesson_groups(parts: list[tuple[str, ...]]) -> list[int]:
    """Which response each lesson part plays in: the fewest responses the budget allows, filled as evenly
    as the parts allow, so a long lesson asks "shall I go on?" as rarely as it can."""
    lengths = [sum(_size(p) for p in part) for part in parts]
    if not lengths:
        return []
    responses = _fill(lengths, LEARN_BUDGET)[-1]
    low, high = max(lengths), max(LEARN_BUDGET, max(lengths))
    while low < high:  # the smallest response that still needs no more responses
        middle = (low + high) // 2
        low, high = (low, middle) if _fill(lengths, middle)[-1] <= responses else (middle + 1, high)
    return _fill(lengths, low)


def _fill(lengths: list[int], budget: int) -> list[int]:
    groups, group, size = [], 0, 0
    for length in lengths:
        if size and size + length > budget:
            group, size = group + 1, 0
        groups.append(group)
        size += length
    return groups


_SCRIPTS: dict[int, DayScript] = {}


def day_script(day: Day) -> DayScript:
    """The day's script, made once per Day object (keyed by identity: hashing a whole day is not free)."""
    script = _SCRIPTS.get(id(day))
    if script is None or script.day is not day:
        if len(_SCRIPTS) >= 512:  # journeys reloaded many times (tests, authors): start afresh
            _SCRIPTS.clear()
        script = _SCRIPTS[id(day)] = _make_script(day)
    return script


def _make_script(day: Day) -> DayScript:
    segments: list[Segment] = []
    parts = _learning_parts(day)
    groups = _lesson_groups(parts)
    for i, (part, g) in enumerate(zip(parts, groups, strict=True)):
        segments.append(Segment(f"learn.{i}", LEARN, g, paragraphs=part))
    group = groups[-1] + 1 if groups else 0
    if not day.prompts and day.activity.instructions:
        segments.append(Segment(ACTIVITY, ACTIVITY, group))
        group += 1
    for p, prompt in enumerate(day.prompts):
        first = (p + day.number - 1) % 2
        segments.append(Segment(f"turn.{p}.a", TURN, group, prompt=prompt, prompt_index=p, partner=first))
        segments.append(Segment(f"turn.{p}.b", TURN, group, prompt=prompt, prompt_index=p, partner=1 - first,
                                second=True))
        group += 1
    for q, question in enumerate(day.questions):
        segments.append(Segment(f"question.{q}", QUESTION, group + q // QUESTIONS_PER_RESPONSE,
                                question=question, question_index=q))
    group += (len(day.questions) + QUESTIONS_PER_RESPONSE - 1) // QUESTIONS_PER_RESPONSE
    segments.append(Segment(CHECKIN, CHECKIN, group))
    return DayScript(day, tuple(segments), {seg.key: i for i, seg in enumerate(segments)})
