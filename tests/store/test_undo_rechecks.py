"""Undo and redo apply the checks of the original add (round 2 red team, item 4): what
another window or program saved meanwhile is never duplicated by putting a row back."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.cli import main
from lupus_tracker.domain.records import Dose, LabEntry, Medication
from lupus_tracker.store.base import ConflictError
from lupus_tracker.store.repository import Repository
from lupus_tracker.store.result_changes import AddResults, DeleteResults
from lupus_tracker.store.treatment_changes import (
    AddMedication,
    DeleteMedication,
    StopMedication,
)

DAY = date(2024, 3, 1)
C3 = LabEntry(DAY, "c3", "0.62", "g/L", lab="City Lab")


def prednisone(start: date) -> Medication:
    return Medication(None, "Prednisone", start, None, None, (Dose(start, 10, "mg"),))


def active(repo: Repository) -> list[Medication]:
    return [m for m in repo.treatments.all() if m.stopped_on is None]


def test_undo_of_a_delete_refuses_a_result_saved_again_meanwhile(tmp_path, capsys):
    path = tmp_path / "shared.sqlite"
    with Repository.open(path) as app:
        (saved,) = app.results.add_many([C3])
        undo = DeleteResults((saved.id,)).apply(app)
        with Repository.open(path, create=False) as other:  # the CLI re-imports it
            other.results.add_many([C3])
        with pytest.raises(ConflictError, match="duplicate"):
            undo.apply(app)
        assert [r.value_text for r in app.results.all()] == ["0.62"]  # no duplicate
    assert "duplicate" not in capsys.readouterr().err


def test_redo_of_an_add_refuses_a_result_saved_again_meanwhile(tmp_path):
    path = tmp_path / "shared.sqlite"
    with Repository.open(path) as app:
        undo = AddResults((C3,)).apply(app)
        redo = undo.apply(app)  # Ctrl+Z: the result is gone
        with Repository.open(path, create=False) as other:
            other.results.add_many([C3])
        with pytest.raises(ConflictError):
            redo.apply(app)  # Ctrl+Y would put a second one back
        assert len(app.results.all()) == 1


def test_same_results_already_there_before_the_delete_do_not_block_the_undo(repo):
    first, second = repo.results.add_many([C3, C3])  # two kept on purpose
    undo = DeleteResults((second.id,)).apply(repo)
    undo.apply(repo)
    assert {r.id for r in repo.results.all()} == {first.id, second.id}


def test_undo_of_a_medication_delete_refuses_a_second_active_course(tmp_path, capsys):
    path = tmp_path / "shared.sqlite"
    with Repository.open(path) as app:
        AddMedication(prednisone(date(2024, 1, 1))).apply(app)
        undo = DeleteMedication(app.treatments.all()[0].id).apply(app)  # the app deletes it
    assert (
        main(
            [
                "add",
                "medication",
                "--db",
                str(path),
                "--name",
                "prednisone",
                "--start",
                "2024-02-01",
                "--dose",
                "5",
                "--unit",
                "mg",
            ]
        )
        == 0
    )
    with Repository.open(path, create=False) as app:
        with pytest.raises(ConflictError, match=r"(?i)prednisone was started again"):
            undo.apply(app)
        assert [m.started_on for m in active(app)] == [date(2024, 2, 1)]


def test_undo_of_a_stop_refuses_a_second_active_course(tmp_path):
    path = tmp_path / "shared.sqlite"
    with Repository.open(path) as app:
        AddMedication(prednisone(date(2024, 1, 1))).apply(app)
        (course,) = app.treatments.all()
        undo = StopMedication(course.id, date(2024, 2, 1), course.name).apply(app)
        with Repository.open(path, create=False) as other:
            other.treatments.add(prednisone(date(2024, 3, 1)))
        with pytest.raises(ConflictError):
            undo.apply(app)
        assert [m.started_on for m in active(app)] == [date(2024, 3, 1)]


def test_two_courses_kept_on_purpose_still_undo(repo):
    AddMedication(prednisone(date(2024, 1, 1))).apply(repo)
    AddMedication(prednisone(date(2024, 2, 1))).apply(repo)  # the user chose "separate"
    first = repo.treatments.all()[0]
    undo = DeleteMedication(first.id).apply(repo)
    undo.apply(repo)
    assert len(active(repo)) == 2
