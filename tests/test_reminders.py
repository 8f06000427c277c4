"""Reminders the Alexa way, through lambda_handler, over HTTP against a local stand-in of the Alexa
Reminders API (the rehearsal's own): set once and daily, changed, cancelled, asked without permission
(AskFor), Alexa's answer to that (accepted, denied, not answered), and the API down or failing. Every
response is checked against Alexa's limits."""

from __future__ import annotations

import socket
from datetime import UTC, datetime

import pytest
from alexa_support import checked, fresh_lambda, said

from skill.alexa.envelopes import Device
from skill.rehearsal.reminders_api import LocalAlexaApi, permission_request

NOW = datetime(2026, 11, 22, 20, 7, tzinfo=UTC)


@pytest.fixture
def api():
    with LocalAlexaApi(zone="UTC", granted=True) as server:
        yield server


@pytest.fixture
def handler(tmp_path, monkeypatch):
    monkeypatch.setenv("PROGRESS_STORE", f"sqlite:///{tmp_path / 'progress.db'}")
    monkeypatch.delenv("SKILL_ID", raising=False)
    return fresh_lambda().lambda_handler


class Couple:
    """One couple's device talking to the skill, with the Alexa APIs at `endpoint`."""

    def __init__(self, handler, endpoint: str, locale: str = "en-US"):
        self.handler = handler
        self.device = Device(now=NOW, locale=locale, api_endpoint=endpoint, api_token="in-session-token")
        self.last: dict = {}

    def send(self, envelope: dict) -> str:
        self.last = checked(self.handler(envelope, None))
        self.device.heard(self.last)
        self.device.wait(30)
        return said(self.last)

    def launch(self) -> str:
        return self.send(self.device.launch())

    def ask(self, intent: str, new_session: bool = False, **slots: str) -> str:
        return self.send(self.device.intent(intent, slots, new_session=new_session))

    def permission(self, status: str, token: str) -> str:
        return self.send(self.device.permission_answer(status, token))

    @property
    def ends(self) -> bool:
        return self.last["response"].get("shouldEndSession", True) is not False


def posts(api: LocalAlexaApi) -> list:
    return [body for method, path, body in api.calls if method == "POST"]


def test_remind_us_tomorrow_sets_a_reminder_for_tomorrow_that_names_the_journey_and_day(api, handler):
    couple = Couple(handler, api.endpoint)
    text = couple.ask("SetReminderIntent", new_session=True, time="20:30")  # "ask couple journeys to remind us…"
    assert "Done. I'll remind you tomorrow at 8:30 pm." in text and couple.ends
    (body,) = posts(api)
    # once, no recurrence; the device's time zone unknown here (the lookup is off): Alexa uses the device's
    assert body["trigger"] == {"type": "SCHEDULED_ABSOLUTE", "scheduledTime": "2026-11-23T20:30:00"}
    (content,) = body["alertInfo"]["spokenInfo"]["content"]
    assert content["locale"] == "en-US" and "Day 1 of Deepening Intimacy" in content["text"]
    assert body["pushNotification"] == {"status": "ENABLED"}
    assert "Your reminder is tomorrow at 8:30 pm." in couple.ask("ReminderStatusIntent", new_session=True)


def test_at_this_time_tomorrow_is_the_couples_local_time_in_the_devices_time_zone(handler, monkeypatch):
    monkeypatch.setenv("ALEXA_TIMEZONE_LOOKUP", "on")  # against the stand-in, which answers the time zone too
    with LocalAlexaApi(zone="Europe/Berlin", granted=True) as api:
        couple = Couple(handler, api.endpoint)
        text = couple.ask("SetReminderIntent", new_session=True)  # 20:07 UTC is 21:07 in Berlin
        assert "Done. I'll remind you tomorrow at 9:05 pm." in text
        (body,) = posts(api)
        assert body["trigger"] == {"type": "SCHEDULED_ABSOLUTE", "scheduledTime": "2026-11-23T21:05:00",
                                   "timeZoneId": "Europe/Berlin"}


def test_every_evening_is_a_daily_reminder_and_asking_again_changes_it(api, handler):
    couple = Couple(handler, api.endpoint)
    couple.launch()
    couple.ask("SetNamesIntent", firstName="Sam", secondName="Alex")
    text = couple.ask("SetDailyReminderIntent", time="20:00")
    assert "Done. I'll remind you every day at 8 pm." in text and not couple.ends  # back to the evening
    (body,) = posts(api)
    recurrence = body["trigger"]["recurrence"]
    assert recurrence["recurrenceRules"] == ["FREQ=DAILY;BYHOUR=20;BYMINUTE=0;BYSECOND=0;INTERVAL=1;"]
    assert recurrence["startDateTime"] == "2026-11-23T20:00:00"  # 20:00 has passed today: from tomorrow
    assert "Your next day of Deepening Intimacy" in body["alertInfo"]["spokenInfo"]["content"][0]["text"]
    assert "Sam" not in str(body)  # never anything the couple said
    assert "Your reminder is now every day at 9 pm." in couple.ask("SetDailyReminderIntent", time="21:00")
    assert [m for m, _, _ in api.calls] == ["POST", "PUT"] and api.described() == ["every evening at 21:00"]


def test_stop_reminding_us_deletes_it(api, handler):
    couple = Couple(handler, api.endpoint)
    couple.ask("SetDailyReminderIntent", new_session=True, time="19:30")
    assert api.reminders
    assert "I won't remind you any more" in couple.ask("CancelReminderIntent", new_session=True)
    assert not api.reminders and api.calls[-1][0] == "DELETE"
    assert "There's no reminder from me" in couple.ask("ReminderStatusIntent", new_session=True)
    assert "There's no reminder from me" in couple.ask("CancelReminderIntent", new_session=True)
    assert api.calls[-1][0] == "DELETE"  # nothing more was asked of the API


def test_without_permission_alexa_asks_for_it_and_ends_the_session(api, handler):
    api.granted = False
    couple = Couple(handler, api.endpoint)
    text = couple.ask("SetDailyReminderIntent", new_session=True, time="20:00")
    assert "I need your permission" in text and couple.ends
    (directive,) = couple.last["response"]["directives"]
    assert directive["type"] == "Connections.SendRequest" and directive["name"] == "AskFor"
    assert directive["payload"] == {"@type": "AskForPermissionsConsentRequest", "@version": "1",
                                    "permissionScope": "alexa::alerts:reminders:skill:readwrite"}
    assert directive["token"] and permission_request(couple.last) == directive["token"]


def test_permission_accepted_sets_the_reminder_and_says_the_time(api, handler):
    api.granted = False
    couple = Couple(handler, api.endpoint)
    couple.ask("SetDailyReminderIntent", new_session=True, time="20:00")
    token = permission_request(couple.last)
    api.granted = True  # the couple said yes to Alexa
    text = couple.permission("ACCEPTED", token)
    assert "Done. I'll remind you every day at 8 pm." in text and couple.ends
    assert api.described() == ["every evening at 20:00"]
    assert "every day at 8 pm" in couple.ask("ReminderStatusIntent", new_session=True)


@pytest.mark.parametrize(("status", "line"), [("DENIED", "All right, no reminder."),
                                              ("NOT_ANSWERED", "I didn't hear an answer")])
def test_permission_denied_or_not_answered_says_how_to_allow_it_in_the_alexa_app(api, handler, status, line):
    api.granted = False
    couple = Couple(handler, api.endpoint)
    couple.ask("SetReminderIntent", new_session=True, time="20:00")
    text = couple.permission(status, permission_request(couple.last))
    assert line in text and "in the Alexa app" in text and couple.ends
    assert not posts(api)[1:] and not api.reminders
    assert couple.last["response"]["card"] == {"type": "AskForPermissionsConsent",
                                               "permissions": ["alexa::alerts:reminders:skill:readwrite"]}


def test_still_refused_after_accepting_is_not_asked_again(api, handler):
    api.granted = False
    couple = Couple(handler, api.endpoint)
    couple.ask("SetReminderIntent", new_session=True, time="20:00")
    text = couple.permission("ACCEPTED", permission_request(couple.last))
    assert "Reminders are switched off for Couple Journeys" in text and "directives" not in couple.last["response"]
    assert couple.last["response"]["card"]["type"] == "AskForPermissionsConsent"


def test_an_acceptance_with_a_token_that_is_not_ours_sets_nothing(api, handler):
    couple = Couple(handler, api.endpoint)
    assert "nothing has changed" in couple.permission("ACCEPTED", "not-ours") and not api.calls


def test_api_down_is_said_plainly_and_loses_nothing(handler):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{s.getsockname()[1]}"
    couple = Couple(handler, closed)
    couple.launch()
    couple.ask("SetNamesIntent", firstName="Sam", secondName="Alex")
    text = couple.ask("SetDailyReminderIntent", time="20:00")
    assert "I couldn't reach Alexa's reminders just now, so nothing has changed." in text
    assert not couple.ends and "Would you like to hear it" in text  # the evening goes on where it was
    assert "There's no reminder from me" in couple.ask("ReminderStatusIntent")


def test_a_failing_api_keeps_the_reminder_there_is(api, handler):
    couple = Couple(handler, api.endpoint)
    couple.ask("SetDailyReminderIntent", new_session=True, time="20:00")
    api.failing = True
    assert "nothing has changed" in couple.ask("CancelReminderIntent", new_session=True)
    assert "every day at 8 pm" in couple.ask("ReminderStatusIntent", new_session=True)


def test_the_evening_ends_with_an_offer_and_yes_sets_it_for_tomorrow_at_this_time(api, handler):
    couple = Couple(handler, api.endpoint)
    couple.launch()
    couple.ask("SetNamesIntent", firstName="Sam", secondName="Alex")
    while "how connected do you feel tonight" not in said(couple.last):
        couple.ask("AMAZON.NextIntent")
    couple.device.now = couple.device.now.replace(hour=21, minute=12)
    text = couple.ask("CheckInIntent", score="4")
    assert "Shall I remind you tomorrow at 9:10 pm?" in text and not couple.ends
    text = couple.ask("AMAZON.YesIntent")
    assert "Done. I'll remind you tomorrow at 9:10 pm." in text and "Good night, Sam and Alex" in text
    assert api.described() == ["on 2026-11-23 at 21:10"]
    assert "Day 1 of Everyday Appreciation" in posts(api)[0]["alertInfo"]["spokenInfo"]["content"][0]["text"]


def test_german_couples_get_german_reminders(api, handler):
    couple = Couple(handler, api.endpoint, locale="de-DE")
    text = couple.ask("SetDailyReminderIntent", new_session=True, time="20:30")
    assert "Erledigt. Ich erinnere euch jeden Tag um 20:30 Uhr." in text
    (content,) = posts(api)[0]["alertInfo"]["spokenInfo"]["content"]
    assert content["locale"] == "de-DE" and "Kleine Gesten" in content["text"] and "Sagt einfach" in content["text"]
