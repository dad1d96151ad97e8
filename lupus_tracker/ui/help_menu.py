"""The Help menu: a short user guide (offline, inside the app), the keyboard shortcuts,
where the data lives, and About (version, data file, backups, licence)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from lupus_tracker import __version__
from lupus_tracker.paths import backups_dir, log_dir
from lupus_tracker.ui import glossary
from lupus_tracker.ui.screen import fit_to_screen

if TYPE_CHECKING:
    from lupus_tracker.ui.main_window import MainWindow

GUIDE = (
    """
<h2>Lupus Tracker — a short guide</h2>
<p>Everything stays in one file on this computer. Nothing is sent anywhere.</p>
<h3>Lab results</h3>
<p><b>Edit › Add lab report</b> (Ctrl+L): one form per printed report. It opens on the
report's date: type the date printed on it (or keep today's) and press Enter. Type the marker's
name, abbreviation or LOINC code (for example <i>c3</i>, <i>dsdna</i>, <i>4485-9</i>),
the value exactly as printed (<i>&lt;0.5</i>, <i>1:160</i>, <i>0,62</i>), the unit and the
report's reference range. Enter moves to the next field; a new row appears when you use the
last one; Ctrl+Enter saves. Beside each row the app shows what it understood, for example
“= 0.78 g/L, LOW against 0.9–1.8 (lab's range)”. Nothing is saved until every row is
valid.</p>
<h3>Symptoms</h3>
<p><b>Edit › Log symptoms for today</b> (Ctrl+D): a severity from 0 (none) to 10 (worst) for
each symptom, the kind of rash, temperature and weight, a note and photos. Ctrl+S saves the
day. If you change the day or leave with unsaved entries, the app asks whether to save.</p>
<h3>Medications and events</h3>
<p>Add a medication with its dose, unit and how often (Ctrl+M). A taper is a series of
<b>dose changes</b>; stopping keeps the history and the reason. Record flares, infusions,
hospital stays, visits and eye exams as <b>events</b> (Ctrl+E).</p>
<h3>Undo</h3>
<p>Every change can be undone with Ctrl+Z and redone with Ctrl+Shift+Z (or Ctrl+Y).
Deleting asks nothing: the status bar says what was deleted and Ctrl+Z brings it back.</p>
<h3>Charts, insight and the visit report</h3>
<p>The Charts page shows one marker over time against each result's own lab range, panels,
symptoms and SLEDAI-2K. <b>Insight</b> computes SLEDAI-2K for a visit (Ctrl+K) and the
treatment response. <b>File › Print Preview</b> (Ctrl+Shift+P) prepares a report to bring to
your doctor. These are numbers to discuss with your doctor, never a diagnosis.</p>
<h3>Flags</h3>
<p><b>LOW / HIGH</b>: the value is below / above the range printed by the lab. The word is
always written out; colour only repeats it.</p>
"""
    + glossary.help_html()
    + """
<h3>Your data</h3>
<p>A backup is made automatically; <b>File › Restore from Backup</b> brings an earlier copy
back (your current file is kept beside it). <b>Help › Show data folder</b> says where the
files are.</p>
"""
)


def install(window: MainWindow) -> QMenu:
    menu = window.menuBar().addMenu("&Help")
    window.add_action(
        menu, "&User guide", QKeySequence.StandardKey.HelpContents, lambda: show_guide(window)
    )
    window.add_action(menu, "&Keyboard shortcuts", None, lambda: show_shortcuts(window))
    window.add_action(menu, "Show data &folder", None, lambda: show_data_folder(window))
    window.add_action(menu, "&About Lupus Tracker", None, lambda: show_about(window))
    return menu


def _dialog(
    parent: QWidget, title: str, body: QWidget, extra: str | None = None, on_extra=None
) -> QDialog:
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    if extra:
        button = buttons.addButton(extra, QDialogButtonBox.ButtonRole.ActionRole)
        button.clicked.connect(on_extra)
    buttons.rejected.connect(dialog.reject)
    buttons.accepted.connect(dialog.accept)
    layout = QVBoxLayout(dialog)
    layout.addWidget(body, 1)
    layout.addWidget(buttons)
    return dialog


def show_guide(window: MainWindow) -> None:
    text = QTextBrowser()
    text.setHtml(GUIDE)
    text.setAccessibleName("User guide")
    dialog = _dialog(window, "User guide", text)
    fit_to_screen(dialog, 640, 600)  # never taller than the screen (200 %)
    window.exec_dialog(dialog)


def shortcut_rows(window: MainWindow) -> list[tuple[str, str]]:
    """(what, keys) for every menu action with a shortcut, and the keys of the forms."""
    rows = []
    for top in window.menuBar().actions():
        menu = top.menu()
        if not isinstance(menu, QMenu):
            continue
        for action in menu.actions():
            keys = ", ".join(
                k.toString(QKeySequence.SequenceFormat.NativeText) for k in action.shortcuts()
            )
            if keys:
                rows.append((f"{top.text()} › {action.text()}".replace("&", ""), keys))
    rows += [
        ("Next field / previous field", "Tab / Shift+Tab"),
        ("Lab report: next field; save on the empty last row", "Enter"),
        ("Lab report: save", "Ctrl+Enter"),
        ("Symptoms: save the day", "Ctrl+S"),
        ("A date: open the calendar", "Alt+Down"),
        ("Go to a page", "Alt + the underlined letter"),
    ]
    return rows


def show_shortcuts(window: MainWindow) -> None:
    rows = shortcut_rows(window)
    table = QTableWidget(len(rows), 2)
    table.setHorizontalHeaderLabels(["What", "Keys"])
    table.setAccessibleName("Keyboard shortcuts")
    for row, (what, keys) in enumerate(rows):
        table.setItem(row, 0, QTableWidgetItem(what))
        table.setItem(row, 1, QTableWidgetItem(keys))
    table.resizeColumnsToContents()
    table.horizontalHeader().setStretchLastSection(True)
    dialog = _dialog(window, "Keyboard shortcuts", table)
    fit_to_screen(dialog, 620, 560)
    window.exec_dialog(dialog)


def where_text(window: MainWindow) -> str:
    path = window.repo.db.path
    return (
        f"<p>Your data file:<br><code>{path}</code></p>"
        f"<p>Automatic backups:<br><code>{backups_dir(path)}</code></p>"
        f"<p>Log files (no health values):<br><code>{log_dir()}</code></p>"
    )


def show_data_folder(window: MainWindow) -> None:
    label = QLabel(where_text(window))
    label.setWordWrap(True)
    label.setAccessibleName("Where your data is")
    folder = window.repo.db.path.parent
    from PySide6.QtCore import QUrl  # here: QUrl's enums cost start-up time
    from PySide6.QtGui import QDesktopServices

    dialog = _dialog(
        window,
        "Data folder",
        label,
        "&Open the folder",
        lambda: QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))),
    )
    window.exec_dialog(dialog)


def show_about(window: MainWindow) -> None:
    label = QLabel(
        f"<h3>Lupus Tracker {__version__}</h3>"
        "<p>Track lupus labs, symptoms, medications and events on your own "
        "computer. Information to discuss with your doctor, never a diagnosis."
        "</p>" + where_text(window) + "<p>Free software under the MIT licence.</p>"
    )
    label.setWordWrap(True)
    label.setAccessibleName("About Lupus Tracker")
    window.exec_dialog(_dialog(window, "About Lupus Tracker", label))
