"""`python -m skill rehearse`: wires the emulator to the terminal, a script, the store and the voice."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path

from ..alexa.invoke import Invoker
from ..alexa.skill import build_skill
from ..journeys import load_library
from ..progress.store import StoreError, open_store
from .emulator import Rehearsal, device_for
from .matcher import Matcher
from .player import Player, RealClock
from .reminders_api import LocalAlexaApi
from .voice import Voice, sound_device


def typed_lines(clock: RealClock, listen_seconds: float) -> Iterator[str | None]:
    """What the couple types; None when they let the device's listening window pass."""
    while True:
        sys.stdout.write("You: ")
        sys.stdout.flush()
        line = clock.wait_for_input(listen_seconds)
        if clock.ended:
            sys.stdout.write("\nGoodbye. Your place is saved.\n")
            return
        yield line


def script_lines(path: str) -> Iterator[str | None]:
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        yield line.strip() or None


def rehearse(args: argparse.Namespace) -> int:
    out = sys.stdout
    voice, why = (None, "") if args.silent else Voice.open()
    if why:
        out.write(why + "\n")
    live = voice is not None and not args.fast and sound_device() and not args.wav_dir
    if voice is not None and not args.silent and not live and not args.wav_dir and not args.fast:
        out.write("No sound device here: the rehearsal is text only (add --wav-dir DIR to hear it afterwards).\n")
    try:
        store = open_store(args.store)
    except (StoreError, ValueError) as exc:
        out.write(f"Cannot open the progress store: {exc}\n")
        return 2
    library = load_library(args.journeys)
    if not library.journeys:
        out.write("No journeys found: check --journeys or JOURNEYS_DIR (python -m skill lint shows why).\n")
        return 2
    clock = RealClock()
    settings = LocalAlexaApi(out=out)  # the device's time zone and reminders, as Alexa's APIs would answer
    with ExitStack() as stack:
        stack.callback(settings.close)
        transcript = stack.enter_context(open(args.transcript, "w", encoding="utf-8")) if args.transcript else None
        rehearsal = Rehearsal(
            invoker=Invoker(build_skill(library, store, skill_id="")), matcher=Matcher(library),
            player=Player(out, clock, voice, fast=args.fast, live=live),
            device=device_for(args.couple, settings.endpoint),
            out=out, voice=voice if args.wav_dir else None, wav_dir=Path(args.wav_dir) if args.wav_dir else None,
            transcript=transcript, fast=args.fast, echo=bool(args.script), apis=settings,
        )
        replies = script_lines(args.script) if args.script else typed_lines(clock, rehearsal.listen_seconds)
        try:
            rehearsal.run(replies)
        except KeyboardInterrupt:
            out.write("\nGoodbye. Your place is saved.\n")
    return 0
