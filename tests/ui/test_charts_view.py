"""The Charts page: switching chart and period, saving, following data changes, the latest
request winning while a chart is drawn, hover after every redraw."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.domain.records import LabEntry
from lupus_tracker.ui import tasks
from lupus_tracker.ui.charts_view import ChartsView


@pytest.fixture
def inline():
    with tasks.run_inline():
        yield


def _wait_drawn(qtbot, view):
    qtbot.waitUntil(lambda: not view.busy and view.canvas is not None, timeout=20000)


def test_switch_save_and_follow_changes(qtbot, demo_repo, tmp_path, inline):
    view = ChartsView(demo_repo)
    qtbot.addWidget(view)
    view.what.setCurrentIndex(view.what.findData("marker:c3"))
    view.period.setCurrentIndex(view.period.findData(None))  # all
    first = len(view.canvas.figure.axes[0].collections)
    assert "Complement C3" in view.canvas.figure.axes[0].get_title()
    png, svg = tmp_path / "c3.png", tmp_path / "c3.svg"
    view.save(png)
    view.save(svg)
    assert png.read_bytes()[:4] == b"\x89PNG" and b"<svg" in svg.read_bytes()[:400]
    demo_repo.results.add(LabEntry(date(2026, 6, 29), "c3", "<0.3", "g/L", "0.82-1.67"))
    view.refresh()
    assert len(view.canvas.figure.axes[0].collections) > first  # a bound marker appeared
    view.what.setCurrentIndex(view.what.findData("symptoms:"))
    assert view.canvas.figure.axes[0].get_images()


def test_the_latest_choice_wins_while_a_chart_is_drawn(qtbot, demo_repo):
    view = ChartsView(demo_repo)  # starts drawing the first panel in the background
    qtbot.addWidget(view)
    assert view.busy
    view.what.setCurrentIndex(view.what.findData("panel:kidney"))
    view.what.setCurrentIndex(view.what.findData("panel:blood_counts"))
    _wait_drawn(qtbot, view)
    assert view.canvas.figure.get_suptitle().startswith("Blood counts")


def test_a_data_change_during_a_draw_draws_again(qtbot, demo_repo):
    view = ChartsView(demo_repo)
    qtbot.addWidget(view)
    _wait_drawn(qtbot, view)
    view.what.setCurrentIndex(view.what.findData("marker:c3"))
    assert view.busy
    demo_repo.results.add(LabEntry(date.today(), "c3", "0.11", "g/L", "0.9-1.8"))
    view.refresh()  # what the window does when the data changes
    _wait_drawn(qtbot, view)
    shown = [d for a in view.canvas.figure.lupus_points for d in a.lupus_details]
    assert any("0.11" in d for d in shown)


def test_hover_names_the_nearest_point_after_every_redraw(qtbot, demo_repo, inline):
    from matplotlib.backend_bases import MouseEvent

    view = ChartsView(demo_repo)
    qtbot.addWidget(view)
    view.resize(900, 600)
    for key in ("c3", "c4"):
        view.what.setCurrentIndex(view.what.findData(f"marker:{key}"))
        figure = view.canvas.figure
        figure.canvas.draw()
        points = figure.lupus_points[0]
        x, y = points.axes.transData.transform(points.get_offsets()[1])
        view.hover.setText("")
        MouseEvent("motion_notify_event", view.canvas, x + 2, y + 1)._process()
        assert view.hover.text() == points.lupus_details[1]
