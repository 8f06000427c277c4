"""The local stand-in for the Alexa service and device: what the couple types becomes a request envelope,
the same skill answers it, and the answer is played, exported and transcribed.

Listening works like an Echo: after a response the device waits for the couple; if they stay silent the
reprompt plays; if they stay silent again the session ends (SessionEndedRequest, EXCEEDED_MAX_REPROMPTS).
In a script, an empty line is that silence, and "@45 next" is said 45 s into the last response (a barge-in).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

from ..alexa.envelopes import Device
from ..alexa.invoke import Invoker
from ..speech.ssml import plain_text, read, seconds
from .matcher import LAUNCH, Matcher
from .player import Playback, Player, render_wav
from .reminders_api import LocalAlexaApi, permission_request
from .voice import Voice

LISTEN_SECONDS = 20.0  # how long the device waits for a typed answer before the reprompt
REPLY_SECONDS = 2  # saying a reply takes a moment, and Alexa stamps the request after it


@dataclass
class Rehearsal:
    invoker: Invoker
    matcher: Matcher
    player: Player
    device: Device
    out: TextIO
    voice: Voice | None = None
    wav_dir: Path | None = None
    transcript: TextIO | None = None
    fast: bool = False
    listen_seconds: float = LISTEN_SECONDS
    echo: bool = True  # print what the couple said (a script); typed lines are already on the screen
    apis: LocalAlexaApi | None = None  # the Alexa APIs' stand-in: the couple's answer to AskFor goes there
    seen: Callable[[dict[str, Any]], None] | None = None  # told every response envelope (the screens command)
    asked: str | None = field(default=None, init=False)  # the skill asked for permission (AskFor's token)
    responses: int = field(default=0, init=False)
    started: datetime | None = field(default=None, init=False)  # when the last response began playing
    last_reprompt: str = field(default="", init=False)

    def run(self, replies: Iterator[str | None]) -> None:
        """Open the skill, then answer with `replies` (None or "": the couple said nothing) until they run out."""
        pending = self.exchange(self.matcher.said.opening_phrase)
        reprompted = False
        while True:
            if pending is not None:
                said, pending = pending, None
            else:
                try:
                    said = next(replies)
                except StopIteration:
                    return
            said = self.barge_in(said)
            if self.asked is not None:  # Alexa's own question: may the skill set reminders?
                pending = self.consent(said or "")
                continue
            if said and said.strip():
                reprompted = False
                pending = self.exchange(said)
            elif self.device.session_id is None:
                continue  # silence with no session open: nothing listens
            elif not reprompted:
                reprompted = True
                pending = self.reprompt()
            else:
                reprompted = False
                self.out.write("  (still no answer: the session ends; your place is kept)\n")
                self.send("", self.device.session_ended("EXCEEDED_MAX_REPROMPTS"), {"intent": "SessionEndedRequest"})

    def barge_in(self, said: str | None) -> str | None:
        """A script line "@45 we need more time" is said 45 s into the last response, cutting it short (as
        typing during a countdown does live)."""
        m = re.match(r"^@(\d+(?:\.\d+)?)\s+(.*)$", said or "")
        if m is None or self.started is None:
            return said
        at = self.started + timedelta(seconds=float(m.group(1)))
        if at < self.device.now:
            self.device.now = at
            self.out.write(f"  (interrupting {float(m.group(1)):g} s into it)\n")
        return m.group(2)

    def reprompt(self) -> str | None:
        """The couple did not answer: Alexa asks again, briefly."""
        self.out.write("  (no answer: Alexa asks again)\n")
        playback = self.player.play(self.last_reprompt) if self.last_reprompt else Playback(0.0)
        self.device.wait(playback.elapsed + 8)
        return playback.interrupted_by

    def consent(self, said: str) -> str | None:
        """The couple answers Alexa's permission question; Alexa tells the skill (Connections.Response)."""
        intent = self.matcher.match(said).intent if said.strip() else ""
        status = {"AMAZON.YesIntent": "ACCEPTED", "AMAZON.NoIntent": "DENIED"}.get(intent, "NOT_ANSWERED")
        if self.apis is not None and status == "ACCEPTED":
            self.apis.granted = True
        if said and self.echo:
            self.out.write(f"\nYou: {said}\n")
        token, self.asked = self.asked or "", None
        return self.send(said, self.device.permission_answer(status, token),
                         {"intent": "Connections.Response", "slots": {"status": status}})

    def exchange(self, said: str) -> str | None:
        """One turn: match, send, play. Returns what the couple typed to interrupt the answer, if anything."""
        match = self.matcher.match(said, self.device.elicited)
        if match.intent == LAUNCH:
            envelope, intent = self.device.launch(), "LaunchRequest"
        else:
            envelope, intent = self.device.intent(match.intent, match.slots), match.intent
        if said and self.echo:
            self.out.write(f"\nYou: {said}\n")
        return self.send(said, envelope, {"intent": intent, "slots": match.slots})

    def send(self, said: str, envelope: dict[str, Any], heard: dict[str, Any]) -> str | None:
        started = self.started = self.device.now
        response = self.invoker.handle(envelope)
        if self.seen is not None:
            self.seen(response)
        self.device.heard(response)
        body = response.get("response", {})
        ssml = (body.get("outputSpeech") or {}).get("ssml", "")
        self.last_reprompt = ((body.get("reprompt") or {}).get("outputSpeech") or {}).get("ssml", "")
        end_session = body.get("shouldEndSession", True) is not False
        self._record(said, heard, ssml, end_session)
        self.asked = permission_request(response)
        if not ssml:
            return None
        playback = self.player.play(ssml)
        if playback.interrupted_by:
            heard_for = playback.elapsed
        else:  # heard to the end: the reply comes after the skill's own (rounded) estimate of the length
            heard_for = math.ceil(max(0.0 if self.fast else playback.elapsed, seconds(ssml))) + REPLY_SECONDS
        self.device.now = started + timedelta(seconds=heard_for)
        if self.asked is not None:
            self.out.write("  (Alexa asks: may Couple Journeys set reminders for you? Say yes or no.)\n")
        elif end_session and not playback.interrupted_by:
            self.out.write(f"  (the session has ended; type '{self.matcher.said.opening_phrase}' to start again)\n")
        return playback.interrupted_by

    def _record(self, said: str, heard: dict[str, Any], ssml: str, end_session: bool) -> None:
        self.responses += 1 if ssml else 0
        if self.wav_dir is not None and ssml and self.voice is not None:
            self.wav_dir.mkdir(parents=True, exist_ok=True)
            render_wav(ssml, self.voice, self.wav_dir / f"{self.responses:03d}.wav")
        if self.transcript is not None:
            pause = sum(p.seconds for p in read(ssml) if p.kind == "pause") if ssml else 0
            self.transcript.write(json.dumps({
                "user": said, "intent": heard.get("intent"), "slots": heard.get("slots", {}), "ssml": ssml,
                "text": plain_text(ssml), "pause_seconds": pause, "end_session": end_session,
            }, ensure_ascii=False) + "\n")
            self.transcript.flush()


def couple_key(couple: str) -> str:
    """The couple's name as it names their local account and files ("Sam & Alex" → "samalex")."""
    return "".join(ch for ch in couple.lower() if ch.isalnum()) or "local"


def device_for(couple: str, api_endpoint: str, now: datetime, locale: str = "en-US") -> Device:
    """A separate local account per couple name, so two couples on one laptop keep separate progress."""
    return Device(user_id=f"amzn1.ask.account.rehearsal-{couple_key(couple)}", now=now, api_endpoint=api_endpoint,
                  api_token="rehearsal", locale=locale)
