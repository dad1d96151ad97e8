"""The latest values, the symptom summary and the treat-to-target inputs are computed from
plain records built by hand (no SQLite); the store's loaders read only what they need and
give the same answers as every record would (issue 10 item 6)."""

from __future__ import annotations

from datetime import date, timedelta

from lupus_tracker.analysis.latest import latest_values
from lupus_tracker.analysis.symptom_summary import summarize_symptoms
from lupus_tracker.analysis.treat_to_target import gather_inputs, summarize, treat_to_target_line
from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.monitoring import LUPUS_NEPHRITIS_SETTING
from lupus_tracker.domain.records import Dose, LabResult, Medication, Sex, Source, SymptomEntry
from lupus_tracker.domain.symptoms import get_symptom
from lupus_tracker.store.inputs import (
    DiaryRecords,
    LatestRecords,
    TreatmentRecords,
    latest_records,
    treatment_records,
)
from lupus_tracker.store.sledai_repo import SledaiAssessment

_ids = iter(range(1, 10_000))


def result(day, marker, value, unit, ref=None, source=Source.ENTERED, assay=None):
    """A stored result as the store would hand it over (measurement interpreted lazily)."""
    number = _number(value)
    return LabResult(
        next(_ids), day, marker, value, None, number, unit, None, unit, ref, None, assay, None,
        None, source, "", "",
    )  # fmt: skip


def _number(text):
    try:
        return float(text)
    except ValueError:
        return None


def test_latest_values_from_records_built_by_hand():
    records = LatestRecords(
        ("c3", "albumin", "c4"),
        (
            result(date(2024, 2, 5), "albumin", "3.4", "g/dL", "3.5-5.0"),
            result(date(2024, 1, 5), "albumin", "28", "g/L", "35-50"),
            result(date(2024, 3, 1), "c3", "0.5", "g/L", "0.9-1.8"),
            result(date(2024, 4, 1), "c3", "0.8", "g/L", "0.9-1.8"),  # after ``until``
        ),
        {"albumin": get_marker("albumin").units.lookup("g/dL", "albumin")},
        Sex.FEMALE,
        until=date(2024, 3, 15),
    )
    rows = latest_values(records)
    assert [row.marker.key for row in rows] == ["c3", "albumin"]  # asked order; c4 has none
    c3, albumin = rows
    assert c3.latest.value_text == "0.5" and c3.previous is None
    assert albumin.latest.value_text == "3.4" and albumin.previous.value_text == "2.8"
    assert albumin.change_text == "+0.6"
    assert [r.marker.key for r in latest_values(records, since=date(2024, 3, 1))] == ["c3"]


def test_latest_egfr_remark_from_a_computed_value_on_the_same_day():
    day = date(2024, 3, 5)
    records = LatestRecords(
        ("egfr",),
        (
            result(day, "egfr", "45", "mL/min/{1.73_m2}", assay="MDRD"),
            result(day, "egfr", "52", "mL/min/{1.73_m2}", source=Source.COMPUTED),
        ),
        {},
    )
    (row,) = latest_values(records)
    assert row.latest.value_text == "45"
    assert row.flag_text.startswith("LOW, KDIGO G3a")
    # no creatinine in the records: the computed eGFR is named without one, never guessed
    assert row.remark == "lab 45, computed eGFR 52 — ask which equation your lab uses"


def test_symptom_summary_from_records_built_by_hand():
    since, until = date(2024, 3, 1), date(2024, 3, 31)
    records = DiaryRecords(
        since,
        until,
        (
            SymptomEntry(date(2024, 2, 28), "rash", 5),  # before the period: left out
            SymptomEntry(date(2024, 3, 2), "rash", 3),
            SymptomEntry(date(2024, 3, 3), "fatigue", 0),
        ),
        (date(2024, 3, 10),),
        (get_symptom("fatigue"), get_symptom("rash")),
        (result(date(2024, 3, 20), "temperature", "38.4", "Cel"),),
    )
    summary = summarize_symptoms(records)
    assert summary.days_with_entries == 3 and summary.rash_days == 1
    assert summary.fever_days == 1
    assert [s.symptom.key for s in summary.stats] == ["fatigue", "rash"]
    assert summary.for_symptom("rash").text() == "Rash: 1 of 3 logged days"


def test_treat_to_target_inputs_from_records_built_by_hand():
    day = date(2026, 6, 1)
    prednisone = Medication(
        1, "Prednisone", date(2026, 1, 1), doses=(Dose(date(2026, 1, 1), 10, "mg", "once daily"),)
    )
    records = TreatmentRecords(
        day,
        medications=(prednisone,),
        assessments=(SledaiAssessment(date(2026, 5, 1), frozenset(), pga=0.5),),
        weights=((date(2026, 1, 1), 60.0), (date(2026, 7, 1), 99.0)),  # the second is later
        last_results={"creatinine": date(2026, 4, 1), "not_monitored": date(2026, 4, 1)},
        settings={LUPUS_NEPHRITIS_SETTING: "yes"},
        after_visit=(result(date(2026, 5, 20), "urine_protein_24h", "0.9", "g/(24.h)"),),
    )
    inputs = gather_inputs(records, day)
    assert inputs.weights == ((date(2026, 1, 1), 60.0),)
    assert inputs.last_results == {"creatinine": date(2026, 4, 1)}
    assert inputs.lupus_nephritis
    assert inputs.since_visit and inputs.since_visit[0].startswith("proteinuria 0.9")
    line = treat_to_target_line(records)
    assert "prednisone-equivalent today 10 mg/day" in line
    assert line == treat_to_target_line(records)  # the same records, the same line


def test_loaders_give_what_every_record_gives(demo_repo):
    """The loaders read a marker's last two days, not its history: the latest values and
    the treat-to-target summary come out exactly as from every stored record."""
    every = demo_repo.results.all()
    for until in (None, date.today() - timedelta(days=400)):
        loaded = latest_records(demo_repo, until=until)
        assert len(loaded.results) < len(every) / 4
        full = LatestRecords(
            loaded.markers,
            tuple(every),
            loaded.preferred,
            loaded.sex,
            until,
            loaded.birth_date,
            loaded.heights,
        )
        assert _shown(latest_values(loaded)) == _shown(latest_values(full))
    for assessment in demo_repo.sledai.all()[-3:]:
        day = assessment.visit_on + timedelta(days=40)
        read = treatment_records(demo_repo, day)
        assert read.after_visit  # results after the visit were read
        assert summarize(gather_inputs(read, day), day).latest is not None


def _shown(rows):
    return [
        (r.marker.key, r.latest.value_text, r.latest.day, r.change_text, r.remark, r.flag_text)
        for r in rows
    ]


def test_creatinine_under_18_note_from_the_records_birth_date_and_heights():
    day = date(2026, 3, 5)
    creatinine = result(day, "creatinine", "0.6", "mg/dL", "0.5-1.0")
    child = LatestRecords(("creatinine",), (creatinine,), {}, birth_date=date(2014, 1, 1))
    (row,) = latest_values(child)
    assert row.remark  # CKD-EPI is for adults: the note says so
    measured = LatestRecords(
        ("creatinine",), (creatinine,), {}, birth_date=date(2014, 1, 1), heights=((day, 150.0),)
    )
    assert latest_values(measured)[0].remark != row.remark  # a height near it changes it
    (adult,) = latest_values(LatestRecords(("creatinine",), (creatinine,), {}))
    assert adult.remark == ""
