"""One dialog for one lab report, entered the way it is printed: date, lab, then any number
of markers with the value as printed, the unit, and the report's own reference range.

Every row is checked as it is typed (the same ``interpret`` the store uses); a row that
cannot be saved says why, inline, and nothing is saved until every row is valid.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lupus_tracker.domain.catalog import MARKERS, get_marker
from lupus_tracker.domain.entry import check_entry
from lupus_tracker.domain.records import InvalidEntryError, LabEntry

ERROR_STYLE = "color: #a40000;"


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class MarkerRow:
    """The widgets of one marker line and its inline check."""

    def __init__(self, dialog: LabReportDialog, grid: QGridLayout, row: int):
        self.dialog = dialog
        self.marker = QComboBox()
        for m in MARKERS:
            self.marker.addItem(f"{m.label} — {m.name}" if m.label != m.name else m.name, m.key)
        self.value = QLineEdit()
        self.value.setPlaceholderText("as printed, e.g. <0.5")
        self.unit = QComboBox()
        self.range = QLineEdit()
        self.range.setPlaceholderText("e.g. 0.9-1.8 or <30")
        self.assay = QLineEdit()
        self.assay.setPlaceholderText("assay (optional)")
        self.pattern = QLineEdit()
        self.pattern.setPlaceholderText("ANA pattern")
        self.remove = QPushButton("Remove")
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        widgets = (self.marker, self.value, self.unit, self.range, self.assay, self.pattern,
                   self.remove)
        for column, widget in enumerate(widgets):
            grid.addWidget(widget, row * 2 + 1, column)
        grid.addWidget(self.error, row * 2 + 2, 0, 1, len(widgets))
        self.error.hide()
        self.marker.currentIndexChanged.connect(self._marker_changed)
        for edit in (self.value, self.range, self.assay, self.pattern):
            edit.textChanged.connect(self.check)
        self.unit.currentIndexChanged.connect(self.check)
        self.remove.clicked.connect(lambda: dialog.remove_row(self))
        self._marker_changed()

    def widgets(self) -> tuple[QWidget, ...]:
        return (self.marker, self.value, self.unit, self.range, self.assay, self.pattern,
                self.remove, self.error)

    def _marker_changed(self) -> None:
        marker = get_marker(self.marker.currentData())
        self.unit.blockSignals(True)
        self.unit.clear()
        preferred = self.dialog.repo.settings.preferred_unit(marker)
        for unit in marker.units.units:
            self.unit.addItem(unit.label, unit.code)
        self.unit.setCurrentIndex(max(self.unit.findData(preferred.code), 0))
        self.unit.blockSignals(False)
        self.pattern.setEnabled(marker.key == "ana")
        self.check()

    def is_blank(self) -> bool:
        return not self.value.text().strip()

    def entry(self, day: date, lab: str) -> LabEntry:
        value = self.value.text()
        unit = None if ":" in value else self.unit.currentData()  # a titer 1:N has no unit
        return LabEntry(day, self.marker.currentData(), value, unit, self.range.text() or None,
                        lab or None, self.assay.text() or None, self.pattern.text() or None)

    def check(self) -> bool:
        """Check this row now; show the reason inline. Blank rows are ignored."""
        if self.is_blank():
            self._show_error("")
            return True
        try:
            check_entry(self.entry(self.dialog.day(), self.dialog.lab.text()),
                        self.dialog.sex)
        except InvalidEntryError as error:
            self._show_error(str(error))
            return False
        self._show_error("")
        return True

    def _show_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))
        self.value.setStyleSheet("border: 1px solid #a40000;" if message else "")


class LabReportDialog(QDialog):
    """Collects entries; the caller saves them in one transaction (``entries()``)."""

    def __init__(self, repo, parent=None, day: date | None = None):
        super().__init__(parent)
        self.repo = repo
        self.sex = repo.profile.get().sex
        self.setWindowTitle("Add lab report")
        self.date = QDateEdit(qdate(day or date.today()))
        self.date.setCalendarPopup(True)
        self.date.setDisplayFormat("yyyy-MM-dd")
        self.date.setMaximumDate(qdate(date.today()))
        self.lab = QLineEdit()
        self.lab.setPlaceholderText("laboratory name (optional)")
        form = QFormLayout()
        form.addRow("&Date:", self.date)
        form.addRow("&Lab:", self.lab)
        self.rows_host = QWidget()
        host_layout = QVBoxLayout(self.rows_host)
        self.rows_layout = QGridLayout()
        host_layout.addLayout(self.rows_layout)
        host_layout.addStretch(1)
        headers = ("Marker", "Value as printed", "Unit", "Reference range", "Assay",
                   "Pattern", "")
        for column, text in enumerate(headers):
            self.rows_layout.addWidget(QLabel(f"<b>{text}</b>"), 0, column)
        self.rows: list[MarkerRow] = []
        self._next_row = 0
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.rows_host)
        add = QPushButton("&Add another marker")
        add.clicked.connect(self.add_row)
        self.summary = QLabel()
        self.summary.setStyleSheet(ERROR_STYLE)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save_if_valid)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setDefault(True)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(scroll, 1)
        layout.addWidget(add, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.summary)
        layout.addWidget(buttons)
        self.date.dateChanged.connect(self._recheck)
        self.lab.textChanged.connect(self._recheck)
        for _ in range(3):
            self.add_row()
        self.resize(1000, 460)

    def day(self) -> date:
        return pydate(self.date.date())

    def add_row(self) -> MarkerRow:
        row = MarkerRow(self, self.rows_layout, self._next_row)
        self._next_row += 1
        self.rows.append(row)
        row.marker.setFocus()
        return row

    def remove_row(self, row: MarkerRow) -> None:
        self.rows.remove(row)
        for widget in row.widgets():
            widget.hide()
            widget.deleteLater()

    def _recheck(self) -> None:
        for row in self.rows:
            row.check()

    def entries(self) -> list[LabEntry]:
        return [row.entry(self.day(), self.lab.text()) for row in self.rows if not row.is_blank()]

    def save_if_valid(self) -> None:
        """Accept the dialog when every row is valid; otherwise say what to fix."""
        invalid = [row for row in self.rows if not row.check()]
        if invalid:
            self.summary.setText(f"{len(invalid)} row(s) need fixing before saving; "
                                 "nothing was saved.")
            invalid[0].value.setFocus()
            return
        if not self.entries():
            self.summary.setText("Enter at least one value.")
            return
        self.accept()
