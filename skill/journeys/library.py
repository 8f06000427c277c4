"""All the journeys of a folder, ordered by `sequence`, parsed once per process.

A folder may carry `.journeys.pickle`, written by `python -m skill compile-journeys` (the Lambda build
does): the parsed journeys with a checksum of each file they came from. When every checksum still matches, the
journeys load from it without importing the YAML parser at all — a cold start saving of about 40 ms.
"""

from __future__ import annotations

import logging
import os
import pickle
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..language import language_of
from .model import Journey

if TYPE_CHECKING:
    from .parse import ParseResult

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

    def in_language(self, locale: str) -> Library:
        """Only the journeys a couple of this locale is offered ("de-DE" or "de" → the `de` ones), in the same
        order. Made once per library and language: it is asked on every request."""
        language = language_of(locale)
        key = (id(self), language)
        held = _VIEWS.get(key)
        if held is None or held[0] is not self:
            if len(_VIEWS) >= 64:
                _VIEWS.clear()
            view = Library(tuple(j for j in self.journeys if j.language == language), self.problems)
            held = _VIEWS[key] = (self, view)
        return held[1]


_VIEWS: dict[tuple[int, str], tuple[Library, Library]] = {}


def default_dir() -> Path:
    return Path(os.environ.get("JOURNEYS_DIR") or SHIPPED_JOURNEYS)


COMPILED = ".journeys.pickle"


def _fingerprint(files: list[Path]) -> dict[str, tuple[int, int]]:
    """Size and CRC-32 of each file: enough to notice an edited journey (this is no security check)."""
    return {f.name: (f.stat().st_size, zlib.crc32(f.read_bytes())) for f in files}


def compile_folder(folder: str | Path) -> Path:
    """Parse the folder's journeys and write them, with the files' hashes, to `<folder>/.journeys.pickle`."""
    folder = Path(folder)
    library = _parse(folder)
    if library.problems:
        raise ValueError(f"{len(library.problems)} journey file(s) have errors; run: python -m skill lint {folder}")
    target = folder / COMPILED
    target.write_bytes(pickle.dumps({"files": _fingerprint(journey_files([folder])), "library": library}))
    return target


def _compiled(folder: Path) -> Library | None:
    target = folder / COMPILED
    if not target.exists():
        return None
    try:
        data = pickle.loads(target.read_bytes())
        if data["files"] == _fingerprint(journey_files([folder])):
            return data["library"]
    except Exception:  # a stale or foreign file: parse the journeys instead
        log.warning("ignoring %s: it does not match the journey files", target)
    return None


@lru_cache(maxsize=8)
def _load(folder: str) -> Library:
    return _compiled(Path(folder)) or _parse(Path(folder))


def _parse(folder: Path) -> Library:
    from .parse import load_journey

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
