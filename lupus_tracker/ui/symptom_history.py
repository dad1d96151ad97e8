"""The symptom history: every logged entry, sortable, filtered by symptom and dates;
double-click opens that day in the diary (where it can be changed, with undo). A day's
photos show as thumbnails below the table."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QByteArray, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QIcon, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from lupus_tracker.domain.symptoms import SYMPTOMS, get_symptom
from lupus_tracker.ui.lab_dialog import pydate, qdate
from lupus_tracker.ui.table_model import RECORD_ROLE, SORT_ROLE, Column, RecordTableModel

COLUMNS = (
    Column("Date", lambda e: e.day.isoformat()),
    Column("Symptom", lambda e: get_symptom(e.symptom).name),
    Column("Severity (0-10)", lambda e: str(e.severity), sort_key=lambda e: e.severity,
           align_right=True),
    Column("Location", lambda e: e.location or ""),
    Column("Note", lambda e: e.note or ""),
)


class SymptomHistoryPage(QWidget):
    open_day = Signal(object)  # date

    def __init__(self, repo, parent=None):
        super().__init__(parent)
        self.repo = repo
        self.model = RecordTableModel(COLUMNS, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView()
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(self._open)
        self.table.clicked.connect(self._show_photos)
        self.symptom = QComboBox()
        self.symptom.addItem("All symptoms", None)
        for s in SYMPTOMS:
            self.symptom.addItem(s.name, s.key)
        self.since = QDateEdit(qdate(date.today().replace(day=1)))
        self.until = QDateEdit(qdate(date.today()))
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self.refresh)
        self.symptom.currentIndexChanged.connect(self.refresh)
        self.count = QLabel()
        self.photos = QListWidget()
        self.photos.setViewMode(QListWidget.ViewMode.IconMode)
        self.photos.setIconSize(QPixmap(96, 96).size())
        self.photos.setMaximumHeight(130)
        bar = QHBoxLayout()
        for label, widget in (("Symp&tom:", self.symptom), ("F&rom:", self.since),
                              ("T&o:", self.until)):
            text = QLabel(label)
            text.setBuddy(widget)
            bar.addWidget(text)
            bar.addWidget(widget)
        bar.addStretch(1)
        bar.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel("Photos of the selected day (double-click a row to edit "
                                "that day):"))
        layout.addWidget(self.photos)

    def set_repository(self, repo) -> None:
        self.repo = repo
        self.refresh()

    def refresh(self) -> None:
        key = self.symptom.currentData()
        entries = self.repo.diary.symptoms(pydate(self.since.date()), pydate(self.until.date()))
        if key:
            entries = [e for e in entries if e.symptom == key]
        self.model.set_records(entries)
        self.count.setText(f"{len(entries)} entries")

    def _open(self, index) -> None:
        entry = self.proxy.index(index.row(), 0).data(RECORD_ROLE)
        if entry is not None:
            self.open_day.emit(entry.day)

    def _show_photos(self, index) -> None:
        entry = self.proxy.index(index.row(), 0).data(RECORD_ROLE)
        self.photos.clear()
        if entry is None:
            return
        for photo in self.repo.photos.all(entry.day, entry.day):
            image = QPixmap()
            image.loadFromData(QByteArray(photo.thumbnail or photo.data))
            item = QListWidgetItem(QIcon(image), photo.caption or "")
            item.setData(Qt.ItemDataRole.UserRole, photo.id)
            self.photos.addItem(item)
