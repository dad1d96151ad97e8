"""The one data-preparation step of every marker chart (single marker, panels, report).

Stored results become plain series: values in the user's display unit, each result's own
reference range in that unit, bounds such as ``<0.5`` kept as bounds (never an exact point),
word results (negative/positive) apart, and results that are not comparable (another unit
family, another assay, or with no assay named another lab or range) in separate series that
are never joined by a line. Builders draw from these records only: no repository, no SQL.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date

from lupus_tracker.analysis.latest import Shown, show
from lupus_tracker.domain.catalog import Marker
from lupus_tracker.domain.comparability import group_series
from lupus_tracker.domain.egfr import results_name
from lupus_tracker.domain.records import LabResult, Sex, Source
from lupus_tracker.domain.units import Unit
from lupus_tracker.domain.wording import chart_flag_word, is_egfr_stage

TITER_DILUTIONS = tuple(10 * 2**k for k in range(12))  # 1:10, 1:20, 1:40 ... 1:20480


@dataclass(frozen=True)
class Point:
    """One plotted result, in the series' display unit."""

    day: date
    value: float
    bound: str  # "" for an exact value, else "<", "<=", ">" or ">="
    out_of_range: bool
    flag: str  # "low", "high", "abnormal" or ""
    text: str  # the value as shown, in the display unit ("<0.5", "0.81")
    low: float | None  # this result's own reference range, in the display unit
    high: float | None
    detail: str  # what hover and the keyboard announce: date, value as printed, lab


@dataclass(frozen=True)
class Series:
    """Comparable results of one marker, in date order."""

    label: str
    unit_label: str
    points: tuple[Point, ...]
    source: str = ""  # "assay · lab", as every legend and table names a series
    shape: str = ""  # a matplotlib marker of its own ("" the default circle)

    @property
    def days(self) -> list[date]:
        return [p.day for p in self.points]

    @property
    def values(self) -> list[float]:
        return [p.value for p in self.points]

    @property
    def bounds(self) -> list[str]:
        return [p.bound for p in self.points]

    @property
    def lows(self) -> list[float | None]:
        return [p.low for p in self.points]

    @property
    def highs(self) -> list[float | None]:
        return [p.high for p in self.points]

    @property
    def out(self) -> list[bool]:
        return [p.out_of_range for p in self.points]

    @property
    def details(self) -> list[str]:
        return [p.detail for p in self.points]

    @property
    def has_range(self) -> bool:
        return any(p.low is not None or p.high is not None for p in self.points)


@dataclass(frozen=True)
class WordResult:
    day: date
    word: str
    abnormal: bool
    detail: str


@dataclass(frozen=True)
class MarkerData:
    """Everything a chart of one marker draws."""

    key: str
    name: str
    title: str
    series: tuple[Series, ...]
    words: tuple[WordResult, ...]
    titer: bool

    @property
    def empty(self) -> bool:
        return not self.series and not self.words

    @property
    def unit_labels(self) -> list[str]:
        return sorted({s.unit_label for s in self.series})

    def points_in_order(self) -> list[tuple[Point | WordResult, str]]:
        """Every plotted result with its series label, by date (keyboard order)."""
        items: list[tuple[Point | WordResult, str]] = [
            (p, s.label) for s in self.series for p in s.points
        ]
        items += [(w, "") for w in self.words]
        return sorted(items, key=lambda item: item[0].day)


def split_comparable(shown: Sequence[Shown]) -> list[list[Shown]]:
    """Group results (date order) into series by the one comparability rule
    (:func:`lupus_tracker.domain.comparability.group_series`)."""
    by_result = {id(item.result): item for item in shown}
    return [
        [by_result[id(result)] for result in group]
        for group in group_series([item.result for item in shown])
    ]


NO_ASSAY = "assay not named"


def source_name(assay: str | None, lab: str | None) -> str:
    """A series named as the report's tables and legends name it: "CLIA · River Lab"."""
    return " · ".join(
        part for part in ((assay or "").strip() or NO_ASSAY, (lab or "").strip()) if part
    )


EGFR_LAB = "eGFR (lab)"
EGFR_COMPUTED = "eGFR (computed from creatinine)"
COMPUTED_SHAPE = "s"  # a square: the computed eGFR is told apart from the lab's without colour


def _egfr_by_method(series: tuple[Series, ...], computed: list[bool]) -> tuple[Series, ...]:
    """The lab's eGFR and the one computed from creatinine are different methods: both
    drawn, named by method ("eGFR (lab)", "eGFR (computed from creatinine)") and the
    computed one with its own marker (fixlatest item 6). Several series of one method keep
    their assay or lab after the name; the lab's series come first."""
    counts = {flag: computed.count(flag) for flag in (True, False)}
    named = []
    by_method = sorted(zip(series, computed, strict=True), key=lambda pair: pair[1])
    for item, is_computed in by_method:  # the lab's first
        label = EGFR_COMPUTED if is_computed else EGFR_LAB
        if counts[is_computed] > 1:
            label += f" · {item.source}"
        named.append(replace(item, label=label, shape=COMPUTED_SHAPE if is_computed else ""))
    return tuple(named)


def _label(group: list[Shown], many: bool) -> str:
    first = group[0]
    parts = [first.unit.label]
    if first.result.assay:
        parts.append(first.result.assay)
    elif many and first.result.lab:
        parts.append(first.result.lab)
    return " · ".join(parts)


SEVERAL_LABS = "several labs"


def _labs(group: list[Shown]) -> str:
    """The lab of a series. A standardised marker's series may span labs (each point's
    detail names its own lab): it is then named "several labs", short enough for a
    legend."""
    labs = {(item.result.lab or "").strip() for item in group} - {""}
    if len(labs) > 1:
        return SEVERAL_LABS
    return (group[-1].result.lab or "").strip()


def _point(marker: Marker, item: Shown) -> Point:
    m = item.measurement
    ref = m.ref
    if ref is not None and item.unit is not m.unit and not ref.titer:
        source, shown_unit = m.unit, item.unit
        ref = ref.scaled(lambda v: marker.units.convert(v, source, shown_unit))
    lab = f" — {item.result.lab}" if item.result.lab else ""
    detail = f"{item.day.strftime('%d %b %Y')}: {m.value.text} {m.unit.label}{lab}".replace(
        " {titer}", ""
    )
    state = chart_flag_word(m)  # an eGFR of 60-89 reads as its KDIGO stage, not normal
    if state:
        detail += f", {state if is_egfr_stage(state) else state.upper()}"
    assert item.number is not None
    return Point(
        item.day,
        item.number,
        m.value.comparator.value if m.value.comparator else "",
        m.flag.is_out_of_range,
        state,
        item.value_text,
        ref.low if ref is not None else None,
        ref.high if ref is not None else None,
        detail,
    )


def prepare_marker(
    marker: Marker, results: Iterable[LabResult], preferred: Unit, sex: Sex | None
) -> MarkerData:
    """The series, bounds, words and ranges of one marker's results (any order)."""
    numeric: list[Shown] = []
    words: list[WordResult] = []
    for result in sorted(results, key=lambda r: (r.taken_on, r.id)):
        item = show(marker, result, preferred, sex)
        if item.number is None:
            m = item.measurement
            lab = f" — {result.lab}" if result.lab else ""
            words.append(
                WordResult(
                    result.taken_on,
                    m.value.text,
                    m.flag.is_out_of_range,
                    f"{result.taken_on.strftime('%d %b %Y')}: {m.value.text}{lab}",
                )
            )
            continue
        numeric.append(item)
    groups = split_comparable(numeric)
    series = tuple(
        Series(
            _label(g, len(groups) > 1),
            g[0].unit.label,
            tuple(_point(marker, item) for item in g),
            source_name(g[-1].result.assay, _labs(g)),
        )
        for g in groups
    )
    if marker.key == "egfr":
        series = _egfr_by_method(series, [g[0].result.source is Source.COMPUTED for g in groups])
    # Only titer series are relabelled, and the axis is a titer axis only when every series
    # is a titer: an IU/mL value is never drawn on a titer scale.
    is_titer = [g[0].measurement.unit.family == "titer" for g in groups]
    series = tuple(
        replace(s, label=s.label.replace("{titer}", "titer"), unit_label="titer") if t else s
        for s, t in zip(series, is_titer, strict=True)
    )
    titer = bool(groups) and all(is_titer)
    # An eGFR is named by the equation its results used (bedside Schwartz under 18).
    name = results_name(marker, (item.result.assay for item in numeric))
    title = name + (
        " (titer; confirms the diagnosis, does not track activity)" if marker.key == "ana" else ""
    )
    return MarkerData(marker.key, name, title, series, tuple(words), titer)


def split_by_unit(data: MarkerData) -> list[MarkerData]:
    """``data`` as one chart per unit family (IU/mL, a kit's U/mL, a titer), in the order
    the families first appear: numbers of different families are never drawn on one axis.
    Word results go with the first. One family: ``[data]`` itself."""
    families: dict[str, list[Series]] = {}
    for series in data.series:
        families.setdefault(series.unit_label, []).append(series)
    if len(families) < 2:
        return [data]
    return [
        MarkerData(
            data.key,
            data.name,
            data.title,
            tuple(group),
            data.words if index == 0 else (),
            unit == "titer",
        )
        for index, (unit, group) in enumerate(families.items())
    ]


def part_title(part: MarkerData) -> str:
    """What one unit family's chart shows: "anti-dsDNA in IU/mL (ELISA, CLIA)"."""
    names = [s.label.split(" · ", 1)[1] for s in part.series if " · " in s.label]
    unit = part.unit_labels[0] if part.unit_labels else "words"
    assays = f" ({', '.join(dict.fromkeys(names))})" if names else ""
    return f"{part.name} in {unit}{assays}"


def summary(data: MarkerData) -> str:
    """One sentence for a screen reader: "C3, 14 results from Jan 2025 to Nov 2026, latest
    0.81 g/L, low"."""
    items = data.points_in_order()
    if not items:
        return f"{data.name}: no results in this period"
    first, last = items[0][0], items[-1][0]
    count = len(items)
    noun = "result" if count == 1 else "results"
    span = (
        f"on {first.day.strftime('%b %Y')}"
        if count == 1
        else f"from {first.day.strftime('%b %Y')} to {last.day.strftime('%b %Y')}"
    )
    if isinstance(last, Point):
        series = next(s for s in data.series if last in s.points)
        unit = "" if data.titer else f" {series.unit_label}"
        value = last.text if data.titer else f"{last.text}{unit}"
        state = last.flag
    else:
        value, state = last.word, "abnormal" if last.abnormal else ""
    return f"{data.name}, {count} {noun} {span}, latest {value}" + (f", {state}" if state else "")
