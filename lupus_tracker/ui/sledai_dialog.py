"""SLEDAI-2K for a visit: the 24 descriptors by weight, each with a one-line explanation a
patient can read and the doctor's definition, wrapped (no horizontal scrolling);
lab-derived suggestions shown with their evidence for the user (with the doctor) to
confirm, and the live score with one band scheme (never "remission").

Changing the visit date with unsaved ticks, PGA or note never drops them silently: the
person chooses to keep them for the new date, save them for the old date first, discard
them, or stay on the old date."""

from __future__ import annotations

import enum
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lupus_tracker.analysis.sledai_suggest import SUGGEST_MARKERS, suggest, window
from lupus_tracker.domain.sledai import DESCRIPTORS, PLAIN_LANGUAGE, describe, score
from lupus_tracker.store.sledai_repo import SledaiAssessment
from lupus_tracker.ui import theme
from lupus_tracker.ui.date_field import DateField
from lupus_tracker.ui.screen import fit_to_screen
from lupus_tracker.ui.unsaved import GuardedDialog


class VisitChoice(enum.Enum):
    """What to do with unsaved entries when the visit date changes."""

    KEEP = "keep them for the new date"
    SAVE = "save them for the old date first"
    DISCARD = "discard them"
    STAY = "stay on the old date"


KEEP, SAVE, DISCARD, STAY = VisitChoice


class SledaiDialog(GuardedDialog):
    """Escape or Cancel with changed ticks, PGA or note asks Save / Discard / Cancel."""

    unsaved_what = "this SLEDAI-2K assessment"

    def __init__(
        self,
        repo,
        visit: date | None = None,
        parent=None,
        save: Callable[[SledaiAssessment], bool] | None = None,
    ):
        """``save`` stores an assessment (the window's undoable save); with it, a visit
        date change can save the ticks for the old date first."""
        super().__init__(parent)
        self.repo = repo
        self._save = save
        self.setWindowTitle("SLEDAI-2K for a visit")
        self.visit = DateField(visit or date.today(), kind="result")
        self.visit.setAccessibleName("Visit date")
        self.visit.textChanged.connect(self._visit_typed)
        self._loaded_visit = visit or date.today()
        self.boxes: dict[str, QCheckBox] = {}
        self.hints: dict[str, QLabel] = {}
        host = QWidget()
        host_layout = QVBoxLayout(host)
        for weight in (8, 4, 2, 1):
            group = QGroupBox(f"Weight {weight}")
            grid = QGridLayout(group)
            grid.setColumnStretch(1, 1)
            for row, d in enumerate(x for x in DESCRIPTORS if x.weight == weight):
                box = QCheckBox(d.name)
                plain = PLAIN_LANGUAGE[d.key]
                box.setToolTip(f"{plain}\nDoctor's definition: {d.definition}")
                box.setAccessibleDescription(plain)
                box.toggled.connect(self._update_score)
                text = QLabel(f"{plain}<br><i>Doctor's definition: {d.definition}</i>")
                text.setWordWrap(True)
                text.setTextFormat(Qt.TextFormat.RichText)
                hint = QLabel()
                hint.setWordWrap(True)
                hint.setStyleSheet(f"color: {theme.current().error};")
                grid.addWidget(box, row * 2, 0, Qt.AlignmentFlag.AlignTop)
                grid.addWidget(text, row * 2, 1)
                grid.addWidget(hint, row * 2 + 1, 1)
                self.boxes[d.key], self.hints[d.key] = box, hint
            host_layout.addWidget(group)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(host)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.accept_labs = QPushButton("Tick the &lab suggestions (confirm with your doctor)")
        self.accept_labs.clicked.connect(self._tick_suggestions)
        self.score = QLabel()
        self.score.setWordWrap(True)
        self.note = QLineEdit()
        self.note.setAccessibleName("Note for this visit")
        self.pga = QDoubleSpinBox()  # physician global assessment 0-3 (treat-to-target)
        self.pga.setRange(-0.1, 3.0)
        self.pga.setDecimals(1)
        self.pga.setSingleStep(0.1)
        self.pga.setSpecialValueText("not entered")
        self.pga.setAccessibleName(
            "Physician global assessment (PGA), 0 to 3, from the doctor's letter"
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save_if_valid)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Visit date:", self.visit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        # Wraps: at 150 % and 16 pt one line made the dialog wider than a 1280-px screen.
        window_text = QLabel(
            "Score each item present in the last 10 days (the visit day included) and "
            "due to lupus. Lab suggestions are not a diagnosis."
        )
        window_text.setWordWrap(True)
        layout.addWidget(window_text)
        layout.addWidget(scroll, 1)
        layout.addWidget(self.accept_labs)
        layout.addWidget(self.score)
        note_form = QFormLayout()
        note_form.addRow("&PGA (0-3, from the doctor's letter):", self.pga)
        note_form.addRow("&Note:", self.note)
        layout.addLayout(note_form)
        layout.addWidget(buttons)
        self.suggested: set[str] = set()
        self._loaded_state: tuple = ()
        # The assessment stored for the visit when shown (a save is refused when it changed)
        self.loaded_assessment: SledaiAssessment | None = None
        self.load()
        fit_to_screen(self, 900, 760)

    def visit_date(self) -> date:
        return self._loaded_visit

    def _visit_typed(self) -> None:
        typed = self.visit.value()
        if typed is None or typed == self._loaded_visit:
            return
        choice = self._ask_new_visit(typed) if self.has_entries() else VisitChoice.DISCARD
        if choice is VisitChoice.SAVE:
            saved = self._save is not None and self._save(self.assessment())
            choice = VisitChoice.DISCARD if saved else VisitChoice.STAY
        if choice is VisitChoice.STAY:
            self.visit.blockSignals(True)
            self.visit.set_value(self._loaded_visit)
            self.visit.blockSignals(False)
            return
        self._loaded_visit = typed
        self.load(keep_entries=choice is VisitChoice.KEEP)

    def _ask_new_visit(self, new: date) -> VisitChoice:
        """What to do with the unsaved ticks when the visit date becomes ``new``."""
        old = self._loaded_visit.isoformat()
        stored = self.repo.sledai.get(new)
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Unsaved SLEDAI-2K")
        box.setText(
            f"You have not saved the ticks, PGA or note for the visit of {old}. "
            f"What should happen to them now that the visit date is {new.isoformat()}?"
        )
        if stored is not None:
            box.setInformativeText(
                f"An assessment is already saved for {new.isoformat()} (score "
                f"{stored.score}); keeping these ticks replaces it when you save."
            )
        buttons: list[tuple[QPushButton, VisitChoice]] = []

        def add(text: str, role: QMessageBox.ButtonRole, choice: VisitChoice) -> QPushButton:
            button = box.addButton(text, role)
            buttons.append((button, choice))
            return button

        keep = add(f"&Keep them for {new.isoformat()}", QMessageBox.ButtonRole.AcceptRole, KEEP)
        if self._save is not None:
            add(f"&Save them for {old} first", QMessageBox.ButtonRole.ActionRole, SAVE)
        add("&Discard them", QMessageBox.ButtonRole.DestructiveRole, DISCARD)
        stay = add(f"Cancel (stay on {old})", QMessageBox.ButtonRole.RejectRole, STAY)
        box.setDefaultButton(keep)
        box.setEscapeButton(stay)
        box.exec()
        clicked = box.clickedButton()
        return next((choice for button, choice in buttons if button == clicked), STAY)

    def save_if_valid(self) -> None:
        problem = self.visit.problem()
        if problem:
            self.score.setText(problem)
            self.visit.setFocus()
            return
        self.accept()

    def load(self, keep_entries: bool = False) -> None:
        """Show the assessment saved for the visit date; with ``keep_entries`` the ticks,
        PGA and note on screen stay (they become unsaved entries for this date)."""
        saved = self.repo.sledai.get(self.visit_date())
        self.loaded_assessment = saved
        kept = self._state()
        for key, box in self.boxes.items():
            box.setChecked(bool(saved and key in saved.items))
            self.hints[key].clear()
        self.note.setText(saved.note or "" if saved else "")
        pga = getattr(saved, "pga", None) if saved else None
        self.pga.setValue(self.pga.minimum() if pga is None else pga)
        stored_state = self._state()
        if keep_entries:
            items, note, pga_value = kept
            for key, box in self.boxes.items():
                box.setChecked(key in items)
            self.note.setText(note)
            self.pga.setValue(pga_value)
        self.suggested = set()
        visit = self.visit_date()
        for suggestion in suggest(self.repo.results.all(SUGGEST_MARKERS, *window(visit)), visit):
            key = suggestion.descriptor.key
            self.suggested.add(key)
            self.hints[key].setText(
                "Suggested from labs: " + "; ".join(e.line() for e in suggestion.evidence)
            )
        self.accept_labs.setEnabled(bool(self.suggested))
        self._update_score()
        self._loaded_state = stored_state

    def _state(self) -> tuple:
        return (self.items(), self.note.text(), self.pga.value())

    def has_entries(self) -> bool:
        return self._state() != self._loaded_state

    def _tick_suggestions(self) -> None:
        for key in self.suggested:
            self.boxes[key].setChecked(True)

    def items(self) -> frozenset[str]:
        return frozenset(k for k, box in self.boxes.items() if box.isChecked())

    def _update_score(self) -> None:
        items = self.items()
        self.score.setText(f"<b>{describe(score(items), items)}</b>")

    def assessment(self) -> SledaiAssessment:
        pga = None if self.pga.value() < 0 else round(self.pga.value(), 1)
        return SledaiAssessment(self.visit_date(), self.items(), self.note.text() or None, pga)
