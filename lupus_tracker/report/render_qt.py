"""The one module of the core that uses Qt: the report's HTML laid out by QTextDocument and
written to a PDF (QPdfWriter) or a printer (QPrinter).

Page size follows the locale (Letter in the US and Canada, else A4); margins of 15 mm fit
every printer. The PDF is written owner-only through a private temporary file that is
removed whatever happens.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QSizeF, QUrl
from PySide6.QtGui import (
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextDocument,
)

from lupus_tracker.exchange.errors import ExchangeError
from lupus_tracker.exchange.files import write_private_by_name
from lupus_tracker.report.content import ReportContent
from lupus_tracker.report.html import to_html

MARGIN_MM = 15
LETTER_TERRITORIES = (QLocale.Country.UnitedStates, QLocale.Country.Canada)


def ensure_gui_application() -> QGuiApplication:
    """QTextDocument needs a GUI application; headless runs use the offscreen platform.

    A QApplication (a QGuiApplication that also allows widgets) is made, so that the same
    process can still open dialogs afterwards."""
    app = QGuiApplication.instance()
    if app is None:
        from PySide6.QtWidgets import QApplication

        if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        app = QApplication([])
    return app


def page_size(locale: QLocale | None = None) -> QPageSize:
    territory = (locale or QLocale()).territory()
    letter = territory in LETTER_TERRITORIES
    return QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4)


def page_layout(locale: QLocale | None = None) -> QPageLayout:
    return QPageLayout(page_size(locale), QPageLayout.Orientation.Portrait,
                       QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
                       QPageLayout.Unit.Millimeter)


def build_document(content: ReportContent) -> QTextDocument:
    ensure_gui_application()
    document = QTextDocument()
    names = []
    for index, (_, png) in enumerate(content.charts):
        name = f"chart-{index}.png"
        document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name),
                             QImage.fromData(png))
        names.append(name)
    document.setHtml(to_html(content, names))
    return document


def print_to(document: QTextDocument, device: QPagedPaintDevice) -> None:
    """Lay the document out on the device's page and print it (a PDF writer or printer).

    Without a page size of its own, QTextDocument lays itself out on the device's paint
    rectangle at the device's resolution, so point sizes come out true on paper."""
    document.setPageSize(QSizeF())
    document.print_(device)


def count_pdf_pages(data: bytes) -> int:
    """Pages in a PDF that Qt wrote (one ``/Type /Page`` object per page)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def write_pdf(content: ReportContent, out: Path, locale: QLocale | None = None) -> int:
    """Write the report to ``out`` (0600); returns the number of pages."""
    document = build_document(content)
    pages = 0

    def write(temp: Path) -> None:
        nonlocal pages
        writer = QPdfWriter(str(temp))
        writer.setResolution(300)
        writer.setTitle("Lupus visit summary")
        writer.setCreator("Lupus Tracker")
        writer.setPageLayout(page_layout(locale))
        print_to(document, writer)
        del writer  # finishes the file
        pages = count_pdf_pages(temp.read_bytes())
        if pages == 0:  # QPdfWriter reports no error when the disk is full
            raise ExchangeError(f"The PDF could not be written completely (is the disk "
                                f"full?); {out.name} was not changed.")

    write_private_by_name(out, write)
    return pages
