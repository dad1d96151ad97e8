"""The chart itself as a focusable widget: shows the image a background task rendered,
names the nearest point under the mouse, moves between points with the arrow keys, and
tells a screen reader what the chart shows (its accessible name is the chart's summary).

No matplotlib here: the image and every point's position come ready from the worker
(:mod:`lupus_tracker.charts.render`), so nothing on the GUI thread waits for drawing.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QColor, QImage, QPainter, QPen
from PySide6.QtWidgets import QWidget

from lupus_tracker.charts.render import Rendered, nearest
from lupus_tracker.ui import theme

HOVER_RADIUS_PX = 20
_MOVES = {Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1, Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1}


class ChartArea(QWidget):
    def __init__(
        self,
        announce: Callable[[str], None],
        resized: Callable[[], None],
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self._announce = announce
        self._resized = resized
        self.rendered: Rendered | None = None
        self.image: QImage | None = None
        self.current: int | None = None
        self.ring_colour = "#000000"  # the current point's ring (white on a dark chart)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(320, 220)
        self.setAccessibleName("Chart")
        self.setProperty("draws_own_focus_ring", True)  # inside, over the image
        self.setAccessibleDescription("Use the arrow keys to move between points.")

    def set_rendered(self, rendered: Rendered, ratio: float) -> None:
        self.rendered = rendered
        image = QImage(
            rendered.rgba, rendered.width, rendered.height, QImage.Format.Format_RGBA8888
        ).copy()
        image.setDevicePixelRatio(ratio)
        self.image = image
        self.current = None
        self.setAccessibleName(rendered.summary or "Chart")
        QAccessible.updateAccessibility(QAccessibleEvent(self, QAccessible.Event.NameChanged))
        self.update()

    def point_text(self, index: int) -> str:
        assert self.rendered is not None
        return self.rendered.details[index]

    def select(self, index: int | None) -> None:
        """Make point ``index`` the current one and announce it (hover and keys alike)."""
        if index is None or self.rendered is None:
            return
        self.current = index
        text = self.point_text(index)
        self.setAccessibleDescription(text)
        QAccessible.updateAccessibility(
            QAccessibleEvent(self, QAccessible.Event.DescriptionChanged)
        )
        self._announce(text)
        self.update()

    def _ratio(self) -> float:
        return self.image.devicePixelRatio() if self.image is not None else 1.0

    # -- Qt event handlers ----------------------------------------------------------------
    def paintEvent(self, _event) -> None:
        painter = QPainter(self)
        if self.image is not None:
            painter.drawImage(0, 0, self.image)
        if self.rendered is not None and self.current is not None:
            ratio = self._ratio()
            painter.setPen(QPen(QColor(self.ring_colour), 2))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            centre = QPointF(
                self.rendered.xs[self.current] / ratio, self.rendered.ys[self.current] / ratio
            )
            painter.drawEllipse(centre, 9, 9)
        if self.hasFocus():  # a visible focus ring
            painter.setPen(QPen(QColor(theme.current().focus), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.rect().adjusted(1, 1, -2, -2))
        painter.end()

    def mouseMoveEvent(self, event) -> None:
        if self.rendered is None:
            return
        ratio = self._ratio()
        index = nearest(
            self.rendered,
            event.position().x() * ratio,
            event.position().y() * ratio,
            HOVER_RADIUS_PX * ratio,
        )
        if index is not None and index != self.current:
            self.select(index)

    def keyPressEvent(self, event) -> None:
        count = len(self.rendered.details) if self.rendered is not None else 0
        key = event.key()
        if not count or key not in (*_MOVES, Qt.Key.Key_Home, Qt.Key.Key_End):
            super().keyPressEvent(event)
            return
        if key == Qt.Key.Key_Home:
            index = 0
        elif key == Qt.Key.Key_End:
            index = count - 1
        elif self.current is None:
            index = 0 if _MOVES[key] > 0 else count - 1
        else:
            index = min(max(self.current + _MOVES[key], 0), count - 1)
        self.select(index)

    def focusInEvent(self, event) -> None:
        super().focusInEvent(event)
        self.update()

    def focusOutEvent(self, event) -> None:
        super().focusOutEvent(event)
        self.update()

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._resized()
