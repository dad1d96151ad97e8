"""Hydroxychloroquine dose, risk factors and retinal screening at their limits (issue 17,
round-4 mutation survivors and "no tests" functions in domain/hydroxychloroquine.py and
domain/records.py).

Sources: Marmor et al., Ophthalmology 2016;123:1386-94 (AAO 2016 revision): at most
5.0 mg/kg/day of actual weight; a baseline exam within the first year; yearly after 5 years
of use, or yearly from the start with a major risk factor (high dose, renal disease,
tamoxifen). eGFR below 60 as the renal risk factor: ACR/AAD/RDS/AAO 2020 joint statement
(Rosenbaum et al., Arthritis Rheumatol 2021;73:908-11). The rest is "our choice" as the
module says (fixt2t item 3: a risk factor that begins later makes the exam due from the
day it began; "due now" for a year from that day).
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from lupus_tracker.domain.hydroxychloroquine import (
    EGFR_RISK_BELOW,
    MAX_MG_PER_KG,
    YEAR_DAYS,
    HcqDose,
    RiskFactor,
    ScreeningDue,
    daily_mg,
    hcq_dose,
    risk_factors,
    screening_due,
)
from lupus_tracker.domain.records import Dose, Medication

DAY = date(2026, 6, 1)


def _hcq(start: date, mg: float | None = 400, stop: date | None = None, **dose) -> Medication:
    fields = {"unit": "mg", "frequency": "once daily", **dose}
    return Medication(None, "Plaquenil", start, stop, None, (Dose(start, mg, **fields),))


# -- records: a medication is taken through its stop day; no dose before the first ---------
def test_medication_active_through_its_stop_day_and_dose_before_the_first():
    med = _hcq(date(2026, 1, 1), stop=date(2026, 3, 1))
    assert med.active_on(date(2026, 3, 1)) is True
    assert med.active_on(date(2026, 3, 2)) is False
    assert med.active_on(date(2025, 12, 31)) is False
    assert med.dose_on(date(2025, 12, 31)) is None


# -- daily_mg: every active hydroxychloroquine counts, or one clear reason ------------------
@pytest.mark.parametrize(
    ("medications", "result"),
    [
        ([_hcq(date(2026, 1, 1), 200), _hcq(date(2026, 2, 1), 200)], (400.0, None)),
        (
            [Medication(None, "Plaquenil", date(2026, 1, 1))],
            (None, "no dose recorded for Plaquenil"),
        ),
        ([_hcq(date(2026, 1, 1), None)], (None, "no dose recorded for Plaquenil")),
        (
            [_hcq(date(2026, 1, 1), unit=None)],
            (None, "Plaquenil dose unit '(none)' is not mg"),
        ),
        (
            [_hcq(date(2026, 1, 1), frequency=None)],
            (None, "Plaquenil frequency '(none)' is not known"),
        ),
    ],
)
def test_daily_mg(medications, result):
    assert daily_mg(medications, DAY) == result


def test_hcq_dose_text_at_the_limit():
    # 400 mg / 80 kg = 5.0 mg/kg/day: at the limit, not above it (Marmor 2016: "<= 5.0")
    dose = HcqDose(DAY, 400.0, 80.0, date(2026, 5, 1))
    assert MAX_MG_PER_KG == 5.0
    assert dose.text() == (
        "Hydroxychloroquine 400 mg/day = 5.0 mg/kg/day of actual weight "
        "(80 kg on 2026-05-01) (at or below 5)."
    )


# -- renal risk: the first reading of the latest run of eGFR below 60 ----------------------
@pytest.mark.parametrize(
    ("history", "since"),
    [
        # 70, then 55 and 50: the run began with the 55
        (
            [(date(2026, 1, 1), 70.0), (date(2026, 3, 1), 55.0), (date(2026, 5, 1), 50.0)],
            date(2026, 3, 1),
        ),
        # exactly 60 is not below 60: it ends the run
        (
            [(date(2026, 1, 1), 60.0), (date(2026, 3, 1), 59.0), (date(2026, 5, 1), 50.0)],
            date(2026, 3, 1),
        ),
        # all below: the first
        (
            [(date(2026, 1, 1), 40.0), (date(2026, 3, 1), 59.9), (date(2026, 5, 1), 50.0)],
            date(2026, 1, 1),
        ),
        # a reading after the day does not count
        ([(date(2026, 5, 1), 50.0), (date(2026, 7, 1), 45.0)], date(2026, 5, 1)),
        # a reading on the day itself counts ("up to the day"): a lab's 62 beside the
        # computed 58 of that day breaks the run there
        ([(date(2026, 4, 1), 50.0), (date(2026, 5, 1), 62.0)], date(2026, 5, 1)),
        # no history: the latest reading's day
        ([], date(2026, 5, 1)),
    ],
)
def test_reduced_kidney_function_since(history, since):
    assert EGFR_RISK_BELOW == 60.0
    found = risk_factors([], (date(2026, 5, 1), 50.0), date(2026, 5, 1), egfr_history=history)
    assert [(r.name, r.since) for r in found] == [("reduced kidney function", since)]


# -- dose above 5 mg/kg/day: since when (the start of the unbroken run) ----------------------
def _dose_since(medications, weights, day=DAY):
    dose = hcq_dose(medications, weights, day)
    found = risk_factors(medications, None, day, dose, weights=weights)
    return [r.since for r in found if r.name == "dose above 5 mg/kg/day"]


def test_dose_above_limit_since_a_weighing_on_the_day():
    # 400 mg at 90 kg (4.4 mg/kg) until the 70 kg weighing on the day itself (5.7 mg/kg)
    weights = [(date(2026, 1, 1), 90.0), (DAY, 70.0)]
    assert _dose_since([_hcq(date(2025, 1, 1))], weights) == [DAY]


def test_dose_above_limit_since_a_start_on_the_day():
    assert _dose_since([_hcq(DAY)], [(date(2026, 1, 1), 70.0)]) == [DAY]


def test_dose_above_limit_since_the_start_after_another_medication():
    prednisone = Medication(None, "Prednisone", date(2025, 1, 1), None, None, ())
    weights = [(date(2026, 1, 1), 70.0)]
    assert _dose_since([prednisone, _hcq(date(2026, 2, 1))], weights) == [date(2026, 2, 1)]


def test_dose_above_limit_since_a_restart_after_a_one_day_gap():
    # stopped 2026-03-01, restarted 2026-03-03: 2026-03-02 without it breaks the run
    courses = [
        _hcq(date(2026, 1, 1), stop=date(2026, 3, 1)),
        _hcq(date(2026, 3, 3)),
    ]
    assert _dose_since(courses, [(date(2025, 12, 1), 70.0)]) == [date(2026, 3, 3)]


# -- the screening schedule ------------------------------------------------------------------
START = date(2024, 1, 10)
EXAM = date(2025, 1, 15)
YEARLY = EXAM + timedelta(days=YEAR_DAYS)  # 2026-01-15
FIVE_YEARS = date(2029, 1, 10)


def test_baseline_exam_within_the_first_year():
    assert screening_due(START, [], []) == ScreeningDue(
        START, None, date(2025, 1, 9), "baseline exam within the first year of hydroxychloroquine"
    )


def test_yearly_after_five_years_without_risk():
    assert screening_due(START, [EXAM], []) == ScreeningDue(
        START, EXAM, FIVE_YEARS, "yearly after 5 years of use"
    )


def test_yearly_with_long_standing_risk_factors():
    risk = [RiskFactor("renal disease", ""), RiskFactor("tamoxifen", "", date(2025, 6, 1))]
    assert screening_due(START, [EXAM], risk) == ScreeningDue(
        START, EXAM, YEARLY, "yearly, because of renal disease, tamoxifen"
    )


def test_risk_factor_beginning_on_the_yearly_day_keeps_the_yearly_schedule():
    risk = [RiskFactor("tamoxifen", "", YEARLY)]
    assert screening_due(START, [EXAM], risk) == ScreeningDue(
        START, EXAM, YEARLY, "yearly, because of tamoxifen"
    )


def test_risk_factor_beginning_after_the_yearly_day():
    began = date(2026, 3, 5)
    risk = [
        RiskFactor("tamoxifen", "", began),
        RiskFactor("renal disease", "", began),
        RiskFactor("dose above 5 mg/kg/day", "", date(2026, 4, 1)),
    ]
    assert screening_due(START, [EXAM], risk) == ScreeningDue(
        START,
        EXAM,
        began,
        "a risk factor since 5 Mar 2026 (tamoxifen, renal disease)",
        from_risk_start=True,
    )


def test_usual_schedule_when_it_comes_first_or_on_the_same_day():
    start = date(2010, 1, 10)  # long past 5 years of use: usual = last exam + 1 year
    later = [RiskFactor("tamoxifen", "", date(2026, 3, 5))]
    assert screening_due(start, [EXAM], later) == ScreeningDue(
        start, EXAM, YEARLY, "yearly after 5 years of use"
    )
    # the same day: the reason with the risk factor is the one shown
    long_standing = [RiskFactor("renal disease", "")]
    assert screening_due(start, [EXAM], long_standing) == ScreeningDue(
        start, EXAM, YEARLY, "yearly, because of renal disease"
    )


def test_due_from_a_risk_start_is_due_now_for_a_year():
    due = ScreeningDue(START, EXAM, date(2025, 6, 1), "a risk factor", from_risk_start=True)
    assert due.status(date(2025, 6, 1) + timedelta(days=YEAR_DAYS)) == "due now"
    assert due.status(date(2025, 6, 1) + timedelta(days=YEAR_DAYS + 1)) == "overdue"
    # due today: the short sentence (no "next by" date in the past or today)
    assert due.text(date(2025, 6, 1)) == (
        "Retinal screening due: a risk factor; last eye exam 2025-01-15."
    )
