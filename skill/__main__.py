"""The command line: `python -m skill lint | rehearse | serve`."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m skill", description="Couple Journeys")
    commands = parser.add_subparsers(dest="command", required=True)

    lint = commands.add_parser("lint", help="check journey files and report problems by file and line")
    lint.add_argument("paths", nargs="+", help="journey files or folders of them")
    lint.add_argument("--json", action="store_true", help="print one JSON report per file")

    args = parser.parse_args(argv)
    if args.command == "lint":
        from .journeys.lint import run

        return run(args.paths, args.json, sys.stdout)
    return 2


if __name__ == "__main__":
    sys.exit(main())
