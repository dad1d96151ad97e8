"""Start the desktop app: QApplication, the database, the main window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox

from lupus_tracker.paths import default_database
from lupus_tracker.store.errors import StoreError
from lupus_tracker.store.repository import Repository


def run_app(db_path: Path | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Lupus Tracker")
    app.setOrganizationName("LupusTracker")
    path = db_path or default_database()
    try:
        repo = Repository.open(path)
    except StoreError as error:
        QMessageBox.critical(None, "Cannot open the database", str(error))
        return 2
    from lupus_tracker.ui.main_window import MainWindow

    window = MainWindow(repo)
    window.show()
    try:
        return app.exec()
    finally:
        repo.close()
