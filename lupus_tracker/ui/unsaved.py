"""Unsaved entries are never lost without a question: Save, Discard or Cancel.

Asked before a page or dialog with typed entries would drop them: changing the day,
switching page, Ctrl+D, opening another file, quitting, Escape in a dialog.
"""

from __future__ import annotations

import enum

from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget


class Choice(enum.Enum):
    SAVE = "save"
    DISCARD = "discard"
    CANCEL = "cancel"


def ask_unsaved(parent: QWidget | None, what: str) -> Choice:
    """Ask what to do with unsaved ``what`` ("the entries for 2026-03-05")."""
    buttons = QMessageBox.StandardButton
    box = QMessageBox(
        QMessageBox.Icon.Question,
        "Unsaved changes",
        f"You have not saved {what}. Save now?",
        buttons.NoButton,
        parent,
    )
    save = box.addButton(buttons.Save)
    discard = box.addButton(buttons.Discard)
    cancel = box.addButton(buttons.Cancel)
    box.setEscapeButton(cancel)  # Escape keeps the entries
    for button, text in ((save, "&Save"), (discard, "&Discard")):  # Alt+S, Alt+D
        if button is not None:
            button.setText(text)
    box.setDefaultButton(buttons.Save)
    box.exec()
    chosen = box.clickedButton()
    if chosen is save:
        return Choice.SAVE
    if chosen is discard:
        return Choice.DISCARD
    return Choice.CANCEL


class GuardedDialog(QDialog):
    """A dialog that asks before Escape or Cancel drops what was typed, and saves with
    Ctrl+Enter (either Enter key) wherever the focus is.

    Subclasses say whether anything was typed (``has_entries``) and how to save
    (``save_if_valid``, which accepts the dialog when the entries are valid).
    """

    unsaved_what = "these entries"

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        for keys in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(keys), self, self.save_if_valid)

    def has_entries(self) -> bool:
        return False

    def save_if_valid(self) -> None:
        self.accept()

    def reject(self) -> None:  # Escape, Cancel and the window's close button come here
        if self.has_entries():
            choice = ask_unsaved(self, self.unsaved_what)
            if choice is Choice.CANCEL:
                return
            if choice is Choice.SAVE:
                self.save_if_valid()
                return
        super().reject()
