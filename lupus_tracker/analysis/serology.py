"""The activity signal: dates where anti-dsDNA is above its lab's range while C3 or C4 is
below its lab's range, and dates of proteinuria above the SLEDAI-2K limit (24-hour protein
above 0.5 g/24 h, or a UPCR above 0.5 mg/mg used in its place).

Each piece of evidence names the marker, its value and unit and the limit actually used.
A rise of anti-dsDNA is called a rise only when it is certain (``>300`` then ``400`` is
not) and against a comparable earlier result (``domain.comparability``).  The note shows
only what falls inside the period on screen.  Information to discuss with the doctor, never
advice.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.comparability import comparable
from lupus_tracker.domain.measurement import Measurement
from lupus_tracker.domain.ranges import Flag
from lupus_tracker.domain.records import LabResult
from lupus_tracker.domain.sledai import PROTEINURIA_G_PER_24H, UPCR_MG_PER_MG
from lupus_tracker.domain.thresholds import certainly_rose
from lupus_tracker.domain.values import format_number
from lupus_tracker.store.results_repo import measured

# Our choice: complement counts as low "at the same time" as anti-dsDNA within 15 days
# (lab panels of one visit are often drawn on different days of the same fortnight).
NEARBY_DAYS = 15
# Our choice: flagged dates closer than 45 days form one period (about one visit interval
# when active; EULAR 2010 monitoring recommends visits every 3-6 months when stable).
MERGE_DAYS = 45
# Our choice: a rise of at least 25% over the previous comparable anti-dsDNA result is called
# rising; smaller changes are within the assay's run-to-run variation.
MIN_RISE = 1.25
# Our choice: without a period given, the note looks back 180 days from today.
DEFAULT_LOOKBACK_DAYS = 180
DISCLAIMER = "Information to discuss with your doctor, not advice."
SEROLOGICAL = "serological"
PROTEINURIA = "proteinuria"
_WHAT = {
    SEROLOGICAL: "anti-dsDNA above its range while complement is low",
    PROTEINURIA: "proteinuria",
}
# The markers the signal reads (callers pass their results: repo.results.all(ACTIVITY_MARKERS)).
ACTIVITY_MARKERS = ("anti_dsdna", "c3", "c4", "urine_protein_24h", "upcr")
_PROTEINURIA_LIMITS = {
    "urine_protein_24h": (PROTEINURIA_G_PER_24H, "g/24 h"),
    "upcr": (UPCR_MG_PER_MG, "mg/mg"),
}


@dataclass(frozen=True)
class Period:
    kind: str  # SEROLOGICAL or PROTEINURIA
    start: date
    end: date
    evidence: tuple[str, ...]

    def text(self) -> str:
        span = (
            self.start.isoformat()
            if self.start == self.end
            else f"{self.start.isoformat()} to {self.end.isoformat()}"
        )
        return f"{span}: {_WHAT[self.kind]} ({'; '.join(self.evidence)})"


def _measured(results: Iterable[LabResult]) -> list[tuple[LabResult, Measurement]]:
    """The activity markers' results that the catalog can read, in date order."""
    ordered = sorted(
        (r for r in results if r.marker in ACTIVITY_MARKERS), key=lambda r: (r.taken_on, r.id or 0)
    )
    pairs = [(r, measured(r)) for r in ordered]
    return [(r, m) for r, m in pairs if m is not None]


def _merge(kind: str, hits: list[tuple[date, str]]) -> list[Period]:
    periods: list[Period] = []
    for day, why in sorted(hits):
        if periods and (day - periods[-1].end).days <= MERGE_DAYS:
            last = periods[-1]
            periods[-1] = Period(kind, last.start, day, (*last.evidence, why))
        else:
            periods.append(Period(kind, day, day, (why,)))
    return periods


def _range_text(m: Measurement) -> str:
    return f" (range {m.ref.text()})" if m.ref is not None else ""


def _serological(results: list[tuple[LabResult, Measurement]]) -> list[tuple[date, str]]:
    low_complement = [(r, m) for r, m in results if r.marker in ("c3", "c4") and m.flag is Flag.LOW]
    low_complement.sort(key=lambda pair: pair[0].taken_on)  # stable: the order as read
    complement_days = [r.taken_on for r, _ in low_complement]
    hits: list[tuple[date, str]] = []
    earlier: list[tuple[LabResult, Measurement]] = []
    for r, m in ((r, m) for r, m in results if r.marker == "anti_dsdna"):
        previous = next(((p, pm) for p, pm in reversed(earlier) if comparable(p, r)), None)
        earlier.append((r, m))
        if m.flag not in (Flag.HIGH, Flag.ABNORMAL):
            continue
        first = bisect_left(complement_days, r.taken_on - timedelta(days=NEARBY_DAYS))
        last = bisect_right(complement_days, r.taken_on + timedelta(days=NEARBY_DAYS))
        near = low_complement[first:last]
        if not near:
            continue
        rise = ""
        if previous is not None:
            p, pm = previous
            if (
                pm.base_value is not None
                and m.base_value is not None
                and certainly_rose(
                    pm.base_value, pm.value.comparator, m.base_value, m.value.comparator, MIN_RISE
                )
            ):
                rise = f", rising from {pm.value.text} on {p.taken_on.isoformat()}"
        complement = ", ".join(
            f"{get_marker(c.marker).label} {cm.value.text} {cm.unit.label}{_range_text(cm)} "
            f"on {c.taken_on.isoformat()}"
            for c, cm in near
        )
        hits.append(
            (
                r.taken_on,
                f"anti-dsDNA {m.value.text} {m.unit.label}{_range_text(m)} "
                f"on {r.taken_on.isoformat()}{rise}; low {complement}",
            )
        )
    return hits


def _proteinuria(results: list[tuple[LabResult, Measurement]]) -> list[tuple[date, str]]:
    hits = []
    for r, m in results:
        limit = _PROTEINURIA_LIMITS.get(r.marker)
        if limit is None or not m.certainly_above(limit[0]):
            continue
        hits.append(
            (
                r.taken_on,
                f"{get_marker(r.marker).label} {m.value.text} {m.unit.label} "
                f"on {r.taken_on.isoformat()}, above "
                f"{format_number(limit[0])} {limit[1]}",
            )
        )
    return hits


_KIND_MARKERS = {SEROLOGICAL: ("anti_dsdna",), PROTEINURIA: ("urine_protein_24h", "upcr")}


def latest_of_kind(results: Iterable[LabResult], kind: str, until: date) -> tuple[date, str] | None:
    """The latest result up to ``until`` of the markers a signal of ``kind`` reads, above
    its threshold or not: its date and "0.49 g/24h on 2026-11-23"; None when none.
    A signal's evidence is its last above-threshold result, which is not the latest result
    once values have settled (fixclin item 6)."""
    readable = [
        (r, m)
        for r, m in _measured(results)
        if r.marker in _KIND_MARKERS[kind] and r.taken_on <= until
    ]
    if not readable:
        return None
    r, m = readable[-1]
    return r.taken_on, f"{m.value.text} {m.unit.label} on {r.taken_on.isoformat()}"


def activity_periods(results: Iterable[LabResult]) -> list[Period]:
    """The signal's periods in ``results`` (any order; other markers are ignored)."""
    readable = _measured(results)
    return _merge(SEROLOGICAL, _serological(readable)) + _merge(PROTEINURIA, _proteinuria(readable))


def periods_in(periods: list[Period], since: date, until: date) -> list[Period]:
    """The periods that overlap ``since``..``until`` (both included)."""
    return [p for p in periods if p.end >= since and p.start <= until]


def activity_note(
    results: Iterable[LabResult], since: date | None = None, until: date | None = None
) -> str:
    """A short note for the dashboard and the report ('' when nothing to say): only the
    signals that fall inside ``since``..``until`` (default: the last 180 days)."""
    until = until or date.today()
    since = since or until - timedelta(days=DEFAULT_LOOKBACK_DAYS)
    periods = periods_in(activity_periods(results), since, until)
    if not periods:
        return ""
    lines = "; ".join(p.text() for p in periods)
    return (
        f"Possible lupus activity signals between {since.isoformat()} and "
        f"{until.isoformat()}: {lines}. {DISCLAIMER}"
    )
