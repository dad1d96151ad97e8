"""The filter bar over a history table: one choice (a marker, a symptom) and a date range,
each with its labelled, keyboard-reachable field. The lab results and the symptom history
use the same bar; a page adds its own count and buttons after it."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QWidget

from lupus_tracker.ui.date_field import DateField


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
        self.since = DateField(since, kind="period start")
        self.until = DateField(date.today(), kind="period end")
        for edit in (self.since, self.until):
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

    def show_span(self, first: date, last: date, *, every_choice: bool = False) -> None:
        """Widen the dates to ``first`` .. ``last`` (never ending before today), and with
        ``every_choice`` go back to the "All ..." item: one ``changed``, not one per field.
        The lab results and the symptom history show every row through this."""
        widgets = (self.since, self.until, self.choice)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            self.since.set_value(first)
            self.until.set_value(max(last, date.today()))
            if every_choice:
                self.choice.setCurrentIndex(0)
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self.changed.emit()

    def period(self) -> tuple[date, date]:
        """The chosen dates (``since``, ``until``); a field showing a problem keeps its last
        readable date until it is fixed (the field is marked meanwhile)."""
        since, until = self.since.last_valid(), self.until.last_valid()
        assert since is not None and until is not None  # both open with a date
        return since, until
