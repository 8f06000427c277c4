"""Every word the skill says or shows, and everything else particular to a language (its locales, journey
headings, the words for an author's shorthand): catalogs a translator edits (`<language>.toml`), read
through `catalog(locale)`. Code refers to lines by id and fills named placeholders."""

from .catalog import Catalog, catalog, language_of

__all__ = ["Catalog", "catalog", "language_of"]
