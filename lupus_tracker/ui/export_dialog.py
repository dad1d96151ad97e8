"""File › Export: ask for a format and a file name, then export everything."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from lupus_tracker.exchange.errors import ExchangeError
from lupus_tracker.exchange.formats import export
from lupus_tracker.store.errors import StoreError
from lupus_tracker.store.repository import Repository

# File-dialog filter -> (format, suffix)
FILTERS = {
    "CSV, every entry (*.csv)": ("csv", ".csv"),
    "Excel workbook (*.xlsx)": ("xlsx", ".xlsx"),
    "FHIR R4 Bundle, labs, vitals and symptoms (*.json)": ("fhir", ".json"),
}


def export_with_dialog(parent: QWidget | None, repo: Repository) -> Path | None:
    """Ask where and in which format to export; return the written file or None."""
    name, chosen = QFileDialog.getSaveFileName(parent, "Export", "lupus-tracker-export.csv",
                                               ";;".join(FILTERS))
    if not name:
        return None
    fmt, suffix = FILTERS.get(chosen, ("csv", ".csv"))
    path = Path(name)
    if path.suffix.lower() != suffix:
        path = path.with_name(path.name + suffix) if not path.suffix else path.with_suffix(
            suffix)
    QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        count = export(repo, fmt, path)
    except (ExchangeError, StoreError) as error:
        QGuiApplication.restoreOverrideCursor()
        QMessageBox.critical(parent, "Export failed", f"Could not write {path}:\n{error}")
        return None
    QGuiApplication.restoreOverrideCursor()
    if parent is not None:
        QMessageBox.information(parent, "Export finished",
                                f"{count} records written to {path}.")
    return path
