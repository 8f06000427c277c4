"""How long the couple's silences last: a partner's turn (a setting kept in progress) and a shared
discussion window."""

DEFAULT_TURN_SECONDS = 60
DEFAULT_DISCUSSION_SECONDS = 120
MIN_TURN_SECONDS = 15
MAX_TURN_SECONDS = 180


def clamp_turn(seconds: float) -> int:
    """Turn lengths the couple asks for are kept within what fits a hands-free evening."""
    return int(min(MAX_TURN_SECONDS, max(MIN_TURN_SECONDS, round(seconds))))
