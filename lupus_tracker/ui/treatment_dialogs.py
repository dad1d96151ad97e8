"""Small dialogs for medications (start, dose change, stop) and events.

Dates are typed fields (one Tab stop, never silently changed); frequencies come from the
app's one vocabulary (``domain.dosing``) so daily doses can be summed; Escape or Cancel
asks before typed entries are dropped.
"""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
)

from lupus_tracker.domain.dosing import DOSE_UNITS, FREQUENCIES, ONCE, dose_text, find_frequency
from lupus_tracker.domain.records import Dose, Event, EventKind, Medication
from lupus_tracker.domain.stop_note import note_with_stop_reason
from lupus_tracker.domain.values import (
    AMBIGUOUS_NUMBER,
    ValueParseError,
    format_number,
    parse_number,
)
from lupus_tracker.ui import theme
from lupus_tracker.ui.date_field import DateField
from lupus_tracker.ui.screen import room_for_hint
from lupus_tracker.ui.unsaved import GuardedDialog


class _FormDialog(GuardedDialog):
    def __init__(self, title: str, parent=None):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.form = QFormLayout(self)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {theme.current().error};")
        self.error.setWordWrap(True)
        self.error.setAccessibleName("Problem")
        self._initial: tuple = ()

    def finish_layout(self) -> None:
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save_if_valid)
        buttons.rejected.connect(self.reject)
        self.form.addRow(self.error)
        self.form.addRow(buttons)
        self._initial = self.snapshot()
        self.setMinimumWidth(420)

    def snapshot(self) -> tuple:
        """What the form shows now (compared with the opening state to know if it changed)."""
        return ()

    def has_entries(self) -> bool:
        return self.snapshot() != self._initial

    def dates(self) -> tuple[DateField, ...]:
        return ()

    def problem(self) -> str | None:
        """What stops this form from being saved, in one line (None: it can be saved)."""
        for field in self.dates():
            if field.isEnabled() and field.problem():
                field.setFocus()
                return field.problem()
        return None

    def save_if_valid(self) -> None:
        message = self.problem()
        if message:
            self.fail(message)
            return
        self.accept()

    def fail(self, message: str) -> None:
        self.error.setText(message)
        self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        """A long message wraps onto more lines: grow the dialog so none is cut off."""
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        needed = (
            layout.totalHeightForWidth(self.width())
            if layout.hasHeightForWidth()
            else layout.totalSizeHint().height()
        )
        if needed > self.height():
            self.resize(self.width(), needed)


SINGLE_DOSE_LABEL = "single dose (once only, not daily)"


def frequency_label(words: str) -> str:
    """The list's text for a frequency. The single dose is not labelled "once": typing
    "once" in the list picked it for a daily drug without a word."""
    return SINGLE_DOSE_LABEL if words == ONCE else words


def confirm_single_dose(parent, name: str, day: date) -> str | None:
    """Ask whether a single dose was meant, or once daily: the frequency's words, or None
    when the person cancels."""
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "A single dose, or once daily?",
        f"{name}: a single dose on {day.isoformat()}, or once daily?",
        QMessageBox.StandardButton.Cancel,
        parent,
    )
    single = box.addButton("A &single dose", QMessageBox.ButtonRole.AcceptRole)
    daily = box.addButton("Once &daily", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    chosen = box.clickedButton()
    return ONCE if chosen is single else "once daily" if chosen is daily else None


class DoseFields:
    """Dose, unit and frequency as separate fields."""

    def __init__(self, form: QFormLayout, dose: Dose | None = None):
        self.dose = QLineEdit("" if dose is None or dose.dose is None else format_number(dose.dose))
        self.dose.setPlaceholderText("e.g. 7.5 (optional)")
        self.unit = QComboBox()
        self.unit.addItems(DOSE_UNITS)
        if dose and dose.unit and self.unit.findText(dose.unit) < 0:
            self.unit.addItem(dose.unit)  # an older record's unit stays as it was
        self.unit.setCurrentText(dose.unit if dose and dose.unit else "mg")
        self.frequency = QComboBox()
        self.frequency.addItem("", None)
        for frequency in FREQUENCIES:
            self.frequency.addItem(frequency_label(frequency.words), frequency.words)
        known = find_frequency(dose.frequency) if dose else None
        if dose and dose.frequency and known is None:
            self.frequency.addItem(f"{dose.frequency} (not a known frequency)", dose.frequency)
        wanted = known.words if known else (dose.frequency if dose else "once daily")
        self.frequency.setCurrentIndex(max(self.frequency.findData(wanted), 0))
        self.dose.setAccessibleName("Dose amount")
        self.unit.setAccessibleName("Dose unit")
        self.frequency.setAccessibleName("How often")
        form.addRow("&Dose:", self.dose)
        form.addRow("&Unit:", self.unit)
        form.addRow("Fre&quency:", self.frequency)

    def value(self, from_date: date) -> Dose:
        text = self.dose.text().strip()
        amount = None
        if text:
            if AMBIGUOUS_NUMBER.match(text):
                separator = text[-4]
                raise ValueParseError(
                    f"{text!r} is ambiguous for a dose: "
                    f"{format_number(float(text.replace(separator, '.')))} if "
                    f"{separator!r} is the decimal mark, {text.replace(separator, '')} if it "
                    "separates thousands. Type the dose without a thousands separator "
                    "(e.g. 1250) or with a decimal point (e.g. 1.25)."
                )
            comparator, amount = parse_number(text)
            if comparator is not None:
                raise ValueParseError("A dose is a plain number.")
        return Dose(
            from_date, amount, self.unit.currentText().strip() or None, self.frequency.currentData()
        )

    def snapshot(self) -> tuple:
        return (self.dose.text(), self.unit.currentText(), self.frequency.currentIndex())


class MedicationDialog(_FormDialog):
    unsaved_what = "this medication"

    def __init__(self, parent=None):
        super().__init__("Add medication", parent)
        self.name = QLineEdit()
        self.name.setPlaceholderText("e.g. Prednisone")
        self.start = DateField(date.today(), kind="medication start")
        self.form.addRow("&Name:", self.name)
        self.form.addRow("&Started on:", self.start)
        self.dose = DoseFields(self.form)
        self.note = QLineEdit()
        self.form.addRow("N&ote:", self.note)
        self.finish_layout()

    def snapshot(self) -> tuple:
        return (self.name.text(), self.start.text(), self.dose.snapshot(), self.note.text())

    def dates(self) -> tuple[DateField, ...]:
        return (self.start,)

    def medication(self) -> Medication:
        start = self.start.value() or date.today()
        dose = self.dose.value(start)
        doses = (dose,) if any((dose.dose is not None, dose.frequency)) else ()
        return Medication(
            None, self.name.text().strip(), start, None, self.note.text() or None, doses
        )

    def problem(self) -> str | None:
        if not self.name.text().strip():
            self.name.setFocus()
            return "Give the medication a name."
        found = super().problem()
        if found:
            return found
        try:
            self.medication()
        except ValueParseError as error:
            self.dose.dose.setFocus()
            return str(error)
        return None


class DoseDialog(_FormDialog):
    unsaved_what = "this dose change"

    def __init__(self, medication: Medication, parent=None, dose: Dose | None = None):
        super().__init__(f"Change dose of {medication.name}", parent)
        self.medication = medication
        self.from_date = DateField(dose.from_date if dose else date.today(), kind="dose change")
        current = medication.dose_on(date.today())
        about = QLabel(
            f"New dose of <b>{html.escape(medication.name)}</b>"
            + (f" (now {html.escape(dose_text(current))})" if current else "")
            + ", from the date below on."
        )
        about.setWordWrap(True)
        self.form.addRow(about)
        self.form.addRow("&From:", self.from_date)
        self.fields = DoseFields(self.form, dose or medication.dose_on(date.today()))
        self.finish_layout()

    def snapshot(self) -> tuple:
        return (self.from_date.text(), self.fields.snapshot())

    def dates(self) -> tuple[DateField, ...]:
        return (self.from_date,)

    def dose(self) -> Dose:
        return self.fields.value(self.from_date.value() or date.today())

    def save_if_valid(self) -> None:
        """A daily drug changed to a single dose is confirmed first (a slip of the list)."""
        message = self.problem()
        if message:
            self.fail(message)
            return
        before = self.medication.dose_on(self.from_date.value() or date.today())
        if self.fields.frequency.currentData() == ONCE and (
            before is None or before.frequency != ONCE
        ):
            answer = confirm_single_dose(
                self, self.medication.name, self.from_date.value() or date.today()
            )
            if answer is None:
                return
            box = self.fields.frequency
            box.setCurrentIndex(box.findData(answer))
        if not self._confirm_same_day():
            return
        self.accept()

    def _confirm_same_day(self) -> bool:
        """A dose already recorded from that date is replaced only when the person says
        so (the command line refuses it without --replace); the same dose again is not
        saved twice."""
        day = self.from_date.value() or date.today()
        recorded = next((d for d in self.medication.doses if d.from_date == day), None)
        if recorded is None:
            return True
        new = self.dose()
        same = (recorded.dose, recorded.unit, recorded.frequency)
        if same == (new.dose, new.unit, new.frequency):
            self.fail(
                f"{self.medication.name} {dose_text(recorded)} is already recorded from "
                f"{day.isoformat()}; nothing to change."
            )
            return False
        when = "today's" if day == date.today() else f"the {day.isoformat()}"
        answer = QMessageBox.question(
            self,
            "Replace a recorded dose?",
            f"Replace {when} {dose_text(recorded)} of {self.medication.name} with "
            f"{dose_text(new)}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def problem(self) -> str | None:
        found = super().problem()
        if found:
            return found
        start = self.from_date.value()  # a valid date: checked by super().problem()
        if start is not None and start < self.medication.started_on:
            return (
                f"{self.medication.name} started on "
                f"{self.medication.started_on.isoformat()}; a dose change cannot be "
                "before that."
            )
        try:
            self.dose()
        except ValueParseError as error:
            return str(error)
        return None


class StopDialog(_FormDialog):
    unsaved_what = "the stop date"

    def __init__(self, medication: Medication, parent=None):
        super().__init__(f"Stop {medication.name}", parent)
        self.medication = medication
        self.on = DateField(date.today(), kind="medication stop")
        self.reason = QLineEdit()
        self.reason.setPlaceholderText("optional, e.g. no response, tremor")
        room_for_hint(self.reason)
        self.form.addRow("&Stopped on:", self.on)
        self.form.addRow("&Reason:", self.reason)
        self.finish_layout()

    def snapshot(self) -> tuple:
        return (self.on.text(), self.reason.text())

    def dates(self) -> tuple[DateField, ...]:
        return (self.on,)

    def problem(self) -> str | None:
        found = super().problem()
        if found:
            return found
        stop = self.on.value()  # a valid date: checked by super().problem()
        if stop is not None and stop < self.medication.started_on:
            return (
                f"{self.medication.name} started on "
                f"{self.medication.started_on.isoformat()}; it cannot stop before that."
            )
        return None

    def stopped_on(self) -> date:
        return self.on.value() or date.today()

    def note(self) -> str | None:
        """The medication's note with the reason for stopping added."""
        return note_with_stop_reason(self.medication.note, self.reason.text())


class EventDialog(_FormDialog):
    unsaved_what = "this event"

    def __init__(self, parent=None, event: Event | None = None):
        super().__init__("Edit event" if event else "Add event", parent)
        self.event_id = event.id if event else None
        self.kind = QComboBox()
        for kind in EventKind:
            self.kind.addItem(kind.label, kind.value)
        self.day = DateField(event.occurred_on if event else date.today(), kind="event")
        self.has_end = QCheckBox("&Lasted until:")
        self.end = DateField(event.ended_on if event else None, kind="event", optional=True)
        self.end.setAccessibleName("Last day of the event")
        self.title = QLineEdit(event.title if event else "")
        self.title.setPlaceholderText("e.g. UC-MSC infusion, rheumatology visit")
        room_for_hint(self.title)
        self.note = QPlainTextEdit(event.note if event and event.note else "")
        self.note.setTabChangesFocus(True)
        self.note.setAccessibleName("Note")
        if event:
            self.kind.setCurrentIndex(self.kind.findData(event.kind.value))
            self.has_end.setChecked(event.ended_on is not None)
        self.end.setEnabled(self.has_end.isChecked())
        self.has_end.toggled.connect(self.end.setEnabled)
        self.form.addRow("&Kind:", self.kind)
        self.form.addRow("&Date:", self.day)
        self.form.addRow(self.has_end, self.end)
        self.form.addRow("&What:", self.title)
        self.form.addRow("&Note:", self.note)
        self.finish_layout()

    def snapshot(self) -> tuple:
        return (
            self.kind.currentIndex(),
            self.day.text(),
            self.has_end.isChecked(),
            self.end.text(),
            self.title.text(),
            self.note.toPlainText(),
        )

    def dates(self) -> tuple[DateField, ...]:
        return (self.day, self.end)

    def current_event(self) -> Event:
        end = self.end.value() if self.has_end.isChecked() else None
        return Event(
            self.event_id,
            self.day.value() or date.today(),
            EventKind(self.kind.currentData()),
            self.title.text(),
            self.note.toPlainText() or None,
            end,
        )

    def problem(self) -> str | None:
        found = super().problem()
        if found:
            return found
        if self.has_end.isChecked() and self.end.value() is None:
            return 'Enter the last day, or untick "Lasted until".'
        event = self.current_event()
        if event.ended_on is not None and event.ended_on < event.occurred_on:
            return "The end date is before the start date."
        return None
