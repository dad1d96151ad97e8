"""The one function that opens a Lupus Tracker database, and its connection wrapper.

Opening checks the file before anything is written to it: a file that is not SQLite, a
SQLite file of another application, a damaged file or one made by a newer version of the
app gives a clear :class:`StoreError` and the file is left untouched.  A new file is created
owner-only (0600); SQLite gives its -wal and -shm files the same mode.

Settings, chosen deliberately:
- ``journal_mode=WAL``: readers never block the writer; a crash leaves the last committed
  state.
- ``synchronous=FULL``: in WAL mode NORMAL may lose the last commits on a power cut; FULL
  syncs the WAL on every commit, so an entry whose save returned survives a power cut.
  The cost (one fsync per user action) is invisible at the rate people log data.
- ``foreign_keys=ON``, ``busy_timeout=5000`` ms, ``temp_store=MEMORY`` (no health data in
  temporary files).
- Every write is one ``BEGIN IMMEDIATE`` transaction (:meth:`Database.transaction`).
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from lupus_tracker.store.errors import (
    DamagedFileError,
    MissingFileError,
    NewerVersionError,
    NotOurFileError,
    StoreError,
    user_error,
)
from lupus_tracker.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
OWNER_ONLY = 0o600


def create_private_file(path: Path) -> None:
    """Create an empty file readable and writable by its owner only; fail if it exists."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_ONLY)
    os.close(fd)


def _inspect_existing(path: Path, quick_check: bool = True) -> int:
    """Check an existing file read-only; return its schema version (0 for an empty file)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except OSError as error:
        raise MissingFileError(f"Cannot read {path}: {error.strerror}.") from None
    if header == b"":
        return 0
    if header != SQLITE_HEADER:
        raise NotOurFileError(f"{path} is not a Lupus Tracker database (not a SQLite file).")
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as error:
        raise DamagedFileError(f"{path} cannot be opened: {error}.") from None
    try:
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if app_id != APPLICATION_ID and (app_id != 0 or tables):
            raise NotOurFileError(
                f"{path} is a SQLite database of another program, not a Lupus Tracker "
                "database. Nothing was changed."
            )
        if version > SCHEMA_VERSION:
            raise NewerVersionError(
                f"{path} was made by a newer version of Lupus Tracker (schema {version}; "
                f"this version knows up to {SCHEMA_VERSION}). Update the app to open it."
            )
        check = conn.execute("PRAGMA quick_check").fetchone()[0] if quick_check else "ok"
        if check != "ok":
            raise DamagedFileError(f"{path} is damaged ({check}). Nothing was changed.")
        return version
    except sqlite3.DatabaseError as error:
        raise DamagedFileError(
            f"{path} is damaged or not a database ({error}). Nothing was changed."
        ) from None
    finally:
        conn.close()


class Database:
    """An open database: one connection, explicit transactions, user-facing errors."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.conn = conn
        self._depth = 0

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One ``BEGIN IMMEDIATE`` transaction; nested use joins the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield self.conn
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise self._mapped(error) from error
        self._depth = 1
        try:
            yield self.conn
            self.conn.execute("COMMIT")
        except BaseException as error:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise self._mapped(error) from error
            raise
        finally:
            self._depth = 0

    def _mapped(self, error: sqlite3.Error) -> Exception:
        return user_error(error, self.path) or error

    def query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as error:
            raise self._mapped(error) from error

    def schema_version(self) -> int:
        return self.conn.execute("PRAGMA user_version").fetchone()[0]

    def integrity_check(self) -> list[str]:
        rows = self.conn.execute("PRAGMA integrity_check").fetchall()
        problems = [row[0] for row in rows if row[0] != "ok"]
        problems += [f"foreign key: {tuple(row)}"
                     for row in self.conn.execute("PRAGMA foreign_key_check")]
        return problems

    def backup_to(self, target: Path) -> None:
        """Copy the live database with SQLite's online backup API into a new private file."""
        target = Path(target)
        if target.exists():
            target.unlink()
        create_private_file(target)
        dest = sqlite3.connect(target)
        try:
            self.conn.backup(dest)
        finally:
            dest.close()

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _configure(conn: sqlite3.Connection) -> None:
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    mode = conn.execute("PRAGMA journal_mode = WAL").fetchone()[0]
    if mode.lower() != "wal":
        raise StoreError(f"The database could not be switched to WAL mode (got {mode}).")
    conn.execute("PRAGMA synchronous = FULL")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA temp_store = MEMORY")


def _migrate(db: Database, version: int) -> None:
    if version == SCHEMA_VERSION:
        return
    if version > 0:
        db.backup_to(db.path.with_name(f"{db.path.name}.before-schema-{SCHEMA_VERSION}"))
    for number in sorted(n for n in MIGRATIONS if n > version):
        script = MIGRATIONS[number]
        header = f"PRAGMA application_id = {APPLICATION_ID};" if number == 1 else ""
        try:
            db.conn.executescript(
                f"BEGIN IMMEDIATE; {header} {script} PRAGMA user_version = {number}; COMMIT;"
            )
        except sqlite3.Error as error:
            if db.conn.in_transaction:
                db.conn.execute("ROLLBACK")
            raise db._mapped(error) from error


def open_database(path: os.PathLike | str, *, create: bool = True,
                  quick_check: bool = True) -> Database:
    """Open (or, with ``create``, make) a Lupus Tracker database at ``path``.

    ``quick_check=False`` skips the file check for a second connection to a file this
    process has already opened and checked (background tasks, :mod:`lupus_tracker.ui.tasks`).
    """
    path = Path(path).expanduser()
    if path.is_dir():
        raise MissingFileError(f"{path} is a folder, not a database file.")
    if path.exists():
        version = _inspect_existing(path, quick_check)
        for own in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
            with contextlib.suppress(OSError):  # ours now: make it private if it was not
                os.chmod(own, OWNER_ONLY)
    elif create:
        try:
            create_private_file(path)
        except OSError as error:
            raise MissingFileError(f"Cannot create {path}: {error.strerror}.") from None
        version = 0
    else:
        raise MissingFileError(f"No database at {path}.")
    try:
        conn = sqlite3.connect(path, isolation_level=None)
    except sqlite3.Error as error:
        raise user_error(error, path) or error from None
    conn.row_factory = sqlite3.Row
    db = Database(path, conn)
    try:
        _configure(conn)
        _migrate(db, version)
    except sqlite3.Error as error:
        conn.close()
        raise db._mapped(error) from error
    except BaseException:
        conn.close()
        raise
    return db
