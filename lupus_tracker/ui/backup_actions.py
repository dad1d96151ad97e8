"""Backups in the app: File › Restore from Backup, the backup when a file is opened (if
none from today) and when it is closed, and what happens when a file cannot be opened
(missing, empty or damaged: offer its latest good backup, a new empty file, or cancel).

A file made by a newer version, or another program's database, is refused untouched: no
restore is offered for it.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
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
    Backup,
    backup_if_changed,
    backups_by_file_name,
    describe,
    has_backup_from_today,
    latest_good_backup,
    list_backups,
    restore_backup,
)
from lupus_tracker.store.errors import (
    DamagedFileError,
    MissingFileError,
    NewerVersionError,
    NotOurFileError,
    NotSQLiteError,
    StoreError,
)
from lupus_tracker.store.repository import Repository
from lupus_tracker.ui.tasks import open_reader, run_task

if TYPE_CHECKING:
    from lupus_tracker.store.db import Database
    from lupus_tracker.ui.main_window import MainWindow

log = logging.getLogger(__name__)
BACKUP_ERRORS = (StoreError, OSError, sqlite3.Error)


class Choice(Enum):
    RESTORE = "restore"
    NEW_EMPTY = "new"
    CANCEL = "cancel"


def backup_quietly(db: Database, parent: QWidget | None = None) -> bool:
    """The backup when a file is closed: a failure (a full disk, a file damaged while open)
    is logged without health values, told to the user, and never blocks closing."""
    try:
        backup_if_changed(db)
        return True
    except BACKUP_ERRORS as error:
        log.warning("automatic backup failed: %s", type(error).__name__)
        if parent is not None:
            QMessageBox.warning(
                parent,
                "Backup not made",
                f"The automatic backup could not be made: {error}\n\nYour "
                "data file itself is unchanged; the earlier backups are kept.",
            )
        return False


def backup_on_open(
    db: Database,
    parent: QWidget | None = None,
    on_damaged: Callable[[StoreError], None] | None = None,
) -> threading.Event:
    """When a file is opened: the end of its integrity check, then a verified backup if
    there is none from today (crashes leave no backup on close), in one background task
    once the window shows.

    A window opens its file with the check running beside it (store/integrity.py): the
    task waits for it and tells ``on_damaged`` (on the GUI thread) when it fails; a damaged
    file gets no backup (never a damaged copy among the good ones). The backup is made on
    the task's own connection (copying a 30-year file takes a few tenths of a second) and
    is written, synced and verified exactly as :func:`backup_if_changed` does. Returns an
    event set when the task has finished (the window waits for it before the backup on
    close, so two backups never run at once)."""
    finished = threading.Event()
    check = db.integrity

    def work() -> StoreError | None:
        try:
            problem = None if check is None else check.wait(None)
            if problem is None:
                with open_reader(db.path) as own:
                    if not has_backup_from_today(own.db):
                        backup_if_changed(own.db)
            return problem
        finally:
            finished.set()

    def done(problem: StoreError | None) -> None:
        if problem is not None:
            log.warning("integrity check failed on open: %s", type(problem).__name__)
            if on_damaged is not None:
                on_damaged(problem)

    def failed(error: BaseException) -> None:
        finished.set()
        log.warning("backup on open failed: %s", type(error).__name__)
        if parent is not None and hasattr(parent, "statusBar"):
            parent.statusBar().showMessage(f"No backup could be made today: {error}", 10000)

    try:
        run_task(None, work, done, failed, name="backup-on-open", owner=parent)
    except BACKUP_ERRORS as error:  # the task could not even start
        failed(error)
    return finished


def describe_backup(backup: Backup) -> str:
    """One line a person can choose from: date and time, patient, records, size."""
    info = describe(backup.path)
    size = backup.path.stat().st_size / 1e6 if backup.path.exists() else 0
    who = f"{info.patient} — " if info.patient else ""
    state = f"{info.records} records" if info.sound else "cannot be read"
    return f"{backup.taken:%A %d %B %Y, %H:%M:%S} — {who}{state}, {size:.1f} MB"


class RestoreDialog(QDialog):
    def __init__(self, backups: list[Backup], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle("Restore from backup")
        self.list = QListWidget()
        self.list.setAccessibleName("Backups, newest first")
        for backup in backups:
            item = QListWidgetItem(describe_backup(backup))
            item.setData(Qt.ItemDataRole.UserRole, str(backup.path))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        text = QLabel(
            "Choose a backup. Your current file is kept beside it before it is "
            "replaced, so nothing is lost."
            if self.list.count()
            else "There are no backups of this file yet: one is made when you open a "
            "file (once a day) and each time you close a file you changed."
        )
        text.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Restore")
        buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.list.count() > 0)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(620, 360)

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item else None


def restore_from_backup(window: MainWindow) -> None:
    path = window.repo.db.path
    dialog = RestoreDialog(list_backups(path, window.repo.identity() or ""), window)
    backup = dialog.chosen() if window.exec_dialog(dialog) else None
    if backup is None:
        return
    window.repo.close()
    try:
        kept = restore_backup(backup, path)
    except StoreError as error:
        QMessageBox.critical(window, "Restore from backup", str(error))
        window.open_path(path)
        return
    window.open_path(path)
    window.statusBar().showMessage(
        f"Restored the backup; the previous file was kept as {kept.name if kept else '(none)'}.",
        10000,
    )


def _restorable(path: Path, error: StoreError) -> bool:
    """A restore may be offered for a missing, empty, damaged or unreadable file; never for
    one made by a newer version or another program's database (refused untouched)."""
    if isinstance(error, NewerVersionError):
        return False
    if isinstance(error, NotOurFileError) and not isinstance(error, NotSQLiteError):
        return False
    return isinstance(error, (DamagedFileError, MissingFileError, NotSQLiteError))


def ask_missing_or_damaged(path: Path, error: StoreError, parent: QWidget | None) -> Choice:
    """Say what is wrong; offer the latest good backup (naming its patient and date), a new
    empty file (for a missing or empty one), or cancel."""
    latest = latest_good_backup(path) if _restorable(path, error) else None
    if latest is None and not isinstance(error, MissingFileError):
        QMessageBox.critical(parent, "Cannot open this file", str(error))
        return Choice.CANCEL  # nothing to offer: say why
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Cannot open this file")
    text = str(error)
    restore = new = None
    if latest is not None:
        info = describe(latest.path)
        who = f"of {info.patient} " if info.patient else ""
        text += (
            f"\n\nThe latest good backup {who}is from {latest.taken:%d %B %Y, %H:%M} "
            f"({info.records} records)."
        )
        restore = box.addButton("&Restore the backup", QMessageBox.ButtonRole.AcceptRole)
    if isinstance(error, MissingFileError):
        new = box.addButton("Start a &new empty file", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setText(text)
    box.exec()
    clicked = box.clickedButton()
    if restore is not None and latest is not None and clicked is restore:
        try:
            restore_backup(latest.path, path)
        except StoreError as failure:
            QMessageBox.critical(parent, "Restore from backup", str(failure))
            return Choice.CANCEL
        return Choice.RESTORE
    if new is not None and clicked is new:
        return Choice.NEW_EMPTY
    return Choice.CANCEL


def open_for_window(path: Path, parent: QWidget | None, known: bool = False) -> Repository | None:
    """Open ``path`` for the window; on a missing (``known``), empty or damaged file ask
    what to do. None when the user cancelled or the file is refused (told why)."""
    path = Path(path)
    if known and not path.exists():
        error: StoreError = MissingFileError(f"{path} is missing.")
        choice = ask_missing_or_damaged(path, error, parent)
        return _after(choice, path, parent)
    try:  # the integrity check runs beside the window (store/integrity.py)
        return Repository.open(path, defer_check=True)
    except StoreError as error:
        if not _restorable(path, error):
            QMessageBox.critical(parent, "Cannot open this file", str(error))
            return None
        return _after(ask_missing_or_damaged(path, error, parent), path, parent)


def _after(choice: Choice, path: Path, parent: QWidget | None) -> Repository | None:
    try:
        if choice is Choice.RESTORE:
            return Repository.open(path)
        if choice is Choice.NEW_EMPTY:
            return Repository.open(path, new_ok=True)
    except StoreError as error:
        QMessageBox.critical(parent, "Cannot open this file", str(error))
    return None


__all__ = ["backups_by_file_name", "open_for_window", "restore_from_backup"]
