"""Output paths, atomic writes, temporary files, permissions and the backup on close
(issue 14, items 7, 9, 10, 13, 14, 15), and SIGKILL during backup and restore."""

from __future__ import annotations

import os
import signal
import sqlite3
import stat
import subprocess
import sys
import textwrap
import time
from datetime import date, timedelta
from pathlib import Path

import pytest

from lupus_tracker.cli import main
from lupus_tracker.domain.records import LabEntry
from lupus_tracker.output_files import (
    OutputFileError,
    clean_temp_leftovers,
    write_atomically,
)
from lupus_tracker.paths import private_temp_root
from lupus_tracker.store.backup import backup_now, describe
from lupus_tracker.store.repository import Repository


def filled(path: Path, count: int = 3) -> Path:
    with Repository.open(path) as repo:
        repo.results.add_many(
            [LabEntry(date(2024, 1, 1) + timedelta(days=n), "c3", "0.8") for n in range(count)]
        )
    return path


def result_count(path: Path) -> int:
    with Repository.open(path, create=False) as repo:
        return len(repo.results.all())


# 7 -------------------------------------------------------------------------------------
def test_save_a_copy_onto_the_open_file_is_refused_even_through_a_link(
    qtbot, tmp_path, monkeypatch
):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from lupus_tracker.ui.file_actions import save_copy
    from lupus_tracker.ui.main_window import MainWindow

    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "critical", lambda _p, _t, text, *a: said.append(text))
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: said.append(text))
    path = filled(tmp_path / "mine.sqlite")
    link = tmp_path / "link.sqlite"
    link.symlink_to(path)
    repo = Repository.open(path)
    window = MainWindow(repo, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    for target in (path, link, Path(f"{path}-wal")):
        assert save_copy(window, str(target)) is None
    assert len(said) == 3 and all(
        "Nothing was written" in text or "database" in text for text in said
    )
    repo.results.add(LabEntry(date(2024, 2, 1), "c3", "0.7"))
    assert result_count(path) == 4  # nothing entered afterwards is lost
    copy = save_copy(window, str(tmp_path / "copy.sqlite"))
    assert copy is not None and describe(copy).records == 4
    assert describe(copy).identity != repo.identity()  # its backups never mix with ours
    window.close()
    qtbot.wait(10)
    repo.close()


# 9 -------------------------------------------------------------------------------------
@pytest.mark.parametrize("command", [["report"], ["export", "--format", "csv"]])
def test_an_output_path_that_is_a_database_is_refused(tmp_path, capsys, command):
    path = filled(tmp_path / "mine.sqlite")
    other = filled(tmp_path / "other.db")
    backup = None
    with Repository.open(path) as repo:
        backup = backup_now(repo.db)
    before = {p: p.read_bytes() for p in (path, other, backup)}
    targets = [
        path,
        other,
        Path(f"{path}-wal"),
        Path(f"{path}-shm"),
        backup,
        backup.parent / "new-file.pdf",
    ]
    for target in targets:
        capsys.readouterr()
        assert main([*command, "--db", str(path), "--out", str(target)]) == 2, target
        err = capsys.readouterr().err
        assert err.count("\n") == 1, err
    assert {p: p.read_bytes() for p in before} == before
    assert not (backup.parent / "new-file.pdf").exists()
    assert result_count(path) == 3


# 10 ------------------------------------------------------------------------------------
def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "export.csv"
    target.write_text("the previous good export\n")

    def disk_full(temp: Path) -> None:
        temp.write_text("half of it")
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputFileError, match="No space left"):
        write_atomically(target, disk_full)
    assert target.read_text() == "the previous good export\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]
    assert not any(private_temp_root().rglob("*.part"))


def test_a_report_on_a_full_disk_keeps_the_previous_pdf_and_exits_2(tmp_path, capsys, monkeypatch):
    path = filled(tmp_path / "mine.sqlite")
    out = tmp_path / "visit.pdf"
    assert main(["report", "--db", str(path), "--out", str(out)]) == 0
    good = out.read_bytes()
    # QPdfWriter says nothing when the disk is full: it leaves an empty file
    monkeypatch.setattr("lupus_tracker.report.render_qt.count_pdf_pages", lambda data: 0)
    capsys.readouterr()
    assert main(["report", "--db", str(path), "--out", str(out)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert out.read_bytes() == good


# 13 ------------------------------------------------------------------------------------
def test_temporary_files_stay_in_the_private_folder_and_leftovers_are_cleaned(tmp_path):
    watched = tmp_path / "system-tmp"
    watched.mkdir()
    db = filled(tmp_path / "mine.sqlite", 30)
    env = {**os.environ, "TMPDIR": str(watched)}
    code = textwrap.dedent(f"""
        import tempfile, sys
        from lupus_tracker.cli import main
        code = main(["export", "--db", {str(db)!r}, "--format", "xlsx",
                     "--out", {str(tmp_path / "x.xlsx")!r}])
        print(tempfile.gettempdir())
        sys.exit(code)
    """)
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    used = Path(done.stdout.strip().splitlines()[-1])
    assert private_temp_root() in used.parents
    assert stat.S_IMODE(private_temp_root().stat().st_mode) == 0o700
    assert list(watched.iterdir()) == []
    stale = private_temp_root() / "999999999-dead"
    stale.mkdir(parents=True, exist_ok=True)
    (stale / "openpyxl.part").write_text("health data")
    assert clean_temp_leftovers() >= 1 and not stale.exists()


def test_backups_leave_no_side_files(tmp_path):
    path = filled(tmp_path / "mine.sqlite")
    with Repository.open(path) as repo:
        made = [backup_now(repo.db) for _ in range(3)]
    for backup in made:
        describe(backup)
    names = {p.name for p in made[-1].parent.iterdir()}
    assert made[-1].name in names and names <= {p.name for p in made}  # rotated, no -wal,
    # -shm, .part-wal or .part-shm


# 14 ------------------------------------------------------------------------------------
@pytest.mark.parametrize("umask", [0o000, 0o022])
def test_every_folder_0700_and_every_file_0600_under_any_umask(tmp_path, umask):
    data = tmp_path / "data"
    config = tmp_path / "config"
    code = textwrap.dedent(f"""
        import os
        os.umask({umask})
        from pathlib import Path
        from datetime import date, timedelta
        from PySide6.QtCore import QCoreApplication, QSettings
        from lupus_tracker.domain.records import LabEntry
        from lupus_tracker.store.repository import Repository
        from lupus_tracker.store.backup import backup_now
        from lupus_tracker.output_files import write_atomically
        from lupus_tracker.ui.file_actions import remember_recent
        app = QCoreApplication([])
        app.setOrganizationName("LupusTracker")
        app.setApplicationName("Lupus Tracker")
        db = Path({str(data)!r}) / "deep" / "mine.sqlite"
        with Repository.open(db) as repo:
            repo.results.add(LabEntry(date(2024, 1, 1), "c3", "0.8"))
            backup_now(repo.db)
        write_atomically(db.parent / "out.csv", lambda p: p.write_text("x"))
        remember_recent(QSettings(), db)
    """)
    env = {
        **os.environ,
        "LUPUS_TRACKER_DATA_DIR": str(data / "app"),
        "XDG_CONFIG_HOME": str(config),
    }
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    seen = 0
    for root in (data, config / "LupusTracker"):
        for item in [root, *root.rglob("*")]:
            mode = stat.S_IMODE(item.lstat().st_mode)
            assert mode == (0o700 if item.is_dir() else 0o600), (item, oct(mode))
            seen += 1
    assert seen > 8


def test_refusing_a_file_creates_nothing_beside_it(tmp_path):
    path = tmp_path / "music.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("CREATE TABLE songs (title TEXT)")
    conn.commit()
    conn.close()
    assert main(["check", "--db", str(path)]) == 2
    assert sorted(p.name for p in tmp_path.glob("music*")) == ["music.sqlite"]


# 15 ------------------------------------------------------------------------------------
def test_a_failing_backup_on_close_is_logged_told_and_the_window_still_closes(
    qtbot, tmp_path, monkeypatch, caplog
):
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QMessageBox

    from lupus_tracker.ui.main_window import MainWindow

    told: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: told.append(text))
    path = filled(tmp_path / "mine.sqlite")
    repo = Repository.open(path)
    window = MainWindow(repo, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    repo.results.add(LabEntry(date(2024, 3, 1), "c3", "0.77"))

    def full(*_args, **_kwargs):
        raise sqlite3.OperationalError("database or disk is full")

    monkeypatch.setattr("lupus_tracker.store.db.Database.write_copy", full)
    with caplog.at_level("WARNING", logger="lupus_tracker"):
        assert window.close()
    assert told and "backup" in told[0]
    assert "automatic backup failed" in caplog.text and "0.77" not in caplog.text
    assert not any(p.name.endswith(".part") for p in tmp_path.rglob("*"))
    qtbot.wait(10)
    repo.close()


# SIGKILL -------------------------------------------------------------------------------
def _kill_repeatedly(code: str, rounds: int, env: dict) -> None:
    for attempt in range(rounds):
        proc = subprocess.Popen([sys.executable, "-c", code], env=env)
        time.sleep(0.4 + 0.13 * attempt)
        proc.send_signal(signal.SIGKILL)
        proc.wait()


@pytest.mark.slow
def test_sigkill_during_backup_and_restore_keeps_the_data(tmp_path):
    path = filled(tmp_path / "mine.sqlite", 200)
    with Repository.open(path) as repo:
        backup = backup_now(repo.db)
        repo.results.add(LabEntry(date(2025, 1, 1), "c3", "0.5"))
    env = {**os.environ, "LUPUS_TRACKER_DATA_DIR": str(tmp_path / "app")}
    backups = textwrap.dedent(f"""
        from lupus_tracker.store.repository import Repository
        from lupus_tracker.store.backup import backup_now
        with Repository.open({str(path)!r}) as repo:
            while True:
                backup_now(repo.db)
    """)
    _kill_repeatedly(backups, 5, env)
    assert result_count(path) == 201
    for made in backup.parent.glob("*.sqlite"):
        assert describe(made).sound
    restores = textwrap.dedent(f"""
        from lupus_tracker.store.backup import restore_backup
        while True:
            restore_backup({str(backup)!r}, {str(path)!r})
    """)
    _kill_repeatedly(restores, 5, env)
    found = [result_count(path)] if path.exists() else []
    for kept in tmp_path.glob("mine.sqlite.before-restore-*"):
        if not kept.name.endswith(("-wal", "-shm")) and describe(kept).sound:
            found.append(describe(kept).records)
    assert 201 in found or any(n >= 200 for n in found)  # the original data is intact
    assert path.exists() and result_count(path) in (200, 201)
