"""All the journeys of a folder, ordered by `sequence`, parsed once per process.

A folder may carry `.journeys.json`, written by `python -m skill compile-journeys` (the Lambda build
does): the parsed journeys as plain JSON, versioned, with the SHA-256 of each file they came from. It is
used only when its version and model match this code and every checksum matches the files, and it is
decoded field by field into the model's types, so it cannot run anything or hand the skill a value of
the wrong kind; otherwise the journeys are parsed. Loading it needs no YAML parser — a cold start saving
of about 40 ms. A `.journeys.pickle` (what older versions wrote) is never opened: unpickling runs code.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from ..language import language_of
from .compiled import FORMAT, VERSION, decode, model_signature
from .model import Journey
from .source import Skipped, read_source

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


COMPILED = ".journeys.json"
LEGACY = ".journeys.pickle"
MAX_COMPILED_BYTES = 16 * 1024 * 1024


def _fingerprint(files: list[Path]) -> dict[str, str]:
    """SHA-256 of each journey file ("" for one that cannot be read as a journey)."""
    out = {}
    for f in files:
        try:
            out[f.name] = hashlib.sha256(read_source(f)).hexdigest()
        except Skipped:
            out[f.name] = ""
    return out


def write_compiled(folder: Path) -> Path:
    """Parse the folder's journeys and write them, with the files' checksums, to `<folder>/.journeys.json`
    (`lint.compile_folder` checks them first: this layer never imports the session machine lint plays)."""
    library = _parse(folder)
    data = {"format": FORMAT, "version": VERSION, "model": model_signature(),
            "files": _fingerprint(journey_files([folder])), "journeys": list(library.journeys)}
    target = folder / COMPILED
    target.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str), encoding="utf-8")
    return target


def _compiled(folder: Path) -> Library | None:
    """The compiled journeys, if the file checks out (format, version, model, every file's checksum)."""
    if (folder / LEGACY).exists():
        log.warning("ignoring %s: compiled journeys are %s now (a pickle could run code); delete it",
                    folder / LEGACY, COMPILED)
    target = folder / COMPILED
    if not target.exists():
        return None
    try:
        data = json.loads(read_source(target, MAX_COMPILED_BYTES))
        if not isinstance(data, dict) or (data.get("format"), data.get("version"), data.get("model")) != \
                (FORMAT, VERSION, model_signature()):
            raise ValueError("written by another version")
        if data.get("files") != _fingerprint(journey_files([folder])):
            raise ValueError("the journey files changed since")
        return Library(decode(data.get("journeys")))
    except (Skipped, ValueError, RecursionError) as why:  # stale or foreign: parse the journeys instead
        log.warning("ignoring %s: %s", target, why)
    return None


def compiled_notes(folder: Path) -> list[tuple[Path, str]]:
    """What lint says of a folder's compiled files: a pickle is never loaded, a stale JSON is not used."""
    notes = []
    if (folder / LEGACY).exists():
        notes.append((folder / LEGACY, "ignored: the skill never loads a pickle (it could run code); delete it"))
    if (folder / COMPILED).exists() and _compiled(folder) is None:
        notes.append((folder / COMPILED, "not used: it does not match the journey files; run compile-journeys"))
    return notes


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
