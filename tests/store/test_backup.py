"""Rotating backups via the online backup API: only when changed, verified, bounded,
owner-only; restore keeps the current file; a damaged file can be restored."""

from __future__ import annotations

import stat
from datetime import date, datetime, timedelta

import pytest

from lupus_tracker.domain.records import LabEntry
from lupus_tracker.paths import backups_dir
from lupus_tracker.store.backup import (
    backup_if_changed,
    latest_good_backup,
    list_backups,
    restore_backup,
)
from lupus_tracker.store.errors import DamagedFileError, StoreError
from lupus_tracker.store.repository import Repository

NOW = datetime(2026, 6, 30, 12, 0, 0)


def add(repo, value: str, day: date = date(2024, 1, 1)) -> None:
    repo.results.add(LabEntry(day, "uacr", value))  # any number up to 9600 is possible


def test_backup_only_when_something_changed(repo):
    add(repo, "0.8")
    first = backup_if_changed(repo.db, NOW)
    assert first is not None and first.parent == backups_dir(repo.db.path, repo.identity())
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    assert backup_if_changed(repo.db, NOW + timedelta(hours=1)) is None  # nothing changed
    add(repo, "0.9")
    second = backup_if_changed(repo.db, NOW + timedelta(hours=2))
    assert second is not None and second != first
    with Repository.open(second) as copy:
        assert [r.value_text for r in copy.results.all()] == ["0.8", "0.9"]


def test_rotation_is_bounded_and_keeps_the_newest(repo):
    for hours in range(0, 24 * 400, 19):  # more than a year of backups
        add(repo, str(hours))
        backup_if_changed(repo.db, NOW + timedelta(hours=hours))
    kept = list_backups(repo.db.path, repo.identity())
    assert len(kept) <= 7 + 4 + 6
    assert kept[0].taken == NOW + timedelta(hours=max(range(0, 24 * 400, 19)))
    assert latest_good_backup(repo.db.path, repo.identity()).path == kept[0].path


def test_restore_keeps_the_current_file_and_recovers_a_damaged_one(tmp_path):
    path = tmp_path / "mine.sqlite"
    with Repository.open(path) as repo:
        add(repo, "0.8")
        backup = backup_if_changed(repo.db, NOW)
        add(repo, "0.5")
    data = bytearray(path.read_bytes())
    data[0:16] = b"garbage garbage!"
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError):
        Repository.open(path)
    good = latest_good_backup(path)
    assert good is not None and good.path == backup
    kept = restore_backup(good.path, path)
    assert kept is not None and kept.exists()  # the damaged file is kept aside
    with Repository.open(path) as repo:
        assert [r.value_text for r in repo.results.all()] == ["0.8"]


def test_a_bad_backup_is_never_restored(tmp_path, repo):
    fake = tmp_path / "fake.sqlite"
    fake.write_text("not a database")
    with pytest.raises(StoreError, match="not a sound backup"):
        restore_backup(fake, repo.db.path)


def test_failed_verification_keeps_old_backups(repo, monkeypatch):
    add(repo, "0.8")
    first = backup_if_changed(repo.db, NOW)
    add(repo, "0.9")
    monkeypatch.setattr(
        "lupus_tracker.store.backup.verify", lambda path, identity=None: path == first
    )
    with pytest.raises(DamagedFileError):
        backup_if_changed(repo.db, NOW + timedelta(days=1))
    assert [b.path for b in list_backups(repo.db.path, repo.identity())] == [first]
