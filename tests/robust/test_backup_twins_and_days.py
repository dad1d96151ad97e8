"""Red-team findings on backups (round 2, items 1 and 2): a file copied with ``cp`` keeps
its identity, and its backups must never rotate away or replace the original's; a backup
taken after a mistake must never push out the day's earlier good copy."""

from __future__ import annotations

import shutil
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from lupus_tracker.cli import main
from lupus_tracker.domain.records import LabEntry
from lupus_tracker.store.backup import (
    KEEP_PER_DAY,
    backup_if_changed,
    backup_now,
    describe,
    latest_good_backup,
    list_backups,
    restore_backup,
)
from lupus_tracker.store.errors import WrongDatabaseError
from lupus_tracker.store.repository import Repository

NOW = datetime(2026, 6, 30, 12, 0, 0)


def add(repo: Repository, value: str, day: int = 1) -> None:
    repo.results.add(LabEntry(date(2024, 1, day), "c3", value))


def values(path: Path) -> list[str]:
    with Repository.open(path, create=False) as repo:
        return [r.value_text for r in repo.results.all()]


@pytest.fixture
def twins(tmp_path: Path) -> tuple[Path, Path, Path, Path]:
    """orig.db backed up, copied with cp to copy.db, copy changed and backed up."""
    orig, copy = tmp_path / "orig.db", tmp_path / "copy.db"
    with Repository.open(orig) as repo:
        add(repo, "0.9")
        orig_backup = backup_now(repo.db, NOW)
    shutil.copyfile(orig, copy)
    with Repository.open(copy) as repo:
        add(repo, "1.4", day=2)
        copy_backup = backup_now(repo.db, NOW + timedelta(minutes=5))
    return orig, copy, orig_backup, copy_backup


def test_a_twins_backup_never_rotates_away_the_originals(twins):
    orig, copy, orig_backup, copy_backup = twins
    assert orig_backup.exists() and copy_backup.exists()
    with Repository.open(copy) as repo:  # many more backups of the copy: rotation runs
        for days in range(1, 40):
            add(repo, f"{0.5 + days / 100:.2f}", day=3)
            backup_now(repo.db, NOW + timedelta(days=days))
        identity = repo.identity()
    assert orig_backup.exists()  # the original's only backup
    assert [b.path for b in list_backups(orig, identity)] == [orig_backup]
    assert copy_backup not in [b.path for b in list_backups(orig, identity)]
    assert orig_backup not in [b.path for b in list_backups(copy, identity)]


def test_a_twins_backup_is_never_offered_or_restored(twins, capsys):
    orig, _copy, orig_backup, copy_backup = twins
    with Repository.open(orig) as repo:
        identity = repo.identity()
    assert latest_good_backup(orig, identity).path == orig_backup
    with pytest.raises(WrongDatabaseError, match=r"copy\.db.*orig\.db"):
        restore_backup(copy_backup, orig)
    assert values(orig) == ["0.9"]  # nothing changed
    assert main(["restore", "--db", str(orig), "--from", str(copy_backup)]) == 2
    err = capsys.readouterr().err
    assert "copy.db" in err and "orig.db" in err and len(err.strip().splitlines()) == 1
    assert main(["backups", "--db", str(orig)]) == 0
    listed = capsys.readouterr().out
    assert str(orig_backup) in listed and str(copy_backup) not in listed
    assert restore_backup(orig_backup, orig) is not None  # its own backup: fine
    assert values(orig) == ["0.9"]


def test_a_renamed_file_keeps_its_backups(tmp_path):
    old, new = tmp_path / "old.db", tmp_path / "new.db"
    with Repository.open(old) as repo:
        add(repo, "0.9")
        first = backup_now(repo.db, NOW)
        identity = repo.identity()
    old.rename(new)
    assert [b.path for b in list_backups(new, identity)] == [first]
    assert restore_backup(first, new) is not None


def test_a_backup_after_a_mistake_keeps_the_days_good_copy(repo):
    add(repo, "0.9")
    good = backup_if_changed(repo.db, NOW)
    add(repo, "1.9", day=2)  # the mistake
    after = backup_if_changed(repo.db, NOW + timedelta(hours=2))
    listed = [b.path for b in list_backups(repo.db.path, repo.identity())]
    assert listed == [after, good]
    assert describe(good).records == 1


def test_same_day_backups_are_bounded_and_keep_the_oldest(repo):
    stamps = [NOW + timedelta(minutes=10 * n) for n in range(KEEP_PER_DAY + 4)]
    made = []
    for n, when in enumerate(stamps):
        add(repo, f"{0.5 + n / 100:.2f}")
        made.append(backup_now(repo.db, when))
    listed = [b.path for b in list_backups(repo.db.path, repo.identity())]
    assert made[0] in listed  # the day's oldest
    assert listed[:KEEP_PER_DAY] == made[::-1][:KEEP_PER_DAY]  # and its newest few
    assert len(listed) == KEEP_PER_DAY + 1
