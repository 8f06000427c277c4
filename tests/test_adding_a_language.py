"""docs/adding-a-language.md, followed for real: a French stub (catalog, samples, a journey) in a copy of
the language folder, and no Python edited — the skill parses French headings, builds a fr-FR model, and
speaks French to a fr-FR device. In a new process, so nothing cached here sees the stub."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys

from conftest import ROOT

LANGUAGE = ROOT / "skill" / "language"
FRENCH = {  # what a translator changes first; every other line stays English in this stub
    '[language]\nname = "English"\nlocales = ["en-US", "en-GB", "en-CA", "en-AU", "en-IN"]':
        '[language]\nname = "French"\nlocales = ["fr-FR"]',
    'first = "Welcome to Couple Journeys.': 'first = "Bienvenue dans Couple Journeys.',
    'day = "Day"\nweek = "Week"\nmonth = "Month"\ntitle = "Title"': 'day = "Jour"\nweek = "Semaine"\nmonth = "Mois"\n'
                                                                     'title = "Titre"',
    'learning = ["Today\'s Learning"]': 'learning = ["Apprentissage du jour"]',
    'why = ["Why This Matters"]': 'why = ["Pourquoi"]',
    'activity = ["Today\'s Activity"]': 'activity = ["Activité du jour"]',
    'questions = ["Reflection Question"]': 'questions = ["Questions de réflexion"]',
    'to = "to"': 'to = "à"',
}
JOURNEY = """---
title: Petits gestes
description: Remarquer le bon chez l'autre
duration: 1 Jour
language: fr
id: petits-gestes
---

## Jour 1 : Remarquer le bon

### Apprentissage du jour

Ce que vous appréciez l'un chez l'autre arrive souvent en passant, 10-15 minutes par jour.

### Pourquoi c'est important

Se sentir vu rend plus sûr.

### Activité du jour

Prenez 10-15 minutes. Complétez la phrase :

- Merci d'avoir…

### Questions de réflexion

1. Qu'avez-vous remarqué ?
"""
PROBE = """
import json
from skill.alexa.envelopes import Device
from skill.alexa.interaction_model import LOCALES, build
from skill.alexa.invoke import Invoker
from skill.alexa.skill import build_skill
from skill.journeys import load_library
from skill.language import catalog
from skill.progress.store import open_store
from skill.speech.ssml import plain_text

library = load_library()
french = library.in_language("fr-FR")
day = french.journeys[0].days[0]
model = build(library, "fr-FR")["interactionModel"]["languageModel"]
invoker = Invoker(build_skill(library, open_store("sqlite:///" + __import__("sys").argv[1]), skill_id=""))
reply = invoker.handle(Device(locale="fr-FR").launch())
print(json.dumps({
    "language": catalog("fr-FR").language, "locales": list(LOCALES), "journeys": [j.id for j in french.journeys],
    "day": [day.number, day.title, len(day.activity.prompts), len(day.questions), day.learning[0]],
    "invocation": model["invocationName"], "said": plain_text(reply["response"]["outputSpeech"]["ssml"])}))
"""


def test_a_new_language_needs_no_python(tmp_path):
    folder = tmp_path / "language"
    shutil.copytree(LANGUAGE, folder, ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    french = (LANGUAGE / "en.toml").read_text(encoding="utf-8")
    for english, translated in FRENCH.items():
        assert english in french, english
        french = french.replace(english, translated)
    (folder / "fr.toml").write_text(french, encoding="utf-8")
    samples = (LANGUAGE / "samples" / "en.toml").read_text(encoding="utf-8")
    (folder / "samples" / "fr.toml").write_text(samples.replace('invocation = "couple journeys"',
                                                                'invocation = "voyages en couple"'), encoding="utf-8")
    journeys = tmp_path / "journeys"
    journeys.mkdir()
    (journeys / "petits-gestes.md").write_text(JOURNEY, encoding="utf-8")
    env = {**os.environ, "COUPLE_JOURNEYS_LANGUAGE_DIR": str(folder), "JOURNEYS_DIR": str(journeys)}
    done = subprocess.run([sys.executable, "-c", PROBE, str(tmp_path / "p.db")], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["language"] == "fr" and seen["locales"][-1] == "fr-FR"
    assert seen["journeys"] == ["petits-gestes"]
    assert seen["day"][:4] == [1, "Remarquer le bon", 1, 1]
    assert "10 à 15 minutes" in seen["day"][4]  # the French word for a range, from the catalog
    assert seen["invocation"] == "voyages en couple"
    assert re.search(r"Bienvenue dans Couple Journeys", seen["said"]), seen["said"]


def test_without_the_stub_the_shipped_languages_are_untouched():
    assert not (LANGUAGE / "fr.toml").exists()
