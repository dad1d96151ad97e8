"""The lab report dialog is fast and safe from the keyboard (issue 11 items 7 and 12)."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from lupus_tracker.domain.records import LabEntry
from lupus_tracker.ui import unsaved
from lupus_tracker.ui.lab_dialog import LabReportDialog, search_markers
from lupus_tracker.ui.unsaved import Choice


class Keys:
    """Types into whatever has focus, counting key presses."""

    def __init__(self, qtbot, window):
        self.qtbot = qtbot
        self.window = window
        self.count = 0

    def focus(self):
        return self.window.focusWidget()

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.focus(), text)
        self.count += len(text)

    def press(self, key, times: int = 1, modifier=Qt.KeyboardModifier.NoModifier) -> None:
        """As in a real window: an open list of suggestions gets the key first."""
        for _ in range(times):
            self.qtbot.keyClick(QApplication.activePopupWidget() or self.focus(), key, modifier)
            self.count += 1


@pytest.mark.parametrize(
    "typed, key",
    [
        ("c3", "c3"),
        ("dsdna", "anti_dsdna"),
        ("4485-9", "c3"),
        ("Complement C4", "c4"),
        ("crea", "creatinine"),
        ("UPCR", "upcr"),
    ],
)
def test_marker_search_by_name_abbreviation_and_loinc(typed, key):
    assert search_markers(typed)[0].key == key


def test_five_marker_report_typed_with_the_keyboard_only(qtbot, repo):
    repo.results.add_many([LabEntry(date(2025, 1, 5), "c3", "62", "mg/dL", "90-180", "City Lab")])
    dialog = LabReportDialog(repo)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.lab.text() == "City Lab"  # the last lab is remembered
    keys = Keys(qtbot, dialog)
    assert keys.focus() is dialog.date and dialog.date.selectedText() == dialog.date.text()
    keys.press(Qt.Key.Key_Return)  # today's date kept; the remembered lab is passed over
    assert keys.focus() in (dialog.rows[0].marker, dialog.rows[0].marker.lineEdit())
    report = [
        ("c3", "0,78", None, "90-180"),
        ("c4", "0.09", None, "0.1-0.4"),
        ("dsdna", "245", None, "<30"),
        ("2160-0", "0.95", None, "0.5-1.2"),
        ("albumin", "32", None, "35-50"),
    ]
    for marker, value, _, ref in report:
        keys.type(marker)
        keys.press(Qt.Key.Key_Return)  # marker -> value, even with suggestions open
        assert keys.focus() is dialog.rows[-2].value, marker
        keys.type(value)
        keys.press(Qt.Key.Key_Return)  # value -> unit, or range when the unit is settled
        if marker == "c3":  # City Lab's own unit for C3 last time: nothing to decide
            assert keys.focus() is dialog.rows[-2].range
        else:  # only the preferred unit: a stop to confirm it
            assert keys.focus() is dialog.rows[-2].unit, marker
            keys.press(Qt.Key.Key_Return)  # unit -> range
        keys.type(ref)
        keys.press(Qt.Key.Key_Return)  # range -> next row's marker
    assert len(dialog.rows) == 6 and dialog.rows[-1].is_blank()
    first = dialog.rows[0]
    assert first.unit.currentData() == "mg/dL"  # City Lab's unit for C3 last time
    assert first.understood.text() == (
        "= 0.78 mg/dL = 0.0078 g/L, LOW against 90-180 (lab's range)"
    )
    keys.press(Qt.Key.Key_Return)  # Enter on the empty last row: nothing happens
    assert dialog.result() == 0 and dialog.isVisible() and len(dialog.rows) == 6
    keys.press(Qt.Key.Key_Return, modifier=Qt.KeyboardModifier.ControlModifier)
    assert dialog.result() == 1
    entries = dialog.entries()
    assert [(e.marker, e.value, e.unit, e.ref_range) for e in entries] == [
        ("c3", "0,78", "mg/dL", "90-180"),
        ("c4", "0.09", "g/L", "0.1-0.4"),
        ("anti_dsdna", "245", "[IU]/mL", "<30"),
        ("creatinine", "0.95", "mg/dL", "0.5-1.2"),
        ("albumin", "32", "g/L", "35-50"),
    ]
    assert all(e.lab == "City Lab" for e in entries)
    navigation = keys.count - sum(len(m) + len(v) + len(r) for m, v, _, r in report)
    # Enter on the date, 4 per row (3 where the lab's own unit is settled), one harmless
    # on the empty row, Ctrl+Enter to save: no Tab hunting
    assert navigation == 22


def test_enter_stops_on_an_empty_lab_and_on_a_unit_with_a_choice(qtbot, repo):
    """No remembered lab: Enter goes from the date to the lab. A lab's first C3 result with
    a unit preset from the preferences (another lab's) is a stop; a one-unit marker and a
    titer are not."""
    repo.results.add_many([LabEntry(date(2025, 1, 5), "c3", "62", "mg/dL", None, None)])
    dialog = LabReportDialog(repo)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    keys = Keys(qtbot, dialog)
    keys.press(Qt.Key.Key_Return)
    assert keys.focus() is dialog.lab
    keys.type("Town Lab")
    keys.press(Qt.Key.Key_Return)
    keys.type("c3")
    keys.press(Qt.Key.Key_Return)
    keys.type("0.8")
    keys.press(Qt.Key.Key_Return)
    assert keys.focus() is dialog.rows[0].unit  # mg/dL came from no result of Town Lab
    row = dialog.rows[1]
    row.marker.setCurrentIndex(row.marker.findData("ana"))  # one unit: titer
    row.value.setFocus()
    keys.type("1:160")
    keys.press(Qt.Key.Key_Return)
    assert keys.focus() is row.range


def test_enter_never_removes_a_row(qtbot, repo):
    dialog = LabReportDialog(repo)
    qtbot.addWidget(dialog)
    dialog.show()
    row = dialog.rows[0]
    row.marker.setCurrentIndex(row.marker.findData("c3"))
    row.value.setText("0.8")
    dialog.add_row()
    assert all(
        not button.isDefault() and not button.autoDefault()
        for button in (dialog.save_button, dialog.add_button)
    )
    row.range.setFocus()
    qtbot.keyClick(row.range, Qt.Key.Key_Return)
    row.remove.setFocus()
    qtbot.keyClick(row.remove, Qt.Key.Key_Return)
    assert row in dialog.rows and row.value.text() == "0.8"


def test_escape_with_typed_rows_asks(qtbot, repo, monkeypatch):
    asked = []
    monkeypatch.setattr(
        unsaved, "ask_unsaved", lambda parent, what: asked.append(what) or Choice.CANCEL
    )
    dialog = LabReportDialog(repo)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.rows[0].value.setText("0.8")
    qtbot.keyClick(dialog.rows[0].value, Qt.Key.Key_Escape)
    assert asked == ["this lab report"] and dialog.isVisible()


@pytest.mark.parametrize(
    "typed, words", [("2026-13-45", "not a real date"), ("2099-05-01", "in the future")]
)
def test_bad_report_dates_are_refused_not_changed(qtbot, repo, typed, words):
    dialog = LabReportDialog(repo)
    qtbot.addWidget(dialog)
    dialog.date.setText(typed)
    row = dialog.rows[0]
    row.marker.setCurrentIndex(row.marker.findData("c3"))
    row.value.setText("0.8")
    dialog.save_if_valid()
    assert dialog.result() == 0 and words in dialog.summary.text()
    assert dialog.date.text() == typed


def test_enter_on_a_suggestion_takes_it_and_moves_to_the_value(qtbot, repo):
    """Typing "c3", Down, Enter in the popup filled the marker but stayed there, and "78"
    was then appended to the marker's text."""
    dialog = LabReportDialog(repo)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    row = dialog.rows[0]
    qtbot.keyClicks(row.marker.lineEdit(), "c3")
    popup = row.marker.completer().popup()
    assert popup.isVisible()
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is row.value)
    qtbot.keyClicks(QApplication.focusWidget(), "78")
    assert row.marker_key() == "c3" and row.value.text() == "78"
    assert row.marker.currentText() == row.marker.itemText(row.marker.currentIndex())
