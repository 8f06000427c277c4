"""The compiled journeys' JSON, read back into the model: every field checked against the model's own
types, so a crafted or stale file is refused (ValueError) instead of reaching a couple.

Written by `library.compile_folder`: each NamedTuple is a JSON array of its fields, in order. The model
signature (every type's field names) is stored with it, so a file written for another model is refused.
"""

from __future__ import annotations

import types
from functools import cache
from typing import Any, Union, get_args, get_origin, get_type_hints

from .model import Journey

FORMAT = "couple-journeys.compiled"
VERSION = 1


@cache
def _hints(cls: type) -> dict[str, Any]:
    return get_type_hints(cls)


def _records(cls: type, seen: dict[str, list[str]]) -> dict[str, list[str]]:
    """Every NamedTuple type reachable from `cls`, with its field names."""
    if cls.__name__ in seen:
        return seen
    seen[cls.__name__] = list(cls._fields)  # type: ignore[attr-defined]
    for hint in _hints(cls).values():
        for inner in (hint, *get_args(hint)):
            if isinstance(inner, type) and hasattr(inner, "_fields"):
                _records(inner, seen)
    return seen


def model_signature() -> str:
    return ";".join(f"{name}({','.join(fields)})" for name, fields in sorted(_records(Journey, {}).items()))


def decode(raw: Any) -> tuple[Journey, ...]:
    """The journeys of a compiled file; ValueError naming the first field that is not what the model says."""
    return _decode(tuple[Journey, ...], raw, "journeys")


def _decode(kind: Any, raw: Any, where: str) -> Any:
    origin = get_origin(kind)
    if kind is Any:
        return raw
    if isinstance(kind, type) and hasattr(kind, "_fields"):
        hints = _hints(kind)
        if not isinstance(raw, list) or len(raw) != len(kind._fields):
            raise ValueError(f"{where}: not a {kind.__name__}")
        return kind(*(_decode(hints[f], v, f"{where}.{f}") for f, v in zip(kind._fields, raw, strict=True)))
    if origin is tuple:
        if not isinstance(raw, list):
            raise ValueError(f"{where}: not a list")
        return tuple(_decode(get_args(kind)[0], v, f"{where}[{n}]") for n, v in enumerate(raw))
    if origin in (Union, types.UnionType):
        if raw is None and type(None) in get_args(kind):
            return None
        return _decode(next(a for a in get_args(kind) if a is not type(None)), raw, where)
    if origin is dict:
        if not isinstance(raw, dict):
            raise ValueError(f"{where}: not a map")
        return dict(raw)
    if kind is int and isinstance(raw, int) and not isinstance(raw, bool):
        return raw
    if kind is str and isinstance(raw, str):
        return raw
    raise ValueError(f"{where}: not {getattr(kind, '__name__', kind)}")
