"""Erase means erased at every party: the couple's reminder is deleted at the Reminders API (the local
stand-in, which keeps its reminders) before the tombstone is saved; when it cannot be, the skill says so and
keeps the reminder's token, so "stop reminding us" can still cancel it."""

from __future__ import annotations

import pytest
from test_reminders import Couple, api, handler  # noqa: F401 (fixtures)

from skill.progress.store import load_progress, open_store


def erase(couple: Couple) -> str:
    assert couple.ask("ResetProgressIntent", new_session=True).endswith("?")
    return couple.ask("AMAZON.YesIntent")


def stored():
    return load_progress(open_store(), "amzn1.ask.account.LOCALCOUPLE")


def test_erase_everything_deletes_the_reminder_at_the_reminders_api(api, handler):  # noqa: F811
    couple = Couple(handler, api.endpoint)
    couple.launch()
    couple.ask("SetNamesIntent", firstName="Sam", secondName="Alex")
    couple.ask("SetDailyReminderIntent", time="20:00")
    (token,) = api.reminders
    assert "Everything is erased" in erase(couple) and couple.ends
    assert api.reminders == {} and ("DELETE", f"/v1/alerts/reminders/{token}", None) in api.calls
    assert stored().erased and stored().reminder is None and not stored().names
    assert "There's no reminder from me" in couple.ask("CancelReminderIntent", new_session=True)


@pytest.mark.parametrize("locale, line", [
    ("en-US", "I couldn't cancel your reminder"), ("de-DE", "konnte ich eure Erinnerung gerade nicht löschen")])
def test_an_erase_the_reminders_api_refuses_says_so_and_can_be_finished_later(api, handler, locale, line):  # noqa: F811
    couple = Couple(handler, api.endpoint, locale=locale)
    couple.ask("SetDailyReminderIntent", new_session=True, time="20:00")
    api.failing = True
    text = erase(couple)
    assert line in text and couple.ends
    assert len(api.reminders) == 1  # still ringing: and the skill said so
    kept = stored()
    assert kept.erased and not kept.names and kept.reminder is not None  # only what a retry needs
    api.failing = False
    couple.ask("CancelReminderIntent", new_session=True)
    assert api.reminders == {} and stored().reminder is None
