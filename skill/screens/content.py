"""What a response shows on an Echo Show: the data for the one document (skill/screens/document.py).

A guided response shows one entry per segment of its timeline (`Plan.entries`, the same timeline barge-ins
read): each partner's turn with their name, each question, the check-in, and during the lesson the
part being read. Other responses show their moment: the welcome, an offer, the check-in, the day's
summary with the reminder offer, a welcome back, and on "how are we doing" the week's check-ins and
their average as a chart, with the streak. Buttons are the words the device listens for at the end of the response.
Every word comes from the catalog or the journey.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from ..journeys import Journey, Library
from ..language import Catalog
from ..progress.evenings import RECENT_DAYS
from ..progress.record import Progress
from ..session import events as ev
from ..session.script import ACTIVITY, CHECKIN, LEARN, QUESTION, TURN, Segment, day_script
from ..session.state import Phase, State
from ..speech.plan import Entry, Plan

FOREVER = 100000  # the last entry stays up until the next response replaces the screen
OPENING_WORDS = 14  # a lesson part is shown by its opening words while it is read
LONG = 90  # characters: a longer line is shown at the lesson's size

# the buttons while the device listens in a phase: (label id, the intent the word stands for, its slot)
_YES_NO = (("yes", "AMAZON.YesIntent", ""), ("no", "AMAZON.NoIntent", ""))
_GUIDED = (("next", "AMAZON.NextIntent", ""), ("repeat", "AMAZON.RepeatIntent", ""),
           ("pause", "AMAZON.PauseIntent", ""))
_BUTTONS: dict[Phase, tuple[tuple[str, str, str], ...]] = {
    Phase.OFFER: _YES_NO, Phase.NEXT_JOURNEY: _YES_NO, Phase.CONFIRM_NAMES: _YES_NO,
    Phase.CONFIRM_RESET: _YES_NO, Phase.REMINDER_OFFER: _YES_NO,
    Phase.REVISIT: (("go_on", "AMAZON.YesIntent", ""), ("revisit", "AMAZON.StartOverIntent", "")),
    Phase.CONTENT_NOTE: (("yes", "AMAZON.YesIntent", ""), ("skip", "SkipLessonIntent", "")),
    Phase.RETURNING: (("pick_up", "AMAZON.YesIntent", ""), ("start_over", "AMAZON.StartOverIntent", "")),
    Phase.LEARNING: _GUIDED, Phase.TURNS: _GUIDED, Phase.REFLECTION: _GUIDED,
    Phase.CHECK_IN: tuple((str(n), "CheckInIntent", str(n)) for n in range(1, 6)),
}


def screen(state: State, event: ev.Event, plan: Plan, library: Library, t: Catalog, today: date) -> dict[str, Any]:
    """The data sources of the screen for this response."""
    progress, phase = state.progress, state.conversation.phase
    journey = library.get(progress.position.journey_id if progress.position else progress.journey_id)
    data: dict[str, Any] = {"phase": phase.value, "title": journey.title if journey else t("screen.skill"),
                            "subtitle": "",
                            "entries": [],
                            "buttons": [button(t, *b) for b in _BUTTONS.get(phase, ())]}
    timeline, _ = plan.entries()
    if isinstance(event, ev.HowAreWeDoing):
        data["chart"] = chart(progress, t, today)
        data["entries"] = [_entry(0, FOREVER, t("screen.how_we_are_doing"),
                                  text=_days_done(t, progress.completed_count()))]
    elif timeline and journey is not None and progress.position is not None:
        day = journey.day(progress.position.day)
        if day is not None:
            data["subtitle"] = _day_label(t, day.number, day.title)
            data["entries"] = _day_entries(timeline, day_script(day), progress, t, len(day.questions),
                                           state.conversation.swap)
            if phase == Phase.CHECK_IN:
                _ask_check_in(data["entries"], timeline[-1], t)
    if not data["entries"]:
        data["entries"] = [_moment(state, phase, plan, journey, t, today)]
    if any(e.get("secs") for e in data["entries"]):
        data["words"] = {"ready": t("screen.get_ready"), "timesUp": t("screen.times_up")}
    return {"screen": data}


def button(t: Catalog, label: str, intent: str, score: str) -> dict[str, Any]:
    """A button: its label, and what a tap sends (the arguments of SendEvent: intent, slot, value)."""
    return {"label": label if label.isdigit() else t(f"screen.button.{label}"),
            "arguments": [intent, "score", score] if score else [intent]}


def _entry(start: float, until: float, heading: str, who: str = "", text: str = "", kind: str = "info",
           bell: float = 0, seconds: int = 0) -> dict[str, Any]:
    """One entry: shown from `at` to `to`; a timed one counts `secs` down from its `bell`; `z` is the text's
    size in vh (a turn's sentence large, a long line at the lesson's size). Empty fields are left out."""
    z = 5.6 if kind == "reading" or len(text) > LONG else 9 if kind == "turn" else 6.4
    entry = {"at": round(start, 1), "to": round(until, 1), "head": heading, "who": who, "text": text,
             "kind": kind, "z": z, "bell": round(bell, 1), "secs": seconds}
    return {k: v for k, v in entry.items() if v or k in ("at", "to")}


def _day_label(t: Catalog, number: int, title: str) -> str:
    return t("screen.day", number=number, title=title) if title else t("screen.day_untitled", number=number)


def _day_entries(timeline: list[Entry], script: Any, progress: Progress, t: Catalog, questions: int,
                 swap: int = -1) -> list[dict]:
    """`swap`: the sentence whose turns go in the other order (someone asked to go first)."""
    shown: list[dict[str, Any]] = []
    names = progress.names if len(progress.names) == 2 and all(progress.names) else []
    for i, e in enumerate(timeline):
        until = timeline[i + 1].start if i + 1 < len(timeline) else FOREVER
        start = 0 if i == 0 else e.start
        seg: Segment | None = script.find(e.segment)
        if seg is None:
            continue
        if seg.kind == LEARN:  # the part being read, by its opening words (the speech has the whole text)
            parts = sum(1 for other in script.segments if other.kind == LEARN)
            heading = t("screen.lesson_part", number=int(seg.key.split(".")[1]) + 1, total=parts) \
                if parts > 1 else t("screen.lesson")
            shown.append(_entry(start, until, heading, text=_opening(seg.paragraphs), kind="reading"))
        elif seg.kind == TURN:
            who = t("screen.turn", name=names[seg.partner ^ (swap == seg.prompt_index)]) if names else \
                t("screen.turn_second" if seg.second else "screen.turn_first")
            heading = t("screen.sentence", number=seg.prompt_index + 1, total=script.prompts)
            shown.append(_entry(start, until, heading, who, seg.prompt.text, "turn", e.bell or 0, e.silence))
        elif seg.kind == QUESTION:
            heading = t("screen.question", number=seg.question_index + 1, total=questions)
            shown.append(_entry(start, until, heading, t("screen.talk"), seg.question.text, "question",
                                e.bell or 0, e.silence))
        elif seg.kind == ACTIVITY:  # an activity in prose: its opening words, and its time when it is timed
            shown.append(_entry(start, until, t("screen.activity"), text=_opening(script.day.activity.instructions),
                                kind="reading", bell=e.bell or 0, seconds=e.silence))
        elif seg.kind == CHECKIN:
            shown.append(_entry(start, until, t("screen.checkin"), text=t("checkin.again")))
    return shown


def _ask_check_in(shown: list[dict[str, Any]], last: Entry, t: Catalog) -> None:
    """The check-in asked at the end of a response (after the last question's bell): its own screen from
    the moment the question is said."""
    if not shown or shown[-1]["kind"] == "info" or not last.spoken:
        return
    asked_at = last.spoken[-1][0]
    if last.bell is not None and asked_at < last.bell:
        return
    shown[-1]["to"] = round(asked_at, 1)
    shown.append(_entry(asked_at, FOREVER, t("screen.checkin"), text=t("checkin.again")))


def _opening(paragraphs: tuple[str, ...]) -> str:
    """How a lesson part begins: its first sentences up to OPENING_WORDS words (a short lead such as "For
    example:" or a heading takes the next sentence with it), cut with "…" when longer."""
    sentences = [x for p in paragraphs[:2] for x in re.split(r"(?<=[.!?…:])\s+", p.strip()) if x]
    words: list[str] = []
    for sentence in sentences:
        words += sentence.split()
        if len(words) >= 8:
            break
    return " ".join(words) if len(words) <= OPENING_WORDS else " ".join(words[:OPENING_WORDS]) + "…"


def _days_done(t: Catalog, n: int) -> str:
    return t(f"screen.days_done.{'one' if n == 1 else 'other'}", n=n)  # digits: read at a glance


def _said_first(plan: Plan) -> str:
    return next((i.text for i in plan.items if getattr(i, "text", "")), "")


def _moment(state: State, phase: Phase, plan: Plan, journey: Journey | None, t: Catalog, today: date) -> dict:
    """A response outside the day's timeline: its heading by phase, and what it asks."""
    c, progress = state.conversation, state.progress
    asked = c.ask or _said_first(plan)
    if phase == Phase.REMINDER_OFFER:
        done = progress.last_completion()
        heading = t("screen.day_complete", number=done.day) if done else t("screen.skill")
        streak = progress.streak(today)
        who = t("screen.streak", n=streak) if streak > 1 else ""
        return _entry(0, FOREVER, heading, who, asked)
    if phase == Phase.CLOSED:
        return _entry(0, FOREVER, t("screen.good_night"), text=_said_first(plan))
    heading_id = f"screen.heading.{phase.value}"
    heading = t(heading_id) if t.has(heading_id) else (journey.title if journey else t("screen.skill"))
    who = t.join([n for n in progress.names if n]) if any(progress.names) else ""
    return _entry(0, FOREVER, heading, who if phase in (Phase.OFFER, Phase.RETURNING, Phase.REVISIT) else "",
                  asked)


def chart(progress: Progress, t: Catalog, today: date) -> dict[str, str]:
    """The check-ins (1–5) the record keeps one by one — the latest week's — as bars in a 100×50 box, one
    slot a day, and the average of every check-in as a line across; the streak."""
    first = today - timedelta(days=RECENT_DAYS - 1)
    slot = 100 / RECENT_DAYS
    bars = []
    for c in progress.recent():
        try:
            on = date.fromisoformat(c.on)
        except ValueError:
            continue
        if c.checkin is None or not first <= on <= today:
            continue
        x, h = (on - first).days * slot + slot * 0.2, c.checkin * 9.6
        bars.append(f"M{x:.1f},50 v{-h:.1f} h{slot * 0.6:.1f} v{h:.1f} z")
    grid = " ".join(f"M0,{50 - n * 9.6:.1f} H100" for n in range(1, 6))
    average = progress.average_checkin()
    streak = progress.streak(today)
    return {"bars": " ".join(bars) or "M0,50 h0", "grid": grid,
            "average": f"M0,{50 - average * 9.6:.1f} H100" if average else "M0,50 h0",
            "streak": t("screen.streak", n=streak) if streak > 1 else t("screen.no_streak"),
            "caption": t("screen.chart_caption")}
