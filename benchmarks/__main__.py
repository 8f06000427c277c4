"""Run the benchmarks named on the command line, or all of them."""

from __future__ import annotations

import importlib
import platform
import sys

ALL = ["parse", "coldstart", "warm", "roundtrips", "deadline", "rehearsal", "web", "record_size", "listening"]


def main(names: list[str]) -> None:
    print(f"machine: {platform.machine()}, {platform.python_implementation()} {platform.python_version()}")
    for name in names or ALL:
        importlib.import_module(f"benchmarks.{name}").main()


if __name__ == "__main__":
    main(sys.argv[1:])
