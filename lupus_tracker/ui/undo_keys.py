"""Ctrl+Z works from any field: a field undoes its own typing first; when it has nothing
left to undo, the key goes to the app's Undo (the last saved change)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit


def _field_can_undo(focused: QObject) -> bool | None:
    """Whether the focused field has typing to undo; None for widgets that are not fields."""
    widget: QObject | None = focused
    if isinstance(focused, QComboBox) and focused.lineEdit() is not None:
        widget = focused.lineEdit()
    if isinstance(widget, QLineEdit):
        return widget.isUndoAvailable()
    if isinstance(widget, QPlainTextEdit):
        return widget.document().isUndoAvailable()
    if isinstance(widget, QAbstractSpinBox):
        return False  # a spin box's value is not undone by Ctrl+Z
    return None


class UndoFallback(QObject):
    """Installed on the application: lets Ctrl+Z / Ctrl+Shift+Z reach the window's
    Undo/Redo when the focused field has nothing of its own to undo."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            is_undo = event.matches(QKeySequence.StandardKey.Undo)
            is_redo = event.matches(QKeySequence.StandardKey.Redo)
            if (is_undo or is_redo) and _field_can_undo(watched) is False:
                event.ignore()  # not claimed by the field: the shortcut goes to the window
                return True
        return False
