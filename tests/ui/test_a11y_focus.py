"""Focus is always visible (issue 18 item 2): a ring of at least 3:1 goes round every
focusable widget of every page and dialog, in both themes, the focused tab included."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QTabBar, QWidget

from lupus_tracker.charts.style import Theme as ChartTheme
from lupus_tracker.charts.style import chart_style
from lupus_tracker.ui import focus_ring, theme
from tests.ui.test_shortcuts import dialogs

AA_GRAPHICS = 3.0


@pytest.mark.parametrize("chosen", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_focus_ring_colour_stands_out_3_to_1(chosen):
    ratios = {
        name: round(theme.contrast(fg, bg), 2) for name, (fg, bg) in chosen.graphic_pairs().items()
    }
    assert len(ratios) >= 5
    assert {name: r for name, r in ratios.items() if r < AA_GRAPHICS} == {}
    chart = chart_style(ChartTheme.DARK if chosen is theme.DARK else ChartTheme.LIGHT)
    assert theme.contrast(chosen.focus, chart.background) >= AA_GRAPHICS  # the chart area


@pytest.fixture
def themed():
    app = QApplication.instance()
    before = app.palette()
    yield lambda choice: theme.apply(app, choice)
    theme.apply(app, theme.ThemeChoice.LIGHT)
    app.setPalette(before)


def focusable(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if w.isVisibleTo(root)
        and w.isEnabled()
        and w.window() is root.window()
        and w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and focus_ring.ring_target(w) is w
    ]


def ring_for(qtbot, widget: QWidget) -> focus_ring.FocusRing:
    rings = focus_ring.install(QApplication.instance())
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: rings.target is widget, timeout=1000)
    ring = rings.ring
    assert ring is not None and ring.isVisible()
    return ring


def in_window(widget: QWidget, rect: QRect | None = None) -> QRect:
    rect = rect or widget.rect()
    return QRect(widget.mapTo(widget.window(), rect.topLeft()), rect.size())


def assert_ring_drawn(qtbot, widget: QWidget, colours: theme.Theme) -> None:
    """The ring surrounds (or, at the window's edge, covers the edge of) the widget, and
    its pixels have the theme's focus colour."""
    ring = ring_for(qtbot, widget)
    area = in_window(ring)
    target = in_window(widget)
    if isinstance(widget, QTabBar):
        target = in_window(widget, widget.tabRect(widget.currentIndex()))
    assert area.intersected(target).size() == target.intersected(area).size()
    assert area.adjusted(-1, -1, 1, 1).contains(target.intersected(area))
    image = widget.window().grab().toImage()
    ratio = image.devicePixelRatio()
    middle = area.center()
    edge = QPoint(area.left() + 1, middle.y())
    pixel = QColor(image.pixel(round(edge.x() * ratio), round(edge.y() * ratio)))
    assert pixel.name() == QColor(colours.focus).name(), type(widget).__name__


@pytest.mark.parametrize("choice", [theme.ThemeChoice.LIGHT, theme.ThemeChoice.DARK])
def test_every_focusable_widget_on_every_page_gets_the_ring(
    make_window, demo_repo, qtbot, themed, choice
):
    colours = themed(choice)
    window = make_window(demo_repo)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    checked: set[tuple[str, str]] = set()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        qtbot.wait(20)
        page = window.tabs.widget(index)
        widgets = focusable(page)
        assert widgets, window.tabs.tabText(index)
        for widget in widgets:
            kind = (window.tabs.tabText(index), type(widget).__name__)
            if kind in checked:  # every widget gets the ring; pixels once per kind
                ring_for(qtbot, widget)
                continue
            checked.add(kind)
            assert_ring_drawn(qtbot, widget, colours)
    assert_ring_drawn(qtbot, window.tabs.tabBar(), colours)  # the focused tab
    kinds = {kind for _, kind in checked}
    assert {"QPushButton", "QTableView", "QLineEdit"} <= kinds


def test_every_dialog_shows_the_ring(make_window, demo_repo, qtbot, themed):
    colours = themed(theme.ThemeChoice.DARK)
    window = make_window(demo_repo)
    for dialog in dialogs(demo_repo, window):
        qtbot.addWidget(dialog)
        dialog.show()
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        seen = set()
        for widget in focusable(dialog):
            if type(widget) in seen:
                ring_for(qtbot, widget)
                continue
            seen.add(type(widget))
            assert_ring_drawn(qtbot, widget, colours)
        assert seen, dialog.windowTitle()
        dialog.hide()


def test_the_ring_follows_a_combo_box_not_its_inner_field_and_leaves_the_chart_alone():
    from PySide6.QtWidgets import QComboBox

    from lupus_tracker.ui.chart_area import ChartArea

    host = QWidget()
    combo = QComboBox(host)
    combo.setEditable(True)
    assert focus_ring.ring_target(combo.lineEdit()) is combo
    assert focus_ring.ring_target(ChartArea(lambda _t: None, lambda: None, host)) is None
    assert focus_ring.ring_target(host) is None  # a window
