"""Start-up (issue 10, Speed): the window is painted before what it does not need to show
itself (the dashboard's read, the change actions, the keyboard and focus helpers, the
backup of the day), and the dashboard says it is loading until its read arrives, never
showing the empty file's start view for a file with data."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QLabel, QWidget

from lupus_tracker.domain.records import LabEntry, NumberFormat
from lupus_tracker.store.repository import Repository
from lupus_tracker.ui import dashboard
from lupus_tracker.ui.first_paint import after_first_paint

ROOT = Path(__file__).resolve().parents[2]


class _Painted(QLabel):
    """Records its paints in ``log``."""

    def __init__(self, log: list[str]):
        super().__init__("painted")
        self.log = log

    def paintEvent(self, event) -> None:
        self.log.append("paint")
        super().paintEvent(event)


def test_work_runs_after_the_first_paint_of_a_shown_widget(qtbot):
    log: list[str] = []
    widget = _Painted(log)
    qtbot.addWidget(widget)
    after_first_paint(widget, lambda: log.append("work"))
    widget.show()
    qtbot.waitUntil(lambda: "work" in log, timeout=5000)
    assert log.index("paint") < log.index("work")
    assert log.count("work") == 1
    qtbot.wait(600)  # past the longest wait: still once
    assert log.count("work") == 1


def test_a_widget_that_is_not_shown_gets_its_work_when_the_loop_runs(qtbot):
    done: list[str] = []
    widget = QWidget()
    qtbot.addWidget(widget)
    after_first_paint(widget, lambda: done.append("first"))
    after_first_paint(widget, lambda: done.append("second"))
    assert done == []  # never during the call itself
    qtbot.waitUntil(lambda: len(done) == 2, timeout=1000)
    assert done == ["first", "second"]
    after_first_paint(widget, lambda: done.append("later"))  # already past: soon
    qtbot.waitUntil(lambda: len(done) == 3, timeout=1000)


def _with_c3(path) -> Repository:
    repo = Repository.open(path)
    repo.results.add_many([LabEntry(date(2024, 3, 1), "c3", "0.81", "g/L")])
    return repo


def test_the_dashboard_says_it_is_loading_until_its_read_arrives(qtbot, tmp_path, monkeypatch):
    real = dashboard.gather
    release = threading.Event()

    def slow_gather(repo, today):
        release.wait(10)
        return real(repo, today)

    monkeypatch.setattr(dashboard, "gather", slow_gather)
    repo = _with_c3(tmp_path / "mine.sqlite")
    page = dashboard.DashboardPage(repo)
    qtbot.addWidget(page)
    page.show()
    qtbot.wait(200)  # painted, the read has begun and is held
    assert page.currentWidget() is page.loading
    assert page.loading.text().startswith("Loading")
    assert page.loading.accessibleName() == "Dashboard, loading"
    release.set()
    qtbot.waitUntil(lambda: page.currentIndex() == 1, timeout=10000)  # the overview
    assert [r.latest.value_text for r in page.model.records] == ["0.81"]
    repo.close()


def test_another_file_shows_loading_not_the_previous_files_figures(qtbot, tmp_path, monkeypatch):
    first = _with_c3(tmp_path / "first.sqlite")
    second = Repository.open(tmp_path / "second.sqlite")  # empty
    page = dashboard.DashboardPage(first)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: page.currentIndex() == 1, timeout=10000)
    real = dashboard.gather

    def slow_gather(repo, today):
        time.sleep(0.3)
        return real(repo, today)

    monkeypatch.setattr(dashboard, "gather", slow_gather)
    page.set_repository(second)
    assert page.currentWidget() is page.loading  # not the first file's C3
    qtbot.waitUntil(lambda: page.currentWidget() is page.start, timeout=10000)
    first.close()
    second.close()


AT_FIRST_PAINT = """
import sys, threading
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from lupus_tracker.store.repository import Repository
from lupus_tracker.ui.main_window import MainWindow
seen = {}

class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and "modules" not in seen:
            seen["modules"] = sorted(sys.modules)
            seen["threads"] = sorted(t.name for t in threading.enumerate())
            seen["page"] = window.dashboard.currentWidget().accessibleName()
        return False

settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
window = MainWindow(Repository.open(sys.argv[1]), settings)
watch = Watch()
window.installEventFilter(watch)
window.show()
QTimer.singleShot(1500, app.quit)
app.exec()
print("MODULES", " ".join(seen["modules"]))
print("THREADS", " ".join(seen["threads"]))
print("PAGE_AT_PAINT", seen["page"])
print("PAGE_AFTER", window.dashboard.currentWidget().accessibleName())
window.close()
"""


def test_the_first_paint_comes_before_what_the_window_does_not_need(tmp_path):
    path = tmp_path / "a.sqlite"
    repo = _with_c3(path)
    repo.settings.set_number_format(NumberFormat.POINT)  # a file the app has opened before
    repo.close()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", AT_FIRST_PAINT, str(path), str(tmp_path / "s.ini")],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    lines = dict(line.split(" ", 1) for line in out.stdout.splitlines() if " " in line)
    loaded = set(lines["MODULES"].split())
    assert "lupus_tracker.ui.dashboard" in loaded
    for later in (
        "lupus_tracker.ui.change_actions",  # the first change loads it
        "lupus_tracker.store.treatment_changes",
        "lupus_tracker.analysis.latest",  # the dashboard's read, after the paint
        "lupus_tracker.analysis.treat_to_target",
        "lupus_tracker.ui.term_tips",  # keyboard and focus helpers, after the paint
        "lupus_tracker.ui.undo_keys",
        "lupus_tracker.ui.focus_ring",
    ):
        assert later not in loaded, later
    assert "task-dashboard" not in lines["THREADS"].split()  # no read racing the paint
    assert lines["PAGE_AT_PAINT"] == "Dashboard, loading"
    assert lines["PAGE_AFTER"] == "Dashboard"  # the overview, once read
