"""The report's treatment lines: total daily dose, changes with reasons, stopped medications,
and the prednisone-equivalent dose strip (no guessing on unknown frequencies)."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.domain.records import Dose, Medication
from lupus_tracker.report.treatment import daily_text, gather_treatment, mg_per_day

D = date


@pytest.mark.parametrize(
    ("dose", "expected"),
    [
        (Dose(D(2026, 1, 1), 200, "mg", "twice daily"), "400\u00a0mg/day"),  # issue 16's example
        (Dose(D(2026, 1, 1), 5, "mg", "once daily"), "5\u00a0mg/day"),
        (Dose(D(2026, 1, 1), 0.5, "g", "Twice  Daily"), "1000\u00a0mg/day"),
        (Dose(D(2026, 1, 1), 15, "mg", "once weekly"), "15\u00a0mg/week"),  # methotrexate
        (Dose(D(2026, 1, 1), 10, "mg", "every other day"), "5\u00a0mg/day"),
        (Dose(D(2026, 1, 1), 10, "mg", "as needed"), "—"),  # no regular daily dose
        (Dose(D(2026, 1, 1), 200, "mg", "every 4 weeks"), "—"),  # an infusion: per dose only
        (Dose(D(2026, 1, 1), 10, "mg", "when I remember"), "not known"),  # never a guess
        (Dose(D(2026, 1, 1), 2, "tablets", "twice daily"), "not known"),
        (Dose(D(2026, 1, 1), None, None, None), "—"),
    ],
)
def test_total_daily_dose(dose, expected):
    assert daily_text(dose) == expected


def test_changes_stops_and_current_doses():
    meds = [
        Medication(
            1,
            "Prednisone",
            D(2025, 1, 1),
            doses=(
                Dose(D(2025, 1, 1), 20, "mg", "once daily"),
                Dose(D(2026, 2, 1), 7.5, "mg", "once daily", "taper as planned"),
            ),
        ),
        Medication(
            2,
            "Tacrolimus",
            D(2025, 3, 1),
            D(2026, 3, 10),
            "Stopped: tremor",
            doses=(Dose(D(2025, 3, 1), 2, "mg", "twice daily"),),
        ),
        Medication(
            3, "Belimumab", D(2026, 3, 1), doses=(Dose(D(2026, 3, 1), 200, "mg", "once weekly"),)
        ),
        Medication(4, "Azathioprine", D(2024, 1, 1), D(2024, 12, 1)),  # before the period
    ]
    treatment = gather_treatment(meds, D(2026, 1, 1), D(2026, 6, 30))
    assert [(m.name, m.dose, m.per_day) for m in treatment.current] == [
        ("Prednisone", "7.5 mg once daily", "7.5\u00a0mg/day"),
        ("Belimumab", "200 mg once weekly", "200\u00a0mg/week"),
    ]
    assert [(c.day, c.name, c.what, c.reason) for c in treatment.changes] == [
        (D(2026, 2, 1), "Prednisone", "20\u00a0mg/day \u2192 7.5\u00a0mg/day", "taper as planned"),
        (D(2026, 3, 1), "Belimumab", "started, 200\u00a0mg/week", ""),
        (D(2026, 3, 10), "Tacrolimus", "stopped", "Stopped: tremor"),
    ]
    assert [(s.name, s.stopped_on, s.last_dose, s.reason) for s in treatment.stopped] == [
        ("Tacrolimus", D(2026, 3, 10), "2 mg twice daily", "Stopped: tremor")
    ]


def test_mg_per_day():
    assert mg_per_day(Dose(D(2026, 1, 1), 200, "mg", "twice daily")) == 400
    assert mg_per_day(Dose(D(2026, 1, 1), 0.5, "g", "once daily")) == 500
    assert mg_per_day(Dose(D(2026, 1, 1), 200, "mg", None)) is None
