"""The command line: `python -m skill lint | rehearse | serve | screens | model | compile-journeys | package`."""

from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m skill", description="Couple Journeys")
    commands = parser.add_subparsers(dest="command", required=True)

    lint = commands.add_parser("lint", help="check journey files and report problems by file and line")
    lint.add_argument("paths", nargs="+", help="journey files or folders of them")
    lint.add_argument("--json", action="store_true", help="print one JSON report per file")

    rehearse = commands.add_parser("rehearse", help="run the skill locally, spoken by pyttsx3 on espeak-ng")
    rehearse.add_argument("--script", help="a file with one reply per listening turn (an empty line: silence)")
    rehearse.add_argument("--fast", action="store_true", help="do not wait in real time; report the waits")
    rehearse.add_argument("--silent", action="store_true", help="no live sound (--wav-dir still writes WAVs)")
    rehearse.add_argument("--wav-dir", help="write every spoken response, pauses included, as numbered WAVs")
    rehearse.add_argument("--transcript", help="write one JSON line per exchange to this file")
    rehearse.add_argument("--store", help="progress store URL (default: $PROGRESS_STORE or a local SQLite file)")
    rehearse.add_argument("--journeys", help="folder of journey files (default: $JOURNEYS_DIR or journeys/)")
    rehearse.add_argument("--couple", default="local", help="whose progress: each name is a separate account")
    rehearse.add_argument("--locale", default="en-US",
                          help="the device's locale, one a catalog serves (en-US, de-DE, …): journeys, words, voice")
    rehearse.add_argument("--listen", action="store_true",
                          help="hear the couple through the default microphone, offline (English; typing still works)")
    rehearse.add_argument("--listen-from", metavar="DIR",
                          help="hear DIR's 16 kHz WAV files instead, one each time the skill listens, in the order "
                               "of the numbers their names start with (a number without a file: silence)")
    rehearse.add_argument("--keep-audio", metavar="DIR",
                          help="debugging: write what was heard to DIR (off by default: audio stays in memory)")
    rehearse.add_argument("--at", metavar="YYYY-MM-DDTHH:MM",
                          help="rehearse as if it were this local time (another evening: dates, streaks)")

    serve = commands.add_parser("serve", help="the self-hosted endpoint: Alexa POSTs to /alexa")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8080)
    serve.add_argument("--insecure-skip-verification", action="store_true",
                       help="development only, loopback only: accept unsigned requests")
    serve.add_argument("--any-skill", action="store_true",
                       help="answer requests for any skill id (without it, SKILL_ID must be set)")

    screens = commands.add_parser("screens", help="play an evening on an Echo Show and render every screen to PNG "
                                  "(Echo Show 5, 8, 15 and a TV), each document checked by apl-suggester")
    screens.add_argument("--out", default="screens", help="the folder for the PNGs (default: screens/)")

    commands.add_parser("model", help="regenerate interaction_models/ from the code and journeys/")

    compiled = commands.add_parser("compile-journeys",
                                   help="write DIR/.journeys.json (checked plain JSON) for faster cold starts")
    compiled.add_argument("folder", nargs="?", default=None,
                          help="journeys folder (default: $JOURNEYS_DIR or journeys/)")

    package = commands.add_parser("package", help="write an `ask deploy`-ready project: ask-resources.json and "
                                  "skill-package/ (skill.json, every model in interaction_models/)")
    package.add_argument("--out", default="build", help="the project folder (default: build/)")
    package.add_argument("--lambda-arn", default="", help="the function's ARN (sam deploy prints SkillFunctionArn)")
    package.add_argument("--https-endpoint", default="", help="self-hosting: https://your.host/alexa")
    package.add_argument("--certificate", default="Trusted", choices=("Trusted", "Wildcard", "SelfSigned"),
                         help="with --https-endpoint: the kind of certificate it serves (default: Trusted)")
    package.add_argument("--privacy-url", default="", help="where your privacy policy is published (required)")
    package.add_argument("--terms-url", default="", help="where your terms of use are published")
    package.add_argument("--skill-id", default="", help="the skill created in the console, so `ask deploy` updates it")

    args = parser.parse_args(argv)
    if args.command == "lint":
        from .journeys.lint import run

        return run(args.paths, args.json, sys.stdout)
    if args.command == "rehearse":
        from .rehearsal.cli import rehearse

        return rehearse(args)
    if args.command == "serve":
        import logging

        from .web import serve as run_server

        logging.basicConfig(level=logging.INFO)
        return run_server(args.host, args.port, args.insecure_skip_verification, args.any_skill)
    if args.command == "screens":
        from pathlib import Path

        from .screens.evening import write

        return write(Path(args.out))
    if args.command == "model":
        from .alexa.interaction_model import write
        from .journeys import load_library

        for path in write(load_library()):
            print(f"wrote {path}")
        return 0
    if args.command == "compile-journeys":
        from .journeys.library import default_dir
        from .journeys.lint import compile_folder

        print(f"wrote {compile_folder(args.folder or default_dir())}")
        return 0
    if args.command == "package":
        from .alexa.package import Endpoint, PackageError, assemble

        endpoint = Endpoint(args.lambda_arn, args.https_endpoint, args.certificate)
        try:
            out = assemble(args.out, endpoint, args.privacy_url, args.terms_url, args.skill_id)
        except PackageError as exc:
            print(f"package: {exc}", file=sys.stderr)
            return 2
        print(f"wrote {out}/ask-resources.json and {out}/skill-package/ (deploy: cd {out} && ask deploy)")
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
