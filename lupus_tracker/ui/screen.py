"""Windows and dialogs open at a size that fits the screen they are on (a 1366×768 laptop,
150 % or 200 % scaling, a large font), never with a button off-screen."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def fit_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` × ``height``, or less where the screen is smaller."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    available = screen.availableGeometry()
    widget.resize(min(width, int(available.width() * 0.96)),
                  min(height, int(available.height() * 0.90)))
