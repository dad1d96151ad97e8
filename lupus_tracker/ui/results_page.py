"""The lab-results history: a sortable table filtered by marker and date range, with edit
and delete (both undoable through the window's undo stack).

The results are read in a background task on the task's own connection (30 years of
results take 0.05-0.2 s to read): the page says it is loading meanwhile, and the latest
request wins (a request during a read reads again once it is done; an earlier read is
never shown over a later one)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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
from lupus_tracker.ui.tasks import describe, run_task


def _unit_label(r: LabResult) -> str:
    return unit_display(r.marker, r.unit)


def _range_label(r: LabResult) -> str:
    """The lab's range, else the usual one marked so, as ``list`` shows it (a computed
    eGFR reads ">=60 (usual range)", never an empty cell)."""
    m = measured(r)
    return (r.ref_range or "") if m is None else range_text(m)


@dataclass(frozen=True)
class Read:
    """One background read: the rows of the period, and how many results the chosen
    marker (or every marker) has in all, with their first and last day."""

    results: Sequence[LabResult]
    total: int
    span: tuple[date, date] | None


def read_results(repo, markers: list[str] | None, since: date, until: date) -> Read:
    """The results of the period and the count and span of all of them (a worker's job;
    one read, the period filtered here as the store filters it)."""
    every = repo.results.all(markers=markers)
    shown = [r for r in every if since <= r.taken_on <= until]
    span = (every[0].taken_on, every[-1].taken_on) if every else None
    return Read(shown, len(every), span)


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
        self.count.setAccessibleName("Results shown")
        # The period hides older (or later) results: say how many, and show them all.
        self._span: tuple[date, date] | None = None
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
            lambda own: read_results(own, markers, since, until),
            lambda read: self._loaded(read, bool(key)),
            self._failed,
            name="lab results",
            owner=self,
        )

    def _loaded(self, read: Read, one_marker: bool) -> None:
        self._running = False
        if self._dirty:  # the filter, the data or the file changed meanwhile: read again
            self._start()
            return
        self._span = read.span
        self.show_results(read.results, one_marker, read.total)

    def _failed(self, error: BaseException) -> None:
        self._running = False
        if self._dirty:
            self._start()
            return
        self.count.setText(f"Could not read the lab results. {describe(error)}")

    def show_results(
        self, results: Sequence[LabResult], one_marker: bool = False, total: int | None = None
    ) -> None:
        """Fill the table (GUI thread; the rows were read in the background). The table
        keeps its sort column and order. With ``total`` (the results outside the period
        too), the count says how many the period hides ("2898 of 3285 results") and the
        "Show every result" button shows them: never a silent part of the file."""
        self.model.set_records(results)
        total = len(results) if total is None else total
        if not total and not one_marker:
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
        if self._span is not None:
            self.filters.show_span(*self._span)

    def selected(self) -> LabResult | None:
        rows = self.table.selectionModel().selectedRows()
        return rows[0].data(RECORD_ROLE) if rows else None

    def _emit(self, signal) -> None:
        record = self.selected()
        if record is not None:
            signal.emit(record)
