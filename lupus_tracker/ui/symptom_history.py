"""The symptom history: every logged entry, sortable, filtered by symptom and dates;
double-click opens that day in the diary (where it can be changed, with undo). A day's
photos show as thumbnails below the table.

Thirty years are about 110,000 rows: they are read in a background task
(:mod:`lupus_tracker.ui.tasks`) into NumPy arrays, and sorting permutes those arrays
(:class:`ArrayTableModel`), so no sort or filter freezes the window.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lupus_tracker.domain.symptoms import get_symptom
from lupus_tracker.ui.filter_bar import FilterBar
from lupus_tracker.ui.screen import fit_columns
from lupus_tracker.ui.sort_arrows import point_the_way
from lupus_tracker.ui.table_model import ArrayColumn, ArrayTableModel
from lupus_tracker.ui.tasks import describe, run_task

if TYPE_CHECKING:
    import numpy as np

TEXT_COLUMNS = ("name", "location", "body_site", "note")
COLUMNS = (
    ArrayColumn("Date", "day"),
    ArrayColumn("Symptom", "name", sort_by="name:rank"),
    ArrayColumn("Severity (0-10)", "severity", align_right=True),
    ArrayColumn("Kind of rash", "location", sort_by="location:rank"),
    ArrayColumn("Where on the body", "body_site", sort_by="body_site:rank"),
    ArrayColumn("Note", "note", sort_by="note:rank"),
)


def _ranks(values) -> np.ndarray:
    """Each value's rank among the distinct values, sorted (0 for the smallest)."""
    import numpy as np

    rank = {value: index for index, value in enumerate(sorted(set(values)))}
    return np.fromiter((rank[value] for value in values), dtype=np.int64, count=len(values))


def with_sort_keys(arrays: dict) -> dict:
    """Add each text column's sort key: the rank of each text among the distinct texts,
    computed in the worker so that a sort on the GUI thread is one integer argsort."""
    for name in TEXT_COLUMNS:
        arrays[f"{name}:rank"] = _ranks(arrays[name])
    return arrays


def load_history(repo, since: date, until: date, symptom: str | None) -> dict:
    """The entries of the period (one symptom or all) as NumPy arrays (a worker's job),
    read as columns (no record per entry; one symptom filtered by SQLite). Texts are
    object arrays sharing the few distinct strings, not fixed-width copies."""
    import numpy as np

    read = repo.diary.symptom_columns(since, until, symptom or None)
    keys = read["symptom"]
    names = {key: get_symptom(key).name for key in set(keys)}

    def texts(values) -> np.ndarray:
        array = np.empty(len(keys), dtype=object)
        array[:] = values
        return array

    return with_sort_keys(
        {
            "day": np.array(read.pop("day"), dtype="U10"),
            "symptom": texts(keys),
            "name": texts([names[key] for key in keys]),
            "severity": np.array(read.pop("severity"), dtype=np.int64),
            "location": texts([text or "" for text in read.pop("location")]),
            "body_site": texts([text or "" for text in read.pop("body_site")]),
            "note": texts([text or "" for text in read.pop("note")]),
        }
    )


class SymptomHistoryPage(QWidget):
    """Emits ``open_day(date)`` to edit a day and ``log_today()`` from the empty state."""

    open_day = Signal(object)  # date
    log_today = Signal()

    def __init__(self, repo, parent=None):
        super().__init__(parent)
        self.repo = repo
        self._running = False
        self._dirty = False
        self.model = ArrayTableModel(COLUMNS, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Symptom entries")
        point_the_way(self.table.horizontalHeader())  # ▲ oldest first, ▼ newest first
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        header = self.table.horizontalHeader()
        for column in range(len(COLUMNS) - 1):  # every heading readable in full
            header.resizeSection(column, max(header.sectionSizeHint(column) + 16, 100))
        self.table.doubleClicked.connect(self._open)
        # The current row, however it was reached (click, arrow keys, Page Down), shows
        # its day's photos: a click-only update left the pane empty by keyboard.
        self.table.selectionModel().currentRowChanged.connect(
            lambda current, _previous: self._show_photos(current)
        )
        self.filters = FilterBar(
            ("Symp&tom:", "F&rom:", "T&o:"), "All symptoms", date.today().replace(day=1)
        )
        self.symptom, self.since, self.until = (
            self.filters.choice,
            self.filters.since,
            self.filters.until,
        )
        self.symptom.setAccessibleName("Symptom to show")
        self._fill_symptoms()
        self.filters.changed.connect(self.refresh)
        self.count = QLabel()
        self.count.setWordWrap(True)  # a long "no entries" line wraps, never widens the page
        self.photos = QListWidget()
        self.photos.setAccessibleName("Photos of the selected day")
        self.photos.setViewMode(QListWidget.ViewMode.IconMode)
        self.photos.setIconSize(QPixmap(96, 96).size())
        self.photos.setMaximumHeight(130)
        self.filters.row.addWidget(self.count)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self._empty_state())
        layout = QVBoxLayout(self)
        layout.addWidget(self.filters)
        layout.addWidget(self.stack, 1)
        layout.addWidget(
            QLabel("Photos of the selected day (double-click a row to edit that day):")
        )
        layout.addWidget(self.photos)

    def _empty_state(self) -> QWidget:
        """What shows instead of an empty table: what to do first, and a button for it."""
        panel = QWidget()
        self.empty_text = QLabel()
        self.empty_text.setWordWrap(True)
        self.empty_text.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_text.setAccessibleName("No symptom entries")
        self.empty_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.log_button = QPushButton("Lo&g today's symptoms")
        self.log_button.setAccessibleName("Log today's symptoms")
        self.log_button.clicked.connect(self.log_today)
        self.show_all_button = QPushButton("Sho&w every entry")
        self.show_all_button.setAccessibleName("Show every entry")
        self.show_all_button.clicked.connect(self.show_every_entry)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.log_button)
        buttons.addWidget(self.show_all_button)
        buttons.addStretch(1)
        column = QVBoxLayout(panel)
        column.addStretch(1)
        column.addWidget(self.empty_text)
        column.addLayout(buttons)
        column.addStretch(2)
        return panel

    def show_every_entry(self) -> None:
        """Widen the period to every logged day and all symptoms."""
        span = self.repo.diary.span()
        if span is not None:
            self.filters.show_span(*span, every_choice=True)  # refreshes once

    def _show_empty(self, count: int) -> None:
        """The table when there are entries; otherwise say why there are none and what to
        do first (never a blank table)."""
        if count:
            self.stack.setCurrentIndex(0)
            return
        span = self.repo.diary.span()
        if span is None:
            self.empty_text.setText(
                "<p style='font-size: large'><b>No symptoms logged yet.</b></p>"
                "<p>Log how you feel on the Symptoms page (Ctrl+D): a severity from 0 to 10 "
                "for fatigue, joint pain, rash and any symptom of your own. Each day you "
                "log is listed here, to sort, filter and open again.</p>"
            )
        else:
            what = self.symptom.currentText().lower() if self.symptom.currentData() else "symptom"
            self.empty_text.setText(
                f"<p style='font-size: large'><b>No {what} entries in this period.</b></p>"
                f"<p>Your entries run from {span[0].isoformat()} to {span[1].isoformat()}. "
                "Choose other dates above, or show every entry.</p>"
            )
        self.show_all_button.setVisible(span is not None)
        self.stack.setCurrentIndex(1)

    def _fill_symptoms(self) -> None:
        """All symptoms, the built-in ones then the patient's own; the choice stays."""
        chosen = self.symptom.currentData()
        self.symptom.blockSignals(True)
        self.symptom.clear()
        self.symptom.addItem("All symptoms", None)
        for s in self.repo.diary.all_symptoms():
            self.symptom.addItem(s.name, s.key)
        self.symptom.setCurrentIndex(max(self.symptom.findData(chosen), 0))
        self.symptom.blockSignals(False)

    def set_repository(self, repo) -> None:
        self.repo = repo
        self.refresh()

    @property
    def busy(self) -> bool:
        return self._running

    def refresh(self) -> None:
        """Read the entries again (in the background; the latest request wins)."""
        self._dirty = True
        if not self._running:
            self._start()

    def _start(self) -> None:
        self._dirty = False
        self._running = True
        self._fill_symptoms()
        since, until = self.filters.period()
        key = self.symptom.currentData()
        self.count.setText("Loading…")
        run_task(
            self.repo.db.path,
            lambda own: load_history(own, since, until, key),
            self._loaded,
            self._failed,
            name="symptom history",
            owner=self,
        )

    def _loaded(self, arrays: dict) -> None:
        self._running = False
        if self._dirty:
            self._start()
            return
        self.model.set_arrays(arrays)  # keeps the current sort: no second sorting pass
        fit_columns(self.table, 260)  # never narrower than the header ("Severity (0-10)")
        count = len(arrays["day"])
        self.count.setText(f"{count} entries" if count else "No entries in this period.")
        self._show_empty(count)

    def _failed(self, error: BaseException) -> None:
        self._running = False
        if self._dirty:
            self._start()
            return
        self.count.setText(f"Could not read the history. {describe(error)}")

    def day_at(self, row: int) -> date | None:
        if not 0 <= row < self.model.rowCount():
            return None
        return date.fromisoformat(str(self.model.value(row, "day")))

    def _open(self, index) -> None:
        day = self.day_at(index.row())
        if day is not None:
            self.open_day.emit(day)

    def _show_photos(self, index) -> None:
        day = self.day_at(index.row())
        self.photos.clear()
        if day is None:
            return
        for photo in self.repo.photos.all(day, day):
            image = QPixmap()
            image.loadFromData(QByteArray(photo.thumbnail or photo.data))
            item = QListWidgetItem(QIcon(image), photo.caption or "")
            item.setData(Qt.ItemDataRole.UserRole, photo.id)
            self.photos.addItem(item)
