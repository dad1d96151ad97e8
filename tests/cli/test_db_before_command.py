"""``lupus-tracker --db FILE COMMAND`` uses FILE, exactly like ``COMMAND --db FILE``.

Found by a reviewer: the file named before the command was accepted and silently ignored,
so ``lupus-tracker --db visit.db add lab ...`` saved into the default database in the
user's data folder and ``--db visit.db check`` checked another file. Run in a subprocess
with its own data folder, so the default database is a real, separate file."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "XDG_DATA_HOME": str(tmp_path / "data-home"),
        "HOME": str(tmp_path / "home"),
    }
    return subprocess.run(
        [sys.executable, "-m", "lupus_tracker", *args],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _default_databases(tmp_path: Path) -> list[Path]:
    return [p for p in (tmp_path / "data-home").rglob("*") if p.is_file()]


def _c3_rows(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT marker, value_text FROM results").fetchall()


def test_db_before_the_command_is_the_file_written(tmp_path: Path) -> None:
    db = tmp_path / "visit.db"
    added = _run(
        tmp_path,
        *("--db", str(db), "add", "lab", "--marker", "c3", "--value", "0.8"),
        *("--unit", "g/L", "--date", "2026-01-01"),
    )
    assert added.returncode == 0, added.stderr
    assert _c3_rows(db) == [("c3", "0.8")]
    assert _default_databases(tmp_path) == []  # nothing went to the default database

    checked = _run(tmp_path, "--db", str(db), "check")
    assert checked.returncode == 0, checked.stderr
    assert "No database" not in checked.stderr
    assert _default_databases(tmp_path) == []


def test_two_different_files_are_refused_and_nothing_is_written(tmp_path: Path) -> None:
    first, second = tmp_path / "first.db", tmp_path / "second.db"
    refused = _run(
        tmp_path,
        *("--db", str(first), "add", "lab", "--db", str(second)),
        *("--marker", "c3", "--value", "0.8", "--unit", "g/L", "--date", "2026-01-01"),
    )
    assert refused.returncode == 2
    assert "two different databases" in refused.stderr
    assert len(refused.stderr.strip().splitlines()) == 1
    assert not first.exists() and not second.exists()
    assert _default_databases(tmp_path) == []


def test_the_same_file_twice_is_fine(tmp_path: Path) -> None:
    db = tmp_path / "same.db"
    added = _run(
        tmp_path,
        *("--db", str(db), "add", "lab", "--db", str(db)),
        *("--marker", "c3", "--value", "0.8", "--unit", "g/L", "--date", "2026-01-01"),
    )
    assert added.returncode == 0, added.stderr
    assert _c3_rows(db) == [("c3", "0.8")]
