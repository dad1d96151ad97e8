"""Medications (with dose history) and events, as two tables with their actions. The page
only asks; the window carries out each change and records its undo."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lupus_tracker.domain.dosing import dose_text
from lupus_tracker.domain.records import Medication
from lupus_tracker.ui.screen import fit_columns
from lupus_tracker.ui.sort_arrows import point_the_way
from lupus_tracker.ui.table_model import RECORD_ROLE, Column, RecordTableModel


def history_text(med: Medication) -> str:
    """One line per dose step, newest first (a taper reads top to bottom)."""
    return (
        "\n".join(f"from {d.from_date.isoformat()}: {dose_text(d)}" for d in reversed(med.doses))
        or "—"
    )


def status_text(med: Medication) -> str:
    if med.stopped_on is None:
        return "taking"
    return f"stopped {med.stopped_on.isoformat()}"


def medication_order(med: Medication) -> tuple:
    """Medications being taken first (by name), then stopped ones, latest stop first."""
    if med.stopped_on is None:
        return (0, med.name.casefold())
    return (1, -med.stopped_on.toordinal(), med.name.casefold())


MEDICATION_COLUMNS = (
    Column("Medication", lambda m: m.name),
    Column("Status", status_text),
    Column(
        "Current dose",
        lambda m: dose_text(m.dose_on(date.today())) if m.active_on(date.today()) else "—",
    ),
    Column("Started", lambda m: m.started_on.isoformat()),
    Column("Note (and why stopped)", lambda m: m.note or ""),
    Column("Dose history", history_text),
)
EVENT_COLUMNS = (
    Column("Date", lambda e: e.occurred_on.isoformat()),
    Column("Kind", lambda e: e.kind.label),
    Column("What", lambda e: e.title or ""),
    Column("Until", lambda e: e.ended_on.isoformat() if e.ended_on else ""),
    Column("Note", lambda e: e.note or ""),
)


def _table(model: RecordTableModel, parent: QWidget) -> QTableView:
    table = QTableView(parent)
    table.setModel(model)  # the model sorts itself: one key per row, never data() per comparison
    point_the_way(table.horizontalHeader())  # ▲ oldest first, ▼ newest first
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.setWordWrap(True)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    header.setStretchLastSection(True)
    table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    # A header and at least two rows of two lines, whatever the font: the splitter never
    # squeezes a table to one cut-off row (150 % with a 16 pt font).
    line = table.fontMetrics().height()
    table.setMinimumHeight((line + 10) + 2 * (2 * line + 8) + 2 * table.frameWidth())
    return table


def _fit_columns(table: QTableView, widest: int = 300) -> None:
    """Columns as wide as their text, but none wider than ``widest`` (text wraps)."""
    fit_columns(table, widest, last=False)
    table.resizeRowsToContents()


def _selected(table: QTableView):
    rows = table.selectionModel().selectedRows()
    return rows[0].data(RECORD_ROLE) if rows else None


class TreatmentsPage(QWidget):
    add_medication = Signal()
    change_dose = Signal(object)
    stop_medication = Signal(object)
    delete_medication = Signal(object)
    add_event = Signal()
    edit_event = Signal(object)
    delete_event = Signal(object)

    def __init__(self, repo, parent=None):
        super().__init__(parent)
        self.repo = repo
        self.meds_model = RecordTableModel(MEDICATION_COLUMNS, self)
        self.events_model = RecordTableModel(EVENT_COLUMNS, self)
        self.meds = _table(self.meds_model, self)
        self.events = _table(self.events_model, self)
        self.meds.setAccessibleName("Medications")
        self.events.setAccessibleName("Events")
        self.events.doubleClicked.connect(lambda _: self._ask(self.edit_event, self.events))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(
            self._box(
                "<h3>Medications</h3>",
                self.meds,
                (
                    ("&Add medication…", lambda: self.add_medication.emit()),
                    ("Chan&ge dose…", lambda: self._ask(self.change_dose, self.meds)),
                    ("S&top…", lambda: self._ask(self.stop_medication, self.meds)),
                    ("Delete medication", lambda: self._ask(self.delete_medication, self.meds)),
                ),
            )
        )
        splitter.addWidget(
            self._box(
                "<h3>Events</h3>",
                self.events,
                (
                    ("Add e&vent…", lambda: self.add_event.emit()),
                    ("Edit event…", lambda: self._ask(self.edit_event, self.events)),
                    ("Delete event", lambda: self._ask(self.delete_event, self.events)),
                ),
            )
        )
        self.empty = QLabel(
            "Nothing recorded yet. Add a medication you take with "
            "<b>Add medication</b> (Ctrl+M), and flares, infusions, hospital "
            "stays, visits or eye exams with <b>Add event</b> (Ctrl+E)."
        )
        self.empty.setWordWrap(True)
        self.empty.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(splitter)

    def _box(self, title: str, table: QTableView, actions) -> QWidget:
        box = QWidget()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(title))
        bar.addStretch(1)
        for label, slot in actions:
            button = QPushButton(label)
            button.clicked.connect(slot)
            bar.addWidget(button)
        layout = QVBoxLayout(box)
        layout.addLayout(bar)
        layout.addWidget(table)
        return box

    def _ask(self, signal, table: QTableView) -> None:
        record = _selected(table)
        if record is not None:
            signal.emit(record)

    def set_repository(self, repo) -> None:
        self.repo = repo
        self.refresh()

    def refresh(self) -> None:
        self.meds_model.set_records(sorted(self.repo.treatments.all(), key=medication_order))
        self.events_model.set_records(self.repo.events.all())
        self.empty.setVisible(not self.meds_model.records and not self.events_model.records)
        self.meds.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # keep the order above
        _fit_columns(self.meds)
        _fit_columns(self.events)
