"""Round 3 findings of a patient using the app by keyboard: the visit report keeps typed
notes, Change dose / Stop with no row selected say so, the selection survives a save, the
first Down selects the first row, and a same-day dose change is asked about."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMessageBox

from lupus_tracker.domain.records import Dose, Medication
from lupus_tracker.ui.report_actions import ReportDialog
from lupus_tracker.ui.treatment_dialogs import DoseDialog


def test_changing_the_report_period_keeps_the_typed_notes(qtbot, repo, monkeypatch):
    dialog = ReportDialog(repo)
    qtbot.addWidget(dialog)
    dialog.notes.setFocus()
    qtbot.keyClicks(dialog.notes, "Ask about the rash")
    dialog.since.set_value(date(2026, 1, 1))
    assert dialog.notes.toPlainText() == "Ask about the rash"


def test_notes_saved_for_the_new_period_replace_typed_ones_only_when_asked(
    qtbot, repo, monkeypatch
):
    repo.report_notes.set(date(2026, 1, 1), date(2026, 3, 1), "Saved notes")
    asked: list[str] = []

    def answer(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    dialog = ReportDialog(repo)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.notes, "Typed")
    dialog.until.set_value(date(2026, 3, 1))
    dialog.since.set_value(date(2026, 1, 1))
    assert asked and dialog.notes.toPlainText() == "Typed"
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.since.set_value(date(2025, 12, 1))
    dialog.since.set_value(date(2026, 1, 1))
    assert dialog.notes.toPlainText() == "Saved notes"


def _two_medications(repo):
    for name in ("Hydroxychloroquine", "Prednisone"):
        repo.treatments.add(
            Medication(None, name, date(2026, 1, 1), doses=(Dose(date(2026, 1, 1), 10, "mg"),))
        )


def _treatments(make_window, repo):
    window = make_window(repo)
    window.tabs.setCurrentWidget(window.treatments)
    window.treatments.refresh()
    return window, window.treatments


def test_change_dose_with_no_row_selected_says_so(make_window, repo, qtbot):
    _two_medications(repo)
    window, page = _treatments(make_window, repo)
    asked: list = []
    page.change_dose.connect(asked.append)
    page.meds.clearSelection()
    page.meds.setCurrentIndex(page.meds.model().index(-1, -1))
    page._ask(page.change_dose, page.meds)
    assert not asked
    assert "Select a medication first" in window.statusBar().currentMessage()


def test_the_first_down_selects_the_first_row_and_a_save_keeps_the_selection(
    make_window, repo, qtbot
):
    _two_medications(repo)
    window, page = _treatments(make_window, repo)
    window.show()
    qtbot.waitExposed(window)
    page.meds.setFocus()
    page.meds.clearSelection()
    qtbot.keyClick(page.meds, Qt.Key.Key_Down)
    rows = page.meds.selectionModel().selectedRows()
    assert [r.row() for r in rows] == [0]
    qtbot.keyClick(page.meds, Qt.Key.Key_Down)
    chosen = page.meds.selectionModel().selectedRows()[0].data(Qt.ItemDataRole.DisplayRole)
    page.refresh()
    rows = page.meds.selectionModel().selectedRows()
    assert rows and rows[0].data(Qt.ItemDataRole.DisplayRole) == chosen


def _prednisone_today() -> Medication:
    today = date.today()
    return Medication(
        1, "Prednisone", date(2026, 1, 1), doses=(Dose(today, 10, "mg", "once daily"),)
    )


def test_a_same_day_dose_change_is_asked_about(qtbot, monkeypatch):
    asked: list[str] = []

    def answer(parent, title, text, *args, **kwargs):
        asked.append(text)
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", answer)
    dialog = DoseDialog(_prednisone_today())
    qtbot.addWidget(dialog)
    assert "Prednisone" in " ".join(
        label.text() for label in dialog.findChildren(type(dialog.error))
    )
    dialog.fields.dose.setText("7.5")
    dialog.save_if_valid()
    assert asked and "Replace today's 10 mg" in asked[0] and "7.5 mg" in asked[0]
    assert dialog.result() == 0
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    dialog.save_if_valid()
    assert dialog.result() == DoseDialog.DialogCode.Accepted


def test_the_same_dose_again_the_same_day_changes_nothing(qtbot):
    dialog = DoseDialog(_prednisone_today())
    qtbot.addWidget(dialog)
    dialog.fields.dose.setText("10")
    dialog.save_if_valid()
    assert dialog.result() == 0 and "already recorded" in dialog.error.text()


def test_dashboard_sledai_line_gives_the_band_and_names_proteinuria(repo):
    from lupus_tracker.domain.records import LabEntry
    from lupus_tracker.store.sledai_repo import SledaiAssessment
    from lupus_tracker.ui.dashboard import gather

    repo.results.add(LabEntry(date(2026, 1, 1), "c4", "0.2"))
    repo.sledai.save(
        SledaiAssessment(date(2026, 1, 1), frozenset({"proteinuria", "low_complement"}))
    )
    text = gather(repo, date(2026, 1, 2)).sledai
    assert "Latest SLEDAI-2K:</b> 6" in text
    assert "moderate activity" in text and "proteinuria" in text


def test_recompute_egfr_says_what_changed_with_the_right_plural():
    from lupus_tracker.ui.change_actions import egfr_change_text

    day = date(2026, 1, 1)
    same = egfr_change_text({day: "80"}, {day: "80"})
    assert "nothing changed" in same and "(1 computed eGFR value)" in same
    changed = egfr_change_text({day: "80"}, {day: "75", date(2026, 2, 1): "70"})
    assert "1 added, 1 changed" in changed and "2 computed eGFR values" in changed


def test_a_stopped_medication_history_shows_its_end_date():
    from lupus_tracker.ui.treatments_page import history_text

    med = Medication(
        1, "Prednisone", date(2026, 1, 1), date(2026, 3, 1), doses=(Dose(date(2026, 1, 1), 5),)
    )
    assert history_text(med).splitlines()[0] == "stopped 2026-03-01"


def test_show_as_table_names_the_chart_while_the_table_is_shown(qtbot, repo):
    from lupus_tracker.ui.charts_view import ChartsView

    view = ChartsView(repo)
    qtbot.addWidget(view)
    view.table_button.setChecked(True)
    assert view.table_button.text().replace("&", "") == "Show as chart"
    view.table_button.setChecked(False)
    assert view.table_button.text().replace("&", "") == "Show as table"


def test_alt_d_discards_in_the_unsaved_question(monkeypatch, qtbot):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from lupus_tracker.ui import unsaved

    monkeypatch.undo()  # the real ask_unsaved
    texts: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        texts.extend(b.text() for b in box.buttons())
        alt_d = [b for b in box.buttons() if b.shortcut() == QKeySequence("Alt+D")]
        (alt_d[0] if alt_d else box.escapeButton()).click()

    QTimer.singleShot(0, answer)
    assert unsaved.ask_unsaved(None, "this dose change") is unsaved.Choice.DISCARD
    assert "&Discard" in texts and "&Save" in texts


def test_alt_down_on_the_lab_unit_opens_its_own_list_not_the_calendar(qtbot, repo):
    from lupus_tracker.ui.lab_dialog import LabReportDialog

    dialog = LabReportDialog(repo)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    row = dialog.rows[0]
    row.marker.setCurrentIndex(row.marker.findData("c3"))
    row.unit.setFocus()
    qtbot.waitUntil(row.unit.hasFocus)
    qtbot.keyClick(row.unit, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert dialog.date._calendar is None
    qtbot.waitUntil(row.unit.view().isVisible)
    row.unit.hidePopup()


def test_visit_report_dialog_accepts_with_ctrl_enter_and_alt_o(qtbot, repo):
    for keys in ((Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier),):
        dialog = ReportDialog(repo)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        dialog.notes.setFocus()
        qtbot.waitUntil(dialog.notes.hasFocus)
        qtbot.keyClicks(dialog.notes, "Ask about")
        qtbot.keyClick(dialog.notes, *keys)
        assert dialog.result() == ReportDialog.DialogCode.Accepted, (keys, dialog.error.text())
        assert dialog.notes.toPlainText() == "Ask about"
    from PySide6.QtWidgets import QPushButton

    alt_o = [b for b in dialog.findChildren(QPushButton) if b.shortcut() == QKeySequence("Alt+O")]
    assert alt_o and alt_o[0].text() == "&OK"


def test_marker_search_knows_common_abbreviations():
    from lupus_tracker.ui.lab_dialog import search_markers, unit_choice_text

    for typed, key in (
        ("plt", "platelets"),
        ("Hgb", "hemoglobin"),
        ("hb", "hemoglobin"),
        ("cr", "creatinine"),
        ("PCR", "upcr"),
        ("acr", "uacr"),
        ("alb", "albumin"),
        ("dsdna", "anti_dsdna"),
    ):
        assert search_markers(typed)[0].key == key, typed
    assert unit_choice_text("mg/mg") == "mg/mg = g/g"


def test_typing_plt_in_the_marker_box_suggests_platelets(qtbot, repo):
    from lupus_tracker.ui.lab_dialog import LabReportDialog

    dialog = LabReportDialog(repo)
    qtbot.addWidget(dialog)
    completer = dialog.rows[0].marker.completer()
    completer.setCompletionPrefix("plt")
    assert completer.completionCount() >= 1
    assert "Platelets" in completer.currentCompletion()
