"""The filter bar over a history table: one choice (a marker, a symptom) and a date range,
each with its labelled, keyboard-reachable field. The lab results and the symptom history
use the same bar; a page adds its own count and buttons after it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDateEdit, QHBoxLayout, QLabel, QWidget

from lupus_tracker.ui.lab_dialog import pydate, qdate


class FilterBar(QWidget):
    """``choice`` with its "All ..." first item, ``since`` and ``until``; ``changed`` is
    emitted when any of them changes (not while the choice's signals are blocked)."""

    changed = Signal()

    def __init__(
        self,
        labels: tuple[str, str, str],
        all_text: str,
        since: date,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.choice = QComboBox()
        self.choice.addItem(all_text, None)
        self.since = QDateEdit(qdate(since))
        self.until = QDateEdit(qdate(date.today()))
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self.changed)
        self.choice.currentIndexChanged.connect(self.changed)
        self.row = QHBoxLayout(self)
        self.row.setContentsMargins(0, 0, 0, 0)
        for label, widget in zip(labels, (self.choice, self.since, self.until), strict=True):
            text = QLabel(label)
            text.setBuddy(widget)
            self.row.addWidget(text)
            self.row.addWidget(widget)
        self.row.addStretch(1)

    def period(self) -> tuple[date, date]:
        """The chosen dates (``since``, ``until``)."""
        return pydate(self.since.date()), pydate(self.until.date())
