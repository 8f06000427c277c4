"""Every choice a line offers is understood as the intent it leads to (issue 21, item 9): the test walks
every line of each catalog, takes what it tells the couple to say ("say next", "or skip", "sagt weiter") and
the choices its questions offer ("would you like to hear it, or skip straight to the activity?"), and
matches each as Alexa's model would (the rehearsal's matcher, built from the interaction model's samples)."""

from __future__ import annotations

import re

import pytest
from conftest import ROOT

from skill.journeys import load_library
from skill.language.catalog import _load
from skill.rehearsal.matcher import FALLBACK, Matcher

YES, SKIP_LESSON, NEXT, START_OVER, PAUSE, RESUME = (
    "AMAZON.YesIntent", "SkipLessonIntent", "AMAZON.NextIntent", "AMAZON.StartOverIntent", "AMAZON.PauseIntent",
    "AMAZON.ResumeIntent")
# Questions whose choices are not introduced by "say": what each choice is, and the intent it leads to.
ASKED = {
    "en": {
        "note.ask": {"hear it": YES, "skip straight to the activity": SKIP_LESSON},
        "care.pause_or_carry_on": {"pause": PAUSE, "carry on": NEXT},
        "gap.choice": {"pick up where you left off": RESUME, "start the day over": START_OVER},
        "day.gently": {"carry on": NEXT, "leave it for another time": "LeaveIntent"},
    },
    "de": {
        "note.ask": {"hören": YES, "direkt zur Übung": SKIP_LESSON},
        "care.pause_or_carry_on": {"Pause machen": PAUSE, "weiter": NEXT},
        "gap.choice": {"weitermachen": NEXT, "von vorn beginnen": START_OVER},
        "day.gently": {"weitermachen": NEXT, "lieber ein andermal": "LeaveIntent"},
    },
}
# What a line describes rather than quotes: an answer of their own ("your two first names", "a number"), or
# the first word of one ("say: start, and the journey's name").
DESCRIBED = {"en": {"your two first names", "a number", "start"},
             "de": {"mir eure Vornamen", "mir eure beiden Vornamen", "eure beiden Vornamen", "eine Zahl", "starte"}}
SAY = {"en": re.compile(r"\bsay\b(?!\s+to\b)[:,]?\s*(?:for example[:,]?\s*)?(?P<said>[^,.?!;]+)", re.IGNORECASE),
       "de": re.compile(r"\bsagt\b(?:\s+einfach)?:?\s*(?:zum Beispiel[:,]?\s*)?(?P<said>[^,.?!;]+)"
                        r"|\bsagen:\s*(?P<after>[^,.?!;]+)"
                        r"|\bkönnt\s+(?!zum Beispiel)(?P<verb_last>[^,.?!;:]+?)\s+sagen\b", re.IGNORECASE)}
OR = {"en": re.compile(r",? or (?:say )?(?P<said>[^,.?!;]+)"),
      "de": re.compile(r",? oder (?:sagt )?(?P<said>[^,.?!;]+)")}
ENDS = {"en": re.compile(r"\s(?:to|when|for|from|if|as|and a|any time)\b.*$"),
        "de": re.compile(r"\s(?:um|wenn|für|falls|zu|zum|von)\b.*$|\s+sagen$")}
WAKE = re.compile(r"^(alexa)$", re.IGNORECASE)


def offered(language: str, line: str) -> list[str]:
    """The words a line tells the couple to say, each cut where the instruction's own words begin."""
    text = re.sub(r"\{\w+\}", "2", line)
    found: list[str] = []
    for m in SAY[language].finditer(text):
        said = next((g for g in m.groupdict().values() if g), "").strip()
        if WAKE.match(said):  # "say: Alexa, open Couple Journeys"
            said = re.split(r"[.]|, (?:and|und|dann) ", text[m.start(m.lastgroup):])[0]
        found.append(said)
        found += [o.group("said") for o in OR[language].finditer(text, m.end())]
    choices = []
    for said in found:
        for part in re.split(r"\s+(?:or|oder)\s+", said):
            part = ENDS[language].sub("", part).strip()
            if part and part not in DESCRIBED[language]:
                choices.append(part)
    return choices


@pytest.mark.parametrize("locale", ["en-US", "de-DE"])
def test_every_choice_a_line_offers_is_understood_as_its_intent(locale):
    language = locale[:2]
    matcher = Matcher(load_library(ROOT / "journeys"), locale)
    lines = _load(language).lines
    wrong = []
    for key, line in lines.items():
        for choice in offered(language, line):
            if matcher.match(choice).intent == FALLBACK:
                wrong.append(f"{key}: {choice!r} is not understood")
        for choice, intent in ASKED[language].get(key, {}).items():
            got = matcher.match(choice).intent
            if got != intent:
                wrong.append(f"{key}: {choice!r} is {got}, not {intent}")
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("language", ["en", "de"])
def test_every_question_that_offers_a_choice_declares_its_choices(language):
    """A question of the form "… or …?" offers choices without "say": they must be listed in ASKED."""
    choosing = {k for k, v in _load(language).lines.items()
                if v.rstrip().endswith("?") and re.search(r"\w, (or|oder) ", v) and not SAY[language].search(v)}
    assert choosing <= set(ASKED[language]), choosing - set(ASKED[language])
    for key, choices in ASKED[language].items():
        line = re.sub(r"\{\w+\}", "2", _load(language).lines[key])
        assert all(choice in line for choice in choices), f"{key}: a choice it does not offer"
