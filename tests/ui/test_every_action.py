"""Every action and dialog a person can reach, on the demo patient and on an empty file.

The walk runs in a subprocess (``walk_every_action.py``) so that a segmentation fault, which
would kill pytest itself, fails this test with the name of the action that caused it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lupus_tracker.store.repository import Repository

WALKER = Path(__file__).with_name("walk_every_action.py")
ROOT = Path(__file__).resolve().parents[2]

# Dialogs the walk must reach (a walk that silently reaches nothing cannot fail).
EXPECTED_DIALOGS = (
    "Add event",
    "Add medication",
    "Add lab report",
    "Visit report",
    "Print preview",
    "SLEDAI-2K",
    "Patient profile",
)


def run_walk(db: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
        LUPUS_TRACKER_DATA_DIR=str(tmp_path / "userdata"),
    )
    return subprocess.run(
        [sys.executable, str(WALKER), str(db), str(tmp_path / "s.ini")],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        cwd=tmp_path,
    )


def check(walk: subprocess.CompletedProcess[str]) -> None:
    last = [line for line in walk.stdout.splitlines() if not line.startswith("  ")][-1:]
    assert walk.returncode == 0, (
        f"exit status {walk.returncode} after {last}\n{walk.stdout[-3000:]}\n{walk.stderr[-3000:]}"
    )
    assert "walked" in walk.stdout
    dialogs = [line for line in walk.stdout.splitlines() if line.startswith("  dialog ")]
    for title in EXPECTED_DIALOGS:
        assert any(title.lower() in line.lower() for line in dialogs), (title, dialogs)
    # the SLEDAI-2K visit-date question was asked and "stay" kept the old date
    assert "QMessageBox: Unsaved SLEDAI-2K" in walk.stdout
    assert "visit date after the question: 2020-01-02" not in walk.stdout


@pytest.mark.slow
def test_every_action_on_the_demo_patient(demo_file: Path, tmp_path: Path):
    copy = tmp_path / "demo.sqlite"
    copy.write_bytes(demo_file.read_bytes())
    check(run_walk(copy, tmp_path))


@pytest.mark.slow
def test_every_action_on_an_empty_file(tmp_path: Path):
    empty = tmp_path / "empty.sqlite"
    Repository.open(empty).close()
    check(run_walk(empty, tmp_path))
