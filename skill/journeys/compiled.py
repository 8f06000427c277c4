"""The compiled journeys' JSON, read back into the model: every field checked against the model's own
types, so a crafted or stale file is refused (ValueError) instead of reaching a couple.

Written by `lint.compile_folder`: each NamedTuple is a JSON array of its fields, in order. The model
signature (every type's field names) is stored with it, so a file written for another model is refused.
"""

from __future__ import annotations

import types
from collections.abc import Callable
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
    """The journeys of a compiled file; ValueError naming the first kind that is not what the model says."""
    return _decoder(tuple[Journey, ...])(raw)


@cache
def _decoder(kind: Any) -> Callable[[Any], Any]:
    """A function that checks a JSON value against `kind` and builds it; made once per type (a cold start
    decodes a few hundred values)."""
    origin = get_origin(kind)
    if kind is Any:
        return lambda raw: raw
    if isinstance(kind, type) and hasattr(kind, "_fields"):
        hints = [_hints(kind)[f] for f in kind._fields]

        def record(raw: Any) -> Any:
            if not isinstance(raw, list) or len(raw) != len(hints):
                raise ValueError(f"not a {kind.__name__}: {str(raw)[:40]}")
            return kind(*[_decoder(hint)(value) for hint, value in zip(hints, raw, strict=True)])
        return record
    if origin is tuple:
        inner = get_args(kind)[0]

        def sequence(raw: Any) -> tuple[Any, ...]:
            if not isinstance(raw, list):
                raise ValueError(f"not a list: {str(raw)[:40]}")
            each = _decoder(inner)
            return tuple([each(value) for value in raw])
        return sequence
    if origin in (Union, types.UnionType):
        other = _decoder(next(a for a in get_args(kind) if a is not type(None)))
        return lambda raw: None if raw is None and type(None) in get_args(kind) else other(raw)
    if origin is dict:
        return lambda raw: dict(raw) if isinstance(raw, dict) else _refuse("a map", raw)
    if kind is int:
        return lambda raw: raw if isinstance(raw, int) and not isinstance(raw, bool) else _refuse("a number", raw)
    if kind is str:
        return lambda raw: raw if isinstance(raw, str) else _refuse("text", raw)
    raise TypeError(f"the model has a field of a kind compiled journeys cannot hold: {kind}")


def _refuse(kind: str, raw: Any) -> Any:
    raise ValueError(f"not {kind}: {str(raw)[:40]}")
