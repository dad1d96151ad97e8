"""Plain explanations of clinical words where they are shown (issue 18 item 6).

Installed once on the application: when a widget's tooltip is asked for (the mouse rests
on it, or Shift+F1 / What's This), every glossary word in the text under the pointer (a
label, a button, a check box, a combo box, a tab, a table cell or a column header) adds its
plain one-line explanation to the tooltip; when a widget is shown, the same lines become
its accessible description, so a screen reader says them too. The words and lines come
from :mod:`lupus_tracker.ui.glossary`, the one place they live.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QHelpEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTabBar,
    QToolTip,
    QWidget,
)

from lupus_tracker.ui import glossary


def shown_text(widget: QWidget, pos: QPoint | None = None) -> str:
    """The text a person sees in ``widget`` (at ``pos`` for tabs, headers and cells)."""
    if isinstance(widget, QLabel):
        return widget.text()
    if isinstance(widget, QAbstractButton):
        return widget.text()
    if isinstance(widget, QGroupBox):
        return widget.title()
    if isinstance(widget, QComboBox):
        return widget.currentText()
    if isinstance(widget, QTabBar):
        index = widget.tabAt(pos) if pos is not None else widget.currentIndex()
        return widget.tabText(index) if index >= 0 else ""
    if isinstance(widget, QHeaderView) and widget.model() is not None:
        section = widget.logicalIndexAt(pos) if pos is not None else -1
        if section < 0:
            return ""
        return str(widget.model().headerData(section, widget.orientation()) or "")
    view = widget.parentWidget()
    if isinstance(view, QAbstractItemView) and widget is view.viewport() and pos is not None:
        cell = view.indexAt(pos)
        if cell.isValid():
            return str(cell.data() or "")
    return ""


def own_tip(widget: QWidget, pos: QPoint | None) -> str:
    """The tooltip the widget or item already has."""
    view = widget.parentWidget()
    if isinstance(view, QAbstractItemView) and widget is view.viewport() and pos is not None:
        index = view.indexAt(pos)
        if index.isValid():
            return str(index.data(Qt.ItemDataRole.ToolTipRole) or "")
    return widget.toolTip()


def tip_at(widget: QWidget, pos: QPoint | None = None) -> str:
    """The widget's own tooltip, then the plain line of each glossary word it shows that
    the tooltip does not already explain."""
    own = own_tip(widget, pos)
    lines = [
        glossary.line(term)
        for term in glossary.found_in(shown_text(widget, pos))
        if term.explanation not in own
    ]
    return "\n".join(part for part in (own, *lines) if part)


class TermTips(QObject):
    """The application's event filter that adds the glossary's lines (one per app)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if (
            kind == QEvent.Type.ToolTip
            and isinstance(watched, QWidget)
            and isinstance(event, QHelpEvent)
        ):
            pos = event.pos()
            text = tip_at(watched, pos)
            if text and text != own_tip(watched, pos):
                QToolTip.showText(event.globalPos(), text, watched)
                return True
        elif (
            kind == QEvent.Type.Show and isinstance(watched, QWidget) and shiboken6.isValid(watched)
        ):
            describe(watched)
        return False


def describe(widget: QWidget) -> None:
    """Give a shown widget the plain lines as its accessible description."""
    if widget.accessibleDescription():
        return
    lines = "\n".join(glossary.line(t) for t in glossary.found_in(shown_text(widget)))
    if lines:
        widget.setAccessibleDescription(lines)


def install(app: QApplication) -> TermTips:
    existing = app.findChild(TermTips)
    if existing is not None:
        return existing
    tips = TermTips(app)
    app.installEventFilter(tips)
    return tips
