"""Round 3 findings of a patient using the app by keyboard: the visit report keeps typed
notes, Change dose / Stop with no row selected say so, the selection survives a save, the
first Down selects the first row, and a same-day dose change is asked about."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
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
    assert "nothing changed" in same and "1 computed eGFR value," in same
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
