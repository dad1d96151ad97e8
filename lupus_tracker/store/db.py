"""The one function that opens a Lupus Tracker database, and its connection wrapper.

Opening checks the file before anything is written to it: a file that is not SQLite, a
SQLite file of another application, a damaged file or one made by a newer version of the
app gives a clear :class:`StoreError`; the file is left untouched and nothing is created
beside it. A new file is created owner-only (0600); SQLite gives its -wal and -shm files
the same mode. An empty (0-byte) file is never taken for a new database, and a missing file
that has backups is not silently replaced by an empty one.

A file in a folder that cannot be written (a read-only mount) or that cannot itself be
written is opened read-only, so reading commands work; a change then says that the folder
(or file) is read-only, and a full disk says the disk is full, never "damaged".

The path is resolved once (symlinks followed) and the connection works on the real file,
so a restore or a copy never replaces a link instead of the data.

**POSIX locks.** Closing *any* descriptor of a file drops every lock this process holds on
it, including the locks of its open SQLite connections (SQLite's "How To Corrupt" §2.2).
So the file is only read outside SQLite (its 100-byte header) while this process has no
connection to it; a second connection (a worker's) goes through SQLite alone.

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
import shutil
import sqlite3
import stat
import threading
import uuid
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

from lupus_tracker.paths import PRIVATE_FILE_MODE, keep_to_owner, make_private_dir
from lupus_tracker.store import file_locks, integrity
from lupus_tracker.store.errors import (
    DamagedFileError,
    DiskFullError,
    EmptyFileError,
    FileInUseError,
    LogRemovedError,
    MissingFileError,
    NewerVersionError,
    NotOurFileError,
    NotSQLiteError,
    ReadOnlyError,
    StoreError,
    user_error,
)
from lupus_tracker.store.schema import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
OWNER_ONLY = PRIVATE_FILE_MODE
SIDE_FILES = ("-wal", "-shm", "-journal")
DISK_FULL_BYTES = 256 * 1024  # less free space than this: "the disk is full"

# The files this process has a connection to, by (device, inode), with their count.
_open_files: dict[tuple[int, int], int] = {}
_open_lock = threading.RLock()


def create_private_file(path: Path) -> None:
    """Create an empty file readable and writable by its owner only; fail if it exists."""
    make_private_dir(Path(path).parent)
    fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, OWNER_ONLY)
    try:
        os.fchmod(fd, OWNER_ONLY)
    finally:
        os.close(fd)


def resolve_database_path(path: os.PathLike[str] | str) -> Path:
    """The real file behind ``path`` (``~`` expanded, symlinks followed), resolved once."""
    return Path(os.path.realpath(Path(path).expanduser()))


def _file_key(path: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def is_open_in_process(path: Path) -> bool:
    """True while this process has a connection to the file at ``path``."""
    key = _file_key(path)
    with _open_lock:
        return key is not None and key in _open_files


def same_file(a: Path, b: Path) -> bool:
    """True when two paths name the same file (links followed); False if either is missing."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return os.path.realpath(a) == os.path.realpath(b)


def read_header(path: Path) -> bytes:
    """The 100-byte file header and page 1's b-tree header, read without SQLite. Only
    call it when no connection of this process is open on ``path`` (module docstring)."""
    if is_open_in_process(path):
        raise RuntimeError("read_header on a file this process has open")  # a bug
    with path.open("rb") as handle:
        return handle.read(108)


def _int_at(header: bytes, offset: int) -> int:
    return int.from_bytes(header[offset : offset + 4], "big")


def _inspect_header(path: Path) -> None:
    """Refuse a non-SQLite, foreign or newer file from its header alone: nothing opened by
    SQLite, so nothing (no -wal, no -shm) is created beside a file that is refused."""
    try:
        header = read_header(path)
    except OSError as error:
        raise MissingFileError(f"Cannot read {path}: {error.strerror}.") from None
    if header[:16] != SQLITE_HEADER:
        raise NotSQLiteError(f"{path} is not a Lupus Tracker database (not a SQLite file).")
    if len(header) < 100:
        raise DamagedFileError(f"{path} is damaged (cut short). Nothing was changed.")
    app_id, version = _int_at(header, 68), _int_at(header, 60)
    if app_id not in (APPLICATION_ID, 0):
        raise NotOurFileError(
            f"{path} is a SQLite database of another program, not a "
            "Lupus Tracker database. Nothing was changed."
        )
    if app_id == APPLICATION_ID and version > SCHEMA_VERSION:
        raise _newer(path, version)
    # Page 1 holds the schema table: a leaf page (type 13) with no cells means no tables.
    no_tables = len(header) >= 105 and header[100] == 13 and header[103:105] == b"\0\0"
    if app_id == 0 and not no_tables:
        raise NotOurFileError(
            f"{path} is a SQLite database of another program, not a "
            "Lupus Tracker database. Nothing was changed."
        )


def _newer(path: Path, version: int) -> NewerVersionError:
    return NewerVersionError(
        f"{path} was made by a newer version of Lupus Tracker (schema {version}; this "
        f"version knows up to {SCHEMA_VERSION}): update the app to open it. Nothing was "
        "changed."
    )


def folder_writable(path: Path) -> bool:
    """True when files can be created in ``path``'s folder (False on a read-only mount)."""
    return os.access(Path(path).parent, os.W_OK)


def disk_full(path: Path) -> bool:
    try:
        return shutil.disk_usage(Path(path).parent).free < DISK_FULL_BYTES
    except OSError:
        return False


_UNWRITABLE = ("SQLITE_CANTOPEN", "SQLITE_READONLY", "SQLITE_IOERR", "SQLITE_FULL", "SQLITE_PERM")


def explain_unwritable(path: Path, error: sqlite3.Error) -> StoreError | None:
    """What is true when SQLite could not open or write ``path``: another program removed
    its log under this process, the disk is full, or the folder or file is read-only
    (``None`` when none of these explains the error)."""
    name = getattr(error, "sqlite_errorname", "") or ""
    if not name.startswith(_UNWRITABLE):
        return None
    if name.startswith("SQLITE_IOERR") and file_locks.log_removed(path):
        return log_removed_error(path)
    if disk_full(path):
        return DiskFullError(
            f"The disk is full: {path} cannot be changed (nor its -wal "
            "log written). Free some space and try again. Nothing was "
            "changed."
        )
    if not folder_writable(path):
        return ReadOnlyError(
            f"The folder {Path(path).parent} is read-only: {Path(path).name} "
            "can be read but not changed there. Copy it to a folder you may "
            "write to. Nothing was changed."
        )
    if Path(path).exists() and not os.access(path, os.W_OK):
        return ReadOnlyError(
            f"The file {path} is read-only: it can be read but not changed. Nothing was changed."
        )
    return None


def log_removed_error(path: Path) -> LogRemovedError:
    return LogRemovedError(
        f"Another program removed the write-ahead log of {path} while this window had it "
        "open, so nothing more can be saved safely. What was saved before is in the file. "
        "Close Lupus Tracker and start it again. Nothing was changed."
    )


def _inspect_connection(path: Path, conn: sqlite3.Connection, *, quick_check: bool) -> int:
    """The authoritative checks, through SQLite (they see what the -wal holds)."""
    with _mapped_open_errors(path):
        app_id = conn.execute("PRAGMA application_id").fetchone()[0]
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
    if app_id != APPLICATION_ID and (app_id != 0 or tables):
        raise NotOurFileError(
            f"{path} is a SQLite database of another program, not a "
            "Lupus Tracker database. Nothing was changed."
        )
    if version > SCHEMA_VERSION:
        raise _newer(path, version)
    if quick_check:
        _quick_check(path, conn)
    return int(version)


def _quick_check(path: Path, conn: sqlite3.Connection) -> None:
    with _mapped_open_errors(path):
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise DamagedFileError(f"{path} is damaged ({check}). Nothing was changed.")


@contextlib.contextmanager
def _mapped_open_errors(path: Path) -> Iterator[None]:
    """SQLite's errors while a file is being opened, as the user reads them."""
    try:
        yield
    except sqlite3.DatabaseError as error:
        mapped = explain_unwritable(path, error) or user_error(error, path)
        if isinstance(mapped, FileInUseError | ReadOnlyError | DiskFullError):
            raise mapped from None
        raise DamagedFileError(
            f"{path} is damaged or not a database ({error}). Nothing was changed."
        ) from None


def _nothing_to_write(conn: sqlite3.Connection, version: int, read_only: bool) -> bool:
    """True when opening writes nothing to the file: it is read-only, or already in WAL
    mode at this version's schema with its identity (so its check may run beside the
    window; a file that opening changes is checked before, as always)."""
    if read_only:
        return True
    mode = str(conn.execute("PRAGMA journal_mode").fetchone()[0]).lower()
    return mode == "wal" and version == SCHEMA_VERSION and identity_of(conn) is not None


class Database:
    """An open database: one connection, explicit transactions, user-facing errors.

    ``connect_again`` makes another plain connection to the same file, as this one was
    made (the integrity check opened beside the window uses it)."""

    def __init__(
        self,
        path: Path,
        conn: sqlite3.Connection,
        connect_again: Callable[[], sqlite3.Connection] | None = None,
    ):
        self.path = path
        self.conn = conn
        self._depth = 0
        self._key = _file_key(path)
        self._connect_again = connect_again
        self.integrity: integrity.IntegrityCheck | None = None  # a check run beside the window
        with _open_lock:
            if self._key is not None:
                _open_files[self._key] = _open_files.get(self._key, 0) + 1
                file_locks.hold(self._key, path)  # SQLite's lock survives a stray close

    def _keep_lock(self) -> None:
        """Re-take SQLite's lock (a stray close in this process released it) and refuse
        to go on when another program removed the write-ahead log meanwhile."""
        file_locks.reassert(self._key)
        if file_locks.log_removed(self.path):
            raise log_removed_error(self.path)

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
        refused = integrity.refusal(self._key)  # never a write before the file's check passed
        if refused is not None:
            raise refused
        self._keep_lock()  # never a write to a log another program deleted
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
        return explain_unwritable(self.path, error) or user_error(error, self.path) or error

    def query(
        self, sql: str, params: tuple[object, ...] | dict[str, object] = ()
    ) -> list[sqlite3.Row]:
        try:
            return self.conn.execute(sql, params).fetchall()
        except sqlite3.Error as error:
            raise self._mapped(error) from error

    def chunks(
        self, sql: str, params: tuple[object, ...] = (), size: int = 4096
    ) -> Iterator[list[sqlite3.Row]]:
        """The rows of ``sql`` a few thousand at a time: a reader of 110,000 rows keeps
        columns, not every row at once."""
        try:
            cursor = self.conn.execute(sql, params)
            while rows := cursor.fetchmany(size):
                yield rows
        except sqlite3.Error as error:
            raise self._mapped(error) from error

    def data_stamp(self) -> tuple[int, int]:
        """A stamp that changes whenever the stored data may have changed: SQLite's
        ``data_version`` (changes when another connection, in this process or another,
        commits) with this connection's own count of changed rows (``total_changes``:
        every insert, update or delete made through it, even outside a manager). Readers
        cache what they loaded under it (:meth:`ResultsManager.all`). Takes SQLite's lock
        again (the window asks when it gets the focus back, e.g. after a file dialog
        read the file)."""
        self._keep_lock()
        try:
            version = self.conn.execute("PRAGMA data_version").fetchone()[0]
        except sqlite3.Error as error:
            raise self._mapped(error) from error
        return int(version), self.conn.total_changes

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def identity(self) -> str | None:
        """The database's identity (a random UUID made with the file), or ``None`` for a file
        not yet migrated to schema 3 (only seen through ``migrate=False``)."""
        return identity_of(self.conn)

    def integrity_check(self) -> list[str]:
        rows = self.conn.execute("PRAGMA integrity_check").fetchall()
        problems = [row[0] for row in rows if row[0] != "ok"]
        problems += [
            f"foreign key: {tuple(row)}" for row in self.conn.execute("PRAGMA foreign_key_check")
        ]
        return problems

    def write_copy(self, target: Path, *, new_identity: bool = False) -> None:
        """Copy the live database (what its -wal holds included) into the new file
        ``target`` with SQLite's online backup API: owner-only, rollback-journal mode (so
        reading it later leaves no -wal or -shm), synced to disk. ``target`` must not exist
        and must not be this database or one of its side files. ``new_identity`` gives the
        copy an identity of its own (Save a Copy As: its backups never mix with these)."""
        target = Path(target)
        if refers_to_database(target, self.path):
            raise StoreError(f"{target} is the open database itself; choose another file.")
        create_private_file(target)
        try:
            dest = sqlite3.connect(target, isolation_level=None)
            try:
                self.conn.backup(dest)
                dest.execute("PRAGMA journal_mode = DELETE")
                if new_identity and identity_of(dest) is not None:
                    dest.execute("UPDATE database_identity SET uuid = ?", (str(uuid.uuid4()),))
            finally:
                dest.close()
            fsync_file(target)
        except BaseException:
            remove_with_side_files(target)
            raise

    def start_integrity_check(self) -> integrity.IntegrityCheck:
        """Run ``quick_check`` on a connection of its own in a thread: every write to this
        file, from any connection of this process, waits for it (store/integrity.py)."""
        assert self._connect_again is not None
        self.integrity = integrity.start_check(self._key, self.path, self._connect_again)
        return self.integrity

    def close(self) -> None:
        if self.integrity is not None:
            integrity.forget(self._key, self.integrity)
        self.conn.close()
        with _open_lock:
            if self._key is not None and self._key in _open_files:
                _open_files[self._key] -= 1
                if not _open_files[self._key]:
                    del _open_files[self._key]
                    file_locks.release(self._key)  # no connection of ours is left
                self._key = None

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def identity_of(conn: sqlite3.Connection) -> str | None:
    """The identity stored in an open Lupus Tracker file (``None`` before schema 3)."""
    try:
        row = conn.execute("SELECT uuid FROM database_identity WHERE id = 1").fetchone()
    except sqlite3.OperationalError:
        return None
    return row[0] if row else None


def refers_to_database(candidate: Path, database: Path) -> bool:
    """True when ``candidate`` is ``database`` or one of its -wal/-shm/-journal files."""
    candidate = Path(candidate)
    if same_file(candidate, database):
        return True
    real_db = os.path.realpath(database)
    real_candidate = os.path.realpath(candidate)
    return any(real_candidate == real_db + suffix for suffix in SIDE_FILES)


def fsync_file(path: Path) -> None:
    """Flush a closed file (no connection of this process may be open on it) and its
    folder entry to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
    fsync_folder(Path(path).parent)


def fsync_folder(folder: Path) -> None:
    with contextlib.suppress(OSError):  # not every file system syncs a folder
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def remove_with_side_files(path: Path) -> None:
    """Remove a file this code made (a temporary copy) and any -journal/-wal/-shm of it."""
    for suffix in ("", *SIDE_FILES):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{path}{suffix}").unlink()


def unique_name(base: Path) -> Path:
    """``base`` with a suffix to the microsecond, numbered if that still exists."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    candidate = base.with_name(f"{base.name}-{stamp}")
    number = 1
    while any(Path(f"{candidate}{s}").exists() for s in ("", *SIDE_FILES)):
        number += 1
        candidate = base.with_name(f"{base.name}-{stamp}-{number}")
    return candidate


def _configure(conn: sqlite3.Connection, *, read_only: bool = False) -> None:
    if read_only:  # nothing to switch: the file is read as it is
        conn.execute("PRAGMA temp_store = MEMORY")
        return
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
        kept = db.path.with_name(f"{db.path.name}.before-schema-{SCHEMA_VERSION}")
        if any(Path(f"{kept}{s}").exists() for s in ("", *SIDE_FILES)):
            kept = unique_name(kept)  # never replace an earlier copy
        db.write_copy(kept)
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


def _refuse_missing_with_backups(path: Path) -> None:
    from lupus_tracker.store.backup import backups_by_file_name

    found = backups_by_file_name(path)
    if found:
        raise MissingFileError(
            f"{path} is missing, but it has backups (newest {found[0].taken:%Y-%m-%d %H:%M}). "
            f"Restore one (lupus-tracker backups --db {path}; lupus-tracker restore), or "
            "choose another file name. Nothing was created."
        )


def _must_read_only(path: Path) -> bool:
    """An existing file that cannot be written, or whose folder cannot be (no -wal or -shm
    can be made beside it): opened read-only. A file without its owner's write bit (chmod
    444) is read-only too, even for root, who could write it anyway: the person protected it."""
    if not path.exists():
        return False
    protected = not path.stat().st_mode & stat.S_IWUSR
    return not folder_writable(path) or protected or not os.access(path, os.W_OK)


def _why_read_only(path: Path) -> str:
    return "its folder is read-only" if not folder_writable(path) else "the file is read-only"


def _read_only_uri(path: Path) -> str:
    """Read-only access. In a folder where no -shm can be made, SQLite reads a WAL file
    only as immutable, which is exact when no -wal holds unsaved pages (a clean close
    leaves none); with a -wal there, its -shm must be there too (plain ``mode=ro``)."""
    uri = f"{path.as_uri()}?mode=ro"
    wal = Path(f"{path}-wal")
    if not folder_writable(path) and not (wal.exists() and wal.stat().st_size > 0):
        uri += "&immutable=1"
    return uri


def open_database(
    path: os.PathLike[str] | str,
    *,
    create: bool = True,
    migrate: bool = True,
    new_ok: bool = False,
    quick_check: bool = True,
    defer_check: bool = False,
) -> Database:
    """Open (or, with ``create``, make) a Lupus Tracker database at ``path``.

    ``create`` makes a new database where no file exists, unless backups show that a
    database of that name existed there (then the user must choose: restore, or ``new_ok``).
    An empty (0-byte) file is refused unless ``new_ok`` (the user chose a new empty file).
    ``migrate=False`` opens an older file as it is (``check`` changes nothing).
    ``quick_check`` is skipped anyway when this process already has the file open.
    ``defer_check`` (the window) runs it beside the caller instead, when opening writes
    nothing to the file; every write waits for it (store/integrity.py).
    """
    path = resolve_database_path(path)
    if path.is_dir():
        raise MissingFileError(f"{path} is a folder, not a database file.")
    with _open_lock:
        already_open = is_open_in_process(path)
        if path.exists():
            if not already_open:
                if path.stat().st_size == 0 and not new_ok:
                    raise EmptyFileError(
                        f"{path} is empty (0 bytes): it holds no data and is not taken for a "
                        "new database. Restore a backup, or choose another file. Nothing was "
                        "changed."
                    )
                if path.stat().st_size > 0:
                    _inspect_header(path)
                for own in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
                    with contextlib.suppress(OSError):  # ours now: make it private
                        keep_to_owner(own)
        elif create:
            if not new_ok:
                _refuse_missing_with_backups(path)
            try:
                create_private_file(path)
            except OSError as error:
                if not folder_writable(path):
                    raise ReadOnlyError(
                        f"The folder {path.parent} is read-only: {path.name} "
                        "cannot be created there. Nothing was created."
                    ) from None
                raise MissingFileError(f"Cannot create {path}: {error.strerror}.") from None
        else:
            raise MissingFileError(f"No database at {path}.")
        existed = path.exists() and path.stat().st_size > 0
        read_only = not already_open and _must_read_only(path)
        db = _connect(path, read_only)
    try:
        _finish_open(
            db,
            already_open=already_open,
            migrate=migrate,
            quick_check=quick_check,
            read_only=read_only,
            defer_check=defer_check,
        )
    except DiskFullError:
        # A full disk cannot even hold the -shm a WAL reader needs: a file whose -wal holds
        # nothing unsaved is read as it is on disk, read-only (changes say the disk is full)
        if already_open or read_only or not existed or _wal_holds_pages(path):
            raise
        with _open_lock:
            db = _connect(path, True, immutable=True)
        _finish_open(
            db,
            already_open=False,
            migrate=migrate,
            quick_check=quick_check,
            read_only=True,
            defer_check=defer_check,
        )
    return db


def _wal_holds_pages(path: Path) -> bool:
    wal = Path(f"{path}-wal")
    return wal.exists() and wal.stat().st_size > 0


def _connect(path: Path, read_only: bool, *, immutable: bool = False) -> Database:
    """A connection to ``path`` (read-only when asked) wrapped in a Database."""
    target = str(path)
    if read_only:
        target = f"{path.as_uri()}?mode=ro&immutable=1" if immutable else _read_only_uri(path)

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(
            target, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000, uri=read_only
        )

    try:
        conn = connect()
    except sqlite3.Error as error:
        raise explain_unwritable(path, error) or user_error(error, path) or error from None
    conn.row_factory = sqlite3.Row
    return Database(path, conn, connect)


def _finish_open(
    db: Database,
    *,
    already_open: bool,
    migrate: bool,
    quick_check: bool,
    read_only: bool,
    defer_check: bool = False,
) -> None:
    """Check the opened file, set it up and bring it to this version's schema (closing the
    connection on any error)."""
    path, conn = db.path, db.conn
    try:
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        check = quick_check and not already_open
        version = _inspect_connection(path, conn, quick_check=check and not defer_check)
        if check and defer_check:
            with _mapped_open_errors(path):
                beside = _nothing_to_write(conn, version, read_only)
            if beside:
                db.start_integrity_check()
            else:
                _quick_check(path, conn)  # opening writes to it: checked first, as always
        _configure(conn, read_only=read_only)
        if migrate and read_only and (version != SCHEMA_VERSION or identity_of(conn) is None):
            raise ReadOnlyError(
                f"{path} is read-only ({_why_read_only(path)}) and made by an "
                "older version: it must be updated before this version can "
                "read it. Copy it to a folder you may write to. Nothing was "
                "changed."
            )
        if migrate and not read_only:
            _migrate(db, version)
            if identity_of(conn) is None:
                conn.executescript(f"BEGIN IMMEDIATE; {MIGRATIONS[3]} COMMIT;")
        if not read_only:
            file_locks.remember_log(db._key, path)
    except sqlite3.Error as error:
        db.close()
        raise db._mapped(error) from error
    except BaseException:
        db.close()
        raise
