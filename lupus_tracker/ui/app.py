"""Start the desktop app: QApplication, the database, the main window.

Nothing heavy is imported before the first window shows: pandas and matplotlib load only
when a page needs them (the Charts page, exports).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from lupus_tracker.paths import default_database
from lupus_tracker.store.repository import Repository


def _open_or_ask(path: Path) -> Repository | None:
    """Open ``path``; a missing (once known), empty or damaged file offers its latest good
    backup or a new empty file; otherwise offer to choose another file."""
    from PySide6.QtCore import QSettings

    from lupus_tracker.ui.backup_actions import open_for_window
    from lupus_tracker.ui.file_actions import recent_paths, secure_settings_file

    secure_settings_file(QSettings())
    while True:
        repo = open_for_window(path, None, known=str(path) in recent_paths(QSettings()))
        if repo is not None:
            return repo
        answer = QMessageBox.question(
            None,
            "Cannot open the database",
            "Choose another database file?",
            QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Close,
        )
        if answer != QMessageBox.StandardButton.Open:
            return None
        name, _ = QFileDialog.getOpenFileName(None, "Open database", str(path.parent))
        if not name:
            return None
        path = Path(name)


def run_app(db_path: Path | None = None) -> int:
    running = QApplication.instance()
    app = running if isinstance(running, QApplication) else QApplication(sys.argv)
    app.setApplicationName("Lupus Tracker")
    app.setOrganizationName("LupusTracker")
    from lupus_tracker.logging_setup import setup_logging

    setup_logging()
    logging.getLogger(__name__).info("app started")
    repo = _open_or_ask(db_path or default_database())
    if repo is None:
        return 2
    from PySide6.QtCore import QSettings

    from lupus_tracker.ui import theme
    from lupus_tracker.ui.main_window import MainWindow

    saved = QSettings().value(theme.SETTING, theme.ThemeChoice.SYSTEM.value)
    theme.apply(app, theme.ThemeChoice(str(saved)))
    window = MainWindow(repo)
    window.show()
    try:
        return app.exec()
    finally:
        from lupus_tracker.ui.tasks import wait_idle

        wait_idle(30)  # no background task left running while the file and Qt close
        window.repo.close()
