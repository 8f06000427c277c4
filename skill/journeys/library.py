"""All the journeys of a folder, ordered by `sequence`, parsed once per process."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .model import Journey
from .parse import ParseResult, load_journey

log = logging.getLogger(__name__)

SHIPPED_JOURNEYS = Path(__file__).resolve().parents[2] / "journeys"


def journey_files(paths: list[str | Path]) -> list[Path]:
    """Files named directly, plus every `*.md` inside the folders named."""
    out: list[Path] = []
    for p in map(Path, paths):
        out.extend(sorted(p.glob("*.md")) if p.is_dir() else [p])
    return out


@dataclass(frozen=True)
class Library:
    journeys: tuple[Journey, ...]
    problems: tuple[ParseResult, ...] = ()

    def get(self, journey_id: str | None) -> Journey | None:
        return next((j for j in self.journeys if j.id == journey_id), None)

    @property
    def first(self) -> Journey | None:
        return self.journeys[0] if self.journeys else None

    def after(self, journey_id: str) -> Journey | None:
        """The journey that follows this one by `sequence`."""
        ids = [j.id for j in self.journeys]
        if journey_id not in ids:
            return self.first
        i = ids.index(journey_id)
        return self.journeys[i + 1] if i + 1 < len(ids) else None


def default_dir() -> Path:
    return Path(os.environ.get("JOURNEYS_DIR") or SHIPPED_JOURNEYS)


@lru_cache(maxsize=8)
def _load(folder: str) -> Library:
    journeys: list[Journey] = []
    problems: list[ParseResult] = []
    for path in journey_files([folder]):
        result = load_journey(path)
        if result.journey is None:
            problems.append(result)
            for e in result.errors:
                log.error("%s:%d: %s (journey skipped)", path, e.line, e.message)
        elif any(j.id == result.journey.id for j in journeys):
            log.error("%s: a journey with id %r is already loaded (skipped)", path, result.journey.id)
        else:
            journeys.append(result.journey)
    journeys.sort(key=lambda j: (j.sequence is None, j.sequence or 0, j.title))
    return Library(tuple(journeys), tuple(problems))


def load_library(folder: str | Path | None = None) -> Library:
    """The journeys in `folder` (default: $JOURNEYS_DIR, else the shipped ones); cached per process."""
    return _load(str(Path(folder or default_dir()).resolve()))
