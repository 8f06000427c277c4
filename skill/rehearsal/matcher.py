"""What the couple types → an intent with slots, the way Alexa's language model would, from the
interaction model's own sample utterances plus the common phrasings of the built-in intents.

Order of trust: an exact sample; a sample found inside what was said ("ok we're ready now"); then the
intent whose samples share the most words. Anything else is AMAZON.FallbackIntent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..alexa.interaction_model import build
from ..journeys import Library

LAUNCH = "launch"
FALLBACK = "AMAZON.FallbackIntent"
LAUNCH_PHRASES = ("open couple journeys", "start couple journeys", "launch couple journeys", "couple journeys",
                  "open", "launch", "start", "begin a session", "start the skill")

# Phrasings Alexa's built-in intents understand without being told (a representative subset).
BUILT_IN_PHRASES: dict[str, tuple[str, ...]] = {
    "AMAZON.YesIntent": ("yes", "yeah", "yep", "yup", "sure", "ok", "okay", "of course", "absolutely",
                         "sounds good", "please do", "alright", "all right", "definitely", "let's do it"),
    "AMAZON.NoIntent": ("no", "nope", "nah", "no thank you", "not really", "maybe later", "not yet", "later"),
    "AMAZON.NextIntent": ("next", "skip", "skip it", "next please", "move on"),
    "AMAZON.PreviousIntent": ("previous", "go back", "back up", "last one", "go to the previous one"),
    "AMAZON.RepeatIntent": ("repeat", "repeat that", "say it again", "pardon", "what", "come again",
                            "one more time", "i didn't hear that"),
    "AMAZON.PauseIntent": ("pause", "wait", "just a minute", "hang on", "one moment"),
    "AMAZON.ResumeIntent": ("resume", "unpause", "continue where we left off", "pick up where we left off"),
    "AMAZON.StartOverIntent": ("start over", "restart", "start again", "begin again", "from the top",
                               "let's start over", "let's start again"),
    "AMAZON.HelpIntent": ("help", "help me", "what do i do", "what can i do", "i need help", "how do i use this"),
    "AMAZON.StopIntent": ("stop", "quit", "exit", "shut up", "that's all", "bye", "goodbye", "end", "off"),
    "AMAZON.CancelIntent": ("cancel", "never mind", "forget it", "cancel that"),
    "AMAZON.NavigateHomeIntent": ("go home", "home", "go to the home screen"),
}

_NUMBER_WORDS = {w: i for i, w in enumerate(
    ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
     "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty"])}
_NUMBER_WORDS.update({"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
                      "ninety": 90, "hundred": 100})


@dataclass(frozen=True)
class Match:
    intent: str
    slots: dict[str, str] = field(default_factory=dict)


def normalize(text: str) -> str:
    text = text.lower().replace("’", "'").replace("‘", "'")
    text = re.sub(r"^\s*alexa\b[, ]*", "", text)
    text = re.sub(r"^(ask|tell) couple journeys (to |for |about |if |whether )?", "", text)
    text = re.sub(r"[^a-z0-9' ]+", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def words_to_number(text: str) -> float | None:
    """"ninety" → 90, "two and a half" → 2.5, "1" → 1, "twenty five" → 25."""
    text = text.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text)
    total, half = 0.0, False
    if text.endswith("and a half"):
        text, half = text[: -len("and a half")].strip(), True
    if text in ("half a", "half an", "half"):
        return 0.5
    parts = text.replace("-", " ").split()
    if parts[:1] in (["a"], ["an"]):  # "a 3", "a minute"
        parts = parts[1:] or ["one"]
    if not parts:
        return 0.5 if half else None
    for part in parts:
        if part.isdigit():
            total += int(part)
        elif part in _NUMBER_WORDS:
            total += _NUMBER_WORDS[part]
        else:
            return None
    return total + (0.5 if half else 0.0)


def duration_iso(text: str) -> str:
    """Words like "ninety seconds", "2 minutes", "a minute and a half" → AMAZON.DURATION's "PT90S"."""
    text = text.lower().replace("a minute and a half", "1.5 minutes").replace("minute and a half", "1.5 minutes")
    seconds = 0.0
    found = False
    for amount, unit in re.findall(r"([a-z0-9. -]+?)\s*(hours?|minutes?|mins?|seconds?|secs?)\b", text):
        value = words_to_number(amount.strip())
        if value is None:
            continue
        found = True
        seconds += value * (3600 if unit.startswith("h") else 60 if unit.startswith("m") else 1)
    if not found:
        bare = words_to_number(text)
        if bare is None:
            return "?"
        seconds = bare  # a bare number of seconds, as "make turns 90"
    return f"PT{round(seconds)}S"


def number_value(text: str) -> str:
    value = words_to_number(text)
    return "?" if value is None else str(int(value))


class Matcher:
    def __init__(self, library: Library):
        model = build(library)["interactionModel"]["languageModel"]
        self.slot_types: dict[tuple[str, str], str] = {}
        self.exact: dict[str, str] = {}
        self.patterns: list[tuple[re.Pattern[str], str, int]] = []
        for intent in model["intents"]:
            name = intent["name"]
            for slot in intent.get("slots", []):
                self.slot_types[(name, slot["name"])] = slot["type"]
            samples = list(intent.get("samples", [])) + list(BUILT_IN_PHRASES.get(name, ()))
            for sample in samples:
                norm = normalize(sample.replace("{", " {").replace("}", "} "))
                if "{" in sample:
                    literal = len(normalize(re.sub(r"\{\w+\}", "", sample)))
                    self.patterns.append((self._pattern(sample), name, literal))
                else:
                    self.exact.setdefault(norm, name)
        self.patterns.sort(key=lambda p: -p[2])  # most literal words first
        self.phrases = sorted(self.exact, key=len, reverse=True)

    @staticmethod
    def _pattern(sample: str) -> re.Pattern[str]:
        parts = re.split(r"(\{\w+\})", sample)
        regex = ""
        for part in parts:
            slot = re.fullmatch(r"\{(\w+)\}", part)
            if slot:
                regex += rf"(?P<{slot.group(1)}>[a-z0-9' ]+?)"
            elif normalize(part):
                regex += r"\s*" + r"\s+".join(map(re.escape, normalize(part).split())) + r"\s*"
        return re.compile(rf"^\s*{regex}\s*$")

    def match(self, said: str) -> Match:
        text = normalize(said)
        if not text:
            return Match(FALLBACK)
        if text in LAUNCH_PHRASES or re.fullmatch(r"(open|start|launch|play) couple journeys?", text):
            return Match(LAUNCH)
        if text in self.exact:
            return Match(self.exact[text])
        found = self._with_slots(text, literal=True)
        if found:
            return found
        padded = f" {text} "
        inside = [p for p in self.phrases if f" {p} " in padded]
        several = [p for p in inside if " " in p]  # a whole phrase of several words is strong evidence
        if several:
            return Match(self.exact[several[0]])
        found = self._with_slots(text, literal=False) or self._closest(text)
        if found:
            return found
        return Match(self.exact[inside[0]]) if inside else Match(FALLBACK)

    def _with_slots(self, text: str, literal: bool) -> Match | None:
        """Samples with slots: those with words of their own first, then bare ones such as "{score}"."""
        for pattern, intent, words in self.patterns:
            if (words > 0) != literal:
                continue
            m = pattern.match(text)
            if m:
                slots = self._slots(intent, m.groupdict())
                if "?" not in slots.values():
                    return Match(intent, slots)
        return None

    def _closest(self, text: str) -> Match | None:
        """A phrasing that copies no sample: the slot-free sample sharing most of its words, if most."""
        said = set(text.split())
        best, score = None, 0.0
        for phrase, intent in self.exact.items():
            words = set(phrase.split())
            overlap = len(said & words) / len(said | words)
            if overlap > score:
                best, score = intent, overlap
        return Match(best) if best and score >= 0.5 else None

    def _slots(self, intent: str, raw: dict[str, str]) -> dict[str, str]:
        out = {}
        for name, value in raw.items():
            value = value.strip()
            kind = self.slot_types.get((intent, name), "")
            if kind == "AMAZON.DURATION":
                out[name] = duration_iso(value)
            elif kind == "AMAZON.NUMBER":
                out[name] = number_value(value)
            elif kind == "AMAZON.FirstName":
                out[name] = value.title()
            else:
                out[name] = value
        return out
