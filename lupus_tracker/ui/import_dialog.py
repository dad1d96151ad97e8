"""File › Import: read a file into a plan, show the preview, import on OK.

The dialog never runs SQL: it asks the exchange core for a plan (nothing written), shows
the counts, the rows to add, the rows skipped with their reasons and any notes (such as
"read as Windows-1252"), and on OK applies the plan in one transaction.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
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
from lupus_tracker.exchange.plan import ImportPlan, apply_plan
from lupus_tracker.store.errors import StoreError
from lupus_tracker.store.repository import Repository
from lupus_tracker.ui.tasks import run_blocking

_Index = QModelIndex | QPersistentModelIndex


class RowsModel(QAbstractTableModel):
    """A read-only table over plain tuples of text."""

    def __init__(self, headers: list[str], rows: list[tuple[str, ...]], parent=None):
        super().__init__(parent)
        self._headers = headers
        self._rows = rows

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole,
                                               Qt.ItemDataRole.ToolTipRole):
            return None
        return self._rows[index.row()][index.column()]

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self._headers[section]
        return None


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
        self.setWindowTitle(f"Import {self.path.name}")
        self.resize(820, 560)
        layout = QVBoxLayout(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.summary)
        self.tabs = QTabWidget()
        layout.addWidget(self.tabs, 1)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.buttons.accepted.connect(self.import_if_ready)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self._load()

    def _in_worker(self, label: str, work):
        """Run ``work(repository)`` in a worker thread on its own connection, with a
        progress dialog after half a second; returns its result or raises its error."""
        return run_blocking(self.parentWidget() or self, label, self.repo.db.path, work)

    def _load(self) -> None:
        try:
            self.plan = self._in_worker(f"Reading {self.path.name}…",
                                        lambda own: read_plan(self.path, own))
        except (ExchangeError, StoreError) as error:
            self.error = str(error)
            self.summary.setText(f"<b>{self.path.name} cannot be imported.</b><br>"
                                 f"{_escape(self.error)}<br>Nothing was written.")
            self.ok_button.setEnabled(False)
            self.tabs.setVisible(False)
            return
        plan = self.plan
        to_add = plan.preview_rows()
        lines = [f"<b>{_escape(self.path.name)}</b>: {_escape(plan.summary())}"]
        if plan.encoding and not plan.encoding.startswith("utf"):
            lines.append(f"Note: read as {_escape(plan.encoding)}")
        if plan.total == 0:
            lines.append("There is nothing new to import.")
        self.summary.setText("<br>".join(lines))
        self.ok_button.setText(f"Import {plan.total}")
        self.ok_button.setEnabled(plan.total > 0)
        self.rows_model = RowsModel(["Date", "Kind", "Item", "Value", "Unit", "Detail"],
                                    to_add, self)
        self.skipped_model = RowsModel(["Where", "Why"],
                                       [(s.where, s.reason) for s in plan.skipped], self)
        self.rows_view = _table(self.rows_model)
        self.skipped_view = _table(self.skipped_model)
        header = self.skipped_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, 380)
        self.skipped_view.setWordWrap(True)
        self.tabs.addTab(self.rows_view, f"To add ({len(to_add)})")
        self.tabs.addTab(self.skipped_view, f"Skipped ({len(plan.skipped)})")

    def import_if_ready(self) -> None:
        """Import the previewed plan, then close (a method of its own: never shadow Qt's)."""
        if self.plan is None or self.plan.total == 0:
            return
        plan = self.plan
        try:
            self.added = self._in_worker("Importing…", lambda own: apply_plan(own, plan))
        except (StoreError, InvalidEntryError) as error:
            QMessageBox.critical(self, "Import failed", f"{error}\nNothing was imported.")
            return
        self.accept()


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def import_with_dialog(parent: QWidget | None, repo: Repository) -> int | None:
    """Ask for a file, preview it, import on OK; return how many records were added."""
    name, _ = QFileDialog.getOpenFileName(
        parent, "Import", "", "Lupus Tracker CSV or FHIR JSON (*.csv *.json);;All files (*)")
    if not name:
        return None
    dialog = ImportDialog(repo, name, parent)
    if dialog.exec() == QDialog.DialogCode.Accepted:
        return dialog.added
    return None
