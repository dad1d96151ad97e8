"""The Charts page: switching chart and period, saving, following data changes."""

from __future__ import annotations

from datetime import date

from lupus_tracker.domain.records import LabEntry
from lupus_tracker.ui.charts_view import ChartsView


def test_switch_save_and_follow_changes(qtbot, demo_repo, tmp_path):
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
