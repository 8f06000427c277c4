"""What can be said now, as a JSGF grammar for the offline recogniser.

A grammar lists the interaction model's own samples (and the built-ins' phrasings the typed rehearsal
knows) for the intents the session machine takes in the current phase, each {slot} filled from its type:
first names, numbers, lengths of time, clock times, journey names. Open-vocabulary decoding hears almost
nothing right; a grammar of what fits the moment hears nearly everything, but forces any sound onto some
phrase — so every grammar also has a way out, a loop of everyday words ("garbage") that wins when what was
said is none of the phrases. In a timed window (a partner's turn, a discussion) the couple speaks to each
other: there only the wake phrase followed by a command is a phrase at all.

Which intents a phase takes comes from the rule table: an event counts when the phase handles it otherwise
than it handles "not understood" (anything else would change nothing by being heard); bare names ("Sam and
Alex", a `SetNames` that carries no "our names are") count only where the phase has a rule of its own for
names — where the skill asked for them.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cached_property

from ask_sdk_model import Intent

from ...alexa.intents import to_event
from ...alexa.interaction_model import build, handled_intents, samples
from ...journeys import Library
from ...language import language_of
from ...session import events as ev
from ...session import machine  # noqa: F401 — importing it declares every rule
from ...session.state import Phase
from ...session.table import rule_for
from ..matcher import FALLBACK, Phrases

GARBAGE = "gb-"  # the recogniser's dictionary spells the everyday words with this prefix
PERMISSION = "permission"  # Alexa's own question (may the skill set reminders?): yes or no
WAKE = "wake"  # a timed window: the wake phrase, then a command
SLOT_RULES = {"AMAZON.FirstName": "name", "AMAZON.NUMBER": "number", "AMAZON.DURATION": "duration",
              "AMAZON.TIME": "time", "JOURNEY": "journey"}


def accepted_intents(phase: Phase, locale: str = "en-US") -> list[str]:
    """The intents whose events the machine takes in `phase` (see the module's docstring)."""
    not_understood = rule_for(phase, ev.NotUnderstood()).handler
    out = []
    # Check-in words ("pretty good", FeltGoodIntent …) are left out: in one grammar with the numbers they
    # crowd "four" out for some of the recogniser's voices; by microphone the check-in is a number.
    for name in sorted(i for i in handled_intents() - {FALLBACK} if not i.startswith("Felt")):
        event = to_event(Intent(name=name), locale)
        rule = rule_for(phase, event)
        if rule.handler is not_understood:
            continue
        if getattr(event, "carrier", True) is False and rule.phases is None:
            continue
        out.append(name)
    return out


class Grammars:
    """The grammars of one language, built on demand and kept by name (a phase, WAKE + phase, PERMISSION)."""

    def __init__(self, library: Library, locale: str, known: Callable[[str], bool]):
        self.locale = locale
        self.said = Phrases(locale)
        self.listening = samples(language_of(locale))["listening"]
        self.wake_phrase: str = self.listening["wake_phrase"]
        self.known = known  # whether the recogniser can hear a word (it is in its dictionary)
        model = build(library, locale)["interactionModel"]["languageModel"]
        self.slots = {(i["name"], s["name"]): s["type"] for i in model["intents"] for s in i.get("slots", [])}
        self.samples = {i["name"]: list(i.get("samples", [])) + list(self.said.built_in.get(i["name"], ()))
                        for i in model["intents"]}
        self.elicit = {f"{i['name']}.{s['name']}": list(s["samples"]) for i in model["intents"]
                       for s in i.get("slots", []) if s.get("samples")}  # the dialog model's slot samples
        self.journeys = [v["name"]["value"] for t in model["types"] if t["name"] == "JOURNEY" for v in t["values"]] + \
            [s for t in model["types"] if t["name"] == "JOURNEY" for v in t["values"] for s in v["name"]["synonyms"]]
        self._built: dict[str, tuple[str, re.Pattern[str]]] = {}
        self.generation = 0  # grows when the names change: every grammar is built again

    def add_names(self, names: list[str]) -> None:
        new = [n for n in names if n not in self.slot_values["name"]]
        if new:
            self.slot_values["name"].extend(new)
            self._built.clear()
            self.generation += 1

    def jsgf(self, name: str) -> str:
        """The grammar called `name`: a phase's value, WAKE + ":" + a phase, or PERMISSION; a phase may be
        followed by "+Intent.slot" when the skill elicited that slot (Dialog.ElicitSlot): its bare samples
        ("Sam and Alex", "four") are heard then, and only then."""
        if name not in self._built:
            name_of_phase, _, elicited = name.partition("+")
            kind, _, phase = name_of_phase.rpartition(":")
            if name == PERMISSION:
                phrases = self._phrases(["AMAZON.YesIntent", "AMAZON.NoIntent"], slots=True)
            elif kind == WAKE:
                phrases = [f"{self.wake_phrase} {p}" for p in self._phrases(accepted_intents(Phase(phase), self.locale),
                                                                           slots=False)]
            else:
                phrases = self._phrases(accepted_intents(Phase(phase), self.locale), slots=True)
                if Phase(phase) == Phase.CLOSED:  # nothing open: what opens the skill
                    phrases += [p for p in map(self.said.normalize, self.said.launch) if self._hearable(p)]
                if elicited in self.elicit:
                    intent = elicited.partition(".")[0]
                    phrases += self._phrases([intent], slots=True, samples={intent: self.elicit[elicited]})
            self._built[name] = self._render(sorted(set(phrases)))
        return self._built[name][0]

    def complete(self, name: str, words: str) -> bool:
        """Whether `words` are a whole phrase of grammar `name` (the decoder may end on a part of one)."""
        self.jsgf(name)
        return self._built[name][1].fullmatch(" ".join(words.split()) + " ") is not None

    def _phrases(self, intents: Iterable[str], slots: bool, samples: dict[str, list[str]] | None = None
                 ) -> list[str]:
        out = []
        for intent in intents:
            rule = {slot: f" <{SLOT_RULES[kind]}> " for (name, slot), kind in self.slots.items() if name == intent}
            for sample in (samples or self.samples).get(intent, ()):
                if "{" in sample and not slots:
                    continue
                phrase = re.sub(r"\{(\w+)\}", lambda m, rule=rule: rule[m[1]], sample)
                phrase = " ".join(w if w.startswith("<") else self.said.normalize(w) for w in phrase.split())
                if phrase.strip() and self._hearable(phrase):
                    out.append(" ".join(phrase.split()))
        return out

    def _hearable(self, phrase: str) -> bool:
        return all(w.startswith("<") or self.known(w) for w in phrase.split())

    def _render(self, phrases: list[str]) -> tuple[str, re.Pattern[str]]:
        """The JSGF text, and a pattern that matches exactly its phrases."""
        used = {m for p in phrases for m in re.findall(r"<(\w+)>", p)}
        rules = {rule: self._rule(rule) for rule in sorted(used)}
        fillers = " | ".join(GARBAGE + w for w in self.listening["fillers"])
        said = tree(phrases) or GARBAGE + "uh"
        text = "\n".join([
            "#JSGF V1.0;", "grammar now;",
            f"public <utterance> = /1/ <phrase> | /{self.listening['garbage_weight']}/ <garbage>;",
            f"<phrase> = {said};", f"<garbage> = ({fillers})+;", *(f"<{r}> = {e};" for r, e in rules.items()), ""])
        return text, re.compile(as_regex(said, rules))

    def _alternatives(self, rule: str) -> list[str]:
        return [a for a in self.slot_values[rule] if self._hearable(a)] or ["<VOID>"]

    def _rule(self, rule: str) -> str:
        """A slot rule's expansion; lengths and clock times as parts (an amount, then a unit) rather
        than every combination spelled out."""
        said = samples(self.said.language)["rehearsal"]
        if rule == "duration":
            units = tree([u for u in self.listening["units"] if self._hearable(u)])
            whole = tree([d for d in self.listening["durations"] if self._hearable(d)])
            return f"{tree(self.listening['amounts'])} {units} | {whole}"
        if rule == "time":
            clock = tree([p for kind in ("am", "pm", "o_clock") for p in said[kind] if self._hearable(p)])
            hours, past = tree(self.said.numbers.lists["numbers"][1:13]), tree(self.listening["minutes_past"])
            return f"{hours} [{past}] [{clock}]"
        return tree(self._alternatives(rule))

    @cached_property
    def slot_values(self) -> dict[str, list[str]]:
        """What the listed slot rules may be: language data, the catalog's number words, the journeys."""
        return {"name": list(self.listening["first_names"]), "number": self.said.numbers.lists["numbers"][1:11],
                "journey": [self.said.normalize(j) for j in self.journeys]}


def tree(phrases: list[str]) -> str:
    """The phrases as one JSGF expansion with shared beginnings ("we're (ready | done)"): pocketsphinx makes a
    separate path of every alternative, so a flat list of hundreds of phrases is slow to search."""
    root: dict = {}
    for phrase in phrases:
        node = root
        for word in phrase.split():
            node = node.setdefault(word, {})
        node[""] = {}
    return _expansion(root)


def _expansion(node: dict) -> str:
    ends = "" in node
    branches = [f"{word} {_expansion(rest)}".strip() for word, rest in sorted(node.items()) if word]
    if not branches:
        return ""
    inner = branches[0] if len(branches) == 1 else f"({' | '.join(branches)})"
    return f"[{inner}]" if ends else inner


def as_regex(expansion: str, rules: dict[str, str]) -> str:
    """A JSGF expansion of words, ( | ), [ ] and <rule>s as a regular expression over "word word "."""
    out = []
    for token in re.findall(r"<\w+>|[()\[\]|]|[^\s()\[\]|<>]+", expansion):
        if token.startswith("<"):
            out.append(f"(?:{as_regex(rules[token[1:-1]], rules)})")
        else:
            out.append({"(": "(?:", "[": "(?:", "]": ")?", ")": ")", "|": "|"}.get(token, re.escape(token) + " "))
    return "".join(out)
