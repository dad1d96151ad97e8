"""Red-team findings on CSV import, round 4 (issue 13), through the real command line: a
second course of a drug already taken, the kind of rash, the profile's number format,
and what the import says about repeats, conflicts and replacements."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from lupus_tracker.cli import main

HEADER = (
    "date,kind,item,value,unit,ref_low,ref_high,lab,note,ref_range,assay,pattern,location,"
    "frequency,end_date,title,entry,source,record_id,data,time,source_id,body_site,pga"
)


def cli(*args: str) -> int:
    try:
        return main(list(args))
    except SystemExit as stop:  # argparse and user errors exit
        return int(stop.code or 0)


def csv_file(path: Path, *rows: str, header: str = HEADER) -> Path:
    path.write_text("\n".join((header, *rows)) + "\n", encoding="utf-8")
    return path


def medication_row(day: str, name: str, entry: str, record_id: str, **cells: str) -> str:
    """One medication row of the app's own CSV layout (24 columns)."""
    values = dict.fromkeys(HEADER.split(","), "")
    values.update(date=day, kind="medication", item=name, entry=entry, record_id=record_id)
    values.update(cells)
    return ",".join(values.values())


def courses(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT name, started_on, stopped_on FROM medications ORDER BY started_on"
        ).fetchall()


def symptoms(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as connection:
        return connection.execute(
            "SELECT day, symptom, severity, location, body_site, note FROM symptoms ORDER BY day"
        ).fetchall()


# Finding 1: one drug is never taken in two courses at once


def _hcq_course_from_2020(tmp_path: Path) -> Path:
    return csv_file(
        tmp_path / "m2.csv",
        medication_row("2020-01-01", "Hydroxychloroquine", "course", "1"),
        medication_row(
            "2020-01-01",
            "Hydroxychloroquine",
            "dose",
            "1",
            value="300",
            unit="mg",
            frequency="once daily",
        ),
    )


def test_an_imported_course_overlapping_an_active_one_is_a_conflict_not_added(tmp_path, capsys):
    db = tmp_path / "m2.db"
    assert cli("add", "medication", "--db", str(db), "--name", "Hydroxychloroquine",
               "--start", "2024-06-01", "--dose", "200", "--unit", "mg",
               "--frequency", "once daily") == 0  # fmt: skip
    file = _hcq_course_from_2020(tmp_path)
    capsys.readouterr()
    assert cli("import", "--db", str(db), "--dry-run", str(file)) == 0
    preview = capsys.readouterr().out
    assert "1 conflicts" in preview and "Would add nothing new" in preview
    assert "Hydroxychloroquine from 2020-01-01: not imported" in preview
    assert "Hydroxychloroquine from 2024-06-01 (still taken)" in preview
    for on_conflict in ("keep", "replace"):
        assert cli("import", "--db", str(db), "--on-conflict", on_conflict, str(file)) == 0
        assert courses(db) == [("Hydroxychloroquine", "2024-06-01", None)]


def test_add_medication_and_import_share_the_rule(tmp_path, capsys):
    db = tmp_path / "a.db"
    cli(
        "add",
        "medication",
        "--db",
        str(db),
        "--name",
        "Hydroxychloroquine",
        "--start",
        "2024-06-01",
    )
    assert cli("add", "medication", "--db", str(db), "--name", "hydroxychloroquine",
               "--start", "2020-01-01") == 2  # fmt: skip
    assert "already being taken" in capsys.readouterr().err
    assert len(courses(db)) == 1


def test_a_course_after_a_stopped_one_is_imported_and_two_overlapping_in_the_file_are_not(
    tmp_path, capsys
):
    db = tmp_path / "s.db"
    cli("add", "medication", "--db", str(db), "--name", "Prednisone", "--start", "2020-01-01")
    assert cli("stop", "--db", str(db), "--medication", "Prednisone", "--date", "2021-01-01") == 0
    file = csv_file(
        tmp_path / "s.csv",
        medication_row("2022-01-01", "Prednisone", "course", "7"),
        medication_row("2022-06-01", "Prednisone", "course", "8"),
        medication_row("2020-06-01", "Prednisone", "course", "9", end_date="2020-09-01"),
    )
    capsys.readouterr()
    assert cli("import", "--db", str(db), str(file)) == 0
    out = capsys.readouterr().out
    assert "overlaps the course earlier in the file" in out
    assert "overlaps the course in the database" in out
    assert courses(db) == [
        ("Prednisone", "2020-01-01", "2021-01-01"),
        ("Prednisone", "2022-01-01", None),
    ]


def test_the_apps_own_export_into_the_same_database_adds_nothing_and_no_conflict(tmp_path, capsys):
    db = tmp_path / "own.db"
    cli("add", "medication", "--db", str(db), "--name", "Hydroxychloroquine",
        "--start", "2024-06-01", "--dose", "200", "--unit", "mg",
        "--frequency", "once daily")  # fmt: skip
    out = tmp_path / "own.csv"
    assert cli("export", "--db", str(db), "--format", "csv", "--out", str(out)) == 0
    capsys.readouterr()
    assert cli("import", "--db", str(db), str(out)) == 0
    said = capsys.readouterr().out
    assert "conflict" not in said and "Nothing to import" in said
    assert len(courses(db)) == 1


# Finding 2: the kind of rash, one rule for the CLI and the CSV


def test_a_csv_rash_kind_is_normalised_as_the_cli_does(tmp_path):
    db = tmp_path / "k.db"
    file = csv_file(
        tmp_path / "k.csv",
        "2025-01-01,symptom,rash,4,,,,,,,,,Malar",
        "2025-01-02,symptom,rash,4,,,,,,,,,discoid",
        header=",".join(HEADER.split(",")[:13]),
    )
    assert cli("import", "--db", str(db), str(file)) == 0
    assert [row[3] for row in symptoms(db)] == ["malar/butterfly", "discoid"]


def test_a_csv_rash_kind_that_is_none_refuses_the_file_naming_the_row(tmp_path, capsys):
    db = tmp_path / "x.db"
    file = csv_file(
        tmp_path / "x.csv",
        "2025-01-02,symptom,rash,4,,,,,,,,,discoid",
        "2025-01-01,symptom,rash,4,,,,,,,,,xyz",
        header=",".join(HEADER.split(",")[:13]),
    )
    assert cli("import", "--db", str(db), str(file)) == 2
    err = capsys.readouterr().err
    assert "Row 3" in err and "'xyz'" in err and len(err.strip().splitlines()) == 1
    assert not db.exists()


# Finding 3: the profile's number format


def test_a_file_without_its_number_format_is_read_as_the_profile_says(tmp_path, capsys):
    db = tmp_path / "c.db"
    file = csv_file(
        tmp_path / "c.csv",
        '2025-01-02,lab,creatinine,"1,234",mg/dL,"0,5","1,1",L,x',
        header="date,kind,item,value,unit,ref_low,ref_high,lab,note",
    )
    assert cli("profile", "--db", str(db), "--number-format", "comma") == 0
    assert cli("import", "--db", str(db), str(file)) == 0
    with sqlite3.connect(db) as connection:
        (value,) = connection.execute("SELECT number FROM results").fetchone()
    assert value == pytest.approx(1.234)
    other = tmp_path / "p.db"
    assert cli("profile", "--db", str(other), "--number-format", "point") == 0
    capsys.readouterr()
    assert cli("import", "--db", str(other), str(file)) == 2  # '1,234' with a point: refused
    assert "1234 mg/dL" in capsys.readouterr().err


# Finding 4: what the import says


REPEATS = (
    "2025-01-01,symptom,fatigue,3,,,,,,",
    "2025-01-01,symptom,fatigue,3,,,,,,",
    "2025-01-02,symptom,rash,3,,,,,,",
    "2025-01-02,symptom,rash,7,,,,,,",
    "2025-01-03,symptom,rash, 2,,,,,,",
)
SHORT = "date,kind,item,value,unit,ref_low,ref_high,lab,note,location"


def test_a_row_repeated_in_the_file_is_said_so_not_already_in_the_database(tmp_path, capsys):
    file = csv_file(tmp_path / "r.csv", *REPEATS, header=SHORT)
    assert cli("import", "--db", str(tmp_path / "empty.db"), "--dry-run", str(file)) == 0
    out = capsys.readouterr().out
    assert "1 repeated in the file" in out and "already in the database" not in out


def test_a_value_twice_in_the_file_names_what_is_actually_kept(tmp_path, capsys):
    db = tmp_path / "t.db"
    cli("add", "symptom", "--db", str(db), "--date", "2025-01-02", "--symptom", "rash",
        "--severity", "5")  # fmt: skip
    file = csv_file(tmp_path / "t.csv", *REPEATS, header=SHORT)
    capsys.readouterr()
    assert cli("import", "--db", str(db), "--dry-run", str(file)) == 0
    out = capsys.readouterr().out
    assert "(twice in the file): kept the database's severity 5, not imported severity 7" in out
    assert "kept severity 3, not imported severity 7" not in out


def test_replacing_says_replace_and_names_the_details_it_clears(tmp_path, capsys):
    db = tmp_path / "rp.db"
    cli("add", "symptom", "--db", str(db), "--date", "2025-01-02", "--symptom", "rash",
        "--severity", "5", "--location", "malar", "--body-site", "forearm",
        "--note", "itchy")  # fmt: skip
    file = csv_file(tmp_path / "rp.csv", *REPEATS, header=SHORT)
    capsys.readouterr()
    assert cli("import", "--db", str(db), "--on-conflict", "replace", str(file)) == 0
    out = capsys.readouterr().out
    assert "Would add 2 symptom entries; would replace 1 symptom entries" in out
    assert "the stored kind, body site and note cleared" in out
    assert symptoms(db) == [
        ("2025-01-01", "fatigue", 3, None, None, None),
        ("2025-01-02", "rash", 3, None, None, None),
        ("2025-01-03", "rash", 2, None, None, None),  # severity " 2" read as 'add symptom' does
    ]
