"""File › Import: read a file into a plan, show the preview, import on OK.

The dialog never runs SQL: it asks the exchange core for a plan (nothing written), shows
the counts, the rows to add (marker names and display units), the conflicts, the notes
(such as "imported without a range") and the rows skipped with their reasons, and on OK
applies the plan in one transaction. It offers the same choices as the command line: which
patient of a file that holds several, importing although the patient differs, what to do
with conflicts, and whether preliminary results and settings come in.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from lupus_tracker.domain.records import InvalidEntryError
from lupus_tracker.exchange.errors import ExchangeError
from lupus_tracker.exchange.formats import read_plan
from lupus_tracker.exchange.options import ImportOptions, OnConflict
from lupus_tracker.exchange.patient import OtherPatientError, PatientChoiceNeeded
from lupus_tracker.exchange.plan import ImportPlan, apply_plan_undoable
from lupus_tracker.store.changes import Change
from lupus_tracker.store.errors import StoreError
from lupus_tracker.store.repository import Repository
from lupus_tracker.ui.screen import fit_to_screen
from lupus_tracker.ui.table_model import RowsModel
from lupus_tracker.ui.tasks import run_blocking


def _table(model: RowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setAlternatingRowColors(True)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setStretchLastSection(True)
    view.setEditTriggers(QTableView.EditTrigger.NoEditTriggers)
    return view


class ImportDialog(QDialog):
    """Preview of an import; ``plan`` is None when the file could not be read (``error``)."""

    def __init__(self, repo: Repository, path: Path | str, parent: QWidget | None = None):
        super().__init__(parent)
        self.repo = repo
        self.path = Path(path)
        self.plan: ImportPlan | None = None
        self.error: str | None = None
        self.added: int | None = None
        self.undo: Change | None = None  # puts back results the import replaced or removed
        self.setWindowTitle(f"Import {self.path.name}")
        fit_to_screen(self, 820, 560)  # never taller than the screen (200 %)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.summary.setAccessibleName("Import summary")
        layout.addWidget(self.summary)
        layout.addLayout(self._choices())
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Import preview")
        layout.addWidget(self.tabs, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.import_if_ready)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._load()

    def _choices(self) -> QFormLayout:
        form = QFormLayout()
        self.patient_box = QComboBox()
        self.patient_box.setAccessibleName("Patient to import")
        self.patient_label = QLabel("&Patient:")
        self.patient_label.setBuddy(self.patient_box)
        form.addRow(self.patient_label, self.patient_box)
        self.patient_box.setVisible(False)
        self.patient_label.setVisible(False)
        self.other_patient = QCheckBox(
            "Import &although the file's patient differs from this file's profile"
        )
        self.other_patient.setAccessibleName("Import although the patient differs")
        self.other_patient.setVisible(False)
        form.addRow(self.other_patient)
        self.conflict_box = QComboBox()
        self.conflict_box.addItem("Keep the value in this database", OnConflict.KEEP)
        self.conflict_box.addItem("Replace it by the file's value", OnConflict.REPLACE)
        self.conflict_box.setAccessibleName("When the file and the database differ")
        conflict_label = QLabel("When they &differ:")
        conflict_label.setBuddy(self.conflict_box)
        form.addRow(conflict_label, self.conflict_box)
        self.preliminary = QCheckBox("Include p&reliminary results (marked as such)")
        self.preliminary.setAccessibleName("Include preliminary results")
        self.settings = QCheckBox("Include the file's &settings (display units)")
        self.settings.setAccessibleName("Include settings")
        form.addRow(self.preliminary)
        form.addRow(self.settings)
        for box in (self.patient_box, self.conflict_box):
            box.currentIndexChanged.connect(self._reload)
        for check in (self.other_patient, self.preliminary, self.settings):
            check.toggled.connect(self._reload)
        return form

    def options(self) -> ImportOptions:
        """The choices as the exchange core takes them."""
        patient = None if self.patient_box.isHidden() else self.patient_box.currentData()
        return ImportOptions(
            patient_id=patient,
            allow_other_patient=self.other_patient.isChecked(),
            include_preliminary=self.preliminary.isChecked(),
            include_settings=self.settings.isChecked(),
            on_conflict=OnConflict(self.conflict_box.currentData()),
        )

    def _reload(self) -> None:
        if getattr(self, "_loading", False):
            return
        while self.tabs.count():
            self.tabs.removeTab(0)
        self._load()

    def _in_worker(self, label: str, work):
        """Run ``work(repository)`` in a worker thread on its own connection, with a
        progress dialog after half a second; returns its result or raises its error."""
        return run_blocking(self.parentWidget() or self, label, self.repo.db.path, work)

    def _load(self) -> None:
        options = self.options()
        self.plan, self.error = None, None
        try:
            self.plan = self._in_worker(
                f"Reading {self.path.name}…", lambda own: read_plan(self.path, own, options)
            )
        except PatientChoiceNeeded as choice:
            self._offer_patients(choice)
            return
        except (ExchangeError, StoreError) as error:
            if isinstance(error, OtherPatientError):
                self.other_patient.setVisible(True)
            self.error = str(error)
            self.summary.setText(
                f"<b>{self.path.name} cannot be imported.</b><br>"
                f"{_escape(self.error)}<br>Nothing was written."
            )
            self.ok_button.setEnabled(False)
            self.tabs.setVisible(False)
            return
        self.tabs.setVisible(True)
        plan = self.plan
        to_add = plan.preview_rows()
        lines = [f"<b>{_escape(self.path.name)}</b>: {_escape(plan.summary())}"]
        if plan.encoding and not plan.encoding.startswith("utf-8"):
            lines.append(f"Note: read as {_escape(plan.encoding)}")
        if plan.total == 0:
            lines.append("There is nothing to import.")
        self.summary.setText("<br>".join(lines))
        self.ok_button.setText(f"Import {plan.total}")
        self.ok_button.setEnabled(plan.total > 0)
        self.rows_model = RowsModel(
            ["Date", "Kind", "Item", "Value", "Unit", "Detail"], to_add, self
        )
        self.skipped_model = RowsModel(
            ["Where", "Why"], [(s.where, s.reason) for s in plan.skipped], self
        )
        self.rows_view = _table(self.rows_model)
        self.skipped_view = _table(self.skipped_model)
        header = self.skipped_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 380)
        self.skipped_view.setWordWrap(True)
        self.conflicts_model = RowsModel(["Conflict"], [(c.text(),) for c in plan.conflicts], self)
        self.notes_model = RowsModel(
            ["Where", "Note"], [(n.where, n.reason) for n in plan.notices], self
        )
        self.conflicts_view = _table(self.conflicts_model)
        self.notes_view = _table(self.notes_model)
        views = (
            (self.rows_view, "Rows to add"),
            (self.conflicts_view, "Conflicts"),
            (self.notes_view, "Imported with a note"),
            (self.skipped_view, "Skipped"),
        )
        for view, name in views:
            view.setAccessibleName(name)
        self.tabs.addTab(self.rows_view, f"To &add ({len(to_add)})")
        self.tabs.addTab(self.conflicts_view, f"&Conflicts ({len(plan.conflicts)})")
        self.tabs.addTab(self.notes_view, f"&Notes ({len(plan.notices)})")
        self.tabs.addTab(self.skipped_view, f"S&kipped ({len(plan.skipped)})")

    def _offer_patients(self, choice: PatientChoiceNeeded) -> None:
        """Several patients in one file: the person picks one, never the app."""
        self._loading = True
        try:
            self.patient_box.clear()
            self.patient_box.addItem("Choose a patient…", None)
            for patient in choice.patients:
                self.patient_box.addItem(patient.label(), patient.rid)
        finally:
            self._loading = False
        self.patient_box.setVisible(True)
        self.patient_label.setVisible(True)
        self.summary.setText(
            f"<b>{_escape(self.path.name)}</b>: {_escape(str(choice))}<br>"
            "Choose the patient whose data to import."
        )
        self.ok_button.setEnabled(False)
        self.tabs.setVisible(False)

    def import_if_ready(self) -> None:
        """Import the previewed plan, then close (a method of its own: never shadow Qt's)."""
        if self.plan is None or self.plan.total == 0:
            return
        plan = self.plan
        try:
            self.added, self.undo = self._in_worker(
                "Importing…", lambda own: apply_plan_undoable(own, plan)
            )
        except (StoreError, InvalidEntryError) as error:
            QMessageBox.critical(self, "Import failed", f"{error}\nNothing was imported.")
            return
        self.accept()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def import_with_dialog(
    parent: QWidget | None, repo: Repository
) -> tuple[int, Change | None] | None:
    """Ask for a file, preview it, import on OK; return how many records were added and
    the change that puts back what the import replaced or removed (None: nothing)."""
    name, _ = QFileDialog.getOpenFileName(
        parent, "Import", "", "Lupus Tracker CSV or FHIR JSON (*.csv *.json);;All files (*)"
    )
    if not name:
        return None
    dialog = ImportDialog(repo, name, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted and dialog.added:
        return dialog.added, dialog.undo
    return None
