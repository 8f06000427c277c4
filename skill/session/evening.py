"""The evening's choreography: which part of a day plays next and how it sounds, what is offered on
opening, and how a day closes. Rules (flow.py, anytime.py) call these; every word comes from the catalog."""

from ..journeys import Day, Journey
from ..progress.record import Position
from ..progress.turn_length import DEFAULT_DISCUSSION_SECONDS
from ..speech.plan import Chime, Mark, Pause, Plan, PlanBuilder, Screen
from . import between
from .script import CHECKIN, LEARN, QUESTION, TURN, DayScript, Segment, day_script
from .state import Phase
from .step import Step


def reask(s: Step, *before: str) -> Plan:
    """Say something, then ask again whatever the couple was last asked."""
    phase = s.conversation.phase
    if phase == Phase.CLOSED:  # a one-shot question ("ask couple journeys where we are"): offer after it
        return offer_evening(s, PlanBuilder().say(*before), greet=False, resume_now=False)
    return s.listen(PlanBuilder().say(*before), phase, s.conversation.ask or s.reprompt(phase))


def day_heading(s: Step, journey: Journey, day: Day) -> list[str]:
    t = s.text
    said = [t("day.heading", number=day.number, title=day.title) if day.title
            else t("day.heading_untitled", number=day.number)]
    week = journey.week_of(day.number)
    if week and week.theme and (day.number - 1) % 7 == 0:
        said.append(t("day.week_focus", theme=week.theme))
    return said


def place(s: Step, segment: Segment | None, total_prompts: int) -> str:
    """Where in a day a segment is, said the way a person would."""
    t = s.text
    if segment is None or segment.key == "learn.0":
        return t("place.start")
    if segment.kind == LEARN:
        return t("place.lesson")
    if segment.kind == TURN:
        return t("place.sentence", ordinal=t.ordinal(segment.prompt_index), number=segment.prompt_index + 1,
                 total=t.number(total_prompts))
    if segment.kind == QUESTION:
        return t("place.question", number=t.number(segment.question_index + 1))
    return t("place.checkin")


def start_day(s: Step, journey: Journey, day: Day, builder: PlanBuilder | None = None) -> Plan:
    s.progress.switch_to(journey.id)
    return play(s, journey, day, day_script(day).first, builder or PlanBuilder())


def play(s: Step, journey: Journey, day: Day, key: str, builder: PlanBuilder, move: bool = True) -> Plan:
    """Play the group that starts at segment `key`, and ask what comes after it."""
    script = day_script(day)
    group = script.rest_of_group(key)
    if move:
        s.progress.switch_to(journey.id)
        s.progress.position = Position(journey.id, day.number, key)
    builder.screen = screen(s, journey, day, script, group[0])
    for seg in group:
        builder.add(Mark(seg.key))
        speak_segment(s, journey, day, seg, builder)
    last = group[-1]
    following = script.find(script.after(last.key)) if last.kind != CHECKIN else None
    c = s.conversation
    if last.kind == CHECKIN or (following is not None and following.kind == CHECKIN):
        c.start, c.after = key, CHECKIN
        plan = s.listen(builder, Phase.CHECK_IN, s.text("checkin.ask"))
    else:
        c.start, c.after = key, following.key
        phase, question = next_question(s, last, following)
        if last.kind == TURN and following.kind != TURN and day.activity.closing:
            builder.say(*day.activity.closing)
        plan = s.listen(builder, phase, question)
    marks, length = plan.timing()
    c.played_at = s.now.isoformat()
    c.length = round(length)
    c.timeline = [[offset, seg] for offset, seg in marks]
    return plan


def next_question(s: Step, last: Segment, following: Segment) -> tuple[Phase, str]:
    phase = {LEARN: Phase.LEARNING, TURN: Phase.TURNS, QUESTION: Phase.REFLECTION}[last.kind]
    if following.kind == LEARN:
        return phase, s.text("ask.go_on")
    if following.kind == TURN:
        return phase, s.text("ask.ready_for_activity" if last.kind == LEARN else "ask.next_sentence")
    if following.kind == QUESTION and last.kind != QUESTION:
        return phase, s.text("ask.ready_for_questions")
    return phase, s.text("ask.next_question")


def speak_segment(s: Step, journey: Journey, day: Day, seg: Segment, b: PlanBuilder) -> None:
    t = s.text
    if seg.kind == LEARN:
        if seg.key == "learn.0":
            b.say(*day_heading(s, journey, day))
        b.say(*seg.paragraphs)
    elif seg.kind == TURN:
        if seg.prompt_index == 0 and not seg.second:
            b.say(*day.activity.instructions)
            b.say(t("turns.how", duration=t.duration(s.progress.turn_seconds)))
        first, second = s.names()
        speaker, listener = (first, second) if seg.partner == 0 else (second, first)
        if speaker and listener:
            b.say(t("turns.second" if seg.second else "turns.first", speaker=speaker, listener=listener,
                    prompt=seg.prompt.text))
        else:
            b.say(t("turns.second_anonymous" if seg.second else "turns.first_anonymous", prompt=seg.prompt.text))
        b.add(Chime("start"), Pause(s.progress.turn_seconds), Chime("end"))
    elif seg.kind == QUESTION:
        if seg.question_index == 0:
            b.say(t("questions.intro"))
        b.say(t("questions.question", number=t.number(seg.question_index + 1), text=seg.question.text),
              t("questions.discuss", duration=t.duration(DEFAULT_DISCUSSION_SECONDS)))
        b.add(Chime("start"), Pause(DEFAULT_DISCUSSION_SECONDS), Chime("end"))


def screen(s: Step, journey: Journey, day: Day, script: DayScript, seg: Segment) -> Screen:
    t = s.text
    subtitle = t("screen.day", number=day.number, title=day.title) if day.title \
        else t("screen.day_untitled", number=day.number)
    if seg.kind == TURN:
        return Screen(journey.title, t("screen.sentence", day=subtitle, number=seg.prompt_index + 1,
                                       total=script.prompts), seg.prompt.text, s.progress.turn_seconds)
    if seg.kind == QUESTION:
        return Screen(journey.title, t("screen.question", day=subtitle, number=seg.question_index + 1,
                                       total=len(day.questions)), seg.question.text, DEFAULT_DISCUSSION_SECONDS)
    if seg.kind == CHECKIN:
        return Screen(journey.title, subtitle, t("screen.checkin"))
    return Screen(journey.title, subtitle, t("screen.lesson"))


def checkin_ack(s: Step, score: int | None) -> str:
    if score is None:
        return ""
    return s.text("checkin.high" if score >= 4 else "checkin.low" if score <= 2 else "checkin.middle")


def complete_day(s: Step, score: int | None) -> Plan:
    here = s.current()
    if here is None:
        return offer_evening(s, PlanBuilder(), greet=False)
    journey, day, script, _ = here
    t = s.text
    s.progress.complete(journey.id, day.number, s.today, score)
    s.progress.position = None
    b = PlanBuilder().say(checkin_ack(s, score))
    b.say(t("complete.done", number=day.number, sentences=t.count("complete.sentences", script.prompts),
            questions=t.count("complete.questions", len(day.questions))))
    streak = s.progress.streak(s.today)
    b.say(t("complete.streak", days=t.number(streak)) if streak >= 2 else t("complete.streak_begins"))
    following = journey.day_after(day.number)
    if following is not None:
        b.say(t("complete.next_day", number=following.number, title=following.title))
    else:
        b.say(t("complete.last_written", title=journey.title))
        nxt = s.library.after(journey.id)
        b.say(t("complete.next_journey", title=nxt.title) if nxt else t("complete.more_coming"))
    return between.offer_reminder(s, b) or s.end(b, s.good_night())


def offer_evening(s: Step, builder: PlanBuilder, greet: bool = True, resume_now: bool = True) -> Plan:
    """Launch, or carrying on after a question: resume the saved place (or offer to, when `resume_now` is
    false), or offer what comes next."""
    t = s.text
    if greet:
        who = s.couple()
        builder.say(t("welcome.back", couple=who) if who else t("welcome.back_anonymous"))
    journey = s.journey()
    if s.progress.position is None and journey is not None and journey.id in s.progress.parked:
        s.progress.switch_to(journey.id)
    here = s.current()
    if greet and (returning := between.welcome_after_gap(s, builder)) is not None:
        return returning
    if here is not None:
        journey, day, script, seg = here
        if greet:
            builder.say(t("day.picking_up", number=day.number, place=place(s, seg, script.prompts)))
        if not resume_now:
            s.conversation.target = ""
            return s.listen(builder, Phase.OFFER, t("day.carry_on", number=day.number))
        if seg.kind == CHECKIN:
            s.conversation.start = s.conversation.after = CHECKIN
            return s.listen(builder, Phase.CHECK_IN, t("day.at_checkin", number=day.number))
        return play(s, journey, day, seg.key, builder)
    if journey is None:
        return s.end(builder, t("welcome.no_journeys"))
    return offer_next(s, journey, builder, greet)


def offer_next(s: Step, journey: Journey, builder: PlanBuilder, greet: bool) -> Plan:
    """No saved place: the next day, a revisit of today's, or the next journey."""
    t = s.text
    last = s.progress.last_completion()
    nxt = s.next_day(journey)
    if last is not None and last.on == s.today.isoformat() and nxt is not None:
        s.conversation.target = f"{journey.id}:{nxt.number}"
        return s.listen(builder, Phase.REVISIT, t("day.finished_today", done=last.day, next=nxt.number))
    if nxt is None:
        following = s.library.after(journey.id)
        if following is not None:
            s.conversation.target = following.id
            return s.listen(builder, Phase.NEXT_JOURNEY,
                            t("day.all_written_next", title=journey.title, next_title=following.title))
        done = max(s.progress.days_done(journey.id), default=journey.days[-1].number)
        s.conversation.target = f"{journey.id}:{done}"
        return s.listen(builder, Phase.REVISIT, t("day.all_written", title=journey.title, done=done))
    s.conversation.target = f"{journey.id}:{nxt.number}"
    s.progress.switch_to(journey.id)
    if greet:
        return s.listen(builder.say(*day_heading(s, journey, nxt)), Phase.OFFER, t("day.shall_we_begin"))
    return s.listen(builder, Phase.OFFER, t("day.tonight", number=nxt.number, title=journey.title))


def begin_offer(s: Step) -> Plan:
    """Yes to an offer: the day it named, or the saved place."""
    jid, _, day_number = s.conversation.target.partition(":")
    journey = s.library.get(jid)
    day = journey.day(int(day_number)) if journey and day_number.isdigit() else None
    if s.current() is not None or day is None:
        return offer_evening(s, PlanBuilder(), greet=False)
    return start_day(s, journey, day)
