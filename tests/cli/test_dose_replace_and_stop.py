"""``add dose`` on a date that already has a dose, and ``stop`` before a later dose change
(red-team fix round): a different dose on that date is refused and kept unless
``--replace``, which says what it replaced; the same dose again changes nothing; a stop
before the last dose change is refused naming that change (the app's stop too)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from lupus_tracker.cli import main
from lupus_tracker.domain.records import InvalidEntryError
from lupus_tracker.store.repository import Repository
from lupus_tracker.store.treatment_changes import StopMedication


def run(capsys, *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


@pytest.fixture
def db(tmp_path, capsys) -> Path:
    path = tmp_path / "d.sqlite"
    args = ("--name", "Prednisone", "--start", "2026-06-01", "--dose", "20", "--unit", "mg")
    assert main(["add", "medication", "--db", str(path), *args, "--frequency", "daily"]) == 0
    capsys.readouterr()
    return path


def dose(capsys, db: Path, day: str, amount: str, *extra: str) -> tuple[int, str, str]:
    return run(
        capsys, "add", "dose", "--db", str(db), "--medication", "prednisone", "--date", day,
        "--dose", amount, *extra,
    )  # fmt: skip


def doses(db: Path) -> list[tuple[date, float | None]]:
    with Repository.open(db) as repo:
        (medication,) = repo.treatments.all()
    return [(d.from_date, d.dose) for d in medication.doses]


def test_a_different_dose_on_a_recorded_date_is_refused_and_kept(db, capsys):
    before = db.read_bytes()
    status, out, err = dose(capsys, db, "2026-06-01", "15")
    assert status == 2 and out == ""
    (line,) = err.strip().splitlines()
    assert "20 mg once daily is already recorded from 2026-06-01" in line
    assert "--replace" in line
    assert db.read_bytes() == before
    assert doses(db) == [(date(2026, 6, 1), 20)]


def test_replace_replaces_and_says_what_it_replaced(db, capsys):
    status, out, _ = dose(capsys, db, "2026-06-01", "15", "--replace")
    assert status == 0
    assert out.strip() == (
        "Replaced Prednisone 20 mg once daily from 2026-06-01 with 15 mg once daily"
    )
    assert doses(db) == [(date(2026, 6, 1), 15)]


def test_the_same_dose_again_changes_nothing_and_says_so(db, capsys):
    before = db.read_bytes()
    status, out, _ = dose(capsys, db, "2026-06-01", "20")
    assert status == 0
    assert (
        out.strip()
        == "Already recorded, nothing changed: Prednisone 20 mg once daily from 2026-06-01"
    )
    assert db.read_bytes() == before


def test_a_stop_before_the_last_dose_change_is_refused_naming_it(db, capsys):
    assert dose(capsys, db, "2026-09-01", "10")[0] == 0
    before = db.read_bytes()
    status, out, err = run(
        capsys, "stop", "--db", str(db), "--medication", "Prednisone", "--date", "2026-08-01"
    )
    assert status == 2 and out == ""
    (line,) = err.strip().splitlines()
    assert "10 mg once daily on 2026-09-01" in line
    assert db.read_bytes() == before
    status, out, _ = run(
        capsys, "stop", "--db", str(db), "--medication", "Prednisone", "--date", "2026-09-01"
    )
    assert status == 0 and out.strip() == "Stopped Prednisone on 2026-09-01"


def test_the_app_stop_follows_the_same_rule(db, capsys):
    assert dose(capsys, db, "2026-09-01", "10")[0] == 0
    with Repository.open(db) as repo:
        (medication,) = repo.treatments.all()
        assert medication.id is not None
        with pytest.raises(InvalidEntryError, match="2026-09-01"):
            StopMedication(medication.id, date(2026, 8, 1)).carry_out(repo)
        with pytest.raises(InvalidEntryError, match="2026-09-01"):
            repo.treatments.stop(medication.id, date(2026, 8, 1))
        assert repo.treatments.get(medication.id).stopped_on is None
