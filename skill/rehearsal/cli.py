"""`python -m skill rehearse`: wires the emulator to the terminal, a script, the store and the voice."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Iterator
from contextlib import ExitStack
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from ..alexa import local_time
from ..alexa.invoke import Invoker
from ..alexa.skill import build_skill
from ..journeys import load_library
from ..language import language_of
from ..progress.store import StoreError, default_url, open_store
from .emulator import Rehearsal, couple_key, device_for
from .listening import open_ears
from .matcher import Matcher
from .player import Player, RealClock
from .reminders_api import LocalAlexaApi
from .settings_api import laptop_zone
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


def moment(at: str | None, zone: str) -> datetime:
    """--at YYYY-MM-DDTHH:MM, read in the device's zone as the skill reads it (an unknown zone: UTC), as the
    UTC moment the rehearsal starts; else now."""
    if not at:
        return datetime.now(UTC).replace(microsecond=0)
    return datetime.strptime(at, "%Y-%m-%dT%H:%M").replace(tzinfo=local_time.zone(zone)).astimezone(UTC)


def where_kept(url: str | None, reset_phrase: str) -> str:
    """One line for the start of a rehearsal: where this couple's progress is, and how to start afresh."""
    url = url or os.environ.get("PROGRESS_STORE") or default_url()
    place = url[len("sqlite://"):] if url.startswith("sqlite://") else url
    place = place[1:] if place.startswith("//") else place
    return (f"Progress is kept in {place} (say \"{reset_phrase}\" to reset it, "
            "or rehearse as another --couple).\n")


def device_file(url: str | None, couple: str) -> Path:
    """Where the rehearsal keeps what Alexa keeps for a couple between runs (the reminders permission, the
    reminders): beside a SQLite store, else in the user's data folder."""
    from platformdirs import user_data_dir

    url = url or os.environ.get("PROGRESS_STORE") or default_url()
    folder = Path(url[len("sqlite:///"):]).parent if url.startswith("sqlite:///") \
        else Path(user_data_dir("couple-journeys"))
    return folder / f"alexa-device-{couple_key(couple)}.json"


def opened(path: str | None, stack: ExitStack) -> TextIO | None:
    if not path:
        return None
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return stack.enter_context(open(path, "w", encoding="utf-8"))


def rehearse(args: argparse.Namespace) -> int:
    out = sys.stdout
    locale = getattr(args, "locale", None) or "en-US"
    voice, why = (None, "") if args.silent and not args.wav_dir else Voice.open(language_of(locale))
    if why:
        out.write(why + "\n")
    live = voice is not None and not args.silent and not args.fast and sound_device() and not args.wav_dir
    if voice is not None and not args.silent and not live and not args.wav_dir and not args.fast:
        out.write("No sound device here: the rehearsal is text only (add --wav-dir DIR to hear it afterwards).\n")
    zone = laptop_zone()
    try:
        start = moment(args.at, zone)
    except ValueError:
        out.write(f"--at {args.at}: expected local time as YYYY-MM-DDTHH:MM, for example 2026-03-14T20:00\n")
        return 2
    try:
        store = open_store(args.store)
    except (StoreError, ValueError) as exc:
        out.write(f"Cannot open the progress store: {exc}\n")
        return 2
    library = load_library(args.journeys)
    if not library.journeys:
        out.write("No journeys found: check --journeys or JOURNEYS_DIR (python -m skill lint shows why).\n")
        return 2
    matcher = Matcher(library, locale)
    out.write(where_kept(args.store, matcher.said.reset_phrase))
    wav_dir = Path(args.wav_dir) if args.wav_dir and voice is not None else None
    if wav_dir is not None:
        wav_dir.mkdir(parents=True, exist_ok=True)
    ears = None if args.script else open_ears(args.listen, args.listen_from, args.keep_audio, locale, library, out)
    clock = ears if hasattr(ears, "wait_for_input") else RealClock()  # the microphone's ears wait for both
    settings = LocalAlexaApi(zone, out=out, keep=device_file(args.store, args.couple))  # Alexa's APIs, kept
    with ExitStack() as stack:
        stack.callback(settings.close)
        if hasattr(ears, "microphone"):
            stack.callback(ears.microphone.close)
        rehearsal = Rehearsal(
            invoker=Invoker(build_skill(library, store, skill_id="")), matcher=matcher,
            player=Player(out, clock, voice, fast=args.fast, live=live, ears=ears),
            device=device_for(args.couple, settings.endpoint, start, locale),
            out=out, voice=voice if wav_dir else None, wav_dir=wav_dir,
            transcript=opened(args.transcript, stack), fast=args.fast, echo=bool(args.script or ears), apis=settings,
        )
        if ears is not None:
            ears.rehearsal = rehearsal
            replies = ears.lines()
        else:
            replies = script_lines(args.script) if args.script else typed_lines(clock, rehearsal.listen_seconds)
        try:
            rehearsal.run(replies)
        except KeyboardInterrupt:
            out.write("\nGoodbye. Your place is saved.\n")
    if wav_dir is not None:
        out.write(f"{rehearsal.responses} responses written as WAVs to {wav_dir}\n")
    return 0
