"""Latest values for the dashboard and the report: preferred units, flags, honest changes."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.analysis.latest import latest_values
from lupus_tracker.analysis.symptom_summary import summarize_symptoms
from lupus_tracker.domain.ranges import Flag
from lupus_tracker.domain.records import LabEntry, SymptomEntry
from lupus_tracker.store.inputs import diary_records, latest_records


def by_key(rows):
    return {row.marker.key: row for row in rows}


def test_latest_in_preferred_unit_with_converted_range_and_change(repo):
    repo.results.add_many(
        [
            LabEntry(date(2024, 1, 5), "albumin", "28", "g/L", "35-50"),
            LabEntry(date(2024, 2, 5), "albumin", "3.4", "g/dL", "3.5-5.0"),
        ]
    )
    repo.settings.set_preferred_unit("albumin", "g/dL")
    row = by_key(latest_values(latest_records(repo)))["albumin"]
    assert row.latest.value_text == "3.4" and row.latest.unit.label == "g/dL"
    assert row.latest.ref_text == "3.5-5" and row.latest.flag is Flag.LOW
    assert row.previous.value_text == "2.8"  # 28 g/L shown as g/dL
    assert row.change_text == "+0.6" and row.direction == "up"


def test_creatinine_range_converted_with_sensible_digits(repo):
    repo.results.add(LabEntry(date(2024, 1, 5), "creatinine", "82", "umol/L", "45-90"))
    row = by_key(latest_values(latest_records(repo)))["creatinine"]
    # issue 12 item 4: printed at the unit's usual precision (mg/dL: 2 decimals)
    assert row.latest.value_text == "0.93" and row.latest.ref_text == "0.51-1.02"


def test_assay_change_is_not_comparable(repo):
    repo.results.add_many(
        [
            LabEntry(date(2024, 1, 5), "anti_dsdna", "300", "IU/mL", "<30", assay="ELISA"),
            LabEntry(date(2024, 2, 5), "anti_dsdna", "80", "IU/mL", "<27", assay="CLIA"),
        ]
    )
    row = by_key(latest_values(latest_records(repo)))["anti_dsdna"]
    assert not row.comparable and row.change is None and row.direction == ""
    assert "not comparable" in row.change_text and row.latest.flag is Flag.HIGH


def test_comparators_and_titers_change_honestly(repo):
    repo.results.add_many(
        [
            LabEntry(date(2024, 1, 5), "crp", "<3", "mg/L"),
            LabEntry(date(2024, 2, 5), "crp", "6", "mg/L"),
            LabEntry(date(2024, 1, 5), "ana", "1:640"),
            LabEntry(date(2024, 2, 5), "ana", "1:160"),
        ]
    )
    rows = by_key(latest_values(latest_records(repo)))
    assert rows["crp"].change is None and rows["crp"].change_text == "—"
    assert rows["ana"].change_text == "-2 dilutions" and rows["ana"].latest.flag is Flag.HIGH


def test_since_and_until_limit_what_is_latest(repo):
    repo.results.add_many(
        [
            LabEntry(date(2024, 1, 5), "c3", "0.5"),
            LabEntry(date(2024, 6, 5), "c3", "0.9"),
            LabEntry(date(2023, 1, 5), "c4", "0.2"),
        ]
    )
    assert (
        by_key(latest_values(latest_records(repo, until=date(2024, 3, 1))))["c3"].latest.value_text
        == "0.5"
    )
    assert set(by_key(latest_values(latest_records(repo), since=date(2024, 1, 1)))) == {"c3"}


def test_symptom_summary(repo):
    for day, fatigue, rash in ((1, 8, 4), (2, 6, 0), (3, 4, 2)):
        entries = [SymptomEntry(date(2024, 3, day), "fatigue", fatigue)]
        if rash:
            entries.append(SymptomEntry(date(2024, 3, day), "rash", rash, "malar/butterfly"))
        repo.diary.save_day(date(2024, 3, day), entries)
    repo.results.add(LabEntry(date(2024, 3, 2), "temperature", "38.4", "°C"))
    repo.results.add(LabEntry(date(2024, 3, 3), "temperature", "100.4", "°F"))  # exactly 38
    summary = summarize_symptoms(diary_records(repo, date(2024, 3, 1), date(2024, 3, 31)))
    fatigue = summary.for_symptom("fatigue")
    assert (fatigue.days_logged, fatigue.average, fatigue.worst) == (3, 6.0, 8)
    assert summary.rash_days == 2 and summary.fever_days == 1
    assert summary.days_with_entries == 3 and summary.days_without_entry == 28
    rash = summary.for_symptom("rash")
    assert rash.text() == "Rash: 2 of 3 logged days" and rash.average == 2.0


def test_symptom_denominator_is_days_with_any_entry(repo):
    """Issue 12 item 13: 'Rash 3 of 3 days' when rash was logged 3 of 83 diary days."""
    for day in range(1, 11):
        entries = [SymptomEntry(date(2024, 3, day), "fatigue", 2)]
        if day <= 3:
            entries.append(SymptomEntry(date(2024, 3, day), "rash", 3, "malar/butterfly"))
        repo.diary.save_day(date(2024, 3, day), entries)
    repo.diary.save_day(date(2024, 3, 11), [SymptomEntry(date(2024, 3, 11), "rash", 0)])
    summary = summarize_symptoms(diary_records(repo, date(2024, 3, 1), date(2024, 3, 31)))
    rash = summary.for_symptom("rash")
    assert rash.text() == "Rash: 3 of 11 logged days"  # severity 0 is absent, not present
    assert rash.average == pytest.approx(9 / 11) and summary.days_without_entry == 20
    assert summary.coverage_text() == "11 of 31 days have a diary entry; 20 have none."


@pytest.mark.parametrize(
    ("value", "word"),
    [
        ("72", "KDIGO G2: mildly decreased"),  # not flagged (KDIGO: reduced below 60), not "normal"
        ("60", "KDIGO G2: mildly decreased"),
        (">60", "KDIGO G1-G2"),
        ("95", "KDIGO G1: normal or high"),  # one rule at every level (fixlatest item 3)
        ("55", "LOW, KDIGO G3a: mildly to moderately decreased"),
    ],
)
def test_an_egfr_of_60_to_89_is_shown_by_its_stage_never_as_normal(repo, value, word):
    repo.results.add(
        LabEntry(date(2024, 1, 5), "egfr", value, "mL/min/{1.73_m2}", assay="CKD-EPI 2021")
    )
    row = by_key(latest_values(latest_records(repo)))["egfr"]
    assert row.flag_text == word
    assert row.latest.flag is (Flag.LOW if value == "55" else Flag.NORMAL)


def test_a_change_is_the_difference_of_the_printed_values(repo):
    repo.results.add_many(
        [
            LabEntry(date(2024, 1, 5), "creatinine", "87", "umol/L"),  # 0.984 -> 0.98 mg/dL
            LabEntry(date(2024, 2, 5), "creatinine", "82", "umol/L"),  # 0.928 -> 0.93 mg/dL
        ]
    )
    repo.settings.set_preferred_unit("creatinine", "mg/dL")
    row = by_key(latest_values(latest_records(repo)))["creatinine"]
    assert (row.previous.value_text, row.latest.value_text) == ("0.98", "0.93")
    assert row.change_text == "-0.05"  # not -0.06 from the unrounded 0.928 - 0.984


def test_what_was_understood_is_at_the_units_usual_precision():
    from lupus_tracker.domain.catalog import get_marker
    from lupus_tracker.domain.measurement import interpret
    from lupus_tracker.domain.wording import understood

    m = interpret(get_marker("creatinine"), "78", "umol/L")
    assert understood(m) == "= 78 µmol/L = 0.88 mg/dL"  # not 0.882153
