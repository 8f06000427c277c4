"""The committed state diagram is the one the code draws."""

from skill.diagram import DOC, mermaid
from skill.session.state import Phase


def test_committed_diagram_is_current():
    assert DOC.read_text(encoding="utf-8") == mermaid(), "run: python -m skill.diagram"


def test_diagram_names_every_phase():
    text = mermaid()
    for phase in Phase:
        assert f" {phase.value} -->" in text or f"--> {phase.value}:" in text, phase
