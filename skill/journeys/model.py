"""The typed journey: what a journey file means once parsed. Text here is already speakable (plain words);
SSML escaping belongs to the renderer.

Immutable values as NamedTuples: about a quarter of a frozen dataclass's cost to define, which every
Lambda cold start pays.
"""


from typing import Any, NamedTuple

DEFAULT_LANGUAGE = "en"


class Prompt(NamedTuple):
    """A sentence a partner finishes out loud ("I feel closest to you when…")."""

    text: str
    line: int


class Question(NamedTuple):
    """A reflection question the couple discusses together."""

    text: str
    line: int


class Activity(NamedTuple):
    """The day's activity: instructions, the sentence prompts, then closing guidance."""

    instructions: tuple[str, ...] = ()
    prompts: tuple[Prompt, ...] = ()
    closing: tuple[str, ...] = ()
    line: int = 0


class Section(NamedTuple):
    """A titled block of speakable paragraphs (a `##` or `###` section of the file)."""

    title: str
    paragraphs: tuple[str, ...]
    line: int
    subsections: tuple["Section", ...] = ()


class Week(NamedTuple):
    """A week of the journey plan (`### Week N: Theme`), used to say "this week's focus"."""

    number: int
    theme: str
    items: tuple[str, ...]
    line: int


class Day(NamedTuple):
    number: int
    title: str
    line: int
    learning: tuple[str, ...] = ()
    why_title: str = ""
    why: tuple[str, ...] = ()
    activity: Activity = Activity()
    questions: tuple[Question, ...] = ()
    other_sections: tuple[Section, ...] = ()

    @property
    def prompts(self) -> tuple[Prompt, ...]:
        return self.activity.prompts


class Journey(NamedTuple):
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
    meta: dict[str, Any] | None = None  # the whole front matter, unknown keys included
    language: str = DEFAULT_LANGUAGE  # last, so journeys compiled before it existed load as English

    def day(self, number: int) -> Day | None:
        return next((d for d in self.days if d.number == number), None)

    def day_after(self, number: int) -> Day | None:
        """The next day written after `number` (day numbers may have gaps)."""
        return next((d for d in self.days if d.number > number), None)

    def week_of(self, day_number: int) -> Week | None:
        week_number = (day_number - 1) // 7 + 1
        return next((w for w in self.weeks if w.number == week_number), None)
