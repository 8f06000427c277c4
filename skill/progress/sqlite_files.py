"""What the files of the embedded store say on disk, read without SQLite: whether a file is SQLite's at
all, which files are there now, the set-aside copies, and other processes still on deleted -wal/-shm.

Never opened while SQLite has the file open in this process, except to read a header SQLite already
called damaged: closing any descriptor of a file drops every POSIX lock this process holds on it.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

MAGIC = b"SQLite format 3\x00"
STAMP = "%Y%m%dT%H%M%S%fZ"
PARTS = ("", "-wal", "-shm")


def foreign_header(path: str) -> bool:
    """The file has bytes, and they do not begin as every SQLite database does."""
    try:
        with open(path, "rb") as f:
            head = f.read(len(MAGIC))
    except OSError:
        return False
    return bool(head) and head != MAGIC


def identity(path: str) -> tuple[Any, ...]:
    """Which file, -wal and -shm are on disk now (device and inode; None when absent)."""
    out = []
    for suffix in PARTS:
        try:
            stat = os.stat(path + suffix)
            out.append((stat.st_dev, stat.st_ino))
        except OSError:
            out.append(None)
    return tuple(out)


def set_aside(path: str, now: datetime) -> str:
    """Rename the file and its -wal/-shm to `<path>.<UTC time>.unusable[-wal|-shm]`; returns the new name."""
    aside = f"{path}.{now.strftime(STAMP)}.unusable"
    for suffix in PARTS:
        if Path(path + suffix).exists():
            Path(path + suffix).rename(aside + suffix)
    return aside


def prune_aside(path: str, keep: int, days: int, now: datetime) -> None:
    """Delete set-aside copies beyond the newest `keep`, and any older than `days`."""
    base = Path(path)
    groups: dict[datetime, list[Path]] = {}
    for part in base.parent.glob(f"{base.name}.*.unusable*"):
        try:
            stamp = part.name[len(base.name) + 1:].split(".")[0]
            groups.setdefault(datetime.strptime(stamp, STAMP).replace(tzinfo=UTC), []).append(part)
        except ValueError:
            continue
    oldest = now - timedelta(days=days)
    for n, when in enumerate(sorted(groups, reverse=True)):
        if n >= keep or when < oldest:
            for part in groups[when]:
                part.unlink(missing_ok=True)


def others_on_deleted_files(path: str) -> bool:
    """Another process holds the database open (SQLite keeps a shared lock on it in WAL mode) while
    nobody else holds our -shm: its -wal/-shm were deleted under it, and it writes where we cannot read.
    Read from /proc/locks (Linux); elsewhere this is not known, and False."""
    if not sys.platform.startswith("linux"):
        return False
    files = identity(path)
    if files[0] is None or files[2] is None:
        return False
    me, db, shm = os.getpid(), _key(files[0]), _key(files[2])
    on_db = on_shm = False
    try:
        with open("/proc/locks", encoding="ascii", errors="replace") as locks:
            for line in locks:
                fields = line.split()
                if len(fields) < 6 or fields[1] != "POSIX" or not fields[4].isdigit() or int(fields[4]) == me:
                    continue
                on_db = on_db or fields[5] == db
                on_shm = on_shm or fields[5] == shm
    except OSError:
        return False
    return on_db and not on_shm


def _key(file: tuple[int, int]) -> str:
    """A (device, inode) as /proc/locks writes it: major:minor:inode, the device numbers in hex."""
    dev, ino = file
    return f"{os.major(dev):02x}:{os.minor(dev):02x}:{ino}"
