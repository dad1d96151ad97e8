"""The main window driven as a user would: enter, edit, delete, undo, switch files."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

from lupus_tracker.domain.records import Dose, LabEntry, Medication, SymptomEntry
from lupus_tracker.store.repository import Repository
from lupus_tracker.store.treatment_changes import ChangeDose
from lupus_tracker.ui.lab_dialog import LabReportDialog
from lupus_tracker.ui.table_model import Column, RecordTableModel

ROOT = Path(__file__).resolve().parents[2]


def fill(row, marker: str, value: str, unit: str | None = None, ref: str = "") -> None:
    row.marker.setCurrentIndex(row.marker.findData(marker))
    if unit is not None:
        row.unit.setCurrentIndex(row.unit.findData(unit))
    row.value.setText(value)
    row.range.setText(ref)


def test_lab_report_refuses_an_invalid_row_then_saves_all_and_undoes(make_window, repo, qtbot):
    window = make_window(repo)
    dialog = LabReportDialog(repo, window)
    qtbot.addWidget(dialog)
    dialog.date.set_value(date(2024, 3, 5))
    dialog.lab.setText("City Lab")
    fill(dialog.rows[0], "c3", "62", "mg/dL", "90-180")
    fill(dialog.rows[1], "anti_dsdna", "abc")
    fill(dialog.rows[2], "ana", "1:160")
    assert "Accepted" in dialog.rows[1].error.text()  # marked inline before saving
    dialog.save_if_valid()
    assert dialog.result() == 0 and "nothing was saved" in dialog.summary.text()
    assert repo.counts()["results"] == 0
    fill(dialog.rows[1], "anti_dsdna", ">300", "[IU]/mL", "<30")
    dialog.save_if_valid()
    assert dialog.result() == 1
    window.changes.save_lab_report(dialog.entries())
    assert [r.value_text for r in repo.results.all()] == ["62", ">300", "1:160"]
    window.tabs.setCurrentWidget(window.results)  # pages fill when shown
    qtbot.waitUntil(lambda: window.results.model.rowCount() == 3)
    window.undo_stack.undo()
    assert repo.counts()["results"] == 0
    window.undo_stack.redo()
    assert [r.value_text for r in repo.results.all()] == ["62", ">300", "1:160"]


def test_edit_and_delete_with_undo(make_window, repo, qtbot):
    (result,) = repo.results.add_many([LabEntry(date(2024, 3, 5), "albumin", "2.8", "g/dL")])
    window = make_window(repo)
    entry = LabEntry(date(2024, 3, 5), "albumin", "3.1", "g/dL")
    window.changes.update_result(result, entry)
    assert repo.results.get(result.id).value_text == "3.1"
    window.undo_stack.undo()
    assert repo.results.get(result.id).value_text == "2.8"
    window.changes.delete_result(repo.results.get(result.id))
    assert repo.counts()["results"] == 0
    window.undo_stack.undo()
    assert repo.results.get(result.id).value_text == "2.8"
    window.undo_stack.redo()
    assert repo.counts()["results"] == 0


def test_symptom_day_edit_and_undo(make_window, repo, qtbot):
    day = date(2024, 3, 5)
    repo.diary.save_day(day, [SymptomEntry(day, "fatigue", 7)], "tired")
    window = make_window(repo)
    window.diary.set_day(day)
    assert window.diary.spins["fatigue"].value() == 7  # opening a day edits its entries
    window.diary.spins["fatigue"].setValue(3)
    window.diary.spins["rash"].setValue(5)
    window.diary.location.setCurrentIndex(window.diary.location.findData("discoid"))
    window.diary.temperature.setText("38,4")
    qtbot.mouseClick(window.diary.save_button, Qt.MouseButton.LeftButton)
    saved = repo.diary.day(day)
    assert {(e.symptom, e.severity, e.location) for e in saved.entries} == {
        ("fatigue", 3, None),
        ("rash", 5, "discoid"),
    }
    assert repo.results.all(["temperature"])[0].value_text == "38.4"
    window.undo_stack.undo()
    assert [(e.symptom, e.severity) for e in repo.diary.day(day).entries] == [("fatigue", 7)]
    assert repo.counts()["results"] == 0


def test_medication_dose_change_and_undo(make_window, repo):
    med = repo.treatments.add(
        Medication(
            None, "Prednisone", date(2024, 1, 1), doses=(Dose(date(2024, 1, 1), 40, "mg", "daily"),)
        )
    )
    window = make_window(repo)
    window.changes.apply(
        "change the dose", ChangeDose(med.id, Dose(date(2024, 2, 1), 30, "mg"), med.name)
    )
    assert [d.dose for d in repo.treatments.get(med.id).doses] == [40, 30]
    window.undo_stack.undo()
    assert [d.dose for d in repo.treatments.get(med.id).doses] == [40]
    window.undo_stack.redo()
    assert [d.dose for d in repo.treatments.get(med.id).doses] == [40, 30]


def test_open_second_file_and_reject_a_damaged_one(make_window, repo, tmp_path, messages):
    window = make_window(repo)
    other = tmp_path / "second.sqlite"
    with Repository.open(other) as second:
        second.results.add(LabEntry(date(2024, 1, 1), "c4", "0.08"))
    assert window.open_path(other)
    assert window.repo.db.path == other and "second.sqlite" in window.windowTitle()
    window.tabs.setCurrentWidget(window.results)
    assert window.results.model.rowCount() == 1
    bad = tmp_path / "photo.sqlite"
    bad.write_bytes(b"\x89PNG not a database")
    assert not window.open_path(bad)
    assert messages and "not a Lupus Tracker database" in messages[-1][1]
    assert window.repo.db.path == other  # the app keeps running on the open file


def test_table_model_passes_the_model_tester(qtmodeltester):
    model = RecordTableModel([Column("A", lambda r: r[0]), Column("B", lambda r: r[1])])
    model.set_records([("x", "1"), ("y", "2")])
    qtmodeltester.check(model)


def test_first_window_does_not_load_pandas_or_matplotlib(demo_file, tmp_path):
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QApplication\n"
        "from PySide6.QtCore import QSettings\n"
        "app = QApplication([])\n"
        "from lupus_tracker.store.repository import Repository\n"
        "from lupus_tracker.ui.main_window import MainWindow\n"
        f"repo = Repository.open({str(demo_file)!r})\n"
        f"settings = QSettings({str(tmp_path / 's.ini')!r}, QSettings.Format.IniFormat)\n"
        "w = MainWindow(repo, settings)\n"
        "w.show(); app.processEvents()\n"
        "print(sorted(m for m in ('pandas', 'matplotlib') if m in sys.modules))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
    )
    assert out.stdout.strip().splitlines()[-1] == "[]", out.stderr


def test_symptom_history_filters_and_opens_a_day(make_window, demo_repo, qtbot):
    window = make_window(demo_repo)
    page = window.symptom_history
    page.since.set_value(date(2026, 6, 1))
    page.until.set_value(date(2026, 6, 30))
    page.symptom.setCurrentIndex(page.symptom.findData("fatigue"))
    qtbot.waitUntil(lambda: not page.busy, timeout=10000)
    days = {date.fromisoformat(d) for d in page.model.arrays["day"]}
    assert days and set(page.model.arrays["symptom"]) == {"fatigue"}
    assert min(days) >= date(2026, 6, 1) and max(days) <= date(2026, 6, 30)
    page._open(page.model.index(0, 0))
    assert window.tabs.currentWidget() is window.diary
    assert window.diary.current_day() in days
