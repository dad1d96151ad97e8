"""A clear focus ring around whatever has keyboard focus, in every window and both themes.

The platform styles draw focus faintly or not at all (Fusion's focused tab measured 1.08:1
against the page). One overlay follows the application's focus instead: a 3 px ring in the
theme's ``focus`` colour, which a test keeps at 3:1 or more against every background it is
drawn on (WCAG 2.1 non-text contrast). On a tab bar the ring goes round the current tab.
A widget that draws its own ring (the chart area) sets the ``draws_own_focus_ring``
property and is left alone.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, QRect, Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QMenu,
    QMenuBar,
    QTabBar,
    QWidget,
)

from lupus_tracker.ui import theme

WIDTH = 3  # px: thick enough to see at a glance, outside the widget's own border
OWN_RING = "draws_own_focus_ring"
_FOLLOWED = (QEvent.Type.Move, QEvent.Type.Resize, QEvent.Type.Show, QEvent.Type.Hide)


class FocusRing(QWidget):
    """The ring itself: a transparent, unfocusable sibling drawn above the focused widget."""

    def __init__(self, parent: QWidget):
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setObjectName("focus_ring")
        self.setAccessibleName("Focus ring")

    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        pen = QPen(QColor(theme.current().focus), WIDTH)
        pen.setJoinStyle(Qt.PenJoinStyle.MiterJoin)
        painter.setPen(pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        half = WIDTH // 2
        painter.drawRect(self.rect().adjusted(half, half, -half - 1, -half - 1))
        painter.end()


def ring_target(widget: QWidget | None) -> QWidget | None:
    """The widget the ring goes round: a combo or spin box rather than its inner line
    edit; nothing for windows, menus and widgets that draw their own ring."""
    if widget is None or not shiboken6.isValid(widget):
        return None
    parent = widget.parentWidget()
    if isinstance(parent, (QComboBox, QAbstractSpinBox)):
        widget = parent
    if widget.isWindow() or isinstance(widget, (QMenu, QMenuBar)) or widget.property(OWN_RING):
        return None
    if widget.parentWidget() is None:
        return None
    return widget


class FocusRings(QObject):
    """Moves one ring to the focused widget whenever focus moves (one per application)."""

    def __init__(self, app: QApplication):
        super().__init__(app)
        self.ring: FocusRing | None = None
        self.target: QWidget | None = None
        app.focusChanged.connect(lambda _old, new: self.follow(new))

    def follow(self, widget: QWidget | None) -> None:
        if self.target is not None and shiboken6.isValid(self.target):
            self.target.removeEventFilter(self)
            if isinstance(self.target, QTabBar):
                self.target.currentChanged.disconnect(self.place)
        self.target = ring_target(widget)
        if self.target is None:
            self._hide()
            return
        self.target.installEventFilter(self)
        if isinstance(self.target, QTabBar):
            self.target.currentChanged.connect(self.place)
        self.place()

    def _hide(self) -> None:
        if self.ring is not None and shiboken6.isValid(self.ring):
            self.ring.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.target and event.type() in _FOLLOWED:
            self.place()
        return False

    def place(self, *_args) -> None:
        """Put the ring round the target (its current tab on a tab bar), inside the area
        its parent can show."""
        target = self.target
        if target is None or not shiboken6.isValid(target) or not target.isVisible():
            self._hide()
            return
        parent = target.parentWidget()
        if parent is None:  # a window of its own: no parent to draw the ring in
            self._hide()
            return
        if self.ring is None or not shiboken6.isValid(self.ring):
            self.ring = FocusRing(parent)
        elif self.ring.parentWidget() is not parent:
            self.ring.setParent(parent)
        area = target.geometry()
        if isinstance(target, QTabBar) and target.currentIndex() >= 0:
            tab = target.tabRect(target.currentIndex())
            area = QRect(target.mapTo(parent, tab.topLeft()), tab.size())
        self.ring.setGeometry(
            area.adjusted(-WIDTH, -WIDTH, WIDTH, WIDTH).intersected(parent.rect())
        )
        self.ring.show()
        self.ring.raise_()
        self.ring.update()


def install(app: QApplication) -> FocusRings:
    """The application's focus rings (created once)."""
    existing = app.findChild(FocusRings)
    return existing if existing is not None else FocusRings(app)
