"""Hydroxychloroquine mg/kg and retinal screening (Marmor et al., AAO 2016) and
monitoring due per medication class."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from lupus_tracker.domain.hydroxychloroquine import (
    hcq_dose,
    hcq_start,
    risk_factors,
    screening_due,
)
from lupus_tracker.domain.monitoring import (
    DueStatus,
    bp_above_target,
    intervals_from_settings,
    monitoring_due,
)
from lupus_tracker.domain.records import Dose, Medication

TODAY = date(2026, 6, 1)
START = date(2020, 1, 1)


def med(name, dose=None, unit="mg", freq="once daily", start=START, stop=None, mid=1):
    doses = () if dose is None else (Dose(start, dose, unit, freq),)
    return Medication(mid, name, start, stop, None, doses)


# (mg/day, kg, flagged): > 5.0 mg/kg/day is flagged (AAO 2016, EULAR 2023); 5.0 is not.
@pytest.mark.parametrize(
    ("mg", "freq", "kg", "expected", "flagged"),
    [
        (400, "once daily", 80, 5.0, False),
        (200, "twice daily", 80, 5.0, False),
        (400, "once daily", 78.4, 400 / 78.4, True),  # 5.1
        (300, "once daily", 60, 5.0, False),
        (400, "once daily", 79.9, 400 / 79.9, True),  # 5.006: flagged, shown as 5.01
    ],
)
def test_mg_per_kg(mg, freq, kg, expected, flagged):
    dose = hcq_dose(
        [med("Hydroxychloroquine", mg, freq=freq)],
        [(date(2026, 1, 1), 90.0), (date(2026, 5, 1), kg)],
        TODAY,
    )
    assert dose.mg_per_kg == pytest.approx(expected)
    assert dose.above_limit is flagged
    assert dose.weight_on == date(2026, 5, 1)
    if kg == 79.9:
        assert "5.01 mg/kg/day" in dose.text()


def test_mg_per_kg_needs_weight_and_known_dose():
    assert hcq_dose([med("Plaquenil", 200)], [], TODAY).text().endswith("no weight logged.")
    odd = hcq_dose([med("Plaquenil", 1, unit="tablet")], [(TODAY, 70.0)], TODAY)
    assert odd.mg_per_kg is None and "tablet" in odd.text()
    assert hcq_dose([med("Prednisone", 5)], [(TODAY, 70.0)], TODAY) is None


@pytest.mark.parametrize(("egfr", "risk"), [(59.9, True), (60.0, False)])
def test_egfr_below_60_is_a_risk_factor(egfr, risk):
    found = risk_factors([], (TODAY, egfr), TODAY)
    assert bool(found) is risk


def test_tamoxifen_is_a_risk_factor():
    assert [r.name for r in risk_factors([med("Tamoxifen", 20)], None, TODAY)] == ["tamoxifen"]


# Marmor et al. 2016: baseline within the first year; yearly after 5 years; yearly from
# the start with risk factors.
def test_screening_baseline_within_first_year():
    due = screening_due(START, [], [])
    assert due.due_on == START + timedelta(days=365)
    assert due.status(TODAY) == "overdue"


def test_screening_low_risk_waits_until_year_five():
    due = screening_due(START, [date(2020, 3, 1)], [])
    assert due.due_on == date(2025, 1, 1)
    later = screening_due(START, [date(2020, 3, 1), date(2025, 2, 1)], [])
    assert later.due_on == date(2026, 2, 1)


def test_screening_with_risk_factor_is_yearly():
    # The low eGFR is from before the yearly exam fell due (a risk that begins later
    # makes the exam due from its first day: tests/domain/test_hcq_risk_start.py).
    risk = risk_factors([], (date(2020, 6, 1), 45.0), TODAY)
    due = screening_due(START, [date(2020, 3, 1)], risk)
    assert due.due_on == date(2021, 3, 1)
    assert "reduced kidney function" in due.reason


def test_hcq_start():
    assert hcq_start([med("Prednisone", 5), med("HCQ", 200, start=date(2021, 5, 1))]) == date(
        2021, 5, 1
    )


def test_monitoring_due_per_class_with_own_interval():
    meds = [
        med("Mycophenolate mofetil", 1000, freq="twice daily", mid=1),
        med("Prednisone", 5, mid=2),
        med("Rituximab", 1, unit="g", freq="once", stop=date(2020, 1, 1), mid=3),
    ]
    last = {"wbc": date(2026, 4, 1), "alt": date(2026, 1, 1), "systolic_bp": TODAY}
    due = {d.item.key: d for d in monitoring_due(meds, last, TODAY, lupus_nephritis=False)}
    assert due["blood_count"].status is DueStatus.NOT_DUE  # 1 Apr + 90 d = 30 Jun
    assert due["liver_tests"].status is DueStatus.OVERDUE  # 1 Jan + 90 d
    assert due["glucose"].status is DueStatus.NEVER
    assert due["blood_pressure"].status is DueStatus.NOT_DUE
    assert "igg" not in due  # rituximab stopped
    assert "urine_protein" not in due  # no lupus nephritis
    mine = intervals_from_settings(
        {"monitoring.interval.blood_count": "30", "monitoring.interval.liver_tests": "bad"}
    )
    assert mine == {"blood_count": 30}
    due = {d.item.key: d for d in monitoring_due(meds, last, TODAY, True, mine)}
    assert due["blood_count"].status is DueStatus.OVERDUE  # 1 Apr + 30 d
    assert due["blood_count"].own_interval
    assert due["urine_protein"].status is DueStatus.NEVER
    assert "lupus nephritis" in due["serology"].text()


@pytest.mark.parametrize(
    ("s", "d", "above"), [(129, 79, False), (130, 79, True), (129, 80, True), (None, None, None)]
)
def test_bp_target_lupus_nephritis(s, d, above):
    # KDIGO 2024 lupus nephritis: target below 130/80 mmHg
    assert bp_above_target(s, d) is above
