"""Errors a user can act on, mapped from SQLite's error codes.

Anything not listed here is a bug and propagates as the original exception.
"""

from __future__ import annotations

import sqlite3


class StoreError(Exception):
    """A database problem with a message written for the user."""


class NotOurFileError(StoreError):
    pass


class NotSQLiteError(NotOurFileError):
    """Not a SQLite file at all: a damaged database of ours may look like this too."""


class DamagedFileError(StoreError):
    pass


class NewerVersionError(StoreError):
    pass


class FileInUseError(StoreError):
    pass


class DiskFullError(StoreError):
    pass


class ReadOnlyError(StoreError):
    pass


class MissingFileError(StoreError):
    pass


class EmptyFileError(MissingFileError):
    """A 0-byte file where a database was expected: never taken for a new database."""


class LogRemovedError(StoreError):
    """Another program removed the write-ahead log of the file while this process had it
    open (store/file_locks.py): nothing more may be written through this connection."""


class WrongDatabaseError(StoreError):
    """A backup of another database (another identity)."""


class NotFoundError(StoreError):
    """An entry that does not exist (any more)."""


_MAPPING = {
    "SQLITE_BUSY": (
        FileInUseError,
        "The database is in use by another window or program; close it and try again.",
    ),
    "SQLITE_LOCKED": (FileInUseError, "The database is locked by another program."),
    "SQLITE_FULL": (
        DiskFullError,
        "The disk is full: nothing was saved from this change. Free some space and try again.",
    ),
    "SQLITE_IOERR": (
        DiskFullError,
        "The disk could not be written: nothing was saved from "
        "this change. Check the disk and try again.",
    ),
    "SQLITE_READONLY": (
        ReadOnlyError,
        "The database file is read-only: changes cannot be "
        "saved. Save a copy elsewhere or fix its permissions.",
    ),
    "SQLITE_CANTOPEN": (
        MissingFileError,
        "The database file cannot be opened: check that the folder exists and you may write to it.",
    ),
    "SQLITE_CORRUPT": (DamagedFileError, "The database file is damaged."),
    "SQLITE_NOTADB": (NotOurFileError, "This file is not a Lupus Tracker database."),
    "SQLITE_PERM": (ReadOnlyError, "Permission denied for the database file."),
}


def user_error(error: sqlite3.Error, path: object = "") -> StoreError | None:
    """The user-facing error for a SQLite error, or ``None`` when it is a bug."""
    name = getattr(error, "sqlite_errorname", "") or ""
    for prefix, (kind, message) in _MAPPING.items():
        if name == prefix or name.startswith(prefix + "_"):
            where = f" ({path})" if path else ""
            return kind(message + where)
    return None
