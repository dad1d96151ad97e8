"""Qt fixtures: a main window on a real database, settings in tmp_path, dialogs recorded
instead of blocking."""

from __future__ import annotations

import os
import subprocess

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from lupus_tracker.ui.main_window import MainWindow


@pytest.fixture(autouse=True)
def _discard_when_closed(monkeypatch):
    """A widget closed at the end of a test with typed entries discards them (the
    Save/Discard/Cancel box would block the test); tests that ask answer it themselves."""
    from lupus_tracker.ui import diary_page, unsaved

    monkeypatch.setattr(unsaved, "ask_unsaved", lambda parent, what: unsaved.Choice.DISCARD)
    monkeypatch.setattr(diary_page, "ask_unsaved", lambda parent, what: unsaved.Choice.DISCARD)


@pytest.fixture(autouse=True)
def _no_task_outlives_its_test(qtbot):
    """Teardown waits for every background task and delivers its result while the
    test's widgets still exist (set up after qtbot, so torn down before qtbot closes
    them): no worker is left running against a widget or a file being removed."""
    yield
    from PySide6.QtWidgets import QApplication

    from lupus_tracker.ui import tasks

    assert tasks.wait_idle(60), "a background task was still running at the end of the test"
    QApplication.processEvents()


@pytest.fixture
def messages(monkeypatch):
    """Message boxes are recorded (title, text) and answered Yes / Close."""
    seen: list[tuple[str, str]] = []

    def record(answer):
        def show(parent, title, text, *args, **kwargs):
            seen.append((title, text))
            return answer

        return show

    monkeypatch.setattr(QMessageBox, "critical", record(QMessageBox.StandardButton.Close))
    monkeypatch.setattr(QMessageBox, "warning", record(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "information", record(QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", record(QMessageBox.StandardButton.Yes))
    return seen


@pytest.fixture
def make_window(qtbot, tmp_path, messages):
    """Windows whose background tasks run inline: a test never ends with a worker still
    drawing (matplotlib is not thread-safe)."""
    from lupus_tracker.ui.tasks import run_inline

    def make(repo) -> MainWindow:
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        window = MainWindow(repo, settings)
        qtbot.addWidget(window)
        return window

    with run_inline():
        yield make


@pytest.fixture
def display():
    """A private Xvfb display; its number is chosen by Xvfb itself (-displayfd)."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1080x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=30)
