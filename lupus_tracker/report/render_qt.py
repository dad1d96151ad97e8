"""The one module of the core that uses Qt: the report's HTML laid out by QTextDocument and
painted page by page on a PDF writer or a printer, with the one-line header (name, birth
date, period) and the footer "page N of M" on every page.

Page size follows the locale (Letter in the US and Canada, else A4); margins of 12 mm fit
every printer. A heading never ends a page: one with too little room under it starts the
next page. The PDF is written owner-only through a private temporary file that is removed
whatever happens; Qt embeds (subsets of) the fonts it uses.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, QMarginsF, QPointF, QRectF, QSizeF, Qt, QUrl
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
)

from lupus_tracker.exchange.errors import ExchangeError
from lupus_tracker.exchange.files import write_private_by_name
from lupus_tracker.report.content import ReportContent
from lupus_tracker.report.html import image_resources, running_header, to_html

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    PagedDevice = QPdfWriter | QPrinter  # the paged devices that know their resolution

MARGIN_MM = 12  # inside every printer's unprintable edge (about 5 mm)
BAND_MM = 7.0  # header and footer bands inside the margins
KEEP_WITH_NEXT_MM = 16.0  # a heading needs this much room under it (two table rows)
LETTER_TERRITORIES = (QLocale.Country.UnitedStates, QLocale.Country.Canada)
PHOTO_MAX_PX = 900  # photos are scaled down to this (they print about 3 cm wide)


def ensure_gui_application() -> QGuiApplication:
    """QTextDocument needs a GUI application; headless runs use the offscreen platform.

    A QApplication (a QGuiApplication that also allows widgets) is made, so that the same
    process can still open dialogs afterwards."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    if app is not None:
        raise RuntimeError("the report needs a GUI application, not a console QCoreApplication")
    from PySide6.QtWidgets import QApplication

    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QApplication([])


def page_size(locale: QLocale | None = None) -> QPageSize:
    territory = (locale or QLocale()).territory()
    letter = territory in LETTER_TERRITORIES
    return QPageSize(QPageSize.PageSizeId.Letter if letter else QPageSize.PageSizeId.A4)


def page_layout(locale: QLocale | None = None) -> QPageLayout:
    return QPageLayout(
        page_size(locale),
        QPageLayout.Orientation.Portrait,
        QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM),
        QPageLayout.Unit.Millimeter,
    )


def _unreadable() -> QImage:
    """What prints in place of a photo the image libraries cannot read."""
    from PySide6.QtGui import QColor, QPainter

    picture = QImage(300, 225, QImage.Format.Format_RGB32)
    picture.fill(QColor("#e8e8e8"))
    painter = QPainter(picture)
    font = painter.font()
    font.setPixelSize(22)
    painter.setFont(font)
    painter.drawText(picture.rect(), Qt.AlignmentFlag.AlignCenter, "photo cannot\nbe shown")
    painter.end()
    return picture


def _qimage(data: bytes, photo: bool) -> QImage:
    picture = QImage.fromData(data)
    if photo and picture.isNull():
        return _unreadable()
    if photo and not picture.isNull() and max(picture.width(), picture.height()) > PHOTO_MAX_PX:
        picture = picture.scaled(
            PHOTO_MAX_PX,
            PHOTO_MAX_PX,
            Qt.AspectRatioMode.KeepAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )
    return picture


def _is_chart(block) -> bool:
    """Whether the paragraph holds a trend chart (its image resource is "chart-N")."""
    if not block.isValid():
        return False
    fragments = block.begin()
    while not fragments.atEnd():
        char_format = fragments.fragment().charFormat()
        if char_format.isImageFormat() and char_format.toImageFormat().name().startswith("chart-"):
            return True
        fragments += 1
    return False


class ReportDocument:
    """The laid-out report for one paged device (PDF writer or printer)."""

    def __init__(self, content: ReportContent, device: PagedDevice):
        ensure_gui_application()
        self.content = content
        self.device = device
        self.header = running_header(content)
        self.document = QTextDocument()
        self.document.setDocumentMargin(0)
        for name, picture in image_resources(content).items():
            self.document.addResource(
                QTextDocument.ResourceType.ImageResource,
                QUrl(name),
                _qimage(picture.data, name.startswith("photo-")),
            )
        self.document.setHtml(to_html(content))
        self.document.documentLayout().setPaintDevice(device)
        resolution = device.resolution()
        paint = device.pageLayout().paintRectPixels(resolution)
        self.band = BAND_MM / 25.4 * resolution
        self.inset = 0.5 / 25.4 * resolution
        self.width, self.height = paint.width(), paint.height()
        self.body_height = float(int(self.height - 2 * self.band))  # whole pixels: no drift
        self.document.setPageSize(QSizeF(self.width, self.body_height))
        self._keep_headings_with_next(KEEP_WITH_NEXT_MM / 25.4 * resolution)
        self._split_blocks_at_page_edges()

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

    def _relayout(self) -> None:
        """Lay the whole document out again now (Qt otherwise lays out lazily, and blocks
        after a changed one would be measured, or painted, without their lines)."""
        self.document.markContentsDirty(0, self.document.characterCount())
        self.document.documentLayout().documentSize()

    def _last_line_bottom(self, block) -> float:
        rect = self.document.documentLayout().blockBoundingRect(block)
        layout = block.layout()
        if layout is None or layout.lineCount() == 0:
            return rect.top()
        line = layout.lineAt(layout.lineCount() - 1)
        return rect.top() + line.y() + line.height()

    def _page_end(self, y: float) -> float:
        return (int(y // self.body_height) + 1) * self.body_height

    def _needs_break(self, block, room: float) -> bool:
        """A heading with too little room (or nothing) under it on its page; a paragraph
        outside a table that runs over a page edge (Qt paints a whole paragraph on both
        pages and clips it, which leaves its text twice in the PDF)."""
        top, bottom = self._first_line(block)
        if top <= 0:
            return False
        page_end = self._page_end(top)
        if block.blockFormat().headingLevel() > 0:
            following = block.next()
            next_top = self._first_line(following)[0] if following.isValid() else bottom
            return page_end - bottom < room or next_top >= page_end - 1
        last = self._last_line_bottom(block)
        if _is_chart(block) and not _is_chart(block.next()) and block.next().isValid():
            # A chart and its caption (the legend of its symbols) stay on one page.
            caption_end = self._last_line_bottom(block.next())
            return caption_end > page_end + 1 and caption_end - top < self.body_height
        return (
            last > page_end + 1
            and last - top < self.body_height / 3
            and QTextCursor(block).currentTable() is None
        )

    def _keep_headings_with_next(self, room: float) -> None:
        """Move a heading to the next page when less than ``room`` is left under it or
        what follows it starts on the next page; keep short paragraphs on one page.

        A break that would skip a page (Qt already counts the block as on the next page)
        is taken back."""
        always_before = QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore
        refused: set[int] = set()
        for _ in range(60):  # each pass moves at most one block down
            block = self.document.begin()
            while block.isValid():
                if (
                    block.blockNumber() not in refused
                    and block.blockFormat().pageBreakPolicy() != always_before
                    and self._needs_break(block, room)
                ):
                    self._break_before(block, refused)
                    break
                block = block.next()
            else:
                return

    def _break_before(self, block, refused: set[int]) -> None:
        """Start ``block`` on the next page: a page break, or where Qt would skip a page
        (a block right under a table at the page's end), a top margin that pushes it
        just past the page's end."""
        before = self._first_line(block)[0]
        page_end = self._page_end(before)
        original = QTextBlockFormat(block.blockFormat())
        fmt = QTextBlockFormat()
        fmt.setPageBreakPolicy(QTextBlockFormat.PageBreakFlag.PageBreak_AlwaysBefore)
        QTextCursor(block).mergeBlockFormat(fmt)
        self._relayout()
        if self._first_line(block)[0] < page_end + self.body_height - 1:
            return
        pushed = QTextBlockFormat(original)
        pushed.setTopMargin(original.topMargin() + page_end - before + 1)
        QTextCursor(block).setBlockFormat(pushed)
        self._relayout()
        if not page_end <= self._first_line(block)[0] < page_end + self.body_height - 1:
            QTextCursor(block).setBlockFormat(original)
            self._relayout()
        refused.add(block.blockNumber())

    def _split_blocks_at_page_edges(self) -> None:
        """Split each paragraph (a table cell's too) that runs over a page edge into two
        paragraphs where its lines already break.

        Qt paints, besides the lines inside the page's rectangle, the last line above it
        (QTextLayout::draw starts one line early); for a paragraph that runs over a page
        edge that line is the previous page's last one, painted again (clipped: invisible,
        but its text is in the PDF twice). Split, each page holds whole paragraphs only."""
        for _ in range(200):  # each pass splits one paragraph
            block = self.document.begin()
            while block.isValid():
                cut = self._page_edge_inside(block)
                if cut is not None:
                    cursor = QTextCursor(block)
                    cursor.setPosition(cut)
                    cursor.insertBlock()
                    self._relayout()
                    break
                block = block.next()
            else:
                return

    def _page_edge_inside(self, block) -> int | None:
        """The document position of the first line of ``block`` on a later page than its
        first line, or None when the block's lines are all on one page."""
        layout = block.layout()
        if layout is None or layout.lineCount() < 2:
            return None
        top = self.document.documentLayout().blockBoundingRect(block).top()
        first_page = int((top + layout.lineAt(0).y()) // self.body_height)
        for index in range(1, layout.lineCount()):
            line = layout.lineAt(index)
            if int((top + line.y()) // self.body_height) != first_page:
                return block.position() + line.textStart()
        return None

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
                # The page's own rectangle clips the painting; Qt is asked to draw only the
                # lines well inside it (inset by half a millimetre), so that a line at a page
                # edge is not painted on both pages (clipped ink still leaves text in a PDF).
                top = index * self.body_height
                painter.setClipRect(QRectF(0, top, self.width, self.body_height))
                self.document.drawContents(
                    painter,
                    QRectF(0, top + self.inset, self.width, self.body_height - 2 * self.inset),
                )
                painter.restore()
        finally:
            painter.end()
        return pages

    def _bands(self, painter: QPainter, font: QFont, number: int, pages: int) -> None:
        painter.setFont(font)
        painter.setPen(Qt.GlobalColor.black)
        top = QRectF(0, 0, self.width, self.band * 0.8)
        painter.drawText(top, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, self.header)
        painter.drawLine(QPointF(0, self.band * 0.75), QPointF(self.width, self.band * 0.75))
        bottom = QRectF(0, self.height - self.band * 0.7, self.width, self.band * 0.7)
        painter.drawText(
            bottom,
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom,
            "Lupus Tracker \u2014 patient-recorded, to discuss with the doctor",
        )
        painter.drawText(
            bottom,
            Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignBottom,
            f"page {number} of {pages}",
        )


def print_to(content: ReportContent, device: PagedDevice) -> int:
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
        if pages == 0:  # QPdfWriter reports no error when the disk is full
            raise ExchangeError(
                f"The PDF could not be written completely (is the disk "
                f"full?); {out.name} was not changed."
            )

    write_private_by_name(out, write)
    return pages
