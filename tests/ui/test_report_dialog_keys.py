"""Alt+O accepts the visit report dialog from the Notes field without typing an "o" there
(patient review: it typed "o"; the OK button is now "&OK"). Pressed through Qt's shortcut
map offscreen, and for real through an X server with xdotool where the tools exist."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from lupus_tracker.ui.report_actions import ReportDialog

ROOT = Path(__file__).resolve().parents[2]


def test_alt_o_accepts_from_the_notes(qtbot, repo):
    dialog = ReportDialog(repo)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitActive(dialog):  # Qt fires no shortcut in an inactive window
        dialog.activateWindow()
    dialog.notes.setFocus()
    qtbot.keyClicks(dialog.notes, "Ask about")
    qtbot.keyClick(dialog.notes, Qt.Key.Key_O, Qt.KeyboardModifier.AltModifier)
    # the button's click is animated: it comes ~100 ms after the key
    qtbot.waitUntil(lambda: dialog.result() == ReportDialog.DialogCode.Accepted, timeout=2000)
    assert dialog.notes.toPlainText() == "Ask about"


@pytest.mark.slow
def test_a_real_alt_o_key_press_accepts_under_x(display, demo_file, tmp_path):
    for tool in ("Xvfb", "xdotool"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed")
    db = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_file, db)
    env = {**os.environ, "QT_QPA_PLATFORM": "xcb", "DISPLAY": display, "PYTHONPATH": str(ROOT)}
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests/ui/alt_o_driver.py"), str(db)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    outcome = json.loads(done.stdout.strip().splitlines()[-1])
    assert outcome == {"focused": True, "result": 1, "notes": "Ask", "visible": False}
