"""The newest eGFR is the headline, a computed eGFR names the creatinine it came from, and
an eGFR is worded by its KDIGO category at every level (rheumatologist review, fixlatest
items 1-3; KDIGO 2012 CKD guideline, table 5)."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.analysis.latest import latest_values
from lupus_tracker.analysis.symptom_summary import SymptomStats
from lupus_tracker.domain.entry import check_entry
from lupus_tracker.domain.hydroxychloroquine import HcqDose
from lupus_tracker.domain.records import LabEntry, Profile
from lupus_tracker.domain.symptoms import get_symptom
from lupus_tracker.domain.wording import change_amount, change_cell, flag_text
from lupus_tracker.store.inputs import latest_records

OCT, NOV = date(2026, 10, 1), date(2026, 11, 1)


@pytest.fixture
def reviewed(repo):
    """The reviewer's case: a lab eGFR 75 on 1 Oct, creatinine only on 1 Nov."""
    repo.profile.set(Profile("Ana", date(1985, 1, 1), "female"))
    repo.results.add(LabEntry(OCT, "creatinine", "1.0", "mg/dL"))
    repo.results.add(LabEntry(OCT, "egfr", "75", "mL/min/{1.73_m2}"))
    repo.results.add(LabEntry(NOV, "creatinine", "2.0", "mg/dL"))
    return repo


def _egfr(repo, markers=None, until=None):
    rows = latest_values(latest_records(repo, markers, until))
    return next(r for r in rows if r.marker.key == "egfr")


@pytest.mark.parametrize("markers", [None, ["egfr"], ["creatinine", "egfr"]])
def test_an_older_lab_egfr_is_never_the_latest(reviewed, markers):
    row = _egfr(reviewed, markers)
    assert (row.latest.day, row.latest.value_text) == (NOV, "32")
    assert row.flag_text == "LOW, KDIGO G3b: moderately to severely decreased"
    # the creatinine it was computed from, with its unit (item 2)
    assert row.remark == "computed from creatinine 2.0 mg/dL (CKD-EPI 2021)"
    # its previous is the computed one of 1 Oct (the same method), not the lab's 75
    assert row.previous is not None and row.previous.value_text == "73"


def test_a_lab_egfr_of_the_newest_day_comes_first_with_the_computed_beside(reviewed):
    reviewed.results.add(LabEntry(NOV, "egfr", "34", "mL/min/{1.73_m2}"))
    row = _egfr(reviewed)
    assert (row.latest.day, row.latest.value_text) == (NOV, "34")
    assert row.remark == "computed eGFR 32 (from creatinine 2.0 mg/dL)"
    # until 1 Oct: the lab's 75, with the computed 73 beside it, named by its creatinine
    row = _egfr(reviewed, until=OCT)
    assert row.latest.value_text == "75"
    assert row.remark == "computed eGFR 73 (from creatinine 1.0 mg/dL)"


def test_a_computed_egfr_names_a_creatinine_in_its_own_unit(repo):
    repo.profile.set(Profile("Ana", date(1985, 1, 1), "female"))
    repo.results.add(LabEntry(OCT, "creatinine", "75", "umol/L"))
    repo.results.add(LabEntry(OCT, "egfr", "60", "mL/min/{1.73_m2}"))
    row = _egfr(repo)
    assert row.remark.startswith("lab 60, computed eGFR 88 (from creatinine 75 µmol/L)")


@pytest.mark.parametrize(
    ("value", "word"),
    [
        ("95", "KDIGO G1: normal or high"),
        ("72", "KDIGO G2: mildly decreased"),
        ("45", "LOW, KDIGO G3a: mildly to moderately decreased"),
        ("30", "LOW, KDIGO G3b: moderately to severely decreased"),
        ("20", "LOW, KDIGO G4: severely decreased"),
        ("10", "LOW, KDIGO G5: kidney failure"),
        (">90", "KDIGO G1: normal or high"),
        (">60", "KDIGO G1-G2"),
    ],
)
def test_every_egfr_level_is_worded_by_its_category(value, word):
    m = check_entry(LabEntry(OCT, "egfr", value, "mL/min/{1.73_m2}"))
    assert flag_text(m) == word  # list, CSV, Excel; the dashboard and report use the same


def test_the_change_cell_is_the_arrow_and_the_signed_number():
    assert change_cell("down", change_amount(-0.14)) == "\u2193 \u22120.14"
    assert change_cell("up", change_amount(5)) == "\u2191 +5"
    assert "down" not in change_cell("down", "-3")


def test_titers_that_are_not_doublings_apart_show_both_titers():
    assert change_amount(0, titer=True, earlier=40, later=100) == "1:40 \u2192 1:100"
    assert change_amount(0, titer=True, earlier=80, later=320) == "+2 dilutions"
    assert change_amount(0, titer=True, earlier=160, later=80) == "-1 dilution"


def test_a_weight_in_pounds_prints_at_the_kg_precision():
    dose = HcqDose(NOV, 400, 68.0388555, NOV)  # 150 lb
    assert "(68 kg on 2026-11-01)" in dose.text()


@pytest.mark.parametrize(
    ("average", "text"), [(0.0, "0.0"), (1 / 31, "<0.1"), (0.05, "0.1"), (2.25, "2.2")]
)
def test_one_rule_for_a_symptom_average(average, text):
    stats = SymptomStats(get_symptom("mouth_ulcers"), 31, 1, average, 1, 31)
    assert stats.average_text == text  # the dashboard and the report show this


def test_the_change_in_words_for_a_screen_reader():
    from lupus_tracker.domain.wording import spoken_change

    assert spoken_change("down", "-0.14") == "down 0.14"
    assert spoken_change("up", "+2 dilutions") == "up 2 dilutions"
    assert spoken_change("up", "1:40 \u2192 1:100") == "up from 1:40 to 1:100"
    assert spoken_change("same", "0") == "no change"
    assert spoken_change("", "not comparable") == "not comparable"
