"""The report's pictures, drawn at their printed size so that a point is a point on paper:
a sparkline per key result and the trend chart page (matplotlib, no Qt).

Thin on purpose: the points, series and ranges come from the chart pipeline
(``charts.series`` via ``charts.sources.marker_data``), the dose strip from
``domain.glucocorticoids``. Everything is drawn from plain records
(``store.inputs.chart_records``), never read from the repository here. Text is never
smaller than 7 pt at print size; series are told apart by marker shape as well as colour.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, timedelta
from typing import TYPE_CHECKING

from lupus_tracker.charts.marker import MarkerData, Series, day_numbers, x_limits
from lupus_tracker.charts.sources import marker_data
from lupus_tracker.charts.style import print_style
from lupus_tracker.charts.targets import BP_KEYS, bp_target_note, draw_target, targets_for
from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.records import EventKind

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from lupus_tracker.report.content import Image
    from lupus_tracker.report.results import KeyResult
    from lupus_tracker.store.inputs import ChartRecords

MM = 1 / 25.4  # inches per millimetre
DPI = 250
MIN_PT = 7.0
PLAIN_SHAPE = "o"  # a series told apart by nothing but its marker
SHAPES = ("s", "D", "P", "*", "X", "h")  # one per assay or lab: greyscale-safe
INK = "#1f1f1f"
SPARK_MM = (22.0, 4.2)
CHART_WIDTH_MM = 180.0
PANEL_HEIGHT_MM = 23.0
STRIP_HEIGHT_MM = 12.0
EVENT_STRIP_MM = 10.0

# Trend panels, in reading order: the first marker of each group that has data is drawn.
PANEL_GROUPS = (
    ("anti_dsdna",),
    ("c3",),
    ("c4",),
    ("urine_protein_24h", "upcr"),
    ("albumin",),
    ("egfr", "creatinine"),
    ("hemoglobin",),
    ("platelets",),
)
MAX_PANELS = 6
FILLED_EVENTS = (EventKind.FLARE, EventKind.VISIT)  # the others are open shapes
EVENT_ROWS = {EventKind.FLARE: 0.72, EventKind.HOSPITAL_STAY: 0.3}  # else the middle
EVENT_STYLE = {  # kind -> (marker, label); hospital stays are drawn as spans
    EventKind.FLARE: ("^", "flare"),
    EventKind.INFUSION: ("D", "infusion"),
    EventKind.HOSPITAL_STAY: ("s", "hospital stay"),
    EventKind.VISIT: ("|", "visit"),
    EventKind.EYE_EXAM: ("p", "eye exam"),
    EventKind.OTHER: ("x", "other"),  # never a ring: a ring marks a value out of range
}


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _row_series(data: MarkerData, row: KeyResult) -> Series | None:
    """The series holding the row's latest result (never a line joined across assays)."""
    latest = row.value.latest
    for series in data.series:
        if (
            series.days
            and series.days[-1] == latest.day
            and series.unit_label in (latest.unit.label, "titer")
            and series.points[-1].text == latest.value_text
        ):
            return series
    return None


def sparkline_images(
    records: ChartRecords, rows: Iterable[KeyResult], since: date, until: date
) -> dict[str, Image]:
    """A small trend line of the period for each row (by the row's name); a single result
    is a dot."""
    from matplotlib.figure import Figure

    from lupus_tracker.report.content import Image

    images = {}
    for row in rows:
        series = _row_series(marker_data(records, row.marker_key, since, until), row)
        if series is None or not series.days:
            continue
        figure = Figure(figsize=(SPARK_MM[0] * MM, SPARK_MM[1] * MM))
        ax = figure.add_axes((0.03, 0.12, 0.94, 0.76))
        days = day_numbers(series.days)
        if len(days) > 1:
            ax.plot(days, series.values, color=INK, linewidth=0.8)
        ax.plot(days[-1:], series.values[-1:], "o", color=INK, markersize=2.2)
        ax.set_xlim(*day_numbers([since, until]))
        ax.axis("off")
        images[row.name] = Image(_png(figure), SPARK_MM[0])
    return images


def _draw_series(
    ax: Axes, data: MarkerData, shapes: dict[str, str], xlim: tuple[float, float]
) -> None:
    """The marker chart's own drawing (``charts.marker.draw_marker``: each result's own
    range as a step band with dashed limits, bounds such as <0.5 as open triangles, rings
    around values out of range) in the print style, with one shape per assay or lab, the
    same across panels (``shapes``)."""
    from lupus_tracker.charts.marker import draw_marker

    by_series = {s.label: shapes.get(_short_label(s), PLAIN_SHAPE) for s in data.series}
    draw_marker(ax, data, print_style(), xlim, legend=False, compact=True, shapes=by_series)
    ax.set_ylabel("")  # the unit is in the panel's title
    ax.grid(False, axis="x")


def _short_label(series: Series) -> str:
    """What tells series apart, named "assay · lab" as in the results tables; '' for a
    series that is its marker's only one (drawn with the plain circle). The unit is in the
    panel's title."""
    if len(series.label.split(" · ")) < 2:
        # a series with a shape of its own (the computed eGFR) is told apart in print too
        return series.label if series.shape else ""
    return series.source or series.label.split(" · ", 1)[1]


def _shape_map(panels: list[MarkerData]) -> dict[str, str]:
    """One shape per assay or lab across the whole figure (panels with one series keep
    the plain circle)."""
    shapes: dict[str, str] = {}
    for data in panels:
        for series in data.series:
            label = _short_label(series)
            if label and label not in shapes:
                shapes[label] = SHAPES[len(shapes) % len(SHAPES)]
    return shapes


def _panel_keys(
    records: ChartRecords, start: date, until: date, most: int = MAX_PANELS
) -> list[str]:
    have = {
        key
        for key, results in records.results.items()
        if any(start <= r.taken_on <= until for r in results)
    }
    keys = []
    for group in PANEL_GROUPS:
        key = next((k for k in group if k in have), None)
        if key is not None:
            keys.append(key)
    return keys[:most]


def _dose_strip(ax: Axes, records: ChartRecords, start: date, until: date) -> None:
    """Daily oral prednisone-equivalent (steps), intravenous pulses as labelled open
    triangles at the top, and hatching where a glucocorticoid dose is not known."""
    from lupus_tracker.domain.glucocorticoids import exposure, format_mg, oral_steps

    exp = exposure(records.medications, as_of=until)
    steps = oral_steps(exp, start, until)
    if steps:
        days = day_numbers([day for day, _ in steps])
        mgs = [mg for _, mg in steps]
        ax.fill_between(days, mgs, step="post", color="#7f7f7f", alpha=0.55, linewidth=0)
        ax.step(days, mgs, where="post", color=INK, linewidth=0.8)
    top = max([mg for _, mg in steps] + [7.5]) * 1.7  # room for the label above the steps
    ax.set_ylim(0, top)
    for pulse in exp.pulses(start, until):
        ax.plot(
            day_numbers([pulse.day]),
            [top * 0.82],
            marker="v",
            markersize=4,
            color=INK,
            markerfacecolor="white",
            linestyle="none",
        )
    for unknown in exp.unknowns_between(start, until):
        begin, end = day_numbers([max(unknown.start, start), min(unknown.end, until)])
        ax.axvspan(begin, end, facecolor="none", edgecolor="#8c8c8c", hatch="////", linewidth=0)
    ax.set_label("dose strip")
    # Above the strip (a title), never under a pulse's marker inside it.
    ax.set_title(
        "prednisone-equivalent, mg/day (\u25bd IV pulse)", loc="left", fontsize=MIN_PT, pad=2
    )
    if steps:
        ax.annotate(
            f"{format_mg(steps[-1][1])} mg/day",
            (1, 1),
            xycoords="axes fraction",
            ha="right",
            va="bottom",
            fontsize=MIN_PT,
        )


def _event_strip(ax: Axes, records: ChartRecords, start: date, until: date) -> set[EventKind]:
    shown: set[EventKind] = set()
    for event in (e for e in records.events if start <= e.occurred_on <= until):
        shape = EVENT_STYLE[event.kind][0]
        row = EVENT_ROWS.get(event.kind, 0.5)
        if event.kind is EventKind.HOSPITAL_STAY and event.ended_on:
            begin, end = day_numbers([event.occurred_on, event.ended_on + timedelta(days=1)])
            ax.axvspan(begin, end, ymin=row - 0.12, ymax=row + 0.12, color="#5a5a5a")
        ax.plot(
            day_numbers([event.occurred_on]),
            [row],
            marker=shape,
            color=INK,
            markersize=5,
            markerfacecolor=INK if event.kind in FILLED_EVENTS else "white",
            linestyle="none",
        )
        shown.add(event.kind)
    ax.set_ylim(0, 1)
    ax.set_yticks([])
    ax.set_label("event strip")
    ax.text(0.005, 0.96, "events", transform=ax.transAxes, va="top", fontsize=MIN_PT)
    return shown


PLAIN_LABEL = "values (one assay or lab)"
RING_LABEL = "ring: out of its range"


def _drawn_symbols(panels: list[MarkerData], shapes: dict[str, str]) -> tuple[bool, bool]:
    """Whether any panel draws the plain circle (a series with no shape of its own), and
    whether any value is ringed as out of range."""
    plain = any(
        shapes.get(_short_label(s), PLAIN_SHAPE) == PLAIN_SHAPE
        for data in panels
        for s in data.series
        if any(not p.bound for p in s.points)
    )
    ringed = any(p.out_of_range for data in panels for s in data.series for p in s.points)
    return plain, ringed


def _legend(
    figure: Figure,
    shapes: dict[str, str],
    kinds: set[EventKind],
    symbols: tuple[bool, bool] = (False, False),
) -> None:
    """One legend under the chart, each symbol drawn explained once: the plain circle and
    the shape of each assay or lab, the ring around a value out of range, each event
    kind."""
    from matplotlib.lines import Line2D

    plain, ringed = symbols
    labelled = shapes | ({PLAIN_LABEL: PLAIN_SHAPE} if plain else {})
    handles = [
        Line2D([], [], marker=shape, color=INK, linestyle="none", markersize=4, label=label)
        for label, shape in labelled.items()
    ]
    if ringed:
        handles.append(
            Line2D(
                [],
                [],
                marker="o",
                linestyle="none",
                markersize=7,
                markerfacecolor="none",
                markeredgecolor=print_style().out_of_range,
                markeredgewidth=1.2,
                label=RING_LABEL,
            )
        )
    handles += [
        Line2D(
            [],
            [],
            marker=EVENT_STYLE[kind][0],
            color=INK,
            linestyle="none",
            markersize=5,
            markerfacecolor=INK if kind in FILLED_EVENTS else "white",
            label=EVENT_STYLE[kind][1],
        )
        for kind in EventKind
        if kind in kinds
    ]
    if handles:
        figure.legend(
            handles=handles,
            loc="outside lower center",
            ncol=min(len(handles), 3),
            fontsize=MIN_PT,
            frameon=False,
            handletextpad=0.2,
            columnspacing=1.0,
        )


def _one_scale(data: MarkerData) -> tuple[MarkerData, str]:
    """The panel's series on one scale: when titers and measured amounts (IU/mL) are mixed,
    the titer series are left out and named (a titer is never drawn on an IU/mL axis nor
    an IU/mL value on a titer axis)."""
    titers = [s for s in data.series if s.unit_label == "titer"]
    if not titers or len(titers) == len(data.series):
        return data, ""
    kept = tuple(s for s in data.series if s.unit_label != "titer")
    names = ", ".join(_short_label(s) or "titer" for s in titers)
    return replace(data, series=kept, titer=False), f"titer results ({names})"


def _pressure_panel(records: ChartRecords, start: date, until: date) -> MarkerData | None:
    """Systolic and diastolic readings on one axis, told apart by shape; the lupus
    nephritis target lines stand for their ranges (no bands)."""
    series = tuple(
        Series(
            f"{s.unit_label} · {name}",
            s.unit_label,
            tuple(replace(p, low=None, high=None) for p in s.points),
        )
        for key, name in zip(BP_KEYS, ("systolic", "diastolic"), strict=True)
        for s in marker_data(records, key, start, until).series
    )
    if not series:
        return None
    return MarkerData("blood_pressure", "Blood pressure", "Blood pressure", series, (), False)


def trend_figure(
    records: ChartRecords,
    start: date,
    since: date,
    until: date,
    width_mm: float = CHART_WIDTH_MM,
) -> Figure:
    """Two columns of marker panels (each at least 8 cm wide), each column ending with the
    prednisone-equivalent dose strip and the events on the same time axis, from ``start``
    to ``until`` (``records`` hold at least that span)."""
    import matplotlib.dates as mdates
    from matplotlib.figure import Figure
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    targets = targets_for(records.settings)
    pressure = _pressure_panel(records, start, until) if targets else None
    # With the blood pressure panel, one more marker keeps the two columns even.
    keys = _panel_keys(records, start, until, MAX_PANELS + (pressure is not None))
    panels = [marker_data(records, key, start, until) for key in keys]
    shapes = _shape_map(panels)  # the pressure panel's two series are apart by height
    if pressure is not None:
        keys, panels = [*keys, pressure.key], [*panels, pressure]
    xlim = x_limits((), start, until + timedelta(days=1))
    kinds: set[EventKind] = set()
    left_outs: list[str] = []
    rows = max(1, (len(keys) + 1) // 2)
    heights = [PANEL_HEIGHT_MM] * rows + [STRIP_HEIGHT_MM, EVENT_STRIP_MM]
    layout = ConstrainedLayoutEngine(w_pad=1 * MM, h_pad=1 * MM, hspace=0.02, wspace=0.01)
    figure = Figure(figsize=(width_mm * MM, (sum(heights) + 14) * MM), layout=layout)
    grid = figure.add_gridspec(len(heights), 2, height_ratios=heights)
    for column in range(2):
        bottom = figure.add_subplot(grid[len(heights) - 1, column])
        axes = [
            figure.add_subplot(grid[r, column], sharex=bottom) for r in range(len(heights) - 1)
        ] + [bottom]
        for r, ax in enumerate(axes[:rows]):
            index = r * 2 + column
            if index >= len(keys):
                ax.set_axis_off()
                continue
            data, left_out = _one_scale(panels[index])
            _draw_series(ax, data, shapes, xlim)
            units = " / ".join(sorted({s.unit_label for s in data.series}))
            label = data.name if data is pressure else get_marker(keys[index]).label
            if data is pressure:  # one label for both lines, in the gap between them
                for key in BP_KEYS:
                    draw_target(ax, replace(targets[key], label=""), print_style())
                low, high = (targets[key].value for key in BP_KEYS[::-1])
                ax.annotate(
                    f"dash-dot: target <{high:g}/{low:g} (lupus nephritis)",
                    (0.01, (low + high) / 2),
                    xycoords=("axes fraction", "data"),
                    va="center",
                    fontsize=MIN_PT,
                    gid="target-label",
                )
            title = f"{label} ({units})" if units else label
            if data is pressure:
                title += ": systolic (upper), diastolic (lower)"
            if left_out:  # named under the chart: a long title runs into its neighbour
                title += "; titers apart"
                left_outs.append(f"{label}: {left_out} not drawn (another scale).")
            ax.set_title(title, fontsize=8, loc="left", pad=2)
        _dose_strip(axes[rows], records, start, until)
        kinds = _event_strip(axes[rows + 1], records, start, until)
        for ax in axes:
            if since > start:
                ax.axvline(day_numbers([since])[0], color=INK, linestyle=(0, (3, 2)), linewidth=0.7)
            ax.set_xlim(*day_numbers([start, until + timedelta(days=1)]))
            ax.tick_params(labelsize=MIN_PT, length=2, pad=1)
            ax.grid(True, axis="y", color="#e0e0e0", linewidth=0.5)
            if ax is not axes[-1]:
                ax.tick_params(labelbottom=False)
        locator = mdates.AutoDateLocator(minticks=3, maxticks=6)
        axes[-1].xaxis.set_major_locator(locator)
        axes[-1].xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    _legend(figure, shapes, kinds, _drawn_symbols(panels, shapes))
    _labels_off_points(figure)
    figure.set_label(" ".join(left_outs))  # what the caption must say was left out
    return figure


def _labels_off_points(figure: Figure) -> None:
    """Lay the figure out, then move category labels off the points (small panels leave
    no room at the right end of a line)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    from lupus_tracker.charts.labels import keep_labels_off_points

    canvas = FigureCanvasAgg(figure)
    canvas.draw()
    renderer = canvas.get_renderer()
    figure.set_layout_engine("none")  # the layout found is the one printed
    for ax in figure.axes:
        keep_labels_off_points(ax, renderer)


def trend_chart_image(records: ChartRecords, start: date, since: date, until: date) -> Image | None:
    """The trend chart as a print-size PNG; None when no key result falls in its span."""
    from lupus_tracker.report.content import Image

    if not _panel_keys(records, start, until):
        return None
    figure = trend_figure(records, start, since, until)
    pressure = any(ax.get_title(loc="left").startswith("Blood pressure") for ax in figure.axes)
    note = bp_target_note()
    caption = " ".join(
        part
        for part in (
            str(figure.get_label() or ""),
            f"{note[0].upper()}{note[1:]}." if pressure else "",
        )
        if part
    )
    return Image(_png(figure), CHART_WIDTH_MM, caption)
