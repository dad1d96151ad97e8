"""Symptoms: a calendar heat map (day x severity) and a weekly-average trend per symptom,
with events overlaid. Built from symptom columns ``date``, ``symptom``, ``severity``: a
DataFrame, or plain columns (the app passes those, read without pandas: 30 years of
symptoms in a frame cost more memory than the whole rest of the app, issue 10 Speed)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from lupus_tracker.charts.marker import concise_dates, day_number, draw_events, empty_figure
from lupus_tracker.charts.style import ChartStyle, apply_to_figure, chart_style
from lupus_tracker.domain.records import Event
from lupus_tracker.domain.symptoms import get_symptom

if TYPE_CHECKING:
    import numpy as np

    from lupus_tracker.charts.figure import ChartFigure

SymptomColumns = Mapping[str, Any]  # "date" (dates or ISO texts), "symptom", "severity"

TREND_DASHES = ("-", "--", ":", "-.")


def weekly_means(days: np.ndarray, severity: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The weekly average of one symptom as pandas' ``resample("W").mean()`` gives it:
    weeks end on Sunday (a Sunday closes its own week) and are labelled by that Sunday;
    every week from the first to the last is there, NaN when nothing was logged."""
    import numpy as np

    weekday = (days.astype("int64") + 3) % 7  # 1970-01-01 was a Thursday; Monday = 0
    ends = days + ((6 - weekday) % 7).astype("timedelta64[D]")
    first, last = ends.min(), ends.max()
    weeks = np.arange(first, last + np.timedelta64(7, "D"), np.timedelta64(7, "D"))
    index = ((ends - first) // np.timedelta64(7, "D")).astype("int64")
    sums = np.bincount(index, weights=severity, minlength=len(weeks))
    counts = np.bincount(index, minlength=len(weeks))
    with np.errstate(invalid="ignore", divide="ignore"):
        means = np.where(counts > 0, sums / np.maximum(counts, 1), np.nan)
    return weeks, means


def build_symptom_figure(
    frame: SymptomColumns,
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
    days = np.asarray(frame["date"], dtype="datetime64[D]")
    if not len(days):
        return empty_figure(
            "No symptoms logged in this period.\nLog today's symptoms with "
            "Edit › Log symptoms (Ctrl+D).",
            style,
            size_in,
        )
    symptoms = np.asarray(frame["symptom"], dtype=object)
    severity = np.asarray(frame["severity"], dtype=float)
    figure = ChartFigure(figsize=size_in, layout="constrained")
    heat, trend = figure.subplots(2, 1, height_ratios=(1.2, 1))
    keys = list(dict.fromkeys(symptoms))
    first = since or days.min().astype(date)
    last = until or days.max().astype(date)
    count = (last - first).days + 1
    grid = np.full((len(keys), count), np.nan)
    rows = {k: i for i, k in enumerate(keys)}
    offsets = (days - np.datetime64(first, "D")).astype("int64")
    inside = (offsets >= 0) & (offsets < count)
    row_of = np.fromiter((rows[k] for k in symptoms), dtype=np.int64, count=len(symptoms))
    grid[row_of[inside], offsets[inside]] = severity[inside]
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
    for index, key in enumerate(keys):
        chosen = symptoms == key
        weeks, means = weekly_means(days[chosen], severity[chosen])
        trend.plot(
            weeks,
            means,
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
        f"Symptoms: {len(days)} entries of {len(keys)} symptoms from "
        f"{first.strftime('%b %Y')} to {last.strftime('%b %Y')}"
    )
    return figure
