"""Small timing helpers shared by the benchmarks."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def interleaved_medians(fns: dict[str, Callable[[], object]], repeat: int = 200) -> dict[str, float]:
    """Median of each, the runs interleaved so that machine noise falls on all of them alike."""
    samples: dict[str, list[float]] = {name: [] for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            start = time.perf_counter()
            fn()
            samples[name].append(time.perf_counter() - start)
    return {name: statistics.median(s) for name, s in samples.items()}


def row(label: str, value: float, baseline: float, goal: float | None = None) -> str:
    ratio = value / baseline if baseline else float("inf")
    verdict = "" if goal is None else ("  ok" if ratio <= goal else f"  MISSES goal ≤ {goal}×")
    return f"  {label:<48} {value * 1000:9.3f} ms   {ratio:6.2f}× baseline{verdict}"
