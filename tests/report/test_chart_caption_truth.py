"""The chart caption names the dashed period-start line only when the charts draw it (they
draw it when the charts start before the period, for context)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from lupus_tracker.report.html_sections import charts_html


def _content(since: date, until: date) -> SimpleNamespace:
    chart = SimpleNamespace(width_mm=80.0, caption="")
    return SimpleNamespace(since=since, until=until, charts=[chart])


def test_a_short_period_names_the_dashed_start_line():
    html = charts_html(_content(date(2026, 9, 1), date(2026, 11, 29)))  # type: ignore[arg-type]
    assert "Dashed line: start of the period." in html


def test_a_period_as_long_as_the_charts_does_not_name_a_line_that_is_not_drawn():
    html = charts_html(_content(date(2025, 1, 1), date(2026, 11, 29)))  # type: ignore[arg-type]
    assert "Dashed line" not in html
    assert "Under each column: prednisone-equivalent mg/day and events." in html
