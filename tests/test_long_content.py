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


def hands_free_evening(tmp_path, lesson_chars: int, prompts: int,
                       sentence: str = "A warm sentence about listening closely. ") -> list[str]:
    """A couple who only says "next" and a number: what they heard, one entry per response."""
    words = (sentence * (lesson_chars // len(sentence) + 1))[:lesson_chars]
    paragraphs = "\n\n".join(words[i:i + 700].strip() for i in range(0, len(words), 700))
    folder = tmp_path / "journeys"
    folder.mkdir()
    items = "\n".join(f'- "Sentence {n}..."' for n in range(prompts))
    (folder / "long.md").write_text(
        "---\ntitle: Long\n---\n## Day 1: Long\n\n### Today's Learning\n\n" + paragraphs
        + f"\n\n### Today's Activity\n\n{items}\n\n### Reflection Questions\n\n1. Why?\n2. How?\n3. When?\n"
        "4. Where?\n", encoding="utf-8")
    invoker = Invoker(build_skill(load_library(folder), open_store(f"sqlite:///{tmp_path / 'p.db'}"), skill_id=""))
    device = Device()
    device.heard(checked(invoker.handle(device.launch())))
    heard = []
    response = checked(invoker.handle(device.intent("NamesIntent", {"firstName": "Sam", "secondName": "Alex"})))
    while response["response"].get("shouldEndSession") is False:
        device.heard(response)
        heard.append(said(response))
        device.wait(3600)
        reply = "CheckInIntent" if "how connected" in said(response) else "AMAZON.NextIntent"
        response = checked(invoker.handle(device.intent(reply, {"score": "4"} if reply == "CheckInIntent" else {})))
    heard.append(said(response))
    return heard


def test_a_10000_character_lesson_and_six_sentences_take_at_most_twelve_replies(tmp_path):
    heard = hands_free_evening(tmp_path, 10_000, 6)
    assert len(heard) <= 12 and any("Day 1 complete" in text for text in heard[-2:])
    assert sum("Shall I go on?" in text for text in heard) <= 1  # one breath in a long lesson, no more


def test_a_lesson_of_ampersands_still_fits_every_response(tmp_path):
    """Escaping makes "&" five characters of SSML: the budget counts what is sent, not what was written."""
    heard = hands_free_evening(tmp_path, 9_000, 1, "You & me & us & we. ")  # checked(): Alexa's limits
    assert any("Day 1 complete" in text for text in heard[-2:])
