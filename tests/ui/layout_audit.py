"""Layout checks for every page and dialog at a given font, scale and screen (issue 18 item 4).

Used by ``test_a11y_layout.py`` in the test process (16 pt font) and, as a script, in a
process of its own for each screen size and QT_SCALE_FACTOR (the scale is fixed when Qt
starts)::

    QT_QPA_PLATFORM=offscreen:configfile=SCREEN.json QT_SCALE_FACTOR=1.5 \\
        python tests/ui/layout_audit.py DB [--font-pt 16] [--theme dark] [--shots DIR NAME]

prints one line per problem (nothing when every layout fits) and, with ``--shots``, saves
a PNG of every page and dialog as ``DIR/NAME-<what>.png``. Under ``QT_QPA_PLATFORM=xcb``
(Xvfb at the screen's size) the PNG is what the X server shows, grabbed from the screen.

A problem is: a window larger than the screen's free area, a window smaller than its
layout's minimum (so Qt squeezes and clips), a shown widget outside its window, a
sideways scroll bar in a form, or a text (button, label, check box, combo box, table
header) wider than the room it has.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStyle,
    QStyleOptionComboBox,
    QStyleOptionFrame,
    QTabBar,
    QWidget,
)

SLACK_PX = 1  # rounding at fractional scale factors


def _shown(root: QWidget) -> Iterator[QWidget]:
    for widget in root.findChildren(QWidget):
        if (
            widget.isVisibleTo(root)
            and widget.window() is root.window()
            and not widget.objectName().startswith("qt_")
            and widget.objectName() != "focus_ring"
            and widget.width() > 0
        ):
            yield widget


def _inside_scroll_area(widget: QWidget, root: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None and parent is not root:
        if isinstance(parent, QAbstractItemView) or (
            isinstance(parent, QScrollArea) and widget is not parent
        ):
            return True
        parent = parent.parentWidget()
    return False


def _clipped_by_parent(widget: QWidget) -> bool:
    """Part of the widget lies outside its parent (beyond rounding)."""
    parent = widget.parentWidget()
    if parent is None:
        return False
    outside = widget.geometry().adjusted(SLACK_PX, SLACK_PX, -SLACK_PX, -SLACK_PX)
    return not parent.rect().contains(outside)


def _text_room(widget: QWidget) -> tuple[str, int, int] | None:
    """(text, width it needs, width it has) for a widget whose text must not be cut."""
    metrics = widget.fontMetrics()
    if isinstance(widget, QLabel):
        text = widget.text()
        if (
            widget.wordWrap()
            or not text
            or "<" in text
            or (widget.pixmap() is not None and not widget.pixmap().isNull())
        ):
            return None
        return text, widget.minimumSizeHint().width(), widget.width()
    if isinstance(widget, (QPushButton, QCheckBox, QRadioButton)):
        text = widget.text().replace("&&", "\0").replace("&", "").replace("\0", "&")
        if not text:
            return None
        return text, widget.minimumSizeHint().width(), widget.width()
    if isinstance(widget, QComboBox):
        text = widget.currentText()
        if not text or widget.isEditable():  # typed text scrolls, as in any field
            return None
        option = QStyleOptionComboBox()
        widget.initStyleOption(option)
        field = widget.style().subControlRect(
            QStyle.ComplexControl.CC_ComboBox,
            option,
            QStyle.SubControl.SC_ComboBoxEditField,
            widget,
        )
        return text, metrics.horizontalAdvance(text) + 2, field.width()
    if isinstance(widget, QLineEdit) and not widget.text() and widget.placeholderText():
        # an empty field's hint must be read whole (it scrolls nowhere): "name,
        # abbreviation or LOINC" was cut at 16 pt
        hint = widget.placeholderText()
        return hint, metrics.horizontalAdvance(hint), _line_edit_room(widget)
    return None


def _line_edit_room(field: QLineEdit) -> int:
    """The width a line edit draws its text in: inside the frame, its text margins and
    Qt's 2 px on each side, beside any icon (a date's calendar button)."""
    option = QStyleOptionFrame()
    field.initStyleOption(option)
    contents = field.style().subElementRect(QStyle.SubElement.SE_LineEditContents, option, field)
    margins = field.textMargins()
    icons = sum(
        child.width()
        for child in field.findChildren(QWidget, options=Qt.FindChildOption.FindDirectChildrenOnly)
        if child.isVisibleTo(field)
    )
    return contents.width() - margins.left() - margins.right() - 4 - icons


def _header_problems(header: QHeaderView) -> list[str]:
    found = []
    model = header.model()
    if model is None or header.isHidden():
        return found
    metrics = header.fontMetrics()
    for section in range(header.count()):
        if header.isSectionHidden(section) or header.sectionSize(section) == 0:
            continue
        text = str(model.headerData(section, header.orientation()) or "")
        longest = max((metrics.horizontalAdvance(line) for line in text.splitlines()), default=0)
        room = header.sectionSize(section) - 8  # the style's margins
        if header.orientation().name == "Horizontal" and longest > room:
            found.append(f"header {text!r} needs {longest} px, has {room}")
        lines = max(len(text.splitlines()), 1)
        if header.orientation().name == "Horizontal" and header.height() + SLACK_PX < (
            lines * metrics.height()
        ):
            found.append(f"header {text!r} needs {lines} lines, is {header.height()} px high")
    return found


CELL_MARGIN_PX = 6  # the item delegate's text margins, both sides together
MAX_ROWS = 40  # cells checked per table: the rows on screen, at most this many


def _cell_problems(view: QAbstractItemView) -> list[str]:
    """Cells whose text is cut: wider than the column where it cannot wrap, a word wider
    than the column where it can, or a row lower than one line of text."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTableView

    found: list[str] = []
    model = view.model()
    if not isinstance(view, QTableView) or model is None or view.viewport().height() <= 0:
        return found
    metrics = view.fontMetrics()
    shown = view.viewport().height()
    least = max(view.rowHeight(0), 2 * metrics.height())  # a whole row, two lines at least
    if model.rowCount() >= 1 and shown + SLACK_PX < least:
        found.append(f"shows {shown} px of rows, a row needs {least}")
    first = max(view.rowAt(0), 0)
    last = view.rowAt(view.viewport().height() - 1)
    last = model.rowCount() - 1 if last < 0 else last
    for row in range(first, min(last, first + MAX_ROWS - 1) + 1):
        if view.isRowHidden(row):
            continue
        if view.rowHeight(row) + SLACK_PX < metrics.height():
            found.append(f"row {row} is {view.rowHeight(row)} px, a line needs {metrics.height()}")
        for column in range(model.columnCount()):
            if view.isColumnHidden(column) or view.columnWidth(column) <= 0:
                continue
            index = model.index(row, column)
            text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
            if not text:
                continue
            decoration = index.data(Qt.ItemDataRole.DecorationRole) is not None
            room = (
                view.columnWidth(column)
                - CELL_MARGIN_PX
                - (view.iconSize().width() if decoration else 0)
            )
            pieces = text.split() if view.wordWrap() else text.splitlines()
            widest = max((metrics.horizontalAdvance(p) for p in pieces), default=0)
            header = model.headerData(column, Qt.Orientation.Horizontal)
            if widest > room + SLACK_PX:
                found.append(
                    f"cell ({row}, {header!r}) {text[:40]!r} needs {widest} px, has {room}"
                )
            elif view.wordWrap():  # wrapped to the column: as many lines as the row holds?
                high = metrics.boundingRect(
                    QRect(0, 0, max(room, 1), 100_000), Qt.TextFlag.TextWordWrap, text
                ).height()
                if high > view.rowHeight(row) - 2 + SLACK_PX:
                    found.append(
                        f"cell ({row}, {header!r}) {text[:40]!r} wraps to {high} px, "
                        f"the row is {view.rowHeight(row)}"
                    )
    return found


def problems(root: QWidget, name: str) -> list[str]:
    """Everything in ``root`` (a shown window or dialog) that does not fit."""
    found = []
    screen = root.screen().availableGeometry()
    frame = root.frameGeometry()
    if frame.width() > screen.width() + SLACK_PX or frame.height() > screen.height() + SLACK_PX:
        found.append(
            f"{name}: {frame.width()}×{frame.height()} is larger than the screen's "
            f"{screen.width()}×{screen.height()}"
        )
    layout = root.layout()
    if layout is not None:
        least = layout.totalMinimumSize()
        if least.width() > root.width() + SLACK_PX or least.height() > root.height() + SLACK_PX:
            found.append(
                f"{name}: needs at least {least.width()}×{least.height()}, "
                f"has {root.width()}×{root.height()}"
            )
    whole = QRect(0, 0, root.width(), root.height())
    for widget in _shown(root):
        what = f"{name}: {type(widget).__name__} {widget.accessibleName() or widget.objectName()!r}"
        in_scroll = _inside_scroll_area(widget, root)
        if not in_scroll:
            place = QRect(widget.mapTo(root, widget.rect().topLeft()), widget.size())
            if not whole.adjusted(-SLACK_PX, -SLACK_PX, SLACK_PX, SLACK_PX).contains(place):
                found.append(f"{what} lies outside the window ({place.getRect()})")
                continue
            if _clipped_by_parent(widget) and not isinstance(widget, QTabBar):
                found.append(f"{what} is cut off by {type(widget.parentWidget()).__name__}")
        if (
            isinstance(widget, QScrollArea)
            and widget.horizontalScrollBar().maximum() > 0
            and widget.horizontalScrollBar().isVisible()
        ):
            found.append(
                f"{what} scrolls sideways ({widget.horizontalScrollBar().maximum()} px hidden)"
            )
        if isinstance(widget, QHeaderView):
            found += [f"{what}: {p}" for p in _header_problems(widget)]
        if isinstance(widget, QAbstractItemView) and not isinstance(widget, QHeaderView):
            found += [f"{what}: {p}" for p in _cell_problems(widget)]
        room = _text_room(widget)
        if room is not None and room[1] > room[2] + SLACK_PX:
            found.append(f"{what}: text {room[0]!r} needs {room[1]} px, has {room[2]}")
    return found


def _buttons_named(root: QWidget) -> list[str]:
    return [b.text() for b in root.findChildren(QAbstractButton)]


def main(argv: list[str]) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from pathlib import Path

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtGui import QFont

    app = QApplication(argv[:1])
    args = argv[1:]
    db = Path(args.pop(0))
    font_pt = float(args[args.index("--font-pt") + 1]) if "--font-pt" in args else None
    dark = "--theme" in args and args[args.index("--theme") + 1] == "dark"
    shots = (
        (Path(args[args.index("--shots") + 1]), args[args.index("--shots") + 2])
        if "--shots" in args
        else None
    )
    if font_pt:
        font = QFont(app.font())
        font.setPointSizeF(font_pt)
        app.setFont(font)
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
    from lupus_tracker.store.repository import Repository
    from lupus_tracker.ui import tasks, theme
    from lupus_tracker.ui.main_window import MainWindow
    from tests.ui.test_shortcuts import dialogs

    theme.apply(app, theme.ThemeChoice.DARK if dark else theme.ThemeChoice.LIGHT)
    found: list[str] = []
    with tasks.run_inline(), Repository.open(db) as repo:
        settings = QSettings(str(db.with_suffix(".ini")), QSettings.Format.IniFormat)
        window = MainWindow(repo, settings)
        window.show()
        done = {"ok": False}

        def audit() -> None:
            try:
                for index in range(window.tabs.count()):
                    window.tabs.setCurrentIndex(index)
                    _settle(app, 700 if shots else 150)  # a chart redraws at its new size
                    title = window.tabs.tabText(index).replace("&&", "and").replace("&", "")
                    found.extend(problems(window, f"page {title}"))
                    if shots:
                        _save(window, shots, "page-" + title)
                for dialog in [*dialogs(repo, window), *_more_dialogs(repo, window)]:
                    _fill(dialog)
                    dialog.show()
                    _settle(app)
                    found.extend(problems(dialog, f"dialog {dialog.windowTitle()!r}"))
                    if shots:
                        _save(dialog, shots, "dialog-" + dialog.windowTitle())
                    dialog.hide()
                done["ok"] = True
            finally:
                window.hide()
                app.quit()

        QTimer.singleShot(0, audit)
        app.exec()
    for line in found:
        print(line)
    return 0 if done["ok"] else 3


def _more_dialogs(repo, window) -> list[QWidget]:
    """The dialogs ``dialogs()`` does not make: insight views, the import preview, message
    boxes with the app's longest texts, and Help's four. (Export asks only through the
    file dialog: the desktop's own, or Qt's, whose "Date Modified" header is cut at 16 pt;
    not the app's layout.)"""
    from pathlib import Path

    from PySide6.QtWidgets import QMessageBox

    from lupus_tracker.ui import help_menu
    from lupus_tracker.ui.import_dialog import ImportDialog
    from lupus_tracker.ui.report_actions import ReportDialog
    from lupus_tracker.ui.t2t_view import TreatToTargetView

    sample = Path(repo.db.path).with_name("layout-import.csv")
    sample.write_text(
        "date,kind,item,value,unit,ref_low,ref_high,lab,note\n"
        "2026-01-05,lab,c3,0.8,g/L,0.9,1.8,City Lab,\n"
        "2026-01-05,lab,anti_dsdna,245,[IU]/mL,,30,City Lab,after the flare\n",
        encoding="utf-8",
    )
    boxes = [
        QMessageBox(
            QMessageBox.Icon.Warning,
            "Import",
            "The CSV header lacks the column(s) kind, item; a Lupus Tracker CSV starts with "
            "date,kind,item,value,unit,ref_low,ref_high,lab,note.",
            QMessageBox.StandardButton.Ok,
            window,
        ),
        QMessageBox(
            QMessageBox.Icon.Question,
            "Unsaved entries",
            "The symptoms you typed for 2026-11-20 are not saved yet. Save them?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            window,
        ),
    ]
    helps: list[QWidget] = []
    original = window.exec_dialog
    window.exec_dialog = lambda dialog: helps.append(dialog) or False
    try:
        for show in (
            help_menu.show_guide,
            help_menu.show_shortcuts,
            help_menu.show_data_folder,
            help_menu.show_about,
        ):
            show(window)
    finally:
        window.exec_dialog = original
    return [
        TreatToTargetView(repo, window),
        ReportDialog(repo, window),
        ImportDialog(repo, sample, window),
        *boxes,
        *helps,
    ]


def _fill(dialog: QWidget) -> None:
    """A lab report with a row typed, so its unit ("IU/mL") and what the app understood
    are measured too."""
    from lupus_tracker.ui.lab_dialog import LabReportDialog

    if isinstance(dialog, LabReportDialog):
        row = dialog.rows[0]
        row.marker.setCurrentIndex(row.marker.findData("anti_dsdna"))
        row.value.setText("245")
        row.range.setText("<30")


def _settle(app: QApplication, ms: int = 150) -> None:
    from PySide6.QtCore import QEventLoop, QTimer

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def _save(widget: QWidget, shots, what: str) -> None:
    folder, name = shots
    slug = "".join(c if c.isalnum() else "-" for c in what.lower()).strip("-")
    while "--" in slug:
        slug = slug.replace("--", "-")
    folder.mkdir(parents=True, exist_ok=True)
    if QApplication.platformName() == "xcb":  # what the X server shows: the real window
        place = widget.frameGeometry()
        shot = widget.screen().grabWindow(0, place.x(), place.y(), place.width(), place.height())
    else:
        shot = widget.grab()
    shot.save(str(folder / f"{name}-{slug}.png"))


if __name__ == "__main__":
    sys.exit(main(sys.argv))
