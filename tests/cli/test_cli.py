"""The command line: contracts, exit status 2 with one line for user errors, nothing written."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from lupus_tracker.cli import main
from lupus_tracker.store.repository import Repository
from lupus_tracker.store.schema import SCHEMA_VERSION

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lupus_tracker", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_markers_lists_the_catalog(capsys):
    assert main(["markers"]) == 0
    out = capsys.readouterr().out
    assert "anti_dsdna" in out and "5130-0" in out and "0.9-1.8" in out


def test_add_and_list_round_trip(tmp_path, capsys):
    db = tmp_path / "cli.sqlite"
    assert (
        main(
            [
                "add",
                "lab",
                "--db",
                str(db),
                "--date",
                "2024-03-05",
                "--marker",
                "c3",
                "--value",
                "<0,5",
                "--unit",
                "mg/dL",
                "--ref-low",
                "90",
                "--ref-high",
                "180",
                "--lab",
                "City Lab",
                "--assay",
                "nephelometry",
                "--note",
                "fasting",
            ]
        )
        == 0
    )
    assert (
        main(
            [
                "add",
                "symptom",
                "--db",
                str(db),
                "--date",
                "2024-03-05",
                "--symptom",
                "rash",
                "--severity",
                "6",
                "--location",
                "malar/butterfly",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["list", "--db", str(db), "--format", "csv"]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert rows == [
        {
            "date": "2024-03-05",
            "marker": "c3",
            "value": "<0.5",
            "unit": "mg/dL",
            "ref_range": "90-180",
            "flag": "LOW",
            "lab": "City Lab",
            "assay": "nephelometry",
            "note": "fasting",
            "time": "",
        }
    ]
    with Repository.open(db) as repo:
        (rash,) = repo.diary.day(date(2024, 3, 5)).entries
        assert (rash.symptom, rash.severity, rash.location) == ("rash", 6, "malar/butterfly")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--date", "2024-02-30", "--marker", "c3", "--value", "1"], "not a real date"),
        (["--date", "05/03/2024", "--marker", "c3", "--value", "1"], "YYYY-MM-DD"),
        (["--date", "2024-03-05", "--marker", "c5", "--value", "1"], "Unknown marker"),
        (["--date", "2024-03-05", "--marker", "c3", "--value", "lots"], "Accepted"),
        (
            ["--date", "2024-03-05", "--marker", "c3", "--value", "1", "--unit", "mmol/L"],
            "not known for",
        ),
    ],
)
def test_add_lab_user_errors_exit_2_with_one_line_and_write_nothing(tmp_path, args, message):
    db = tmp_path / "never.sqlite"
    result = run("add", "lab", "--db", str(db), *args)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.stderr
    assert not db.exists()


def test_symptom_severity_out_of_range(tmp_path, capsys):
    db = tmp_path / "s.sqlite"
    with pytest.raises(SystemExit) as exit_info:
        main(
            [
                "add",
                "symptom",
                "--db",
                str(db),
                "--date",
                "2024-03-05",
                "--symptom",
                "fatigue",
                "--severity",
                "11",
            ]
        )
    assert exit_info.value.code == 2
    assert "0 (none) to 10" in capsys.readouterr().err
    assert not db.exists()


def test_missing_file_and_foreign_file(tmp_path, capsys):
    assert main(["list", "--db", str(tmp_path / "absent.sqlite")]) == 2
    assert "No database" in capsys.readouterr().err
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    assert main(["check", "--db", str(text)]) == 2
    assert "not a Lupus Tracker database" in capsys.readouterr().err
    assert text.read_text() == "hello"


def test_demo_and_check(tmp_path, capsys):
    db = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(db), "--end", "2026-06-30"]) == 0
    assert main(["demo", "--db", str(db)]) == 2  # refuses to mix with existing data
    capsys.readouterr()
    assert main(["check", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "integrity: ok" in out and f"schema version: {SCHEMA_VERSION} " in out


def test_entry_point_runs_as_a_module():
    result = run("--version")
    assert result.returncode == 0 and "lupus-tracker" in result.stdout
