"""The state diagram, drawn from the machine's own rule declarations (docs/session-states.md).

`python -m skill.diagram` rewrites the file; a test fails when the committed one is stale.
"""

from __future__ import annotations

from pathlib import Path

from .session.machine import Phase
from .session.rules import RULES
from .session.state import SAME

DOC = Path(__file__).resolve().parents[1] / "docs" / "session-states.md"
HEADER = """# Session states

What the skill is waiting for, and what each thing the couple says leads to. Generated from the rules in
`skill/session/flow.py` and `anytime.py` by `python -m skill.diagram`; a test fails when this file is stale.
Rules that apply in every phase (help, where are we, turn length, names, journeys, stop, pause, reset)
are listed once under "anywhere".

"""


def mermaid() -> str:
    edges: dict[tuple[str, str], list[str]] = {}
    anywhere: list[str] = []
    for rule in RULES:
        events = "/".join(e.__name__ for e in rule.events)
        if rule.phases is None:
            targets = ", ".join(sorted({"(stays)" if p == SAME else str(p) for p in rule.to}))
            anywhere.append(f"- {events} → {targets}: {rule.handler.__name__}")
            continue
        for src in rule.phases:
            for dst in rule.to:
                edges.setdefault((src.value, src.value if dst == SAME else str(dst)), []).append(events)
    out = ["```mermaid", "stateDiagram-v2", f"    [*] --> {Phase.CLOSED.value}"]
    for (src, dst), labels in sorted(edges.items()):
        out.append(f"    {src} --> {dst}: {' · '.join(labels)}")
    out.append("```")
    return HEADER + "\n".join(out) + "\n\n## Anywhere\n\n" + "\n".join(anywhere) + "\n"


if __name__ == "__main__":
    DOC.write_text(mermaid(), encoding="utf-8")
    print(f"wrote {DOC}")
