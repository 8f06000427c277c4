"""Dialog.ElicitSlot when the skill waits for a bare answer: the couple's names, the partner's name, the
check-in number. Alexa hears "Sam and Alex" or "four" as that slot only when the response elicited it
(the dialog model's slot samples, interaction_model.ELICITED); a top-level sample that is only a slot
would catch stray phrases instead. The directive carries the intent (intent chaining), so it is valid
in answer to a launch or to any other intent."""

from __future__ import annotations

from typing import Any

from ..session.state import Conversation, Phase
from .interaction_model import ELICITED, SLOTS


def elicitation(conversation: Conversation) -> tuple[str, str] | None:
    """The (intent, slot) the skill is waiting for, if its question is answered with a bare value."""
    if conversation.phase == Phase.NAMES:
        wanted = ("NamesIntent", "secondName" if conversation.partial else "firstName")
    elif conversation.phase == Phase.CHECK_IN:
        wanted = ("CheckInIntent", "score")
    elif conversation.phase == Phase.CHOOSING and (conversation.pending == "first"
                                                   or conversation.pending.startswith("replace:")):
        wanted = ("NamesIntent", "firstName")  # "Robin or Taylor?": one of their names
    else:
        return None
    return wanted if wanted in ELICITED else None


def directive(intent: str, slot: str) -> Any:
    """The directive, with the intent's slots empty: what was said so far is in the session already."""
    from ask_sdk_model import Intent, IntentConfirmationStatus, Slot, SlotConfirmationStatus
    from ask_sdk_model.dialog import ElicitSlotDirective

    slots = {name: Slot(name=name, confirmation_status=SlotConfirmationStatus.NONE) for name in SLOTS[intent]}
    return ElicitSlotDirective(slot_to_elicit=slot, updated_intent=Intent(
        name=intent, confirmation_status=IntentConfirmationStatus.NONE, slots=slots))
