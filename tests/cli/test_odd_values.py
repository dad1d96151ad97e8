"""Odd values the red team saw accepted (fix round): C3 0 (a measured 0 is not possible:
an undetectable C3 is printed as a bound), a dose of 0.0000001 mg echoed as "0 mg" (a dose
is never echoed as another number), titers 1:1 and 1:3 (a titer is a dilution from 1:10 on).
Each is refused in one line, exit 2, nothing written; the real forms stay accepted."""

from __future__ import annotations

import pytest

from lupus_tracker.cli import main


def lab(db, marker: str, value: str) -> int:
    return main(["add", "lab", "--db", str(db), "--date", "2026-01-01", "--marker", marker,
                 "--value", value])  # fmt: skip


@pytest.mark.parametrize(
    ("marker", "value"),
    [("c3", "0"), ("c4", "0"), ("albumin", "0"), ("hemoglobin", "0"), ("ana", "1:1"),
     ("ana", "1:3"), ("anti_dsdna", "1:5")],
)  # fmt: skip
def test_impossible_lab_values_are_refused(tmp_path, capsys, marker, value):
    db = tmp_path / "v.sqlite"
    assert lab(db, marker, value) == 2
    assert capsys.readouterr().err.count("\n") == 1
    assert not db.exists()


@pytest.mark.parametrize(
    ("marker", "value"),
    [("c3", "<0.04"), ("urine_rbc", "0"), ("ana", "1:10"), ("ana", "<1:40"),
     ("anti_dsdna", "1:80")],
)  # fmt: skip
def test_real_values_stay_accepted(tmp_path, capsys, marker, value):
    assert lab(tmp_path / "v.sqlite", marker, value) == 0


def test_a_dose_is_never_echoed_as_another_number(tmp_path, capsys):
    db = tmp_path / "d.sqlite"
    args = ["add", "medication", "--db", str(db), "--name", "X", "--start", "2026-01-01"]
    assert main([*args, "--dose", "0.0000001", "--unit", "mg"]) == 2
    err = capsys.readouterr().err
    assert "0.0000001 mg" in err and not db.exists()
    assert main([*args, "--dose", "0,125", "--unit", "mg"]) == 0
    assert "0.125 mg" in capsys.readouterr().out


def test_a_decimal_comma_value_is_echoed_unambiguously(tmp_path, capsys):
    """``1,250`` with a decimal comma is 1.25: echoed "1.250" it reads as 1250 to the
    person who writes 1,25 (and to everyone who groups thousands with a point)."""
    db = tmp_path / "c.sqlite"
    assert main(["profile", "--db", str(db), "--number-format", "comma"]) == 0
    capsys.readouterr()
    assert lab(db, "anti_dsdna", "1,250") == 0
    out = capsys.readouterr().out
    assert "= 1.25 IU/mL" in out and "1.250" not in out
