"""The Alexa Reminders API, for the reminders the session machine asks for (session/rules/reminders.py).

The machine decides what to do and leaves a `ReminderCall` on its outcome; `carry_out` does it with the
request's `apiEndpoint` and `apiAccessToken` and hands the result back to the machine as a `ReminderDone`
event, whose rule says how it went. Bounded by a short timeout and never retried (a second POST could set
two reminders): a failure is said plainly and changes nothing. Without permission (401/403) the machine
asks for it, and the response carries `ask_for_permission`'s directive.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any, NamedTuple

from ..session.events import Event, ReminderCall, ReminderDone
from ..session.state import Outcome

SCOPE = "alexa::alerts:reminders:skill:readwrite"  # the permission the skill asks for

log = logging.getLogger(__name__)

TIMEOUT_SECONDS = 2.0
PATH = "/v1/alerts/reminders"


class Result(NamedTuple):
    result: str  # created, deleted, gone, forbidden, failed
    alert_token: str = ""


def body(call: ReminderCall, locale: str, now: datetime) -> dict[str, Any]:
    """The reminder as the API takes it: SCHEDULED_ABSOLUTE at the couple's local time (in the device's
    time zone when known; else Alexa uses the device's own), daily by a recurrence rule; what Alexa says
    then, in the request's language; a push notification to the Alexa app as well."""
    from ask_sdk_core.serialize import DefaultSerializer
    from ask_sdk_model.services.reminder_management import (
        AlertInfo,
        PushNotification,
        PushNotificationStatus,
        Recurrence,
        ReminderRequest,
        SpokenInfo,
        SpokenText,
        Trigger,
        TriggerType,
    )

    first = datetime.fromisoformat(f"{call.on}T{call.at}:00")
    hour, minute = first.hour, first.minute
    recurrence = Recurrence(start_date_time=first, recurrence_rules=[
        f"FREQ=DAILY;BYHOUR={hour};BYMINUTE={minute};BYSECOND=0;INTERVAL=1;"]) if call.daily else None
    request = ReminderRequest(
        request_time=now.replace(microsecond=0, tzinfo=None),
        trigger=Trigger(object_type=TriggerType.SCHEDULED_ABSOLUTE, scheduled_time=first,
                        time_zone_id=call.timezone or None, recurrence=recurrence),
        alert_info=AlertInfo(SpokenInfo([SpokenText(locale=locale, text=call.text)])),
        push_notification=PushNotification(PushNotificationStatus.ENABLED))
    return DefaultSerializer().serialize(request)


def send(method: str, url: str, token: str, payload: dict[str, Any] | None = None,
         timeout: float = TIMEOUT_SECONDS) -> tuple[int, dict[str, Any]]:
    """One HTTP call: (status, JSON body); status 0 when the API could not be reached."""
    import urllib.error
    import urllib.request  # only here: it imports ssl, which a cold start should not pay for

    data = json.dumps(payload).encode() if payload is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers={
        "Authorization": f"Bearer {token}", "Accept": "application/json",
        **({"Content-Type": "application/json"} if data is not None else {})})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            raw = response.read(65536)
            status = response.status
    except urllib.error.HTTPError as exc:
        return exc.code, {}
    except Exception as exc:  # refused, timed out, unreadable: said plainly, nothing changed
        log.warning("Reminders API %s failed: %s", method, exc)
        return 0, {}
    try:
        value = json.loads(raw) if raw else {}
    except ValueError:
        value = {}
    return status, value if isinstance(value, dict) else {}


def create(endpoint: str, token: str, call: ReminderCall, locale: str, now: datetime) -> Result:
    """POST a new reminder, or PUT over the one it replaces (POST when that one is gone)."""
    base = endpoint.rstrip("/") + PATH
    payload = body(call, locale, now)
    status, answer = 404, {}
    if call.replaces:
        status, answer = send("PUT", f"{base}/{call.replaces}", token, payload)
    if status == 404:
        status, answer = send("POST", base, token, payload)
    if status in (200, 201) and isinstance(answer.get("alertToken"), str) and answer["alertToken"]:
        return Result("created", answer["alertToken"])
    if status in (401, 403):
        return Result("forbidden")
    log.warning("Reminders API answered %s", status)
    return Result("failed")


def delete(endpoint: str, token: str, alert_token: str) -> Result:
    status, _ = send("DELETE", f"{endpoint.rstrip('/')}{PATH}/{alert_token}", token)
    if status in (200, 204):
        return Result("deleted")
    if status == 404:
        return Result("gone")
    return Result("forbidden" if status in (401, 403) else "failed")


def carry_out(handler_input: Any, outcome: Outcome, now: datetime,
              then: Callable[[Outcome, Event], Outcome]) -> Outcome:
    """Do what the machine asked (`outcome.reminder`) and let it answer; without an API to call (no token:
    the rehearsal without its stand-in, a device that has none), the machine's own plan stands."""
    call: ReminderCall = outcome.reminder
    if call.action not in ("create", "delete"):  # nothing to call (consent, card: the response's part)
        return outcome
    env = handler_input.request_envelope
    system = getattr(env.context, "system", None) if env.context else None
    endpoint, token = getattr(system, "api_endpoint", None), getattr(system, "api_access_token", None)
    if not endpoint or not token:
        return outcome
    locale = getattr(env.request, "locale", None) or "en-US"
    done = delete(endpoint, token, call.replaces) if call.action == "delete" else \
        create(endpoint, token, call, locale, now)
    after = then(outcome, ReminderDone(done.result, call, done.alert_token))
    return after._replace(changed=outcome.changed or after.changed, erase=outcome.erase or after.erase)


def ask_if_needed(builder: Any, call: ReminderCall | None) -> None:
    """What the machine's last word asks of the response: Alexa's permission question (AskFor), or the
    Alexa app's card that leads to the permission."""
    if call is not None and call.action == "consent":
        builder.add_directive(ask_for_permission(call))
    elif call is not None and call.action == "card":
        from ask_sdk_model.ui import AskForPermissionsConsentCard

        builder.set_card(AskForPermissionsConsentCard(permissions=[SCOPE]))


def ask_for_permission(call: ReminderCall) -> Any:
    """Alexa's own voice consent for reminders; its answer comes back as a Connections.Response."""
    from ask_sdk_model.interfaces.connections import SendRequestDirective

    return SendRequestDirective(name="AskFor", token=call.token(), payload={
        "@type": "AskForPermissionsConsentRequest", "@version": "1", "permissionScope": SCOPE})
