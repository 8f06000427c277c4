"""Every rule of the session machine, one module per moment of the evening; importing this package
declares them all in the rule table (`..table`). Helpers live beside the package, never in it.

- `opening`: the session opens — names, tonight's offer, a content note, a day done earlier today, the
  next journey, coming back after a gap
- `during_the_day`: the guided parts — next, back, repeat, skip, start over
- `end_of_the_day`: the check-in and the reminder offered after it
- `any_moment`: questions and settings that hold anywhere — where are we, help, how long, who goes first,
  turn length, journeys, what was not understood
- `asides`: asked in passing and come back from — new names, erasing everything
- `choices`: what a couple asks for — who goes first, one new name, a week's plan, another day, the pace
- `reminders`: reminders asked for between evenings, and what the Reminders API made of them
- `leaving`: stop, pause, not tonight, a session that times out, care
"""

from . import any_moment, asides, choices, during_the_day, end_of_the_day, leaving, opening, reminders

__all__ = ["any_moment", "asides", "choices", "during_the_day", "end_of_the_day", "leaving", "opening",
           "reminders"]
