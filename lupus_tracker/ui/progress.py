"""Run slow work in a thread with a progress dialog, so the window never freezes."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QWidget


def run_with_progress(parent: QWidget, label: str, work: Callable[[], object]) -> bool:
    """Run ``work`` in a thread; show a busy dialog after 0.5 s. True when it succeeded.

    ``work`` must not touch widgets (it may open its own database connection).
    """
    errors: list[BaseException] = []

    def target() -> None:
        try:
            work()
        except BaseException as error:
            errors.append(error)

    thread = threading.Thread(target=target, daemon=True)
    dialog = QProgressDialog(label, "", 0, 0, parent)
    dialog.setCancelButton(None)
    dialog.setMinimumDuration(0)
    dialog.reset()  # do not pop up by itself; shown below only if the work takes 0.5 s
    dialog.setWindowTitle("Please wait")
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(lambda: None if thread.is_alive() else loop.quit())
    show_later = QTimer()
    show_later.setSingleShot(True)
    show_later.timeout.connect(dialog.show)
    thread.start()
    timer.start()
    show_later.start(500)
    loop.exec()
    timer.stop()
    show_later.stop()
    dialog.close()
    if errors:
        QMessageBox.warning(parent, "Something went wrong", str(errors[0]))
        return False
    return True
