"""File › Export: ask for a format and a file name, then export everything in a worker
thread (its own database connection) while a progress dialog keeps the window alive."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from lupus_tracker.exchange.formats import export
from lupus_tracker.output_files import FORMAT_SUFFIXES, OutputFileError, check_suffix
from lupus_tracker.store.repository import Repository
from lupus_tracker.ui.tasks import describe, run_blocking

# File-dialog filter -> (format, suffix)
FILTERS = {
    "CSV, every entry (*.csv)": ("csv", ".csv"),
    "Excel workbook (*.xlsx)": ("xlsx", ".xlsx"),
    "FHIR R4 Bundle, labs, vitals and symptoms (*.json)": ("fhir", ".json"),
}


def export_with_dialog(parent: QWidget | None, repo: Repository) -> Path | None:
    """Ask where and in which format to export; return the written file or None."""
    name, chosen = QFileDialog.getSaveFileName(
        parent, "Export", "lupus-tracker-export.csv", ";;".join(FILTERS)
    )
    if not name:
        return None
    fmt, suffix = FILTERS.get(chosen, ("csv", ".csv"))
    path = Path(name)
    try:  # a name that says another format (Excel bytes in a .csv) is refused, not renamed
        check_suffix(path, fmt)
    except OutputFileError as error:
        QMessageBox.warning(parent, "Export", str(error))
        return None
    if path.suffix.lower() not in FORMAT_SUFFIXES[fmt]:
        path = path.with_name(path.name + suffix)  # "visit" or "visit.v2" gets its suffix
    try:  # in a worker thread: its own connection, no widgets
        count = run_blocking(
            parent, f"Exporting to {path.name}…", repo.db.path, lambda own: export(own, fmt, path)
        )
    except Exception as error:
        QMessageBox.warning(parent, "Export", describe(error))
        return None
    if parent is not None:
        QMessageBox.information(parent, "Export finished", f"{count} records written to {path}.")
    return path
