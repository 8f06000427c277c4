"""What the couple types → an intent with slots, the way Alexa's language model would, from the
interaction model's own sample utterances plus the common phrasings of the built-in intents.

Order of trust: an exact sample; a sample with slots and words of its own; the elicited slot's own
samples, only when the last response elicited that slot (Dialog.ElicitSlot), as Alexa hears a bare
"Sam and Alex" or "four" only then; a sample found inside what was said ("ok we're ready now"); then the
intent whose samples share the most words. Anything else is AMAZON.FallbackIntent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..alexa.interaction_model import build, samples
from ..journeys import Library
from ..language import catalog, language_of

LAUNCH = "launch"
FALLBACK = "AMAZON.FallbackIntent"


@dataclass(frozen=True)
class Match:
    intent: str
    slots: dict[str, str] = field(default_factory=dict)


class Phrases:
    """One language's words for the rehearsal: opening the skill, the built-ins' own phrasings, numbers
    (from the catalog) and time units (skill/language/samples/<language>.toml, [rehearsal])."""

    def __init__(self, locale: str):
        self.language = language = language_of(locale)
        data = samples(language)["rehearsal"]
        self.numbers = catalog(locale)
        self.launch = set(data["launch"])
        self.opening_phrase = data["launch"][0]  # what the rehearsal "says" to open the skill
        self.reset_phrase = data["reset_phrase"]
        self.built_in: dict[str, list[str]] = data["built_in"]
        invocation = re.escape(samples(language)["invocation"])
        self.opening = re.compile(rf"({'|'.join(map(re.escape, data['open_words']))}) {invocation}")
        self.one_shot = re.compile(rf"^({'|'.join(map(re.escape, data['one_shot']))}) {invocation} "
                                   rf"({'|'.join(map(re.escape, data['one_shot_joiners']))} )?")
        self.wake = re.compile(rf"^\s*{re.escape(data['wake_word'])}\b[, ]*")
        self.units = {w: 3600 for w in data["hours"]} | {w: 60 for w in data["minutes"]} | \
            {w: 1 for w in data["seconds"]}
        self.one_and_a_half = self.numbers.lists["reading.one_and_a_half"]
        self.not_names = {w.casefold() for w in self.numbers.lists["names.not_names"]}
        self.clock = {"am": data["am"], "pm": data["pm"], "o'clock": data["o_clock"]}

    def normalize(self, text: str) -> str:
        text = text.lower().replace("’", "'").replace("‘", "'")
        text = self.one_shot.sub("", self.wake.sub("", text))
        text = re.sub(r"[^\w'\- ]+|_|-(?!\w)|(?<!\w)-", " ", text)  # "Anna-Lena" keeps its hyphen
        return re.sub(r"\s+", " ", text).strip()

    def duration_iso(self, text: str) -> str:
        """Words like "ninety seconds", "2 minutes", "a minute and a half", "neunzig Sekunden" → AMAZON.DURATION's
        "PT90S"; "?" when they are no length of time."""
        text = text.lower()
        for phrase in self.one_and_a_half:  # "one and a half", "anderthalb"
            text = text.replace(phrase, " 1.5 ")
        units = "|".join(sorted(map(re.escape, self.units), key=len, reverse=True))
        half = re.escape(self.numbers.lines["reading.half_suffix"])
        text = re.sub(rf"(\S+) ({units}) ({half})\b", r"\1 \3 \2", text)  # "a minute and a half"
        seconds, found = 0.0, False
        for amount, unit in re.findall(rf"([\w. -]*?)\s*\b({units})\b", text):
            amount = re.sub(rf"^{re.escape(self.numbers.lines['reading.joiner'])}\s+", "", amount.strip())
            value = self.numbers.read_number(amount) if amount else 1.0
            if value is None:
                continue
            found = True
            seconds += value * self.units[unit]
        if not found:
            bare = self.numbers.read_number(text)
            if bare is None:
                return "?"
            seconds = bare  # a bare number of seconds, as "make turns 90"
        return f"PT{round(seconds)}S"

    def time_value(self, text: str) -> str:
        """Words like "eight pm", "8:30 pm", "20 Uhr", "acht Uhr abends" → AMAZON.TIME's "20:00"; "?" when
        they are no time of day."""
        words = f" {self.normalize(text.replace(':', ' '))} "
        half = ""
        for kind in ("pm", "am", "o'clock"):
            for phrase in sorted(self.clock[kind], key=len, reverse=True):
                if f" {phrase} " in words:
                    words = words.replace(f" {phrase} ", " ")
                    half = half or (kind if kind != "o'clock" else "")
        parts = words.split()
        hour = self.numbers.read_number(parts[0]) if len(parts) == 2 else self.numbers.read_number(" ".join(parts))
        minute = self.numbers.read_number(parts[1]) if len(parts) == 2 else 0
        if len(parts) == 2 and (hour is None or minute is None):  # "nine thirty" read as one number
            hour, minute = self.numbers.read_number(" ".join(parts)), 0
        if hour is None or minute is None or not (0 <= hour <= 24 and 0 <= minute < 60) or hour % 1 or minute % 1:
            return "?"
        hour = int(hour) % 24
        if half == "pm" and hour < 12:
            hour += 12
        elif half == "am" and hour == 12:
            hour = 0
        return f"{hour:02d}:{int(minute):02d}"

    def number_value(self, text: str) -> str:
        """As AMAZON.NUMBER fills it: "three and a half" is 3.5."""
        value = self.numbers.read_number(text)
        return "?" if value is None else f"{value:g}"


class Matcher:
    def __init__(self, library: Library, locale: str = "en-US"):
        self.said = Phrases(locale)
        model = build(library, locale)["interactionModel"]["languageModel"]
        self.slot_types: dict[tuple[str, str], str] = {}
        self.exact: dict[str, str] = {}
        self.patterns: list[tuple[re.Pattern[str], str, int]] = []
        self.slot_samples: dict[tuple[str, str], list[re.Pattern[str]]] = {}  # the dialog model's
        for intent in model["intents"]:
            name = intent["name"]
            for slot in intent.get("slots", []):
                self.slot_types[(name, slot["name"])] = slot["type"]
                self.slot_samples[(name, slot["name"])] = [self._pattern(s) for s in slot.get("samples", [])]
            phrasings = list(intent.get("samples", [])) + list(self.said.built_in.get(name, ()))
            for sample in phrasings:
                norm = self.said.normalize(sample.replace("{", " {").replace("}", "} "))
                if "{" in sample:
                    literal = len(self.said.normalize(re.sub(r"\{\w+\}", "", sample)))
                    self.patterns.append((self._pattern(sample), name, literal))
                else:
                    self.exact.setdefault(norm, name)
        self.patterns.sort(key=lambda p: -p[2])  # most literal words first
        self.phrases = sorted(self.exact, key=len, reverse=True)

    def _pattern(self, sample: str) -> re.Pattern[str]:
        parts = re.split(r"(\{\w+\})", sample)
        regex = ""
        for part in parts:
            slot = re.fullmatch(r"\{(\w+)\}", part)
            if slot:
                regex += rf"(?P<{slot.group(1)}>[\w' -]+?)"
            elif self.said.normalize(part):
                regex += r"\s*" + r"\s+".join(map(re.escape, self.said.normalize(part).split())) + r"\s*"
        return re.compile(rf"^\s*{regex}\s*$")

    def match(self, said: str, elicited: tuple[str, str] | None = None) -> Match:
        """`elicited`: the (intent, slot) the last response asked for with Dialog.ElicitSlot, if any."""
        text = self.said.normalize(said)
        if not text:
            return Match(FALLBACK)
        if text in self.said.launch or self.said.opening.fullmatch(text):
            return Match(LAUNCH)
        if text in self.exact:
            return Match(self.exact[text])
        found = self._with_slots(text, literal=True) or self._elicited(text, elicited)
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
        # one known word inside a longer reply is a guess ("we're not sure" is no yes): not understood
        return Match(self.exact[inside[0]]) if inside and len(text.split()) <= 2 else Match(FALLBACK)

    def _with_slots(self, text: str, literal: bool) -> Match | None:
        """Samples with slots: those with words of their own first, then bare ones such as "{score}"."""
        for pattern, intent, words in self.patterns:
            if (words > 0) != literal:
                continue
            found = self._filled(pattern, intent, text)
            if found:
                return found
        return None

    def _elicited(self, text: str, elicited: tuple[str, str] | None) -> Match | None:
        """A bare answer to the slot the last response elicited, if it fills that slot."""
        for pattern in self.slot_samples.get(elicited, []) if elicited else []:
            found = self._filled(pattern, elicited[0], text)
            if found and elicited[1] in found.slots:
                return found
        return None

    def _filled(self, pattern: re.Pattern[str], intent: str, text: str) -> Match | None:
        """The intent with its slots, when `text` fits the sample and the values fit the slots' types."""
        m = pattern.match(text)
        if not m:
            return None
        slots = self._slots(intent, m.groupdict())
        names = [v for k, v in slots.items() if self.slot_types.get((intent, k)) == "AMAZON.FirstName"]
        if "?" not in slots.values() and (not names or any(names)):  # "Jo and me": Jo
            return Match(intent, {k: v for k, v in slots.items() if v})
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
        return Match(best) if best and score >= 0.6 else None

    def _slots(self, intent: str, raw: dict[str, str]) -> dict[str, str]:
        out = {}
        for name, value in raw.items():
            value = value.strip()
            kind = self.slot_types.get((intent, name), "")
            if kind == "AMAZON.DURATION":
                out[name] = self.said.duration_iso(value)
            elif kind == "AMAZON.TIME":
                out[name] = self.said.time_value(value)
            elif kind == "AMAZON.NUMBER":
                out[name] = self.said.number_value(value)
            elif kind == "AMAZON.FirstName":  # a first name is a word or two of letters, never a number
                name_like = len(value.split()) == 1 and self.said.numbers.read_number(value) is None \
                    and value.casefold() not in self.said.not_names
                out[name] = value.title() if name_like and not any(c.isdigit() for c in value) else ""
            else:
                out[name] = value
        return out
