"""The content: journey files parsed into a typed, validated, speakable model. No Alexa here.

The parser (and PyYAML behind it) is imported only when a journey is actually parsed.
"""

from .library import Library, load_library
from .model import Activity, Day, Journey, Prompt, Question, Section, Week

__all__ = ["Activity", "Day", "Journey", "Library", "Prompt", "Question", "Section", "Week",
           "load_library"]
