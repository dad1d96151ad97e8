"""A date field typed as YYYY-MM-DD: one Tab stop, never silently changed.

``QDateEdit`` moved Tab into its year/month/day sections (a dose typed after Tab changed
the start date) and "fixed" impossible dates without a word (2026-13-45 became
2026-01-04). This field keeps exactly what was typed; an impossible, unreadable or
(for a result or symptom) future date is shown as a problem in words, and the form
refuses to save until it is fixed. Alt+Down or the calendar icon opens a calendar.

Every date in the app is this field (no ``QDateEdit``): when it gets focus from the
keyboard (Tab, an Alt+letter, a dialog opening on it) the whole date is selected, so a
typed YYYY-MM-DD replaces it in one go; text that is not a date is shown as a problem
on the field (red border, tooltip, the form's message) and never silently replaced by another date.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QCalendarWidget, QLineEdit, QStyle, QWidget

from lupus_tracker.domain.dates import DateParseError, check_not_future, parse_date
from lupus_tracker.ui import theme


class DateField(QLineEdit):
    """``value()`` is the date or None (blank or invalid); ``problem()`` says what is wrong.

    ``kind`` names what the date is for, as in ``domain.dates.MAY_BE_FUTURE`` ("result",
    "symptom", "dose change", ...): it decides whether a future date is refused.
    ``dateChanged`` carries the new date each time the text becomes a different valid date.
    """

    dateChanged = Signal(object)

    def __init__(
        self,
        day: date | None = None,
        *,
        kind: str = "event",
        optional: bool = False,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.kind = kind
        self.optional = optional
        self.setPlaceholderText("YYYY-MM-DD")
        # No 10-character limit: typing after a full date used to be dropped without a
        # word; now the longer text is shown as a problem and the form refuses it.
        self.setMaxLength(40)
        self._hint = "Type the date as YYYY-MM-DD, e.g. 2026-03-05; Alt+Down opens a calendar."
        self.setToolTip(self._hint)
        if day is not None:
            self.set_value(day)
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView)
        calendar = QAction(icon, "Choose from a calendar", self)
        calendar.triggered.connect(self.open_calendar)
        self.addAction(calendar, QLineEdit.ActionPosition.TrailingPosition)
        # Set apart: the constructor's context= argument was ignored (a window-wide
        # shortcut), so Alt+Down on another field, e.g. the lab's Unit, opened this calendar.
        calendar_keys = QShortcut(QKeySequence("Alt+Down"), self)
        calendar_keys.setContext(Qt.ShortcutContext.WidgetShortcut)
        calendar_keys.activated.connect(self.open_calendar)
        self._calendar: QCalendarWidget | None = None
        self._last_valid: date | None = day
        self.textChanged.connect(self._mark)

    def focusInEvent(self, event) -> None:
        """Select the whole date on keyboard focus so typing replaces it (a click still
        places the cursor where it was clicked)."""
        super().focusInEvent(event)
        if event.reason() != Qt.FocusReason.MouseFocusReason:
            QTimer.singleShot(0, self, self._select_if_focused)  # cancelled if deleted

    def _select_if_focused(self) -> None:
        if self.hasFocus():
            self.selectAll()

    def last_valid(self) -> date | None:
        """The last date the field held without a problem (for filters, which keep
        showing that period while the field is marked)."""
        return self._last_valid

    def set_value(self, day: date | None) -> None:
        self.setText(day.isoformat() if day is not None else "")
        if self.signalsBlocked() and day is not None:
            self._last_valid = day  # set quietly: no dateChanged, but the value is taken

    def value(self) -> date | None:
        """The date typed, or None when it is blank or has a problem."""
        if self.problem() is not None or not self.text().strip():
            return None
        return parse_date(self.text())

    def problem(self) -> str | None:
        text = self.text().strip()
        if not text:
            return None if self.optional else f"Enter the {self.kind} date as YYYY-MM-DD."
        try:
            check_not_future(parse_date(text, what=f"{self.kind} date"), self.kind)
        except DateParseError as error:
            return str(error)
        return None

    def _mark(self) -> None:
        problem = self.problem()
        bad = bool(self.text().strip()) and problem is not None
        self.setStyleSheet(f"border: 2px solid {theme.current().error};" if bad else "")
        self.setAccessibleDescription(problem or "" if bad else "")
        self.setToolTip(problem if bad and problem else self._hint)
        if problem is None and self.text().strip():
            day = parse_date(self.text())
            if day != self._last_valid:
                self._last_valid = day
                self.dateChanged.emit(day)

    def open_calendar(self) -> None:
        calendar = QCalendarWidget(self)
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setAccessibleName(f"Calendar for the {self.kind} date")
        current = self.value()
        if current is not None:
            calendar.setSelectedDate(QDate(current.year, current.month, current.day))
        calendar.activated.connect(lambda picked: self._picked(calendar, picked))
        calendar.clicked.connect(lambda picked: self._picked(calendar, picked))
        calendar.move(self.mapToGlobal(self.rect().bottomLeft()))
        calendar.show()
        calendar.setFocus()
        self._calendar = calendar

    def _picked(self, calendar: QCalendarWidget, picked: QDate) -> None:
        self.set_value(date(picked.year(), picked.month(), picked.day()))
        calendar.close()
        calendar.deleteLater()
        self._calendar = None
        self.setFocus()
