"""The File menu: New, Open, Open Recent, Save a Copy As, Import, Export, the visit report
(Print Preview, Print, Export PDF), the demo patient, Quit."""

from __future__ import annotations

import os
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from lupus_tracker.exchange.errors import ExchangeError
from lupus_tracker.output_files import write_atomically
from lupus_tracker.paths import data_dir, keep_to_owner, make_private_dir
from lupus_tracker.store.errors import StoreError

if TYPE_CHECKING:
    from lupus_tracker.ui.main_window import MainWindow

FILTER = "Lupus Tracker database (*.sqlite *.db);;All files (*)"
MAX_RECENT = 8


def remember_recent(settings: QSettings, path: Path) -> None:
    recent = [p for p in recent_paths(settings) if p != str(path)]  # one entry: a str
    settings.setValue("recent", [str(path), *recent][:MAX_RECENT])
    secure_settings_file(settings)


def recent_paths(settings: QSettings) -> list[str]:
    value = settings.value("recent", []) or []
    if isinstance(value, str):
        return [value]
    return [str(v) for v in value] if isinstance(value, list | tuple) else []


def secure_settings_file(settings: QSettings) -> None:
    """Qt's settings file (it names recent files) owner-only, with its own folder 0700,
    whatever the umask it was made under."""
    settings.sync()
    path = Path(settings.fileName())
    folder = path.parent
    if folder.name in ("LupusTracker", "Lupus Tracker"):  # our folder, not ~/.config
        make_private_dir(folder)
        os.chmod(folder, 0o700)
    if path.exists():
        keep_to_owner(path)


def install_report_actions(menu: QMenu, window: MainWindow) -> None:
    """Print Preview, Print and Export PDF of the visit report; the report's code (and
    Qt's print support) loads on first use, not while the window opens."""

    def report(name: str) -> None:
        from lupus_tracker.ui import report_actions

        getattr(report_actions, name)(window)

    window.add_action(menu, "Print Pre&view…", "Ctrl+Shift+P", lambda: report("print_preview"))
    window.add_action(
        menu, "&Print…", QKeySequence.StandardKey.Print, lambda: report("print_report")
    )
    window.add_action(
        menu, "Export visit report as P&DF…", "Ctrl+Shift+D", lambda: report("export_pdf")
    )


def install(window: MainWindow, menu: QMenu) -> None:
    keys = QKeySequence.StandardKey
    window.add_action(menu, "&New…", keys.New, lambda: new_file(window))
    window.add_action(menu, "&Open…", keys.Open, lambda: open_file(window))
    recent = menu.addMenu("Open &Recent")
    recent.aboutToShow.connect(lambda: _fill_recent(window, recent))
    window.add_action(menu, "Save a &Copy As…", "Ctrl+Shift+S", lambda: save_copy(window))
    menu.addSeparator()
    window.add_action(menu, "&Import…", "Ctrl+I", lambda: import_file(window))
    window.add_action(menu, "E&xport…", "Ctrl+Shift+E", lambda: export_file(window))
    menu.addSeparator()
    install_report_actions(menu, window)
    menu.addSeparator()
    from lupus_tracker.ui.backup_actions import restore_from_backup

    window.add_action(menu, "Restore from &Backup…", None, lambda: restore_from_backup(window))
    window.add_action(menu, "Open the de&mo patient", None, lambda: open_demo(window))
    menu.addSeparator()
    window.add_action(menu, "&Quit", keys.Quit, window.close)


def _fill_recent(window: MainWindow, menu: QMenu) -> None:
    menu.clear()
    paths = [p for p in recent_paths(window.settings) if p != str(window.repo.db.path)]
    if not paths:
        menu.addAction("(none)").setEnabled(False)
    for path in paths:
        menu.addAction(path, partial(window.open_path, Path(path)))


def new_file(window: MainWindow) -> None:
    name, _ = QFileDialog.getSaveFileName(window, "New database", str(data_dir()), FILTER)
    if not name:
        return
    path = Path(name)
    if path.suffix == "":
        path = path.with_suffix(".sqlite")
    if path.exists():
        QMessageBox.warning(
            window, "New database", f"{path.name} already exists; use File › Open to open it."
        )
        return
    window.open_path(path)


def open_file(window: MainWindow) -> None:
    name, _ = QFileDialog.getOpenFileName(window, "Open database", str(data_dir()), FILTER)
    if name:
        window.open_path(Path(name))


def save_copy(window: MainWindow, name: str | None = None) -> Path | None:
    """Write a copy of the open file to a new file. The open file itself (by any path: a
    link, another spelling), any database and a backups folder are refused. The copy gets
    an identity of its own, so its backups never mix with this file's."""
    if name is None:
        name, _ = QFileDialog.getSaveFileName(window, "Save a copy as", "", FILTER)
    if not name:
        return None
    db = window.repo.db

    def write(temp: Path) -> None:
        temp.unlink()
        db.write_copy(temp, new_identity=True)

    try:
        path = write_atomically(Path(name), write, database=db.path)
    except (StoreError, OSError) as error:
        QMessageBox.critical(window, "Save a copy", f"The copy was not written: {error}")
        return None
    window.statusBar().showMessage(f"Saved a copy to {path}", 5000)
    return path


def import_file(window: MainWindow) -> None:
    from lupus_tracker.ui.import_dialog import import_with_dialog

    outcome = import_with_dialog(window, window.repo)
    if outcome is not None:
        added, undo = outcome
        window.undo_stack.clear()  # an import is one whole change, not undone piecemeal
        if undo is not None:  # but a stored result it replaced or removed comes back
            window.undo_stack.push(undo.describe(), undo)
        window.refresh_pages()  # it was written on the worker's own connection
        window.statusBar().showMessage(f"Imported {added} records.", 8000)
        window.changes.ask_profile_after_import()


def export_file(window: MainWindow) -> None:
    from lupus_tracker.ui.export_dialog import export_with_dialog

    export_with_dialog(window, window.repo)


DEMO_FILE_NAME = "demo-patient.sqlite"


def demo_path() -> Path:
    return data_dir() / DEMO_FILE_NAME


def open_demo(window: MainWindow) -> None:
    """Open the demo patient: its own file, so it never mixes with real data."""
    from lupus_tracker.demo import write_demo
    from lupus_tracker.store.repository import Repository

    path = demo_path()
    try:
        with Repository.open(path) as repo:
            if repo.is_empty():
                write_demo(repo)
    except (StoreError, ExchangeError) as error:
        QMessageBox.critical(window, "Demo patient", str(error))
        return
    window.open_path(path)
