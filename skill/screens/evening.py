"""`python -m skill screens --out DIR`: an evening played through the emulator on a device with a screen,
every screen rendered to PNG on each common viewport at the moments that matter (each turn, question and
check-in at its own time), every document checked by apl-suggester first.

The Amazon Ember font is not available offline: the PNGs use DejaVu Sans in its place.
"""

from __future__ import annotations

import io
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..alexa.invoke import Invoker
from ..alexa.skill import build_skill
from ..journeys import load_library
from ..progress.store import open_store
from ..rehearsal.emulator import Rehearsal, device_for
from ..rehearsal.matcher import Matcher
from ..rehearsal.player import Player
from ..rehearsal.reminders_api import LocalAlexaApi
from ..session.history import GAP_DAYS
from .renderer import VIEWPORTS, Renderer, RendererError, Viewport, why_not

# (seconds the couple waits first, what they say): a first evening to its end, then a second one broken off
# and picked up again later ("" opens the skill)
EVENING = (
    (0, ""), (5, "we're sam and alex"), (5, "yes"), (5, "ready"), (5, "next"), (5, "next"), (5, "next"),
    (5, "done"), (5, "next"), (5, "four"), (5, "how are we doing"), (5, "no"),
    (86400, ""), (5, "yes"), (5, "pause"), (GAP_DAYS * 86400, ""),
)


class Quiet:
    """The emulator's clock when nothing is played aloud."""

    def now(self) -> float:
        return 0.0

    def wait_for_input(self, seconds: float) -> str | None:
        return None


def play_evening(store_url: str, locale: str = "en-US") -> list[dict[str, Any]]:
    """Every RenderDocument directive of the evening, in order."""
    library = load_library()
    shown: list[dict[str, Any]] = []

    def seen(response: dict[str, Any]) -> None:
        shown.extend(d for d in response.get("response", {}).get("directives", [])
                     if d.get("type") == "Alexa.Presentation.APL.RenderDocument")

    apis = LocalAlexaApi("UTC")
    try:
        device = device_for("screens", apis.endpoint, datetime(2026, 11, 23, 19, 0, tzinfo=UTC), locale)
        device.screen = True
        quiet = io.StringIO()
        rehearsal = Rehearsal(Invoker(build_skill(library, open_store(store_url), skill_id="")),
                              Matcher(library, locale), Player(quiet, Quiet(), fast=True, live=False), device,
                              quiet, fast=True, echo=False, apis=apis, seen=seen)
        for wait, said in EVENING:
            device.wait(wait)
            rehearsal.exchange(said or rehearsal.matcher.said.opening_phrase)
    finally:
        apis.close()
    return shown


def moments(screen: dict[str, Any]) -> list[tuple[float, str]]:
    """When to look at a screen, and what to call it: a timed entry a few seconds after its bell (the
    countdown running), anything else two seconds after it appears."""
    looks: list[tuple[float, str]] = []
    for e in screen["entries"]:
        at = e["bell"] + 3.5 if e.get("secs") else e["at"] + 2
        name = e["who"] if e["kind"] == "turn" else e["head"]
        if not looks or at >= looks[-1][0] + 1.5:  # the renderer's clock moves forward, a second at a time
            looks.append((at, slug(f"{e['kind']}-{name}")))
    return looks


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:40]


def write(out: Path, viewports: tuple[Viewport, ...] = VIEWPORTS, log: Any = print) -> int:
    """Validate and render the evening into `out`; 0, or 1 with the problems said, on a validation error."""
    missing = why_not()
    if missing:
        log(f"screens: cannot render here: {missing}")
        return 2
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        directives = play_evening(f"sqlite:///{Path(tmp) / 'screens.db'}")
    written = 0
    try:
        with Renderer() as renderer:
            for step, d in enumerate(directives, 1):
                problems = renderer.problems(d["document"])
                if problems:
                    log(f"screens: step {step}: apl-suggester found problems:\n  " + "\n  ".join(problems))
                    return 1
                screen = d["datasources"]["screen"]
                for viewport in viewports:
                    looks = moments(screen)
                    pngs = [out / f"{step:02d}-{screen['phase']}-{i}-{name}-{viewport.name}.png"
                            for i, (_, name) in enumerate(looks, 1)]
                    shots = renderer.render(d["document"], d["datasources"], viewport,
                                            [(at, png) for (at, _), png in zip(looks, pngs, strict=True)])
                    for png, shot in zip(pngs, shots, strict=True):
                        trouble = ["blank"] if shot.blank else [] + [f"overflows: {o}" for o in shot.overflow]
                        if trouble:
                            log(f"screens: {png.name}: {'; '.join(trouble)}")
                    written += len(pngs)
    except RendererError as exc:
        log(f"screens: the renderer failed: {exc}")
        return 2
    log(f"wrote {written} screens of {len(directives)} responses to {out} "
        "(font: DejaVu Sans in place of Amazon Ember, which is not available offline)")
    return 0
