"""Attacks on the life of the data file around the writes (issue 14, items 1-8 and 12):
each test reproduces one way data was lost and checks that it no longer is."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from lupus_tracker.cli import main
from lupus_tracker.domain.records import LabEntry, Profile
from lupus_tracker.paths import backups_dir
from lupus_tracker.store.backup import (
    backup_now,
    backups_by_file_name,
    describe,
    latest_good_backup,
    list_backups,
    restore_backup,
)
from lupus_tracker.store.errors import (
    EmptyFileError,
    FileInUseError,
    MissingFileError,
    NewerVersionError,
    NotOurFileError,
    WrongDatabaseError,
)
from lupus_tracker.store.repository import Repository
from lupus_tracker.store.schema import SCHEMA_VERSION

NOW = datetime(2026, 6, 30, 12, 0, 0)


def add(repo: Repository, value: str, day: int = 1) -> None:
    repo.results.add(LabEntry(date(2024, 1, day), "c3", value))


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def other_process_count(path: Path) -> int:
    """Count results from another process that opens and closes the file."""
    code = (
        "import sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1])\n"
        "print(c.execute('SELECT count(*) FROM results').fetchone()[0])\n"
        "c.close()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(path)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return int(done.stdout)


# 1 -------------------------------------------------------------------------------------
def test_a_worker_open_keeps_the_main_connections_locks_and_its_wal(tmp_path):
    path = tmp_path / "mine.sqlite"
    with Repository.open(path) as main_repo:
        add(main_repo, "0.8")
        with Repository.open(path, create=False) as worker:  # the Charts page, an export
            assert worker.results.all()
        assert other_process_count(path) == 1  # the other process closes: not the last user
        assert Path(f"{path}-wal").exists()  # so the -wal was not deleted under us
        add(main_repo, "0.9")
        assert other_process_count(path) == 2  # and it sees every committed row


# 2 -------------------------------------------------------------------------------------
def test_an_empty_file_is_never_a_new_database(tmp_path):
    path = tmp_path / "mine.sqlite"
    path.touch()
    with pytest.raises(EmptyFileError, match="empty"):
        Repository.open(path)
    assert path.stat().st_size == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.sqlite", "userdata"] or sorted(
        p.name for p in tmp_path.iterdir()
    ) == ["mine.sqlite"]


@pytest.mark.parametrize("content", [None, b""])
def test_check_never_creates_or_changes_a_file(tmp_path, capsys, content):
    path = tmp_path / "mine.sqlite"
    if content is not None:
        path.write_bytes(content)
    assert main(["check", "--db", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "error" in err
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith("mine")] == (
        [] if content is None else ["mine.sqlite"]
    )
    if content is not None:
        assert path.stat().st_size == 0


def test_check_does_not_migrate_an_older_file(tmp_path, capsys):
    path = tmp_path / "old.sqlite"
    with Repository.open(path) as repo:
        add(repo, "0.8")
    conn = sqlite3.connect(path)
    conn.executescript("DROP TABLE database_identity; PRAGMA user_version = 2;")
    conn.close()
    before = digest(path)
    assert main(["check", "--db", str(path)]) == 0
    assert "schema version: 2" in capsys.readouterr().out
    assert digest(path) == before
    assert not list(tmp_path.glob("old.sqlite.before-*"))


def test_a_missing_file_with_backups_is_not_silently_recreated(tmp_path):
    path = tmp_path / "mine.sqlite"
    with Repository.open(path) as repo:
        add(repo, "0.8")
        first = backup_now(repo.db, NOW)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    with pytest.raises(MissingFileError, match="has backups"):
        Repository.open(path)
    assert not path.exists()
    assert (
        main(
            [
                "add",
                "lab",
                "--db",
                str(path),
                "--date",
                "2024-01-02",
                "--marker",
                "c3",
                "--value",
                "0.9",
            ]
        )
        == 2
    )
    assert not path.exists()
    assert backups_by_file_name(path)[0].path == first
    assert latest_good_backup(path).path == first  # what the app offers
    with Repository.open(path, new_ok=True) as fresh:  # the user chose a new empty file
        assert fresh.results.all() == []
        backup_now(fresh.db)  # its backups go elsewhere: the good one stays
    assert first.exists()


# 3 -------------------------------------------------------------------------------------
def test_backups_are_keyed_by_identity_not_by_name(tmp_path):
    one, two = tmp_path / "pat.sqlite", tmp_path / "pat.db"
    with Repository.open(one) as a, Repository.open(two) as b:
        a.profile.set(Profile(name="Ana"))
        b.profile.set(Profile(name="Bea"))
        add(a, "0.8")
        add(b, "1.2")
        assert a.identity() != b.identity() and len(a.identity()) == 36
        for hours in range(0, 24 * 30, 13):  # a month of backups each: rotation runs
            backup_now(a.db, NOW + timedelta(hours=hours))
            backup_now(b.db, NOW + timedelta(hours=hours, minutes=1))
        a_backups = list_backups(one, a.identity())
        b_backups = list_backups(two, b.identity())
        assert a_backups and b_backups
        assert {describe(x.path).identity for x in a_backups} == {a.identity()}
        assert backups_dir(one, a.identity()) != backups_dir(two, b.identity())
    data = bytearray(one.read_bytes())
    data[0:16] = b"garbage garbage!"  # pat.sqlite damaged
    one.write_bytes(bytes(data))
    offered = latest_good_backup(one)
    assert describe(offered.path).patient == "Ana"  # never Bea's database
    with pytest.raises(WrongDatabaseError):
        restore_backup(b_backups[0].path, one)
    with pytest.raises(WrongDatabaseError):
        restore_backup(a_backups[0].path, two)
    assert main(["restore", "--db", str(two), "--from", str(a_backups[0].path)]) == 2


# 4 -------------------------------------------------------------------------------------
def test_rotation_never_drops_the_last_backup_that_held_more(tmp_path):
    path = tmp_path / "mine.sqlite"
    with Repository.open(path) as repo:
        for day in range(1, 21):
            add(repo, "0.8", day)
        full = backup_now(repo.db, NOW)
        for result in repo.results.all():
            repo.results.delete(result.id)
        for days in range(1, 400, 3):  # more than a year of backups of the emptied file
            backup_now(repo.db, NOW + timedelta(days=days))
        assert full.exists()
        assert describe(full).records == 20


# 5 -------------------------------------------------------------------------------------
def _damaged_with_wal(tmp_path: Path) -> tuple[Path, Path, bytes]:
    """A file whose 20 newest entries are only in its -wal, then its main file damaged."""
    path = tmp_path / "mine.sqlite"
    with Repository.open(path) as repo:
        add(repo, "0.8")
        backup = backup_now(repo.db, NOW)
    code = (
        "import sqlite3, sys, os\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA wal_autocheckpoint = 0')\n"
        "for i in range(20):\n"
        '    c.execute("INSERT INTO results (taken_on, marker, value_text, unit, base_unit)'
        " VALUES ('2024-02-01', 'c3', '0.5', 'g/L', 'g/L')\")\n"
        "os._exit(0)\n"
    )  # a crash: the -wal stays
    subprocess.run([sys.executable, "-c", code, str(path)], check=True, timeout=60)
    wal = Path(f"{path}-wal").read_bytes()
    assert len(wal) > 0
    data = bytearray(path.read_bytes())
    data[0:16] = b"garbage garbage!"
    path.write_bytes(bytes(data))
    return path, backup, wal


def test_restoring_a_damaged_file_keeps_it_with_its_wal(tmp_path):
    path, backup, wal = _damaged_with_wal(tmp_path)
    kept = restore_backup(backup, path)
    assert Path(f"{kept}-wal").read_bytes() == wal  # the 20 newest entries are kept
    with Repository.open(path) as repo:
        assert len(repo.results.all()) == 1


def test_two_quick_restores_never_overwrite_what_was_kept(tmp_path):
    path = tmp_path / "mine.sqlite"
    with Repository.open(path) as repo:
        add(repo, "0.8")
        backup = backup_now(repo.db, NOW)
        add(repo, "0.9")
    first = restore_backup(backup, path)
    second = restore_backup(backup, path)
    assert first != second and first.exists() and second.exists()
    with Repository.open(first) as kept:
        assert len(kept.results.all()) == 2  # the newest entry survives both restores


# 6 -------------------------------------------------------------------------------------
def _newer_file(path: Path) -> None:
    with Repository.open(path) as repo:
        add(repo, "0.8")
        repo.db.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")


def test_a_newer_file_is_refused_untouched_with_nothing_beside_it(tmp_path):
    path = tmp_path / "future.sqlite"
    _newer_file(path)
    before, names = digest(path), sorted(os.listdir(tmp_path))
    with pytest.raises(NewerVersionError, match="newer version of Lupus Tracker"):
        Repository.open(path)
    assert digest(path) == before and sorted(os.listdir(tmp_path)) == names


def test_restore_refuses_a_newer_or_foreign_current_file_and_a_newer_backup(tmp_path):
    good = tmp_path / "good.sqlite"
    with Repository.open(good) as repo:
        add(repo, "0.8")
        backup = backup_now(repo.db, NOW)
    future = tmp_path / "good-future.sqlite"
    _newer_file(future)
    future_backup = backups_dir(good, "x") / f"good.sqlite-{NOW:%Y%m%d-%H%M%S-%f}.sqlite"
    future_backup.parent.mkdir(parents=True)
    future_backup.write_bytes(future.read_bytes())
    with pytest.raises(NewerVersionError):
        restore_backup(future_backup, good)
    foreign = tmp_path / "music.sqlite"
    conn = sqlite3.connect(foreign)
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    before = digest(foreign)
    with pytest.raises(NotOurFileError):
        restore_backup(backup, foreign)
    assert digest(foreign) == before
    assert not list(tmp_path.glob("music.sqlite*-*"))  # never moved, nothing beside it


# 8 -------------------------------------------------------------------------------------
def test_restore_is_refused_while_another_process_has_the_file_open(tmp_path):
    path = tmp_path / "mine.sqlite"
    with Repository.open(path) as repo:
        add(repo, "0.8")
        backup = backup_now(repo.db, NOW)
    code = (
        "import sqlite3, sys, time\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        'c.execute("INSERT INTO results (taken_on, marker, value_text, unit, base_unit)'
        " VALUES ('2024-02-01', 'c3', '0.5', 'g/L', 'g/L')\")\n"
        "print('ready', flush=True)\n"
        "time.sleep(30)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(FileInUseError, match="in use"):
            restore_backup(backup, path)
        assert main(["restore", "--db", str(path), "--from", str(backup)]) == 2
    finally:
        holder.kill()
        holder.wait()
        holder.stdout.close()
    assert not list(tmp_path.glob("mine.sqlite.before-restore*"))
    with Repository.open(path) as repo:
        assert len(repo.results.all()) == 2  # the other process's write is kept


# 12 ------------------------------------------------------------------------------------
def test_restore_through_a_symlink_restores_the_real_file(tmp_path):
    real = tmp_path / "data" / "mine.sqlite"
    link = tmp_path / "mine-link.sqlite"
    with Repository.open(real) as repo:
        add(repo, "0.8")
        backup = backup_now(repo.db, NOW)
        add(repo, "0.9")
    link.symlink_to(real)
    with Repository.open(link) as repo:
        assert repo.db.path == real  # resolved once, when opening
    assert main(["restore", "--db", str(link), "--from", str(backup)]) == 0
    assert link.is_symlink()
    with Repository.open(real) as repo:
        assert len(repo.results.all()) == 1


# backup commands -----------------------------------------------------------------------
def test_backup_backups_restore_commands(tmp_path, capsys):
    path = tmp_path / "mine.sqlite"
    with Repository.open(path) as repo:
        add(repo, "0.8")
    assert main(["backup", "--db", str(path)]) == 0
    made = Path(capsys.readouterr().out.strip())
    assert made.exists() and describe(made).records == 1
    time.sleep(0.01)
    with Repository.open(path) as repo:
        add(repo, "0.9", 2)
    assert main(["backups", "--db", str(path)]) == 0
    listing = capsys.readouterr().out
    assert str(made) in listing and " 1 " in listing and "MB" in listing
    assert main(["restore", "--db", str(path), "--from", str(made)]) == 0
    out = capsys.readouterr().out
    assert "kept as" in out
    with Repository.open(path) as repo:
        assert len(repo.results.all()) == 1
    assert main(["restore", "--db", str(path), "--from", str(tmp_path / "nope")]) == 2
    assert main(["backup", "--db", str(tmp_path / "absent.sqlite")]) == 2
    assert not (tmp_path / "absent.sqlite").exists()
