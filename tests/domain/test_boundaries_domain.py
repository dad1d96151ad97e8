"""Issue 17: boundary tables for the named limits of domain/ (just below, at, just above),
each row citing its source, and a guard that keeps clinical numbers named.
"""

from __future__ import annotations

import ast
from datetime import date, timedelta
from pathlib import Path

import pytest

from lupus_tracker.domain import egfr, monitoring
from lupus_tracker.domain.egfr import EgfrError, bedside_schwartz, ckd_epi_2021
from lupus_tracker.domain.glucocorticoids import REFERENCE_PREDNISONE_MG, prednisone_factor
from lupus_tracker.domain.hydroxychloroquine import SCREENING_DUE_SOON_DAYS, ScreeningDue
from lupus_tracker.domain.monitoring import IntervalError, check_interval
from lupus_tracker.domain.records import Sex

ROOT = Path(__file__).resolve().parents[2] / "lupus_tracker"


# -- CKD-EPI 2021 input limits (age: the equation is for adults, Inker NEJM 2021; 120: our
#    choice; creatinine 0.05-40 mg/dL: our choice, the reported range of real values) ------
@pytest.mark.parametrize(
    ("age", "accepted"),
    [(17, False), (18, True), (19, True), (119, True), (120, True), (120.5, False)],
)
def test_ckd_epi_age_limits(age, accepted):
    assert (egfr.MIN_AGE, egfr.MAX_AGE) == (18, 120)
    if accepted:
        assert ckd_epi_2021(0.9, age, Sex.MALE) > 0
    else:
        with pytest.raises(EgfrError, match="adults aged 18 to 120"):
            ckd_epi_2021(0.9, age, Sex.MALE)


@pytest.mark.parametrize(
    ("creatinine", "accepted"),
    [(0.049, False), (0.05, True), (0.051, True), (39.9, True), (40.0, True), (40.1, False)],
)
def test_creatinine_limits_for_both_equations(creatinine, accepted):
    for compute in (
        lambda: ckd_epi_2021(creatinine, 40, Sex.FEMALE),
        lambda: bedside_schwartz(creatinine, 150),
    ):
        if accepted:
            assert compute() > 0
        else:
            with pytest.raises(EgfrError, match="creatinine"):
                compute()


# Our choice: heights 40-230 cm for the bedside Schwartz equation (Schwartz JASN 2009).
@pytest.mark.parametrize(
    ("height", "accepted"),
    [(39.9, False), (40.0, True), (40.1, True), (229.9, True), (230.0, True), (230.1, False)],
)
def test_schwartz_height_limits(height, accepted):
    if accepted:
        assert bedside_schwartz(1.0, height) == pytest.approx(egfr.SCHWARTZ_K * height)
    else:
        with pytest.raises(EgfrError, match="height"):
            bedside_schwartz(1.0, height)


# CKD-EPI 2021 (Inker NEJM 2021): each coefficient pinned on both sides of kappa, by sex.
@pytest.mark.parametrize(
    ("creatinine", "age", "sex", "expected"),
    [
        (0.7, 40, Sex.FEMALE, 142 * 0.9938**40 * 1.012),  # at kappa: both min/max terms 1
        (0.5, 40, Sex.FEMALE, 142 * (0.5 / 0.7) ** -0.241 * 0.9938**40 * 1.012),
        (1.4, 40, Sex.FEMALE, 142 * 2**-1.200 * 0.9938**40 * 1.012),
        (0.9, 40, Sex.MALE, 142 * 0.9938**40),
        (0.6, 70, Sex.MALE, 142 * (0.6 / 0.9) ** -0.302 * 0.9938**70),
        (1.8, 70, Sex.MALE, 142 * 2**-1.200 * 0.9938**70),
    ],
)
def test_ckd_epi_coefficients(creatinine, age, sex, expected):
    assert ckd_epi_2021(creatinine, age, sex) == pytest.approx(expected, rel=1e-9)


def test_mmol_creatinine_is_converted_by_the_equations_factor():
    assert egfr.creatinine_in_mg_dl(0.0884, "mmol/L") == pytest.approx(1.0)
    assert egfr.creatinine_in_mg_dl(88.4, "umol/L") == pytest.approx(1.0)
    assert egfr.creatinine_in_mg_dl(1.0, "mg/dL") == 1.0
    assert egfr.creatinine_in_mg_dl(1.0, "g/L") is None


# -- glucocorticoid equivalence: BNF, each equal to prednisone 5 mg -------------------------
@pytest.mark.parametrize(
    ("generic", "factor"),
    [
        ("prednisone", 1.0),
        ("prednisolone", 1.0),
        ("methylprednisolone", 1.25),
        ("dexamethasone", 5 / 0.75),
        ("hydrocortisone", 0.25),
        ("deflazacort", 5 / 6),
        ("triamcinolone", 1.25),
        ("cortisone", 0.2),
        ("betamethasone", 5 / 0.75),
    ],
)
def test_prednisone_factors(generic, factor):
    assert REFERENCE_PREDNISONE_MG == 5.0
    assert prednisone_factor(generic) == pytest.approx(factor)


# -- monitoring intervals (our choice: 1 day to 10 years) -----------------------------------
@pytest.mark.parametrize(
    ("days", "accepted"),
    [(0, False), (1, True), (2, True), (3649, True), (3650, True), (3651, False)],
)
def test_monitoring_interval_limits(days, accepted):
    if accepted:
        assert check_interval(days) == days
    else:
        with pytest.raises(IntervalError, match="from 1 to 3650 days"):
            check_interval(days)


# Our choice (DUE_SOON_DAYS = 14): a test due within 14 days is "due".
@pytest.mark.parametrize(
    ("last_days_ago", "status"),
    [
        (90 - monitoring.DUE_SOON_DAYS - 1, monitoring.DueStatus.NOT_DUE),
        (90 - monitoring.DUE_SOON_DAYS, monitoring.DueStatus.DUE),
        (90, monitoring.DueStatus.DUE),
        (91, monitoring.DueStatus.OVERDUE),
    ],
)
def test_monitoring_due_soon_window(last_days_ago, status):
    from lupus_tracker.domain.records import Dose, Medication

    today = date(2026, 6, 1)
    aza = Medication(
        None,
        "Azathioprine",
        date(2025, 1, 1),
        None,
        None,
        (Dose(date(2025, 1, 1), 100, "mg", "once daily"),),
    )
    last = {"wbc": today - timedelta(last_days_ago)}
    found = monitoring.monitoring_due([aza], last, today, False, {})
    (blood_count,) = [d for d in found if d.item.key == "blood_count"]
    assert blood_count.status is status


# -- retinal screening (our choice: due within 30 days is "due") ------------------------------
@pytest.mark.parametrize(
    ("due_in", "word"),
    [
        (-1, "overdue"),
        (0, "due"),
        (SCREENING_DUE_SOON_DAYS - 1, "due"),
        (SCREENING_DUE_SOON_DAYS, "due"),
        (SCREENING_DUE_SOON_DAYS + 1, "not yet due"),
    ],
)
def test_screening_due_soon_window(due_in, word):
    today = date(2026, 6, 1)
    due = ScreeningDue(date(2020, 1, 1), None, today + timedelta(due_in), "yearly")
    assert due.status(today) == word


# -- named constants guard (issue 17 item 3) ---------------------------------------------------
# Numbers allowed inside functions because they are arithmetic, not clinical rules: 0, 1, 2,
# -1; 3/4/6 (text positions, digits, sort order); 12/31 (31 December); 100 (percent);
# 1000/0.001/1e6 (mg-g and mmol-µmol scaling, display without exponent); 2200 (date sanity).
NOT_CLINICAL = {0, 1, 2, -1, 3, 4, 6, 12, 31, 100, 1000, 0.001, 1e6, 2200}


def test_no_bare_clinical_numbers_inside_functions():
    found = []
    for package in ("domain", "analysis"):
        for path in sorted((ROOT / package).glob("*.py")):
            for node in ast.walk(ast.parse(path.read_text("utf-8"))):
                if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
                    continue
                for inner in ast.walk(node):
                    if (
                        isinstance(inner, ast.Constant)
                        and type(inner.value) in (int, float)
                        and inner.value not in NOT_CLINICAL
                    ):
                        found.append(f"{package}/{path.name}:{inner.lineno}: {inner.value!r}")
    assert not found, "name these as constants with their source: " + ", ".join(found)


# -- LLDAS (Franklyn et al., Ann Rheum Dis 2016, table 1) and DORIS 2021 (van Vollenhoven,
#    Lupus Sci Med 2021): each numeric criterion just below, at and just above its limit ----
def _visits(items, pga, mg):
    from dataclasses import dataclass

    from lupus_tracker.domain.glucocorticoids import DailyDose
    from lupus_tracker.domain.treat_to_target import assess_visits

    @dataclass(frozen=True)
    class Assessment:
        visit_on: date
        items: frozenset[str]
        pga: float | None

    earlier = Assessment(date(2026, 1, 1), frozenset(items), pga)
    current = Assessment(date(2026, 3, 1), frozenset(items), pga)
    return assess_visits([earlier, current], lambda day: DailyDose(day, mg, 0.0))[-1]


@pytest.mark.parametrize(
    ("items", "pga", "mg", "lldas_met", "doris_met"),
    [
        (set(), 0.0, 0.0, True, True),
        # SLEDAI-2K <= 4 (LLDAS), non-major-organ items: arthritis 4, thrombocytopenia 1
        ({"arthritis"}, 0.0, 0.0, True, False),
        ({"arthritis", "thrombocytopenia"}, 0.0, 0.0, False, False),
        # serology is left out of the clinical SLEDAI (DORIS); LLDAS counts it in the total
        ({"low_complement", "increased_dna_binding"}, 0.0, 0.0, True, True),
        ({"low_complement", "increased_dna_binding", "thrombocytopenia"}, 0.0, 0.0, False, False),
        # PGA: LLDAS <= 1, DORIS < 0.5
        (set(), 0.49, 0.0, True, True),
        (set(), 0.5, 0.0, True, False),
        (set(), 0.51, 0.0, True, False),
        (set(), 0.99, 0.0, True, False),
        (set(), 1.0, 0.0, True, False),
        (set(), 1.01, 0.0, False, False),
        # prednisolone-equivalent: DORIS <= 5, LLDAS <= 7.5 mg/day
        (set(), 0.0, 4.99, True, True),
        (set(), 0.0, 5.0, True, True),
        (set(), 0.0, 5.01, True, False),
        (set(), 0.0, 7.49, True, False),
        (set(), 0.0, 7.5, True, False),
        (set(), 0.0, 7.51, False, False),
    ],
)
def test_lldas_and_doris_limits(items, pga, mg, lldas_met, doris_met):
    from lupus_tracker.domain.treat_to_target import Status

    visit = _visits(items, pga, mg)
    assert (visit.lldas.status is Status.MET) is lldas_met
    assert (visit.doris.status is Status.MET) is doris_met
    assert visit.lldas.status in (Status.MET, Status.NOT_MET)
    assert visit.doris.status in (Status.MET, Status.NOT_MET)


def test_time_in_state_sentence():
    from lupus_tracker.domain.treat_to_target import Definition, TimeInState

    spent = TimeInState(Definition.LLDAS, date(2025, 12, 27), date(2026, 1, 30), 20, 0, 10, 5)
    assert spent.percent_met() == pytest.approx(100 * 20 / 35)
    assert spent.sentence() == (
        "LLDAS criteria from 27 Dec 2025 to 30 Jan 2026: met on 20 of "
        "35 days (57%), unknown on 10 (an input was missing), no "
        "assessment yet on 5."
    )
    doris = TimeInState(Definition.DORIS, date(2026, 1, 1), date(2026, 1, 1), 1, 0, 0, 0)
    assert doris.sentence() == (
        "DORIS remission criteria from 1 Jan 2026 to 1 Jan 2026: met on 1 of 1 days (100%)."
    )
    empty = TimeInState(Definition.DORIS, date(2026, 1, 2), date(2026, 1, 1), 0, 0, 0, 0)
    assert empty.percent_met() == 0.0


# -- retinal screening schedule (Marmor et al., Ophthalmology 2016; ACR/AAD/RDS/AAO 2020):
#    baseline within the first year, then yearly after 5 years, or yearly with a risk factor
START = date(2021, 3, 1)


@pytest.mark.parametrize(
    ("exams", "risky", "due_on", "last"),
    [
        ((), False, date(2022, 3, 1), None),
        ((START - timedelta(365),), False, date(2026, 3, 1), START - timedelta(365)),
        ((START - timedelta(366),), False, date(2022, 3, 1), None),
        ((date(2021, 4, 1),), True, date(2022, 4, 1), date(2021, 4, 1)),
        ((date(2021, 4, 1),), False, date(2026, 3, 1), date(2021, 4, 1)),
        ((date(2021, 4, 1), date(2025, 6, 1)), False, date(2026, 6, 1), date(2025, 6, 1)),
    ],
)
def test_screening_schedule(exams, risky, due_on, last):
    from lupus_tracker.domain.hydroxychloroquine import RiskFactor, screening_due

    risk = [RiskFactor("tamoxifen", "since 2021")] if risky else []
    due = screening_due(START, exams, risk)
    assert (due.due_on, due.last_exam) == (due_on, last)


def test_screening_five_years_from_29_february():
    from lupus_tracker.domain.hydroxychloroquine import screening_due

    due = screening_due(date(2020, 2, 29), [date(2020, 3, 1)], [])
    assert due.due_on == date(2025, 3, 1)


# eGFR below 60 is the renal risk factor (Royal College of Ophthalmologists 2020).
@pytest.mark.parametrize(("egfr_value", "renal_risk"), [(59.9, True), (60.0, False), (60.1, False)])
def test_hcq_renal_risk_factor(egfr_value, renal_risk):
    from lupus_tracker.domain.hydroxychloroquine import risk_factors
    from lupus_tracker.domain.records import Dose, Medication

    hcq = Medication(
        None, "Hydroxychloroquine", START, None, None, (Dose(START, 200, "mg", "once daily"),)
    )
    found = risk_factors([hcq], (date(2026, 1, 1), egfr_value), date(2026, 2, 1), None)
    assert any("kidney" in r.name for r in found) is renal_risk
