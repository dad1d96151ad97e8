"""File › Print Preview, Print and Export PDF for the visit report, with a small dialog to
choose the period, write the notes and questions for the doctor (saved per period), turn
sections off and choose up to six photos of the period (default: the most recent)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
)

from lupus_tracker.exchange.errors import ExchangeError
from lupus_tracker.report.content import MAX_PHOTOS, default_period, gather
from lupus_tracker.report.sections import ReportSection
from lupus_tracker.ui.lab_dialog import pydate, qdate

if TYPE_CHECKING:
    from lupus_tracker.ui.main_window import MainWindow


class ReportDialog(QDialog):
    """Period and the patient's own notes for the doctor."""

    def __init__(self, repo, parent=None):
        super().__init__(parent)
        self.repo = repo
        self.setWindowTitle("Visit report")
        since, until = default_period(repo)
        self.since = QDateEdit(qdate(since))
        self.until = QDateEdit(qdate(until))
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.dateChanged.connect(self._load_notes)
            edit.dateChanged.connect(self._load_photos)
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Your notes and questions for the doctor")
        self.notes.setTabChangesFocus(True)
        self.notes.setAccessibleName("Notes and questions for the doctor")
        self.section_boxes: dict[ReportSection, QCheckBox] = {}
        sections = QGridLayout()
        for index, section in enumerate(ReportSection):
            box = QCheckBox(section.label)
            box.setChecked(True)
            box.setAccessibleName(f"Print the section {section.label}")
            self.section_boxes[section] = box
            sections.addWidget(box, index // 3, index % 3)
        self.photos = QListWidget()
        self.photos.setAccessibleName("Photos to print (up to six)")
        self.photos.setMaximumHeight(110)
        self.photos.itemChanged.connect(self._limit_photos)
        self.error = QLabel()
        self.error.setStyleSheet("color: #a40000;")
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.save_if_valid)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel("Default period: since your last visit (else 3 months)."))
        form.addRow("&From:", self.since)
        form.addRow("&To:", self.until)
        form.addRow("&Notes:", self.notes)
        form.addRow("Sections:", sections)
        form.addRow("P&hotos:", self.photos)
        form.addRow(self.error)
        form.addRow(buttons)
        self._load_notes()
        self._load_photos()
        self.resize(560, 480)

    def period(self) -> tuple[date, date]:
        return pydate(self.since.date()), pydate(self.until.date())

    def _load_notes(self) -> None:
        since, until = self.period()
        if since <= until:
            self.notes.setPlainText(self.repo.report_notes.get(since, until))

    def sections(self) -> frozenset[ReportSection]:
        return frozenset(s for s, box in self.section_boxes.items() if box.isChecked())

    def photo_ids(self) -> list[int]:
        items = (self.photos.item(i) for i in range(self.photos.count()))
        return [
            item.data(Qt.ItemDataRole.UserRole)
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def _load_photos(self) -> None:
        """The period's photos, the most recent six ticked (the report's default)."""
        since, until = self.period()
        self.photos.blockSignals(True)
        self.photos.clear()
        photos = self.repo.photos.all(since, until) if since <= until else []
        for index, photo in enumerate(photos):
            label = f"{photo.day.isoformat()}  {photo.caption or photo.symptom or 'photo'}"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, photo.id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            recent = index >= len(photos) - MAX_PHOTOS
            item.setCheckState(Qt.CheckState.Checked if recent else Qt.CheckState.Unchecked)
            self.photos.addItem(item)
        if not photos:
            self.photos.addItem("No photos in this period")
        self.photos.blockSignals(False)

    def _limit_photos(self, item: QListWidgetItem) -> None:
        if item.checkState() == Qt.CheckState.Checked and len(self.photo_ids()) > MAX_PHOTOS:
            item.setCheckState(Qt.CheckState.Unchecked)
            self.error.setText(f"The report prints at most {MAX_PHOTOS} photos.")

    def save_if_valid(self) -> None:
        """Keep the notes and close; a period that ends before it starts, or no section
        chosen, is refused."""
        since, until = self.period()
        if until < since:
            self.error.setText("The period ends before it starts.")
            return
        if not self.sections():
            self.error.setText("Choose at least one section to print.")
            return
        self.accept()  # the window saves the notes as an undoable change


def _content(window: MainWindow):
    dialog = ReportDialog(window.repo, window)
    if not window.exec_dialog(dialog):
        return None
    window.changes.save_report_note(*dialog.period(), dialog.notes.toPlainText())
    from lupus_tracker.ui.tasks import describe, run_blocking

    period = dialog.period()
    sections, photo_ids = dialog.sections(), dialog.photo_ids()
    try:  # a worker thread with its own connection; charts drawn with Agg
        return run_blocking(
            window,
            "Preparing the visit report…",
            window.repo.db.path,
            lambda own: _gather_locked(own, period, sections, photo_ids),
        )
    except Exception as error:
        QMessageBox.warning(window, "Visit report", describe(error))
        return None


def _gather_locked(own, period, sections, photo_ids):
    from lupus_tracker.charts import DRAW_LOCK

    with DRAW_LOCK:  # matplotlib draws one figure at a time (the Charts page may be drawing)
        return gather(own, *period, sections=sections, photo_ids=photo_ids)


def _printer() -> QPrinter:
    from lupus_tracker.report.render_qt import page_layout

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout())
    return printer


def print_preview(window: MainWindow) -> None:
    content = _content(window)
    if content is None:
        return
    from lupus_tracker.report.render_qt import print_to

    printer = _printer()  # kept alive: the preview does not own it (a temporary crashed)
    preview = QPrintPreviewDialog(printer, window)
    preview.paintRequested.connect(lambda device: print_to(content, device))
    preview.exec()


def print_report(window: MainWindow) -> None:
    content = _content(window)
    if content is None:
        return
    from lupus_tracker.report.render_qt import print_to

    printer = _printer()
    if QPrintDialog(printer, window).exec() == QDialog.DialogCode.Accepted:
        print_to(content, printer)


def export_pdf(window: MainWindow, path: Path | None = None) -> Path | None:
    content = _content(window)
    if content is None:
        return None
    if path is None:
        name, _ = QFileDialog.getSaveFileName(
            window,
            "Export visit report",
            f"visit-report-{content.until.isoformat()}.pdf",
            "PDF (*.pdf)",
        )
        if not name:
            return None
        path = Path(name)
    from lupus_tracker.output_files import OutputFileError, check_output_path
    from lupus_tracker.report.render_qt import write_pdf

    try:
        check_output_path(path, window.repo.db.path)  # never the database, a folder, ...
    except OutputFileError as refusal:
        QMessageBox.critical(window, "Export PDF", str(refusal))
        return None

    try:
        pages = write_pdf(content, path)
    except ExchangeError as error:
        QMessageBox.critical(window, "Export PDF", str(error))
        return None
    window.statusBar().showMessage(f"Saved the {pages}-page visit report to {path}", 8000)
    return path
