"""Automatic rotating backups through SQLite's online backup API (never a file copy of a
live database).

A backup is made only when something changed since the newest backup. Each new backup is
written under a temporary name, verified (``quick_check`` and our ``application_id``) and
only then given its final name; only after that are old backups beyond the rotation
removed, and the newest good backup is never removed or overwritten. Kept: the newest
backup of each of the last 7 days, 4 weeks and 6 months. Files are owner-only.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from lupus_tracker.paths import backups_dir
from lupus_tracker.store.db import Database, create_private_file, open_database
from lupus_tracker.store.errors import DamagedFileError, StoreError
from lupus_tracker.store.schema import APPLICATION_ID

KEEP_DAYS, KEEP_WEEKS, KEEP_MONTHS = 7, 4, 6
STAMP = "%Y%m%d-%H%M%S"
_FINGERPRINT_TABLES = ("results", "symptoms", "diary_notes", "medications",
                       "medication_doses", "events", "photos", "sledai_assessments",
                       "report_notes", "patient")


@dataclass(frozen=True)
class Backup:
    path: Path
    taken: datetime


def _fingerprint(conn: sqlite3.Connection) -> tuple:
    """What changes when anything is saved: row counts and the newest time stamps."""
    parts: list = [conn.execute("PRAGMA user_version").fetchone()[0]]
    for table in _FINGERPRINT_TABLES:
        row = conn.execute(f"SELECT count(*), max(updated_at), max(rowid) FROM {table}")
        parts.append(tuple(row.fetchone()))
    parts.append(conn.execute("SELECT group_concat(key || '=' || value) FROM settings")
                 .fetchone()[0])
    return tuple(parts)


def verify(path: Path) -> bool:
    """True when ``path`` is a sound Lupus Tracker database."""
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error:
        return False
    try:
        ok = conn.execute("PRAGMA quick_check").fetchone()[0] == "ok"
        return ok and conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    except sqlite3.Error:
        return False
    finally:
        conn.close()


def list_backups(db_path: Path) -> list[Backup]:
    """The backups of ``db_path``, newest first."""
    folder = backups_dir(Path(db_path))
    found = []
    prefix = f"{Path(db_path).stem}-"
    for path in folder.glob(f"{prefix}*.sqlite") if folder.exists() else ():
        try:
            taken = datetime.strptime(path.stem.removeprefix(prefix), STAMP)
        except ValueError:
            continue
        found.append(Backup(path, taken))
    return sorted(found, key=lambda b: b.taken, reverse=True)


def latest_good_backup(db_path: Path) -> Backup | None:
    return next((b for b in list_backups(db_path) if verify(b.path)), None)


def _keepers(backups: list[Backup]) -> set[Path]:
    keep: set[Path] = set()
    seen_days, seen_weeks, seen_months = set(), set(), set()
    for backup in backups:  # newest first: the first of each period is its newest
        day = backup.taken.date()
        week, month = day.isocalendar()[:2], (day.year, day.month)
        if day not in seen_days and len(seen_days) < KEEP_DAYS:
            keep.add(backup.path)
        if week not in seen_weeks and len(seen_weeks) < KEEP_WEEKS:
            keep.add(backup.path)
        if month not in seen_months and len(seen_months) < KEEP_MONTHS:
            keep.add(backup.path)
        seen_days.add(day)
        seen_weeks.add(week)
        seen_months.add(month)
    return keep


def backup_if_changed(db: Database, now: datetime | None = None) -> Path | None:
    """Back up ``db`` if it changed since the newest good backup; returns the new file."""
    now = now or datetime.now()
    latest = latest_good_backup(db.path)
    if latest is not None:
        old = sqlite3.connect(f"{latest.path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            if _fingerprint(old) == _fingerprint(db.conn):
                return None
        finally:
            old.close()
    folder = backups_dir(db.path)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    final = folder / f"{db.path.stem}-{now.strftime(STAMP)}.sqlite"
    if final.exists():
        return None  # one backup per second at most; never overwrite one
    temp = folder / f".{final.name}.part"
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
    db.backup_to(temp)
    if not verify(temp):
        temp.unlink()
        raise DamagedFileError("The new backup did not verify; the previous backups are kept.")
    os.replace(temp, final)
    keep = _keepers(list_backups(db.path)) | {final}
    for backup in list_backups(db.path):
        if backup.path not in keep:
            backup.path.unlink()
    return final


def restore_backup(backup: Path, db_path: Path) -> Path | None:
    """Replace ``db_path`` by ``backup``; the current file is first kept beside it (as a
    sound copy when it opens, else moved aside as it is). Returns where it was kept."""
    if not verify(backup):
        raise StoreError(f"{backup.name} is not a sound backup; nothing was changed.")
    db_path = Path(db_path)
    kept = None
    if db_path.exists():
        kept = db_path.with_name(f"{db_path.name}.before-restore-"
                                 f"{datetime.now().strftime(STAMP)}")
        try:
            with open_database(db_path, create=False) as current:
                current.backup_to(kept)
        except StoreError:
            os.replace(db_path, kept)  # damaged: keep it for the record, as it was
    for suffix in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            Path(f"{db_path}{suffix}").unlink()
    temp = db_path.with_name(f".{db_path.name}.restoring")
    with contextlib.suppress(FileNotFoundError):
        temp.unlink()
    create_private_file(temp)
    source = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro", uri=True)
    target = sqlite3.connect(temp)
    try:
        source.backup(target)
    finally:
        source.close()
        target.close()
    os.replace(temp, db_path)
    return kept
