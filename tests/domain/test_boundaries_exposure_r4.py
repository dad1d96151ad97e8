"""Glucocorticoid exposure windows, the renal and tamoxifen risk factors, the monitoring list
and range parsing at their limits (issue 17, round-4 mutation survivors found by a targeted
run ahead of the full one).

Sources: a window "between two days" includes both (our choice, domain/glucocorticoids.py:
"Prednisone-equivalent mg taken between two days (inclusive)"); renal disease as a retinal
risk factor is an eGFR below 60 (ACR/AAD/RDS/AAO 2020 joint statement; Marmor et al. 2016)
named by its lowest reading; tamoxifen counts from its start (Marmor et al. 2016); the
monitoring list puts overdue first, then never done, then due, then not due, each by its
due day (our choice, issue 15: what needs doing first is read first); a titer range is
written 1:N (domain.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from lupus_tracker.domain.dates import FutureDateError, check_not_future
from lupus_tracker.domain.glucocorticoids import (
    DailyDose,
    cumulative,
    daily_dose,
    exposure,
)
from lupus_tracker.domain.hydroxychloroquine import hcq_dose, risk_factors
from lupus_tracker.domain.monitoring import DueStatus, monitoring_due
from lupus_tracker.domain.ranges import RefRange, parse_range
from lupus_tracker.domain.records import Dose, InvalidEntryError, Medication, NumberFormat
from lupus_tracker.domain.treat_to_target import assess_visits

D = date(2026, 3, 1)


def _day(offset: int) -> date:
    return D + timedelta(days=offset)


def _pulses(days: list[int]) -> Medication:
    doses = tuple(Dose(_day(d), 500, "mg", "once") for d in days)
    return Medication(None, "Methylprednisolone", _day(days[0]), None, None, doses)


# -- pulses and unknown doses between two days, both included --------------------------------
def test_pulses_on_the_last_day_count_and_after_it_do_not():
    exp = exposure([_pulses([0, 5, 6])], _day(30))
    assert [(p.day, p.medication) for p in exp.pulses(_day(0), _day(5))] == [
        (_day(0), "Methylprednisolone"),
        (_day(5), "Methylprednisolone"),
    ]
    total = cumulative(exp, _day(0), _day(5))
    assert (total.pulse_days, total.pulse_mg) == (2, pytest.approx(2 * 500 * 1.25))


def test_unknown_doses_between_two_days_both_included():
    no_dose = [
        Medication(None, "Prednisone", _day(-10), _day(-1)),  # ends the day before
        Medication(None, "Prednisolone", _day(-10), _day(0)),  # ends on the first day
        Medication(None, "Deflazacort", _day(5), _day(9)),  # starts on the last day
        Medication(None, "Dexamethasone", _day(6), _day(9)),  # starts the day after
    ]
    exp = exposure(no_dose, _day(30))
    assert [u.medication for u in exp.unknowns_between(_day(0), _day(5))] == [
        "Prednisolone",
        "Deflazacort",
    ]
    # one day: an unknown starting that day is named in the day's dose
    assert daily_dose(exp, _day(5)) == DailyDose(
        _day(5), 0.0, 0.0, ("Deflazacort: no dose recorded",)
    )


# -- hydroxychloroquine dose on a day ---------------------------------------------------------
def test_hcq_dose_keeps_its_day_and_dose_without_a_weight():
    hcq = Medication(
        None, "Plaquenil", _day(-30), None, None, (Dose(_day(-30), 200, "mg", "once daily"),)
    )
    found = hcq_dose([hcq], [], D)
    assert found is not None
    assert (found.day, found.mg_per_day, found.weight_kg, found.problem) == (
        D, 200.0, None, "no weight logged"
    )  # fmt: skip
    # two weighings the same day: the one entered last counts (as listed)
    found = hcq_dose([hcq], [(_day(-1), 80.0), (_day(-1), 70.0)], D)
    assert found is not None and (found.day, found.weight_kg) == (D, 70.0)


# -- renal disease and tamoxifen as retinal risk factors -------------------------------------
def test_renal_disease_after_recovery_names_the_lowest_reading_and_its_first_day():
    history = [(_day(-200), 55.0), (_day(-100), 40.0), (_day(-50), 40.0), (_day(-10), 75.0)]
    found = risk_factors([], (_day(-10), 75.0), D, egfr_history=history)
    assert [(r.name, r.detail, r.since) for r in found] == [
        (
            "renal disease",
            f"eGFR 40 on {_day(-100).isoformat()} was below 60 — "
            "the app counts any eGFR below 60 on record as a risk factor, even after it "
            "recovers (the app's choice, to discuss with your doctor)",
            _day(-200),
        )
    ]


def test_renal_disease_with_lupus_nephritis_names_both_reasons():
    history = [(_day(-50), 40.0), (_day(-100), 40.0)]  # equal values: the earlier is named
    found = risk_factors([], (_day(-10), 75.0), D, egfr_history=history, lupus_nephritis=True)
    assert [(r.detail, r.since) for r in found] == [
        (
            f"lupus nephritis is recorded; eGFR 40 on {_day(-100).isoformat()} was below 60 "
            "— the app counts any eGFR below 60 on record as a risk factor, even after it "
            "recovers (the app's choice, to discuss with your doctor)",
            None,  # lupus nephritis has no start date: counted as long-standing
        )
    ]


@pytest.mark.parametrize(
    ("history", "renal"),
    [
        ([(_day(-100), 60.0)], False),  # exactly 60 is not below 60
        ([(D, 58.0)], True),  # a computed 58 the same day as a lab's 62 counts
        ([(_day(1), 50.0)], False),  # after the day
    ],
)
def test_renal_disease_from_history(history, renal):
    found = risk_factors([], (D, 62.0), D, egfr_history=history)
    assert bool(found) is renal


def test_tamoxifen_counts_from_its_start():
    tamoxifen = Medication(None, "Tamoxifen", _day(-40))
    found = risk_factors([tamoxifen], None, D)
    assert [(r.name, r.detail, r.since) for r in found] == [
        ("tamoxifen", f"Tamoxifen since {_day(-40).isoformat()}", _day(-40))
    ]


# -- the monitoring list, in the order to act on it -----------------------------------------
def test_monitoring_due_order_and_content():
    medications = [
        Medication(None, "Mycophenolate", date(2025, 1, 1)),
        Medication(None, "Prednisone", date(2025, 1, 1)),
    ]
    last = {
        "wbc": D - timedelta(days=90),  # blood count due today
        "alt": D - timedelta(days=70),  # liver tests, own 60-day interval: 10 days overdue
        "glucose": D - timedelta(days=400),  # 35 days overdue: listed first
    }
    found = monitoring_due(medications, last, D, True, {"liver_tests": 60})
    assert [
        (d.item.key, d.because, d.interval_days, d.own_interval, d.last_result, d.due_on, d.status)
        for d in found
    ] == [
        ("glucose", ("Prednisone",), 365, False, last["glucose"], _day(-35), DueStatus.OVERDUE),
        ("liver_tests", ("Mycophenolate",), 60, True, last["alt"], _day(-10), DueStatus.OVERDUE),
        (
            "blood_pressure",
            ("Prednisone", "lupus nephritis"),
            90,
            False,
            None,
            None,
            DueStatus.NEVER,
        ),
        ("urine_protein", ("lupus nephritis",), 90, False, None, None, DueStatus.NEVER),
        ("kidney_function", ("lupus nephritis",), 90, False, None, None, DueStatus.NEVER),
        ("serology", ("lupus nephritis",), 90, False, None, None, DueStatus.NEVER),
        ("blood_count", ("Mycophenolate",), 90, False, last["wbc"], D, DueStatus.DUE),
    ]


# -- a visit's states carry the dose they were judged with -----------------------------------
@dataclass(frozen=True)
class _Assessment:
    visit_on: date
    items: frozenset[str]
    pga: float | None


def test_assess_visits_keeps_the_visit_dose():
    dose = DailyDose(D, 7.5, 0.0)
    (visit,) = assess_visits([_Assessment(D, frozenset(), 0.5)], lambda day: dose)
    assert (visit.visit_on, visit.dose, visit.pga) == (D, dose, 0.5)


# -- parsing a range and a number format ------------------------------------------------------
def test_titer_range_without_comparators_and_scaled_ranges():
    assert parse_range("1:40-1:160") == RefRange(40.0, 160.0, titer=True)
    ref = RefRange(1.0, 2.0, low_inclusive=False, high_inclusive=False, word=None, titer=True)
    assert ref.scaled(lambda v: v * 10) == RefRange(10.0, 20.0, False, False, None, True)
    worded = RefRange(word="negative")
    assert worded.scaled(lambda v: v * 10) == worded
    assert RefRange().text() == ""


def test_number_format_refusal():
    assert NumberFormat.parse("comma") is NumberFormat.COMMA
    with pytest.raises(InvalidEntryError) as raised:
        NumberFormat.parse("dots")
    assert str(raised.value) == "The number format must be point or comma, not 'dots'."


def test_a_result_dated_in_the_future_is_refused_with_the_reason():
    # our choice (domain/dates.py MAY_BE_FUTURE): a result records what already happened
    with pytest.raises(FutureDateError) as raised:
        check_not_future(date(2026, 3, 2), "result", today=date(2026, 3, 1))
    assert str(raised.value) == (
        "The result date 2026-03-02 is in the future (today is 2026-03-01); a result records "
        "what already happened."
    )
    assert check_not_future(date(2026, 3, 1), "result", today=date(2026, 3, 1)) == D
