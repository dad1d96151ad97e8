"""Panels of markers that rheumatologists read side by side: small multiples of the marker
chart (same series, ranges, open triangles for bounds and per-assay series), one per
marker, on one time axis.

``build_panel_figure(title, markers, ...)`` takes plain data (the Charts page reads the
records with ``store.inputs.chart_records`` and makes them marker data with
``charts.sources.panel``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import TYPE_CHECKING

from lupus_tracker.charts.marker import (
    concise_dates,
    draw_events,
    draw_marker,
    empty_figure,
    x_limits,
)
from lupus_tracker.charts.series import MarkerData, split_by_unit, summary
from lupus_tracker.charts.style import ChartStyle, apply_to_figure, chart_style
from lupus_tracker.charts.targets import Target, bp_target_note, draw_target
from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.records import Event

if TYPE_CHECKING:
    from lupus_tracker.charts.figure import ChartFigure

PANELS: dict[str, tuple[str, tuple[str, ...]]] = {
    "serology": ("Serology: anti-dsDNA, C3, C4", ("anti_dsdna", "c3", "c4")),
    "kidney": (
        "Kidney: urine protein, albumin, creatinine, eGFR",
        ("urine_protein_24h", "upcr", "albumin", "creatinine", "egfr"),
    ),
    "blood_counts": ("Blood counts", ("hemoglobin", "wbc", "lymphocytes", "platelets")),
    "blood_pressure": ("Home blood pressure", ("systolic_bp", "diastolic_bp")),
}


def build_panel_figure(
    title: str,
    markers: Sequence[MarkerData],
    events: Sequence[Event] = (),
    since: date | None = None,
    until: date | None = None,
    style: ChartStyle | None = None,
    *,
    width_in: float = 7.5,
    height_in: float | None = None,
    targets: Mapping[str, Target] | None = None,
) -> ChartFigure:
    """One small marker chart per marker that has results in the period; ``targets`` (by
    marker key) are drawn as labelled lines (the lupus nephritis blood pressure target)."""
    from lupus_tracker.charts.figure import ChartFigure

    style = style or chart_style()
    # A marker measured in two unit families (anti-dsDNA in IU/mL and as a titer) gets one
    # chart per family: never one axis.
    shown = [part for m in markers if not m.empty for part in split_by_unit(m)]
    if not shown:
        return empty_figure(
            f"{title}\n\nNo results for these markers in this period.\n"
            "Add them with Edit › Add lab report (Ctrl+L), or choose a "
            "longer period.",
            style,
            (width_in, height_in or 4.0),
        )
    days = [d for m in shown for s in m.series for d in s.days] + [
        w.day for m in shown for w in m.words
    ]
    xlim = x_limits(days, since, until)
    figure = ChartFigure(
        figsize=(width_in, height_in or 0.7 + 1.5 * len(shown)), layout="constrained"
    )
    axes = figure.subplots(len(shown), 1, sharex=True, squeeze=False)[:, 0]
    drawn_targets = [key for key in (targets or {}) if any(m.key == key for m in shown)]
    figure.suptitle(
        f"{title}\n({bp_target_note()})" if drawn_targets else title, fontsize=style.title_pt
    )
    artists = []
    for ax, data in zip(axes, shown, strict=True):
        artists += draw_marker(ax, data, style, xlim, compact=True)
        if data.key in (targets or {}):
            draw_target(ax, (targets or {})[data.key], style)
        draw_events(ax, events, style, labels=ax is axes[0])
        short = get_marker(data.key).label
        ax.set_gid(short)  # names the marker of each point in the "Show as table" rows
        ax.set_ylabel(
            f"{short}\n({' / '.join(data.unit_labels)})" if data.unit_labels else short,
            fontsize=style.small_pt,
        )
    concise_dates(axes[-1])
    apply_to_figure(figure, style)
    figure.chart_points = artists
    figure.chart_summary = f"{title}: " + "; ".join(summary(m) for m in markers if not m.empty)
    return figure
