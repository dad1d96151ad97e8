"""The Charts page: switching chart and period, saving, following data changes, the latest
request winning while a chart is drawn, hover and arrow keys naming the nearest point after
every redraw, the accessible summary, the table, the empty state."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt

from lupus_tracker.domain.records import LabEntry
from lupus_tracker.ui import tasks
from lupus_tracker.ui.charts_view import ChartsView


@pytest.fixture
def inline():
    with tasks.run_inline():
        yield


def _wait_drawn(qtbot, view):
    qtbot.waitUntil(lambda: not view.busy and view.rendered is not None, timeout=30000)


def _show(view, key: str, period=None) -> None:
    view.period.setCurrentIndex(view.period.findData(period))
    view.what.setCurrentIndex(view.what.findData(key))


def test_switch_save_and_follow_changes(qtbot, demo_repo, tmp_path, inline):
    view = ChartsView(demo_repo)
    qtbot.addWidget(view)
    _show(view, "marker:c3")
    figure = view.rendered.figure
    first = len(figure.axes[0].collections)
    assert "Complement C3" in figure.axes[0].get_title()
    png, svg = tmp_path / "c3.png", tmp_path / "c3.svg"
    view.save(png)
    view.save(svg)
    assert png.read_bytes()[:4] == b"\x89PNG" and b"<svg" in svg.read_bytes()[:400]
    demo_repo.results.add(LabEntry(date(2026, 6, 29), "c3", "<0.3", "g/L", "0.82-1.67"))
    view.refresh()
    assert len(view.rendered.figure.axes[0].collections) > first  # a bound appeared
    view.what.setCurrentIndex(view.what.findData("symptoms:"))
    assert view.rendered.figure.axes[0].get_images()


def test_the_latest_choice_wins_while_a_chart_is_drawn(qtbot, demo_repo):
    view = ChartsView(demo_repo)  # starts drawing the first panel in the background
    qtbot.addWidget(view)
    assert view.busy
    view.what.setCurrentIndex(view.what.findData("panel:kidney"))
    view.what.setCurrentIndex(view.what.findData("panel:blood_counts"))
    _wait_drawn(qtbot, view)
    assert view.rendered.figure.get_suptitle().startswith("Blood counts")


def test_a_data_change_during_a_draw_draws_again(qtbot, demo_repo):
    view = ChartsView(demo_repo)
    qtbot.addWidget(view)
    _wait_drawn(qtbot, view)
    view.what.setCurrentIndex(view.what.findData("marker:c3"))
    assert view.busy
    demo_repo.results.add(LabEntry(date.today(), "c3", "0.11", "g/L", "0.9-1.8"))
    view.refresh()  # what the window does when the data changes
    _wait_drawn(qtbot, view)
    assert any("0.11" in d for d in view.rendered.details)


def test_hover_names_the_nearest_point_after_every_redraw(qtbot, demo_repo, inline):
    view = ChartsView(demo_repo)
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    for key in ("marker:c3", "marker:c4", "panel:serology"):
        _show(view, key)
        rendered = view.rendered
        ratio = view.area.devicePixelRatioF()
        for index in (1, len(rendered.details) - 2):
            x, y = rendered.xs[index] / ratio, rendered.ys[index] / ratio
            qtbot.mouseMove(view.area, QPoint(round(x) + 3, round(y) - 2))
            assert view.hover.text() == rendered.details[index]


def test_keyboard_moves_between_points_and_the_area_has_a_summary(qtbot, demo_repo, inline):
    view = ChartsView(demo_repo)
    qtbot.addWidget(view)
    _show(view, "marker:c3")
    area = view.area
    assert area.focusPolicy() & Qt.FocusPolicy.TabFocus
    name = area.accessibleName()
    assert name.startswith("Complement C3, 26 results from ") and ", latest " in name
    qtbot.keyClick(area, Qt.Key.Key_Right)
    assert view.hover.text() == view.rendered.details[0]
    qtbot.keyClick(area, Qt.Key.Key_Right)
    assert view.hover.text() == view.rendered.details[1]
    assert area.accessibleDescription() == view.rendered.details[1]
    qtbot.keyClick(area, Qt.Key.Key_End)
    assert view.hover.text() == view.rendered.details[-1]
    assert view.rendered.details[-1].startswith("29 Jun 2026") or "2026" in view.hover.text()


def test_show_as_table(qtbot, demo_repo, inline):
    view = ChartsView(demo_repo)
    qtbot.addWidget(view)
    _show(view, "marker:c3")
    view.table_button.setChecked(True)
    assert view.stack.currentWidget() is view.table
    assert view.table.rowCount() == len(view.rendered.details) == 26
    view.table_button.setChecked(False)
    assert view.stack.currentWidget() is view.area


def test_empty_file_shows_what_to_do_first(qtbot, repo, inline):
    view = ChartsView(repo)
    qtbot.addWidget(view)
    assert view.stack.currentWidget() is view.message
    assert "Add lab report" in view.message.text()
    assert "Please wait" not in view.message.text() and view.hover.text().strip() == ""
    _show(view, "marker:c3")
    assert "No Complement C3 results" in view.message.text()


def test_chart_text_follows_the_app_font(qtbot, demo_repo, inline):
    view = ChartsView(demo_repo)
    qtbot.addWidget(view)
    font = view.font()
    font.setPointSizeF(16)
    view.setFont(font)
    _show(view, "marker:c3")
    assert view.rendered.figure.axes[0].title.get_fontsize() == 18


def test_charts_follow_the_app_dark_theme(qtbot, demo_repo, inline, monkeypatch):
    from lupus_tracker.ui import theme

    monkeypatch.setattr(theme, "current", lambda: theme.DARK)
    view = ChartsView(demo_repo)
    qtbot.addWidget(view)
    _show(view, "marker:c3")
    assert view.rendered.figure.get_facecolor()[:3] == pytest.approx((30 / 255,) * 3)
    assert view.area.ring_colour == "#FFFFFF"


def test_anti_dsdna_in_two_unit_families_is_drawn_on_two_axes(qtbot, repo, inline):
    for entry in (
        LabEntry(date(2026, 3, 2), "anti_dsdna", "45", "IU/mL", "<27", "LabA", "ELISA"),
        LabEntry(date(2026, 4, 2), "anti_dsdna", "1:80", "titer", "<1:10", "LabB", "Crithidia"),
    ):
        repo.results.add(entry)
    view = ChartsView(repo)
    qtbot.addWidget(view)
    _show(view, "marker:anti_dsdna")
    axes = [ax for ax in view.rendered.figure.axes if ax.get_title(loc="left")]
    assert [ax.get_yscale() for ax in axes] == ["linear", "log"]
    assert "in IU/mL (ELISA)" in axes[0].get_title(loc="left")
    assert len(view.rendered.details) == 2  # the table and the keyboard reach both
