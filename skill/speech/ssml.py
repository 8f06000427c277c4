"""Speech plans → Alexa SSML, within the platform's limits (the shared PLATFORM.md lists them).

Silences longer than Alexa's 10-second break are chained breaks; chimes come from Alexa's sound library
(nothing to host). `check` enforces every limit and is run on every response the skill sends.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from xml.etree import ElementTree

from .pace import seconds_to_say
from .plan import CHIME_SECONDS, Chime, Pause, Plan, Say

MAX_SSML_CHARS = 8000
MAX_BREAK_SECONDS = 10
MAX_AUDIO_TAGS = 5
MAX_AUDIO_SECONDS = 240
MAX_REPROMPT_AUDIO_SECONDS = 90
MAX_RESPONSE_BYTES = 24 * 1024

CHIMES = {
    "start": "soundbank://soundlibrary/musical/amzn_sfx_bell_short_chime_01",
    "end": "soundbank://soundlibrary/musical/amzn_sfx_bell_timer_01",
}
AUDIO_SECONDS = {CHIMES[kind]: seconds for kind, seconds in CHIME_SECONDS.items()}
SUPPORTED_TAGS = {"speak", "p", "s", "break", "emphasis", "prosody", "say-as", "sub", "w", "phoneme", "lang",
                  "voice", "audio", "amazon:domain", "amazon:effect", "amazon:emotion"}
_BREAK = re.compile(r"^(\d+(?:\.\d+)?)(ms|s)$")
_AUDIO_SRC = re.compile(r'<audio src="([^"]*)"')
_RATE = re.compile(r"^(\d{1,3})%$")
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


def escape(text: str) -> str:
    """XML text escaping (xml.sax.saxutils would import urllib and ssl: 50 ms of cold start). Characters
    XML cannot hold (control characters, U+FFFE/U+FFFF, lone surrogates) are dropped: unsaid, not invalid."""
    if not text.isprintable():
        text = _NOT_XML.sub("", text)
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class InvalidSsml(ValueError):
    """A response would break Alexa's rules: the device would say "there was a problem"."""


def breaks(seconds: int) -> str:
    """A silence of any length as chained breaks of at most 10 s each."""
    full, rest = divmod(int(seconds), MAX_BREAK_SECONDS)
    out = f'<break time="{MAX_BREAK_SECONDS}s"/>' * full
    return out + (f'<break time="{rest}s"/>' if rest else "")


def render_items(plan: Plan) -> str:
    parts: list[str] = []
    for item in plan.items:
        if isinstance(item, Say):
            parts.append(f"<p>{paced(escape(item.text), plan.rate)}</p>")
        elif isinstance(item, Pause):
            parts.append(breaks(item.seconds))
        elif isinstance(item, Chime):
            parts.append(f'<audio src="{CHIMES[item.kind]}"/>')
    return "<speak>" + "".join(parts) + "</speak>"


def paced(text: str, rate: int) -> str:
    """Words at the couple's pace: wrapped in <prosody rate> unless it is the voice's own."""
    return text if rate == 100 else f'<prosody rate="{rate}%">{text}</prosody>'


def render(plan: Plan) -> tuple[str, str | None]:
    """(speech SSML, reprompt SSML or None), within the limits.

    The SSML is built only from escaped text and the tags above, so it is well-formed by construction;
    what a journey's content can push past a limit (length, audio) is checked on every response. The
    tests run the full `check`, XML parse included, on every response they see."""
    speech = limits(render_items(plan))
    reprompt = f"<speak>{paced(escape(plan.reprompt), plan.rate)}</speak>" if plan.reprompt else None  # no audio
    if reprompt is not None and len(reprompt) > MAX_SSML_CHARS:
        raise InvalidSsml(f"reprompt of {len(reprompt)} characters")
    return speech, reprompt


def with_notice(ssml: str, notice: str) -> str:
    """The same speech with a short sentence first (an apology when the store failed)."""
    return limits(ssml.replace("<speak>", f"<speak><p>{escape(notice)}</p>", 1))


def limits(ssml: str) -> str:
    """The limits a long journey could break, checked without parsing: length and audio."""
    if len(ssml) > MAX_SSML_CHARS:
        raise InvalidSsml(f"{len(ssml)} characters of SSML; Alexa allows {MAX_SSML_CHARS}")
    sources = _AUDIO_SRC.findall(ssml)
    if len(sources) > MAX_AUDIO_TAGS:
        raise InvalidSsml(f"{len(sources)} audio tags; Alexa allows {MAX_AUDIO_TAGS}")
    if sum(AUDIO_SECONDS.get(src, MAX_AUDIO_SECONDS) for src in sources) > MAX_AUDIO_SECONDS:
        raise InvalidSsml(f"more than {MAX_AUDIO_SECONDS} s of audio")
    return ssml


def check(ssml: str, reprompt: bool = False) -> str:
    """Raise InvalidSsml unless `ssml` is well-formed Alexa SSML within every limit; return it."""
    if len(ssml) > MAX_SSML_CHARS:
        raise InvalidSsml(f"{len(ssml)} characters of SSML; Alexa allows {MAX_SSML_CHARS}")
    try:
        root = ElementTree.fromstring(ssml.replace("amazon:", "amazon_"))
    except ElementTree.ParseError as exc:
        raise InvalidSsml(f"not well-formed: {exc}") from exc
    if root.tag != "speak":
        raise InvalidSsml("SSML must be one <speak> element")
    audio_tags, audio_seconds = 0, 0.0
    for el in root.iter():
        tag = el.tag.replace("amazon_", "amazon:")
        if tag not in SUPPORTED_TAGS:
            raise InvalidSsml(f"<{tag}> is not an Alexa SSML tag")
        if tag == "break":
            m = _BREAK.match(el.get("time", ""))
            if not m:
                raise InvalidSsml(f"break time {el.get('time')!r} is not like 10s or 500ms")
            seconds = float(m.group(1)) / (1000 if m.group(2) == "ms" else 1)
            if seconds > MAX_BREAK_SECONDS:
                raise InvalidSsml(f"a break of {seconds:g} s; Alexa allows {MAX_BREAK_SECONDS} s")
        if tag == "audio":
            audio_tags += 1
            src = el.get("src", "")
            if not (src.startswith("https://") or src.startswith("soundbank://")):
                raise InvalidSsml(f"audio must be https or soundbank, not {src!r}")
            audio_seconds += AUDIO_SECONDS.get(src, MAX_AUDIO_SECONDS)
    if audio_tags > MAX_AUDIO_TAGS:
        raise InvalidSsml(f"{audio_tags} audio tags; Alexa allows {MAX_AUDIO_TAGS}")
    limit = MAX_REPROMPT_AUDIO_SECONDS if reprompt else MAX_AUDIO_SECONDS
    if audio_seconds > limit:
        raise InvalidSsml(f"{audio_seconds:g} s of audio; Alexa allows {limit} s here")
    return ssml


class Piece(NamedTuple):
    """One thing SSML does, in order: say text, pause, or ring a chime (`text` names its kind)."""

    kind: str  # "say" | "pause" | "chime"
    text: str = ""
    seconds: float = 0.0
    pace: int = 100  # said at this pace (<prosody rate="90%">), percent


_KIND_OF = {src: kind for kind, src in CHIMES.items()}


def read(ssml: str) -> list[Piece]:
    """SSML → what it does, in order; consecutive breaks are one pause. The one reader of our SSML: the
    rehearsal plays it, and its length and words are read from it."""
    if not ssml.strip():
        return []  # no speech at all (a response that only ends the session)
    root = ElementTree.fromstring(ssml.replace("amazon:", "amazon_"))
    out: list[Piece] = []

    def add(piece: Piece) -> None:
        if piece.kind == "pause" and out and out[-1].kind == "pause":
            out[-1] = Piece("pause", seconds=out[-1].seconds + piece.seconds)
        else:
            out.append(piece)

    def walk(el) -> None:
        if el.tag == "break":
            m = _BREAK.match(el.get("time", "0s"))
            add(Piece("pause", seconds=float(m.group(1)) / (1000 if m.group(2) == "ms" else 1) if m else 0.0))
        elif el.tag == "audio":
            add(Piece("chime", text=_KIND_OF.get(el.get("src", ""), "start")))
        elif el.tag in ("p", "s"):
            text = " ".join("".join(el.itertext()).split())
            paced = el.find(".//prosody")
            rate = _RATE.match(paced.get("rate", "") if paced is not None else "")
            if text:
                add(Piece("say", text, pace=int(rate.group(1)) if rate else 100))
        else:
            if (el.text or "").strip():
                add(Piece("say", " ".join(el.text.split())))
            for child in el:
                walk(child)
                if child.tail and child.tail.strip():
                    add(Piece("say", " ".join(child.tail.split())))

    walk(root)
    return out


def seconds(ssml: str) -> float:
    """How long SSML takes to play: words at the speaking rate (and the couple's pace), breaks, and the sound
    library's chimes."""
    return sum(seconds_to_say(p.text) * 100 / p.pace if p.kind == "say" else
               CHIME_SECONDS.get(p.text, 0.0) if p.kind == "chime" else p.seconds for p in read(ssml))


def plain_text(ssml: str) -> str:
    """The words of SSML, paragraphs separated by a space."""
    return " ".join(p.text for p in read(ssml) if p.kind == "say")
