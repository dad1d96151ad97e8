"""Entries are never lost or changed without a word (issue 11, items 4-9 and 11)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QMessageBox

from lupus_tracker.domain.records import Dose, Event, EventKind, LabEntry, Medication
from lupus_tracker.ui import unsaved
from lupus_tracker.ui.date_field import DateField
from lupus_tracker.ui.treatment_dialogs import DoseDialog, EventDialog, MedicationDialog
from lupus_tracker.ui.unsaved import Choice


def write_png(path) -> None:
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0xCC3333)
    assert image.save(str(path), "PNG")


@pytest.fixture
def answers(monkeypatch):
    """Answers for the Save/Discard/Cancel question, in order; records each question."""
    queue: list[Choice] = []
    asked: list[str] = []

    def ask(parent, what):
        asked.append(what)
        return queue.pop(0) if queue else Choice.DISCARD  # closing at the end discards

    monkeypatch.setattr(unsaved, "ask_unsaved", ask)
    monkeypatch.setattr("lupus_tracker.ui.diary_page.ask_unsaved", ask)
    return queue, asked


def fill_day(diary):
    diary.spins["fatigue"].setValue(5)
    diary.spins["rash"].setValue(6)
    diary.spins["joint_pain"].setValue(4)
    diary.location.setCurrentIndex(diary.location.findData("malar/butterfly"))
    diary.temperature.setText("37,8")
    diary.note.setPlainText("hot afternoon")


def form_state(diary):
    return (
        diary.spins["fatigue"].value(),
        diary.spins["rash"].value(),
        diary.spins["joint_pain"].value(),
        diary.location.currentData(),
        diary.temperature.text(),
        diary.note.toPlainText(),
    )


def test_attach_photo_keeps_the_unsaved_form(make_window, repo, tmp_path):
    window = make_window(repo)
    fill_day(window.diary)
    before = form_state(window.diary)
    assert window.diary.unsaved.text().startswith("Not saved yet")
    picture = tmp_path / "rash.png"
    write_png(picture)
    window.diary.attach_file(str(picture))
    assert repo.counts()["photos"] == 1 and window.diary.photos.count() == 1
    assert form_state(window.diary) == before and window.diary.has_unsaved()


def test_saved_temperature_stays_in_the_form_and_is_not_duplicated(make_window, repo):
    window = make_window(repo)
    fill_day(window.diary)
    window.diary.save_button.click()
    assert window.diary.temperature.text() == "37.8"  # shown as stored
    assert not window.diary.has_unsaved() and window.diary.unsaved.text() == "All saved"
    window.diary.note.setPlainText("evening: better")
    window.diary.save_button.click()
    assert [r.value_text for r in repo.results.all(["temperature"])] == ["37.8"]
    window.diary.temperature.setText("38.1")
    window.diary.save_button.click()
    assert [r.value_text for r in repo.results.all(["temperature"])] == ["38.1"]
    window.undo_stack.undo()
    assert [r.value_text for r in repo.results.all(["temperature"])] == ["37.8"]
    window.diary.load()
    window.diary.temperature.clear()
    window.diary.save_button.click()
    assert repo.results.all(["temperature"]) == []
    assert "Saved the diary" in window.statusBar().currentMessage()


def test_changing_the_day_asks_and_cancel_keeps_everything(make_window, repo, answers):
    queue, asked = answers
    window = make_window(repo)
    fill_day(window.diary)
    yesterday = date.today() - timedelta(days=1)
    queue.append(Choice.CANCEL)
    window.diary.day.setText(yesterday.isoformat())
    assert asked and window.diary.day.text() == date.today().isoformat()
    assert form_state(window.diary)[0] == 5
    queue.append(Choice.SAVE)
    window.diary.day.setText(yesterday.isoformat())
    assert window.diary.current_day() == yesterday
    assert repo.diary.day(date.today()).entries  # saved before moving


def test_ctrl_d_page_switch_and_quit_ask_first(make_window, repo, answers, qtbot):
    queue, asked = answers
    window = make_window(repo)
    window.show()
    window.diary.set_day(date.today() - timedelta(days=3))
    window.tabs.setCurrentWidget(window.diary)
    fill_day(window.diary)
    queue.append(Choice.CANCEL)
    window.show_diary_today()  # Ctrl+D
    assert window.diary.current_day() == date.today() - timedelta(days=3)
    queue.append(Choice.CANCEL)
    window.tabs.setCurrentWidget(window.results)
    assert window.tabs.currentWidget() is window.diary
    queue.append(Choice.CANCEL)
    assert not window.close()  # quitting with unsaved entries asks; Cancel stays open
    assert len(asked) == 3 and not repo.diary.day(date.today() - timedelta(days=3)).entries
    queue.append(Choice.DISCARD)
    window.show_diary_today()
    assert window.diary.current_day() == date.today() and not window.diary.has_unsaved()
    qtbot.keyClicks(window.focusWidget(), "7")  # Ctrl+D puts the first digit in Fatigue
    assert window.diary.spins["fatigue"].value() == 7


def test_escape_in_a_filled_dialog_asks(qtbot, answers):
    queue, asked = answers
    dialog = MedicationDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()  # nothing typed: closes without a question
    assert not asked and not dialog.isVisible()
    dialog = MedicationDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.setText("Prednisone")
    queue.append(Choice.CANCEL)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert asked and dialog.isVisible()


@pytest.mark.parametrize(
    "typed, words",
    [
        ("2026-13-45", "not a real date"),
        ("2026-02-30", "not a real date"),
        ("05/03/2026", "YYYY-MM-DD"),
    ],
)
def test_impossible_dates_are_refused_with_a_message(qtbot, typed, words):
    dialog = MedicationDialog()
    qtbot.addWidget(dialog)
    dialog.name.setText("Prednisone")
    dialog.start.setText(typed)
    dialog.save_if_valid()
    assert dialog.result() == 0 and words in dialog.error.text()
    assert dialog.start.text() == typed  # kept as typed, never "fixed"


def test_future_result_refused_but_planned_dose_change_accepted(qtbot):
    future = date.today() + timedelta(days=30)
    field = DateField(future, kind="result")
    qtbot.addWidget(field)
    assert "in the future" in field.problem() and field.value() is None
    med = Medication(1, "Prednisone", date(2026, 1, 1), doses=(Dose(date(2026, 1, 1), 10, "mg"),))
    dialog = DoseDialog(med)
    qtbot.addWidget(dialog)
    dialog.from_date.setText(future.isoformat())
    dialog.fields.dose.setText("7.5")
    dialog.save_if_valid()
    assert dialog.result() == 1 and dialog.dose().from_date == future


def test_tab_moves_from_the_date_to_the_next_field(qtbot):
    dialog = MedicationDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.start.setFocus()
    qtbot.keyClick(dialog.start, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.dose.dose  # one Tab: date -> dose
    qtbot.keyClicks(dialog.focusWidget(), "29")
    assert dialog.start.text() == date.today().isoformat()


def test_second_active_medication_of_the_same_name_asks(make_window, repo, monkeypatch):
    med = repo.treatments.add(
        Medication(
            None,
            "Hydroxychloroquine",
            date(2026, 1, 1),
            doses=(Dose(date(2026, 1, 1), 200, "mg", "once daily"),),
        )
    )
    window = make_window(repo)
    questions = []

    def answer_yes(*args, **kwargs):
        questions.append(args[2])
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", answer_yes)

    def typed(dialog):
        dialog.name.setText("hydroxychloroquine")
        dialog.start.setText("2026-03-01")
        dialog.dose.dose.setText("400")
        return True

    monkeypatch.setattr(window, "exec_dialog", typed)
    window.changes.add_medication()
    assert "dose change" in questions[0]
    assert len(repo.treatments.all()) == 1
    assert [d.dose for d in repo.treatments.get(med.id).doses] == [200, 400]


def test_deleting_is_undoable_everywhere_without_a_question(make_window, repo, messages):
    (result,) = repo.results.add_many([LabEntry(date(2026, 3, 5), "c3", "0.78", "g/L")])
    med = repo.treatments.add(Medication(None, "Tacrolimus", date(2026, 1, 1)))
    event = repo.events.add(Event(None, date(2026, 2, 1), EventKind.FLARE, "Flare"))
    window = make_window(repo)
    for delete, record in (
        (window.changes.delete_result, result),
        (window.changes.delete_medication, med),
        (window.changes.delete_event, event),
    ):
        delete(record)
        assert window.statusBar().currentMessage().startswith("Deleted ")
        assert "Undo (Ctrl+Z)" in window.statusBar().currentMessage()
    assert messages == []  # no confirmation box
    assert repo.is_empty()
    for _ in range(3):
        window.undo_stack.undo()
    assert repo.counts()["results"] == repo.counts()["medications"] == 1


def test_stop_keeps_the_reason_in_the_note(make_window, repo, monkeypatch):
    med = repo.treatments.add(Medication(None, "Tacrolimus", date(2026, 1, 1)))
    window = make_window(repo)

    def typed(dialog):
        dialog.on.setText("2026-04-01")
        dialog.reason.setText("no response, tremor")
        return True

    monkeypatch.setattr(window, "exec_dialog", typed)
    window.changes.stop_medication(med)
    stopped = repo.treatments.get(med.id)
    assert stopped.stopped_on == date(2026, 4, 1) and stopped.note == "Stopped: no response, tremor"


def test_event_dialog_opens_and_saves_without_crashing(qtbot):
    dialog = EventDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.title.setText("Eye exam")
    dialog.has_end.setChecked(True)
    dialog.end.setText("2020-01-01")
    dialog.save_if_valid()
    assert "before the start" in dialog.error.text()
    dialog.end.setText(date.today().isoformat())
    dialog.save_if_valid()
    assert dialog.result() == 1 and dialog.current_event().title == "Eye exam"
