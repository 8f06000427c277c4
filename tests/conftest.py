"""Shared test fixtures: the project's folders and the shared material beside the project."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "journeys" / "deepening-intimacy.md"


@pytest.fixture
def seed_text() -> str:
    return SEED.read_text(encoding="utf-8")


def requires_shared(sub: str) -> Path:
    path = SHARED / sub
    if not path.exists():
        pytest.skip(f"{path} is absent (it sits beside the project in the team's checkout only)")
    return path
