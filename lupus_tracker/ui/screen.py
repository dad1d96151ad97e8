"""Windows and dialogs open at a size that fits the screen they are on (a 1366×768 laptop,
150 % or 200 % scaling, a large font), never with a button off-screen; table columns are
never narrower than their header."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QHeaderView, QLineEdit, QTableView, QWidget

REFERENCE_POINT_SIZE = 10.0  # the sizes below were chosen at a 10 pt (or smaller) font


def font_scale(widget: QWidget) -> float:
    """How much larger than the reference the widget's font is (1 at 10 pt or less)."""
    points = widget.font().pointSizeF()
    return max(1.0, points / REFERENCE_POINT_SIZE) if points > 0 else 1.0


def app_font_pt(widget: QWidget, default: float = 9.0) -> float:
    """The widget's font size in points (charts draw their text at it), ``default`` when the
    font is sized in pixels."""
    points = widget.font().pointSizeF()
    return points if points > 0 else default


def room_for_hint(field: QLineEdit) -> None:
    """Make ``field`` at least wide enough to show its placeholder hint whole (at any font
    size; an empty field's hint is cut, not scrolled)."""
    hint = field.placeholderText()
    field.setMinimumWidth(field.fontMetrics().horizontalAdvance(hint) + 2 * 8)


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` × ``height`` (grown with a larger font), or less where
    the screen is smaller."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    scale = font_scale(widget)
    widget.resize(
        min(round(width * scale), int(available.width() * 0.98)),
        min(round(height * scale), int(available.height() * 0.90)),
    )


WORDS_MEASURED_ROWS = 200  # rows read for a column's longest word (a long table: the first)


def longest_word(table: QTableView, column: int) -> int:
    """Width a cell of ``column`` needs for its longest word ("Hydroxychloroquine",
    "2024-11-02"): a wrapping table can make the column narrower than its text, never
    narrower than this, or the word is cut."""
    model = table.model()
    if model is None:
        return 0
    metrics = table.fontMetrics()
    widest = 0
    for row in range(min(model.rowCount(), WORDS_MEASURED_ROWS)):
        text = str(model.index(row, column).data() or "")
        widest = max([widest, *(metrics.horizontalAdvance(word) for word in text.split())])
    if not widest:
        return 0
    from PySide6.QtWidgets import QStyle  # here: QStyle's many enums cost start-up time

    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    return widest + 2 * margin + 2  # the delegate's margins and the grid line


def fit_columns(
    table: QTableView, widest: int = 300, *, last: bool = True, spare_to_first: bool = False
) -> None:
    """Columns as wide as their text but none wider than ``widest`` (longer text wraps or
    elides) and none narrower than its header's title or, in a table whose text wraps,
    its longest word. The room left over goes to the last column, or with
    ``spare_to_first`` to the first (the row's name: a short last column of numbers is
    not stretched across the table)."""
    header: QHeaderView = table.horizontalHeader()
    if spare_to_first and header.count():
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)  # measurable
    table.resizeColumnsToContents()
    limit = widest
    count = table.model().columnCount() if table.model() is not None else 0
    sized = range(count if last else count - 1)
    titles = {c: header.sectionSizeFromContents(c).width() for c in range(count)}
    if table.wordWrap():
        titles = {c: max(width, longest_word(table, c)) for c, width in titles.items()}
    widths = {c: max(min(table.columnWidth(c), limit), titles[c]) for c in sized}
    # Too wide for the table (a large font): lower the widest columns (their text wraps)
    # to one level, never below a title, so short values (dates) stay whole and the last
    # column keeps room for its own title.
    room = table.viewport().width() - (0 if last else titles.get(count - 1, 0))
    if room > 0 and sum(widths.values()) > room:
        first = widths.get(0, 0)  # the row's name ("Hydroxychloroquine") stays whole
        rest = {c: w for c, w in widths.items() if c != 0}
        level = max(rest.values(), default=0)
        while (
            level > 0 and first + sum(min(w, max(level, titles[c])) for c, w in rest.items()) > room
        ):
            level -= 4
        widths.update({c: min(w, max(level, titles[c])) for c, w in rest.items()})
    # Too wide even at the floors: the table scrolls sideways instead of squeezing the
    # stretched last column below its title ("Dose history" cut at 150 % and 16 pt).
    needed = sum(widths.values()) + (0 if last else titles.get(count - 1, 0))
    fits = room <= 0 or needed <= table.viewport().width()
    header.setStretchLastSection(fits)
    if not fits and not last and count:
        widths[count - 1] = max(min(table.columnWidth(count - 1), limit), titles[count - 1])
    for column, width in widths.items():
        table.setColumnWidth(column, width)
    if spare_to_first and fits and count:
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
