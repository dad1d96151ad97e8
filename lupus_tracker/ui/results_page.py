"""The lab-results history: a sortable table filtered by marker and date range, with edit
and delete (both undoable through the window's undo stack)."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lupus_tracker.domain.catalog import MARKERS, get_marker, unit_display
from lupus_tracker.domain.egfr import result_name
from lupus_tracker.domain.records import LabResult
from lupus_tracker.domain.wording import range_text
from lupus_tracker.store.results_repo import measured
from lupus_tracker.ui.filter_bar import FilterBar
from lupus_tracker.ui.sort_arrows import point_the_way
from lupus_tracker.ui.table_model import RECORD_ROLE, Column, RecordTableModel


def _unit_label(r: LabResult) -> str:
    return unit_display(r.marker, r.unit)


def _range_label(r: LabResult) -> str:
    """The lab's range, else the usual one marked so, as ``list`` shows it (a computed
    eGFR reads ">=60 (usual range)", never an empty cell)."""
    m = measured(r)
    return (r.ref_range or "") if m is None else range_text(m)


RESULT_COLUMNS = (
    Column(
        "Date",
        lambda r: r.taken_on.isoformat(),
        sort_key=lambda r: f"{r.taken_on.isoformat()} {r.taken_at or ''}",
    ),
    Column("Time", lambda r: r.taken_at or ""),  # as the source gave it; else empty
    Column("Marker", lambda r: result_name(get_marker(r.marker), r.assay, short=True)),
    Column(
        "Value", lambda r: r.value_text, sort_key=lambda r: r.base_value or 0.0, align_right=True
    ),
    Column("Unit", _unit_label),
    Column("Lab range", _range_label),
    Column("Lab", lambda r: r.lab or ""),
    Column("Assay", lambda r: r.assay or ""),
    Column("Note", lambda r: " ".join(filter(None, (r.pattern, r.note)))),
    Column("Source", lambda r: r.source.value),
)


class ResultsPage(QWidget):
    edit_requested = Signal(object)  # LabResult
    delete_requested = Signal(object)  # LabResult

    def __init__(self, repo, parent=None):
        super().__init__(parent)
        self.repo = repo
        # The model sorts itself (one key per row, not data() per comparison): 30 years
        # of results sort well within 100 ms; the marker and dates filter in SQLite.
        self.model = RecordTableModel(RESULT_COLUMNS, self)
        self.table = QTableView()
        self.table.setAccessibleName("Lab results (Enter edits, Delete deletes)")
        self.table.setModel(self.model)
        point_the_way(self.table.horizontalHeader())  # ▲ oldest first, ▼ newest first
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self._sized = False
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _: self._emit(self.edit_requested))
        for keys, signal in (  # Enter opens the selected row, like a double-click
            (QKeySequence("Return"), self.edit_requested),
            (QKeySequence("Enter"), self.edit_requested),
            # on the table only: the Delete button's own shortcut acted in the filters too
            (QKeySequence(QKeySequence.StandardKey.Delete), self.delete_requested),
        ):
            key = QShortcut(keys, self.table)
            key.setContext(Qt.ShortcutContext.WidgetShortcut)  # context= was ignored
            key.activated.connect(lambda s=signal: self._emit(s))
        self.filters = FilterBar(("Mar&ker:", "F&rom:", "&To:"), "All markers", date(2000, 1, 1))
        self.marker, self.since, self.until = (
            self.filters.choice,
            self.filters.since,
            self.filters.until,
        )
        for m in MARKERS:
            self.marker.addItem(m.name, m.key)
        self.filters.changed.connect(self.refresh)
        change = QPushButton("Edit…")
        change.clicked.connect(lambda: self._emit(self.edit_requested))
        delete = QPushButton("Delete")
        delete.setToolTip("Delete the selected result (Delete in the table)")
        delete.clicked.connect(lambda: self._emit(self.delete_requested))
        self.count = QLabel()
        self.count.setAccessibleName("Results shown")
        # The period hides older (or later) results: say how many, and show them all.
        self.show_all_button = QPushButton("Sho&w every result")
        self.show_all_button.setAccessibleName("Show every result")
        self.show_all_button.setToolTip("Widen From and To to the first and last result")
        self.show_all_button.clicked.connect(self.show_every_result)
        self.show_all_button.hide()
        for widget in (self.count, self.show_all_button, change, delete):
            self.filters.row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.table)

    def set_repository(self, repo) -> None:
        self.repo = repo
        self.refresh()

    def refresh(self) -> None:
        key = self.marker.currentData()
        since, until = self.filters.period()
        markers = [key] if key else None
        results = self.repo.results.all(markers=markers, since=since, until=until)
        total = len(self.repo.results.all(markers=markers))  # read once, cached by the store
        self.model.set_records(results)
        if not total and not key:
            text = "No lab results yet: Edit › Add lab report (Ctrl+L) adds the first report."
        elif len(results) < total:
            text = f"{len(results)} of {total} results"  # the button says how to see them
        else:
            text = f"{len(results)} results"
        self.count.setText(text)
        self.show_all_button.setVisible(len(results) < total)
        if results and not self._sized:
            self.table.resizeColumnsToContents()  # samples the first rows only: cheap
            self._sized = True

    def show_every_result(self) -> None:
        """Widen the period to the first and last result of the chosen marker (all markers:
        every result), through the filter bar, as the symptom history does."""
        key = self.marker.currentData()
        every = self.repo.results.all(markers=[key] if key else None)
        if every:
            self.filters.show_span(every[0].taken_on, every[-1].taken_on)

    def selected(self) -> LabResult | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RECORD_ROLE) if rows else None

    def _emit(self, signal) -> None:
        record = self.selected()
        if record is not None:
            signal.emit(record)
