"""Undo and Redo for every change: the window's history holds only the store's change
objects (:mod:`lupus_tracker.store.changes`), never SQL or transactions.

Each entry keeps the change that undoes it; undoing applies that change in one transaction
and keeps the change it returns for Redo. An undo or redo that fails (a locked file, a row
changed in another window since) says why and leaves the history where it was, so the
user can try again; unlike ``QUndoStack``, whose index moves even when ``undo()`` fails.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox, QWidget

from lupus_tracker.domain.records import InvalidEntryError
from lupus_tracker.store.errors import StoreError

if TYPE_CHECKING:
    from lupus_tracker.store.changes import Change
    from lupus_tracker.store.repository import Repository

USER_ERRORS = (StoreError, InvalidEntryError, ValueError)


@dataclass(frozen=True)
class Outcome:
    """What running a change gave: ``ok`` False when it failed (and was explained)."""

    ok: bool
    value: object = None


FAILED = Outcome(False)


@dataclass
class _Entry:
    text: str
    pending: Change  # undoes the entry while it is done, redoes it once undone


# Method names follow QUndoStack (canUndo, undoText, createUndoAction) for familiarity.
class ChangeHistory(QObject):
    """The window's undo history (method names as ``QUndoStack``'s, for familiarity)."""

    changed = Signal()
    performed = Signal(str)  # "Undone: …" / "Redone: …", for the status bar

    def __init__(self, parent: QWidget, repository: Callable[[], Repository]):
        super().__init__(parent)
        self._window = parent
        self._repository = repository
        self._entries: list[_Entry] = []
        self._index = 0  # entries before the index are done

    # -- recording ------------------------------------------------------------------------
    def push(self, text: str, inverse: Change) -> None:
        """Record a change already carried out, with the change that undoes it."""
        del self._entries[self._index :]
        self._entries.append(_Entry(text, inverse))
        self._index = len(self._entries)
        self.changed.emit()

    def clear(self) -> None:
        self._entries.clear()
        self._index = 0
        self.changed.emit()

    # -- undo and redo ----------------------------------------------------------------------
    def undo(self) -> bool:
        if not self.canUndo():
            return False
        entry = self._entries[self._index - 1]
        if not self._apply(entry, "undo"):
            return False
        self._index -= 1
        self.changed.emit()
        self.performed.emit(f"Undone: {entry.text}")
        return True

    def redo(self) -> bool:
        if not self.canRedo():
            return False
        entry = self._entries[self._index]
        if not self._apply(entry, "redo"):
            return False
        self._index += 1
        self.changed.emit()
        self.performed.emit(f"Redone: {entry.text}")
        return True

    def _apply(self, entry: _Entry, verb: str) -> bool:
        try:
            entry.pending = entry.pending.apply(self._repository())
        except USER_ERRORS as error:
            QMessageBox.warning(
                self._window, f"Could not {verb}", f"Could not {verb} “{entry.text}”: {error}"
            )
            return False
        return True

    # -- state --------------------------------------------------------------------------------
    def count(self) -> int:
        return len(self._entries)

    def index(self) -> int:
        return self._index

    def canUndo(self) -> bool:
        return self._index > 0

    def canRedo(self) -> bool:
        return self._index < len(self._entries)

    def undoText(self) -> str:
        return self._entries[self._index - 1].text if self.canUndo() else ""

    def redoText(self) -> str:
        return self._entries[self._index].text if self.canRedo() else ""

    # -- menu actions ---------------------------------------------------------------------------
    def createUndoAction(self, parent: QObject, prefix: str = "&Undo") -> QAction:
        return self._action(parent, prefix, self.undo, self.canUndo, self.undoText)

    def createRedoAction(self, parent: QObject, prefix: str = "&Redo") -> QAction:
        return self._action(parent, prefix, self.redo, self.canRedo, self.redoText)

    def _action(
        self,
        parent: QObject,
        prefix: str,
        run: Callable[[], bool],
        possible: Callable[[], bool],
        text: Callable[[], str],
    ) -> QAction:
        action = QAction(prefix, parent)

        def update() -> None:
            action.setEnabled(possible())
            action.setText(f"{prefix} {text()}".strip())

        action.triggered.connect(lambda: run())
        self.changed.connect(update)
        update()
        return action
