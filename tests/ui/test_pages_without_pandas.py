"""Peak memory (issue 10 Speed: at most 250 MiB after every page at 30 years): no page
loads pandas (about 50 MiB with its frames) — the dashboard, Lab results, Symptoms,
Symptom history, Medications & events and every chart the Charts page draws read SQL into
plain lists and arrays. A fresh interpreter visits each page on the demo patient."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

VISIT = """
import sys
from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from lupus_tracker.store.repository import Repository
from lupus_tracker.ui.main_window import MainWindow

def wait(ms):
    loop = QEventLoop(); QTimer.singleShot(ms, loop.quit); loop.exec()

def settle(page):
    wait(300)
    for _ in range(100):
        if not getattr(page, "busy", False):
            break
        wait(100)

settings = QSettings(sys.argv[2], QSettings.Format.IniFormat)
window = MainWindow(Repository.open(sys.argv[1]), settings)
window.show()
shown = []
for index in range(window.tabs.count()):
    window.tabs.setCurrentIndex(index)
    settle(window.tabs.currentWidget())
    shown.append(type(window.tabs.currentWidget()).__name__)
charts = window.charts
for key in ("panel:serology", "panel:kidney", "symptoms:", "sledai:", "marker:c3"):
    position = charts.what.findData(key)
    if position >= 0:
        charts.what.setCurrentIndex(position)
        settle(charts)
        wait(500)
        shown.append(key)
print("shown", " ".join(shown))
print("pandas" in sys.modules)
window.close()
"""


def test_no_page_and_no_chart_loads_pandas(tmp_path, demo_file):
    import shutil

    path = tmp_path / "demo.sqlite"
    shutil.copy(demo_file, path)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run(
        [sys.executable, "-c", VISIT, str(path), str(tmp_path / "s.ini")],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=tmp_path,
    )
    assert out.returncode == 0, out.stderr[-2000:]
    shown, loaded = out.stdout.splitlines()[-2:]
    for page in ("DashboardPage", "ResultsPage", "SymptomHistoryPage", "ChartsView"):
        assert page in shown
    assert "symptoms:" in shown and "panel:serology" in shown
    assert loaded == "False"
