"""AWS Lambda entry point. The skill is built once per container (journeys loaded, store client made) and
reused across invocations. Configuration: PROGRESS_STORE, SKILL_ID, JOURNEYS_DIR."""

from __future__ import annotations

import logging
import os
from functools import lru_cache

from skill.alexa.invoke import Invoker, RequestRefused
from skill.alexa.skill import build_skill

logging.getLogger().setLevel(logging.INFO)
log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def invoker() -> Invoker:
    return Invoker(build_skill())


if os.environ.get("AWS_LAMBDA_FUNCTION_NAME"):
    # In Lambda, build during the init phase: with SnapStart the snapshot then holds the built skill, and a
    # restored container answers its first request without doing this work. Nothing here opens a connection.
    invoker()


def lambda_handler(event, context):
    try:
        return invoker().handle(event, context)
    except RequestRefused as exc:
        log.warning("refused: %s", exc)
        raise
