"""The state diagram, drawn from the machine's own rule declarations (docs/session-states.md).

`python -m skill.diagram` rewrites the file; a test fails when the committed one is stale.
"""

from __future__ import annotations

from pathlib import Path

from .session.machine import Phase
from .session.state import ASIDES, RESUME, SAME
from .session.table import RULES

DOC = Path(__file__).resolve().parents[1] / "docs" / "session-states.md"
HEADER = """# Session states

What the skill is waiting for, and what each thing the couple says leads to. Generated from the rules in
`skill/session/rules/` by `python -m skill.diagram`; a test fails when this file is stale.
Rules that apply in every phase (help, where are we, turn length, names, journeys, stop, pause, reset)
are listed once under "anywhere".
{asides} are asked in passing: each remembers the place it interrupts, and `interrupted` stands for going
back there (a rule's `to=RESUME`, see `Conversation.push` and `resume`).

"""


def mermaid() -> str:
    edges: dict[tuple[str, str], list[str]] = {}
    anywhere: list[str] = []
    for rule in RULES:
        events = "/".join(e.__name__ for e in rule.events)
        if rule.phases is None:
            targets = ", ".join(sorted({"(stays)" if p == SAME else "(back)" if p == RESUME else str(p)
                                        for p in rule.to}))
            anywhere.append(f"- {events} → {targets}: {rule.handler.__name__}")
            continue
        for src in rule.phases:
            for dst in rule.to:
                where = src.value if dst == SAME else "interrupted" if dst == RESUME else str(dst)
                edges.setdefault((src.value, where), []).append(events)
    out = ["```mermaid", "stateDiagram-v2", f"    [*] --> {Phase.CLOSED.value}",
           '    state "the place it interrupted" as interrupted']
    for (src, dst), labels in sorted(edges.items()):
        out.append(f"    {src} --> {dst}: {' · '.join(labels)}")
    out.append("```")
    header = HEADER.format(asides=" and ".join(f"`{p.value}`" for p in ASIDES).capitalize())
    return header + "\n".join(out) + "\n\n## Anywhere\n\n" + "\n".join(anywhere) + "\n"


if __name__ == "__main__":
    DOC.write_text(mermaid(), encoding="utf-8")
    print(f"wrote {DOC}")
