"""The listening rehearsal's ears: each time the skill listens, what the couple said becomes the words the
typed rehearsal would have received — a phrase of the moment's grammar, silence (None), or NOT_UNDERSTOOD.
From there the utterance → request path is the typed one; nothing below knows audio existed.

Names are said back before they are used ("I heard Sam and Alex. Is that right?"): a misheard name would
be spoken every evening. During a timed silence (a partner's turn, a discussion) only the wake phrase and a
command count ("Journeys, next"); everything else is the couple talking to each other.
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TextIO
from xml.sax.saxutils import escape

from ...alexa.persistence import KEY
from ...language import catalog
from ...session.state import Phase
from ..player import RealClock
from .audio import Microphone, WavFolder, keep, speech_in
from .grammar import PERMISSION, WAKE
from .recogniser import Recogniser

if TYPE_CHECKING:
    from ..emulator import Rehearsal

NOT_UNDERSTOOD = "…"  # speech that is none of the phrases: words the matcher cannot place, so FallbackIntent
REPROMPT_SECONDS = 8.0  # as on an Echo: the silence before the reprompt
NAME_INTENTS = ("SetNamesIntent", "NamesIntent")


class Ears:
    """What both ways of listening share: the moment's grammar, recognition, saying names back."""

    def __init__(self, recogniser: Recogniser, out: TextIO, locale: str, keep_dir: Path | None = None):
        self.recogniser, self.out, self.keep_dir = recogniser, out, keep_dir
        self.text = catalog(locale)
        self.rehearsal: Rehearsal | None = None
        self.heard = 0  # utterances recognised so far (numbers the --keep-audio files)
        self.window: str | None = None  # the phase of the timed silence being played, if one is

    def moment(self) -> str:
        """The grammar for now: Alexa's permission question, no session (opening), or the session's phase."""
        r = self.rehearsal
        if r is None or r.device.session_id is None:
            return Phase.CLOSED.value
        if r.asked is not None:
            return PERMISSION
        raw = r.device.attributes.get(KEY)
        phase = json.loads(raw).get("conversation", {}).get("phase") if isinstance(raw, str) else None
        phase = phase if phase in Phase._value2member_map_ else Phase.CLOSED.value
        return f"{phase}+{'.'.join(r.device.elicited)}" if r.device.elicited else phase

    def understand(self, pcm: bytes, grammar: str) -> str | None:
        """The phrase `pcm` is in `grammar`, or None; kept on disk only with --keep-audio."""
        self.heard += 1
        keep(self.keep_dir, self.heard, grammar, pcm)
        return self.recogniser.hear(pcm, grammar)

    def command(self, pcm: bytes) -> str | None:
        """In a timed silence: the command after the wake phrase, or None (the couple's own talk)."""
        said = self.understand(pcm, f"{WAKE}:{self.window}")
        if said is None:
            return None
        command = said.removeprefix(self.recogniser.grammars.wake_phrase).strip()
        self.out.write(f"  (heard: {self.recogniser.grammars.wake_phrase}, {command})\n")
        return command

    def lines(self) -> Iterator[str | None]:
        """What the couple says each time the skill listens (None: silence), names confirmed first."""
        while not self.finished():
            said = self.listen(self.moment())
            if said and said != NOT_UNDERSTOOD and not self.names_confirmed(said):
                continue
            yield said

    def names_confirmed(self, said: str) -> bool:
        """Names heard are said back; only a yes lets them through (anything else: say them again)."""
        assert self.rehearsal is not None
        match = self.rehearsal.matcher.match(said, self.rehearsal.device.elicited)
        names = [v for k, v in sorted(match.slots.items()) if v] if match.intent in NAME_INTENTS else []
        if not names:
            return True
        self.rehearsal.player.play(f"<speak>{escape(self.text('listening.heard_names', names=self.text.join(names)))}"
                                   "</speak>")
        answer = self.listen(PERMISSION)
        if answer and self.rehearsal.matcher.match(answer).intent == "AMAZON.YesIntent":
            return True
        self.rehearsal.player.play(f"<speak>{escape(self.text('listening.names_again'))}</speak>")
        return False

    def announce(self, said: str | None) -> str | None:
        if said is not None:
            self.out.write(f"  (heard: {said if said != NOT_UNDERSTOOD else 'nothing it knows'})\n")
        return said

    def listen(self, grammar: str) -> str | None:
        raise NotImplementedError

    def finished(self) -> bool:
        return False

    def window_opens(self, seconds: float) -> str | None:
        """A timed silence begins (the player calls this): a command heard in it, if one already was."""
        self.window = self.moment().partition("+")[0]
        return None

    def window_closes(self) -> None:
        self.window = None


class FromFiles(Ears):
    """--listen-from DIR: one file each time the skill listens, a timed silence included."""

    def __init__(self, folder: WavFolder, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.folder = folder

    def finished(self) -> bool:
        return self.folder.exhausted

    def listen(self, grammar: str) -> str | None:
        name, pcm = self.folder.take()
        self.out.write(f"  (listening: {name})\n")
        spoken = b"".join(speech_in(pcm)) if pcm else b""
        if not spoken:
            return None
        return self.announce(self.understand(spoken, grammar) or NOT_UNDERSTOOD)

    def window_opens(self, seconds: float) -> str | None:
        super().window_opens(seconds)
        if self.folder.exhausted:
            return None
        name, pcm = self.folder.take()
        self.out.write(f"  (listening during the silence: {name})\n")
        for utterance in speech_in(pcm or b""):
            command = self.command(utterance)
            if command:
                return command
        return None


class FromMicrophone(Ears):
    """The microphone, and the keyboard at the same time: the rehearsal's clock waits for either.

    While the skill speaks nobody listens (a laptop hears its own voice): an utterance that began before
    the current wait, with a gap since the last one, is dropped."""

    def __init__(self, microphone: Microphone, *args, stream: TextIO = sys.stdin, **kwargs):
        super().__init__(*args, **kwargs)
        self.microphone, self.keyboard = microphone, RealClock(stream)
        self._since = 0.0  # utterances that began before this moment were not listened to
        self._left = 0.0  # when the last wait ended

    def now(self) -> float:
        return time.monotonic()

    def listen(self, grammar: str) -> str | None:
        return self.wait_for_input(REPROMPT_SECONDS)

    def wait_for_input(self, seconds: float) -> str | None:
        """A typed line, or what was said, within `seconds`; None when nothing came."""
        start = time.monotonic()
        if start - self._left > 0.5:
            self._since = start
        try:
            while time.monotonic() - start < seconds:
                typed = self._typed()
                if typed is not None:
                    return typed
                heard = self._said()
                if heard is not None:
                    return heard
            return None
        finally:
            self._left = time.monotonic()

    def _said(self) -> str | None:
        while not self.microphone.utterances.empty():
            utterance = self.microphone.utterances.get_nowait()
            if utterance.started < self._since:
                continue
            if self.window is not None:
                command = self.command(utterance.pcm)
                if command:
                    return command
                continue
            return self.announce(self.understand(utterance.pcm, self.moment()) or NOT_UNDERSTOOD)
        return None

    def _typed(self, seconds: float = 0.05) -> str | None:
        if self.keyboard.ended:  # the keyboard is closed (a pipe, Ctrl-D): the microphone still listens
            time.sleep(seconds)
            return None
        return self.keyboard.wait_for_input(seconds)
