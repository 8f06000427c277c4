"""Journey parsing: per file, against python-frontmatter reading the same file (the floor: YAML + split);
and the whole library's first load in a fresh process, which every cold start pays."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import frontmatter

from skill.journeys.library import SHIPPED_JOURNEYS, journey_files
from skill.journeys.parse import parse_journey

from .timing import interleaved_medians, row

FRESH = "import time; t=time.perf_counter(); {body}; print(time.perf_counter()-t)"


def _fresh(body: str) -> float:
    out = subprocess.run([sys.executable, "-c", FRESH.format(body=body)], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).resolve().parents[1])
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    print("journey parsing")
    for path in journey_files([SHIPPED_JOURNEYS]):
        text = path.read_text(encoding="utf-8")
        m = interleaved_medians({"ours": lambda t=text: parse_journey(t, "x.md"),
                                 "frontmatter": lambda t=text: frontmatter.loads(t)}, repeat=300)
        print(row(f"parse {path.name} ({len(text)} chars)", m["ours"], m["frontmatter"]))
    runs = 5
    base = min(_fresh("import frontmatter") for _ in range(runs))
    ours = min(_fresh("from skill.journeys import load_library; load_library()") for _ in range(runs))
    print(row("fresh process: import + load all journeys", ours, base))
    print(f"  (baseline: importing python-frontmatter alone; extra cold-start cost {1000 * (ours - base):.1f} ms)")


if __name__ == "__main__":
    main()
