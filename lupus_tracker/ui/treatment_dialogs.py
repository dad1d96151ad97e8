"""Small dialogs for medications (start, dose change, stop) and events."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
)

from lupus_tracker.domain.records import Dose, Event, EventKind, Medication
from lupus_tracker.domain.values import ValueParseError, parse_number
from lupus_tracker.ui.lab_dialog import pydate, qdate


def _date_edit(day: date | None = None) -> QDateEdit:
    edit = QDateEdit(qdate(day or date.today()))
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class _FormDialog(QDialog):
    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.error = QLabel()
        self.error.setStyleSheet("color: #a40000;")

    def finish_layout(self) -> None:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save_if_valid)
        buttons.rejected.connect(self.reject)
        self.form.addRow(self.error)
        self.form.addRow(buttons)

    def problem(self) -> str | None:
        """What stops this form from being saved, in one line (None: it can be saved)."""
        return None

    def save_if_valid(self) -> None:
        message = self.problem()
        if message:
            self.fail(message)
            return
        self.accept()

    def fail(self, message: str) -> None:
        self.error.setText(message)


class DoseFields:
    """Dose, unit and frequency as separate fields."""

    def __init__(self, form: QFormLayout, dose: Dose | None = None):
        self.dose = QLineEdit("" if dose is None or dose.dose is None else f"{dose.dose:g}")
        self.dose.setPlaceholderText("e.g. 7.5 (optional)")
        self.unit = QComboBox()
        self.unit.setEditable(True)
        self.unit.addItems(["mg", "g", "mcg", "IU", "mL", "tablet", "puff", "drop"])
        self.unit.setCurrentText(dose.unit if dose and dose.unit else "mg")
        self.frequency = QComboBox()
        self.frequency.setEditable(True)
        self.frequency.addItems(["once daily", "twice daily", "three times daily", "weekly",
                                 "every 2 weeks", "monthly", "as needed"])
        self.frequency.setCurrentText(dose.frequency if dose and dose.frequency else
                                      "once daily")
        form.addRow("&Dose:", self.dose)
        form.addRow("&Unit:", self.unit)
        form.addRow("Fre&quency:", self.frequency)

    def value(self, from_date: date) -> Dose:
        text = self.dose.text().strip()
        amount = None
        if text:
            comparator, amount = parse_number(text)
            if comparator is not None:
                raise ValueParseError("A dose is a plain number.")
        return Dose(from_date, amount, self.unit.currentText().strip() or None,
                    self.frequency.currentText().strip() or None)


class MedicationDialog(_FormDialog):
    def __init__(self, parent=None):
        super().__init__("Add medication", parent)
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. Prednisone")
        self.start = _date_edit()
        self.form.addRow("&Name:", self.name)
        self.form.addRow("&Started on:", self.start)
        self.dose = DoseFields(self.form)
        self.note = QLineEdit()
        self.form.addRow("N&ote:", self.note)
        self.finish_layout()

    def medication(self) -> Medication:
        start = pydate(self.start.date())
        dose = self.dose.value(start)
        doses = (dose,) if any((dose.dose is not None, dose.unit, dose.frequency)) else ()
        return Medication(None, self.name.text(), start, None, self.note.text() or None, doses)

    def problem(self) -> str | None:
        if not self.name.text().strip():
            return "Give the medication a name."
        try:
            self.medication()
        except ValueParseError as error:
            return str(error)
        return None


class DoseDialog(_FormDialog):
    def __init__(self, medication: Medication, parent=None):
        super().__init__(f"Change dose of {medication.name}", parent)
        self.from_date = _date_edit()
        self.form.addRow("&From:", self.from_date)
        self.fields = DoseFields(self.form, medication.dose_on(date.today()))
        self.finish_layout()

    def dose(self) -> Dose:
        return self.fields.value(pydate(self.from_date.date()))

    def problem(self) -> str | None:
        try:
            self.dose()
        except ValueParseError as error:
            return str(error)
        return None


class StopDialog(_FormDialog):
    def __init__(self, medication: Medication, parent=None):
        super().__init__(f"Stop {medication.name}", parent)
        self.on = _date_edit()
        self.form.addRow("&Stopped on:", self.on)
        self.finish_layout()

    def stopped_on(self) -> date:
        return pydate(self.on.date())


class EventDialog(_FormDialog):
    def __init__(self, parent=None, event: Event | None = None):
        super().__init__("Edit event" if event else "Add event", parent)
        self.event_id = event.id if event else None
        self.kind = QComboBox()
        for kind in EventKind:
            self.kind.addItem(kind.label, kind.value)
        self.day = _date_edit(event.occurred_on if event else None)
        self.has_end = QCheckBox("Lasted until:")
        self.end = _date_edit(event.ended_on if event and event.ended_on else None)
        self.title = QLineEdit(event.title if event else "")
        self.title.setPlaceholderText("e.g. UC-MSC infusion, rheumatology visit")
        self.note = QPlainTextEdit(event.note if event and event.note else "")
        self.note.setTabChangesFocus(True)
        if event:
            self.kind.setCurrentIndex(self.kind.findData(event.kind.value))
            self.has_end.setChecked(event.ended_on is not None)
        self.form.addRow("&Kind:", self.kind)
        self.form.addRow("&Date:", self.day)
        self.form.addRow(self.has_end, self.end)
        self.form.addRow("&What:", self.title)
        self.form.addRow("&Note:", self.note)
        self.finish_layout()

    def current_event(self) -> Event:
        end = pydate(self.end.date()) if self.has_end.isChecked() else None
        return Event(self.event_id, pydate(self.day.date()), EventKind(self.kind.currentData()),
                     self.title.text(), self.note.toPlainText() or None, end)

    def problem(self) -> str | None:
        event = self.current_event()
        if event.ended_on is not None and event.ended_on < event.occurred_on:
            return "The end date is before the start date."
        return None
