"""Work that is not needed to show the window runs just after its first paint.

Qt runs a zero-delay timer started before ``show()`` *before* the window's first paint
(checked with the offscreen and xcb platforms), so ``QTimer.singleShot(0, …)`` alone still
delays the first picture. :func:`after_first_paint` waits for the widget's first paint
event instead. A widget that is not visible when the event loop first runs (tests, a page
built hidden) gets the work then, and a shown widget that is never painted (a window
minimised at start) gets it after ``LATEST_MS`` at most.
"""

from __future__ import annotations

from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

LATEST_MS = 500  # never wait longer than this for a paint that may not come


class _FirstPaint(QObject):
    """Watches one widget until its first paint, then runs each waiting job once."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.widget = widget
        self.jobs: list[Callable[[], None]] = []
        self.done = False
        QTimer.singleShot(0, self, self._first_loop)
        QTimer.singleShot(LATEST_MS, self, self._run)

    def _first_loop(self) -> None:
        """The event loop's first turn, still before the first paint: watch for it from
        now on (not earlier: every event the widget gets while it is built would go
        through Python)."""
        if self.widget.isVisible():
            self.widget.installEventFilter(self)
        else:  # nothing will be painted first: run now
            self._run()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.widget and event.type() == QEvent.Type.Paint:
            self.widget.removeEventFilter(self)
            QTimer.singleShot(0, self, self._run)  # once this paint has finished
        return False

    def _run(self) -> None:
        if self.done:
            return
        self.done = True
        if shiboken6.isValid(self.widget):
            self.widget.removeEventFilter(self)
        jobs, self.jobs = self.jobs, []
        for job in jobs:
            job()


def after_first_paint(widget: QWidget, job: Callable[[], None]) -> None:
    """Run ``job`` once, on the GUI thread, just after ``widget``'s first paint (see the
    module's docstring for a widget that is not shown); at once when the event loop next
    runs if the widget has been painted already."""
    watcher = widget.findChild(_FirstPaint, options=Qt.FindChildOption.FindDirectChildrenOnly)
    if watcher is not None and watcher.done:
        QTimer.singleShot(0, widget, job)
        return
    if watcher is None:
        watcher = _FirstPaint(widget)
    watcher.jobs.append(job)
