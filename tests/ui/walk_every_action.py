"""Walk every action a person can reach in the main window, in a process of its own.

Run by ``test_every_action.py`` as ``python tests/ui/walk_every_action.py DB MODE``: a
segmentation fault or an uncaught exception ends this process with a non-zero status, so
the test fails. Every menu action (sub-menus included), every page's buttons (with the
first row of each table selected) is triggered; a timer answers each modal dialog that
opens: our own dialogs are accepted with their Save/OK button (then closed if they refuse),
message boxes, file and print dialogs are cancelled, a print preview is closed after it
painted. Each step is printed, so a crash names the action that caused it.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, QItemSelectionModel, QSettings, QTimer
from PySide6.QtGui import QAction
from PySide6.QtPrintSupport import QPrintDialog, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QInputDialog,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QWidget,
)


def deferred(label: str) -> bool:
    """Actions that leave this file (another file, the demo) or close the window: last."""
    return "demo" in label.lower() or "Recent" in label or label.endswith("&Quit")


class DialogAnswerer:
    """Answers modal dialogs as they appear (including dialogs opened by dialogs)."""

    def __init__(self) -> None:
        self.opened: list[str] = []
        self.timer = QTimer()
        self.timer.setInterval(40)
        self.timer.timeout.connect(self.answer)
        self.timer.start()

    def answer(self) -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            for top in QApplication.topLevelWidgets():  # a modal not (yet) active
                if isinstance(top, QDialog) and top.isVisible() and top.isModal():
                    widget = top
                    break
        if widget is None or isinstance(widget, QProgressDialog):
            return
        visits = widget.property("walk_visits") or 0  # ids of deleted widgets are reused
        widget.setProperty("walk_visits", visits + 1)
        if visits == 0:
            name = f"{type(widget).__name__}: {widget.windowTitle()}"
            self.opened.append(name)
            print(f"  dialog {name}", flush=True)
        if isinstance(widget, QMessageBox):
            escape = widget.escapeButton()
            if escape is not None:
                escape.click()
            else:
                widget.reject()
        elif isinstance(widget, QPrintPreviewDialog):
            if visits >= 2:  # let it paint the pages first
                widget.reject()
        elif isinstance(widget, (QFileDialog, QPrintDialog)) or not isinstance(widget, QDialog):
            widget.close() if not isinstance(widget, QDialog) else widget.reject()
        elif visits == 0 and type(widget).__name__ == "SledaiDialog":
            # outside this timer's call: the question it opens is answered by the next one
            QTimer.singleShot(0, lambda: _change_the_visit_with_ticks(widget))
        elif visits == 0 or (visits == 1 and type(widget).__name__ == "SledaiDialog"):
            if isinstance(widget, QInputDialog) and not widget.textValue():
                widget.setTextValue("Walked symptom")  # "Add your own symptom…" adds one
            accept = _accept_button(widget)
            if accept is not None:
                accept.click()
            else:
                widget.reject()
        elif visits >= 2:  # refused to save: close without the unsaved-entries question
            QDialog.done(widget, QDialog.DialogCode.Rejected)


def _change_the_visit_with_ticks(dialog) -> None:
    """Tick an item and type another visit date: the keep/save/discard/stay question
    opens (answered by its Escape button, "stay", by this timer) and the walk goes on."""
    first = next(iter(dialog.boxes.values()))
    first.setChecked(not first.isChecked())
    dialog.visit.setText("2020-01-02")
    print(f"  visit date after the question: {dialog.visit.text()}", flush=True)


def _accept_button(dialog: QDialog) -> QAbstractButton | None:
    for box in dialog.findChildren(QDialogButtonBox):
        for button in box.buttons():
            role = box.buttonRole(button)
            if (
                role
                in (QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.YesRole)
                and button.isEnabled()
            ):
                return button
    return None


def settle(ms: int = 120) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def menu_actions(menu: QMenu, path: str = "") -> list[tuple[str, QAction]]:
    menu.aboutToShow.emit()  # menus filled when shown (Open Recent)
    found = []
    for action in menu.actions():
        if action.isSeparator():
            continue
        label = f"{path}{menu.title()} › {action.text()}"
        if action.menu() is not None:
            found.extend(menu_actions(action.menu(), f"{path}{menu.title()} › "))
        else:
            found.append((label, action))
    return found


def select_first_rows(page: QWidget) -> None:
    for view in page.findChildren(QAbstractItemView):
        model = view.model()
        if isinstance(view, QHeaderView) or not view.isVisible() or model is None:
            continue
        if model.rowCount() > 0:
            flags = (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
            view.selectionModel().setCurrentIndex(model.index(0, 0), flags)


def page_buttons(window) -> list[tuple[str, int, str]]:
    """(page title, page index, button text) of every visible push button on each page."""
    found = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        settle(300)
        page = window.tabs.widget(index)
        for button in page.findChildren(QAbstractButton):
            if button.isVisible() and button.text():
                found.append((window.tabs.tabText(index), index, button.text()))
    return found


def click_page_button(window, index: int, text: str) -> None:
    window.tabs.setCurrentIndex(index)
    settle(150)
    page = window.tabs.widget(index)
    select_first_rows(page)
    for button in page.findChildren(QAbstractButton):
        if button.text() == text and button.isVisible() and button.isEnabled():
            button.click()
            return


def walk(db: Path, settings_path: Path) -> int:
    from lupus_tracker.store.repository import Repository
    from lupus_tracker.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication([])
    settings = QSettings(str(settings_path), QSettings.Format.IniFormat)
    window = MainWindow(Repository.open(db), settings)
    window.show()
    answerer = DialogAnswerer()
    settle(300)
    steps: list[tuple[str, Callable[[], object]]] = []
    for title, index, text in page_buttons(window):
        steps.append(
            (f"button {title} › {text}", lambda i=index, t=text: click_page_button(window, i, t))
        )
    for action in window.menuBar().actions():
        if action.menu() is not None:
            steps += [
                (f"action {label}", found.trigger)
                for label, found in menu_actions(action.menu())
                if found.isEnabled()
            ]
    # what leaves this file (another file, the demo) or closes the window comes last
    steps.sort(key=lambda step: (deferred(step[0]), step[0].endswith("&Quit")))
    for label, trigger in steps:
        print(label, flush=True)
        trigger()
        settle()
    answerer.timer.stop()
    print(f"walked {len(steps)} steps, {len(answerer.opened)} dialogs", flush=True)
    app.processEvents()
    return 0


if __name__ == "__main__":
    sys.excepthook = lambda *info: (traceback.print_exception(*info), os._exit(3))
    sys.exit(walk(Path(sys.argv[1]), Path(sys.argv[2])))
