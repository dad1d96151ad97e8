"""CKD-EPI 2021 against the published values; SLEDAI-2K scoring, bands and change."""

from __future__ import annotations

import pytest

from lupus_tracker.domain.egfr import EgfrError, age_on, ckd_epi_2021, creatinine_to_mg_dl
from lupus_tracker.domain.sledai import (
    DESCRIPTORS,
    MAX_SCORE,
    Change,
    SledaiError,
    band,
    classify_change,
    describe,
    major_organ_notes,
    score,
)


@pytest.mark.parametrize(
    ("sex", "age", "creatinine", "expected"),
    [
        ("female", 55, 0.9, 75.5),
        ("male", 40, 1.0, 97.6),
        ("female", 30, 0.6, 123.8),
        ("male", 60, 2.0, 37.5),
        ("female", 35, 1.1, 67.2),
    ],
)
def test_ckd_epi_2021_published_values(sex, age, creatinine, expected):
    assert round(ckd_epi_2021(creatinine, age, sex), 1) == expected


def test_egfr_units_and_limits():
    assert creatinine_to_mg_dl(88.4, "µmol/L") == pytest.approx(1.0)
    assert creatinine_to_mg_dl(1.0, "mg/dL") == 1.0
    for bad in (
        (1.0, 17, "female"),
        (1.0, 40, "other"),
        (0.0, 40, "male"),
        (float("nan"), 40, "male"),
    ):
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
    assert (
        score({"proteinuria", "hematuria", "low_complement", "increased_dna_binding", "rash"}) == 14
    )
    assert score({"seizure", "fever"}) == 9
    assert score(set()) == 0
    with pytest.raises(SledaiError):
        score({"sneezing"})


# Source: one scheme (issue 12 item 9; common SLEDAI-2K calculators): 0 none, 1-5 mild,
# 6-10 moderate, 11-19 high, >=20 very high. Rows just below, at and above each boundary.
@pytest.mark.parametrize(
    ("total", "words"),
    [
        (0, "no activity"),
        (1, "mild activity"),
        (5, "mild activity"),
        (6, "moderate activity"),
        (10, "moderate activity"),
        (11, "high activity"),
        (19, "high activity"),
        (20, "very high activity"),
        (105, "very high activity"),
    ],
)
def test_one_band_scheme(total, words):
    assert band(total) == words
    assert "remission" not in describe(total)


# Source: Gladman et al., J Rheumatol 2000 (change > 3 flare, < -3 improvement).
@pytest.mark.parametrize(
    ("previous", "current", "change"),
    [
        (6, 9, Change.PERSISTENT),
        (6, 10, Change.FLARE),
        (10, 6, Change.IMPROVEMENT),
        (9, 6, Change.PERSISTENT),
        (14, 6, Change.IMPROVEMENT),
        (4, 0, Change.IMPROVEMENT),
        (3, 0, Change.NO_ACTIVITY),
        (0, 0, Change.NO_ACTIVITY),
        (0, 4, Change.FLARE),
    ],
)
def test_change_between_visits(previous, current, change):
    assert classify_change(previous, current) is change
    assert "remission" not in change.value


# Source: issue 12 item 9 ("3.5 g/24h proteinuria alone printed 4 / low").
def test_major_organ_items_are_named_whatever_the_total():
    text = describe(4, {"proteinuria"})
    assert "mild activity" in text and "Kidney involvement (proteinuria)" in text
    assert "discuss with your doctor" in text
    assert major_organ_notes({"rash", "alopecia"}) == []
    assert [n.split(" ")[0] for n in major_organ_notes({"seizure", "pleurisy", "vasculitis"})] == [
        "brain",
        "blood",
        "heart",
    ]
