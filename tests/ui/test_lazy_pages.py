"""Start-up builds only the dashboard: every other page is built on its first visit, in
its own tab, reachable by keyboard from the start; opening the window loads no page,
dialog or report code it does not show (checked in a fresh interpreter, which must also
exit cleanly)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from lupus_tracker.ui.diary_page import DiaryPage
from lupus_tracker.ui.results_page import ResultsPage

ROOT = Path(__file__).resolve().parents[2]
TITLES = [
    "&Dashboard",
    "&Lab results",
    "&Symptoms",
    "Symptom histor&y",
    "&Medications && events",
    "&Charts",
]


def test_only_the_dashboard_is_built_at_start(make_window, repo):
    window = make_window(repo)
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == TITLES
    assert window._lazy.built == {}
    assert window.charts is None
    for index in range(1, window.tabs.count()):  # a stand-in says what opens there
        assert window.tabs.widget(index).accessibleName().endswith("page, opening")


def test_a_page_is_built_on_its_first_visit_in_its_own_tab(make_window, repo, qtbot):
    window = make_window(repo)
    window.show()
    qtbot.keyClick(window.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentIndex() == 1
    assert isinstance(window.tabs.currentWidget(), ResultsPage)
    assert window.tabs.currentWidget() is window.results
    assert window._lazy.is_built("results") and not window._lazy.is_built("diary")


def test_asking_for_a_page_builds_it_without_changing_the_tab(make_window, repo):
    window = make_window(repo)
    diary = window.diary
    assert isinstance(diary, DiaryPage)
    assert window.tabs.currentIndex() == 0
    assert window.tabs.widget(2) is diary and window.tabs.tabText(2) == "&Symptoms"
    assert window.diary is diary  # built once


def test_every_page_is_reachable_by_keyboard(make_window, repo, qtbot):
    window = make_window(repo)
    window.show()
    for index in range(1, len(TITLES)):
        qtbot.keyClick(window.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
        assert window.tabs.currentIndex() == index
        assert window._lazy.name_at(index) in window._lazy.built
    assert window.charts is not None


START = """
import sys
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from lupus_tracker.store.repository import Repository
from lupus_tracker.ui.main_window import MainWindow
settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
window = MainWindow(Repository.open(sys.argv[1]), settings)
window.show()
QTimer.singleShot(300, app.quit)
app.exec()
print(" ".join(sorted(sys.modules)))
window.close()
"""


def test_the_window_opens_without_loading_what_it_does_not_show(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", START, str(tmp_path / "a.sqlite"), str(tmp_path / "s.ini")],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr[-2000:]  # and no crash at exit
    loaded = set(out.stdout.split())
    assert "lupus_tracker.ui.dashboard" in loaded
    for heavy in (
        "matplotlib",
        "lupus_tracker.ui.results_page",
        "lupus_tracker.ui.diary_page",
        "lupus_tracker.ui.symptom_history",
        "lupus_tracker.ui.charts_view",
        "lupus_tracker.ui.lab_dialog",
        "lupus_tracker.ui.report_actions",
        "PySide6.QtPrintSupport",
    ):
        assert heavy not in loaded, heavy
