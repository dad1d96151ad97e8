"""When two results of one marker may be compared (a change, a rise, one chart line).

The rule, used by the dashboard, treatment response, activity signal and chart series:
- the same unit family (anti-dsDNA in IU/mL and a kit's U/mL never compare);
- when both results name an assay, the same assay;
- when either assay is blank, the same lab and the same reference range (a blank assay
  says nothing, so the lab and its printed range stand in for it: anti-dsDNA 120 with range
  <30 and 15 with range <10 come from different tests);
- except for markers the catalog marks ``standardised`` (blood counts, haemoglobin,
  IDMS-traceable creatinine and its eGFR, glucose, HbA1c, potassium, complement C3 and C4
  and CRP (IFCC reference materials ERM-DA470k and ERM-DA472), vital signs; the
  catalog says why for each): these compare across labs and printed ranges, and
  :func:`comparison_note` says "different lab" so the reader knows (fixt2t item 5).
Names compare without regard to case or surrounding spaces.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, TypeVar

from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.egfr import COMPUTED_ASSAY, SCHWARTZ_ASSAY
from lupus_tracker.domain.ranges import parse_range
from lupus_tracker.domain.units import Unit, tidy
from lupus_tracker.domain.values import ValueParseError


class ComparableResult(Protocol):
    """What the rule reads from a result (``LabResult`` and ``LabEntry`` both have it)."""

    @property
    def marker(self) -> str: ...
    @property
    def unit(self) -> str | None: ...
    @property
    def assay(self) -> str | None: ...
    @property
    def lab(self) -> str | None: ...
    @property
    def ref_range(self) -> str | None: ...


R = TypeVar("R", bound=ComparableResult)


@dataclass(frozen=True)
class SeriesKey:
    """What identifies a result's test. Two results with equal keys are comparable; a
    chart draws one line per key (results with an assay are keyed by it alone)."""

    marker: str
    family: str
    assay: str
    lab: str
    ref_range: str

    def label(self) -> str:
        """A short name for a chart legend: the assay, else the lab, else ''."""
        return self.assay or self.lab


def _name(text: str | None) -> str:
    return " ".join((text or "").split()).casefold()


def _unit(result: ComparableResult) -> Unit | None:
    units = get_marker(result.marker).units
    if result.unit is None or not result.unit.strip():
        return units.canonical
    return units.find(result.unit)


# Ranges already expressed in base units, by (marker, unit, printed range), with the
# catalog marker that did it (a replaced marker is never served an old answer): the
# activity signal and chart series compare each result with many others.
_BASE_RANGES: dict[tuple[str, str | None, str], tuple[object, str]] = {}
_BASE_RANGES_LIMIT = 50_000


def _range(result: ComparableResult) -> str:
    """The printed range in the family's base unit (35-50 g/L equals 3.5-5.0 g/dL)."""
    text = result.ref_range
    if text is None or not text.strip():
        return ""
    marker = get_marker(result.marker)
    key = (result.marker, result.unit, text)
    known = _BASE_RANGES.get(key)
    if known is not None and known[0] is marker:
        return known[1]
    found = _base_range(result, text)
    if len(_BASE_RANGES) >= _BASE_RANGES_LIMIT:
        _BASE_RANGES.clear()
    _BASE_RANGES[key] = (marker, found)
    return found


def _base_range(result: ComparableResult, text: str) -> str:
    try:
        parsed = parse_range(text)
    except ValueParseError:
        return _name(text)
    if parsed is None:
        return ""
    unit = _unit(result)
    if unit is None or parsed.word is not None or parsed.titer:
        return parsed.text()
    return parsed.scaled(lambda v: tidy(unit.to_base(v))).text()


def unit_family(result: ComparableResult) -> str:
    """The unit family of a result's unit (the canonical one when no unit is given)."""
    unit = _unit(result)
    return unit.family if unit is not None else "?" + _name(result.unit)


# Markers computed from another measurement (eGFR from creatinine): their lab is the lab
# that measured the source, whatever equation name the result carries.
DERIVED_MARKERS = frozenset({"egfr"})


def _standardised(marker: str) -> bool:
    return get_marker(marker).standardised


def series_key(result: ComparableResult) -> SeriesKey:
    assay = _name(result.assay)
    if _standardised(result.marker):
        return SeriesKey(result.marker, unit_family(result), assay, "", "")
    if result.marker in DERIVED_MARKERS:
        return SeriesKey(result.marker, unit_family(result), assay, _name(result.lab), "")
    if assay:
        return SeriesKey(result.marker, unit_family(result), assay, "", "")
    return SeriesKey(result.marker, unit_family(result), "", _name(result.lab), _range(result))


_COMPUTED_ASSAYS = frozenset(_name(a) for a in (COMPUTED_ASSAY, SCHWARTZ_ASSAY))


def _is_computed(result: ComparableResult) -> bool:
    """An eGFR the app computed from a creatinine (``domain.egfr``), not one a lab printed."""
    return _name(result.assay) in _COMPUTED_ASSAYS


def why_not_comparable(a: ComparableResult, b: ComparableResult) -> str:
    """'' when ``a`` and ``b`` are comparable, else the reason in a few words."""
    if a.marker != b.marker:
        return "different markers"
    if unit_family(a) != unit_family(b):
        return "unit family changed"
    assay_a, assay_b = _name(a.assay), _name(b.assay)
    if a.marker in DERIVED_MARKERS:
        if _is_computed(a) != _is_computed(b):
            # Different methods: the lab's own equation and ours from its creatinine are
            # never one line nor one change (fixlatest item 6).
            return "lab-reported and computed"
        # The "assay" of an eGFR is its equation; the creatinine behind it was measured by
        # a lab, and a derived value inherits that creatinine's comparability (fixclin 7).
        if assay_a and assay_b and assay_a != assay_b:
            return "equation changed"
        if _standardised(a.marker):
            return ""
        if _name(a.lab) != _name(b.lab):
            return "lab changed (the creatinine it is computed from)"
        return ""
    if assay_a and assay_b:
        return "" if assay_a == assay_b else "assay changed"
    if _standardised(a.marker):
        return ""
    if _name(a.lab) != _name(b.lab):
        return "lab changed"
    if _range(a) != _range(b):
        return "reference range changed"
    return ""


def comparable(a: ComparableResult, b: ComparableResult) -> bool:
    return not why_not_comparable(a, b)


DIFFERENT_LAB = "different lab"


def comparison_note(a: ComparableResult, b: ComparableResult) -> str:
    """What a reader should know about a comparison of comparable results: "different
    lab" when a standardised marker's results come from different labs (or, with no lab
    named, different printed ranges); else ''."""
    if not comparable(a, b) or not _standardised(a.marker):
        return ""
    if _name(a.lab) != _name(b.lab):
        return DIFFERENT_LAB
    if a.marker not in DERIVED_MARKERS and _range(a) != _range(b):
        return DIFFERENT_LAB if _name(a.lab) == "" else "different reference range"
    return ""


def group_series(results: list[R]) -> list[list[R]]:
    """Split date-ordered results of one marker into runs that may be joined by a line:
    each result joins the most recent series whose last result is comparable with it."""
    series: list[list[R]] = []
    for result in results:
        for run in reversed(series):
            if comparable(run[-1], result):
                run.append(result)
                break
        else:
            series.append([result])
    return series
