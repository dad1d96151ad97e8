"""Restore (red-team fix round): a file is never "restored" into itself; a restore killed
midway leaves a hidden ``.X.restoring-*`` copy and a before-restore copy although nothing
was restored: the next restore removes them (only names this app makes); before-restore
copies are rotated, the newest few kept."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from lupus_tracker.cli import main
from lupus_tracker.domain.records import LabEntry
from lupus_tracker.store.backup import KEEP_BEFORE_RESTORE, STAMP, backup_now, restore_backup
from lupus_tracker.store.errors import StoreError
from lupus_tracker.store.repository import Repository


@pytest.fixture
def saved(tmp_path):
    path = tmp_path / "r.db"
    with Repository.open(path) as repo:
        repo.results.add(LabEntry(date(2024, 1, 1), "c3", "0.8"))
        backup = backup_now(repo.db)
    return path, backup


def test_a_file_is_not_restored_into_itself(saved, capsys):
    path, _ = saved
    before = path.read_bytes()
    assert main(["restore", "--db", str(path), "--from", str(path)]) == 2
    assert "is the database itself" in capsys.readouterr().err
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith("r.db")) == ["r.db"]
    with pytest.raises(StoreError):
        restore_backup(path, path)


def test_a_killed_restore_leaves_nothing_after_the_next_one(saved):
    path, backup = saved
    killed = datetime(2026, 1, 2, 3, 4, 5, 600000)
    temp = path.with_name(f".r.db.restoring-{killed.strftime(STAMP)}")
    temp.write_bytes(b"half a copy")
    aside = path.with_name(
        f"r.db.before-restore-{(killed + timedelta(microseconds=40)).strftime(STAMP)}"
    )
    aside.write_bytes(path.read_bytes())
    mine = path.with_name("r.db.restoring-notes.txt")  # not a name the app makes
    mine.write_text("keep me")
    kept = restore_backup(backup, path)
    names = sorted(p.name for p in path.parent.iterdir() if p.is_file())
    assert temp.name not in names and aside.name not in names
    assert kept is not None and kept.name in names and mine.name in names


def test_before_restore_copies_are_rotated(saved):
    path, backup = saved
    kept = [restore_backup(backup, path) for _ in range(KEEP_BEFORE_RESTORE + 2)]
    left = sorted(p for p in path.parent.iterdir() if ".before-restore-" in p.name)
    assert left == sorted(kept[-KEEP_BEFORE_RESTORE:])
