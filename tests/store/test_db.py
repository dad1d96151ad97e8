"""Opening files safely: pragmas, permissions, and clear errors that change nothing."""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from datetime import date

import pytest

from lupus_tracker.domain.records import LabEntry
from lupus_tracker.store.db import open_database
from lupus_tracker.store.errors import (
    DamagedFileError,
    MissingFileError,
    NewerVersionError,
    NotOurFileError,
)
from lupus_tracker.store.repository import Repository
from lupus_tracker.store.schema import APPLICATION_ID, SCHEMA_VERSION


def digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_settings(tmp_path):
    path = tmp_path / "sub" / "new.sqlite"
    with open_database(path) as db:
        conn = db.conn
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] == 5000
        assert conn.execute("PRAGMA temp_store").fetchone()[0] == 2  # MEMORY
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert db.schema_version() == SCHEMA_VERSION
        assert db.integrity_check() == []
        db.conn.execute("CREATE TABLE IF NOT EXISTS t (x)")  # write something: -wal appears
        for suffix in ("", "-wal", "-shm"):
            mode = stat.S_IMODE((tmp_path / "sub" / f"new.sqlite{suffix}").stat().st_mode)
            assert mode == 0o600, suffix


def test_text_file_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "notes.sqlite"
    path.write_text("my shopping list\n")
    before = digest(path)
    with pytest.raises(NotOurFileError, match="not a Lupus Tracker database"):
        open_database(path)
    assert digest(path) == before
    assert not (tmp_path / "notes.sqlite-wal").exists()


def test_another_programs_sqlite_file_is_refused(tmp_path):
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NotOurFileError, match="another program"):
        open_database(path)
    assert digest(path) == before


def test_damaged_file_is_refused(tmp_path):
    path = tmp_path / "damaged.sqlite"
    with Repository.open(path) as repo:
        repo.results.add_many([LabEntry(date(2024, 1, d), "c3", "0.8") for d in range(1, 29)])
    data = bytearray(path.read_bytes())
    data[4096:8192] = b"\xff" * 4096  # wreck the second page
    path.write_bytes(bytes(data))
    before = digest(path)
    with pytest.raises(DamagedFileError, match="damaged"):
        open_database(path)
    assert digest(path) == before


def test_newer_version_is_refused_not_migrated_down(tmp_path):
    path = tmp_path / "future.sqlite"
    with open_database(path) as db:
        db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    before = digest(path)
    with pytest.raises(NewerVersionError, match="newer version"):
        open_database(path)
    assert digest(path) == before


def test_missing_file_without_create(tmp_path):
    with pytest.raises(MissingFileError, match="No database"):
        open_database(tmp_path / "absent.sqlite", create=False)
    assert not (tmp_path / "absent.sqlite").exists()


def test_a_folder_is_not_a_database(tmp_path):
    with pytest.raises(MissingFileError, match="folder"):
        open_database(tmp_path)


def test_failed_transaction_leaves_nothing(repo):
    with pytest.raises(RuntimeError), repo.db.transaction() as conn:
        conn.execute("INSERT INTO events (occurred_on, kind) VALUES ('2024-01-01', 'visit')")
        raise RuntimeError("boom")
    assert repo.counts()["events"] == 0
