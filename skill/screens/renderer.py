"""Drives apl/screens.mjs: Amazon's APL validator and renderer in headless Chromium, offline.

One Node process (and at most one browser) serves every document of a run or a test session. What is
missing to run it (`make setup` installs both) is said in one line by `why_not()`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple

APL_DIR = Path(__file__).resolve().parents[2] / "apl"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


class Viewport(NamedTuple):
    name: str
    width: int
    height: int
    dpi: int = 160
    mode: str = "HUB"


VIEWPORTS = (
    Viewport("echo-show-5", 960, 480),
    Viewport("echo-show-8", 1280, 800),
    Viewport("echo-show-15", 1920, 1080),
    Viewport("tv", 960, 540, mode="TV"),
)


class Moment(NamedTuple):
    """What the screen showed at one instant: its visible text, what overflowed, and whether it was blank."""

    text: str
    overflow: list[str]
    blank: bool


class RendererError(RuntimeError):
    """The renderer could not run or answer."""


def why_not() -> str:
    """"" when screens can be rendered here; else one line saying what is missing."""
    if shutil.which("node") is None:
        return "node is not installed (make setup installs it with Debian's nodejs)"
    for package in ("apl-viewhost-web", "apl-suggester", "playwright-core"):
        if not (APL_DIR / "node_modules" / package).is_dir():
            return f"{package} is not installed in apl/ (make setup runs npm ci there)"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (make setup installs Debian's chromium; or set CHROMIUM)"
    return ""


@dataclass
class Renderer:
    """`with Renderer() as r:` — validate documents and render them at moments, in one browser."""

    process: subprocess.Popen | None = None

    def __enter__(self) -> Renderer:
        missing = why_not()
        if missing and missing.startswith(("node", "apl", "playwright")):
            raise RendererError(missing)
        self.process = subprocess.Popen(
            ["node", str(APL_DIR / "screens.mjs")], cwd=APL_DIR, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            text=True, encoding="utf-8", env={**os.environ, "CHROMIUM": CHROMIUM})
        return self

    def __exit__(self, *exc: object) -> None:
        if self.process is not None:
            self.process.stdin.close()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
            self.process = None

    def _ask(self, **request: Any) -> dict[str, Any]:
        assert self.process is not None, "use the renderer in a with block"
        self.process.stdin.write(json.dumps(request) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        if not line:
            raise RendererError("the renderer stopped (node apl/screens.mjs)")
        answer = json.loads(line)
        if "error" in answer:
            raise RendererError(answer["error"])
        return answer

    def problems(self, document: dict[str, Any]) -> list[str]:
        """What apl-suggester finds wrong with a document (errors and warnings alike): [] when none."""
        return self._ask(op="validate", document=document)["problems"]

    def render(self, document: dict[str, Any], data: dict[str, Any], viewport: Viewport,
               moments: list[tuple[float, Path | None]]) -> list[Moment]:
        """Show the document with its data sources, then look at it `at` seconds after it was shown
        (writing a PNG where a path is given): in order, a second or more apart (the document's clock
        only moves forward, a tick at a time)."""
        answer = self._ask(op="render", document=document, data=data, viewport=viewport._asdict(),
                           moments=[{"at": at, "png": str(png) if png else None} for at, png in moments])
        return [Moment(m["text"], m["overflow"], m["blank"]) for m in answer["moments"]]

    def tap(self, label: str) -> list[list[Any]]:
        """Tap the button labelled `label` on the screen last rendered: every SendEvent's arguments so far."""
        return self._ask(op="tap", text=label)["events"]
