"""CKD-EPI 2021 against the published values; SLEDAI-2K scoring, bands and change."""

from __future__ import annotations

import pytest

from lupus_tracker.domain.egfr import EgfrError, age_on, ckd_epi_2021, creatinine_to_mg_dl
from lupus_tracker.domain.sledai import (
    DESCRIPTORS,
    MAX_SCORE,
    Change,
    SledaiError,
    band_calculator,
    band_guideline,
    classify_change,
    score,
)


@pytest.mark.parametrize(
    ("sex", "age", "creatinine", "expected"),
    [("female", 55, 0.9, 75.5), ("male", 40, 1.0, 97.6), ("female", 30, 0.6, 123.8),
     ("male", 60, 2.0, 37.5), ("female", 35, 1.1, 67.2)],
)
def test_ckd_epi_2021_published_values(sex, age, creatinine, expected):
    assert round(ckd_epi_2021(creatinine, age, sex), 1) == expected


def test_egfr_units_and_limits():
    assert creatinine_to_mg_dl(88.4, "µmol/L") == pytest.approx(1.0)
    assert creatinine_to_mg_dl(1.0, "mg/dL") == 1.0
    for bad in ((1.0, 17, "female"), (1.0, 40, "other"), (0.0, 40, "male"),
                (float("nan"), 40, "male")):
        with pytest.raises(EgfrError):
            ckd_epi_2021(*bad)
    with pytest.raises(EgfrError):
        creatinine_to_mg_dl(1, "mmol/L")
    from datetime import date

    assert age_on(date(1990, 6, 15), date(2024, 6, 14)) == 33
    assert age_on(date(1990, 6, 15), date(2024, 6, 15)) == 34


def test_sledai_has_24_descriptors_totalling_105():
    assert len(DESCRIPTORS) == 24 and MAX_SCORE == 105
    weights = sorted(d.weight for d in DESCRIPTORS)
    assert weights.count(8) == 8 and weights.count(4) == 6 and weights.count(2) == 7
    assert weights.count(1) == 3


def test_worked_examples():
    # Nephritis with active serology: proteinuria 4 + hematuria 4 + low complement 2
    # + DNA binding 2 + rash 2 = 14.
    assert score({"proteinuria", "hematuria", "low_complement", "increased_dna_binding",
                  "rash"}) == 14
    assert score({"seizure", "fever"}) == 9
    assert score(set()) == 0
    with pytest.raises(SledaiError):
        score({"sneezing"})


@pytest.mark.parametrize(("total", "guideline", "calculator"),
                         [(0, "remission", "none"), (4, "low", "mild"), (5, "moderate", "mild"),
                          (10, "moderate", "moderate"), (11, "high", "high"),
                          (20, "high", "very high")])
def test_bands_of_both_schemes(total, guideline, calculator):
    assert band_guideline(total) == guideline and band_calculator(total) == calculator


def test_change_between_visits():
    assert classify_change(6, 10) is Change.FLARE
    assert classify_change(14, 6) is Change.IMPROVEMENT
    assert classify_change(6, 8) is Change.PERSISTENT
    assert classify_change(4, 0) is Change.REMISSION
