"""Every interactive widget in every page and dialog has a name a screen reader can say
(issue 18 item 1): an accessible name, a label that is its buddy, or a button's text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

from tests.ui.test_shortcuts import dialogs

INTERACTIVE = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QPlainTextEdit,
    QTextEdit,
)


def unnamed(root: QWidget) -> list[str]:
    """Interactive widgets in ``root`` without a name, described for the failure message."""
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    missing = []
    for widget in root.findChildren(QWidget):
        tab_stop = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        if not (isinstance(widget, INTERACTIVE) or tab_stop) or isinstance(
            widget, (QHeaderView, QTabBar)
        ):
            continue  # any Tab stop counts: AT-SPI read a tab widget as an unnamed "filler"
        if isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
            continue  # the inner line edit of a combo box or spin box
        if widget.objectName().startswith("qt_"):
            continue  # Qt's own parts (a table's corner button)
        if widget.window() is not root.window():
            continue  # a completer's popup list is a window of its own
        if widget.focusPolicy() == Qt.FocusPolicy.NoFocus and not isinstance(
            widget, QAbstractButton
        ):
            continue
        text = widget.text().replace("&", "").strip() if isinstance(widget, QAbstractButton) else ""
        if widget.accessibleName().strip() or text or id(widget) in buddies:
            continue
        missing.append(
            f"{type(widget).__name__} {widget.objectName()!r} "
            f"(placeholder {getattr(widget, 'placeholderText', lambda: '')()!r}, "
            f"tooltip {widget.toolTip()!r})"
        )
    return missing


def test_every_page_names_its_widgets(make_window, demo_repo, qtbot):
    window = make_window(demo_repo)
    window.show()
    counted = 0
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(50)
        page = window.tabs.widget(index)
        counted += len(page.findChildren(QWidget))
        assert unnamed(page) == [], window.tabs.tabText(index)
    assert counted > 100


def test_every_dialog_names_its_widgets(make_window, demo_repo):
    window = make_window(demo_repo)
    for dialog in dialogs(demo_repo, window):
        assert unnamed(dialog) == [], dialog.windowTitle()
