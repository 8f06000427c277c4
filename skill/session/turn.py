"""How long the couple's silences last: a partner's turn and a shared discussion window."""

from __future__ import annotations

DEFAULT_TURN_SECONDS = 60
DEFAULT_DISCUSSION_SECONDS = 120
MIN_TURN_SECONDS = 15
MAX_TURN_SECONDS = 180
WORDS_PER_MINUTE = 150  # Alexa's and espeak's default speaking rate is close to this


def clamp_turn(seconds: float) -> int:
    """Turn lengths the couple asks for are kept within what fits a hands-free evening."""
    return int(min(MAX_TURN_SECONDS, max(MIN_TURN_SECONDS, round(seconds))))


def speaking_seconds(words: int) -> float:
    return words * 60.0 / WORDS_PER_MINUTE
