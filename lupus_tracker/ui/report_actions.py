"""File › Print Preview, Print and Export PDF for the visit report, with a small dialog to
choose the period and write the notes and questions for the doctor (saved per period)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
)

from lupus_tracker.exchange.errors import ExchangeError
from lupus_tracker.report.content import default_period, gather
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
        self.notes = QPlainTextEdit()
        self.notes.setPlaceholderText("Your notes and questions for the doctor")
        self.notes.setTabChangesFocus(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #a40000;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save_if_valid)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel("Default period: since your last visit (else 3 months)."))
        form.addRow("&From:", self.since)
        form.addRow("&To:", self.until)
        form.addRow("&Notes:", self.notes)
        form.addRow(self.error)
        form.addRow(buttons)
        self._load_notes()
        self.resize(520, 380)

    def period(self):
        return pydate(self.since.date()), pydate(self.until.date())

    def _load_notes(self) -> None:
        since, until = self.period()
        if since <= until:
            self.notes.setPlainText(self.repo.report_notes.get(since, until))

    def save_if_valid(self) -> None:
        """Keep the notes and close; a period that ends before it starts is refused."""
        since, until = self.period()
        if until < since:
            self.error.setText("The period ends before it starts.")
            return
        self.repo.report_notes.set(since, until, self.notes.toPlainText())
        self.accept()


def _content(window: MainWindow):
    dialog = ReportDialog(window.repo, window)
    if not window.exec_dialog(dialog):
        return None
    from lupus_tracker.ui.tasks import describe, run_blocking

    period = dialog.period()
    try:  # a worker thread with its own connection; charts drawn with Agg
        return run_blocking(window, "Preparing the visit report…", window.repo.db.path,
                            lambda own: gather(own, *period))
    except Exception as error:
        QMessageBox.warning(window, "Visit report", describe(error))
        return None


def _printer() -> QPrinter:
    from lupus_tracker.report.render_qt import page_layout

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout())
    return printer


def print_preview(window: MainWindow) -> None:
    content = _content(window)
    if content is None:
        return
    from lupus_tracker.report.render_qt import build_document, print_to

    document = build_document(content)
    printer = _printer()  # kept alive: the preview does not own it (a temporary crashed)
    preview = QPrintPreviewDialog(printer, window)
    preview.paintRequested.connect(lambda device: print_to(document, device))
    preview.exec()


def print_report(window: MainWindow) -> None:
    content = _content(window)
    if content is None:
        return
    from lupus_tracker.report.render_qt import build_document, print_to

    printer = _printer()
    if QPrintDialog(printer, window).exec() == QDialog.DialogCode.Accepted:
        print_to(build_document(content), printer)


def export_pdf(window: MainWindow, path: Path | None = None) -> Path | None:
    content = _content(window)
    if content is None:
        return None
    if path is None:
        name, _ = QFileDialog.getSaveFileName(
            window, "Export visit report", f"visit-report-{content.until.isoformat()}.pdf",
            "PDF (*.pdf)")
        if not name:
            return None
        path = Path(name)
    from lupus_tracker.report.render_qt import write_pdf

    try:
        pages = write_pdf(content, path)
    except ExchangeError as error:
        QMessageBox.critical(window, "Export PDF", str(error))
        return None
    window.statusBar().showMessage(f"Saved the {pages}-page visit report to {path}", 8000)
    return path


def install_report_actions(menu: QMenu, window: MainWindow) -> None:
    window.add_action(menu, "Print Pre&view…", "Ctrl+Shift+P", lambda: print_preview(window))
    window.add_action(menu, "&Print…", QKeySequence.StandardKey.Print,
                      lambda: print_report(window))
    window.add_action(menu, "Export visit report as P&DF…", "Ctrl+Shift+D",
                      lambda: export_pdf(window))
