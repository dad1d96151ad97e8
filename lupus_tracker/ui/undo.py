"""Undo/Redo for every change: each user action runs once against the repository, then
enters the window's QUndoStack as a command that can undo and redo it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand


class DoneCommand(QUndoCommand):
    """An action already carried out; ``undo`` and ``redo`` reverse and repeat it.

    Running the action before pushing means a refused change (bad input, a locked file)
    is reported to the user and never enters the stack half-done.
    """

    def __init__(self, text: str, undo: Callable[[], object], redo: Callable[[], object]):
        super().__init__(text)
        self._undo = undo
        self._redo = redo
        self._first = True

    def redo(self) -> None:
        if self._first:
            self._first = False
            return
        self._redo()

    def undo(self) -> None:
        self._undo()
