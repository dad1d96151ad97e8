"""Backups through SQLite's online backup API (never a file copy of a live database), and
restoring one.

Backups are keyed by the database's identity (a random UUID stored in the file), never by
its name: ``<folder>/backups/<identity>/<file name>-<date>-<time to the µs>.sqlite``. A
backup is written under a temporary name in that folder, synced, verified (``quick_check``,
our ``application_id``, the same identity) and only then given its final name. Backups are
in rollback-journal mode and read with ``immutable=1``, so reading one leaves no -wal/-shm.

Rotation keeps, for each of the last 7 days, the oldest backup of the day and its newest
few (a backup taken after a mistake never pushes out the day's last good copy), the newest
of each of the last 4 weeks and 6 months, and never removes a backup that holds more
records than every backup kept (an emptied or replaced database never pushes out the last
backup that held the data).

A file copied with ``cp`` keeps its identity, so twins share one identity folder; each
backup's name records the file it was made from. Rotation only ever removes backups made
from the file being backed up, and a backup made from another file that still exists
beside it (a twin) is never listed, offered or restored for this one.

A restore refuses a backup of another database, a newer-version backup and a file in use
by another program; the current file is kept beside it first (a verified copy when it
opens, else the file itself moved together with its -wal and -shm, under a unique name).
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lupus_tracker.paths import (
    BACKUPS_MARKER,
    PRIVATE_FILE_MODE,
    backups_dir,
    backups_root,
    make_private_dir,
)
from lupus_tracker.store.db import (
    Database,
    _inspect_header,
    create_private_file,
    disk_full,
    fsync_file,
    fsync_folder,
    identity_of,
    is_open_in_process,
    remove_with_side_files,
    resolve_database_path,
    unique_name,
)
from lupus_tracker.store.errors import (
    DamagedFileError,
    DiskFullError,
    FileInUseError,
    NewerVersionError,
    NotSQLiteError,
    ReadOnlyError,
    StoreError,
    WrongDatabaseError,
    user_error,
)
from lupus_tracker.store.schema import APPLICATION_ID, RECORD_TABLES, SCHEMA_VERSION

KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS = 7, 4, 6
KEEP_PER_DAY = 5  # the newest backups kept of each recent day, besides its oldest
STAMP = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^(?P<name>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})(?:-\d+)?\.sqlite$")
_FINGERPRINT_TABLES = (*RECORD_TABLES, "patient")
LOCK_TIMEOUT_S = 0.5
ORPHAN_AGE_S = 600


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime
    file_name: str  # the name the database had when it was backed up


@dataclass(frozen=True)
class BackupInfo:
    """What a backup holds, read from the file itself."""

    sound: bool
    identity: str | None = None
    version: int = 0
    records: int = 0
    patient: str = ""


def _parse(path: Path) -> Backup | None:
    match = _NAME.match(path.name)
    if match is None:
        return None
    try:
        taken = datetime.strptime(match["stamp"], STAMP)
    except ValueError:
        return None
    return Backup(path, taken, match["name"])


def _read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to a finished backup: creates nothing beside it."""
    return sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro&immutable=1", uri=True)


def _count_records(conn: sqlite3.Connection) -> int:
    total = 0
    for table in RECORD_TABLES:
        with contextlib.suppress(sqlite3.OperationalError):  # older schema: no such table
            total += conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
    return total


def describe(path: Path) -> BackupInfo:
    """Read a backup: is it a sound Lupus Tracker file, whose, how much does it hold."""
    try:
        conn = _read_only(path)
    except sqlite3.Error:
        return BackupInfo(False)
    try:
        if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
            return BackupInfo(False)
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            return BackupInfo(False)
        patient = conn.execute("SELECT name FROM patient WHERE id = 1").fetchone()
        return BackupInfo(
            True,
            identity_of(conn),
            conn.execute("PRAGMA user_version").fetchone()[0],
            _count_records(conn),
            patient[0] if patient else "",
        )
    except sqlite3.Error:
        return BackupInfo(False)
    finally:
        conn.close()


def verify(path: Path, identity: str | None = None) -> bool:
    """True when ``path`` is a sound Lupus Tracker database (of ``identity`` if given)."""
    info = describe(path)
    return info.sound and (identity is None or info.identity == identity)


def _scan(folder: Path) -> list[Backup]:
    found = (
        [b for p in folder.glob("*.sqlite") if (b := _parse(p)) is not None]
        if folder.is_dir()
        else []
    )
    return sorted(found, key=lambda b: b.taken, reverse=True)


def source_file(backup: Backup) -> Path:
    """The file a backup was made from: ``<folder>/<file name>`` for a backup kept in
    ``<folder>/backups/<identity>/``."""
    return backup.path.parent.parent.parent / backup.file_name


def made_from_twin(backup: Backup, db_path: Path) -> bool:
    """True when ``backup`` was made from another file than ``db_path`` that still exists:
    a copy sharing this file's identity, whose history is its own. (A backup made under a
    name no file has any more is this file's history from before a rename or a move.)"""
    source = source_file(backup)
    if backup.path.parent.parent.name != backups_root(source).name:
        return False  # a backup kept elsewhere (copied to a stick): judged by identity
    if not source.exists():
        return False
    try:
        return not source.samefile(db_path)
    except OSError:  # this file is missing: compare the paths
        return source.resolve() != Path(db_path).resolve()


def list_backups(db_path: Path, identity: str) -> list[Backup]:
    """The backups of the database with ``identity`` beside ``db_path``, newest first;
    never those made from a twin (see ``made_from_twin``)."""
    return [
        b for b in _scan(backups_dir(Path(db_path), identity)) if not made_from_twin(b, db_path)
    ]


def backups_by_file_name(db_path: Path) -> list[Backup]:
    """Backups made of a file with ``db_path``'s name in its folder, any identity, newest
    first: how a missing or unreadable file finds its backups (each names its patient)."""
    root = backups_root(Path(db_path))
    found: list[Backup] = []
    if root.is_dir():
        for folder in root.iterdir():
            found += [b for b in _scan(folder) if b.file_name == Path(db_path).name]
    return sorted(found, key=lambda b: b.taken, reverse=True)


def latest_good_backup(db_path: Path, identity: str | None = None) -> Backup | None:
    """The newest sound backup of ``identity`` (by file name when the identity is unknown)
    that this version can open."""
    candidates = list_backups(db_path, identity) if identity else backups_by_file_name(db_path)
    for backup in candidates:
        info = describe(backup.path)
        if (
            info.sound
            and info.version <= SCHEMA_VERSION
            and info.identity is not None
            and (identity is None or info.identity == identity)
        ):
            return backup
    return None


def _fingerprint(conn: sqlite3.Connection) -> tuple[object, ...]:
    """What changes when anything is saved: row counts and the newest time stamps."""
    parts: list[object] = [conn.execute("PRAGMA user_version").fetchone()[0]]
    for table in _FINGERPRINT_TABLES:
        try:
            row = conn.execute(f"SELECT count(*), max(updated_at), max(rowid) FROM {table}")
            parts.append(tuple(row.fetchone()))
        except sqlite3.OperationalError:  # a backup of an older schema: no such table
            parts.append(None)
    parts.append(
        conn.execute("SELECT group_concat(key || '=' || value) FROM settings").fetchone()[0]
    )
    return tuple(parts)


def _keepers(backups: list[Backup]) -> set[Path]:
    keep: set[Path] = set()
    by_day: dict[object, list[Backup]] = {}
    seen_weeks: set[object] = set()
    seen_months: set[object] = set()
    for backup in backups:  # newest first: the first of each period is its newest
        day = backup.taken.date()
        week, month = day.isocalendar()[:2], (day.year, day.month)
        if day in by_day or len(by_day) < KEEP_DAYS:
            by_day.setdefault(day, []).append(backup)
        if week not in seen_weeks and len(seen_weeks) < KEEP_WEEKS:
            keep.add(backup.path)
        if month not in seen_months and len(seen_months) < KEEP_MONTHS:
            keep.add(backup.path)
        seen_weeks.add(week)
        seen_months.add(month)
    for of_day in by_day.values():  # newest first: its newest few and its oldest
        keep.update(b.path for b in of_day[:KEEP_PER_DAY])
        keep.add(of_day[-1].path)
    return keep


def _rotate(backups: list[Backup], newest: Path) -> None:
    """Remove backups beyond the rotation, never one holding more than all those kept."""
    keep = _keepers(backups) | {newest}
    records = {b.path: describe(b.path).records for b in backups}
    most_kept = max((records[p] for p in keep if p in records), default=0)
    for backup in backups:  # newest first
        if backup.path in keep:
            continue
        if records[backup.path] > most_kept:
            most_kept = records[backup.path]  # holds more than anything kept: keep it
            continue
        backup.path.unlink()


def _prepare_folder(db: Database, identity: str) -> Path:
    root = make_private_dir(backups_root(db.path))
    marker = root / BACKUPS_MARKER
    if not marker.exists():
        with contextlib.suppress(FileExistsError):
            create_private_file(marker)
    folder = make_private_dir(backups_dir(db.path, identity))
    now = datetime.now().timestamp()
    for orphan in folder.glob(".*.part*"):  # left by a backup that was killed
        with contextlib.suppress(OSError):
            if now - orphan.stat().st_mtime > ORPHAN_AGE_S:
                orphan.unlink()
    return folder


def backup_now(db: Database, now: datetime | None = None) -> Path:
    """Make a verified backup of ``db`` now; return its path. Old backups are rotated
    only after the new one is in place."""
    identity = db.identity()
    if identity is None:
        raise StoreError("This file has no identity yet; open it in the app first.")
    now = now or datetime.now()
    try:
        folder = _prepare_folder(db, identity)
    except OSError as error:
        root = backups_root(db.path)
        if disk_full(db.path):
            raise DiskFullError(
                f"The disk is full: no backup can be written in {root}. "
                "Free some space and try again."
            ) from None
        if not os.access(root if root.exists() else root.parent, os.W_OK):
            raise ReadOnlyError(
                f"The folder {root} is read-only: no backup can be written "
                "there. Copy the file to a folder you may write to, or back "
                "it up from there."
            ) from None
        raise StoreError(
            f"The backups folder {root} cannot be written: {error.strerror or error}."
        ) from None
    final = folder / f"{db.path.name}-{now.strftime(STAMP)}.sqlite"
    number = 1
    while final.exists():  # never overwrite a backup
        number += 1
        final = folder / f"{db.path.name}-{now.strftime(STAMP)}-{number}.sqlite"
    temp = unique_name(folder / f".{final.name}.part")
    try:
        db.write_copy(temp)
    except sqlite3.Error as error:
        remove_with_side_files(temp)
        raise (user_error(error, temp) or StoreError(f"The backup failed ({error}).")) from None
    except OSError as error:
        remove_with_side_files(temp)
        raise StoreError(f"The backup could not be written: {error.strerror}.") from None
    if not verify(temp, identity):
        remove_with_side_files(temp)
        raise DamagedFileError("The new backup did not verify; the previous backups are kept.")
    os.replace(temp, final)
    fsync_folder(folder)
    own = [b for b in _scan(folder) if b.file_name == db.path.name]  # never a twin's
    _rotate(own, final)
    return final


def backup_if_changed(db: Database, now: datetime | None = None) -> Path | None:
    """Back up ``db`` if it changed since its newest good backup; returns the new file."""
    identity = db.identity()
    if identity is None:
        return None
    latest = latest_good_backup(db.path, identity)
    if latest is not None:
        old = _read_only(latest.path)
        try:
            if _fingerprint(old) == _fingerprint(db.conn):
                return None
        finally:
            old.close()
    return backup_now(db, now)


def has_backup_from_today(db: Database, today: datetime | None = None) -> bool:
    identity = db.identity()
    day = (today or datetime.now()).date()
    return identity is not None and any(
        b.taken.date() == day for b in list_backups(db.path, identity)
    )


# -- restore ---------------------------------------------------------------------------
def _lock_exclusively(db_path: Path) -> sqlite3.Connection:
    """A connection holding an exclusive lock on the file: no other program has it open
    (FileInUseError otherwise) and none can open it until this connection closes."""
    conn = sqlite3.connect(db_path, isolation_level=None, timeout=LOCK_TIMEOUT_S)
    try:
        conn.execute("PRAGMA locking_mode = EXCLUSIVE")
        conn.execute("BEGIN EXCLUSIVE")  # in this locking mode the lock outlives the
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        conn.execute("COMMIT")  # transaction: held until close (the backup API needs no
        # open write transaction on its source)
    except sqlite3.OperationalError as error:
        conn.close()
        if "locked" in str(error) or "busy" in str(error):
            raise FileInUseError(
                f"{db_path} is in use by another program; close it and try "
                "again. Nothing was changed."
            ) from None
        raise
    except BaseException:
        conn.close()
        raise
    return conn


def _copy_from_backup(backup: Path, target: Path, identity: str) -> None:
    create_private_file(target)
    try:
        source = _read_only(backup)
        dest = sqlite3.connect(target, isolation_level=None)
        try:
            source.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            source.close()
            dest.close()
        fsync_file(target)
        if not verify(target, identity):
            raise DamagedFileError("The restored copy did not verify; nothing was changed.")
    except sqlite3.Error as error:
        remove_with_side_files(target)
        raise (user_error(error, target) or StoreError(f"The restore failed ({error}).")) from None
    except BaseException:
        remove_with_side_files(target)
        raise


def _move_with_side_files(path: Path, kept: Path) -> None:
    """Move a file that cannot be opened aside together with its -wal and -shm."""
    for suffix in ("-wal", "-shm", ""):  # the database last: SQLite pairs them by name
        source = Path(f"{path}{suffix}")
        if source.exists():
            os.rename(source, Path(f"{kept}{suffix}"))
    fsync_folder(path.parent)


KEEP_BEFORE_RESTORE = 3  # the newest copies kept aside by restores (our choice)
_LEFTOVER_OF_ONE_RESTORE_S = 2.0  # its before-restore copy is named right after its temp


def _stamp_of(path: Path, prefix: str) -> datetime | None:
    """The time in a name this module made (``prefix`` + ``-YYYYmmdd-HHMMSS-ffffff[-n]``
    + optional side-file suffix), else None: only such files are ever removed."""
    found = re.fullmatch(
        re.escape(prefix) + r"-(\d{8}-\d{6}-\d{6})(?:-\d+)?(?:\.leftover)?(?:-wal|-shm|-journal)?",
        path.name,
    )
    return datetime.strptime(found.group(1), STAMP) if found else None


def _clean_after_killed_restore(db_path: Path, *, min_age_s: float) -> None:
    """Remove what a restore that was killed left: its hidden ``.X.restoring-*`` copy and
    the ``X.before-restore-*`` copy it made just before (nothing was restored, so that copy
    is the file as it still is). Only names this module makes; with ``min_age_s``, only
    files that old (another restore may be running when the file is not locked)."""
    now = datetime.now().timestamp()
    for temp in db_path.parent.glob(f".{glob.escape(db_path.name)}.restoring-*"):
        stamp = _stamp_of(temp, f".{db_path.name}.restoring")
        with contextlib.suppress(OSError):
            if stamp is None or now - temp.stat().st_mtime < min_age_s:
                continue
            temp.unlink()
            for kept in _before_restore_copies(db_path):
                made = _stamp_of(kept, f"{db_path.name}.before-restore")
                if made and 0 <= (made - stamp).total_seconds() <= _LEFTOVER_OF_ONE_RESTORE_S:
                    kept.unlink()


def _before_restore_copies(db_path: Path) -> list[Path]:
    """The files restores kept aside (with their side files), oldest first."""
    prefix = f"{db_path.name}.before-restore"
    found = [
        (stamp, path)
        for path in db_path.parent.glob(f"{glob.escape(prefix)}-*")
        if (stamp := _stamp_of(path, prefix)) is not None
    ]
    return [path for _, path in sorted(found)]


def _rotate_before_restore(db_path: Path) -> None:
    """Keep the newest ``KEEP_BEFORE_RESTORE`` copies kept aside by restores."""
    prefix = f"{db_path.name}.before-restore"
    stamps = sorted(
        {stamp for p in _before_restore_copies(db_path) if (stamp := _stamp_of(p, prefix))}
    )
    old = set(stamps[:-KEEP_BEFORE_RESTORE])
    for path in _before_restore_copies(db_path):
        if _stamp_of(path, prefix) in old:
            with contextlib.suppress(OSError):
                path.unlink()


def restore_backup(backup: Path, db_path: Path) -> Path | None:
    """Replace ``db_path`` by ``backup``; return where the current file was kept (None when
    there was no file). Refused, changing nothing: a backup that is not sound, of another
    database, or made by a newer version; a current file of another program, made by a
    newer version, or in use."""
    backup = Path(backup)
    info = describe(backup)
    if not info.sound:
        raise StoreError(f"{backup.name} is not a sound backup; nothing was changed.")
    if info.version > SCHEMA_VERSION:
        raise NewerVersionError(
            f"{backup.name} was made by a newer version of Lupus Tracker; "
            "update the app to restore it. Nothing was changed."
        )
    if info.identity is None:
        raise WrongDatabaseError(
            f"{backup.name} has no database identity, so it cannot be "
            "shown to belong to this file. Nothing was changed."
        )
    db_path = resolve_database_path(db_path)  # a symlink: restore the real file
    if backup.resolve() == db_path.resolve() or (
        db_path.exists() and os.path.samefile(backup, db_path)
    ):
        raise StoreError(
            f"{backup.name} is the database itself, not a backup of it; nothing was changed."
        )
    if is_open_in_process(db_path):
        raise FileInUseError(f"{db_path} is open in this window; close it first.")
    _clean_after_killed_restore(db_path, min_age_s=ORPHAN_AGE_S)
    temp = unique_name(db_path.with_name(f".{db_path.name}.restoring"))
    kept = unique_name(db_path.with_name(f"{db_path.name}.before-restore"))
    if not db_path.exists():
        _check_belongs(backup, info, None, db_path)
        _copy_from_backup(backup, temp, info.identity)
        os.replace(temp, db_path)
        fsync_folder(db_path.parent)
        return None
    damaged = db_path.stat().st_size == 0
    if not damaged:
        try:
            _inspect_header(db_path)  # refuses a foreign or newer file: never moved
        except NotSQLiteError:
            damaged = True
    lock = None
    current_identity = None
    if not damaged:
        try:
            lock = _lock_exclusively(db_path)
            _clean_after_killed_restore(db_path, min_age_s=0)  # no restore of it can run
            if lock.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise sqlite3.DatabaseError("quick_check failed")
            current_identity = identity_of(lock)
        except sqlite3.DatabaseError:
            if lock is not None:
                lock.close()
                lock = None
            damaged = True
    try:
        _check_belongs(backup, info, current_identity, db_path)
        if lock is not None:  # a sound file: a verified copy of it, then the backup
            _write_copy_of(lock, kept)
            _copy_from_backup(backup, temp, info.identity)
    except BaseException:
        if lock is not None:
            lock.close()
        raise
    if lock is not None:
        lock.close()  # checkpoints; the exclusive lock ends right before the replace
        for suffix in ("-wal", "-shm"):
            leftover = Path(f"{db_path}{suffix}")
            if leftover.exists():
                os.rename(leftover, Path(f"{kept}.leftover{suffix}"))
    else:
        _copy_from_backup(backup, temp, info.identity)
        _move_with_side_files(db_path, kept)
    os.replace(temp, db_path)
    fsync_folder(db_path.parent)
    _rotate_before_restore(db_path)
    return kept


def _check_belongs(backup: Path, info: BackupInfo, current: str | None, db_path: Path) -> None:
    """The backup must be of this database: the same identity, or when the file cannot tell
    (missing, damaged), a backup made of a file with this name."""
    parsed = _parse(backup)
    if current is not None:
        if info.identity != current:
            raise WrongDatabaseError(
                f"{backup.name} is a backup of another database, not of "
                f"{db_path.name}. Nothing was changed."
            )
        if parsed is not None and made_from_twin(parsed, db_path):
            raise WrongDatabaseError(
                f"{backup.name} was made from {source_file(parsed)}, a copy of {db_path} "
                "(the two files share one identity); restore it into that file, not this "
                "one. Nothing was changed."
            )
        return
    if parsed is None or parsed.file_name != db_path.name:
        raise WrongDatabaseError(
            f"{backup.name} was not made from {db_path.name}; it cannot "
            "be shown to belong to it. Nothing was changed."
        )


def _write_copy_of(conn: sqlite3.Connection, target: Path) -> None:
    create_private_file(target)
    try:
        dest = sqlite3.connect(target, isolation_level=None)
        try:
            conn.backup(dest)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
        os.chmod(target, PRIVATE_FILE_MODE)
        fsync_file(target)
        if not verify(target):
            raise DamagedFileError(
                "The copy of the current file did not verify; nothing was changed."
            )
    except sqlite3.Error as error:
        remove_with_side_files(target)
        raise (user_error(error, target) or StoreError(f"The copy failed ({error}).")) from None
    except BaseException:
        remove_with_side_files(target)
        raise
