"""The glucocorticoid strip: daily oral prednisone-equivalent as steps, reference lines at
7.5 mg/day (LLDAS, Franklyn 2016) and 5 mg/day (DORIS 2021, EULAR 2023), intravenous pulses
as labelled markers, and cumulative grams on a second axis.

Meaning is never carried by colour alone: the two reference lines differ in dash pattern
and carry text labels; pulses are triangles with their dose written next to them.
Used by the Insight view and the visit report alike.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from lupus_tracker.domain import glucocorticoids as gc

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from lupus_tracker.charts.style import ChartStyle

LLDAS_LINE = 7.5
DORIS_LINE = 5.0


def glucocorticoid_figure(
    exposure: gc.Exposure,
    since: date,
    until: date,
    *,
    width_in: float = 9.0,
    height_in: float = 3.2,
    style: ChartStyle | None = None,
) -> Figure:
    """The strip; ``style`` (charts/style.py) gives the screen's light or dark colours,
    without it the figure keeps its paper colours."""
    from matplotlib.figure import Figure

    from lupus_tracker.charts.marker import concise_dates, day_numbers
    from lupus_tracker.charts.style import apply_to_figure

    oral, pulse_colour, cumulative, lines = (
        (style.colour(0), style.colour(1), style.colour(2), style.muted_text)
        if style
        else ("#0072B2", "#D55E00", "#009E73", "#555555")
    )
    # Text follows the app's font size on screen (style.font_pt); paper keeps 7 and 9 pt.
    small, normal, title = (
        (style.small_pt, style.font_pt, style.title_pt) if style else (7.0, 9.0, 9.0)
    )
    figure = Figure(figsize=(width_in, height_in), layout="constrained")
    ax = figure.subplots()
    steps = gc.oral_steps(exposure, since, until)
    days = [d for d, _ in steps]
    doses = [mg for _, mg in steps]
    ax.step(
        day_numbers(days),
        doses,
        where="post",
        color=oral,
        linewidth=2,
        gid="series:oral",
        label="oral prednisone-equivalent (mg/day)",
    )
    ax.axhline(LLDAS_LINE, color=lines, linestyle="--", linewidth=1, gid="line:7.5")
    ax.axhline(DORIS_LINE, color=lines, linestyle=":", linewidth=1.2, gid="line:5")
    ax.annotate(
        "7.5 mg/day (LLDAS limit)",
        (1.0, LLDAS_LINE),
        xycoords=("axes fraction", "data"),
        xytext=(-4, 3),
        textcoords="offset points",
        ha="right",
        fontsize=small,
    )
    ax.annotate(
        "5 mg/day (DORIS limit)",
        (1.0, DORIS_LINE),
        xycoords=("axes fraction", "data"),
        xytext=(-4, -10),
        textcoords="offset points",
        ha="right",
        fontsize=small,
    )
    pulses = exposure.pulses(since, until)
    top = max([*doses, LLDAS_LINE * 2, 10.0])
    if pulses:
        ax.plot(
            day_numbers([p.day for p in pulses]),
            [top * 0.95] * len(pulses),
            linestyle="none",
            marker="v",
            color=pulse_colour,
            gid="series:pulses",
            label="intravenous pulse (dose written)",
        )
        shown: set[date] = set()
        for pulse in pulses:
            if any(abs((pulse.day - s).days) < 5 for s in shown):
                continue  # consecutive pulse days: label the first only
            shown.add(pulse.day)
            run = [p for p in pulses if timedelta(0) <= p.day - pulse.day < timedelta(days=5)]
            ax.annotate(
                f"{len(run)}× {gc.format_mg(pulse.mg)} mg",
                (day_numbers([pulse.day])[0], top * 0.95),
                xytext=(4, -12),
                textcoords="offset points",
                fontsize=small,
            )
    ax.set_ylim(0, top * 1.05)
    ax.set_xlim(*day_numbers([since, until]))
    ax.set_ylabel("mg/day", fontsize=normal)
    total = gc.cumulative(exposure, since, until)
    ax.set_title(
        f"Glucocorticoids, prednisone-equivalent: {total.total_g:.2f} g in this period"
        + ("" if total.complete else " (incomplete: a dose is not known)"),
        fontsize=title,
    )
    twin = ax.twinx()
    curve_days, curve_g = _cumulative_curve(exposure, since, until)
    twin.plot(
        day_numbers(curve_days),
        curve_g,
        color=cumulative,
        linestyle="-.",
        linewidth=1,
        gid="series:cumulative",
        label="cumulative (g, right axis)",
    )
    twin.set_ylabel("cumulative g", fontsize=normal)
    twin.set_ylim(0, max([*curve_g, 0.1]) * 1.1)
    handles = ax.get_legend_handles_labels()
    twin_handles = twin.get_legend_handles_labels()
    legend = ax.legend(
        handles[0] + twin_handles[0],
        handles[1] + twin_handles[1],
        fontsize=small,
        loc="upper center",
        frameon=False,
    )
    concise_dates(ax)
    if style is not None:
        apply_to_figure(figure, style)
        for text in (*ax.texts, *legend.get_texts()):
            text.set_color(style.text)
    return figure


def _cumulative_curve(
    exposure: gc.Exposure, since: date, until: date
) -> tuple[list[date], list[float]]:
    """Cumulative grams sampled at most ~200 times over the period."""
    span = max(1, (until - since).days)
    step = max(1, span // 200)
    days, grams = [], []
    day = since
    while day <= until:
        days.append(day)
        grams.append(gc.cumulative(exposure, since, day).total_g)
        day += timedelta(days=step)
    if days[-1] != until:
        days.append(until)
        grams.append(gc.cumulative(exposure, since, until).total_g)
    return days, grams
