"""Choices a couple asks for in the middle of things: who goes first, a new name for one of them, what a week
of the journey holds, skipping to a day, the speaking pace, and no more plan before each evening. A choice
that needs a word more is asked in passing (choosing.py) and its answer comes back to exactly where they
were (`to=RESUME`), what was playing given back from its start."""

from ...progress.record import PACES, clamp_pace
from ...speech.plan import Plan, PlanBuilder
from ..again import give_back
from ..choosing import ask, next_sentence, replaced, who_is
from ..events import (
    CheckIn,
    GoFirst,
    Next,
    No,
    NotUnderstood,
    Previous,
    Repeat,
    SetNames,
    SetPace,
    Skip,
    SkipIntro,
    SkipToDay,
    StartOver,
    WeekPlan,
    Yes,
)
from ..names import clean
from ..playing import start_day
from ..replies import back_to_where_we_were, reask
from ..state import OFFERED, REASKED, RESUME, SAME, STARTED, Phase
from ..step import Step
from ..table import on
from .during_the_day import start_over

BACK = (RESUME, *OFFERED)  # to where they were (OFFERED: asked with no session open)
PACE_STEP = 10


@on(GoFirst, to=(*REASKED, Phase.CHOOSING))
def go_first(s: Step) -> Plan:
    t, (first, second) = s.text, s.names()
    if next_sentence(s) is None:
        return reask(s, t("first.not_now"))
    if not (first and second):
        return reask(s, t("first.anyone"))  # no names: whoever would like to starts anyway
    return ask(s, "first", t("first.who", first=first, second=second))


@on(SetNames, Phase.CHOOSING, to=(*BACK, SAME))
def name_chosen(s: Step) -> Plan:
    """"Sam" (or "instead of Sam") to who goes first, or to whom a new name replaces."""
    c, t = s.conversation, s.text
    said = clean(s.event.first, t) or clean(s.event.second, t)
    which = who_is(s, said) if said else None
    if which is None:
        s.counted = True
        c.misses += 1
        return s.listen(PlanBuilder().say(t("choose.not_one_of_you")), Phase.CHOOSING, c.ask, reprompt=c.ask)
    if c.pending == "first":
        prompt = next_sentence(s)
        here = s.current()
        if prompt is not None and here is not None:
            seg = here[2].find(f"turn.{prompt}.a")
            c.swap = prompt if seg is not None and seg.partner != which else -1
            if c.again == f"turn.{prompt}.a":  # asked over the first turn of this very sentence: they start it
                c.resume()
                c.pending = ""
                return give_back(s, PlanBuilder().say(t("first.now", name=said)), announce=False)
        return back_to_where_we_were(s, t("first.done", name=said))
    if c.pending.startswith("replace:"):
        return replaced(s, which, c.pending.partition(":")[2])
    return back_to_where_we_were(s, "")


@on(Yes, Phase.CHOOSING, to=(*BACK, SAME, *STARTED))
def chose_yes(s: Step) -> Plan:
    c = s.conversation
    what, _, value = c.pending.partition(":")
    if what == "day":
        return go_to_day(s, value)
    if what == "restart":
        c.resume()
        c.pending = c.again = ""
        return start_over(s)
    if what == "replace" and not all(s.names()):  # "instead of Sam?" — yes
        return replaced(s, 0 if s.names()[0] else 1, value)
    first, second = s.names()  # "Sam or Alex?" — yes is no answer: asked differently, with a way out
    again = s.text("names.which_again", first=first, second=second)
    return s.listen(PlanBuilder(), Phase.CHOOSING, again, again=c.ask, reprompt=again)


@on(No, Phase.CHOOSING, to=BACK)
def chose_no(s: Step) -> Plan:
    """No: things stay as they were — except "instead of Sam?": no, then the name is the partner's."""
    what, _, value = s.conversation.pending.partition(":")
    if what == "replace" and not all(s.names()):
        return replaced(s, 1 if s.names()[0] else 0, value)
    return back_to_where_we_were(s, s.text("choose.kept"))


@on((Next, Previous, StartOver, CheckIn, Skip), Phase.CHOOSING, to=BACK)
def choice_left(s: Step) -> Plan:
    return back_to_where_we_were(s, s.text("choose.kept"))


@on(Repeat, Phase.CHOOSING, to=SAME)
def choice_again(s: Step) -> Plan:
    return reask(s)


@on(NotUnderstood, Phase.CHOOSING, to=(SAME, *BACK))
def choice_not_understood(s: Step) -> Plan:
    """Not understood twice: the choice is let go, and they are back where they were."""
    c = s.conversation
    if c.misses >= 1:
        return back_to_where_we_were(s, s.text("choose.kept"))
    s.counted = True
    c.misses += 1
    return s.listen(PlanBuilder().say(s.text("fallback.not_understood")), Phase.CHOOSING, c.ask,
                    reprompt=s.text("choices.choosing"))


# -- a day of their choosing --------------------------------------------------------------------------------
@on(SkipToDay, to=(*REASKED, Phase.CHOOSING))
def skip_to_day(s: Step) -> Plan:
    t, journey = s.text, s.journey()
    number = s.event.day
    day = journey.day(int(number)) if journey is not None and isinstance(number, int | float) else None
    if journey is None or day is None:
        title = journey.title if journey is not None else ""
        return reask(s, t("skip_day.none", title=title, number=int(number or 0),
                          days=t.count("skip_day.days", len(journey.days) if journey else 0)))
    here = s.current()
    if here is not None and here[1].number == day.number:
        return reask(s, t("skip_day.already", number=day.number))
    question = t("skip_day.ask", number=day.number, title=day.title)
    if here is not None:
        question = f"{question} {t('skip_day.left', number=here[1].number)}"
    return ask(s, f"day:{journey.id}:{day.number}", question)


def go_to_day(s: Step, value: str) -> Plan:
    jid, _, number = value.partition(":")
    journey = s.library.get(jid)
    day = journey.day(int(number)) if journey is not None and number.isdigit() else None
    if day is None:  # edited away since the question
        return back_to_where_we_were(s, s.text("choose.kept"))
    c = s.conversation
    c.resume()  # the place they asked from is left for another day
    c.pending = c.opened = c.again = ""
    c.ready = True  # they said yes to it: what comes may be timed
    s.progress.position = None
    return start_day(s, journey, day, PlanBuilder().say(s.text("skip_day.going", number=day.number)))


# -- what a week holds --------------------------------------------------------------------------------------
@on(WeekPlan, to=REASKED)
def week_plan(s: Step) -> Plan:
    t, journey = s.text, s.journey()
    number = s.event.week
    if not isinstance(number, int | float) or number < 1:
        here = s.current()
        number = (here[1].number - 1) // 7 + 1 + int(s.event.later or 0) if here else 1 + int(s.event.later or 0)
    week = next((w for w in journey.weeks if w.number == int(number)), None) if journey is not None else None
    if week is None:
        return reask(s, t("week.none", title=journey.title if journey else "", number=t.number(int(number))))
    items = [item.rstrip(" .!") for item in week.items]  # each said as part of one sentence
    return reask(s, t("week.plan", number=week.number, theme=week.theme, items=t.join(items)))


# -- how the skill speaks -----------------------------------------------------------------------------------
@on(SetPace, to=REASKED)
def set_pace(s: Step) -> Plan:
    t, now = s.text, s.progress.pace
    wanted = clamp_pace(now + (PACE_STEP if s.event.change > 0 else -PACE_STEP))
    if wanted == now:
        return reask(s, t("pace.fastest" if now >= PACES[1] else "pace.slowest"))
    s.progress.pace = wanted
    return reask(s, t("pace.faster" if wanted > now else "pace.slower"))


@on(SkipIntro, to=REASKED)
def skip_intro(s: Step) -> Plan:
    s.progress.brief = True
    return reask(s, s.text("intro.skipped"))
