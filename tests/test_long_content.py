"""Long content: a lesson far longer than one response holds is split between paragraphs (or sentences),
every response stays within Alexa's limits, and not a word is dropped or said twice."""

from __future__ import annotations

from alexa_support import checked, said

from skill.alexa.envelopes import Device
from skill.alexa.invoke import Invoker
from skill.alexa.skill import build_skill
from skill.journeys import load_library
from skill.progress.store import open_store

SENTENCE = "Sentence number {n} of a very long lesson & it keeps going."


def long_journey(folder, paragraphs: int, sentences_each: int) -> None:
    body = "\n\n".join(" ".join(SENTENCE.format(n=p * 1000 + s) for s in range(sentences_each))
                       for p in range(paragraphs))
    (folder / "long.md").write_text(
        "---\ntitle: Long\n---\n## Day 1: Long\n\n### Today's Learning\n\n" + body
        + "\n\n### Today's Activity\n\n- \"One...\"\n\n### Reflection Questions\n\n1. Why?\n", encoding="utf-8")


def lesson_responses(tmp_path, paragraphs: int, sentences_each: int) -> list[str]:
    folder = tmp_path / "journeys"
    folder.mkdir()
    long_journey(folder, paragraphs, sentences_each)
    invoker = Invoker(build_skill(load_library(folder), open_store(f"sqlite:///{tmp_path / 'p.db'}"), skill_id=""))
    device = Device()
    device.heard(checked(invoker.handle(device.launch())))
    texts = []
    response = checked(invoker.handle(device.intent("AMAZON.NoIntent")))  # skip names: the lesson begins
    while "today's activity" not in said(response).lower():
        device.heard(response)
        texts.append(said(response))
        device.wait(3600)
        response = checked(invoker.handle(device.intent("AMAZON.NextIntent")))
    texts.append(said(response))
    return texts


def numbers_said(texts: list[str]) -> list[int]:
    import re

    return [int(n) for text in texts for n in re.findall(r"Sentence number (\d+)", text)]


def test_many_paragraphs_are_split_between_responses(tmp_path):
    texts = lesson_responses(tmp_path, paragraphs=40, sentences_each=4)  # about 10,000 characters
    assert len(texts) >= 2
    expected = [p * 1000 + s for p in range(40) for s in range(4)]
    assert numbers_said(texts) == expected  # in order, none lost, none repeated
    assert all(t.endswith("Shall I go on?") for t in texts[:-1])


def test_one_huge_paragraph_is_split_between_sentences(tmp_path):
    texts = lesson_responses(tmp_path, paragraphs=1, sentences_each=300)  # one 18,000-character paragraph
    assert len(texts) >= 4
    assert numbers_said(texts) == list(range(300))
    assert all(t.endswith("Shall I go on?") for t in texts[:-1])
