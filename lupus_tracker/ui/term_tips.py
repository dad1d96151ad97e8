"""Plain explanations of clinical words where they are shown (issue 18 item 6).

Installed once on the application: when a widget's tooltip is asked for (the mouse rests
on it, or Shift+F1 / What's This), every glossary word in the text under the pointer (a
label, a button, a check box, a combo box, a tab, a table cell or a column header) adds its
plain one-line explanation to the tooltip; when a widget is shown, the same lines become
its accessible description, so a screen reader says them too. The words and lines come
from :mod:`lupus_tracker.ui.glossary`, the one place they live.

A label keeps its description current while it is on screen: when its text changes (a
status line, an inline error, a chart or dashboard summary) the description is rebuilt at
the label's next paint (the same event loop turn) and a DescriptionChanged accessibility
event is sent, not only at its next show. A label with an accessible name of its own
("Report problems") is read by its name, which hides its text: its description then starts
with the text itself, so the message is heard. A description set by the code is never
replaced.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QHelpEvent, QTextDocumentFragment
from PySide6.QtGui import Qt as QtGuiNamespace  # mightBeRichText lives in QtGui's Qt
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
    if pos is None:
        return ""  # a cell only under the pointer (a view's viewport is not read on show)
    view = widget.parentWidget()
    if isinstance(view, QAbstractItemView) and widget is view.viewport():
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
            (
                kind == QEvent.Type.Show
                or (kind == QEvent.Type.Paint and isinstance(watched, QLabel))
            )
            and isinstance(watched, QWidget)
            and shiboken6.isValid(watched)
        ):
            describe(watched)
        return False


DESCRIBED_FROM = "term_tips_text"  # dynamic property: the text the description was made from
DESCRIBED_AS = "term_tips_description"  # dynamic property: the description set here


def plain(text: str) -> str:
    """A label's text as a screen reader should hear it (rich text without its tags)."""
    if QtGuiNamespace.mightBeRichText(text):
        return QTextDocumentFragment.fromHtml(text).toPlainText().strip()
    return text.strip()


def description_for(widget: QWidget, text: str) -> str:
    """The text itself when a name of the widget's own hides it (a label), then the plain
    line of each glossary word in it."""
    lines = [glossary.line(t) for t in glossary.found_in(text)]
    if isinstance(widget, QLabel) and widget.accessibleName():
        said = plain(text)
        if said and said != widget.accessibleName():
            lines.insert(0, said)
    return "\n".join(lines)


def describe(widget: QWidget) -> None:
    """Give a widget the plain lines (and a named label its text) as its accessible
    description, again whenever its text has changed; tell assistive technology."""
    text = shown_text(widget)
    if not text and not widget.property(DESCRIBED_AS):
        return  # nothing to say and nothing of ours to take back (most widgets): untouched
    if widget.property(DESCRIBED_FROM) == text:
        return  # nothing changed since the last time (most paints)
    widget.setProperty(DESCRIBED_FROM, text)
    current = widget.accessibleDescription()
    if current and current != widget.property(DESCRIBED_AS):
        return  # the code's own description
    wanted = description_for(widget, text)
    if wanted == current:
        return
    widget.setAccessibleDescription(wanted)
    widget.setProperty(DESCRIBED_AS, wanted)
    if QAccessible.isActive():  # a screen reader listens: tell it (no one else needs it)
        QAccessible.updateAccessibility(
            QAccessibleEvent(widget, QAccessible.Event.DescriptionChanged)
        )


def install(app: QApplication) -> TermTips:
    existing = app.findChild(TermTips)
    if existing is not None:
        return existing
    tips = TermTips(app)
    app.installEventFilter(tips)
    return tips
