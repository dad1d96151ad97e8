"""Medications (with dose history) and events, as two tables with their actions. The page
only asks; the window carries out each change and records its undo."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
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

from lupus_tracker.domain.records import Dose, Medication
from lupus_tracker.domain.values import format_number
from lupus_tracker.ui.table_model import RECORD_ROLE, SORT_ROLE, Column, RecordTableModel


def dose_text(dose: Dose | None) -> str:
    if dose is None:
        return "no dose recorded"
    amount = "" if dose.dose is None else format_number(dose.dose)
    return " ".join(p for p in (amount, dose.unit or "", dose.frequency or "") if p) or "—"


def history_text(med: Medication) -> str:
    return "; ".join(f"{d.from_date.isoformat()}: {dose_text(d)}" for d in med.doses)


MEDICATION_COLUMNS = (
    Column("Medication", lambda m: m.name),
    Column("Current dose", lambda m: dose_text(m.dose_on(date.today()))
           if m.active_on(date.today()) else "stopped"),
    Column("Started", lambda m: m.started_on.isoformat()),
    Column("Stopped", lambda m: m.stopped_on.isoformat() if m.stopped_on else "—"),
    Column("Dose history", history_text),
    Column("Note", lambda m: m.note or ""),
)
EVENT_COLUMNS = (
    Column("Date", lambda e: e.occurred_on.isoformat()),
    Column("Kind", lambda e: e.kind.label),
    Column("What", lambda e: e.title or ""),
    Column("Until", lambda e: e.ended_on.isoformat() if e.ended_on else ""),
    Column("Note", lambda e: e.note or ""),
)


def _table(model: RecordTableModel, parent: QWidget) -> QTableView:
    proxy = QSortFilterProxyModel(parent)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    table = QTableView()
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.verticalHeader().hide()
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    table.horizontalHeader().setStretchLastSection(True)
    return table


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
        self.events.doubleClicked.connect(lambda _: self._ask(self.edit_event, self.events))
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self._box("<h3>Medications</h3>", self.meds, (
            ("&Add medication…", lambda: self.add_medication.emit()),
            ("Chan&ge dose…", lambda: self._ask(self.change_dose, self.meds)),
            ("S&top…", lambda: self._ask(self.stop_medication, self.meds)),
            ("Delete medication", lambda: self._ask(self.delete_medication, self.meds)))))
        splitter.addWidget(self._box("<h3>Events</h3>", self.events, (
            ("Add e&vent…", lambda: self.add_event.emit()),
            ("Edit event…", lambda: self._ask(self.edit_event, self.events)),
            ("Delete event", lambda: self._ask(self.delete_event, self.events)))))
        layout = QVBoxLayout(self)
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
        self.meds_model.set_records(self.repo.treatments.all())
        self.events_model.set_records(self.repo.events.all())
