"""Reading a journey file as untrusted input: regular files only, of a bounded size.

A FIFO named `x.md` would block the reader forever, and a link to /dev/zero would be read until memory
runs out; either would stop lint and every cold start. Such files are skipped with the reason.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

MAX_JOURNEY_BYTES = 256 * 1024  # the longest shipped journey is under 8 kB

_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
          (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))


class Skipped(Exception):
    """The file is not read: the message says why."""


def read_source(path: str | Path, limit: int = MAX_JOURNEY_BYTES) -> bytes:
    """The bytes of a regular file of at most `limit` bytes (a link to one is followed)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # opening a FIFO must not wait
    except OSError as exc:
        raise Skipped(f"cannot read the file: {exc.strerror or exc}") from exc
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = next((name for test, name in _KINDS if test(mode)), "not a file")
            raise Skipped(f"skipped: {kind}, not a regular file")
        data = b""
        while len(data) <= limit:
            chunk = os.read(fd, limit + 1 - len(data))
            if not chunk:
                break
            data += chunk
    except OSError as exc:
        raise Skipped(f"cannot read the file: {exc.strerror or exc}") from exc
    finally:
        os.close(fd)
    if len(data) > limit:
        raise Skipped(f"skipped: larger than {limit // 1024} kB; a journey is a few kB of text")
    return data
