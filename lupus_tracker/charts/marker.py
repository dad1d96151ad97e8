"""One marker over time, against each result's own reference range, with treatments and
events on the same time axis.

- Values in the user's preferred unit; each (unit family, assay) is its own labelled series,
  never joined to another (ELISA and CLIA anti-dsDNA, computed and lab eGFR).
- The reference band follows each result's own lab range (a step band), one-sided ranges
  shade to the edge of the plot, and a marker without a range still charts.
- Exact values are filled circles; bounds such as ``<0.5`` are open triangles pointing the
  way of the bound; out-of-range points get a red ring; words (negative/positive) are
  labelled marks along the bottom of the plot.
- Titers (ANA) on a log2 axis labelled 1:80, 1:160, ...
- Events are labelled vertical lines; medications are spans in a strip below, with each
  dose change as its own segment.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from lupus_tracker.analysis.latest import show
from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.values import format_number

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from lupus_tracker.store.repository import Repository

PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")
EVENT_COLOURS = {"infusion": "#009E73", "flare": "#D55E00", "hospital_stay": "#CC79A7",
                 "visit": "#7f7f7f", "other": "#7f7f7f"}
OUT_OF_RANGE = "#C00000"


@dataclass
class Series:
    label: str
    unit_label: str
    days: list[date] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    bounds: list[str] = field(default_factory=list)  # "", "<", "<=", ">", ">="
    out: list[bool] = field(default_factory=list)
    lows: list[float | None] = field(default_factory=list)
    highs: list[float | None] = field(default_factory=list)
    details: list[str] = field(default_factory=list)  # for hover: value as entered and lab


@dataclass
class MarkerData:
    title: str
    series: list[Series]
    words: list[tuple[date, str, bool]]  # (day, word, abnormal)
    titer: bool


def marker_data(repo: Repository, key: str, since: date | None = None,
                until: date | None = None) -> MarkerData:
    """The points of one marker, grouped into comparable series (pure data, no drawing)."""
    marker = get_marker(key)
    preferred = repo.settings.preferred_unit(marker)
    sex = repo.profile.get().sex
    groups: dict[tuple[str, str], Series] = {}
    words: list[tuple[date, str, bool]] = []
    titer = False
    for result in repo.results.all([key], since, until):
        shown = show(marker, result, preferred, sex)
        m = shown.measurement
        if shown.number is None:
            words.append((result.taken_on, m.value.text, m.flag.is_out_of_range))
            continue
        titer = titer or m.unit.family == "titer"
        assay = result.assay or ""
        group = groups.setdefault((shown.unit.family, assay), Series(
            " · ".join(p for p in (shown.unit.label, assay) if p), shown.unit.label))
        ref = m.ref
        if ref is not None and shown.unit is not m.unit and not ref.titer:
            ref = ref.scaled(lambda v, u=m.unit, s=shown.unit: marker.units.convert(v, u, s))
        group.days.append(result.taken_on)
        group.values.append(shown.number)
        group.bounds.append(m.value.comparator.value if m.value.comparator else "")
        group.out.append(m.flag.is_out_of_range)
        group.lows.append(ref.low if ref is not None else None)
        group.highs.append(ref.high if ref is not None else None)
        lab = f" — {result.lab}" if result.lab else ""
        group.details.append(f"{result.taken_on.isoformat()}: {m.value.text} "
                             f"{m.unit.label}{lab}")
    title = marker.name + (" (titer; confirms the diagnosis, does not track activity)"
                           if marker.key == "ana" else "")
    return MarkerData(title, list(groups.values()), words, titer)


def _band(ax, series: Series, colour: str) -> None:
    """Shade each result's own range as a step band (open ends shade to the axis edge)."""
    import numpy as np

    if not any(lo is not None or hi is not None for lo, hi in zip(series.lows, series.highs,
                                                                 strict=True)):
        return
    bottom, top = ax.get_ylim()
    lows = np.array([bottom if lo is None else lo for lo in series.lows], dtype=float)
    highs = np.array([top if hi is None else hi for hi in series.highs], dtype=float)
    ax.fill_between(series.days, lows, highs, step="mid", color=colour, alpha=0.12,
                    linewidth=0, label=f"reference range ({series.label})")


def draw_marker(ax, data: MarkerData) -> list:
    """Draw into ``ax``; returns the point collections (for hover)."""
    artists = []
    for index, series in enumerate(data.series):
        colour = PALETTE[index % len(PALETTE)]
        ax.plot(series.days, series.values, color=colour, linewidth=1.3, alpha=0.8,
                gid=f"series:{series.label}")
        exact = [i for i, b in enumerate(series.bounds) if not b]
        points = ax.scatter([series.days[i] for i in exact], [series.values[i] for i in exact],
                            color=colour, s=22, zorder=3, label=series.label)
        points.lupus_details = [series.details[i] for i in exact]
        artists.append(points)
        for marker_shape, kinds, name in (("v", ("<", "<="), "below"), ("^", (">", ">="),
                                                                         "above")):
            picked = [i for i, b in enumerate(series.bounds) if b in kinds]
            if picked:
                bound = ax.scatter([series.days[i] for i in picked],
                                   [series.values[i] for i in picked], marker=marker_shape,
                                   facecolors="white", edgecolors=colour, s=40, zorder=4,
                                   label=f"{series.label}: {name} this bound")
                bound.lupus_details = [series.details[i] for i in picked]
                artists.append(bound)
        out = [i for i, flag in enumerate(series.out) if flag]
        if out:
            ax.scatter([series.days[i] for i in out], [series.values[i] for i in out],
                       facecolors="none", edgecolors=OUT_OF_RANGE, s=90, linewidths=1.4,
                       zorder=5, label="out of range" if index == 0 else None)
    if data.titer:
        ax.set_yscale("log", base=2)
        ax.yaxis.set_major_formatter(_titer_formatter())
    for index, series in enumerate(data.series):
        _band(ax, series, PALETTE[index % len(PALETTE)])
    if data.words:
        bottom = ax.get_ylim()[0] if data.series else 0
        for day, word, abnormal in data.words:
            ax.annotate(word, (day, bottom), xytext=(0, 6), textcoords="offset points",
                        rotation=90, fontsize=7, ha="center", va="bottom",
                        color=OUT_OF_RANGE if abnormal else "#333333")
            ax.plot([day], [bottom], marker="|", color="#333333", markersize=10)
    units = sorted({s.unit_label for s in data.series})
    ax.set_ylabel(" / ".join(units) if units else "result")
    ax.grid(True, alpha=0.3)
    return artists


def _titer_formatter():
    from matplotlib.ticker import FuncFormatter

    def label(value: float, _position) -> str:
        return f"1:{format_number(value)}" if (value >= 1 and math.log2(value).is_integer()) \
            or value in (10, 20, 40, 80, 160, 320, 640, 1280, 2560, 5120) else ""

    return FuncFormatter(label)


def draw_events(ax, repo: Repository, since: date | None, until: date | None) -> None:
    for event in repo.events.all(since, until):
        colour = EVENT_COLOURS.get(event.kind.value, "#7f7f7f")
        ax.axvline(event.occurred_on, color=colour, linestyle="--", linewidth=1, alpha=0.8)
        if event.kind.value != "visit":
            ax.annotate(event.title or event.kind.label, (event.occurred_on, 1),
                        xycoords=("data", "axes fraction"), rotation=90, fontsize=7,
                        ha="right", va="top", color=colour)


def draw_medications(ax, repo: Repository, since: date | None, until: date | None) -> None:
    frame = repo.treatments.doses_frame()
    end = until or date.today()
    names = list(dict.fromkeys(frame["name"]))
    for row, name in enumerate(names):
        doses = frame[frame["name"] == name]
        for index, dose in enumerate(doses.itertuples()):
            start = dose.from_date.date()
            stop = dose.until.date() if not _is_nat(dose.until) else end
            if since is not None and stop < since:
                continue
            start = max(start, since) if since else start
            colour = PALETTE[row % len(PALETTE)]
            ax.barh(row, (stop - start).days, left=start, height=0.6, color=colour,
                    alpha=0.35 + 0.5 * (index % 2), edgecolor="white")
            if dose.dose == dose.dose and dose.dose is not None:  # not NaN
                ax.annotate(f"{format_number(dose.dose)} {dose.unit or ''}", (start, row),
                            xytext=(2, 0), textcoords="offset points", fontsize=6.5,
                            va="center")
    ax.set_yticks(range(len(names)), names, fontsize=7)
    ax.invert_yaxis()
    ax.grid(True, axis="x", alpha=0.3)


def _is_nat(value) -> bool:
    return value is None or value != value


def marker_figure(repo: Repository, key: str, since: date | None = None,
                  until: date | None = None, *, width_in: float = 9.0,
                  with_medications: bool = True) -> Figure:
    from matplotlib.figure import Figure

    data = marker_data(repo, key, since, until)
    has_meds = with_medications and repo.counts()["medications"] > 0
    figure = Figure(figsize=(width_in, 5.6 if has_meds else 4.2), layout="constrained")
    if has_meds:
        ax, meds = figure.subplots(2, 1, sharex=True, height_ratios=(3, 1.3))
    else:
        ax, meds = figure.subplots(), None
    artists = draw_marker(ax, data)
    draw_events(ax, repo, since, until)
    ax.set_title(data.title)
    if data.series or data.words:
        ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    else:
        ax.text(0.5, 0.5, "No results in this period", transform=ax.transAxes, ha="center")
    if meds is not None:
        draw_medications(meds, repo, since, until)
        meds.set_title("Medications (each shade a dose period)", fontsize=8)
    concise_dates(meds if meds is not None else ax)
    figure.lupus_points = artists
    return figure


def concise_dates(ax) -> None:
    """Readable, non-overlapping date ticks."""
    import matplotlib.dates as mdates

    locator = mdates.AutoDateLocator(minticks=3, maxticks=8)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
