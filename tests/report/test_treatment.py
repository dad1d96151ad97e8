"""The report's treatment lines: total daily dose, changes with reasons, stopped medications,
and the prednisone-equivalent dose strip (no guessing on unknown frequencies)."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.domain.records import Dose, Medication
from lupus_tracker.report.treatment import (
    daily_text,
    doses_per_day,
    gather_treatment,
    mg_per_day,
    prednisone_equivalent_steps,
    prednisone_factor,
)

D = date


@pytest.mark.parametrize(("dose", "expected"), [
    (Dose(D(2026, 1, 1), 200, "mg", "twice daily"), "400\u00a0mg/day"),  # issue 16's example
    (Dose(D(2026, 1, 1), 5, "mg", "once daily"), "5\u00a0mg/day"),
    (Dose(D(2026, 1, 1), 0.5, "g", "Twice  Daily"), "1000\u00a0mg/day"),
    (Dose(D(2026, 1, 1), 15, "mg", "once weekly"), "15\u00a0mg/week"),  # methotrexate
    (Dose(D(2026, 1, 1), 10, "mg", "as needed"), "not known"),  # never a guess
    (Dose(D(2026, 1, 1), 2, "tablets", "twice daily"), "not known"),
    (Dose(D(2026, 1, 1), None, None, None), "—"),
])
def test_total_daily_dose(dose, expected):
    assert daily_text(dose) == expected


def test_doses_per_day_and_unknown_frequencies():
    assert doses_per_day("three times daily") == 3
    assert doses_per_day("every other day") == 0.5
    assert doses_per_day("monthly") is None and doses_per_day(None) is None


@pytest.mark.parametrize(("name", "dose_mg", "pred_mg"), [
    # FDA prednisolone label: 15 mg prednisolone = 12 mg methylprednisolone = 60 mg
    # hydrocortisone = 2.25 mg dexamethasone = 15 mg prednisone.
    ("Prednisone", 15, 15), ("Prednisolone", 15, 15), ("Methylprednisolone", 12, 15),
    ("Hydrocortisone", 60, 15), ("Dexamethasone", 2.25, 15),
])
def test_prednisone_equivalents(name, dose_mg, pred_mg):
    assert dose_mg * prednisone_factor(name) == pytest.approx(pred_mg)
    assert prednisone_factor("Hydroxychloroquine") is None


def test_changes_stops_and_current_doses():
    meds = [
        Medication(1, "Prednisone", D(2025, 1, 1), doses=(
            Dose(D(2025, 1, 1), 20, "mg", "once daily"),
            Dose(D(2026, 2, 1), 7.5, "mg", "once daily", "taper as planned"))),
        Medication(2, "Tacrolimus", D(2025, 3, 1), D(2026, 3, 10), "Stopped: tremor",
                   doses=(Dose(D(2025, 3, 1), 2, "mg", "twice daily"),)),
        Medication(3, "Belimumab", D(2026, 3, 1), doses=(
            Dose(D(2026, 3, 1), 200, "mg", "once weekly"),)),
        Medication(4, "Azathioprine", D(2024, 1, 1), D(2024, 12, 1)),  # before the period
    ]
    treatment = gather_treatment(meds, D(2026, 1, 1), D(2026, 6, 30))
    assert [(m.name, m.dose, m.per_day) for m in treatment.current] == [
        ("Prednisone", "7.5 mg once daily", "7.5\u00a0mg/day"),
        ("Belimumab", "200 mg once weekly", "200\u00a0mg/week")]
    assert [(c.day, c.name, c.what, c.reason) for c in treatment.changes] == [
        (D(2026, 2, 1), "Prednisone", "20\u00a0mg/day \u2192 7.5\u00a0mg/day",
         "taper as planned"),
        (D(2026, 3, 1), "Belimumab", "started, 200\u00a0mg/week", ""),
        (D(2026, 3, 10), "Tacrolimus", "stopped", "Stopped: tremor")]
    assert [(s.name, s.stopped_on, s.last_dose, s.reason) for s in treatment.stopped] == [
        ("Tacrolimus", D(2026, 3, 10), "2 mg twice daily", "Stopped: tremor")]


def test_prednisone_equivalent_steps_add_glucocorticoids_and_leave_unknown_gaps():
    meds = [
        Medication(1, "Prednisone", D(2026, 1, 1), D(2026, 1, 31), doses=(
            Dose(D(2026, 1, 1), 10, "mg", "once daily"),)),
        Medication(2, "Methylprednisolone", D(2026, 1, 21), doses=(
            Dose(D(2026, 1, 21), 4, "mg", "twice daily"),
            Dose(D(2026, 2, 10), 4, "mg", "when needed"))),
        Medication(3, "Hydroxychloroquine", D(2026, 1, 1), doses=(
            Dose(D(2026, 1, 1), 200, "mg", "twice daily"),)),
    ]
    steps = prednisone_equivalent_steps(meds, D(2026, 1, 1), D(2026, 2, 28))
    assert steps == [(D(2026, 1, 1), 10.0), (D(2026, 1, 21), 20.0), (D(2026, 2, 1), 10.0),
                     (D(2026, 2, 10), None)]
    assert mg_per_day(meds[2].doses[0]) == 400
