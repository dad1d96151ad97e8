"""The accessibility tree read for real through AT-SPI, as Orca reads it (issue 18 item 1).

Runs the app on a private Xvfb display in a D-Bus session of its own with the Qt AT-SPI
bridge on; ``atspi_driver.py`` shows every page and dialog in turn and ``atspi_walk.py``
(the system python3 with pyatspi) reads each window. No interactive node may lack a name.
Skipped where the tools are missing (Xvfb, dbus-run-session, python3-pyatspi,
at-spi2-core): ``apt-get install xvfb dbus at-spi2-core python3-pyatspi``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_PYTHON = "/usr/bin/python3"


def tools_missing() -> str | None:
    for tool in ("Xvfb", "dbus-run-session", "dbus-send"):
        if shutil.which(tool) is None:
            return f"{tool} is not installed"
    if not Path(SYSTEM_PYTHON).exists():
        return "no system python3"
    probe = subprocess.run(
        [SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False, timeout=60
    )
    return None if probe.returncode == 0 else "python3-pyatspi is not installed"


@pytest.mark.slow
def test_every_window_reads_with_a_name_for_each_control(demo_file, tmp_path, request):
    missing = tools_missing()
    if missing:
        pytest.skip(missing)
    display = request.getfixturevalue("display")
    db = tmp_path / "demo.sqlite"
    shutil.copyfile(demo_file, db)
    out = tmp_path / "atspi.jsonl"
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "xcb",
        "DISPLAY": display,
        "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
        "PYTHONPATH": str(ROOT),
    }
    done = subprocess.run(
        [
            "dbus-run-session",
            "--",
            sys.executable,
            str(ROOT / "tests/ui/atspi_driver.py"),
            str(db),
            str(out),
            SYSTEM_PYTHON,
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    windows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    read = {w["window"] for w in windows if w["role"] != "frame"}
    assert len(read) >= 16 and "Add lab report" in read and "Keyboard shortcuts" in read
    assert sum(w["interactive"] for w in windows) > 300
    unnamed = [(w["stage"], w["window"], u) for w in windows for u in w["unnamed"]]
    assert unnamed == []
