"""The repository API against real database files."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.domain.records import (
    Dose,
    Event,
    EventKind,
    InvalidEntryError,
    LabEntry,
    Medication,
    Profile,
    Source,
    SymptomEntry,
)
from lupus_tracker.store.errors import NotFoundError
from lupus_tracker.store.repository import Repository

DAY = date(2024, 3, 5)


def test_a_report_is_saved_whole_with_comparators_and_base_values(repo):
    saved = repo.results.add_many(
        [
            LabEntry(DAY, "c3", "62", "mg/dL", "90-180", lab="City Lab", note="fasting"),
            LabEntry(DAY, "anti_dsdna", ">300", "IU/mL", "<30", assay="ELISA"),
            LabEntry(DAY, "ana", "1:640", pattern="homogeneous"),
            LabEntry(DAY, "creatinine", "97", "µmol/L"),
        ]
    )
    c3, dsdna, ana, creatinine = saved
    assert (c3.value_text, c3.unit, c3.base_value, c3.base_unit) == ("62", "mg/dL", 0.62, "g/L")
    assert (c3.ref_range, c3.lab, c3.note) == ("90-180", "City Lab", "fasting")
    assert (dsdna.comparator, dsdna.number, dsdna.assay) == (">", 300.0, "ELISA")
    assert (ana.value_text, ana.base_value, ana.pattern) == ("1:640", 640.0, "homogeneous")
    assert creatinine.unit == "umol/L"
    assert creatinine.base_value == pytest.approx(97 / 88.42)
    assert c3.source is Source.ENTERED and c3.created_at


def test_one_bad_row_saves_nothing_and_names_the_row(repo):
    with pytest.raises(InvalidEntryError) as error:
        repo.results.add_many(
            [LabEntry(DAY, "c3", "62", "mg/dL"), LabEntry(DAY, "c4", "12abc", "mg/dL")]
        )
    assert error.value.index == 1 and "12abc" in str(error.value)
    assert repo.counts()["results"] == 0
    for bad in (
        LabEntry(DAY, "c5", "1"),
        LabEntry(DAY, "c3", "1", "mmol/L"),
        LabEntry(DAY, "c3", "1", ref_range="high"),
    ):
        with pytest.raises(InvalidEntryError):
            repo.results.add(bad)
    assert repo.counts()["results"] == 0


def test_update_delete_and_restore_keep_identity(repo):
    result = repo.results.add(LabEntry(DAY, "albumin", "2.8", "g/dL"))
    changed = repo.results.update(result.id, LabEntry(DAY, "albumin", "3.1", "g/dL"))
    assert changed.id == result.id and changed.base_value == pytest.approx(31.0)
    assert changed.created_at == result.created_at
    deleted = repo.results.delete(result.id)
    with pytest.raises(NotFoundError):
        repo.results.get(result.id)
    (restored,) = repo.results.restore([deleted])
    assert restored == deleted
    with pytest.raises(NotFoundError):
        repo.results.update(9999, LabEntry(DAY, "albumin", "30"))


def test_listing_and_frames_filter_by_marker_and_date(repo):
    repo.results.add_many(
        [LabEntry(date(2024, m, 1), "c3", str(0.5 + m / 10)) for m in range(1, 7)]
    )
    repo.results.add(LabEntry(date(2024, 2, 1), "c4", "0.08"))
    assert len(repo.results.all(["c3"], since=date(2024, 3, 1))) == 4
    frame = repo.results.frame(["c3"], until=date(2024, 2, 15))
    assert list(frame["base_value"]) == pytest.approx([0.6, 0.7])
    assert str(frame["date"].dtype).startswith("datetime64")


def test_symptom_day_is_replaced_and_returns_the_previous_state(repo):
    first = [SymptomEntry(DAY, "fatigue", 7), SymptomEntry(DAY, "rash", 5, "malar/butterfly")]
    before = repo.diary.save_day(DAY, first, "tired")
    assert before.entries == () and before.note is None
    before = repo.diary.save_day(DAY, [SymptomEntry(DAY, "fatigue", 3)], "")
    assert {e.symptom for e in before.entries} == {"fatigue", "rash"} and before.note == "tired"
    now = repo.diary.day(DAY)
    assert [(e.symptom, e.severity) for e in now.entries] == [("fatigue", 3)]
    assert now.note is None
    # Undo = save the previous state again.
    repo.diary.save_day(DAY, before.entries, before.note)
    assert repo.diary.day(DAY) == before


@pytest.mark.parametrize(
    "entry",
    [
        SymptomEntry(DAY, "fatigue", 11),
        SymptomEntry(DAY, "sneezing", 2),
        SymptomEntry(DAY, "fatigue", 2, "malar/butterfly"),
    ],
)
def test_bad_symptoms_are_refused(repo, entry):
    with pytest.raises(InvalidEntryError):
        repo.diary.save_day(DAY, [SymptomEntry(DAY, "rash", 1), entry])
    assert repo.counts()["symptoms"] == 0


def test_medication_dose_history_and_stop(repo):
    med = repo.treatments.add(
        Medication(
            None, "Prednisone", date(2024, 1, 1), doses=(Dose(date(2024, 1, 1), 40, "mg", "daily"),)
        )
    )
    med = repo.treatments.change_dose(med.id, Dose(date(2024, 2, 1), 20, "mg", "daily"))
    med = repo.treatments.stop(med.id, date(2024, 6, 1))
    assert [d.dose for d in med.doses] == [40, 20]
    assert med.dose_on(date(2024, 1, 15)).dose == 40 and med.dose_on(date(2024, 3, 1)).dose == 20
    assert med.stopped_on == date(2024, 6, 1) and not med.active_on(date(2024, 7, 1))
    no_dose = repo.treatments.add(Medication(None, "Vitamin D", date(2024, 1, 1)))
    frame = repo.treatments.doses_frame()
    assert len(frame) == 3 and frame[frame["name"] == "Vitamin D"]["dose"].isna().all()
    with pytest.raises(InvalidEntryError):
        repo.treatments.change_dose(med.id, Dose(date(2023, 1, 1), 5, "mg"))
    with pytest.raises(InvalidEntryError):
        repo.treatments.stop(no_dose.id, date(2023, 1, 1))
    deleted = repo.treatments.delete(med.id)
    assert repo.treatments.add(deleted) == deleted  # undo puts it back as it was


def test_events(repo):
    stay = repo.events.add(
        Event(None, DAY, EventKind.HOSPITAL_STAY, "Nephritis", ended_on=date(2024, 3, 12))
    )
    edited = repo.events.update(
        Event(
            stay.id,
            DAY,
            EventKind.HOSPITAL_STAY,
            "Nephritis flare",
            "IV steroids",
            date(2024, 3, 12),
        )
    )
    assert edited.title == "Nephritis flare" and edited.note == "IV steroids"
    assert repo.events.all(kinds=(EventKind.VISIT,)) == []
    with pytest.raises(InvalidEntryError):
        repo.events.add(Event(None, DAY, "party"))
    with pytest.raises(InvalidEntryError):
        repo.events.add(Event(None, DAY, EventKind.FLARE, ended_on=date(2024, 1, 1)))
    gone = repo.events.delete(stay.id)
    assert repo.events.add(gone) == edited


def test_profile_preferred_units_and_change_listeners(repo):
    seen = []
    repo.subscribe(seen.append)
    repo.profile.set(Profile("Maria", date(1990, 5, 1), "female"))
    assert repo.profile.get() == Profile("Maria", date(1990, 5, 1), "female")
    assert repo.settings.preferred_unit("albumin").code == "g/L"
    repo.settings.set_preferred_unit("albumin", "g/dL")
    assert repo.settings.preferred_unit("albumin").code == "g/dL"
    with pytest.raises(InvalidEntryError):
        repo.profile.set(Profile("X", None, "other"))
    assert seen == ["patient", "settings"]


def test_data_survives_reopening(tmp_path):
    path = tmp_path / "keep.sqlite"
    with Repository.open(path) as repo:
        repo.results.add(LabEntry(DAY, "upcr", "0,85", "mg/mg"))
    with Repository.open(path, create=False) as repo:
        (result,) = repo.results.all()
        assert result.value_text == "0.85" and result.number == 0.85
