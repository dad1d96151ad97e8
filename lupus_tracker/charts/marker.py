"""One marker over time, against each result's own reference range, with treatments and
events on the same time axis. Built from plain data (:mod:`lupus_tracker.charts.series`),
never from the repository.

- Each comparable series has its own colour and is never joined to another.
- Exact values are filled circles; bounds such as ``<0.5`` are open triangles pointing the
  way of the bound; out-of-range points get a ring; words (negative/positive) are labelled
  marks along the bottom of the plot.
- The reference band follows each result's own range as a step band with dashed edges at
  the limits; a one-sided range (``<30``, ``>=90``) shades from its limit to the axis edge,
  computed after the axis limits are fixed.
- Titers on a log2 axis ticked at the dilutions labs report (1:40, 1:80 ... 1:2560).
- Events are vertical lines with labels that never overlap; medications are lanes below,
  only those taken in the period, each dose period labelled with its total daily dose.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from lupus_tracker.charts.series import (
    TITER_DILUTIONS,
    MarkerData,
    Series,
    part_title,
    split_by_unit,
    summary,
)
from lupus_tracker.charts.style import ChartStyle, apply_to_figure, chart_style
from lupus_tracker.domain.dosing import daily_total_text, total_dose_text
from lupus_tracker.domain.egfr import G1_MIN, G2_MIN, gfr_boundaries
from lupus_tracker.domain.records import Event, EventKind, Medication
from lupus_tracker.domain.values import format_number
from lupus_tracker.domain.wording import range_band_label

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from lupus_tracker.charts.figure import ChartFigure, PointSet
__all__ = ["MarkerChart", "MarkerData", "Series", "marker_figure"]

CHAR_WIDTH_EM = 0.62  # a generous average glyph width, for label placement
EVENT_LEVELS = 3


@dataclass(frozen=True)
class MarkerChart:
    """Everything the single-marker chart shows (plain data)."""

    data: MarkerData
    events: tuple[Event, ...] = ()
    medications: tuple[Medication, ...] = ()
    since: date | None = None
    until: date | None = None


def day_number(day: date) -> float:
    """A day as a matplotlib date number."""
    import matplotlib.dates as mdates

    return float(mdates.date2num(day))


def day_numbers(days: Sequence[date]) -> list[float]:
    """Days as matplotlib date numbers (what the axes are given: the date axis is set up
    explicitly by :func:`concise_dates`)."""
    return [day_number(day) for day in days]


def x_limits(days: Sequence[date], since: date | None, until: date | None) -> tuple[float, float]:
    """The time axis: the period asked for, else the data with a small margin. The right
    edge always has a margin: a result dated on the period's last day (today) was drawn
    half cut by the edge."""
    first = since or (min(days) if days else date.today() - timedelta(days=365))
    last = until or (max(days) if days else date.today())
    if since is None or until is None:
        margin = max((last - first).days * 0.03, 7)
        first = since or first - timedelta(days=margin)
        last = until or last + timedelta(days=margin)
    else:
        last += timedelta(days=max((last - first).days * 0.025, 2))
    if last <= first:
        last = first + timedelta(days=1)
    return day_number(first), day_number(last)


def y_limits(data: MarkerData) -> tuple[float, float]:
    """Axis limits covering every value and every finite range limit."""
    values = [v for s in data.series for v in s.values]
    values += [
        lim for s in data.series for p in s.points for lim in (p.low, p.high) if lim is not None
    ]
    if not values:
        return (0.0, 1.0)
    low, high = min(values), max(values)
    if data.titer:
        low, high = max(low, 1.0), max(high, 1.0)
        return low / 1.6, high * 1.6
    span = (high - low) or abs(high) or 1.0
    bottom = low - 0.08 * span
    if low >= 0 > bottom:
        bottom = 0.0 if low - 0 < 0.3 * span else low - 0.08 * span
    return bottom, high + 0.12 * span


def _band(
    ax: Axes,
    series: Series,
    colour: str,
    xlim: tuple[float, float],
    ylim: tuple[float, float],
    legend: bool = True,
    marker_key: str = "",
) -> None:
    """Each result's own range as a step band from midpoint to midpoint; open ends shade to
    the axis edge (``ylim``, fixed before this is drawn)."""
    import numpy as np

    if not series.has_range:
        return
    x = [day_number(d) for d in series.days]
    half = (x[1] - x[0]) / 2 if len(x) > 1 else 15.0  # the series' own span, not the axis
    tail = (x[-1] - x[-2]) / 2 if len(x) > 1 else 15.0
    edges = (
        [max(x[0] - half, xlim[0])]
        + [(a + b) / 2 for a, b in itertools.pairwise(x)]
        + [min(x[-1] + tail, xlim[1])]
    )
    if len(x) == 1:  # a lone result: its range across the axis, never a sliver
        edges = [xlim[0], xlim[1]]
    nan = float("nan")
    has_any = [p.low is not None or p.high is not None for p in series.points]
    lows = [
        (ylim[0] if p.low is None else p.low) if has else nan
        for p, has in zip(series.points, has_any, strict=True)
    ]
    highs = [
        (ylim[1] if p.high is None else p.high) if has else nan
        for p, has in zip(series.points, has_any, strict=True)
    ]
    ax.fill_between(
        edges,
        lows + lows[-1:],
        highs + highs[-1:],
        step="post",
        color=colour,
        alpha=0.13,
        linewidth=0,
        gid=f"band:{series.label}",
        label=range_band_label(marker_key, series.label) if legend else None,
    )
    for name, limits in (
        ("low", [p.low for p in series.points]),
        ("high", [p.high for p in series.points]),
    ):
        if all(v is None for v in limits):
            continue
        ys = np.array([nan if v is None else v for v in limits] + [nan], dtype=float)
        ys[-1] = ys[-2]
        ax.step(
            edges,
            ys,
            where="post",
            color=colour,
            linewidth=1.0,
            linestyle="--",
            gid=f"band-{name}:{series.label}",
        )


def _with_g1_boundary(ylim: tuple[float, float]) -> tuple[float, float]:
    """eGFR axis limits that show the G1/G2 boundary (90) whenever the chart reaches the
    G2 region (60 and above): the band "60 and above" is never read as all normal."""
    bottom, top = ylim
    if top < G2_MIN or top >= G1_MIN * 1.05:
        return ylim
    return bottom, G1_MIN + 0.12 * (G1_MIN - bottom)


def _kdigo_lines(ax: Axes, ylim: tuple[float, float], style: ChartStyle, legend: bool) -> None:
    """The KDIGO 2012 GFR categories on an eGFR chart: a dotted line at each lower limit in
    view (90, 60, 45, 30, 15), labelled with its category and range ("G1 ≥90", "G2 60–89")
    at the right end, so the category never rests on colour (issue 12 item 7)."""
    first = True
    for lower, code, label in gfr_boundaries():
        if not ylim[0] < lower < ylim[1]:
            continue
        ax.axhline(
            lower,
            color=style.text,
            linestyle=":",
            linewidth=0.9 * style.marker_scale,
            alpha=0.7,
            zorder=1,
            gid=f"kdigo:{lower}",
            label="KDIGO GFR categories (dotted)" if legend and first else None,
        )
        first = False
        ax.annotate(  # on the line over a background: above lines, under points
            label,
            (1.0, lower),
            xycoords=("axes fraction", "data"),
            xytext=(-3, 0),
            textcoords="offset points",
            ha="right",
            va="center",
            fontsize=style.small_pt,
            color=style.text,
            gid=f"kdigo-label:{code}",
            zorder=2.5,
            bbox={
                "boxstyle": "square,pad=0.1",
                "facecolor": style.background,
                "edgecolor": "none",
                "alpha": 0.85,
            },
        )


def _titer_axis(ax: Axes, ylim: tuple[float, float]) -> None:
    from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

    ax.set_yscale("log", base=2)
    ticks = [t for t in TITER_DILUTIONS if ylim[0] <= t <= ylim[1]]
    ax.yaxis.set_major_locator(FixedLocator(ticks))
    ax.yaxis.set_minor_locator(NullLocator())
    ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _p: f"1:{format_number(v)}"))


def draw_marker(
    ax: Axes,
    data: MarkerData,
    style: ChartStyle,
    xlim: tuple[float, float],
    *,
    legend: bool = True,
    compact: bool = False,
    shapes: Mapping[str, str] | None = None,
) -> list[PointSet]:
    """Draw ``data`` into ``ax`` with fixed axis limits; returns the point collections,
    each with the hover and keyboard text of each point. ``compact`` (panels) leaves the
    range bands and rings out of the legend. ``shapes`` gives a series (by label) its own
    marker shape, so that series are told apart in greyscale too (default: a filled
    circle)."""
    from lupus_tracker.charts.figure import point_set

    artists = []
    ylim = y_limits(data)
    kdigo = data.key == "egfr" and not data.titer and not data.empty
    if kdigo:
        ylim = _with_g1_boundary(ylim)
    if data.titer:
        _titer_axis(ax, ylim)
    scale = style.marker_scale
    for index, series in enumerate(data.series):
        colour = style.colour(index)
        bg = style.background
        if len(series.points) > 1:
            ax.plot(
                day_numbers(series.days),
                series.values,
                color=colour,
                linewidth=1.3 * scale,
                gid=f"series:{series.label}",
            )
        exact = [p for p in series.points if not p.bound]
        if exact:
            points = ax.scatter(
                day_numbers([p.day for p in exact]),
                [p.value for p in exact],
                color=colour,
                s=22 * scale,
                zorder=3,
                label=series.label,
                marker=(shapes or {}).get(series.label, series.shape or "o"),
                gid=f"points:{series.label}",
            )
            artists.append(point_set(points, [p.detail for p in exact]))
        for shape, kinds, name in (("v", ("<", "<="), "below"), ("^", (">", ">="), "above")):
            picked = [p for p in series.points if p.bound in kinds]
            if picked:
                bound = ax.scatter(
                    day_numbers([p.day for p in picked]),
                    [p.value for p in picked],
                    marker=shape,
                    facecolors=bg,
                    edgecolors=colour,
                    s=44 * scale,
                    linewidths=1.4 * scale,
                    zorder=4,
                    label=f"{series.label}: {name} this value",
                )
                artists.append(point_set(bound, [p.detail for p in picked]))
        out = [p for p in series.points if p.out_of_range]
        if out:
            ax.scatter(
                day_numbers([p.day for p in out]),
                [p.value for p in out],
                facecolors="none",
                edgecolors=style.out_of_range,
                s=95 * scale,
                linewidths=1.5 * scale,
                zorder=5,
                label="out of range (ring)" if index == 0 and not compact else None,
            )
    for index, series in enumerate(data.series):
        # eGFR's band is KDIGO's, the same for every series: named once in the legend
        named = not compact and (data.key != "egfr" or index == 0)
        _band(ax, series, style.colour(index), xlim, ylim, legend=named, marker_key=data.key)
    if kdigo:
        _kdigo_lines(ax, ylim, style, legend=not compact)
    if data.words:
        bottom = ylim[0]
        marks = ax.scatter(
            day_numbers([w.day for w in data.words]),
            [bottom] * len(data.words),
            marker="|",
            s=120,
            color=style.text,
            zorder=3,
            clip_on=False,
        )
        artists.append(point_set(marks, [w.detail for w in data.words]))
        for word in data.words:
            ax.annotate(
                word.word,
                (day_number(word.day), bottom),
                xytext=(0, 8),
                textcoords="offset points",
                rotation=90,
                fontsize=style.small_pt,
                ha="center",
                va="bottom",
                color=style.out_of_range if word.abnormal else style.text,
            )
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    ax.set_ylabel(
        " / ".join(data.unit_labels) if data.unit_labels else "result", fontsize=style.font_pt
    )
    ax.grid(True, color=style.grid, linewidth=0.6)
    if legend and not data.empty:
        ax.legend(
            fontsize=style.small_pt,
            loc="upper left",
            bbox_to_anchor=(1.0, 1.0),
            frameon=False,
            labelcolor=style.text,
        )
    return artists


def _text_width(text: str, font_pt: float, dpi: float) -> float:
    """Estimated width of ``text`` in pixels."""
    return len(text) * CHAR_WIDTH_EM * font_pt * dpi / 72


def _dpi(ax: Axes) -> float:
    figure = ax.get_figure(root=True)
    return figure.dpi if figure is not None else 100.0


def _axes_px(ax: Axes) -> float:
    """The axes' width in pixels, estimated low (the layout and the legend take room)."""
    figure = ax.get_figure(root=True)
    if figure is None:
        return 0.0
    return 0.75 * ax.get_position().width * figure.get_figwidth() * figure.dpi


def draw_events(
    ax: Axes, events: Sequence[Event], style: ChartStyle, *, labels: bool = True
) -> None:
    """Events as vertical lines; labels (all but visits) across the top in up to three
    rows, never overlapping: a label that fits in no row is left out (its line stays)."""
    xlim = ax.get_xlim()
    per_px = (xlim[1] - xlim[0]) / max(_axes_px(ax), 1.0)
    dpi = _dpi(ax)
    row_ends = [-math.inf] * EVENT_LEVELS
    inside = sorted(
        (e for e in events if xlim[0] <= day_number(e.occurred_on) <= xlim[1]),
        key=lambda e: e.occurred_on,
    )
    for kind in EventKind:  # one line collection per kind (fast with many events)
        xs = [day_number(e.occurred_on) for e in inside if e.kind is kind]
        if xs:
            visit = kind is EventKind.VISIT
            ax.vlines(
                xs,
                0,
                1,
                transform=ax.get_xaxis_transform(),
                colors=style.events[kind],
                linestyles=":" if visit else "--",
                linewidth=1.1,
                zorder=1,
                label="visit (dotted)" if visit else "",
                gid=f"events:{kind.value}",
            )
    for event in inside:
        x = day_number(event.occurred_on)
        colour = style.events[event.kind]
        visit = event.kind is EventKind.VISIT
        if visit or not labels:
            continue
        text = event.title or event.kind.label
        start = x + 3 * per_px
        end = start + _text_width(text, style.small_pt, dpi) * per_px
        if end > xlim[1]:  # near the right edge: the label goes to the left of its line
            end, start = x - 3 * per_px, x - 3 * per_px - (end - start)
        for level, row_end in enumerate(row_ends):
            if start > row_end:
                row_ends[level] = end
                ax.annotate(
                    text,
                    (start, 1.0),
                    xycoords=("data", "axes fraction"),
                    xytext=(0, -3 - level * (style.small_pt + 4)),
                    textcoords="offset points",
                    fontsize=style.small_pt,
                    ha="left",
                    va="top",
                    color=colour,
                    gid="event-label",
                    bbox={
                        "boxstyle": "square,pad=0.1",
                        "facecolor": style.background,
                        "edgecolor": "none",
                        "alpha": 0.85,
                    },
                )
                break


def medication_periods(
    medications: Sequence[Medication], since: date | None, until: date | None
) -> list[tuple[str, list[tuple[date, date, str, str]]]]:
    """Lanes of medications taken in the period: (name, [(start, end, label, short)])."""
    end_of_view = until or date.today()
    lanes = []
    for medication in medications:
        stop = medication.stopped_on or end_of_view
        doses = sorted(medication.doses, key=lambda d: d.from_date)
        if not doses:
            spans = [(medication.started_on, stop, "", "")]
        else:
            spans = []
            for index, dose in enumerate(doses):
                after = doses[index + 1].from_date if index + 1 < len(doses) else stop
                spans.append(
                    (
                        dose.from_date,
                        min(after, stop),
                        total_dose_text(dose),
                        daily_total_text(dose),
                    )
                )
        visible = [
            (max(a, since) if since else a, min(b, end_of_view), text, short)
            for a, b, text, short in spans
            if b >= (since or b) and a <= end_of_view and b > a
        ]
        if visible:
            lanes.append((medication.name, visible))
    return lanes


def draw_medications(
    ax: Axes,
    medications: Sequence[Medication],
    style: ChartStyle,
    since: date | None,
    until: date | None,
) -> None:
    """One lane per medication taken in the period; each dose period is a bar labelled
    inside with its total daily dose when the label fits (the short total, else nothing)."""
    lanes = medication_periods(medications, since, until)
    xlim = ax.get_xlim()
    per_px = (xlim[1] - xlim[0]) / max(_axes_px(ax), 1.0)
    dpi = _dpi(ax)
    for row, (_name, spans) in enumerate(lanes):
        colour = style.colour(row)
        for start, end, text, short in spans:
            left, right = max(day_number(start), xlim[0]), min(day_number(end), xlim[1])
            ax.barh(
                row,
                right - left,
                left=left,
                height=0.62,
                color=colour,
                edgecolor=style.background,
                linewidth=1.5,
                gid="medication-bar",
            )
            room = (right - left) / per_px - 8
            for label in (text, short):
                if label and _text_width(label, style.small_pt, dpi) <= room:
                    ax.annotate(
                        label,
                        (left, row),
                        xytext=(4, 0),
                        textcoords="offset points",
                        fontsize=style.small_pt,
                        va="center",
                        ha="left",
                        color=style.on_colour(),
                        gid="medication-label",
                    )
                    break
    ax.set_yticks(range(len(lanes)), [name for name, _ in lanes], fontsize=style.small_pt)
    ax.set_ylim(len(lanes) - 0.5, -0.5)
    ax.set_xlim(*xlim)
    ax.grid(True, axis="x", color=style.grid, linewidth=0.6)
    ax.set_title(
        "Medications (total daily dose; each bar a dose period)",
        fontsize=style.small_pt,
        loc="left",
        color=style.text,
    )


def concise_dates(ax: Axes) -> None:
    """Readable, non-overlapping date ticks."""
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))


def empty_figure(message: str, style: ChartStyle, size_in: tuple[float, float]) -> ChartFigure:
    """A friendly empty state: the message only (no axes, no 1970 time axis)."""
    from lupus_tracker.charts.figure import ChartFigure

    figure = ChartFigure(figsize=size_in)
    figure.text(
        0.5,
        0.5,
        message,
        ha="center",
        va="center",
        wrap=True,
        fontsize=style.title_pt,
        color=style.text,
    )
    figure.set_facecolor(style.background)
    figure.chart_empty = message
    figure.chart_summary = message
    return figure


def marker_figure(
    chart: MarkerChart,
    style: ChartStyle | None = None,
    *,
    size_in: tuple[float, float] = (9.0, 5.6),
) -> ChartFigure:
    """The single-marker chart (with a medication strip when medications were taken)."""
    from lupus_tracker.charts.figure import ChartFigure

    style = style or chart_style()
    data = chart.data
    if data.empty:
        return empty_figure(
            f"No {data.name} results in this period.\nAdd them with "
            "Edit › Add lab report (Ctrl+L), or choose a longer period.",
            style,
            size_in,
        )
    days = [d for s in data.series for d in s.days] + [w.day for w in data.words]
    xlim = x_limits(days, chart.since, chart.until)
    lanes = medication_periods(chart.medications, chart.since, chart.until)
    figure = ChartFigure(figsize=size_in, layout="constrained")
    # One axis per unit family (anti-dsDNA in IU/mL and as a titer are never one axis).
    parts = split_by_unit(data)
    ratios = [3.0] * len(parts) + ([0.5 + 0.35 * len(lanes)] if lanes else [])
    axes = list(
        figure.subplots(len(ratios), 1, sharex=True, height_ratios=ratios, squeeze=False)[:, 0]
    )
    meds = axes.pop() if lanes else None
    artists = []
    for ax, part in zip(axes, parts, strict=True):
        artists += draw_marker(ax, part, style, xlim)
        draw_events(ax, chart.events, style, labels=ax is axes[0])
        if len(parts) > 1:
            ax.set_title(part_title(part), fontsize=style.font_pt, loc="left")
    ax = axes[0]
    if len(parts) > 1:
        figure.suptitle(
            f"{data.title}: one chart per unit (not comparable with each other)",
            fontsize=style.title_pt,
        )
    else:
        ax.set_title(data.title, fontsize=style.title_pt)
    if meds is not None:
        meds.set_xlim(*xlim)
        draw_medications(meds, chart.medications, style, chart.since, chart.until)
    concise_dates(meds if meds is not None else axes[-1])
    apply_to_figure(figure, style)
    figure.chart_points = artists
    figure.chart_summary = summary(data)
    return figure
