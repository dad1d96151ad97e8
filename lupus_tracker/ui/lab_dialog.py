"""One dialog for one lab report, entered the way it is printed: date, lab, then any number
of markers with the value as printed, the unit, and the report's own reference range.

Made to be fast from the keyboard: the marker field completes by name, abbreviation or
LOINC code ("c3", "dsdna", "4485-9"); the unit defaults to the one this lab used last for
the marker; the last lab is remembered; Enter moves to the next field that needs the
person (date → lab → marker → value → unit → range → next row), taking a highlighted
suggestion on the way, and a new row appears when the last one is used. Enter passes over
what is already settled: the lab when it is remembered (or typed), and the unit when there
is nothing to decide (the marker has one unit, the value is a titer, or it is the unit this
same lab used for this marker last time). Tab still stops on every field, so both stay one
Shift+Tab away. Only Ctrl+Enter or Save saves. Beside each row the app says what it
understood ("= 0.78 g/L, LOW against 0.9-1.8 (lab's range)"); a row that cannot be saved
says why. Nothing is saved until every row is valid. Enter never saves and never removes a
row (no button here is a default button); Escape asks before typed rows are dropped.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from lupus_tracker.domain.catalog import MARKERS, Marker, abbreviations, get_marker
from lupus_tracker.domain.entry import check_entry
from lupus_tracker.domain.records import InvalidEntryError, LabEntry, LabResult
from lupus_tracker.domain.wording import result_flag_word, understood
from lupus_tracker.ui import theme
from lupus_tracker.ui.date_field import DateField
from lupus_tracker.ui.screen import fit_to_screen
from lupus_tracker.ui.unsaved import GuardedDialog

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


def qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def marker_text(marker: Marker) -> str:
    """The list's text; it holds the abbreviations too, so typing "plt" finds platelets."""
    name = f"{marker.label} — {marker.name}" if marker.label != marker.name else marker.name
    extra = [a for a in abbreviations(marker) if a.casefold() not in name.casefold()]
    if extra:
        name += f" [{', '.join(extra)}]"
    return f"{name} (LOINC {marker.loinc})" if marker.loinc else name


# Units that are one and the same, said in the unit list ("mg/mg = g/g" for UPCR).
SAME_UNIT = {"mg/mg": "g/g"}


def unit_choice_text(label: str) -> str:
    same = SAME_UNIT.get(label)
    return f"{label} = {same}" if same else label


def search_markers(text: str) -> list[Marker]:
    """Markers whose key, abbreviation, name or LOINC code match ``text``: exact matches
    first, then those that start with it, then those that contain it."""
    wanted = "".join(text.casefold().split())
    if not wanted:
        return []

    def forms(m: Marker) -> tuple[str, ...]:
        return tuple(
            "".join(f.casefold().split())
            for f in (m.key, m.label, m.name, m.loinc, *m.alt_loinc, *abbreviations(m))
            if f
        )

    def squeeze(form: str) -> str:
        return form.replace("-", "").replace("_", "")

    exact = [m for m in MARKERS if wanted in forms(m) or squeeze(wanted) in map(squeeze, forms(m))]
    starts = [
        m
        for m in MARKERS
        if m not in exact and any(squeeze(f).startswith(squeeze(wanted)) for f in forms(m))
    ]
    contains = [
        m
        for m in MARKERS
        if m not in exact
        and m not in starts
        and any(squeeze(wanted) in squeeze(f) for f in forms(m))
    ]
    return exact + starts + contains


class EnterInSuggestions(QObject):
    """Enter while a completer's list of suggestions is open takes the highlighted one (or
    keeps what was typed) and moves on at once. Without this the list kept the first Enter
    to itself: the focus stayed and the value typed next went into the marker's text.
    Ctrl+Enter does the same, then saves."""

    def __init__(
        self, completer: QCompleter, move_on: Callable[[str | None], None], save: Callable[[], None]
    ):
        super().__init__(completer)
        self._move_on = move_on
        self._save = save
        popup = completer.popup()
        assert popup is not None  # a completer always has its list
        self._popup = popup
        popup.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not isinstance(event, QKeyEvent)
            or event.type() != QEvent.Type.KeyPress
            or event.key() not in ENTER_KEYS
        ):
            return super().eventFilter(watched, event)
        index = self._popup.currentIndex()
        chosen = index.data() if index.isValid() else None
        self._popup.hide()
        self._move_on(chosen)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self._save()
        return True


class MarkerRow:
    """The widgets of one marker line, what the app understood of it, and its check."""

    def __init__(self, dialog: LabReportDialog, grid: QGridLayout, row: int):
        self.dialog = dialog
        self.marker = QComboBox()
        self.marker.setEditable(True)
        self.marker.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for m in MARKERS:
            self.marker.addItem(marker_text(m), m.key)
        self.marker.setCurrentIndex(-1)
        typed = self.marker.lineEdit()
        assert typed is not None  # an editable combo box has its line edit
        typed.setPlaceholderText("name, abbr. or LOINC")  # whole at 16 pt (layout audit)
        completer = QCompleter(self.marker.model(), self.marker)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setCompletionMode(QCompleter.CompletionMode.PopupCompletion)
        self.marker.setCompleter(completer)
        self.marker.setMinimumContentsLength(18)
        self.value = QLineEdit()
        self.value.setPlaceholderText("0.8 or <0.5")  # as printed: the accessible name
        self.unit = QComboBox()
        self.unit.setMinimumContentsLength(7)
        self.range = QLineEdit()
        self.range.setPlaceholderText("0.9-1.8, <30")
        self.assay = QLineEdit()
        self.assay.setPlaceholderText("optional")
        self.pattern = QLineEdit()
        self.pattern.setPlaceholderText("ANA only")
        self.remove = QToolButton()
        self.remove.setText("✕")
        self.remove.setToolTip("Remove this row")
        self.understood = QLabel()
        self.understood.setWordWrap(True)
        self.understood.setMinimumWidth(230)
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {theme.current().error};")
        self.error.setWordWrap(True)
        for edit, sample in (
            (self.value, "000.00"),
            (self.range, "0.00-0.00"),
            (self.assay, self.assay.placeholderText()),  # "optional", not "optio…" at 16 pt
            (self.pattern, self.pattern.placeholderText()),
        ):
            edit.setMinimumWidth(edit.fontMetrics().horizontalAdvance(sample) + 16)
        widgets = self.fields()
        for column, widget in enumerate((*widgets, self.remove, self.understood)):
            grid.addWidget(widget, row * 2 + 1, column)
        grid.addWidget(self.error, row * 2 + 2, 0, 1, len(widgets) + 2)
        self.error.hide()
        self.number(len(dialog.rows) + 1)
        self.marker.currentIndexChanged.connect(self._marker_changed)
        typed.editingFinished.connect(self.resolve_marker)
        completer.activated.connect(lambda _text: self._suggestion_chosen())
        EnterInSuggestions(completer, self.enter_in_suggestions, dialog.save_if_valid)
        for edit in (self.value, self.range, self.assay, self.pattern):
            edit.textChanged.connect(self.check)
        self.value.textChanged.connect(lambda _text: dialog.row_used(self))
        self.unit.currentIndexChanged.connect(self.check)
        self.remove.clicked.connect(lambda: dialog.remove_row(self))
        self._marker_changed()

    def fields(self) -> tuple[QWidget, ...]:
        return (self.marker, self.value, self.unit, self.range, self.assay, self.pattern)

    def widgets(self) -> tuple[QWidget, ...]:
        return (*self.fields(), self.remove, self.understood, self.error)

    def number(self, n: int) -> None:
        """Name the row's widgets for a screen reader ("Row 2: marker")."""
        for widget, what in zip(
            self.fields(),
            ("marker", "value as printed", "unit", "reference range", "assay", "ANA pattern"),
            strict=True,
        ):
            widget.setAccessibleName(f"Row {n}: {what}")
        self.remove.setAccessibleName(f"Remove row {n}")
        self.understood.setAccessibleName(f"Row {n}: understood as")
        self.error.setAccessibleName(f"Row {n}: problem")

    def unit_is_settled(self) -> bool:
        """Nothing to decide in the unit: one unit for the marker, a titer (1:N, no unit),
        or the unit this lab used for this marker last time (from the person's own
        results, not a guess). Enter then skips the unit; a unit only preset from the
        preferences still gets its own stop."""
        key = self.marker_key()
        if key is None:
            return False
        marker = get_marker(key)
        if len(marker.units.units) == 1 or ":" in self.value.text():
            return True
        return self.unit.currentData() == self.dialog.lab_unit(marker)

    def marker_key(self) -> str | None:
        index = self.marker.currentIndex()
        if index < 0 or self.marker.currentText() != self.marker.itemText(index):
            return None
        return self.marker.itemData(index)

    def resolve_marker(self) -> None:
        """Turn what was typed ("c3", "dsdna", "4485-9") into the marker it names."""
        text = self.marker.currentText().strip()
        if text and self.marker_key() is None:
            found = search_markers(text.split(" (LOINC")[0])
            if found:
                self.marker.setCurrentIndex(self.marker.findData(found[0].key))
                self.marker.setEditText(self.marker.itemText(self.marker.currentIndex()))
            self.check()
        self._show_name_start()

    def _suggestion_chosen(self) -> None:
        """Enter (or a click) on a suggestion takes it and moves on to the value, as Enter
        does on a typed marker. The popup keeps the key press to itself, so the focus moves
        once the event loop has finished with it (never twice)."""
        self.resolve_marker()
        if self.marker_key() is not None:
            QTimer.singleShot(0, self.value, self.value.setFocus)

    def enter_in_suggestions(self, chosen: str | None) -> None:
        """Enter in the open list: the highlighted suggestion (else what was typed) becomes
        the marker and the value is next; an unknown marker keeps the focus and says why."""
        if chosen is not None and (index := self.marker.findText(chosen)) >= 0:
            self.marker.setCurrentIndex(index)
            self.marker.setEditText(self.marker.itemText(index))
        self.resolve_marker()
        if self.marker_key() is not None:
            self.value.setFocus()

    def _show_name_start(self) -> None:
        """Show the start of the chosen marker ("anti-dsDNA — …"), not the end of its LOINC."""
        edit = self.marker.lineEdit()
        if edit is not None:
            edit.setCursorPosition(0)

    def _marker_changed(self) -> None:
        key = self.marker_key()
        if not self.marker.hasFocus():  # chosen by the program
            self._show_name_start()
        self.unit.blockSignals(True)
        self.unit.clear()
        if key is not None:
            marker = get_marker(key)
            for unit in marker.units.units:
                self.unit.addItem(unit_choice_text(unit.label), unit.code)
            usual = self.dialog.usual_unit(marker)
            self.unit.setCurrentIndex(max(self.unit.findData(usual), 0))
        self.unit.blockSignals(False)
        self.pattern.setEnabled(key == "ana")
        self.dialog.row_used(self)
        self.check()

    def is_blank(self) -> bool:
        return not self.value.text().strip() and not self.marker.currentText().strip()

    def entry(self, day: date, lab: str) -> LabEntry:
        value = self.value.text()
        unit = None if ":" in value else self.unit.currentData()  # a titer 1:N has no unit
        return LabEntry(
            day,
            self.marker_key() or "",
            value,
            unit,
            self.range.text() or None,
            lab or None,
            self.assay.text() or None,
            self.pattern.text() or None,
        )

    def problem(self) -> str | None:
        if self.is_blank():
            return None
        if self.marker_key() is None:
            typed = self.marker.currentText().strip()
            return (
                f"No marker matches {typed!r}: type a name, abbreviation or LOINC code."
                if typed
                else "Choose the marker."
            )
        if not self.value.text().strip():
            return "Type the value as printed."
        # The report's date has its own message; a row is checked the same whatever the
        # date (a stand-in only while the date cannot be read: nothing saves until then).
        day = self.dialog.date.value() or date.today()
        try:
            measurement = check_entry(
                self.entry(day, self.dialog.lab.text()),
                self.dialog.sex,
                self.dialog.number_format,
                self.dialog.birth_date,
            )
        except InvalidEntryError as error:
            return str(error)
        self.understood.setText(understood_text(measurement))
        return None

    def check(self) -> bool:
        """Check this row now; show the reason inline. Blank rows are ignored."""
        self.understood.clear()
        message = self.problem()
        self.error.setText(message or "")
        self.error.setVisible(bool(message))
        self.value.setStyleSheet(f"border: 2px solid {theme.current().error};" if message else "")
        self.value.setAccessibleDescription(message or self.understood.text())
        if not message:
            self.dialog.refresh_summary()
        return message is None


def understood_text(measurement) -> str:
    """ "= 0.78 g/L, LOW against 0.9-1.8 (lab's range)" — the flag in words, with its range."""
    text = understood(measurement)
    ref = measurement.ref
    if ref is None:
        return f"{text}, no reference range"
    word = result_flag_word(measurement) or "within"
    whose = "lab's range" if measurement.ref_is_lab else "usual adult range"
    return f"{text}, {word} against {ref.text()} ({whose})"


class LabReportDialog(GuardedDialog):
    """Collects entries; the caller saves them in one transaction (``entries()``)."""

    unsaved_what = "this lab report"

    def __init__(self, repo, parent=None, day: date | None = None):
        super().__init__(parent)
        self.repo = repo
        profile = repo.profile.get()
        self.sex = profile.sex
        self.birth_date = profile.birth_date
        # The file's number format, as on saving: "1.250" is read the way Profile says and
        # the row never asks to set a format that is already set.
        self.number_format = repo.settings.number_format()
        self._history: list[LabResult] | None = None
        self.setWindowTitle("Add lab report")
        self.date = DateField(day or date.today(), kind="result")
        self.date.setAccessibleName("Date of the report")
        self.lab = QLineEdit(self.last_lab())
        self.lab.setPlaceholderText("laboratory name (optional)")
        self.lab.setAccessibleName("Laboratory")
        labs = sorted({r.lab for r in self.history() if r.lab})
        self.lab.setCompleter(QCompleter(labs, self.lab))
        EnterInSuggestions(self.lab.completer(), self._lab_chosen, self.save_if_valid)
        form = QFormLayout()
        form.addRow("&Date:", self.date)
        self.date_error = QLabel()
        self.date_error.setStyleSheet(f"color: {theme.current().error};")
        self.date_error.setWordWrap(True)
        self.date_error.setAccessibleName("Problem with the date")
        self.date_error.hide()
        form.addRow("", self.date_error)
        form.addRow("&Lab:", self.lab)
        self.rows_host = QWidget()
        host_layout = QVBoxLayout(self.rows_host)
        self.rows_layout = QGridLayout()
        host_layout.addLayout(self.rows_layout)
        host_layout.addStretch(1)
        headers = (
            "Marker",
            "Value as printed",
            "Unit",
            "Reference range",
            "Assay",
            "Pattern",
            "",
            "Understood as",
        )
        for column, text in enumerate(headers):
            title = QLabel(f"<b>{text}</b>")
            title.setWordWrap(True)  # "Value as / printed" at a large font: no sideways scroll
            self.rows_layout.addWidget(title, 0, column, Qt.AlignmentFlag.AlignBottom)
        for column, stretch in enumerate((3, 2, 1, 2, 1, 1, 0, 3)):  # room goes to the
            self.rows_layout.setColumnStretch(column, stretch)  # fields, not one edge
        self.rows: list[MarkerRow] = []
        self._next_row = 0
        self.rows_scroll = QScrollArea()  # not "scroll": that is a QWidget method
        self.rows_scroll.setWidgetResizable(True)
        self.rows_scroll.setWidget(self.rows_host)
        self.rows_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.add_button = QPushButton("&Add another marker")
        self.add_button.clicked.connect(lambda: self.add_row().marker.setFocus())
        hint = QLabel(
            "Enter moves to the next field to fill (past a remembered lab and a unit "
            "this lab used before; Tab stops on every field). Ctrl+Enter saves. A new "
            "row appears when you use the last one."
        )
        hint.setWordWrap(True)
        self.summary = QLabel()
        self.summary.setStyleSheet(f"color: {theme.current().error};")
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Report problems")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save_if_valid)
        self.buttons.rejected.connect(self.reject)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.rows_scroll, 1)
        layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(hint)
        layout.addWidget(self.summary)
        layout.addWidget(self.buttons)
        self.date.textChanged.connect(self._recheck)
        self.lab.textChanged.connect(self._recheck)
        self.add_row()
        # Reading order: the report's date first, selected, so typing replaces it; Enter
        # then goes to the lab, or past it to the first marker when the lab is remembered.
        self.date.setFocus()
        self.date.selectAll()
        fit_to_screen(self, 1180, 520)

    def _lab_chosen(self, chosen: str | None) -> None:
        if chosen is not None:
            self.lab.setText(chosen)
        self.rows[0].marker.setFocus()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        for button in (self.add_button, *self.buttons.buttons()):
            if isinstance(button, QPushButton):  # Enter never clicks a button by itself
                button.setAutoDefault(False)
                button.setDefault(False)

    # -- what this patient's labs did before ---------------------------------------------
    def history(self) -> list[LabResult]:
        if self._history is None:
            self._history = self.repo.results.all()
        return self._history

    def last_lab(self) -> str:
        """The lab of the most recent result that names one (the usual lab)."""
        for result in reversed(self.history()):
            if result.lab:
                return result.lab
        return ""

    def lab_unit(self, marker: Marker) -> str | None:
        """The unit this lab last used for ``marker`` (None: no result from it yet)."""
        lab = self.lab.text().strip().casefold()
        if not lab:
            return None
        for result in reversed(self.history()):
            if result.marker == marker.key and (result.lab or "").casefold() == lab:
                return result.unit
        return None

    def usual_unit(self, marker: Marker) -> str:
        """The unit this lab (else any lab) last used for ``marker``; else the preferred."""
        from_lab = self.lab_unit(marker)
        if from_lab is not None:
            return from_lab
        same = [r for r in self.history() if r.marker == marker.key]
        if same:
            return same[-1].unit
        return self.repo.settings.preferred_unit(marker).code

    # -- rows -------------------------------------------------------------------------------
    def day(self) -> date:
        return self.date.value() or date.today()

    def add_row(self) -> MarkerRow:
        row = MarkerRow(self, self.rows_layout, self._next_row)
        self._next_row += 1
        self.rows.append(row)
        if self.isVisible():  # shown now, not on the next event loop turn: focus can go there
            for widget in (*row.fields(), row.remove, row.understood):
                widget.show()
        self._order_tabs()
        return row

    def row_used(self, row: MarkerRow) -> None:
        """The last row has something in it: add an empty one below."""
        if self.rows and row is self.rows[-1] and not row.is_blank():
            self.add_row()

    def remove_row(self, row: MarkerRow) -> None:
        index = self.rows.index(row)
        self.rows.remove(row)
        for widget in row.widgets():
            widget.hide()
            widget.deleteLater()
        for n, other in enumerate(self.rows, start=1):
            other.number(n)
        if not self.rows:
            self.add_row()
        self.rows[min(index, len(self.rows) - 1)].marker.setFocus()
        self._order_tabs()

    def _order_tabs(self) -> None:
        """Tab goes Date, Lab, each row in reading order, then Add, Save, Cancel."""
        chain: list[QWidget] = [self.date, self.lab]
        for row in self.rows:
            chain += [*row.fields(), row.remove]
        chain += [self.add_button, *self.buttons.buttons()]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    def _recheck(self) -> None:
        self._show_date_problem()
        for row in self.rows:
            row.check()
        self.refresh_summary()

    def _show_date_problem(self) -> None:
        """The date's problem in words as soon as it is typed, not only its red border."""
        problem = self.date.problem()
        self.date_error.setText(problem or "")
        self.date_error.setVisible(bool(problem))

    def refresh_summary(self) -> None:
        """Clear "… need fixing; nothing was saved." once everything it named is fixed."""
        if (
            self.summary.text()
            and not self.date.problem()
            and all(row.error.isHidden() for row in self.rows)
        ):
            self.summary.clear()

    def load_result(self, result: LabResult) -> None:
        """Show one stored result for editing."""
        self.setWindowTitle("Edit lab result")
        for extra in self.rows[1:]:
            self.remove_row(extra)
        row = self.rows[0]
        self.lab.setText(result.lab or "")
        row.marker.setCurrentIndex(row.marker.findData(result.marker))
        row.unit.setCurrentIndex(max(row.unit.findData(result.unit), 0))
        row.value.setText(result.value_text)
        row.range.setText(result.ref_range or "")
        row.assay.setText(result.assay or "")
        row.pattern.setText(result.pattern or "")
        for extra in self.rows[1:]:  # editing one result: no new rows
            self.remove_row(extra)
        self.add_button.hide()
        self._loaded = self.snapshot()

    def entries(self) -> list[LabEntry]:
        return [row.entry(self.day(), self.lab.text()) for row in self.rows if not row.is_blank()]

    # -- keyboard, saving, unsaved rows -------------------------------------------------------
    def snapshot(self) -> tuple:
        return tuple(
            (
                r.marker.currentText(),
                r.value.text(),
                r.range.text(),
                r.assay.text(),
                r.pattern.text(),
            )
            for r in self.rows
            if not r.is_blank()
        )

    def has_entries(self) -> bool:
        return self.snapshot() != getattr(self, "_loaded", ())

    def keyPressEvent(self, event) -> None:
        if event.key() not in ENTER_KEYS:
            super().keyPressEvent(event)
            return
        focus = self.focusWidget()
        row = next((r for r in self.rows if focus in (*r.fields(), r.marker.lineEdit())), None)
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.save_if_valid()  # Ctrl+Enter, whatever has the focus (the hint says so)
        elif focus in self.buttons.buttons():
            focus.click()
        elif row is not None and row.is_blank():
            pass  # an empty row: nothing to move past, and Enter never saves
        elif row is not None and focus is row.range:  # range done: the next marker
            nxt = self.rows[self.rows.index(row) + 1] if row is not self.rows[-1] else None
            (nxt.marker if nxt else self.add_row().marker).setFocus()
        elif focus is self.date and self.lab.text().strip():
            self.rows[0].marker.setFocus()  # the lab is already filled: no stop on it
        elif row is not None and focus is row.value and row.unit_is_settled():
            row.range.setFocus()  # nothing to decide in the unit: straight to the range
        else:
            if row is not None and focus in (row.marker, row.marker.lineEdit()):
                row.resolve_marker()
            self.focusNextChild()
        event.accept()

    def save_if_valid(self) -> None:
        """Accept the dialog when every row is valid; otherwise say what to fix."""
        for row in self.rows:
            row.resolve_marker()
        if self.date.problem():
            self.summary.setText(f"{self.date.problem()} Nothing was saved.")
            self.date.setFocus()
            return
        invalid = [row for row in self.rows if not row.check()]
        if invalid:
            self.summary.setText(
                f"{len(invalid)} row(s) need fixing before saving; nothing was saved."
            )
            invalid[0].value.setFocus()
            return
        if not self.entries():
            self.summary.setText("Enter at least one value.")
            return
        self.accept()
