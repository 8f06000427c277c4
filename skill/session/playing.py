"""The evening's choreography: tonight's plan, which part of a day plays next and how it sounds, what is
offered on opening, and how a day closes. Rules call these; every word comes from the catalog."""

import re
from functools import cache

from ..journeys import Day, Journey
from ..language.catalog import in_order, of_language
from ..progress.record import Position
from ..progress.turn_length import DEFAULT_DISCUSSION_SECONDS
from ..speech.pace import seconds_to_say
from ..speech.plan import Chime, Mark, Pause, Plan, PlanBuilder
from .script import ACTIVITY, CHECKIN, LEARN, QUESTION, TURN, DayScript, Segment, day_script
from .state import Phase
from .step import Step

_LEADS_TO_LIST = re.compile(r":\s*$")
TIMED_ACTIVITY_MINUTES = 3  # a prose activity this short is timed with bells; a longer one, they come back
PROSE_MINUTES = 10  # a prose activity that names no length: about this long, for tonight's plan
SHORT_LESSON_SECONDS = 240  # a lesson up to four minutes is "a short lesson"; a longer one is said in minutes


# -- how long, and what is left --------------------------------------------------------------------------
def minutes_from(s: Step, script: DayScript, key: str | None) -> int:
    """About how many minutes the day takes from segment `key` on, rounded up to five."""
    i = script.positions.get(key or script.first, 0)
    seconds = 30.0
    for seg in script.segments[i:]:
        if seg.kind == LEARN:
            seconds += sum(seconds_to_say(p) for p in seg.paragraphs)
        elif seg.kind == TURN:
            seconds += s.progress.turn_seconds + 12
        elif seg.kind == QUESTION:
            seconds += DEFAULT_DISCUSSION_SECONDS + 15
        elif seg.kind == ACTIVITY:
            seconds += (activity_minutes(s, script.day) or PROSE_MINUTES) * 60 + 15
    return max(5, -(-int(seconds) // 300) * 5)


def activity_minutes(s: Step, day: Day) -> int | None:
    """The minutes a prose activity names ("a twenty-minute walk", "zwei Minuten lang", "10-15 minutes": 15)."""
    minutes = re.compile(rf"([\w.]+?)[\s-]*{re.escape(s.text('speakable.minutes'))}\w*", re.IGNORECASE)
    for paragraph in day.activity.instructions:
        for word in reversed(minutes.findall(paragraph)):
            value = s.text.read_number(re.sub(r"^.*-", "", word))
            if value is not None and value > 0:
                return int(value)
    return None


def timed_activity(s: Step, day: Day) -> int | None:
    """Seconds to give a prose activity within the response, or None when they go and come back."""
    minutes = activity_minutes(s, day)
    return minutes * 60 if minutes is not None and minutes <= TIMED_ACTIVITY_MINUTES else None


def still_to_come(s: Step, script: DayScript, key: str) -> str:
    """"Still to come: three sentences and two questions, about 15 minutes." from segment `key` on."""
    t = s.text
    rest = script.segments[script.positions.get(key, 0):]
    prompts = len({seg.prompt_index for seg in rest if seg.kind == TURN})
    questions = sum(1 for seg in rest if seg.kind == QUESTION)
    lesson = any(seg.kind == LEARN for seg in rest)
    items = [t("left.lesson_all" if key == script.first else "left.lesson")] if lesson else []
    items += [t("left.activity")] if any(seg.kind == ACTIVITY for seg in rest) else []
    items += [t.count("left.sentences", prompts)] if prompts else []
    items += [t.count("left.questions", questions)] if questions else []
    if not items:
        return t("left.checkin_only")
    return t("left.summary", items=t.join(items), minutes=t.number(minutes_from(s, script, key)))


def plan_for_tonight(s: Step, journey: Journey, day: Day) -> list[str]:
    """Tonight's plan and its length, then the activity's set-up ("set aside 20 minutes…")."""
    t, script = s.text, day_script(day)
    if s.progress.brief:  # they asked to skip the intro: the day and its length only
        return [t("plan.brief", number=day.number, title=day.title or "",
                  minutes=t.number(minutes_from(s, script, None)))]
    said = [t("plan.day", number=day.number, title=day.title) if day.title else t("day.heading_untitled",
                                                                                    number=day.number)]
    week = journey.week_of(day.number)
    if week and week.theme and (day.number - 1) % 7 == 0:
        said.append(t("day.week_focus", theme=week.theme))
    lesson = sum(seconds_to_say(p) for seg in script.segments if seg.kind == LEARN for p in seg.paragraphs)
    parts = {"sentences": t.count("plan.sentences", script.prompts),
             "questions": t.count("plan.questions", len(day.questions)),
             "minutes": t.number(minutes_from(s, script, None)),
             "lesson": t("plan.lesson_short") if lesson <= SHORT_LESSON_SECONDS else
             t("plan.lesson_minutes", minutes=t.number(max(5, round(lesson / 300) * 5)))}
    prose = any(seg.kind == ACTIVITY for seg in script.segments)
    kind = "plan.full" if script.prompts and day.questions else "plan.sentences_only" if script.prompts \
        else ("plan.activity_talk" if day.questions else "plan.activity_only") if prose else "plan.talk_only"
    said.append(t(kind, **parts))
    return said + list(set_up(s, day))


@cache
def _length_of_time() -> re.Pattern[str]:
    """"20 to 30 minutes", "10 bis 15 Minuten": a length of time in any language's words (its catalog's
    `speakable.to` and `speakable.minutes`)."""
    catalogs = [of_language(language) for language in in_order()]
    ranges = "|".join(["-", "–", *(re.escape(c("speakable.to")) for c in catalogs)])
    minutes = "|".join(sorted({re.escape(c("speakable.minutes")) for c in catalogs}))
    return re.compile(rf"\d+\s*(?:(?:{ranges})\s*\d+\s*)?(?:{minutes})", re.IGNORECASE)


def set_up(s: Step, day: Day) -> tuple[str, ...]:
    """The activity's preparation ("set aside 20 minutes…"), said with tonight's plan; the rest of the
    instructions (how to take turns, what leads into the list) stays with the first turn. The author's
    length of time gives way to tonight's estimate when the estimate lies outside it (play-test: „etwa
    zwanzig Minuten“, then „Nehmt euch 10 bis 15 Minuten“). A prose activity is read when its time comes."""
    if not day.prompts:
        return ()
    minutes = minutes_from(s, day_script(day), None)

    def agreeing(m: re.Match[str]) -> str:
        named = [int(n) for n in re.findall(r"\d+", m.group(0))]
        if min(named) <= minutes <= max(named):
            return m.group(0)
        return re.sub(r"^\d+\s*(?:\S+\s*\d+\s*)?", f"{minutes} ", m.group(0))

    return tuple(_length_of_time().sub(agreeing, p) for p in _instructions(day)[0])


def _instructions(day: Day) -> tuple[list[str], list[str], list[str]]:
    """(preparation, guidance, lead): a paragraph that names a length of time prepares the evening; every
    other paragraph is guidance for the turns; the sentence that leads into the list of sentences ("Take
    turns completing these sentences:") is the lead, said right before the first of them, so a list follows."""
    preparation: list[str] = []
    guidance: list[str] = []
    lead: list[str] = []
    for p in day.activity.instructions:
        sentences = re.split(r"(?<=[.!?])\s+", p)
        if _LEADS_TO_LIST.search(sentences[-1]):
            lead.append(sentences.pop())
        if sentences:
            (preparation if _length_of_time().search(p) else guidance).append(" ".join(sentences))
    return preparation, guidance, lead


# -- playing a day ------------------------------------------------------------------------------------------
def start_day(s: Step, journey: Journey, day: Day, builder: PlanBuilder | None = None) -> Plan:
    """A day from its beginning: tonight's plan, a content note if the journey marks one, then the lesson."""
    builder = builder or PlanBuilder()
    s.progress.switch_to(journey.id)
    key = f"{journey.id}:{day.number}"
    if s.conversation.opened != key:
        builder.say(*plan_for_tonight(s, journey, day))
    elif not s.progress.brief:
        builder.say(*set_up(s, day))
    s.conversation.opened = key
    script = day_script(day)
    note = content_note(journey, day)
    if note:
        s.progress.position = Position(journey.id, day.number, script.first)
        s.conversation.target = key
        return s.listen(builder, Phase.CONTENT_NOTE, s.text("note.ask", topic=note))
    return play(s, journey, day, script.first, builder)


def content_note(journey: Journey, day: Day) -> str:
    """What a journey marks as sensitive on this day (front matter `content_notes: {day: topic}`)."""
    notes = (journey.meta or {}).get("content_notes")
    if not isinstance(notes, dict):
        return ""
    note = notes.get(day.number, notes.get(str(day.number), ""))
    return note.strip() if isinstance(note, str) else ""


def play(s: Step, journey: Journey, day: Day, key: str, builder: PlanBuilder, move: bool = True,
         single: bool = False, again: bool = False) -> Plan:
    """Play the group that starts at segment `key` (or only its step, `single`), and ask what comes after.
    `again`: given back after an interruption, so the activity's instructions are not read a second time."""
    script = day_script(day)
    group = script.unit(key) if single else script.rest_of_group(key)
    if not s.conversation.ready and any(seg.kind in (TURN, QUESTION, ACTIVITY) for seg in group):
        return announce(s, journey, day, group[0], builder)  # nothing timed before they said ready
    if move:
        s.progress.switch_to(journey.id)
        s.progress.position = Position(journey.id, day.number, key)
    for seg in group:
        builder.add(Mark(seg.key))
        speak_segment(s, day, seg, builder, again)
    last = group[-1]
    following = script.find(script.after(last.key)) if last.kind != CHECKIN else None
    c = s.conversation
    if last.kind == ACTIVITY and timed_activity(s, day) is None and following is not None:
        s.progress.position = Position(journey.id, day.number, following.key)  # they go, and come back to it
        builder.say(s.text("activity.away"))
        return s.end(builder, s.text("leave.come_back_after"))
    if last.kind == CHECKIN or (following is not None and following.kind == CHECKIN):
        c.start, c.after = key, CHECKIN
        plan = s.listen(builder, Phase.CHECK_IN, s.text("checkin.ask"))
    else:
        c.start, c.after = key, following.key
        plan = s.listen(builder, *next_question(s, last, following))
    marks, length = plan._replace(rate=s.progress.pace).timing()  # at their pace
    c.played_at = s.now.isoformat()
    c.length = round(length)
    c.timeline = [[offset, seg] for offset, seg in marks]
    return plan


def announce(s: Step, journey: Journey, day: Day, seg: Segment, builder: PlanBuilder) -> Plan:
    """A timed step the couple has not said ready for in this session: say what it is, and ask."""
    s.progress.switch_to(journey.id)
    s.progress.position = Position(journey.id, day.number, seg.key)
    c = s.conversation
    c.start = c.after = seg.key
    c.played_at, c.timeline = "", []
    if seg.kind == QUESTION:
        builder.say(question_line(s, seg))
        return s.listen(builder, Phase.REFLECTION, s.text("ask.ready_for_discussion"))
    if seg.prompt_index == 0 and not seg.second:
        return s.listen(builder, Phase.LEARNING, s.text("ask.ready_for_activity"))
    return s.listen(builder, Phase.TURNS, s.text("ask.ready_for_sentence", number=seg.prompt_index + 1))


def next_question(s: Step, last: Segment, following: Segment) -> tuple[Phase, str]:
    phase = {LEARN: Phase.LEARNING, TURN: Phase.TURNS, ACTIVITY: Phase.TURNS, QUESTION: Phase.REFLECTION}[last.kind]
    if following.kind == LEARN:
        return phase, s.text("ask.go_on")
    if following.kind in (TURN, ACTIVITY):
        return phase, s.text("ask.ready_for_activity" if last.kind == LEARN else "ask.next_sentence")
    if following.kind == QUESTION and last.kind != QUESTION:
        return phase, s.text("ask.ready_for_questions")
    return phase, s.text("ask.next_question")


def speak_segment(s: Step, day: Day, seg: Segment, b: PlanBuilder, again: bool = False) -> None:
    t = s.text
    if seg.kind == LEARN:
        b.say(*seg.paragraphs)
    elif seg.kind == TURN:
        if seg.prompt_index == 0 and not seg.second and not again:  # how to listen, before the first turn
            _, guidance, lead = _instructions(day)
            b.say(*guidance, *day.activity.closing)
            b.say(t("turns.how", duration=t.duration(s.progress.turn_seconds)), *lead)
        b.say(turn_line(s, seg))
        b.add(Chime("start"), Pause(s.progress.turn_seconds), Chime("end"))
    elif seg.kind == ACTIVITY:
        b.say(*day.activity.instructions, *day.activity.closing)
        seconds = timed_activity(s, day)
        if seconds is not None:
            b.say(t("activity.timed", duration=t.duration(seconds)))
            b.add(Chime("start"), Pause(seconds), Chime("end"))
    elif seg.kind == QUESTION:
        if seg.question_index == 0 and not again:
            b.say(t("questions.intro"))
        b.say(question_line(s, seg), t("questions.discuss", duration=t.duration(DEFAULT_DISCUSSION_SECONDS)))
        b.add(Chime("start"), Pause(DEFAULT_DISCUSSION_SECONDS), Chime("end"))


def turn_line(s: Step, seg: Segment) -> str:
    t = s.text
    partner = s.speaker(seg)
    speaker, listener = s.turn_names(partner)
    if speaker and listener:
        return t("turns.second" if seg.second else "turns.first", speaker=speaker, listener=listener,
                 prompt=seg.prompt.text)
    names = s.names()
    named = next((i for i, n in enumerate(names) if n), None)
    if named is not None:  # one name given: "Sam, … for your partner" / "Sam's partner, … for Sam"
        who = "one" if partner == named else "partner"
        return t(f"turns.{who}_{'second' if seg.second else 'first'}", name=names[named], prompt=seg.prompt.text)
    return t("turns.second_anonymous" if seg.second else "turns.first_anonymous", prompt=seg.prompt.text)


def question_line(s: Step, seg: Segment) -> str:
    return s.text("questions.question", number=s.text.number(seg.question_index + 1), text=seg.question.text)


def place(s: Step, segment: Segment | None, total_prompts: int) -> str:
    """Where in a day a segment is, said the way a person would."""
    t = s.text
    if segment is None or segment.key == "learn.0":
        return t("place.start")
    if segment.kind == LEARN:
        return t("place.lesson")
    if segment.kind == ACTIVITY:
        return t("place.activity")
    if segment.kind == TURN:
        return t("place.sentence", ordinal=t.ordinal(segment.prompt_index), number=segment.prompt_index + 1,
                 total=t.number(total_prompts))
    if segment.kind == QUESTION:
        return t("place.question", number=t.number(segment.question_index + 1))
    return t("place.checkin")

