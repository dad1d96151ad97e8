"""Every page and dialog fits (issue 18 item 4): at 1366×768 with a 16 pt font, at
1920×1080 with 150 % and 200 % scaling, and in the dark theme, no control lies off-screen
or outside its window, no form scrolls sideways, and no button, label, unit or column
header is cut. Each configuration runs ``layout_audit.py`` in a process of its own (the
scale factor is fixed when Qt starts)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QLabel, QLayout, QPushButton, QVBoxLayout

from tests.ui import layout_audit

ROOT = Path(__file__).resolve().parents[2]


def audit(
    demo_file: Path, tmp_path: Path, width: int, height: int, scale: float = 1.0, *extra: str
) -> list[str]:
    screen = tmp_path / "screen.json"
    screen.write_text(
        json.dumps(
            {
                "screens": [
                    {
                        "name": "test",
                        "x": 0,
                        "y": 0,
                        "width": width,
                        "height": height,
                        "logicalDpi": 96,
                        "logicalBaseDpi": 96,
                        "dpr": 1,
                    }
                ]
            }
        )
    )
    db = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_file, db)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": f"offscreen:configfile={screen}",
        "QT_SCALE_FACTOR": str(scale),
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [sys.executable, str(ROOT / "tests/ui/layout_audit.py"), str(db), *extra],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return [line for line in done.stdout.splitlines() if line.strip()]


def test_every_page_and_dialog_fits_1366x768_with_a_16pt_font(demo_file, tmp_path):
    assert audit(demo_file, tmp_path, 1366, 768, 1.0, "--font-pt", "16") == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "width, height, scale, extra",
    [
        (1366, 768, 1.0, ()),
        (1920, 1080, 1.5, ()),
        (1920, 1080, 2.0, ()),
        (1366, 768, 1.0, ("--theme", "dark")),
        (1920, 1080, 1.5, ("--font-pt", "16")),
    ],
    ids=["1366x768", "1920x1080-150pct", "1920x1080-200pct", "dark", "150pct-16pt"],
)
def test_every_page_and_dialog_fits(demo_file, tmp_path, width, height, scale, extra):
    assert audit(demo_file, tmp_path, width, height, scale, *extra) == []


def test_the_audit_finds_cut_text_and_controls_outside(qtbot):
    """The checks above can fail: a squeezed button, a label cut short, a widget placed
    outside its dialog."""
    dialog = QDialog()
    qtbot.addWidget(dialog)
    layout = QVBoxLayout(dialog)
    layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)  # Qt may squeeze it
    layout.addWidget(QLabel("Severity (0-10) of the worst joint pain today"))
    layout.addWidget(QPushButton("Save the whole lab report now"))
    stray = QPushButton("Remove", dialog)
    dialog.resize(120, 90)
    dialog.show()
    qtbot.waitExposed(dialog)
    stray.setGeometry(400, 10, 80, 30)
    dialog.resize(120, 90)
    found = layout_audit.problems(dialog, "test")
    assert any("needs at least" in p for p in found)
    assert any("'Remove'" in p or "outside the window" in p for p in found)
    assert any("text 'Severity (0-10)" in p for p in found)
