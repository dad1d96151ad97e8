"""Symptoms: a calendar heat map (day x severity) and a weekly-average trend per symptom,
with events overlaid. Built from a symptoms DataFrame (columns date, symptom, severity)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING

from lupus_tracker.charts.marker import concise_dates, day_number, draw_events, empty_figure
from lupus_tracker.charts.style import ChartStyle, apply_to_figure, chart_style
from lupus_tracker.domain.records import Event
from lupus_tracker.domain.symptoms import get_symptom

if TYPE_CHECKING:
    import pandas as pd

    from lupus_tracker.charts.figure import ChartFigure

TREND_DASHES = ("-", "--", ":", "-.")


def build_symptom_figure(
    frame: pd.DataFrame,
    events: Sequence[Event] = (),
    since: date | None = None,
    until: date | None = None,
    style: ChartStyle | None = None,
    *,
    size_in: tuple[float, float] = (9.0, 6.0),
) -> ChartFigure:
    import numpy as np

    from lupus_tracker.charts.figure import ChartFigure

    style = style or chart_style()
    if frame.empty:
        return empty_figure(
            "No symptoms logged in this period.\nLog today's symptoms with "
            "Edit › Log symptoms (Ctrl+D).",
            style,
            size_in,
        )
    figure = ChartFigure(figsize=size_in, layout="constrained")
    heat, trend = figure.subplots(2, 1, height_ratios=(1.2, 1))
    keys = list(dict.fromkeys(frame["symptom"]))
    first = since or frame["date"].min().date()
    last = until or frame["date"].max().date()
    days = (last - first).days + 1
    grid = np.full((len(keys), days), np.nan)
    rows = {k: i for i, k in enumerate(keys)}
    offsets = ((frame["date"] - np.datetime64(first)).dt.days).to_numpy()
    inside = (offsets >= 0) & (offsets < days)
    grid[frame["symptom"].map(rows).to_numpy()[inside], offsets[inside]] = frame[
        "severity"
    ].to_numpy()[inside]
    image = heat.imshow(
        grid,
        aspect="auto",
        interpolation="nearest",
        cmap="viridis",
        vmin=0,
        vmax=10,
        extent=(day_number(first), day_number(last + timedelta(days=1)), len(keys), 0),
    )
    heat.xaxis_date()
    heat.set_yticks(
        [i + 0.5 for i in range(len(keys))],
        [get_symptom(k).name for k in keys],
        fontsize=style.small_pt,
    )
    heat.set_title("Symptom severity by day (0-10; blank = not logged)", fontsize=style.title_pt)
    bar = figure.colorbar(image, ax=heat, fraction=0.03)
    bar.set_label("severity", color=style.text)
    bar.ax.tick_params(colors=style.text)
    weekly = (
        frame.set_index("date").groupby("symptom")["severity"].resample("W").mean().reset_index()
    )
    for index, key in enumerate(keys):
        part = weekly[weekly["symptom"] == key]
        trend.plot(
            part["date"],
            part["severity"],
            color=style.colour(index),
            # past the palette (a patient's own symptoms add lines) the dash tells them apart
            linestyle=TREND_DASHES[index // len(style.palette) % len(TREND_DASHES)],
            linewidth=1.2,
            label=get_symptom(key).name,
        )
    trend.set_ylim(0, 10)
    trend.set_ylabel("weekly average", fontsize=style.font_pt)
    trend.grid(True, color=style.grid, linewidth=0.6)
    trend.legend(
        fontsize=style.small_pt,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        frameon=False,
        labelcolor=style.text,
    )
    trend.set_xlim(heat.get_xlim())
    draw_events(trend, events, style)
    concise_dates(heat)
    concise_dates(trend)
    apply_to_figure(figure, style)
    figure.chart_summary = (
        f"Symptoms: {len(frame)} entries of {len(keys)} symptoms from "
        f"{first.strftime('%b %Y')} to {last.strftime('%b %Y')}"
    )
    return figure
