"""Every date in the app is one field (ui/date_field.DateField): focused as a person does
(the dialog opening on it, Tab, its Alt+letter), the whole date is selected, so a typed
YYYY-MM-DD replaces it; text that is not a date is refused, never swapped for another.

The patient's finding: Change dose, Stop and SLEDAI opened with the cursor after today's
date, typing 2026-11-15 left 2026-11-29 and Save stored that; the visit report's QDateEdit
turned a typed 2026-06-01 into 2026-08-06."""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from lupus_tracker.domain.records import Dose, Medication
from lupus_tracker.ui import tasks
from lupus_tracker.ui.charts_view import ChartsView
from lupus_tracker.ui.date_field import DateField
from lupus_tracker.ui.diary_page import DiaryPage
from lupus_tracker.ui.lab_dialog import LabReportDialog
from lupus_tracker.ui.profile_dialog import ProfileDialog
from lupus_tracker.ui.report_actions import ReportDialog
from lupus_tracker.ui.results_page import ResultsPage
from lupus_tracker.ui.sledai_dialog import SledaiDialog
from lupus_tracker.ui.symptom_history import SymptomHistoryPage
from lupus_tracker.ui.treatment_dialogs import (
    DoseDialog,
    EventDialog,
    MedicationDialog,
    StopDialog,
)

UI = Path(__file__).resolve().parents[2] / "lupus_tracker" / "ui"
REASONS = [
    Qt.FocusReason.ActiveWindowFocusReason,  # the dialog opens on the field
    Qt.FocusReason.OtherFocusReason,
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.ShortcutFocusReason,  # its label's Alt+letter
]


def medication() -> Medication:
    return Medication(
        id=1,
        name="Prednisone",
        started_on=date(2026, 1, 1),
        doses=(Dose(date(2026, 1, 1), 10.0, "mg", "once daily"),),
    )


def widgets(repo):
    """(name, top-level widget, its date field) for every date the app lets a person type."""
    ops = [
        ("Change dose", DoseDialog(medication()), "from_date"),
        ("Stop", StopDialog(medication()), "on"),
        ("Add medication", MedicationDialog(), "start"),
        ("Event", EventDialog(), "day"),
        ("Event end", EventDialog(), "end"),
        ("SLEDAI-2K", SledaiDialog(repo), "visit"),
        ("Lab report", LabReportDialog(repo), "date"),
        ("Profile", ProfileDialog(repo), "birth"),
        ("Visit report from", ReportDialog(repo), "since"),
        ("Visit report to", ReportDialog(repo), "until"),
        ("Diary", DiaryPage(repo), "day"),
        ("Results filter", ResultsPage(repo), "since"),
        ("Symptom history", SymptomHistoryPage(repo), "until"),
    ]
    return ops


def type_into(qtbot, top, field: DateField, text: str, reason) -> None:
    top.show()
    qtbot.waitExposed(top)
    top.activateWindow()
    field.setEnabled(True)
    field.setFocus(reason)
    qtbot.waitUntil(field.hasFocus)
    qtbot.wait(5)  # the selection is made just after focus arrives
    qtbot.keyClicks(field, text)


@pytest.mark.parametrize("reason", REASONS, ids=lambda r: r.name)
def test_a_typed_date_replaces_the_shown_one_in_every_date_field(qtbot, repo, reason):
    with tasks.run_inline():  # the pages' refreshes run here, never after the test
        _type_everywhere(qtbot, repo, reason)


def _type_everywhere(qtbot, repo, reason) -> None:
    wanted = "2026-01-15"
    for name, top, attribute in widgets(repo):
        qtbot.addWidget(top)
        field = getattr(top, attribute)
        field.set_value(date(2026, 2, 20))
        type_into(qtbot, top, field, wanted, reason)
        assert field.text() == wanted, name
        assert field.value() == date(2026, 1, 15), name
        top.close()
    tasks.wait_idle(60)
    QApplication.processEvents()


def test_a_chart_period_date_is_typed_in_one_go(qtbot, repo):
    view = ChartsView(repo)
    qtbot.addWidget(view)
    view.period.setCurrentIndex(view.period.findData(-1))
    type_into(qtbot, view, view.since, "2026-06-01", Qt.FocusReason.ShortcutFocusReason)
    assert view.dates()[0] == date(2026, 6, 1)


def test_typing_after_a_whole_date_is_refused_not_dropped(qtbot):
    dialog = DoseDialog(medication())
    qtbot.addWidget(dialog)
    dialog.from_date.setFocus(Qt.FocusReason.MouseFocusReason)  # a click: cursor stays put
    dialog.from_date.setCursorPosition(len(dialog.from_date.text()))
    qtbot.keyClicks(dialog.from_date, "2026-11-15")
    assert dialog.from_date.value() is None
    dialog.save_if_valid()
    assert dialog.result() == 0
    assert "YYYY-MM-DD" in dialog.error.text() or "date" in dialog.error.text()


def test_the_report_dialog_refuses_an_unreadable_date(qtbot, repo):
    dialog = ReportDialog(repo)
    qtbot.addWidget(dialog)
    dialog.since.setText("2026-06-1")
    dialog.save_if_valid()
    assert dialog.result() == 0 and dialog.error.text()


def test_no_qdateedit_is_left_in_the_ui():
    """Every date goes through DateField (a QDateEdit selects one section and keeps the
    other parts of the old date)."""
    for path in UI.glob("*.py"):
        tree = ast.parse(path.read_text())
        names = {
            node.id if isinstance(node, ast.Name) else node.attr
            for node in ast.walk(tree)
            if isinstance(node, ast.Name | ast.Attribute)
        }
        assert not names & {"QDateEdit", "QDateTimeEdit"}, path.name
