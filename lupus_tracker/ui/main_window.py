"""The main window (a minimal one until the desktop-app issue builds the real views)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMainWindow

from lupus_tracker.store.repository import Repository


class MainWindow(QMainWindow):
    def __init__(self, repo: Repository):
        super().__init__()
        self.repo = repo
        self.setWindowTitle(f"Lupus Tracker — {repo.db.path.name}")
        counts = repo.counts()
        self.summary = QLabel(
            f"{counts['results']} lab results, {counts['symptoms']} symptom entries, "
            f"{counts['medications']} medications, {counts['events']} events"
        )
        self.summary.setMargin(24)
        self.setCentralWidget(self.summary)
        self.resize(900, 600)
