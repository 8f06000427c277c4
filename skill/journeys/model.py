"""The typed journey: what a journey file means once parsed. Text here is already speakable (plain words);
SSML escaping belongs to the renderer."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Prompt:
    """A sentence a partner finishes out loud ("I feel closest to you when…")."""

    text: str
    line: int


@dataclass(frozen=True)
class Question:
    """A reflection question the couple discusses together."""

    text: str
    line: int


@dataclass(frozen=True)
class Activity:
    """The day's activity: instructions, the sentence prompts, then closing guidance."""

    instructions: tuple[str, ...] = ()
    prompts: tuple[Prompt, ...] = ()
    closing: tuple[str, ...] = ()
    line: int = 0


@dataclass(frozen=True)
class Section:
    """A titled block of speakable paragraphs (a `##` or `###` section of the file)."""

    title: str
    paragraphs: tuple[str, ...]
    line: int
    subsections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Week:
    """A week of the journey plan (`### Week N: Theme`), used to say "this week's focus"."""

    number: int
    theme: str
    items: tuple[str, ...]
    line: int


@dataclass(frozen=True)
class Day:
    number: int
    title: str
    line: int
    learning: tuple[str, ...] = ()
    why_title: str = ""
    why: tuple[str, ...] = ()
    activity: Activity = field(default_factory=Activity)
    questions: tuple[Question, ...] = ()
    other_sections: tuple[Section, ...] = ()

    @property
    def prompts(self) -> tuple[Prompt, ...]:
        return self.activity.prompts


@dataclass(frozen=True)
class Journey:
    id: str
    title: str
    path: str
    days: tuple[Day, ...]
    description: str = ""
    duration: str = ""
    category: str = ""
    sequence: int | None = None
    intro: tuple[str, ...] = ()
    sections: tuple[Section, ...] = ()
    weeks: tuple[Week, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)

    def day(self, number: int) -> Day | None:
        return next((d for d in self.days if d.number == number), None)

    def day_after(self, number: int) -> Day | None:
        """The next day written after `number` (day numbers may have gaps)."""
        return next((d for d in self.days if d.number > number), None)

    def week_of(self, day_number: int) -> Week | None:
        week_number = (day_number - 1) // 7 + 1
        return next((w for w in self.weeks if w.number == week_number), None)
