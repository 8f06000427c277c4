"""The content: journey files parsed into a typed, validated, speakable model. No Alexa here."""

from .library import Library, load_library
from .model import Activity, Day, Journey, Prompt, Question, Section, Week
from .parse import Finding, ParseResult, load_journey, parse_journey

__all__ = [
    "Activity", "Day", "Finding", "Journey", "Library", "ParseResult", "Prompt", "Question", "Section",
    "Week", "load_journey", "load_library", "parse_journey",
]
