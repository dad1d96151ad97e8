"""The one module of the core that uses Qt: the report's HTML laid out by QTextDocument and
painted page by page on a PDF writer or a printer, with the one-line header (name, birth
date, period) and the footer "page N of M" on every page.

Page size follows the locale (Letter in the US and Canada, else A4); margins of 15 mm fit
every printer. A heading never ends a page: one with too little room under it starts the
next page. The PDF is written owner-only through a private temporary file that is removed
whatever happens; Qt embeds (subsets of) the fonts it uses.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QImage,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
)

from lupus_tracker.exchange.files import write_private_by_name
from lupus_tracker.report.content import ReportContent
from lupus_tracker.report.html import image_resources, running_header, to_html

MARGIN_MM = 15
BAND_MM = 7.0  # header and footer bands inside the margins
KEEP_WITH_NEXT_MM = 22.0  # a heading needs this much room under it on its page
LETTER_TERRITORIES = (QLocale.Country.UnitedStates, QLocale.Country.Canada)
PHOTO_MAX_PX = 900  # photos are scaled down to this (they print about 3 cm wide)


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


def _qimage(data: bytes, photo: bool) -> QImage:
    picture = QImage.fromData(data)
    if photo and not picture.isNull() and max(picture.width(), picture.height()) > PHOTO_MAX_PX:
        picture = picture.scaled(PHOTO_MAX_PX, PHOTO_MAX_PX, Qt.AspectRatioMode.KeepAspectRatio,
                                 Qt.TransformationMode.SmoothTransformation)
    return picture


class ReportDocument:
    """The laid-out report for one paged device (PDF writer or printer)."""

    def __init__(self, content: ReportContent, device: QPagedPaintDevice):
        ensure_gui_application()
        self.content = content
        self.device = device
        self.header = running_header(content)
        self.document = QTextDocument()
        self.document.setDocumentMargin(0)
        for name, picture in image_resources(content).items():
            self.document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(name),
                                      _qimage(picture.data, name.startswith("photo-")))
        self.document.setHtml(to_html(content))
        self.document.documentLayout().setPaintDevice(device)
        resolution = device.resolution()
        paint = device.pageLayout().paintRectPixels(resolution)
        self.band = BAND_MM / 25.4 * resolution
        self.width, self.height = paint.width(), paint.height()
        self.body_height = self.height - 2 * self.band
        self.document.setPageSize(QSizeF(self.width, self.body_height))
        self._keep_headings_with_next(KEEP_WITH_NEXT_MM / 25.4 * resolution)

    def page_count(self) -> int:
        return self.document.pageCount()

    def _first_line(self, block) -> tuple[float, float]:
        """Top and bottom of a block's first line in document coordinates (a line that did
        not fit is pushed down inside its block, onto the next page)."""
        top = self.document.documentLayout().blockBoundingRect(block).top()
        layout = block.layout()
        if layout is None or layout.lineCount() == 0:
            return top, top
        line = layout.lineAt(0)
        return top + line.y(), top + line.y() + line.height()

    def _keep_headings_with_next(self, room: float) -> None:
        """Move a heading to the next page when less than ``room`` is left under it, or when
        what follows it starts on the next page."""
        always_before = QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore
        for _ in range(50):  # each pass moves at most one heading down
            block = self.document.begin()
            while block.isValid():
                fmt = block.blockFormat()
                if fmt.headingLevel() > 0 and fmt.pageBreakPolicy() != always_before:
                    top, bottom = self._first_line(block)
                    page_end = (int(top // self.body_height) + 1) * self.body_height
                    following = block.next()
                    next_top = self._first_line(following)[0] if following.isValid() \
                        else bottom
                    if top > 0 and (page_end - bottom < room or next_top >= page_end - 1):
                        moved = QTextBlockFormat()
                        moved.setPageBreakPolicy(always_before)
                        QTextCursor(block).mergeBlockFormat(moved)
                        break
                block = block.next()
            else:
                return

    def paint(self) -> int:
        """Paint every page on the device; returns the number of pages."""
        pages = self.page_count()
        painter = QPainter(self.device)
        try:
            small = QFont("DejaVu Sans")
            small.setPointSizeF(7.5)
            for index in range(pages):
                if index:
                    self.device.newPage()
                self._bands(painter, small, index + 1, pages)
                painter.save()
                painter.translate(0, self.band - index * self.body_height)
                # One device pixel short of the page: a line laid out exactly at the top of
                # the next page is not also painted (clipped, yet still in the PDF's text).
                self.document.drawContents(painter, QRectF(
                    0, index * self.body_height, self.width, self.body_height - 1))
                painter.restore()
        finally:
            painter.end()
        return pages

    def _bands(self, painter: QPainter, font: QFont, number: int, pages: int) -> None:
        painter.setFont(font)
        painter.setPen(Qt.GlobalColor.black)
        top = QRectF(0, 0, self.width, self.band * 0.8)
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                         self.header)
        painter.drawLine(QPointF(0, self.band * 0.75), QPointF(self.width, self.band * 0.75))
        bottom = QRectF(0, self.height - self.band * 0.7, self.width, self.band * 0.7)
        painter.drawText(bottom, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
                         "Lupus Tracker \u2014 patient-recorded, to discuss with the doctor")
        painter.drawText(bottom, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
                         f"page {number} of {pages}")


def print_to(content: ReportContent, device: QPagedPaintDevice) -> int:
    """Lay the report out for ``device`` (a PDF writer or printer) and paint every page."""
    return ReportDocument(content, device).paint()


def count_pdf_pages(data: bytes) -> int:
    """Pages in a PDF that Qt wrote (one ``/Type /Page`` object per page)."""
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))


def write_pdf(content: ReportContent, out: Path, locale: QLocale | None = None) -> int:
    """Write the report to ``out`` (0600); returns the number of pages."""
    ensure_gui_application()
    pages = 0

    def write(temp: Path) -> None:
        nonlocal pages
        writer = QPdfWriter(str(temp))
        writer.setResolution(300)
        writer.setTitle("Lupus visit summary")
        writer.setCreator("Lupus Tracker")
        writer.setPageLayout(page_layout(locale))
        print_to(content, writer)
        del writer  # finishes the file
        pages = count_pdf_pages(temp.read_bytes())

    write_private_by_name(out, write)
    return pages
