"""SLEDAI-2K over time, with the activity bands shaded and events overlaid.
Built from plain data (assessments and events)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from lupus_tracker.charts.marker import (
    concise_dates,
    day_numbers,
    draw_events,
    empty_figure,
    x_limits,
)
from lupus_tracker.charts.style import ChartStyle, apply_to_figure, chart_style
from lupus_tracker.domain.records import Event
from lupus_tracker.domain.sledai import BAND_SCHEME

if TYPE_CHECKING:
    from lupus_tracker.charts.figure import ChartFigure

# The one band scheme (domain.sledai.BAND_SCHEME) in the style's three fills: none or mild
# 0-5, moderate 6-10, high or very high 11 and more.
BAND_LIMITS = ((0, 5.5, "none or mild"), (5.5, 10.5, "moderate"), (10.5, 200, "high or very high"))


def build_sledai_figure(
    assessments: Sequence,
    events: Sequence[Event] = (),
    since: date | None = None,
    until: date | None = None,
    style: ChartStyle | None = None,
    *,
    size_in: tuple[float, float] = (9.0, 4.0),
) -> ChartFigure:
    """``assessments``: records with ``visit_on`` and ``score``."""
    from lupus_tracker.charts.figure import ChartFigure, point_set

    style = style or chart_style()
    points = [
        a
        for a in assessments
        if (since is None or a.visit_on >= since) and (until is None or a.visit_on <= until)
    ]
    if not points:
        return empty_figure(
            "No SLEDAI-2K assessments in this period.\nScore a visit with "
            "Insight › SLEDAI-2K (Ctrl+K).",
            style,
            size_in,
        )
    figure = ChartFigure(figsize=size_in, layout="constrained")
    ax = figure.subplots()
    top = max([a.score for a in points] + [12]) + 3
    for (low, high, label), colour in zip(BAND_LIMITS, style.activity_bands, strict=True):
        ax.axhspan(low, min(high, top), color=colour, zorder=0, label=f"{label} activity")
    days, scores = [a.visit_on for a in points], [a.score for a in points]
    line = ax.scatter(day_numbers(days), scores, color=style.colour(0), zorder=3, label="SLEDAI-2K")
    ax.plot(day_numbers(days), scores, color=style.colour(0), gid="series:sledai")
    for a in points:
        ax.annotate(
            str(a.score),
            (day_numbers([a.visit_on])[0], a.score),
            xytext=(0, 6),
            textcoords="offset points",
            ha="center",
            fontsize=style.small_pt,
            color=style.text,
        )
    ax.set_xlim(*x_limits(days, since, until))
    ax.set_ylim(0, top)
    ax.set_ylabel("SLEDAI-2K score", fontsize=style.font_pt)
    ax.set_title(f"SLEDAI-2K at visits (bands: {BAND_SCHEME})", fontsize=style.title_pt)
    draw_events(ax, events, style)
    ax.legend(
        fontsize=style.small_pt,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        labelcolor=style.text,
    )
    concise_dates(ax)
    apply_to_figure(figure, style)
    figure.chart_points = [
        point_set(line, [f"{a.visit_on.strftime('%d %b %Y')}: SLEDAI-2K {a.score}" for a in points])
    ]
    latest = points[-1]
    figure.chart_summary = (
        f"SLEDAI-2K, {len(points)} assessments from "
        f"{points[0].visit_on.strftime('%b %Y')} to "
        f"{latest.visit_on.strftime('%b %Y')}, latest {latest.score}"
    )
    return figure
