"""Treatment response: pick an infusion or a medication start and see each marker's
baseline and its values 1, 3, 6 and 12 months after, with the change."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
)

from lupus_tracker.analysis.response import (
    POINTS,
    ResponseRow,
    TreatmentHistory,
    follow_up_notes,
    response_table,
    response_window,
    treatments,
)
from lupus_tracker.ui.screen import fit_to_screen
from lupus_tracker.ui.table_model import Column, RecordTableModel


def _follow_up_text(index: int) -> Callable[[ResponseRow], str]:
    return lambda row: row.follow_ups[index].text()


COLUMNS = (
    Column("Marker", lambda r: r.marker.name),
    Column("Unit", lambda r: r.unit_label),
    Column(
        "Baseline",
        lambda r: f"{r.baseline.value_text} ({r.baseline.day.isoformat()})" if r.baseline else "—",
    ),
    *(Column(label, _follow_up_text(i)) for i, (label, _, _) in enumerate(POINTS)),
)


class ResponseView(QDialog):
    def __init__(self, repo, parent=None):
        super().__init__(parent)
        self.repo = repo
        self.setWindowTitle("Changes after a treatment")
        self.treatment = QComboBox()
        self.treatment.setAccessibleName("Treatment to compare before and after")
        self.history = TreatmentHistory(tuple(repo.treatments.all()), tuple(repo.events.all()))
        self.listed = treatments(self.history)
        for day, label in ((t.day, t.label) for t in self.listed):
            self.treatment.addItem(f"{day.isoformat()} — {label}", day.isoformat())
        self.model = RecordTableModel(COLUMNS, self)
        self.table = QTableView()
        self.table.setAccessibleName("Results before and after the treatment")
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.explain = QLabel(
            "Baseline: the last result on or before the treatment (within 90 days). Follow-up: "
            "the result nearest 1 month (±15 days), 3, 6 and 12 months (±30 days). Results "
            "from another assay or lab are not compared. A change after a treatment is not proof "
            "that it caused it. Information to discuss with your doctor."
        )
        self.context = QLabel()
        self.context.setWordWrap(True)
        self.context.setAccessibleName("Other treatment changes at each follow-up")
        self.explain.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.treatment)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.context)
        layout.addWidget(self.explain)
        self.treatment.currentIndexChanged.connect(self.refresh)
        self.refresh()
        fit_to_screen(self, 1100, 520)

    def refresh(self) -> None:
        from datetime import date

        chosen = self.treatment.currentData()
        rows = []
        if chosen:
            start = date.fromisoformat(chosen)
            rows = response_table(
                self.repo.results.all(None, *response_window(start)),
                start,
                self.repo.profile.get().sex,
                self.repo.settings.preferred_unit,
            )
        self.model.set_records(rows)
        index = self.treatment.currentIndex()
        listed = self.listed
        self.context.setText(
            "\n".join(follow_up_notes(self.history, listed[index]))
            if chosen and 0 <= index < len(listed)
            else ""
        )
