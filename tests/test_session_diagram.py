"""The committed state diagram is the one the code draws."""

from skill.diagram import DOC, mermaid


def test_committed_diagram_is_current():
    assert DOC.read_text(encoding="utf-8") == mermaid(), "run: python -m skill.diagram"


def test_diagram_names_every_phase():
    text = mermaid()
    for phase in ("names", "offer", "learning", "turns", "reflection", "check_in", "revisit", "next_journey",
                  "confirm_reset", "closed"):
        assert phase in text
