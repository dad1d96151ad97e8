"""Output read by another program: ``| head`` ends quietly, CSV cells stay in their row."""

from __future__ import annotations

import csv
import io
import subprocess
import sys

import pytest

from lupus_tracker.cli import main


@pytest.mark.parametrize("command", [["markers"], ["profile"], ["status"], ["check"]])
def test_a_reader_that_stops_early_ends_the_command_quietly(command, demo_file):
    extra = [] if command == ["markers"] else ["--db", str(demo_file)]
    pipe = subprocess.run(
        f"{sys.executable} -m lupus_tracker {' '.join(command + extra)} | head -c 1",
        shell=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "Traceback" not in pipe.stderr and "BrokenPipe" not in pipe.stderr, pipe.stderr


def test_list_csv_quotes_a_note_with_a_carriage_return(tmp_path, capsys):
    db = tmp_path / "n.db"
    note = "@SUM(1)\tx\r-x"
    assert (
        main(
            [
                "add",
                "lab",
                "--db",
                str(db),
                "--date",
                "2026-01-05",
                "--marker",
                "crp",
                "--value",
                "3",
                "--note",
                note,
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["list", "--db", str(db), "--format", "csv"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out, newline="")))
    assert len(rows) == 2 and rows[1][8] == "'" + note  # the note column


def test_an_output_name_too_long_is_one_line_exit_2(demo_file, tmp_path, capsys):
    out = tmp_path / ("a" * 300 + ".csv")
    assert main(["export", "--db", str(demo_file), "--format", "csv", "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "too long" in err and "Traceback" not in err


def test_a_refused_schema_upgrade_is_one_line_exit_2(demo_file, tmp_path, capsys):
    import shutil
    import sqlite3

    db = tmp_path / "old.db"
    shutil.copyfile(demo_file, db)
    with sqlite3.connect(db) as conn:  # claims an old schema its tables do not have
        conn.execute("PRAGMA user_version = 2")
    conn.close()
    assert main(["list", "--db", str(db)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "could not be opened" in err
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert conn.execute("SELECT count(*) FROM results").fetchone()[0] > 0
    conn.close()
