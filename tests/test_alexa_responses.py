"""Responses through the real skill: APL on screens, store round trips counted at a DynamoDB-compatible
server over HTTP, and a failing store heard as one graceful apology with nothing lost."""

from __future__ import annotations

from alexa_support import checked, fresh_lambda, said

from skill.alexa.envelopes import Device


def start_evening(handler, device: Device) -> None:
    """Launch, names, and yes to the seed's content note: the lesson is playing."""
    device.heard(checked(handler(device.launch(), None)))
    device.heard(checked(handler(device.intent("SetNamesIntent", {"firstName": "Sam", "secondName": "Alex"}), None)))
    device.heard(checked(handler(device.intent("AMAZON.YesIntent"), None)))


def test_screens_get_apl_with_each_turn_named_and_counted_down_from_its_bell(tmp_path, monkeypatch):
    monkeypatch.setenv("PROGRESS_STORE", f"sqlite:///{tmp_path / 'p.db'}")
    handler = fresh_lambda().lambda_handler
    device = Device(screen=True)
    start_evening(handler, device)
    device.wait(600)
    response = checked(handler(device.intent("AMAZON.NextIntent"), None))
    (directive,) = response["response"]["directives"]
    assert directive["type"] == "Alexa.Presentation.APL.RenderDocument"
    screen = directive["datasources"]["screen"]
    sam, alex = [e for e in screen["entries"] if e["kind"] == "turn"]
    assert (sam["who"], alex["who"]) == ("Sam's turn", "Alex's turn")
    assert sam["text"] == alex["text"] == "I feel closest to you when…" and sam["secs"] == alex["secs"] == 60
    assert sam["head"] == "Sentence 1 of 4"
    # the countdowns start at their bells, on the timeline the barge-ins read: Alex's after Sam's has ended
    assert 15 < sam["bell"] < sam["to"] == alex["at"] < alex["bell"] and sam["bell"] + 60 < alex["at"]
    plain = Device()
    start_evening(handler, plain)
    assert "directives" not in checked(handler(plain.intent("AMAZON.NextIntent"), None))["response"]


def test_round_trips_one_read_per_session_one_write_per_change_none_for_repeat_or_help(dynamo):
    handler = fresh_lambda().lambda_handler
    device = Device()
    device.heard(checked(handler(device.launch(), None)))
    assert (dynamo.reads(), dynamo.writes()) == (1, 0)  # nothing changed yet: only the names are asked
    device.heard(checked(handler(device.intent("SetNamesIntent", {"firstName": "Sam", "secondName": "Alex"}), None)))
    assert (dynamo.reads(), dynamo.writes()) == (1, 1)
    device.heard(checked(handler(device.intent("AMAZON.YesIntent"), None)))  # hear the lesson: the place is unchanged
    assert (dynamo.reads(), dynamo.writes()) == (1, 1)
    for intent in ("AMAZON.RepeatIntent", "AMAZON.HelpIntent", "ProgressIntent"):
        device.wait(5)
        device.heard(checked(handler(device.intent(intent), None)))
    assert (dynamo.reads(), dynamo.writes()) == (1, 1)
    device.wait(600)
    device.heard(checked(handler(device.intent("AMAZON.NextIntent"), None)))
    assert (dynamo.reads(), dynamo.writes()) == (1, 2)
    device.heard(checked(handler(device.launch(), None)))  # a new session reads once more
    assert dynamo.reads() == 2


def test_failing_store_apologises_once_keeps_going_and_saves_later(dynamo):
    handler = fresh_lambda().lambda_handler
    device = Device()
    start_evening(handler, device)
    dynamo.fail = True
    device.wait(600)
    first = checked(handler(device.intent("AMAZON.NextIntent"), None))
    device.heard(first)
    assert said(first).startswith("I'm sorry, I couldn't save your place just now")
    assert "I feel closest to you when" in said(first)  # the evening goes on
    device.wait(600)
    second = checked(handler(device.intent("AMAZON.NextIntent"), None))
    device.heard(second)
    assert "I'm sorry" not in said(second) and "Something I've been wanting to share" in said(second)
    dynamo.fail = False
    device.wait(10)
    device.heard(checked(handler(device.intent("AMAZON.HelpIntent"), None)))  # the next request saves it
    from skill.progress.store import load_progress, open_store

    saved = load_progress(open_store("dynamodb://Progress"), device.user_id)
    assert saved.position.segment == "turn.1.a" and saved.names == ["Sam", "Alex"]


def test_unreachable_store_at_launch_still_speaks(aws_env, monkeypatch):
    monkeypatch.setenv("PROGRESS_STORE", "dynamodb://Progress")
    monkeypatch.setenv("AWS_ENDPOINT_URL_DYNAMODB", "http://127.0.0.1:9")
    response = checked(fresh_lambda().lambda_handler(Device().launch(), None))
    assert said(response).startswith("I'm sorry, I can't reach your saved progress right now")
    assert response["response"]["shouldEndSession"] is False


class BrokenStore:
    """A store whose failure is not a StoreError: a bug, as far as the skill can tell."""

    def load(self, user_id):
        raise RuntimeError("unexpected")

    def save(self, user_id, record, expected_revision):
        raise RuntimeError("unexpected")


def test_anything_unexpected_gets_one_sentence_of_apology_and_the_session_stays_open():
    from skill.alexa.invoke import Invoker
    from skill.alexa.skill import build_skill
    from skill.journeys import load_library

    invoker = Invoker(build_skill(load_library(), BrokenStore(), skill_id=""))
    response = checked(invoker.handle(Device().launch()))
    assert said(response) == "Sorry, something went wrong on my side. Your progress is safe. Please say that again."
    assert response["response"]["shouldEndSession"] is False


def test_a_couple_is_offered_only_the_journeys_of_their_locales_language(tmp_path, monkeypatch):
    monkeypatch.setenv("PROGRESS_STORE", f"sqlite:///{tmp_path / 'p.db'}")
    handler = fresh_lambda().lambda_handler
    for locale, offered, not_offered in (("en-GB", "Everyday Appreciation", "Kleine Gesten"),
                                         ("de-DE", "Kleine Gesten", "Everyday Appreciation")):
        device = Device(locale=locale, user_id=f"amzn1.ask.account.{locale}")
        start_evening(handler, device)
        listed = said(checked(handler(device.intent("ListJourneysIntent"), None)))
        assert offered in listed and not_offered not in listed, listed


def test_one_deployment_speaks_each_couple_their_language_and_offers_only_their_journeys(tmp_path, monkeypatch):
    monkeypatch.setenv("PROGRESS_STORE", f"sqlite:///{tmp_path / 'progress.db'}")
    monkeypatch.delenv("SKILL_ID", raising=False)
    handler = fresh_lambda().lambda_handler
    english = Device(user_id="amzn1.ask.account.EN", locale="en-GB")
    german = Device(user_id="amzn1.ask.account.DE", locale="de-DE")
    heard = {}
    for device in (german, english, german, english):
        response = checked(handler(device.launch() if device.session_id is None
                                   else device.intent("ListJourneysIntent"), None))
        device.heard(response)
        heard.setdefault(device.locale, []).append(said(response))
    assert "Willkommen bei Couple Journeys" in heard["de-DE"][0] and "Welcome to Couple Journeys" in heard["en-GB"][0]
    assert "Es gibt eine Reise: Kleine Gesten" in heard["de-DE"][1]
    assert "Kleine Gesten" not in heard["en-GB"][1] and "Deepening Intimacy" in heard["en-GB"][1]
