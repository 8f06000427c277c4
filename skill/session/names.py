"""The couple's first names as the skill keeps them: letters (any alphabet), spaces, hyphens and
apostrophes, at most 30 characters, never a number or a common word ("me", "four")."""

import re
import unicodedata

from ..language import Catalog

MAX_NAME = 30
_NOT_NAME_CHARS = re.compile(r"[^\w\s'’-]|[\d_]")


def clean(raw: str | None, text: Catalog) -> str:
    """A name as said, cleaned; "" when it is no name at all."""
    name = unicodedata.normalize("NFC", str(raw or ""))
    name = _NOT_NAME_CHARS.sub(" ", name).replace("’", "'")
    name = " ".join(name.split()).strip(" '-")[:MAX_NAME].strip(" '-")
    if not name or text.read_number(name) is not None or name.casefold() in _not_names(text):
        return ""
    return re.sub(r"(^|[\s'-])(\w)", lambda m: m.group(1) + m.group(2).upper(), name)


def _not_names(text: Catalog) -> set[str]:
    return {w.casefold() for w in text.lists["names.not_names"]}


def same_name(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()
