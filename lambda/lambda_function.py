"""AWS Lambda entry point. The skill is built once per container (journeys parsed, store opened) and
reused across invocations. Configuration: PROGRESS_STORE, SKILL_ID, JOURNEYS_DIR."""

from __future__ import annotations

import logging
from functools import lru_cache

from skill.alexa.invoke import Invoker, RequestRefused
from skill.alexa.skill import build_skill

logging.getLogger().setLevel(logging.INFO)
log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def invoker() -> Invoker:
    return Invoker(build_skill())


def lambda_handler(event, context):
    try:
        return invoker().handle(event, context)
    except RequestRefused as exc:
        log.warning("refused: %s", exc)
        raise
