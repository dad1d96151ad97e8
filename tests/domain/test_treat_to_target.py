"""LLDAS (Franklyn et al., Ann Rheum Dis 2016, table 1) and DORIS 2021 (van Vollenhoven et
al., Lupus Sci Med 2021): cases on both sides of every threshold."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from lupus_tracker.domain.glucocorticoids import DailyDose
from lupus_tracker.domain.treat_to_target import (
    Definition,
    PgaError,
    Status,
    assess_visits,
    check_pga,
    doris,
    lldas,
    time_in_state,
)

VISIT = date(2026, 3, 1)
EARLIER = date(2025, 12, 1)


@dataclass(frozen=True)
class A:
    visit_on: date
    items: frozenset[str]
    pga: float | None


def dose(mg, pulse=0.0, unknown=()):
    return DailyDose(VISIT, mg, pulse, tuple(unknown))


def criterion(result, name):
    return next(c for c in result.criteria if c.name == name)


# (items, pga, prednisolone mg/day, expected LLDAS, why) -- Franklyn 2016 table 1.
LLDAS_ROWS = [
    ({"arthritis"}, 1.0, 7.5, Status.MET, "SLEDAI 4 from arthritis, PGA 1, 7.5 mg: all at limit"),
    ({"proteinuria"}, 1.0, 7.5, Status.NOT_MET, "SLEDAI 4 but renal item (major organ)"),
    ({"arthritis", "fever"}, 1.0, 5, Status.NOT_MET, "SLEDAI 5 > 4 and fever is major organ"),
    ({"rash", "low_complement"}, 1.0, 5, Status.MET, "SLEDAI 4 with serology only"),
    ({"rash", "alopecia", "fever"}, 0.5, 5, Status.NOT_MET, "SLEDAI 5; fever"),
    ({"pleurisy"}, 0.5, 5, Status.NOT_MET, "cardiopulmonary activity"),
    (set(), 1.1, 5, Status.NOT_MET, "PGA 1.1 > 1"),
    (set(), 1.0, 8, Status.NOT_MET, "prednisone 8 > 7.5"),
    (set(), 1.0, 7.5, Status.MET, "prednisone 7.5 at the limit"),
    (set(), None, 5, Status.UNKNOWN, "PGA not entered"),
]


@pytest.mark.parametrize(("items", "pga", "mg", "expected", "why"), LLDAS_ROWS)
def test_lldas(items, pga, mg, expected, why):
    previous = A(EARLIER, frozenset(items), 1.0)  # same items: nothing new
    result = lldas(A(VISIT, frozenset(items), pga), previous, dose(mg))
    assert result.status is expected, why


def test_lldas_new_activity_since_previous_assessment():
    previous = A(EARLIER, frozenset({"alopecia"}), 0.5)
    result = lldas(A(VISIT, frozenset({"rash"}), 0.5), previous, dose(0))
    assert result.status is Status.NOT_MET
    assert "rash" in criterion(result, "No new activity").detail


def test_lldas_first_assessment_cannot_judge_new_activity():
    result = lldas(A(VISIT, frozenset(), 0.0), None, dose(0))
    assert result.status is Status.UNKNOWN
    assert "no earlier assessment" in result.missing()[0]


def test_lldas_dose_unknown_names_the_missing_input():
    result = lldas(
        A(VISIT, frozenset(), 0.0),
        A(EARLIER, frozenset(), 0.0),
        dose(0, unknown=["Prednisone from 2026-01-01: unit 'tablet' is not mg or g"]),
    )
    assert result.status is Status.UNKNOWN
    assert "tablet" in result.sentence()


# (items, pga, mg, expected DORIS, why) -- van Vollenhoven 2021 final recommendation.
DORIS_ROWS = [
    (set(), 0.4, 5, Status.MET, "cSLEDAI 0, PGA 0.4 < 0.5, 5 mg at the limit"),
    (set(), 0.5, 5, Status.NOT_MET, "PGA 0.5 is not < 0.5"),
    (set(), 0.0, 5.5, Status.NOT_MET, "prednisolone 5.5 > 5"),
    (
        {"low_complement", "increased_dna_binding"},
        0.0,
        0,
        Status.MET,
        "serology is not counted in clinical SLEDAI",
    ),
    ({"fever"}, 0.0, 0, Status.NOT_MET, "clinical SLEDAI 1"),
    (set(), None, 0, Status.UNKNOWN, "PGA not entered"),
]


@pytest.mark.parametrize(("items", "pga", "mg", "expected", "why"), DORIS_ROWS)
def test_doris(items, pga, mg, expected, why):
    assert doris(A(VISIT, frozenset(items), pga), dose(mg)).status is expected, why


def test_pulse_on_visit_day_counts_against_the_dose_criterion():
    result = doris(A(VISIT, frozenset(), 0.0), dose(0, pulse=625))
    assert result.status is Status.NOT_MET
    assert "625 mg pulse" in result.sentence()


def test_wording_is_never_a_verdict():
    met = doris(A(VISIT, frozenset(), 0.2), dose(2.5))
    assert met.sentence() == (
        "DORIS remission criteria met at the 1 Mar 2026 visit "
        "(PGA as entered from your doctor's letter)."
    )
    unknown = doris(A(VISIT, frozenset(), None), dose(2.5))
    assert unknown.sentence().startswith("DORIS remission criteria: cannot tell")
    assert "PGA not entered" in unknown.sentence()
    for text in (met.sentence(), unknown.sentence()):
        assert "you are in remission" not in text.lower()


@pytest.mark.parametrize(("value", "ok"), [(0, True), (3, True), (-0.1, False), (3.1, False)])
def test_pga_range(value, ok):
    if ok:
        assert check_pga(value) == value
    else:
        with pytest.raises(PgaError):
            check_pga(value)


def test_time_in_state_holds_until_next_assessment():
    visits = assess_visits(
        [
            A(date(2026, 1, 1), frozenset(), 0.5),
            A(date(2026, 1, 11), frozenset(), 0.5),
            A(date(2026, 1, 21), frozenset(), 0.5),
        ],
        lambda day: DailyDose(day, 5.0, 0.0),
    )
    assert [v.lldas.status for v in visits] == [Status.UNKNOWN, Status.MET, Status.MET]
    spent = time_in_state(visits, Definition.LLDAS, date(2025, 12, 27), date(2026, 1, 30))
    # 27-31 Dec not assessed (5), 1-10 Jan unknown (10), 11-30 Jan met (20)
    assert (spent.not_assessed, spent.unknown, spent.met, spent.not_met) == (5, 10, 20, 0)
    assert spent.total == 35
    doris_time = time_in_state(visits, Definition.DORIS, date(2026, 1, 1), date(2026, 1, 30))
    assert doris_time.not_met == 30  # PGA 2.0 then 0.5: 0.5 is never < 0.5
