"""The lab-results history: a sortable table filtered by marker and date range, with edit
and delete (both undoable through the window's undo stack).

The results are read in a background task on the task's own connection (30 years of
results take 0.05-0.2 s to read): the page says it is loading meanwhile, and the latest
request wins (a request during a read reads again once it is done; an earlier read is
never shown over a later one)."""

from __future__ import annotations

from collections.abc import Sequence
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
from lupus_tracker.ui.filter_bar import FilterBar
from lupus_tracker.ui.sort_arrows import point_the_way
from lupus_tracker.ui.table_model import RECORD_ROLE, Column, RecordTableModel
from lupus_tracker.ui.tasks import describe, run_task


def _unit_label(r: LabResult) -> str:
    return unit_display(r.marker, r.unit)


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
    Column("Lab range", lambda r: r.ref_range or ""),
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
        self._running = self._dirty = False
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
        for widget in (self.count, change, delete):
            self.filters.row.addWidget(widget)
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.table)

    def set_repository(self, repo) -> None:
        self.repo = repo
        self.refresh()

    @property
    def busy(self) -> bool:
        """A read is running (its rows are not shown yet)."""
        return self._running

    def refresh(self) -> None:
        """Read the results again, in the background; the latest request wins."""
        self._dirty = True
        if not self._running:
            self._start()

    def _start(self) -> None:
        self._dirty = False
        self._running = True
        key = self.marker.currentData()
        since, until = self.filters.period()
        markers = [key] if key else None
        self.count.setText("Loading…")
        run_task(
            self.repo.db.path,
            lambda own: own.results.all(markers=markers, since=since, until=until),
            lambda results: self._loaded(results, bool(key)),
            self._failed,
            name="lab results",
            owner=self,
        )

    def _loaded(self, results: Sequence[LabResult], one_marker: bool) -> None:
        self._running = False
        if self._dirty:  # the filter, the data or the file changed meanwhile: read again
            self._start()
            return
        self.show_results(results, one_marker)

    def _failed(self, error: BaseException) -> None:
        self._running = False
        if self._dirty:
            self._start()
            return
        self.count.setText(f"Could not read the lab results. {describe(error)}")

    def show_results(self, results: Sequence[LabResult], one_marker: bool = False) -> None:
        """Fill the table (GUI thread; the rows were read in the background). The table
        keeps its sort column and order."""
        self.model.set_records(results)
        self.count.setText(
            f"{len(results)} results"
            if results or one_marker
            else "No lab results yet: Edit › Add lab report (Ctrl+L) adds the first report."
        )
        if results and not self._sized:
            self.table.resizeColumnsToContents()  # samples the first rows only: cheap
            self._sized = True

    def selected(self) -> LabResult | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RECORD_ROLE) if rows else None

    def _emit(self, signal) -> None:
        record = self.selected()
        if record is not None:
            signal.emit(record)
