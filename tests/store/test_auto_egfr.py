"""Derived eGFR follows creatinine and the profile in the same transaction (CKD-EPI 2021)."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.domain.egfr import ckd_epi_2021
from lupus_tracker.domain.records import LabEntry, Profile
from lupus_tracker.store.result_changes import AddResults, DeleteResults, UpdateResult

BIRTH = date(1980, 6, 15)


def computed(repo) -> dict[date, str]:
    return {
        r.taken_on: r.value_text for r in repo.results.all(["egfr"]) if r.source.value == "computed"
    }


@pytest.fixture
def patient(repo):
    repo.profile.set(Profile("Ana", BIRTH, "female"))
    return repo


def test_saving_a_creatinine_adds_its_egfr_in_the_same_transaction(patient):
    trace: list[str] = []
    patient.db.conn.set_trace_callback(trace.append)
    AddResults((LabEntry(date(2024, 3, 5), "creatinine", "0.9", "mg/dL"),)).apply(patient)
    assert [s for s in trace if s.split()[0] in ("BEGIN", "COMMIT")] == [
        "BEGIN IMMEDIATE",
        "COMMIT",
    ]
    expected = ckd_epi_2021(0.9, 43, "female")
    assert computed(patient) == {date(2024, 3, 5): f"{expected:.0f}"}


def test_an_edit_a_delete_and_their_undo_keep_egfr_in_step(patient):
    day = date(2024, 3, 5)
    (creatinine,) = patient.results.add_many([LabEntry(day, "creatinine", "80", "umol/L")])
    first = computed(patient)[day]
    undo_edit = UpdateResult(creatinine.id, LabEntry(day, "creatinine", "160", "umol/L")).apply(
        patient
    )
    assert int(computed(patient)[day]) < int(first)
    undo_edit.apply(patient)
    assert computed(patient)[day] == first
    restore = DeleteResults((creatinine.id,)).apply(patient)
    assert computed(patient) == {}
    restore.apply(patient)
    assert computed(patient)[day] == first


def test_an_impossible_creatinine_never_stops_the_others(patient):
    patient.results.add_many(
        [
            LabEntry(date(2024, 1, 5), "creatinine", "0.8", "mg/dL"),
            LabEntry(date(2024, 2, 5), "creatinine", "0.9", "mg/dL"),
            LabEntry(date(2024, 3, 5), "creatinine", "<0.3", "mg/dL"),
            LabEntry(date(2024, 4, 5), "creatinine", "1.1", "mg/dL"),
        ]
    )
    # A file from before plausibility checks holds an impossible value (45 mg/dL).
    patient.db.conn.execute(
        "UPDATE results SET value_text = '45', number = 45, "
        "base_value = 45 WHERE marker = 'creatinine' "
        "AND taken_on = '2024-02-05'"
    )
    assert patient.results.refresh_egfr() == 2
    assert set(computed(patient)) == {date(2024, 1, 5), date(2024, 4, 5)}


def test_birth_date_or_sex_changes_recompute_and_no_profile_means_no_egfr(repo):
    repo.results.add_many([LabEntry(date(2024, 3, 5), "creatinine", "0.9", "mg/dL")])
    assert computed(repo) == {}  # no date of birth and sex yet
    repo.profile.set(Profile("Ana", BIRTH, "female"))
    female = computed(repo)[date(2024, 3, 5)]
    repo.profile.set(Profile("Ana", BIRTH, "male"))
    assert computed(repo)[date(2024, 3, 5)] != female
    repo.profile.set(Profile("Ana", None, "male"))
    assert computed(repo) == {}


def test_an_imported_creatinine_gets_its_egfr(patient, tmp_path):
    from lupus_tracker.exchange.formats import read_plan
    from lupus_tracker.exchange.plan import apply_plan

    path = tmp_path / "labs.csv"
    path.write_text(
        "date,kind,item,value,unit,ref_low,ref_high,lab,note\n"
        "2024-03-05,lab,creatinine,0.9,mg/dL,,,,\n",
        encoding="utf-8",
    )
    apply_plan(patient, read_plan(path, patient))
    assert date(2024, 3, 5) in computed(patient)
