"""Show every page and dialog of Lupus Tracker in turn and have ``atspi_walk.py`` read
each through AT-SPI, as a screen reader would (issue 18 item 1).

Run in the app's venv, on a real X display, in a D-Bus session with the accessibility bus
(``test_a11y_atspi.py`` does this)::

    dbus-run-session -- env QT_QPA_PLATFORM=xcb DISPLAY=:N QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 \\
        python tests/ui/atspi_driver.py DB OUT.jsonl [WALKER_PYTHON]

The event loop keeps running while the walker reads the tree (Qt answers its D-Bus calls
on this thread): the walker is started with QProcess and a local event loop waits for it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QEventLoop, QProcess, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QWidget

HERE = Path(__file__).resolve().parent
SETTLE_MS = 400


class Walker:
    """Runs ``atspi_walk.py`` for one stage while the event loop keeps answering it."""

    def __init__(self, out: str, python: str):
        self.out = out
        self.python = python
        self.failures: list[str] = []

    def walk(self, stage: str) -> None:
        settle = QEventLoop()
        QTimer.singleShot(SETTLE_MS, settle.quit)
        settle.exec()
        process = QProcess()
        done = QEventLoop()
        process.finished.connect(done.quit)
        process.start(self.python, [str(HERE / "atspi_walk.py"), stage, self.out])
        done.exec()
        if process.exitCode() != 0:
            error = bytes(process.readAllStandardError().data()).decode(errors="replace")
            self.failures.append(f"{stage}: walker failed: {error.strip()[-400:]}")

    def dialog(self, stage: str, dialog: QWidget) -> None:
        if isinstance(dialog, QDialog):
            dialog.setModal(False)
        dialog.show()
        self.walk(stage)
        dialog.hide()
        dialog.deleteLater()


def run_stages(window, repo, walker: Walker) -> None:
    """Every page, then every dialog, each read by the walker while it is shown."""
    from lupus_tracker.ui import help_menu
    from lupus_tracker.ui.import_dialog import ImportDialog
    from tests.ui.test_shortcuts import dialogs

    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        walker.walk("page " + window.tabs.tabText(index).replace("&", ""))
    for dialog in dialogs(repo, window):
        walker.dialog(dialog.windowTitle() or type(dialog).__name__, dialog)
    sample = Path(repo.db.path).with_name("atspi-import.csv")
    sample.write_text(
        "date,kind,item,value,unit,ref_low,ref_high,lab,note\n"
        "2026-01-05,lab,c3,0.8,g/L,0.9,1.8,City Lab,\n",
        encoding="utf-8",
    )
    walker.dialog("Import preview", ImportDialog(repo, sample, window))
    box = QMessageBox(QMessageBox.Icon.Question, "Delete", "Delete this result?", parent=window)
    box.setStandardButtons(QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    walker.dialog("Message box", box)
    original = window.exec_dialog
    for name, show in (
        ("User guide", help_menu.show_guide),
        ("Keyboard shortcuts", help_menu.show_shortcuts),
        ("Data folder", help_menu.show_data_folder),
        ("About", help_menu.show_about),
    ):
        # the help dialogs open through window.exec_dialog: shown and read there instead
        window.exec_dialog = lambda dialog, name=name: walker.dialog(name, dialog) or False
        try:
            show(window)
        finally:
            window.exec_dialog = original


def start_accessibility_bus() -> None:
    """Have the session bus start the accessibility bus before Qt looks for it: Qt only
    watches for ``org.a11y.Bus``, it never asks for it to be started."""
    sender = shutil.which("dbus-send")
    if sender is None:
        raise SystemExit("dbus-send is missing (package dbus)")
    subprocess.run(
        [
            sender,
            "--session",
            "--print-reply",
            "--dest=org.a11y.Bus",
            "/org/a11y/bus",
            "org.a11y.Bus.GetAddress",
        ],
        check=True,
        capture_output=True,
        timeout=30,
    )


def main() -> int:
    db, out = sys.argv[1], sys.argv[2]
    start_accessibility_bus()
    walker_python = sys.argv[3] if len(sys.argv) > 3 else "/usr/bin/python3"
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Lupus Tracker")
    from lupus_tracker.store.repository import Repository
    from lupus_tracker.ui import tasks
    from lupus_tracker.ui.main_window import MainWindow

    Path(out).unlink(missing_ok=True)
    repo = Repository.open(Path(db))
    settings = QSettings(str(Path(out).with_suffix(".ini")), QSettings.Format.IniFormat)
    walker = Walker(out, walker_python)
    with tasks.run_inline():
        window = MainWindow(repo, settings)
        window.show()

        def run() -> None:
            try:
                run_stages(window, repo, walker)
            except Exception as error:  # reported, and the run fails
                walker.failures.append(f"{type(error).__name__}: {error}")
            app.quit()

        QTimer.singleShot(1500, run)  # the bridge registers with the registry first
        app.exec()
    repo.close()
    for failure in walker.failures:
        print(failure, file=sys.stderr)
    return 1 if walker.failures else 0


if __name__ == "__main__":
    sys.exit(main())
