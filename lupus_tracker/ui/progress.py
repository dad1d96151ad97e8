"""Run slow work off the GUI thread with a busy dialog, so the window never freezes.

A thin wrapper over :func:`lupus_tracker.ui.tasks.run_blocking` for work that needs no
database connection of its own; a failure is logged and shown in one sentence.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from lupus_tracker.ui.tasks import describe, run_blocking


def run_with_progress(parent: QWidget, label: str, work: Callable[[], object]) -> bool:
    """Run ``work`` in a thread; show a busy dialog after 0.5 s. True when it succeeded.

    ``work`` must not touch widgets (use :mod:`lupus_tracker.ui.tasks` for a connection).
    """
    try:
        run_blocking(parent, label, None, work)
    except Exception as error:
        QMessageBox.warning(parent, "Something went wrong", describe(error))
        return False
    return True
