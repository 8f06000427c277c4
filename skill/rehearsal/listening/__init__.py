"""A rehearsal that listens (`rehearse --listen`, `--listen-from DIR`): offline, in memory, English only.

AudioSource (microphone | WAV files) → speech detection → recogniser with the moment's grammar → the same
utterance → request path the typed rehearsal uses (ears.py).
"""

from __future__ import annotations

import wave
from pathlib import Path
from typing import TextIO

from ...journeys import Library
from ...language import language_of

PRIVACY = ("Listening offline: what you say is recognised on this laptop, kept in memory only until it is "
           "recognised, and never sent anywhere{kept}. Typing works too.\n")
WAKE_HINT = "During a turn or a discussion, say \"{wake}, next\" (or another command) to move on.\n"


def open_ears(listen: bool, listen_from: str | None, keep_audio: str | None, locale: str, library: Library,
              out: TextIO):
    """The ears for this rehearsal, or None (typing) with one line saying why."""
    if not listen and not listen_from:
        return None
    if language_of(locale) != "en":
        out.write(f"Listening is English only: no offline {locale} speech model ships with pocketsphinx, "
                  "so this rehearsal reads typed lines.\n")
        return None
    try:
        from .recogniser import Recogniser
        recogniser = Recogniser(library, locale)
    except ImportError:
        out.write("Listening needs pocketsphinx (make setup installs it); this rehearsal reads typed lines.\n")
        return None
    from .audio import Microphone, Unreadable, WavFolder
    from .ears import FromFiles, FromMicrophone

    keep_dir = Path(keep_audio) if keep_audio else None
    kept = f" (except --keep-audio: what was heard is written to {keep_dir})" if keep_dir else ""
    if listen_from:
        folder = Path(listen_from)
        if not folder.is_dir():
            out.write(f"--listen-from {listen_from}: no such folder; this rehearsal reads typed lines.\n")
            return None
        try:
            files = WavFolder(folder)
        except (Unreadable, OSError, EOFError, wave.Error) as exc:
            out.write(f"--listen-from {listen_from}: {exc}; this rehearsal reads typed lines.\n")
            return None
        out.write(PRIVACY.format(kept=kept))
        return FromFiles(files, recogniser, out, locale, keep_dir)
    try:
        microphone = Microphone()
    except OSError as exc:
        out.write(f"Cannot listen: {exc}. This rehearsal reads typed lines.\n")
        return None
    out.write(PRIVACY.format(kept=kept) + WAKE_HINT.format(wake=recogniser.grammars.wake_phrase.title()))
    return FromMicrophone(microphone, recogniser, out, locale, keep_dir)
