"""`python -m skill lint`: what an author must fix (errors) or may want to (warnings), by file and line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ..progress.turn_length import DEFAULT_DISCUSSION_SECONDS, DEFAULT_TURN_SECONDS
from ..speech.pace import speaking_seconds
from .library import compiled_notes, journey_files, write_compiled
from .model import Day
from .parse import FRONT_MATTER_KEYS, Finding, ParseResult, key_line, load_journey
from .playthrough import playthrough
from .source import read_source
from .speakable import word_count


def spoken_words(day: Day) -> int:
    a = day.activity
    texts = [*day.learning, day.why_title, *day.why, *a.instructions, *a.closing]
    texts += [p.text for p in a.prompts] * 2 + [q.text for q in day.questions]
    return word_count(texts)


def spoken_minutes(day: Day) -> float:
    """Speech at WORDS_PER_MINUTE, plus both partners' turns per prompt and a window per question."""
    seconds = speaking_seconds(spoken_words(day))
    seconds += len(day.prompts) * 2 * DEFAULT_TURN_SECONDS + len(day.questions) * DEFAULT_DISCUSSION_SECONDS
    return round(seconds / 60, 1)


def report(result: ParseResult) -> dict[str, Any]:
    j = result.journey
    days = [] if j is None else [
        {"day": d.number, "title": d.title, "prompts": len(d.prompts), "questions": len(d.questions),
         "learning_words": word_count(d.learning), "spoken_minutes": spoken_minutes(d)}
        for d in j.days
    ]
    return {
        "file": result.path,
        "id": j.id if j else None,
        "language": j.language if j else None,
        "title": j.title if j else (result.meta.get("title") if isinstance(result.meta.get("title"), str) else None),
        "days": days,
        "errors": [{"line": f.line, "message": f.message} for f in result.errors],
        "warnings": [{"line": f.line, "message": f.message} for f in result.warnings],
    }


def played(result: ParseResult) -> ParseResult:
    """The result with an error for every text that would make a response fail when the day is played."""
    if result.journey is not None:
        text = read_source(result.path).decode("utf-8-sig")
        lines = {key: key_line(text, key) for key in FRONT_MATTER_KEYS}
        result.errors += [Finding(line, problem) for line, problem in playthrough(result.journey, lines)]
    return result


def run(paths: list[str], as_json: bool, out) -> int:
    files = journey_files(paths)
    missing = [p for p in map(Path, paths) if not p.exists()]
    results = [played(load_journey(f)) for f in files if f.exists()]
    results += [ParseResult(str(p), errors=[Finding(1, "no such file or folder")]) for p in missing]
    if as_json:
        json.dump([report(r) for r in results], out, indent=2, ensure_ascii=False)
        out.write("\n")
    else:
        for r in results:
            for f in sorted(r.errors, key=lambda f: f.line):
                out.write(f"{r.path}:{f.line}: error: {f.message}\n")
            for f in sorted(r.warnings, key=lambda f: f.line):
                out.write(f"{r.path}:{f.line}: warning: {f.message}\n")
        notes = [note for folder in map(Path, paths) if folder.is_dir() for note in compiled_notes(folder)]
        for path, message in notes:
            out.write(f"{path}:1: warning: {message}\n")
        errors = sum(len(r.errors) for r in results)
        warnings = sum(len(r.warnings) for r in results) + len(notes)
        calm = "; warnings are notes for the author, the journeys are ready to use"
        verdict = calm if warnings and not errors else ""
        out.write(f"{len(results)} journey file(s): {errors} error(s), {warnings} warning(s){verdict}\n")
    return 1 if not results or any(r.errors for r in results) else 0


def compile_folder(folder: str | Path) -> Path:
    """Write the folder's journeys compiled (`library.write_compiled`), as the Lambda build does. Refused,
    like lint, when a file has errors or a day would break a reply when played."""
    folder = Path(folder)
    failing = [r for r in (played(load_journey(f)) for f in journey_files([folder])) if r.errors]
    if failing:
        raise ValueError(f"{len(failing)} journey file(s) have errors; run: python -m skill lint {folder}")
    return write_compiled(folder)
