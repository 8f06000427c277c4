"""The couple's first names as the conversation takes them: cleaned as the record keeps them
(progress.record.clean_name: letters, spaces, hyphens, apostrophes, at most 30 characters), and never a
number or a common word ("me", "four"), which is an answer, not a name."""

import re

from ..language import Catalog
from ..progress.record import clean_name


def clean(raw: str | None, text: Catalog) -> str:
    """A name as said, cleaned and capitalised; "" when it is no name at all."""
    name = clean_name(raw or "").replace("’", "'")
    if not name or text.read_number(name) is not None or name.casefold() in _not_names(text):
        return ""
    return re.sub(r"(^|[\s'-])(\w)", lambda m: m.group(1) + m.group(2).upper(), name)


def _not_names(text: Catalog) -> set[str]:
    return {w.casefold() for w in text.lists["names.not_names"]}


def same_name(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()
