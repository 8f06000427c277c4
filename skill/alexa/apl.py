"""What an Echo Show displays: one APL document (skill/screens/document.py) with this response's data
(skill/screens/content.py), and what a tap on it means.

A button sends the intent its word stands for (Alexa.Presentation.APL.UserEvent, arguments
[intent, slot, value]); the skill reads it with `to_event`, like the spoken word.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from ..journeys import Library
from ..language import catalog
from ..screens.content import screen
from ..screens.document import document
from ..session import events as ev
from ..session.state import State
from ..speech.plan import Plan
from .intents import to_event
from .interaction_model import handled_intents

if TYPE_CHECKING:
    from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

TOKEN = "coupleJourneysScreen"
TOUCHES = {"next": "AMAZON.NextIntent", "back": "AMAZON.PreviousIntent", "pause": "AMAZON.PauseIntent",
           "repeat": "AMAZON.RepeatIntent"}  # words older screens sent


def datasources(state: State, event: ev.Event, plan: Plan, library: Library, locale: str, today: date) -> dict:
    return screen(state, event, plan, library.in_language(locale), catalog(locale), today)


def directive(state: State, event: ev.Event, plan: Plan, library: Library, locale: str,
              today: date) -> RenderDocumentDirective:
    # imported here: the APL model classes cost 20 ms of cold start, and most devices have no screen
    from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

    data = datasources(state, event, plan, library, locale, today)
    shown = document(chart="chart" in data["screen"], buttons=bool(data["screen"]["buttons"]))
    return RenderDocumentDirective(token=TOKEN, document=shown, datasources=data)


def touched(arguments: list[Any] | None, locale: str) -> ev.Event:
    """A tap: the event of the intent it names, exactly as if it had been said."""
    from ask_sdk_model import Intent, Slot

    args = [str(a) for a in arguments or []]
    name = TOUCHES.get(args[0].lower(), args[0]) if args else ""
    if name not in handled_intents():
        return ev.NotUnderstood()
    slots = {args[1]: Slot(name=args[1], value=args[2])} if len(args) >= 3 else {}
    return to_event(Intent(name=name, slots=slots), locale)
