"""Each keyboard shortcut acts only where it belongs (patient review: PySide6 6.12 ignores
``QShortcut(..., context=...)`` given beside a slot, so a shortcut meant for one field or
page came out window-wide: Alt+Down opened a date's calendar from the Unit field).

Audited: every QShortcut and every shortcut on a button or action in ``lupus_tracker/ui``.
Menu actions (Ctrl+L, Ctrl+Z, ...) are window-wide on purpose; the dialogs' Ctrl+Enter
accepts from any field on purpose; the rest is tested here.
"""

from __future__ import annotations

import ast
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

import lupus_tracker.ui

UI = Path(lupus_tracker.ui.__file__).parent
CTRL = Qt.KeyboardModifier.ControlModifier


def test_no_shortcut_is_given_its_context_as_a_keyword():
    """``QShortcut(keys, parent, slot, context=...)`` silently keeps the window-wide
    context under PySide6 6.12: the context must be set with ``setContext``."""
    offenders = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "QShortcut"
                and any(k.arg == "context" for k in node.keywords)
            ):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def test_no_button_carries_a_window_wide_key_of_its_own():
    """A button's shortcut acts from every field of its window (the Lab results' Delete
    button took Delete from the filters): keys for one table live on the table."""
    offenders = []
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and getattr(node.func, "attr", "") == "setShortcut"
                and isinstance(node.func.value, ast.Name)
                and node.func.value.id not in ("action", "undo")  # menu actions
            ):
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []


def _shown(window, qtbot) -> None:
    """Shown and active: Qt fires no shortcut in an inactive window."""
    window.show()
    qtbot.waitExposed(window)
    with qtbot.waitActive(window):
        window.activateWindow()


def test_ctrl_s_saves_the_diary_only_on_the_symptoms_page(make_window, repo, qtbot):
    window = make_window(repo)
    _shown(window, qtbot)
    diary = window.diary
    saved: list[object] = []
    diary.save_requested.connect(lambda *args: saved.append(args[0]))
    bar = window.tabs.tabBar()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page = window.tabs.currentWidget()
        field = page.focusWidget() or page
        before = len(saved)
        for target in (bar, field):
            target.setFocus()
            qtbot.keyClick(target, Qt.Key.Key_S, CTRL)
        if page is diary:
            assert len(saved) == before + 2, "Ctrl+S on the Symptoms page (tabs, field) saves"
        else:
            assert len(saved) == before, f"Ctrl+S on {window.tabs.tabText(index)} saved"
    assert len(saved) == 2
    window.tabs.setCurrentWidget(diary)
    diary.note.setFocus()
    qtbot.keyClick(diary.note, Qt.Key.Key_S, CTRL)
    assert len(saved) == 3


def test_delete_acts_on_the_results_table_only(make_window, demo_repo, qtbot):
    window = make_window(demo_repo)
    _shown(window, qtbot)
    window.tabs.setCurrentWidget(window.results)
    page = window.results
    asked: list[object] = []
    page.delete_requested.disconnect()
    page.delete_requested.connect(asked.append)
    page.table.selectRow(0)
    for field in (page.marker, page.since, page.until):
        field.setFocus()
        qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert asked == [], "Delete in a filter field asked to delete the selected result"
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert asked == [page.selected()] and asked[0] is not None


def test_page_keys_in_the_compare_list_move_that_list_not_the_photo(
    make_window, repo, tmp_path, qtbot
):
    from lupus_tracker.ui.photo_viewer import PhotoViewer

    window = make_window(repo)
    for day in ("2026-03-01", "2026-03-08", "2026-03-15"):
        picture = tmp_path / f"{day}.png"
        image = QImage(40, 30, QImage.Format.Format_RGB32)
        image.fill(0x336699)
        image.save(str(picture), "PNG")
        window.diary.set_day(date.fromisoformat(day))
        window.diary.attach_file(str(picture))
    viewer = PhotoViewer(sorted(repo.photos.all(), key=lambda p: p.day), 0, window)
    qtbot.addWidget(viewer)
    _shown(viewer, qtbot)
    viewer.compare.setChecked(True)
    viewer.compare_with.setFocus()
    qtbot.keyClick(viewer.compare_with, Qt.Key.Key_PageDown)
    assert viewer.index == 0, "PgDown in the compare list stepped the main photo"
    assert viewer.compare_with.currentIndex() != 0
    viewer.next_button.setFocus()
    qtbot.keyClick(viewer.next_button, Qt.Key.Key_PageDown)
    qtbot.keyClick(viewer.next_button, Qt.Key.Key_Right)
    assert viewer.index == 2  # elsewhere PgDown and Right still step the photos
    assert QApplication.activeWindow() is viewer
