"""Standardised markers compare across labs, with a "different lab" note; kit- and
lab-dependent markers still do not (fixt2t item 5: the rule lives in
domain/comparability.py, the per-marker attribute in the catalog)."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.analysis.response import response_table
from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.comparability import (
    comparable,
    comparison_note,
    group_series,
    series_key,
    why_not_comparable,
)
from lupus_tracker.domain.records import LabEntry
from lupus_tracker.store.repository import Repository

# C3, C4 (ERM-DA470k/IFCC) and CRP (ERM-DA472/IFCC) compare across labs since rheum4
# finding 3; albumin (dye methods), ESR, urine protein and UPCR stay lab-bound.
CROSS_LAB = ["hemoglobin", "platelets", "wbc", "neutrophils", "lymphocytes", "creatinine",
             "glucose", "hba1c", "weight", "systolic_bp", "temperature", "potassium",
             "c3", "c4", "crp"]  # fmt: skip
LAB_BOUND = ["anti_dsdna", "ch50", "esr", "albumin", "urine_protein_24h", "upcr", "ana",
             "alt"]  # fmt: skip


def _pair(marker: str, lab_b: str = "North Lab", range_b: str | None = "1-2"):
    unit = get_marker(marker).canonical_unit.code
    value = "1:80" if marker == "ana" else "5"
    a = LabEntry(date(2025, 1, 1), marker, value, unit, lab="City Lab", ref_range="1-3")
    b = LabEntry(date(2025, 6, 1), marker, value, unit, lab=lab_b, ref_range=range_b)
    return a, b


@pytest.mark.parametrize("marker", CROSS_LAB)
def test_standardised_markers_compare_across_labs_with_a_note(marker):
    a, b = _pair(marker)
    assert why_not_comparable(a, b) == ""
    assert comparison_note(a, b) == "different lab"
    assert series_key(a) == series_key(b)
    assert len(group_series([a, b])) == 1


@pytest.mark.parametrize("marker", LAB_BOUND)
def test_lab_dependent_markers_still_do_not(marker):
    a, b = _pair(marker)
    assert why_not_comparable(a, b) == "lab changed"
    assert comparison_note(a, b) == ""
    assert len(group_series([a, b])) == 2


def test_same_lab_has_no_note_and_assay_change_still_blocks():
    a, b = _pair("hemoglobin", lab_b="City Lab", range_b="1-3")
    assert comparable(a, b) and comparison_note(a, b) == ""
    jaffe = LabEntry(date(2025, 1, 1), "creatinine", "1.0", "mg/dL", assay="Jaffe")
    enzymatic = LabEntry(date(2025, 6, 1), "creatinine", "1.1", "mg/dL", assay="enzymatic")
    assert why_not_comparable(jaffe, enzymatic) == "assay changed"


def test_unit_family_still_blocks_a_standardised_marker():
    a = LabEntry(date(2025, 1, 1), "hba1c", "6.5", "%", lab="City Lab")
    b = LabEntry(date(2025, 6, 1), "hba1c", "48", "mmol/mol", lab="North Lab")
    # % (NGSP) and mmol/mol (IFCC) are one family here; a marker with two families is
    # tested elsewhere (anti-dsDNA IU/mL vs U/mL): the family check comes first.
    assert why_not_comparable(a, b) == ""
    kit = LabEntry(date(2025, 1, 1), "anti_dsdna", "40", "IU/mL", assay="CLIA")
    other = LabEntry(date(2025, 6, 1), "anti_dsdna", "40", "U/mL", assay="CLIA")
    assert why_not_comparable(kit, other) == "unit family changed"


def test_response_table_shows_the_change_with_the_note(tmp_path):
    db = tmp_path / "r.sqlite"
    with Repository.open(db) as repo:
        repo.results.add(LabEntry(date(2025, 3, 1), "hemoglobin", "10.2", "g/dL", lab="City"))
        repo.results.add(LabEntry(date(2026, 3, 1), "hemoglobin", "12.8", "g/dL", lab="River"))
        repo.results.add(LabEntry(date(2025, 3, 1), "c3", "0.52", "g/L", lab="City"))
        repo.results.add(LabEntry(date(2026, 3, 1), "c3", "0.98", "g/L", lab="River"))
        repo.results.add(LabEntry(date(2025, 3, 1), "albumin", "28", "g/L", lab="City"))
        repo.results.add(LabEntry(date(2026, 3, 1), "albumin", "36", "g/L", lab="River"))
        results = list(repo.results.all())
    rows = {
        r.marker.key: r
        for r in response_table(results, date(2025, 3, 30), None, lambda m: m.canonical_unit)
    }
    year = {f.label: f for f in rows["hemoglobin"].follow_ups}["12 months"]
    assert year.text() == "12.8 (+2.6, +25%; different lab)"
    c3 = {f.label: f for f in rows["c3"].follow_ups}["12 months"]
    assert c3.text() == "0.98 (+0.46, +88%; different lab)"
    albumin = {f.label: f for f in rows["albumin"].follow_ups}["12 months"]
    assert albumin.text() == "36 (not comparable: lab changed)"


def test_dashboard_row_compares_across_labs_with_a_note(tmp_path):
    from lupus_tracker.analysis.latest import latest_values
    from lupus_tracker.store.inputs import latest_records

    with Repository.open(tmp_path / "d.sqlite") as repo:
        repo.results.add(LabEntry(date(2025, 3, 1), "platelets", "132", lab="City"))
        repo.results.add(LabEntry(date(2026, 3, 1), "platelets", "181", lab="River"))
        repo.results.add(LabEntry(date(2025, 3, 1), "esr", "40", lab="City"))
        repo.results.add(LabEntry(date(2026, 3, 1), "esr", "22", lab="River"))
        rows = {r.marker.key: r for r in latest_values(latest_records(repo))}
    assert rows["platelets"].comparable and rows["platelets"].change == 49
    assert "previous value: different lab" in rows["platelets"].remark
    assert not rows["esr"].comparable and rows["esr"].reason == "lab changed"
