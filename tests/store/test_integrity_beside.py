"""The window opens its file with ``quick_check`` running beside it (issue 10, start-up):
the check still runs once per open, nothing is written before it has passed (from any
connection of the process), a damaged file refuses every change, and a file that opening
must change (a migration, a switch to WAL) is still checked before anything else."""

from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest

from lupus_tracker.domain.records import LabEntry
from lupus_tracker.store import integrity
from lupus_tracker.store.db import open_database
from lupus_tracker.store.errors import DamagedFileError
from lupus_tracker.store.repository import Repository

PAGE = 4096


def _filled(path: Path, rows: int = 3000) -> Path:
    with Repository.open(path) as repo:
        repo.results.add_many(
            [
                LabEntry(date(1996, 1, 1) + timedelta(days=n), "c3", "0.8", note="x" * 200)
                for n in range(rows)
            ]
        )
    return path


def _damaged(path: Path) -> Path:
    """A file whose header and schema are intact but one of the results table's pages
    (past the middle of the file) is overwritten."""
    _filled(path)
    conn = sqlite3.connect(path)
    page = conn.execute(
        "SELECT max(pageno) FROM dbstat WHERE name = 'results' AND pagetype = 'leaf'"
    ).fetchone()[0]
    conn.close()
    with path.open("r+b") as handle:
        handle.seek((page - 1) * PAGE + 8)
        handle.write(b"\xff" * 600)
    return path


def _count(path: Path) -> int:
    conn = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)
    try:
        return conn.execute("SELECT count(*) FROM settings").fetchone()[0]
    finally:
        conn.close()


def test_a_sound_file_opens_before_its_check_and_may_then_be_changed(tmp_path):
    path = _filled(tmp_path / "mine.sqlite")
    with Repository.open(path, defer_check=True) as repo:
        check = repo.db.integrity
        assert check is not None  # the check runs: it was not skipped
        assert check.wait(30) is None
        repo.settings.set("theme", "dark")
        assert repo.settings.get("theme") == "dark"
    assert check.done


def test_a_damaged_file_refuses_every_change_from_any_connection(tmp_path):
    path = _damaged(tmp_path / "mine.sqlite")
    before = _count(path)
    with Repository.open(path, defer_check=True) as repo:
        assert repo.db.integrity is not None
        problem = repo.db.integrity.wait(30)
        assert isinstance(problem, DamagedFileError) and "damaged" in str(problem)
        with pytest.raises(DamagedFileError):
            repo.settings.set("theme", "dark")
        worker = open_database(path, create=False, quick_check=False)  # a task's connection
        try:
            with pytest.raises(DamagedFileError), worker.transaction() as conn:
                conn.execute("INSERT INTO settings (key, value) VALUES ('a', 'b')")
        finally:
            worker.close()
    assert _count(path) == before  # nothing was written
    with pytest.raises(DamagedFileError):  # opened as the command line does: refused
        Repository.open(path)


def test_a_write_waits_for_the_check(tmp_path, monkeypatch):
    path = _filled(tmp_path / "mine.sqlite")
    order: list[str] = []
    real_run = integrity.IntegrityCheck._run

    def slow_run(self) -> None:
        import time

        time.sleep(0.3)
        order.append("checked")
        real_run(self)

    monkeypatch.setattr(integrity.IntegrityCheck, "_run", slow_run)
    with Repository.open(path, defer_check=True) as repo:
        repo.settings.set("theme", "dark")
        order.append("written")
    assert order == ["checked", "written"]


def test_a_file_that_opening_changes_is_checked_first(tmp_path):
    path = _damaged(tmp_path / "mine.sqlite")
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = DELETE")  # as a restored copy is: opening sets WAL
    conn.close()
    with pytest.raises(DamagedFileError):
        Repository.open(path, defer_check=True)


def test_closing_stops_the_check(tmp_path):
    path = _filled(tmp_path / "mine.sqlite")
    repo = Repository.open(path, defer_check=True)
    check = repo.db.integrity
    repo.close()
    assert check is not None and check.done
    assert integrity.refusal(None) is None and not integrity._checks
