"""What identifies a result's test, and what a reader is told about a comparison (issue 17,
round-4 mutation survivors in domain/comparability.py).

Sources of the rules, per row:
- "standardised": the catalog's list of markers whose methods are traceable to one
  reference (IDMS creatinine, ICSH haemoglobin, NGSP HbA1c, ...; domain/catalog.py says
  why for each): results compare across labs, so the key holds neither lab nor range.
- "assay": when a result names its assay, the assay alone identifies the test (our choice,
  domain.md "Comparability": the same kit gives the same scale in any lab).
- "lab and range": a blank assay says nothing, so the lab and its printed range stand in
  for it (our choice, domain.md: anti-dsDNA 120 with range <30 and 15 with range <10 come
  from different tests).
- A titer range is a dilution, never a quantity in a unit: it is compared as printed
  (our choice; UCUM has no conversion between a titer and a concentration).
"""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.domain import comparability
from lupus_tracker.domain.comparability import (
    DIFFERENT_LAB,
    SeriesKey,
    comparison_note,
    series_key,
    why_not_comparable,
)
from lupus_tracker.domain.egfr import COMPUTED_ASSAY, SCHWARTZ_ASSAY
from lupus_tracker.domain.records import LabEntry


@pytest.fixture(autouse=True)
def _fresh_range_cache():
    """Ranges in base units are cached per (marker, unit, range): each row here works its
    range out again, so the rule itself is what the row checks."""
    comparability._BASE_RANGES.clear()


def _entry(marker: str, **fields: str) -> LabEntry:
    return LabEntry(date(2026, 1, 1), marker, "1", **fields)


@pytest.mark.parametrize(
    ("entry", "key", "label"),
    [
        # standardised, with an assay: marker, family and assay; never lab or range
        (
            _entry("hemoglobin", assay=" Roche  Cobas ", lab="Lab A", ref_range="12-16"),
            SeriesKey("hemoglobin", "default", "roche cobas", "", ""),
            "roche cobas",
        ),
        # standardised, no assay: one line across labs and ranges, no legend name
        (
            _entry("hemoglobin", lab="Lab A", ref_range="12-16"),
            SeriesKey("hemoglobin", "default", "", "", ""),
            "",
        ),
        # eGFR (standardised, derived): keyed by its equation
        (
            _entry("egfr", assay=COMPUTED_ASSAY, lab="Lab A", ref_range=">60"),
            SeriesKey("egfr", "default", "ckd-epi 2021 (computed)", "", ""),
            "ckd-epi 2021 (computed)",
        ),
        # assay named: the assay alone, whatever the lab and range
        (
            _entry("anti_dsdna", assay=" Farr ", lab="Lab A", ref_range="<30"),
            SeriesKey("anti_dsdna", "default", "farr", "", ""),
            "farr",
        ),
        # no assay: lab and the range in base units (g/dL -> g/L); albumin is lab-bound
        # (C3 is standardised since rheum4 finding 3)
        (
            _entry("albumin", unit="g/dL", lab=" Lab  A ", ref_range="3.5-5"),
            SeriesKey("albumin", "default", "", "lab a", "35-50"),
            "lab a",
        ),
        # no assay, no lab: the range still tells tests apart
        (
            _entry("albumin", ref_range="35-50"),
            SeriesKey("albumin", "default", "", "", "35-50"),
            "",
        ),
        # no range printed: the lab alone
        (
            _entry("albumin", lab="Lab A"),
            SeriesKey("albumin", "default", "", "lab a", ""),
            "lab a",
        ),
        # a unit the catalog does not know: a family of its own, never the canonical one
        (
            _entry("albumin", unit=" Bananas ", lab="Lab A"),
            SeriesKey("albumin", "?bananas", "", "lab a", ""),
            "lab a",
        ),
        # a titer range is kept as printed, never scaled by the value's unit
        (
            _entry("albumin", unit="g/dL", lab="Lab A", ref_range="<1:80"),
            SeriesKey("albumin", "default", "", "lab a", "<1:80"),
            "lab a",
        ),
    ],
)
def test_series_key_and_its_legend_name(entry, key, label):
    assert series_key(entry) == key
    assert series_key(entry).label() == label


@pytest.mark.parametrize(
    ("a", "b", "why"),
    [
        # eGFR: the lab's own equation and ours are never one line (fixlatest item 6)
        (
            _entry("egfr", assay=COMPUTED_ASSAY),
            _entry("egfr", assay="CKD-EPI 2021"),
            "lab-reported and computed",
        ),
        (
            _entry("egfr", assay="CKD-EPI 2021"),
            _entry("egfr", assay=SCHWARTZ_ASSAY),
            "lab-reported and computed",
        ),
        # two computed equations: the same method, a different equation
        (
            _entry("egfr", assay=COMPUTED_ASSAY),
            _entry("egfr", assay=SCHWARTZ_ASSAY),
            "equation changed",
        ),
        (
            _entry("egfr", assay=COMPUTED_ASSAY),
            _entry("egfr", assay=" ckd-epi 2021 (COMPUTED) "),
            "",
        ),
        (_entry("c3"), _entry("c4"), "different markers"),
    ],
)
def test_computed_and_lab_reported_egfr(a, b, why):
    assert why_not_comparable(a, b) == why


@pytest.mark.parametrize(
    ("a", "b", "note"),
    [
        # standardised, same lab, another printed range: the reader is told
        (
            _entry("hemoglobin", lab="Lab A", ref_range="12-16"),
            _entry("hemoglobin", lab=" lab a", ref_range="11.5-15.5"),
            "different reference range",
        ),
        # no lab named: different ranges stand for different labs
        (
            _entry("hemoglobin", ref_range="12-16"),
            _entry("hemoglobin", ref_range="11.5-15.5"),
            DIFFERENT_LAB,
        ),
        (
            _entry("hemoglobin", lab="Lab A", ref_range="12-16"),
            _entry("hemoglobin", lab="Lab B", ref_range="12-16"),
            DIFFERENT_LAB,
        ),
        (
            _entry("hemoglobin", lab="Lab A", ref_range="12-16"),
            _entry("hemoglobin", lab="Lab A", ref_range="12-16"),
            "",
        ),
        # eGFR: its range is the equation's, not the lab's: no note for a range
        (
            _entry("egfr", lab="Lab A", ref_range=">60"),
            _entry("egfr", lab="Lab A", ref_range=">90"),
            "",
        ),
        # not standardised: comparable results need no note even from two labs
        (
            _entry("anti_dsdna", assay="Farr", lab="Lab A"),
            _entry("anti_dsdna", assay="farr", lab="Lab B"),
            "",
        ),
        # not comparable: no note (the reason is said elsewhere)
        (_entry("albumin", lab="Lab A"), _entry("albumin", lab="Lab B"), ""),
    ],
)
def test_comparison_note(a, b, note):
    assert comparison_note(a, b) == note
