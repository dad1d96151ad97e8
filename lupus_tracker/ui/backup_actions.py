"""File › Restore from Backup, the automatic backup when a file is closed, and the offer
of the latest good backup when a file cannot be opened."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from lupus_tracker.store.backup import (
    backup_if_changed,
    latest_good_backup,
    list_backups,
    restore_backup,
)
from lupus_tracker.store.errors import StoreError

if TYPE_CHECKING:
    from lupus_tracker.ui.main_window import MainWindow

log = logging.getLogger(__name__)


def backup_quietly(db) -> None:
    """Back up on close; a failure is logged (no health data) and never blocks closing."""
    try:
        backup_if_changed(db)
    except (StoreError, OSError) as error:
        log.warning("automatic backup failed: %s", type(error).__name__)


class RestoreDialog(QDialog):
    def __init__(self, db_path: Path, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.list = QListWidget()
        for backup in list_backups(db_path):
            item = QListWidgetItem(backup.taken.strftime("%A %d %B %Y, %H:%M:%S"))
            item.setData(256, str(backup.path))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        text = QLabel("Choose a backup. Your current file is kept beside it before it is "
                      "replaced, so nothing is lost." if self.list.count() else
                      "There are no backups of this file yet: one is made each time you "
                      "close a file you changed.")
        text.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Restore")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.list.count() > 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(460, 360)

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(256)) if item else None


def restore_from_backup(window: MainWindow) -> None:
    path = window.repo.db.path
    dialog = RestoreDialog(path, window)
    if not window.exec_dialog(dialog) or dialog.chosen() is None:
        return
    backup = dialog.chosen()
    window.repo.close()
    try:
        kept = restore_backup(backup, path)
    except StoreError as error:
        QMessageBox.critical(window, "Restore from backup", str(error))
        window.open_path(path)
        return
    window.open_path(path)
    window.statusBar().showMessage(f"Restored the backup; the previous file was kept as "
                                   f"{kept.name if kept else '(none)'}.", 10000)


def offer_backup(path: Path, error: StoreError, parent: QWidget | None = None) -> bool:
    """A file that cannot be opened: offer its latest good backup. True if restored."""
    latest = latest_good_backup(path)
    if latest is None:
        return False
    answer = QMessageBox.question(
        parent, "Restore from backup?",
        f"{error}\n\nA good backup from {latest.taken.strftime('%d %B %Y %H:%M')} exists. "
        "Restore it? The damaged file is kept beside it.")
    if answer != QMessageBox.StandardButton.Yes:
        return False
    restore_backup(latest.path, path)
    return True
