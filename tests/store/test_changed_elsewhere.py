"""Changes made from a stale view (another window or program wrote meanwhile) are refused
inside the write transaction, and an edit keeps the row's source identifier (red-team
review, fix round: items 1-3)."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from datetime import date

import pytest

from lupus_tracker.domain.records import LabEntry, SymptomEntry
from lupus_tracker.exchange.formats import read_plan
from lupus_tracker.exchange.plan import apply_plan
from lupus_tracker.store.base import ConflictError
from lupus_tracker.store.diary_changes import DayChangedError, SaveDay
from lupus_tracker.store.repository import Repository
from lupus_tracker.store.result_changes import UpdateResult

DAY = date(2026, 10, 1)
C3_IDENTIFIER = {"system": "http://lab.example/ids", "value": "C3-1"}


def _bundle(value: float, status: str = "final") -> dict:
    """The reviewer's f1.json / f2c.json: one C3 result identified C3-1."""
    return {
        "resourceType": "Bundle",
        "type": "collection",
        "entry": [
            {
                "fullUrl": "http://x/Observation/o1",
                "resource": {
                    "resourceType": "Observation",
                    "id": "o1",
                    "status": status,
                    "identifier": [copy.deepcopy(C3_IDENTIFIER)],
                    "code": {"coding": [{"system": "http://loinc.org", "code": "4485-9"}]},
                    "effectiveDateTime": DAY.isoformat(),
                    "valueQuantity": {
                        "value": value,
                        "unit": "g/L",
                        "system": "http://unitsofmeasure.org",
                        "code": "g/L",
                    },
                },
            }
        ],
    }


def _import(repo: Repository, tmp_path, value: float, status: str = "final") -> None:
    path = tmp_path / f"c3-{status}-{value}.json"
    path.write_text(json.dumps(_bundle(value, status)), encoding="utf-8")
    apply_plan(repo, read_plan(path, repo))


def _c3(repo: Repository) -> list[str]:
    return [r.value_text for r in repo.results.all(["c3"])]


def test_a_day_saved_from_a_stale_form_is_refused_and_keeps_the_other_entries(repo):
    today = date(2026, 11, 29)
    shown = repo.diary.day(today)  # the form opened on an empty day
    with Repository.open(repo.db.path) as cli:  # the CLI writes meanwhile
        cli.diary.save_day(today, [SymptomEntry(today, "fatigue", 7, note="external")], None)
    save = SaveDay(today, (SymptomEntry(today, "joint_pain", 3),), None, (), shown)
    with pytest.raises(DayChangedError) as refused:
        save.apply(repo)
    assert "changed in another window or program" in str(refused.value)
    found = refused.value.found
    assert [(e.symptom, e.severity, e.note) for e in found.entries] == [("fatigue", 7, "external")]
    assert repo.diary.day(today) == found  # nothing was changed
    # Overwriting what was found (after asking) is allowed; from the current day it works.
    SaveDay(today, (SymptomEntry(today, "joint_pain", 3),), None, (), found).apply(repo)
    assert [e.symptom for e in repo.diary.day(today).entries] == ["joint_pain"]


def test_a_day_saved_from_an_up_to_date_form_is_saved(repo):
    today = date(2026, 11, 29)
    repo.diary.save_day(today, [SymptomEntry(today, "fatigue", 2)], "mine")
    shown = repo.diary.day(today)
    SaveDay(today, (SymptomEntry(today, "fatigue", 4),), "mine", (), shown).apply(repo)
    assert [e.severity for e in repo.diary.day(today).entries] == [4]


def test_an_edit_from_a_stale_row_never_writes_old_values_over_newer_ones(repo, tmp_path):
    _import(repo, tmp_path, 0.85)
    (shown,) = repo.results.all(["c3"])
    with Repository.open(repo.db.path) as cli:  # an amended import in another program
        _import(cli, tmp_path, 0.55, "amended")
    assert _c3(repo) == ["0.55"]
    edit = UpdateResult(shown.id, replace(shown.entry(), lab="City lab"), shown)
    with pytest.raises(ConflictError) as refused:
        edit.apply(repo)
    assert str(refused.value).startswith("This result was changed elsewhere (now 0.55 g/L)")
    assert "reload" in str(refused.value)
    (now,) = repo.results.all(["c3"])
    assert now.value_text == "0.55" and now.lab is None


def test_an_edit_from_the_current_row_is_saved(repo, tmp_path):
    _import(repo, tmp_path, 0.85)
    (shown,) = repo.results.all(["c3"])
    UpdateResult(shown.id, replace(shown.entry(), lab="City lab"), shown).apply(repo)
    (now,) = repo.results.all(["c3"])
    assert now.lab == "City lab" and now.value_text == "0.85"


def test_an_edited_imported_result_keeps_its_identifier_so_a_correction_replaces_it(repo, tmp_path):
    _import(repo, tmp_path, 0.85)
    (shown,) = repo.results.all(["c3"])
    assert shown.source_id is not None
    # The lab dialog gives an entry without the source's identifier.
    typed = LabEntry(shown.taken_on, "c3", "0.85", shown.unit, lab="City lab", source=shown.source)
    UpdateResult(shown.id, typed, shown).apply(repo)
    (edited,) = repo.results.all(["c3"])
    assert edited.source_id == shown.source_id and edited.lab == "City lab"
    _import(repo, tmp_path, 0.45, "corrected")
    assert _c3(repo) == ["0.45"]  # one C3 row, the corrected value


def test_a_dose_change_or_stop_from_a_stale_medication_is_refused(repo):
    from lupus_tracker.domain.records import Dose, Medication
    from lupus_tracker.store.treatment_changes import ChangeDose, StopMedication

    start = date(2026, 1, 1)
    shown = repo.treatments.add(
        Medication(None, "Prednisone", start, doses=(Dose(start, 20, "mg", "daily"),))
    )
    with Repository.open(repo.db.path) as cli:  # a taper step written elsewhere
        cli.treatments.change_dose(shown.id, Dose(date(2026, 2, 1), 15, "mg", "daily"))
    stored = repo.treatments.get(shown.id)
    stale_dose = ChangeDose(shown.id, Dose(date(2026, 3, 1), 10, "mg", "daily"), "P", shown)
    stale_stop = StopMedication(shown.id, date(2026, 3, 1), "P", expected=shown)
    for change in (stale_dose, stale_stop):
        with pytest.raises(ConflictError, match="changed in another window or program"):
            change.apply(repo)
        assert repo.treatments.get(shown.id) == stored
    ChangeDose(shown.id, Dose(date(2026, 3, 1), 10, "mg", "daily"), "P", stored).apply(repo)
    assert len(repo.treatments.get(shown.id).doses) == 3
