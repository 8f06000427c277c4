"""What an Echo Show displays: journey, day, step, the current prompt, and a countdown during a turn.

The countdown starts when the turn's chime would ring (its offset in the response) and ticks on the
device itself; the audio still does the timing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..speech.plan import Plan, Screen

if TYPE_CHECKING:
    from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

TOKEN = "coupleJourneysScreen"

DOCUMENT = {
    "type": "APL",
    "version": "1.6",
    "mainTemplate": {
        "parameters": ["payload"],
        "items": [{
            "type": "Container", "width": "100vw", "height": "100vh", "paddingLeft": "8vw", "paddingRight": "8vw",
            "justifyContent": "center",
            "bind": [{"name": "left", "value": "${payload.screen.countdown}"},
                     {"name": "wait", "value": "${payload.screen.startsAfter}"}],
            "handleTick": [{"minimumDelay": 1000, "commands": [
                {"type": "SetValue", "property": "wait", "value": "${wait - 1}", "when": "${wait > 0}"},
                {"type": "SetValue", "property": "left", "value": "${left - 1}", "when": "${wait <= 0 && left > 0}"},
            ]}],
            "items": [
                {"type": "Text", "text": "${payload.screen.title}", "fontSize": "28dp", "color": "#C9A0DC"},
                {"type": "Text", "text": "${payload.screen.subtitle}", "fontSize": "22dp", "paddingTop": "8dp"},
                {"type": "Text", "text": "${payload.screen.text}", "fontSize": "40dp", "paddingTop": "24dp"},
                {"type": "Text", "when": "${payload.screen.countdown > 0}", "fontSize": "64dp", "paddingTop": "24dp",
                 "text": "${Math.floor(left / 60)}:${left % 60 < 10 ? '0' : ''}${left % 60}"},
            ],
        }],
    },
}


def screen_data(plan: Plan) -> dict:
    s: Screen = plan.screen
    starts_after = 0
    if s.countdown_seconds:
        marks = plan.timeline()
        starts_after = next((offset for offset, seg in marks if seg.startswith(("turn.", "question."))), 0) + 8
    return {"title": s.title, "subtitle": s.subtitle, "text": s.text, "countdown": s.countdown_seconds,
            "startsAfter": starts_after}


def directive(plan: Plan) -> RenderDocumentDirective:
    # imported here: the APL model classes cost 20 ms of cold start, and most devices have no screen
    from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

    data = {"payload": {"screen": screen_data(plan)}}
    return RenderDocumentDirective(token=TOKEN, document=DOCUMENT, datasources=data)
