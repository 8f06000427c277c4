"""Every word the skill says or shows, per language: catalogs a translator edits (`<language>.toml`),
read through `catalog(locale)`. Code refers to lines by id and fills named placeholders."""

from .catalog import Catalog, catalog, language_of

__all__ = ["Catalog", "catalog", "language_of"]
