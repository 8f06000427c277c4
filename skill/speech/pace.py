"""How long speech takes: the one estimate the plan's timeline, the SSML reader, lint and the rehearsal
share."""

WORDS_PER_MINUTE = 150  # Alexa's and espeak's default speaking rate is close to this


def speaking_seconds(words: int) -> float:
    return words * 60.0 / WORDS_PER_MINUTE


def seconds_to_say(text: str) -> float:
    return speaking_seconds(len(text.split()))
