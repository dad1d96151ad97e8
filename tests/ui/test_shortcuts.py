"""Keyboard shortcuts and mnemonics never clash.

Two actions with one shortcut make Qt do nothing ("Ambiguous shortcut overload": Redo had
Ctrl+Shift+Z twice); two Alt+letter mnemonics in one place make Alt+letter cycle instead of
act (Alt+L was both the Lab results tab and "Rash location"; Alt+H both the Charts tab and
"Change dose").
"""

from __future__ import annotations

from collections import Counter
from datetime import date

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenu, QWidget

from lupus_tracker.domain.records import Dose, Event, EventKind, Medication


def mnemonic(text: str) -> str | None:
    """The letter after a single '&' ('&&' is a literal ampersand)."""
    index = 0
    while (index := text.find("&", index)) != -1 and index + 1 < len(text):
        if text[index + 1] == "&":
            index += 2
            continue
        return text[index + 1].lower()
    return None


def widget_mnemonics(root: QWidget) -> list[tuple[str, str]]:
    """(letter, text) of the mnemonics reachable in ``root``: buttons, labels with a buddy,
    group boxes. Hidden widgets count too (a page's widgets exist when it is shown)."""
    found = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy()):
            text = widget.text()
        elif isinstance(widget, QGroupBox):
            text = widget.title()
        else:
            continue
        letter = mnemonic(text)
        if letter:
            found.append((letter, text))
    return found


def clashes(pairs: list[tuple[str, str]]) -> list[tuple[str, list[str]]]:
    counts = Counter(letter for letter, _ in pairs)
    return [
        (letter, [text for other, text in pairs if other == letter])
        for letter, count in counts.items()
        if count > 1
    ]


def test_no_two_actions_share_a_shortcut(make_window, demo_repo):
    window = make_window(demo_repo)
    keys: list[tuple[str, str]] = []
    for action in window.findChildren(QAction):
        for key in action.shortcuts():
            keys.append((key.toString(QKeySequence.SequenceFormat.PortableText), action.text()))
    assert keys, "no shortcut found at all"
    counts = Counter(key for key, _ in keys)
    assert [(key, [t for k, t in keys if k == key]) for key, n in counts.items() if n > 1] == []
    texts = {text for _, text in keys}
    assert "&Redo" in texts and ("Ctrl+Shift+Z", "&Redo") in keys


def test_mnemonics_unique_per_menu(make_window, demo_repo):
    window = make_window(demo_repo)
    bar = [(mnemonic(a.text()), a.text()) for a in window.menuBar().actions()]
    assert clashes(bar) == []
    menus = [a.menu() for a in window.menuBar().actions() if a.menu() is not None]
    while menus:
        menu = menus.pop()
        menu.aboutToShow.emit()
        pairs = [
            (mnemonic(a.text()), a.text())
            for a in menu.actions()
            if not a.isSeparator() and mnemonic(a.text())
        ]
        assert clashes(pairs) == [], menu.title()
        menus += [a.menu() for a in menu.actions() if isinstance(a.menu(), QMenu)]


def test_mnemonics_unique_on_each_page(make_window, demo_repo, qtbot):
    """What Alt+letter can reach while a page is shown: the menu bar, the tabs, the page."""
    window = make_window(demo_repo)
    shared = [(mnemonic(a.text()), a.text()) for a in window.menuBar().actions()]
    shared += [
        (mnemonic(window.tabs.tabText(i)), window.tabs.tabText(i))
        for i in range(window.tabs.count())
    ]
    assert clashes(shared) == []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page = window.tabs.widget(index)
        assert clashes(shared + widget_mnemonics(page)) == [], window.tabs.tabText(index)


def dialogs(repo, parent):
    from lupus_tracker.ui.lab_dialog import LabReportDialog
    from lupus_tracker.ui.photo_viewer import PhotoViewer
    from lupus_tracker.ui.profile_dialog import ProfileDialog
    from lupus_tracker.ui.response_view import ResponseView
    from lupus_tracker.ui.sledai_dialog import SledaiDialog
    from lupus_tracker.ui.treatment_dialogs import (
        DoseDialog,
        EventDialog,
        MedicationDialog,
        StopDialog,
    )

    medication = Medication(
        1, "Prednisone", date(2024, 1, 1), doses=(Dose(date(2024, 1, 1), 10, "mg", "once daily"),)
    )
    event = Event(1, date(2024, 2, 1), EventKind.FLARE, "Flare", None, None)
    return [
        LabReportDialog(repo, parent),
        MedicationDialog(parent),
        DoseDialog(medication, parent),
        StopDialog(medication, parent),
        EventDialog(parent),
        EventDialog(parent, event),
        ProfileDialog(repo, parent),
        SledaiDialog(repo, parent=parent),
        ResponseView(repo, parent),
        PhotoViewer(repo.photos.all(), 0, parent),
    ]


def test_mnemonics_unique_in_each_dialog(make_window, demo_repo):
    window = make_window(demo_repo)
    for dialog in dialogs(demo_repo, window):
        assert clashes(widget_mnemonics(dialog)) == [], dialog.windowTitle()


def test_ctrl_tab_switches_pages_even_from_a_table(make_window, demo_repo, qtbot):
    from PySide6.QtCore import Qt

    window = make_window(demo_repo)
    window.show()
    qtbot.waitExposed(window)
    window.tabs.setCurrentWidget(window.results)
    window.results.table.setFocus()
    next_page = next(a for a in window.actions() if a.text() == "Next page")
    assert "Ctrl+Tab" in [k.toString() for k in next_page.shortcuts()]
    next_page.trigger()
    assert window.tabs.currentWidget() is window.diary
    qtbot.keyClick(window.results.table, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is not window.results


def test_ctrl_z_in_a_field_with_nothing_to_undo_goes_to_the_app(make_window, repo, qtbot):
    """The field claims Ctrl+Z (ShortcutOverride accepted) only while it has typing to
    undo; then the key is left to the window's Undo action."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    window = make_window(repo)
    field = window.diary.weight

    def claimed() -> bool:
        event = QKeyEvent(
            QEvent.Type.ShortcutOverride, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier
        )
        event.ignore()
        QApplication.sendEvent(field, event)
        return event.isAccepted()

    qtbot.keyClicks(field, "6")
    assert claimed()  # the field undoes its own typing first
    field.undo()
    assert field.text() == "" and not claimed()  # nothing left: the app's Undo gets it
