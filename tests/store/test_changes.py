"""The change service: every change is one transaction that returns its inverse; undo never
overwrites or duplicates a row, even one another process wrote."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from lupus_tracker.domain.records import Dose, Event, EventKind, LabEntry, Medication, Profile
from lupus_tracker.domain.records import SymptomEntry as Symptom
from lupus_tracker.store.base import ConflictError
from lupus_tracker.store.diary_changes import SaveDay
from lupus_tracker.store.errors import FileInUseError, NotFoundError
from lupus_tracker.store.record_changes import (
    PutReportNote,
    PutSetting,
    SaveProfile,
    SaveSledai,
)
from lupus_tracker.store.repository import Repository
from lupus_tracker.store.result_changes import AddResults, DeleteResults, UpdateResult
from lupus_tracker.store.sledai_repo import SledaiAssessment
from lupus_tracker.store.treatment_changes import (
    AddEvent,
    AddMedication,
    ChangeDose,
    DeleteEvent,
    DeleteMedication,
    PutEvent,
    StopMedication,
)

DAY = date(2024, 3, 5)
REPORT = (
    LabEntry(DAY, "c3", "0.62", "g/L", "0.9-1.8"),
    LabEntry(DAY, "anti_dsdna", ">300", "[IU]/mL", "<30"),
)


class Statements:
    """The SQL statements a connection runs (sqlite3's trace callback)."""

    def __init__(self, repo: Repository):
        self.seen: list[str] = []
        repo.db.conn.set_trace_callback(self.seen.append)

    def transactions(self) -> list[str]:
        return [s for s in self.seen if s.split()[0].upper() in ("BEGIN", "COMMIT", "ROLLBACK")]


def values(repo: Repository) -> list[tuple[int, str]]:
    return [(r.id, r.value_text) for r in repo.results.all()]


def test_a_two_row_lab_report_and_its_undo_are_one_transaction_each(repo):
    trace = Statements(repo)
    undo = AddResults(REPORT).apply(repo)
    assert trace.transactions() == ["BEGIN IMMEDIATE", "COMMIT"]
    saved = values(repo)
    assert [v for _, v in saved] == ["0.62", ">300"]
    trace.seen.clear()
    redo = undo.apply(repo)
    assert trace.transactions() == ["BEGIN IMMEDIATE", "COMMIT"]
    assert values(repo) == []
    undo_again = redo.apply(repo)
    assert values(repo) == saved  # back under their own ids
    assert isinstance(undo_again, DeleteResults)


def test_a_failed_undo_of_a_lab_report_changes_nothing(repo):
    undo = AddResults(REPORT).apply(repo)
    saved = values(repo)
    repo.results.delete(saved[1][0])  # the second row went meanwhile (another window)
    with pytest.raises(NotFoundError):
        undo.apply(repo)
    assert values(repo) == saved[:1]  # the first row was not deleted alone


def test_a_locked_file_fails_the_change_and_its_undo_whole(tmp_path):
    path = tmp_path / "locked.sqlite"
    with Repository.open(path) as repo:
        undo = AddResults(REPORT).apply(repo)
        saved = values(repo)
        repo.db.conn.execute("PRAGMA busy_timeout = 100")
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # another connection holds the write lock
        try:
            with pytest.raises(FileInUseError):
                AddResults(REPORT).apply(repo)
            with pytest.raises(FileInUseError):
                undo.apply(repo)
        finally:
            other.execute("ROLLBACK")
            other.close()
        assert values(repo) == saved
        undo.apply(repo)
        assert values(repo) == []


def test_restoring_a_row_whose_id_is_taken_is_refused_not_overwritten(repo):
    (result,) = repo.results.add_many(REPORT[:1])
    restore = DeleteResults((result.id,)).apply(repo)
    restore.apply(repo)  # put back (say, by another window's undo)
    before = values(repo)
    with pytest.raises(ConflictError, match="already there"):
        restore.apply(repo)
    assert values(repo) == before  # neither overwritten nor duplicated


def test_ids_are_never_reused(repo):
    _first, second = repo.results.add_many(REPORT)
    repo.results.delete(second.id)
    (third,) = repo.results.add_many(REPORT[1:])
    assert third.id > second.id


_OTHER_PROCESS = """
import sys
from datetime import date
from lupus_tracker.domain.records import LabEntry
from lupus_tracker.store.repository import Repository
with Repository.open(sys.argv[1], create=False) as repo:
    (saved,) = repo.results.add_many([LabEntry(date(2024, 4, 1), "c4", "0.08", "g/L")])
    print(saved.id)
"""


def test_an_undo_never_overwrites_a_row_another_process_added(tmp_path):
    path = tmp_path / "shared.sqlite"
    with Repository.open(path) as repo:
        kept, newest = repo.results.add_many(REPORT)
        undo = DeleteResults((newest.id,)).apply(repo)  # the user deletes the newest row
        # Meanwhile another process (the CLI, a second window) adds a result.
        added = subprocess.run(
            [sys.executable, "-c", _OTHER_PROCESS, str(path)],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[2],
        )
        other_id = int(added.stdout)
        assert other_id != newest.id  # without AUTOINCREMENT it took the deleted id
        undo.apply(repo)
        rows = {r.id: r.value_text for r in repo.results.all()}
    assert rows == {kept.id: "0.62", newest.id: ">300", other_id: "0.08"}


def test_an_undo_refuses_to_overwrite_an_edit_made_elsewhere(repo):
    (result,) = repo.results.add_many(REPORT[:1])
    undo = UpdateResult(result.id, LabEntry(DAY, "c3", "0.70", "g/L")).apply(repo)
    repo.results.update(result.id, LabEntry(DAY, "c3", "0.75", "g/L"))  # another window
    with pytest.raises(ConflictError, match="changed in another window"):
        undo.apply(repo)
    assert repo.results.get(result.id).value_text == "0.75"


def test_diary_save_with_vitals_is_undone_and_redone_whole(repo):
    repo.diary.save_day(DAY, [Symptom(DAY, "fatigue", 7)], "tired")
    undo = SaveDay(
        DAY,
        (Symptom(DAY, "fatigue", 3), Symptom(DAY, "rash", 5, "discoid")),
        "better",
        (AddResults((LabEntry(DAY, "temperature", "38.4", "Cel"),)),),
    ).apply(repo)
    after = repo.diary.day(DAY)
    redo = undo.apply(repo)
    assert [(e.symptom, e.severity) for e in repo.diary.day(DAY).entries] == [("fatigue", 7)]
    assert repo.diary.day(DAY).note == "tired" and repo.counts()["results"] == 0
    redo.apply(repo)
    assert repo.diary.day(DAY) == after and repo.counts()["results"] == 1


def test_medication_changes_round_trip(repo):
    start = date(2024, 1, 1)
    undo_add = AddMedication(
        Medication(None, "Prednisone", start, doses=(Dose(start, 40, "mg", "daily"),))
    ).apply(repo)
    (med,) = repo.treatments.all()
    undo_dose = ChangeDose(med.id, Dose(date(2024, 2, 1), 30, "mg"), med.name).apply(repo)
    undo_stop = StopMedication(med.id, date(2024, 3, 1), med.name).apply(repo)
    final = repo.treatments.get(med.id)
    redo_stop = undo_stop.apply(repo)
    assert repo.treatments.get(med.id).stopped_on is None
    undo_dose.apply(repo)
    assert [d.dose for d in repo.treatments.get(med.id).doses] == [40]
    restore = DeleteMedication(med.id).apply(repo)
    assert repo.treatments.all() == []
    restore.apply(repo)
    assert repo.treatments.get(med.id) == med
    with pytest.raises(ConflictError):  # the stack's redo of the stop expects the dose
        redo_stop.apply(repo)
    assert final.stopped_on == date(2024, 3, 1)
    undo_add.apply(repo)
    assert repo.treatments.all() == []


def test_event_changes_round_trip(repo):
    undo_add = AddEvent(Event(None, DAY, EventKind.FLARE, "Flare")).apply(repo)
    (event,) = repo.events.all()
    undo_edit = PutEvent(Event(event.id, DAY, EventKind.FLARE, "Big flare")).apply(repo)
    undo_edit.apply(repo)
    assert repo.events.get(event.id).title == "Flare"
    restore = DeleteEvent(event.id).apply(repo)
    restore.apply(repo)
    assert repo.events.get(event.id) == event
    undo_add.apply(repo)
    assert repo.events.all() == []


def test_sledai_undo_puts_back_the_assessment_it_replaced(repo):
    first = SledaiAssessment(DAY, frozenset({"arthritis"}))
    SaveSledai(first).apply(repo)
    undo = SaveSledai(SledaiAssessment(DAY, frozenset({"arthritis", "rash"}))).apply(repo)
    undo.apply(repo)
    assert repo.sledai.get(DAY) == first  # not deleted: it was there before
    undo_new = SaveSledai(SledaiAssessment(date(2024, 4, 1), frozenset())).apply(repo)
    undo_new.apply(repo)
    assert repo.sledai.get(date(2024, 4, 1)) is None


def test_profile_units_settings_and_report_notes_round_trip(repo):
    undo = SaveProfile(
        Profile("Ana", date(1990, 5, 1), "female"), (("creatinine", "umol/L"),)
    ).apply(repo)
    assert repo.settings.preferred_unit("creatinine").code == "umol/L"
    undo.apply(repo)
    assert repo.profile.get() == Profile() and repo.settings.get("unit.creatinine") is None
    undo_setting = PutSetting("report.language", "en").apply(repo)
    undo_setting.apply(repo)
    assert repo.settings.get("report.language") is None
    undo_note = PutReportNote(DAY, date(2024, 6, 30), "Ask about hair loss").apply(repo)
    undo_note.apply(repo)
    assert repo.report_notes.get(DAY, date(2024, 6, 30)) == ""


def test_a_profile_change_recomputes_egfr_in_the_same_transaction(repo):
    repo.results.add_many([LabEntry(DAY, "creatinine", "0.9", "mg/dL")])
    trace = Statements(repo)
    undo = SaveProfile(Profile("Ana", date(1990, 5, 1), "female")).apply(repo)
    assert trace.transactions() == ["BEGIN IMMEDIATE", "COMMIT"]
    assert [r.source.value for r in repo.results.all(["egfr"])] == ["computed"]
    undo.apply(repo)
    assert repo.results.all(["egfr"]) == []
