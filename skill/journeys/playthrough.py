"""Lint's run-time check: every day of a journey played through the real session machine, in every
language catalog it is offered in, and every response checked as the skill checks it — the full SSML
check (length, tags, audio, well-formed), the response size, and the session and progress record
carrying the couple's place through a round trip. What would fail is reported at the line of the text
that makes it fail, so no journey that passes lint can break a couple's evening.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from ..alexa.interaction_model import LOCALES
from ..alexa.session_state import clean_conversation, session_view
from ..language import catalog, language_of
from ..progress.record import MAX_NAME_CHARS, Position, Progress
from ..session import events as ev
from ..session.machine import Outcome, Phase, State, advance
from ..session.script import day_script
from ..speech.plan import Say
from ..speech.ssml import MAX_RESPONSE_BYTES, InvalidSsml, check, render
from .library import Library
from .model import Day, Journey

NAMES = ["W" * MAX_NAME_CHARS] * 2  # the longest names a couple can have: the longest replies
ANSWERS = {Phase.NAMES: ev.SetNames(*NAMES), Phase.CHECK_IN: ev.CheckIn(5), Phase.REMINDER_OFFER: ev.No()}
ASKED = (Phase.OFFER, Phase.CONTENT_NOTE, Phase.RETURNING, Phase.REVISIT, Phase.NEXT_JOURNEY, Phase.CONFIRM_NAMES)
# what a couple may say at any point of the day, besides going on: each reply is checked, not followed
PROBES = (ev.Repeat(), ev.Previous(), ev.Help(), ev.No(), ev.Stop(), ev.PauseSession(), ev.HowAreWeDoing(),
          ev.Skip("lesson"), ev.Skip("question"), ev.ReadLessonAgain())
MAX_STEPS = 400
TONIGHT = datetime(2026, 11, 22, 20, 0, tzinfo=UTC)


def playthrough(journey: Journey, lines: dict[str, int]) -> list[tuple[int, str]]:
    """(line, problem) for each text of `journey` that makes a response fail; `lines` gives the lines of
    its front matter keys (title, description, …)."""
    sources = _sources(journey, lines)
    found: dict[int, str] = {}
    offered = [locale for locale in LOCALES if language_of(locale) == journey.language]
    # locales that share one catalog say the same words: each catalog is played once
    catalogs = {id(catalog(locale)): locale for locale in reversed(offered)}
    library = Library((journey,))
    for locale in catalogs.values():
        for day in journey.days:
            for start in _starts(journey, day):
                for where, problem, said in _play(start, library, locale):
                    line = _culprit(said, sources, default=day.line)
                    found.setdefault(line, f"Day {day.number}, {where} ({locale}): {problem}")
    return sorted(found.items())


def _starts(journey: Journey, day: Day) -> list[State]:
    """The ways an evening with this day begins: the day offered, the day already done tonight (revisit),
    and a return days later to the middle of it."""
    script = day_script(day)
    offered = Progress(names=list(NAMES), journey_id=journey.id,
                       position=Position(journey.id, day.number, script.first))
    done = offered.copy()
    done.complete(journey.id, day.number, TONIGHT.date(), 5)
    middle = offered.copy()
    middle.position = Position(journey.id, day.number, script.segments[len(script.segments) // 2].key)
    middle.updated = (TONIGHT - timedelta(days=3)).isoformat()
    return [State(offered), State(done), State(middle)]


def _play(state: State, library: Library, locale: str):
    """Walk from the launch to the close, probing every state; yields (where, problem, text said)."""
    now, event = TONIGHT, ev.Launch()
    for _ in range(MAX_STEPS):
        for probe in PROBES:
            yield from _checked(advance(state, probe, library, now, locale), state, probe)
        outcome = advance(state, event, library, now, locale)
        yield from _checked(outcome, state, event)
        state = outcome.state
        phase = state.conversation.phase
        if phase == Phase.CLOSED:
            return
        event = ANSWERS.get(phase) or (ev.Yes() if phase in ASKED else ev.Next())
        now += timedelta(seconds=state.conversation.length + 2)


def _checked(outcome: Outcome, before: State, event: ev.Event):
    where = f"'{event.name}' in {before.conversation.phase.value}"
    said = " ".join(item.text for item in outcome.plan.items if isinstance(item, Say))
    try:
        speech, reprompt = render(outcome.plan) if outcome.plan.items else ("", None)
        if speech:
            check(speech)
        if reprompt:
            check(reprompt, reprompt=True)
    except InvalidSsml as exc:
        yield where, f"the reply would break on Alexa: {exc}", said
        return
    view, partial = session_view(outcome.state.progress)
    conversation = outcome.state.conversation.to_dict()
    session = json.dumps({"progress": view, "partial": partial, "conversation": conversation},
                         separators=(",", ":"))
    if len(session) + len(speech) + len(reprompt or "") > MAX_RESPONSE_BYTES - 2048:
        yield where, f"the reply and its session would be over Alexa's {MAX_RESPONSE_BYTES // 1024} kB", said
    progress = outcome.state.progress
    back = Progress.from_dict(json.loads(json.dumps(progress.to_dict())))
    if (back.journey_id, back.position) != (progress.journey_id, progress.position):
        yield where, "the progress record would not keep the couple's place", said
    if clean_conversation(json.loads(session)["conversation"]) != outcome.state.conversation:
        yield where, "the session would not carry the conversation to the next reply", said


def _sources(journey: Journey, lines: dict[str, int]) -> list[tuple[int, str]]:
    """Every text of the journey with the line it is written on."""
    out = [(lines.get(key, 1), value) for key, value in
           (("title", journey.title), ("description", journey.description), ("duration", journey.duration),
            ("category", journey.category))]
    notes = (journey.meta or {}).get("content_notes")
    if isinstance(notes, dict):
        out += [(lines.get("content_notes", 1), str(note)) for note in notes.values()]
    for day in journey.days:
        a = day.activity
        out += [(day.line, t) for t in (day.title, *day.learning, day.why_title, *day.why)]
        out += [(a.line, t) for t in (*a.instructions, *a.closing)]
        out += [(p.line, p.text) for p in a.prompts] + [(q.line, q.text) for q in day.questions]
    return [(line, text.strip()) for line, text in out if text.strip()]


def _culprit(said: str, sources: list[tuple[int, str]], default: int) -> int:
    """The line of the longest journey text in the failing reply (its likely cause)."""
    inside = [(len(text), line) for line, text in sources if text in said]
    return max(inside)[1] if inside else default
