"""A journey's YAML front matter, read as untrusted input: what PyYAML would choke on, stall on or expand
without bound is refused first, at the line it is on.

- control characters: YAML refuses them too, but without saying where;
- nesting deeper than MAX_NESTING: PyYAML's scanner slows with the square of the depth (20,000 brackets
  would take hours), and deep indentation exhausts the recursion of its composer;
- anchors and aliases: "&a [*b, *b, …]" nested a few times is billions of values (an alias bomb).
"""

from __future__ import annotations

import re
from typing import Any

import frontmatter
import yaml

MAX_NESTING = 32
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")
_BRACKETS = re.compile(r"[\[\]{}]")

Problem = tuple[int, str]  # (line of the file, message)


def read_front_matter(text: str) -> tuple[dict[str, Any], str, int, list[Problem]]:
    """(the front matter's keys, the body, the body's first line, problems). Lines count from the file's
    first; the front matter as the handler splits it opens with the newline after '---'."""
    handler = frontmatter.YAMLHandler()
    if not handler.detect(text):
        return {}, text, 1, []
    try:
        fm, content = handler.split(text)
    except ValueError:
        return {}, "", 1, [(1, "the front matter opened with '---' is never closed by a '---' line")]
    body_line = text[: len(text) - len(content)].count("\n") + 1
    problem = _refused(fm)
    if problem is not None:
        return {}, content, body_line, [problem]
    try:
        data = yaml.safe_load(fm)
    except RecursionError:
        return {}, content, body_line, [(2, "the front matter is nested too deeply to read")]
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        line = mark.line + 2 if mark is not None else 1
        why = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return {}, content, body_line, [(line, f"unreadable front matter: {why}")]
    if data is None:
        data = {}
    if not isinstance(data, dict):
        return {}, content, body_line, [(2, "the front matter must be 'key: value' lines")]
    return {str(k): v for k, v in data.items()}, content, body_line, []


def _refused(fm: str) -> Problem | None:
    """What must not reach PyYAML's loader, at its line."""
    bad = _CONTROL.search(fm)
    if bad:
        return (1 + fm[: bad.start()].count("\n"),
                f"unreadable front matter: the front matter holds a control character (U+{ord(bad.group()):04X}); "
                "delete it")
    deep = _too_deep(fm)
    if deep:
        return 1 + fm[:deep].count("\n"), f"the front matter nests lists or maps more than {MAX_NESTING} levels deep"
    try:
        shared = next((e for e in yaml.parse(fm, Loader=yaml.SafeLoader)
                       if isinstance(e, yaml.AliasEvent) or getattr(e, "anchor", None)), None)
    except yaml.YAMLError:
        return None  # the loader says what is wrong, and where
    if shared is not None:
        return (shared.start_mark.line + 1,
                "YAML anchors and aliases (&name, *name) are not allowed in the front matter: write each value out")
    return None


def _too_deep(fm: str) -> int:
    """Where the brackets first nest deeper than MAX_NESTING (0: nowhere). Brackets inside quotes count
    too: a generous limit keeps that harmless."""
    depth = 0
    for m in _BRACKETS.finditer(fm):
        depth += 1 if m.group() in "[{" else -1
        if depth > MAX_NESTING:
            return m.start()
    return 0
