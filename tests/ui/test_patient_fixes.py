"""What a patient found using the app in a real window: status words, dialog sizes,
keyboard flow in the lab dialog, messages, sort arrows, the File › Open filter."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from lupus_tracker.domain.records import Dose, LabEntry, Medication, SymptomEntry
from lupus_tracker.ui.lab_dialog import LabReportDialog
from lupus_tracker.ui.symptom_history import SymptomHistoryPage
from lupus_tracker.ui.treatment_dialogs import DoseDialog


def test_delete_message_names_the_marker_and_undo_redo_replace_it(make_window, repo):
    (result,) = repo.results.add_many([LabEntry(date(2026, 11, 20), "c3", "0.78", "g/L")])
    window = make_window(repo)
    window.changes.delete_result(repo.results.get(result.id))
    message = window.statusBar().currentMessage()
    assert message == "Deleted Complement C3 0.78 g/L of 2026-11-20 — Undo (Ctrl+Z)"
    window.undo_stack.undo()
    assert window.statusBar().currentMessage() == (
        "Undone: Delete Complement C3 0.78 g/L of 2026-11-20"
    )
    window.undo_stack.redo()
    assert window.statusBar().currentMessage() == (
        "Redone: Delete Complement C3 0.78 g/L of 2026-11-20"
    )


def _arrow(header, section: int = 0) -> str:
    """The sort arrow as drawn at the right of ``section``: "▲" when its widest dark row
    is at its bottom, "▼" when at its top (one-pixel lines such as borders left out)."""
    image = header.grab().toImage()
    right = header.sectionViewportPosition(section) + header.sectionSize(section)
    widths = [
        n
        for y in range(image.height())
        if (
            n := sum(
                QColor(image.pixel(x, y)).lightness() < 140 for x in range(right - 30, right - 2)
            )
        )
        >= 2
    ]
    assert len(widths) >= 2, "no arrow drawn"
    return "▲" if widths[0] < widths[-1] else "▼"


def test_sort_arrows_match_the_order_of_the_rows(make_window, repo, qtbot):
    repo.results.add_many(
        [
            LabEntry(date(2026, 1, 5), "c3", "0.8", "g/L"),
            LabEntry(date(2026, 3, 5), "c3", "0.9", "g/L"),
        ]
    )
    repo.diary.log_many(
        [SymptomEntry(date(2026, 1, 5), "fatigue", 3), SymptomEntry(date(2026, 3, 5), "fatigue", 4)]
    )
    window = make_window(repo)
    window.tabs.setCurrentWidget(window.results)
    page = window.results
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    first = page.model.index(0, 0).data()
    assert first == "2026-03-05"  # newest first ...
    assert _arrow(page.table.horizontalHeader()) == "▼"  # ... so the arrow points down
    page.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    assert page.model.index(0, 0).data() == "2026-01-05"
    assert _arrow(page.table.horizontalHeader()) == "▲"

    history = SymptomHistoryPage(repo)
    qtbot.addWidget(history)
    history.since.set_value(date(2026, 1, 1))
    history.until.set_value(date(2026, 12, 31))
    history.resize(900, 400)
    history.show()
    qtbot.waitUntil(lambda: not history.busy and history.model.rowCount() == 2, timeout=10000)
    assert history.day_at(0) == date(2026, 1, 5)  # oldest first ...
    assert _arrow(history.table.horizontalHeader()) == "▲"  # ... so the arrow points up


def test_file_open_can_show_the_kept_aside_before_restore_file(make_window, repo, monkeypatch):
    """``<name>.before-restore-…`` does not match *.sqlite *.db: "All files" must be there."""
    from PySide6.QtWidgets import QFileDialog

    from lupus_tracker.ui import file_actions

    offered: list[str] = []
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileName",
        lambda *args, **kwargs: (offered.append(args[3]), ("", ""))[1],
    )
    file_actions.open_file(make_window(repo))
    assert offered and "All files (*)" in offered[0].split(";;")


def test_ambiguous_dose_is_worded_for_a_dose_and_shown_whole(qtbot):
    medication = Medication(
        1,
        "Mycophenolate",
        date(2026, 1, 1),
        doses=(Dose(date(2026, 1, 1), 500, "mg", "twice daily"),),
    )
    dialog = DoseDialog(medication)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.fields.dose.setText("1,250")
    dialog.save_if_valid()
    message = dialog.error.text()
    assert message.startswith("'1,250' is ambiguous for a dose: 1.25 if")
    assert "lab report" not in message
    qtbot.waitUntil(
        lambda: dialog.error.height() >= dialog.error.heightForWidth(dialog.error.width())
    )  # not cut off
    assert dialog.result() == 0


def test_lab_dialog_date_and_row_messages_show_at_once_and_clear_when_fixed(qtbot, repo):
    dialog = LabReportDialog(repo)
    qtbot.addWidget(dialog)
    dialog.show()
    row = dialog.rows[0]
    row.marker.setCurrentIndex(row.marker.findData("c3"))
    dialog.date.setText("2026-13-45")
    assert dialog.date_error.isVisible() and dialog.date_error.text()  # in words, at once
    row.unit.setCurrentIndex(row.unit.findData("g/L"))
    row.value.setText("78")  # 78 g/L of C3 is not possible, whatever the date
    assert row.error.isVisible() and row.error.text()
    dialog.date.setText("2026-11-20")
    assert not dialog.date_error.isVisible()
    dialog.save_if_valid()
    assert "1 row(s) need fixing" in dialog.summary.text()
    row.value.setText("0.78")
    assert not row.error.isVisible()
    assert dialog.summary.text() == ""  # fixed: the old "nothing was saved" goes
    dialog.save_if_valid()
    assert dialog.result() == 1


def test_unsaved_question_is_worded_for_one_thing(monkeypatch, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from lupus_tracker.ui import unsaved

    asked: list[str] = []
    monkeypatch.undo()  # the real ask_unsaved, not the conftest's stand-in

    def answer() -> None:  # the box is built (its buttons carry Alt keys): press Escape
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        asked.append(box.text())
        box.escapeButton().click()

    QTimer.singleShot(0, answer)
    assert unsaved.ask_unsaved(None, "this lab report") is unsaved.Choice.CANCEL
    assert asked == ["You have not saved this lab report. Save now?"]
