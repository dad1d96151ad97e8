"""Red-team findings (fixclin brief item 9): absurd doses of known drugs and results dated
before the birth date are refused with one line naming the limit; real doses stay."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from lupus_tracker.domain.dosing import check_dose_amount
from lupus_tracker.domain.entry import check_entry
from lupus_tracker.domain.records import Dose, InvalidEntryError, LabEntry, Medication, Profile

D = date(2026, 1, 5)


@pytest.mark.parametrize(
    ("name", "dose", "unit", "message", "source"),
    [
        ("Prednisone", 100000, "mg", "limit is 2000 mg prednisone", "red team: 100000 mg daily"),
        (
            "Methylprednisolone IV",
            2,
            "g",
            "limit is 1600 mg methylprednisolone",
            "twice the largest pulse (1000 mg, Buttgereit 2002)",
        ),
        ("Dexamethasone", 40, "g", "limit is 300 mg dexamethasone", "grams typed for mg"),
        ("Hydroxychloroquine", 2000, "mg", "label is 800 mg", "Plaquenil label: 800 mg first dose"),
        ("Plaquenil (hydroxychloroquine)", 1, "g", "label is 800 mg", "1 g in one dose"),
    ],
)
def test_absurd_doses_are_refused_naming_the_limit(name, dose, unit, message, source):
    with pytest.raises(InvalidEntryError, match=message):
        check_dose_amount(Dose(D, dose, unit, "once daily"), name)


@pytest.mark.parametrize(
    ("name", "dose", "unit", "source"),
    [
        ("Prednisone", 60, "mg", "1 mg/kg induction"),
        ("Methylprednisolone", 1000, "mg", "pulse, Buttgereit 2002"),
        ("Solu-Medrol", 1, "g", "pulse in grams"),
        ("Hydroxychloroquine", 400, "mg", "lupus dose"),
        ("Hydroxychloroquine", 800, "mg", "label's malaria first dose"),
        ("Mycophenolate mofetil", 100000, "mg", "no limit known: not refused"),
        ("Prednisone", 5000, "mcg", "5 mg in micrograms"),
    ],
)
def test_real_doses_and_unknown_drugs_are_accepted(name, dose, unit, source):
    check_dose_amount(Dose(D, dose, unit, "once daily"), name)


def test_the_store_refuses_an_absurd_first_dose(repo):
    with pytest.raises(InvalidEntryError, match="2000 mg prednisone"):
        repo.treatments.add(
            Medication(None, "Prednisone", D, doses=(Dose(D, 100000, "mg", "once daily"),))
        )
    assert repo.treatments.all() == []


def test_a_result_before_the_birth_date_is_refused(repo):
    # Source: red team, a result dated before the birth date was accepted.
    repo.profile.set(Profile("", date(1990, 5, 1), None))
    with pytest.raises(InvalidEntryError, match="before the birth date 1990-05-01"):
        repo.results.add(LabEntry(date(1980, 1, 1), "c3", "0.5"))
    assert repo.results.all() == []
    assert repo.results.add(LabEntry(date(1990, 5, 1), "c3", "0.5")).id is not None
    with pytest.raises(InvalidEntryError, match="before the birth date"):
        check_entry(LabEntry(date(1990, 4, 30), "c3", "0.5"), birth_date=date(1990, 5, 1))


def test_the_command_line_refuses_prednisone_100000_mg(tmp_path: Path):
    db = tmp_path / "p.db"
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "lupus_tracker",
            "add",
            "medication",
            "--db",
            str(db),
            "--name",
            "prednisone",
            "--start",
            "2026-01-05",
            "--dose",
            "100000",
            "--unit",
            "mg",
            "--frequency",
            "once daily",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert "Buttgereit" in done.stderr
