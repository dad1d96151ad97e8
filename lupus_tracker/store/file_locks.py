"""Keeping SQLite's lock on an open database file when something else in this process
reads the file.

POSIX record locks belong to the process, not to a descriptor: closing ANY descriptor of
the database file in this process silently releases the SHARED lock SQLite holds on it
(sqlite.org/howtocorrupt.html, 2.2). Qt's own file dialog does that when it lists the
folder holding the open file (it reads each file to choose its icon), and so does any MIME
check of the file. Another program then closing its connection, e.g. ``lupus-tracker
check`` in a terminal, finds no lock, takes itself for the last connection, copies the
write-ahead log into the file and deletes the -wal and -shm under this process: its next
reads failed with SQLITE_IOERR_SHORT_READ ("The disk could not be written" until a
restart, seen once by the patient reviewer) and its next writes went to a deleted log
(lost at the next start).

So this process keeps one descriptor of each open database file for as long as any of its
connections is open (closed after the last connection), re-takes SQLite's SHARED lock
through it before each write and each look for outside changes (the window does that when
it gets the focus back, e.g. after a file dialog), and remembers the -wal file it started
with: when another program removed it anyway, writes are refused with a clear message
instead of going to the deleted log.
"""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: locks belong to a handle there, nothing to re-take
    fcntl = None  # type: ignore[assignment]

# SQLite's lock bytes (os_unix.c): PENDING_BYTE is at 1 GiB, SHARED_FIRST two bytes on,
# SHARED_SIZE bytes long. A SHARED lock is a read lock on that range.
_PENDING_BYTE = 0x40000000
SHARED_FIRST = _PENDING_BYTE + 2
SHARED_SIZE = 510

FileKey = tuple[int, int]


@dataclass
class _Hold:
    fd: int | None
    log: FileKey | None = None  # the -wal file (device, inode) first seen


_holds: dict[FileKey, _Hold] = {}
_lock = threading.RLock()


def file_key(path: Path | str) -> FileKey | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def hold(key: FileKey, path: Path) -> None:
    """A descriptor of the file, kept while any connection of this process has it open
    (called when the first connection opens)."""
    with _lock:
        if key in _holds:
            return
        try:
            fd: int | None = os.open(path, os.O_RDONLY)
        except OSError:
            fd = None
        _holds[key] = _Hold(fd)


def release(key: FileKey) -> None:
    """After the last connection of this process to the file has closed."""
    with _lock:
        held = _holds.pop(key, None)
    if held is not None and held.fd is not None:
        with contextlib.suppress(OSError):
            os.close(held.fd)


def remember_log(key: FileKey | None, path: Path) -> None:
    """Note the -wal file a writable connection found when it opened (the first one)."""
    if key is None:
        return
    with _lock:
        held = _holds.get(key)
        if held is not None and held.log is None:
            held.log = file_key(f"{path}-wal")


def reassert(key: FileKey | None) -> None:
    """Take SQLite's SHARED lock again (a no-op while this process still has it; refused
    without waiting while another program holds the file exclusively)."""
    if fcntl is None or key is None:
        return
    with _lock:
        held = _holds.get(key)
        if held is None or held.fd is None:
            return
        with contextlib.suppress(OSError):
            fcntl.lockf(held.fd, fcntl.LOCK_SH | fcntl.LOCK_NB, SHARED_SIZE, SHARED_FIRST)


def log_removed(path: Path | str) -> bool:
    """True when another program removed (or replaced) the -wal file of a database this
    process has open since it opened it."""
    key = file_key(path)
    with _lock:
        held = _holds.get(key) if key is not None else None
        started_with = held.log if held is not None else None
    return started_with is not None and file_key(f"{path}-wal") != started_with
