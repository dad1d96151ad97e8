"""SLEDAI-2K for a visit: the 24 descriptors by weight, lab-derived suggestions shown with
their evidence for the user (with the doctor) to confirm, and the live score."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from lupus_tracker.analysis.sledai_suggest import suggest
from lupus_tracker.domain.sledai import DESCRIPTORS, describe, score
from lupus_tracker.store.sledai_repo import SledaiAssessment
from lupus_tracker.ui.lab_dialog import pydate, qdate


class SledaiDialog(QDialog):
    def __init__(self, repo, visit: date | None = None, parent=None):
        super().__init__(parent)
        self.repo = repo
        self.setWindowTitle("SLEDAI-2K for a visit")
        self.visit = QDateEdit(qdate(visit or date.today()))
        self.visit.setCalendarPopup(True)
        self.visit.setDisplayFormat("yyyy-MM-dd")
        self.visit.dateChanged.connect(self.load)
        self.boxes: dict[str, QCheckBox] = {}
        self.hints: dict[str, QLabel] = {}
        host = QWidget()
        host_layout = QVBoxLayout(host)
        for weight in (8, 4, 2, 1):
            group = QGroupBox(f"Weight {weight}")
            grid = QGridLayout(group)
            for row, d in enumerate(x for x in DESCRIPTORS if x.weight == weight):
                box = QCheckBox(d.name)
                box.setToolTip(d.definition)
                box.toggled.connect(self._update_score)
                hint = QLabel()
                hint.setWordWrap(True)
                hint.setStyleSheet("color: #7a4b00;")
                grid.addWidget(box, row, 0)
                grid.addWidget(QLabel(d.definition), row, 1)
                grid.addWidget(hint, row + 100, 0, 1, 2)
                self.boxes[d.key], self.hints[d.key] = box, hint
            host_layout.addWidget(group)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(host)
        self.accept_labs = QPushButton("Tick the &lab suggestions (confirm with your doctor)")
        self.accept_labs.clicked.connect(self._tick_suggestions)
        self.score = QLabel()
        self.score.setWordWrap(True)
        self.note = QLineEdit()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Visit date:", self.visit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel("Score each item present in the 10 days before the visit and "
                                "due to lupus. Lab suggestions are not a diagnosis."))
        layout.addWidget(scroll, 1)
        layout.addWidget(self.accept_labs)
        layout.addWidget(self.score)
        note_form = QFormLayout()
        note_form.addRow("&Note:", self.note)
        layout.addLayout(note_form)
        layout.addWidget(buttons)
        self.suggested: set[str] = set()
        self.load()
        self.resize(760, 720)

    def visit_date(self) -> date:
        return pydate(self.visit.date())

    def load(self) -> None:
        saved = self.repo.sledai.get(self.visit_date())
        for key, box in self.boxes.items():
            box.setChecked(bool(saved and key in saved.items))
            self.hints[key].clear()
        self.note.setText(saved.note or "" if saved else "")
        self.suggested = set()
        for suggestion in suggest(self.repo, self.visit_date()):
            key = suggestion.descriptor.key
            self.suggested.add(key)
            self.hints[key].setText("Suggested from labs: " + "; ".join(
                e.line() for e in suggestion.evidence))
        self.accept_labs.setEnabled(bool(self.suggested))
        self._update_score()

    def _tick_suggestions(self) -> None:
        for key in self.suggested:
            self.boxes[key].setChecked(True)

    def items(self) -> frozenset[str]:
        return frozenset(k for k, box in self.boxes.items() if box.isChecked())

    def _update_score(self) -> None:
        self.score.setText(f"<b>{describe(score(self.items()))}</b>")

    def assessment(self) -> SledaiAssessment:
        return SledaiAssessment(self.visit_date(), self.items(), self.note.text() or None)
