"""SLEDAI-2K over time, with the guideline activity bands shaded and events overlaid."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from lupus_tracker.charts.marker import concise_dates, draw_events

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from lupus_tracker.store.repository import Repository

BANDS = ((0, 4.5, "#e8f4ea", "low"), (4.5, 10.5, "#fdf3da", "moderate"),
         (10.5, 40, "#f8e1de", "high"))


def sledai_figure(repo: Repository, since: date | None = None, until: date | None = None,
                  *, width_in: float = 9.0) -> Figure:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width_in, 4.0), layout="constrained")
    ax = figure.subplots()
    points = [a for a in repo.sledai.all() if (since is None or a.visit_on >= since)
              and (until is None or a.visit_on <= until)]
    top = max([a.score for a in points] + [12]) + 3
    for low, high, colour, label in BANDS:
        ax.axhspan(low, min(high, top), color=colour, zorder=0, label=f"{label} activity")
    if points:
        ax.plot([a.visit_on for a in points], [a.score for a in points], marker="o",
                color="#0072B2", gid="series:sledai", label="SLEDAI-2K")
        for a in points:
            ax.annotate(str(a.score), (a.visit_on, a.score), xytext=(0, 6),
                        textcoords="offset points", ha="center", fontsize=8)
    else:
        ax.text(0.5, 0.5, "No SLEDAI-2K assessments yet", transform=ax.transAxes,
                ha="center")
    ax.set_ylim(0, top)
    ax.set_ylabel("SLEDAI-2K score")
    ax.set_title("SLEDAI-2K at visits (bands: 0 remission, 1-4 low, 5-10 moderate, >10 high)")
    draw_events(ax, repo, since, until)
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    concise_dates(ax)
    return figure
