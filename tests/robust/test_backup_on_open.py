"""The backup made when a file is opened (issue 10, Speed): it runs off the GUI thread after
the window shows, it is still written, synced and verified, and closing the window while
it runs waits for it, so no half-made backup and no two backups at once."""

from __future__ import annotations

import threading
import time
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from lupus_tracker.domain.records import LabEntry
from lupus_tracker.store import backup as backup_module
from lupus_tracker.store.backup import describe, list_backups
from lupus_tracker.store.repository import Repository


def _filled(path: Path) -> Path:
    with Repository.open(path) as repo:
        repo.results.add_many(
            [LabEntry(date(2024, 1, 1) + timedelta(days=n), "c3", "0.8") for n in range(5)]
        )
    return path


@pytest.fixture
def made_on(monkeypatch) -> list[tuple[str, threading.Thread]]:
    """What the backups did and on which thread; each one takes a little while."""
    steps: list[tuple[str, threading.Thread]] = []
    real = backup_module.backup_now

    def slow_backup(db, now=None):
        steps.append(("began", threading.current_thread()))
        time.sleep(0.3)
        made = real(db, now)
        steps.append(("ended", threading.current_thread()))
        return made

    monkeypatch.setattr(backup_module, "backup_now", slow_backup)
    return steps


def _window(qtbot, tmp_path: Path, repo: Repository):
    from lupus_tracker.ui.main_window import MainWindow

    window = MainWindow(repo, QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_backup_on_open_runs_off_the_gui_thread_and_is_verified(qtbot, tmp_path, made_on):
    repo = Repository.open(_filled(tmp_path / "mine.sqlite"))
    window = _window(qtbot, tmp_path, repo)
    qtbot.waitUntil(lambda: window._open_backup is not None, timeout=5000)
    assert window._open_backup.wait(30)
    assert [step for step, _ in made_on] == ["began", "ended"]
    assert made_on[0][1] is not threading.main_thread()
    made = list_backups(repo.db.path, repo.identity())
    assert len(made) == 1
    info = describe(made[0].path)
    assert info.sound and info.identity == repo.identity() and info.records == 5
    assert not any(p.name.endswith(".part") for p in tmp_path.rglob("*"))
    window.close()
    repo.close()


def test_closing_while_the_backup_on_open_runs_waits_for_it(qtbot, tmp_path, made_on):
    path = _filled(tmp_path / "mine.sqlite")
    repo = Repository.open(path)
    identity = repo.identity()
    window = _window(qtbot, tmp_path, repo)
    qtbot.waitUntil(lambda: bool(made_on), timeout=5000)  # the open backup has begun
    assert window.close()
    steps = [step for step, _ in made_on]
    assert steps == ["began", "ended"]  # close waited; it found the file backed up already
    assert made_on[0][1] is not threading.main_thread()
    repo.close()
    backups = list_backups(path, identity)
    assert len(backups) == 1
    assert describe(backups[0].path).sound
    assert not any(p.name.endswith(".part") for p in tmp_path.rglob("*"))
