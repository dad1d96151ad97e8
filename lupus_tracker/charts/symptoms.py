"""Symptoms: a calendar heat map (day x severity) and a weekly-average trend per symptom,
with events overlaid."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from lupus_tracker.charts.marker import PALETTE, concise_dates, draw_events
from lupus_tracker.domain.symptoms import get_symptom

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from lupus_tracker.store.repository import Repository


def symptom_figure(repo: Repository, since: date | None = None, until: date | None = None,
                   *, width_in: float = 9.0) -> Figure:
    import numpy as np
    from matplotlib.figure import Figure

    frame = repo.diary.frame(since, until)
    figure = Figure(figsize=(width_in, 6.0), layout="constrained")
    heat, trend = figure.subplots(2, 1, height_ratios=(1.2, 1))
    if frame.empty:
        heat.text(0.5, 0.5, "No symptoms logged in this period", ha="center",
                  transform=heat.transAxes)
        trend.set_axis_off()
        return figure
    keys = list(dict.fromkeys(frame["symptom"]))
    first = (since or frame["date"].min().date())
    last = (until or frame["date"].max().date())
    days = (last - first).days + 1
    grid = np.full((len(keys), days), np.nan)
    rows = {k: i for i, k in enumerate(keys)}
    offsets = (frame["date"].dt.date - first).map(lambda d: d.days).to_numpy()
    grid[frame["symptom"].map(rows).to_numpy(), offsets] = frame["severity"].to_numpy()
    image = heat.imshow(grid, aspect="auto", interpolation="nearest", cmap="viridis",
                        vmin=0, vmax=10,
                        extent=(_num(first), _num(last + timedelta(days=1)), len(keys), 0))
    heat.xaxis_date()
    heat.set_yticks([i + 0.5 for i in range(len(keys))],
                    [get_symptom(k).name for k in keys], fontsize=7)
    heat.set_title("Symptom severity by day (0-10; blank = not logged)")
    figure.colorbar(image, ax=heat, label="severity", fraction=0.03)
    weekly = (frame.set_index("date").groupby("symptom")["severity"].resample("W").mean()
              .reset_index())
    for index, key in enumerate(keys):
        part = weekly[weekly["symptom"] == key]
        trend.plot(part["date"], part["severity"], color=PALETTE[index % len(PALETTE)],
                   linewidth=1.2, label=get_symptom(key).name)
    trend.set_ylim(0, 10)
    trend.set_ylabel("weekly average")
    trend.grid(True, alpha=0.3)
    trend.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    draw_events(trend, repo, since, until)
    trend.set_xlim(heat.get_xlim())
    concise_dates(heat)
    concise_dates(trend)
    return figure


def _num(day: date) -> float:
    import matplotlib.dates as mdates

    return mdates.date2num(day)
