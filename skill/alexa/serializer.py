"""The ASK SDK's DefaultSerializer, with each model class worked out once instead of on every request.

The SDK reads an envelope reflectively: for every field of every object it parses the type string with
a regex, resolves the class with `__import__`, and parses the timestamp with dateutil — about 0.3 ms per
envelope, most of a warm request. This subclass keeps, per class, the list of (JSON key, attribute, type)
and per type a reader, and parses plain ISO 8601 timestamps with `datetime.fromisoformat`.

It builds the same SDK model objects. Whatever it does not expect (a field of another JSON kind, an
unusual timestamp, an unknown enum value) makes it hand the whole payload to the SDK's own serializer,
so odd envelopes get exactly the SDK's result or the SDK's error. Tests compare the two on every real
envelope in the corpus, on mutated ones, and on every response of a whole evening, voice and screen.
"""

from __future__ import annotations

import importlib
import json
import re
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any

from ask_sdk_core.serialize import DefaultSerializer

Reader = Callable[[Any], Any]
Writer = Callable[[Any], Any]

_LIST = re.compile(r"list\[(.*)\]")  # the SDK's own patterns for container types
_DICT = re.compile(r"dict\(([^,]*), (.*)\)")
_DATETIME = re.compile(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:\.(\d+))?(Z|[+-]\d\d:\d\d)?")
_DATE = re.compile(r"\d{4}-\d\d-\d\d")


class Unusual(Exception):
    """Something the fast path does not handle: the SDK's serializer decides instead."""


class CachedSerializer(DefaultSerializer):
    def __init__(self) -> None:
        self._readers: dict[Any, Reader] = {}
        self._writers: dict[type, Writer] = {}

    # -- reading ---------------------------------------------------------------------------------------
    def deserialize(self, payload: str | bytes | None, obj_type: Any) -> Any:
        if payload is None:
            return None
        try:
            data = json.loads(payload)
        except ValueError:
            return super().deserialize(payload, obj_type)  # the SDK's own error for text that is not JSON
        return self.from_data(data, obj_type, payload)

    def from_data(self, data: Any, obj_type: Any, payload: str | bytes | None = None) -> Any:
        """Deserialize JSON already parsed (a Lambda event arrives as a dict). The result may share the
        `object`-typed values (session attributes, unknown fields) with `data`, as the SDK's shares them
        with its own parse."""
        try:
            return self.read(data, obj_type)
        except Exception:  # Unusual, or anything odd: the SDK's serializer gives its answer or its error
            return super().deserialize(json.dumps(data) if payload is None else payload, obj_type)

    def read(self, data: Any, obj_type: Any) -> Any:
        """The fast path alone: raises (Unusual or another error) where the SDK's serializer must decide."""
        return self._reader(obj_type)(data)

    def _reader(self, obj_type: Any) -> Reader:
        reader = self._readers.get(obj_type)
        if reader is None:
            reader = self._readers[obj_type] = self._make_reader(obj_type)
        return reader

    def _make_reader(self, obj_type: Any) -> Reader:
        if isinstance(obj_type, tuple):  # ("model", name): the class a discriminator named
            return self._model_reader(_load(obj_type[1]))
        if isinstance(obj_type, str):
            if obj_type.startswith("list["):
                return self._list_reader(obj_type)
            if obj_type.startswith("dict("):
                return self._dict_reader(obj_type)
            native = self.NATIVE_TYPES_MAPPING.get(obj_type)
            obj_type = native if native is not None else _load(obj_type)
        if obj_type is object:
            return _same
        if obj_type in (str, bool, int):
            return _exactly(obj_type)
        if obj_type is float:
            return _float
        if obj_type is datetime:
            return _datetime
        if obj_type is date:
            return _date
        if isinstance(obj_type, type) and issubclass(obj_type, Enum):
            return lambda p: None if p is None else obj_type(p)
        if not hasattr(obj_type, "deserialized_types"):
            return _same
        if hasattr(obj_type, "get_real_child_model"):
            return self._child_reader(obj_type)
        return self._model_reader(obj_type)

    def _list_reader(self, obj_type: str) -> Reader:
        match = _LIST.match(obj_type)
        if match is None or "," in match.group(1):
            return _unusual
        item = match.group(1).strip()

        def read(p: Any) -> Any:
            if p is None:
                return None
            if type(p) is not list:
                raise Unusual
            reader = self._reader(item)
            return [reader(x) for x in p]
        return read

    def _dict_reader(self, obj_type: str) -> Reader:
        match = _DICT.match(obj_type)
        if match is None:
            return _unusual
        value = match.group(2)

        def read(p: Any) -> Any:
            if p is None:
                return None
            if type(p) is not dict:
                raise Unusual
            reader = self._reader(value)
            return {k: reader(v) for k, v in p.items()}
        return read

    def _child_reader(self, base: type) -> Reader:
        """A polymorphic model (Request, Directive…): the class named by the payload's discriminator."""
        def read(p: Any) -> Any:
            if p is None:
                return None
            if type(p) is not dict:
                raise Unusual
            name = base.get_real_child_model(p)
            if not name:
                raise Unusual
            return self._reader(("model", name))(p)
        return read

    def _model_reader(self, cls: Any) -> Reader:
        types = cls.deserialized_types
        names = dict(getattr(cls, "attribute_map", {}))
        names.update({k: k for k in types if k not in names})
        fields = [(key, attr, types[attr]) for attr, key in names.items()]
        known = set(names.values())
        readers = self._readers

        def read(p: Any) -> Any:
            if p is None:
                return None
            if type(p) is not dict:
                raise Unusual
            obj = cls()
            for key, attr, kind in fields:
                if key in p:
                    reader = readers.get(kind) or self._reader(kind)
                    setattr(obj, attr, reader(p[key]))
            if not known.issuperset(p):
                for key in p:
                    if key not in known:
                        setattr(obj, key, p[key])  # fields the model does not declare are kept, as the SDK does
            return obj
        return read

    # -- writing ---------------------------------------------------------------------------------------
    def serialize(self, obj: Any) -> Any:
        if obj is None:
            return None
        writer = self._writers.get(type(obj))
        if writer is None:
            writer = self._writers[type(obj)] = self._make_writer(type(obj))
        return writer(obj)

    def _make_writer(self, kind: type) -> Writer:
        ser = self.serialize
        if issubclass(kind, self.PRIMITIVE_TYPES):
            return _same
        if issubclass(kind, list):
            return lambda o: [ser(x) for x in o]
        if issubclass(kind, tuple):
            return lambda o: tuple(ser(x) for x in o)
        if issubclass(kind, datetime | date):
            return lambda o: o.isoformat()
        if issubclass(kind, Enum):
            return lambda o: o.value
        if issubclass(kind, Decimal):
            return lambda o: int(o) if o % 1 == 0 else float(o)
        if issubclass(kind, dict):
            return lambda o: {k: ser(v) for k, v in o.items()}
        if not hasattr(kind, "deserialized_types"):
            return super().serialize
        names = dict(getattr(kind, "attribute_map", {}))
        fields = [(attr, names.get(attr, attr)) for attr in kind.deserialized_types]

        def write(o: Any) -> Any:
            out = {}
            for attr, key in fields:
                value = getattr(o, attr)
                if value is not None:
                    out[key] = ser(value)
            return out
        return write


def _load(name: str) -> type:
    module, _, cls = name.rpartition(".")
    return getattr(importlib.import_module(module), cls)


def _same(p: Any) -> Any:
    return p


def _unusual(p: Any) -> Any:
    raise Unusual


def _exactly(kind: type) -> Reader:
    def read(p: Any) -> Any:
        if p is None or type(p) is kind:
            return p
        raise Unusual
    return read


def _float(p: Any) -> Any:
    if p is None or type(p) is float:
        return p
    if type(p) is int:
        return float(p)
    raise Unusual


def _datetime(p: Any) -> Any:
    if p is None:
        return None
    match = _DATETIME.fullmatch(p) if type(p) is str else None
    if match is None:
        raise Unusual
    seconds, fraction, zone = match.groups()
    fraction = f".{fraction[:6]:0<6}" if fraction else ""  # dateutil keeps the first six digits, as here
    return datetime.fromisoformat(seconds + fraction + ("+00:00" if zone == "Z" else zone or ""))


def _date(p: Any) -> Any:
    if p is None:
        return None
    if type(p) is not str or not _DATE.fullmatch(p):
        raise Unusual
    return date.fromisoformat(p)
