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
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import partial
from typing import Protocol, TypeVar

from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.comparability import comparable
from lupus_tracker.domain.measurement import Measurement
from lupus_tracker.domain.ranges import Flag
from lupus_tracker.domain.sledai import PROTEINURIA_G_PER_24H, UPCR_MG_PER_MG
from lupus_tracker.domain.thresholds import certainly_rose
from lupus_tracker.domain.values import format_number
from lupus_tracker.store.results_repo import StoredText, measured

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


class SignalSource(StoredText, Protocol):
    """What the signal reads of a result: a stored ``LabResult`` or the lighter
    ``store.inputs.SignalResult`` (the stored text and its interpretation, as
    ``StoredText``, plus the row's id, date, lab and assay)."""

    @property
    def id(self) -> int | None: ...
    @property
    def taken_on(self) -> date: ...
    @property
    def lab(self) -> str | None: ...
    @property
    def assay(self) -> str | None: ...


R = TypeVar("R", bound=SignalSource)
# A date flagged by the signal, with its evidence written only when it is shown: over 30
# years most flagged dates fall in periods outside the dashboard's 180 days.
_Hit = tuple[date, Callable[[], str]]


def _measured(results: Iterable[R]) -> list[tuple[R, Measurement]]:
    """The activity markers' results that the catalog can read, in date order."""
    ordered = sorted(
        (r for r in results if r.marker in ACTIVITY_MARKERS), key=lambda r: (r.taken_on, r.id or 0)
    )
    pairs = [(r, measured(r)) for r in ordered]
    return [(r, m) for r, m in pairs if m is not None]


def _spans(hits: list[_Hit]) -> list[list[_Hit]]:
    """Flagged dates closer than ``MERGE_DAYS`` to the one before, grouped (date order)."""
    spans: list[list[_Hit]] = []
    for hit in sorted(hits, key=lambda h: h[0]):
        if spans and (hit[0] - spans[-1][-1][0]).days <= MERGE_DAYS:
            spans[-1].append(hit)
        else:
            spans.append([hit])
    return spans


def _period(kind: str, span: list[_Hit]) -> Period:
    """A span as a period, its evidence written, in date then text order."""
    evidence = sorted((day, text()) for day, text in span)
    return Period(kind, span[0][0], span[-1][0], tuple(why for _, why in evidence))


def _range_text(m: Measurement) -> str:
    return f" (range {m.ref.text()})" if m.ref is not None else ""


def _serological(results: list[tuple[R, Measurement]]) -> list[_Hit]:
    low_complement = [(r, m) for r, m in results if r.marker in ("c3", "c4") and m.flag is Flag.LOW]
    low_complement.sort(key=lambda pair: pair[0].taken_on)  # stable: the order as read
    complement_days = [r.taken_on for r, _ in low_complement]
    dsdna = [(r, m) for r, m in results if r.marker == "anti_dsdna"]
    hits: list[_Hit] = []
    for index, (r, m) in enumerate(dsdna):
        if m.flag not in (Flag.HIGH, Flag.ABNORMAL):
            continue
        first = bisect_left(complement_days, r.taken_on - timedelta(days=NEARBY_DAYS))
        last = bisect_right(complement_days, r.taken_on + timedelta(days=NEARBY_DAYS))
        if first == last:
            continue
        near = low_complement[first:last]
        hits.append((r.taken_on, partial(_serological_evidence, dsdna, index, near)))
    return hits


def _serological_evidence(
    dsdna: list[tuple[R, Measurement]], index: int, near: list[tuple[R, Measurement]]
) -> str:
    """The evidence of the anti-dsDNA result ``dsdna[index]`` with its low complement:
    a rise is named against the latest earlier comparable anti-dsDNA result."""
    r, m = dsdna[index]
    previous = next(
        (dsdna[i] for i in range(index - 1, -1, -1) if comparable(dsdna[i][0], r)), None
    )
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
    return (
        f"anti-dsDNA {m.value.text} {m.unit.label}{_range_text(m)} "
        f"on {r.taken_on.isoformat()}{rise}; low {complement}"
    )


def _proteinuria(results: list[tuple[R, Measurement]]) -> list[_Hit]:
    hits: list[_Hit] = []
    for r, m in results:
        limit = _PROTEINURIA_LIMITS.get(r.marker)
        if limit is None or not m.certainly_above(limit[0]):
            continue
        hits.append((r.taken_on, partial(_proteinuria_evidence, r, m, limit)))
    return hits


def _proteinuria_evidence(r: SignalSource, m: Measurement, limit: tuple[float, str]) -> str:
    return (
        f"{get_marker(r.marker).label} {m.value.text} {m.unit.label} "
        f"on {r.taken_on.isoformat()}, above "
        f"{format_number(limit[0])} {limit[1]}"
    )


_KIND_MARKERS = {SEROLOGICAL: ("anti_dsdna",), PROTEINURIA: ("urine_protein_24h", "upcr")}


def latest_of_kind(
    results: Iterable[SignalSource], kind: str, until: date
) -> tuple[date, str] | None:
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


def _periods(
    results: Iterable[SignalSource], window: tuple[date, date] | None = None
) -> list[Period]:
    """The signal's periods that overlap ``window`` (since, until; every one when None),
    each found from all of ``results``; only their evidence is written."""
    readable = _measured(results)
    found = []
    for kind, hits in (
        (SEROLOGICAL, _serological(readable)),
        (PROTEINURIA, _proteinuria(readable)),
    ):
        for span in _spans(hits):
            if window is not None and (span[-1][0] < window[0] or span[0][0] > window[1]):
                continue
            found.append(_period(kind, span))
    return found


def activity_periods(results: Iterable[SignalSource]) -> list[Period]:
    """The signal's periods in ``results`` (any order; other markers are ignored)."""
    return _periods(results)


def periods_in(periods: list[Period], since: date, until: date) -> list[Period]:
    """The periods that overlap ``since``..``until`` (both included)."""
    return [p for p in periods if p.end >= since and p.start <= until]


def activity_note(
    results: Iterable[SignalSource], since: date | None = None, until: date | None = None
) -> str:
    """A short note for the dashboard and the report ('' when nothing to say): only the
    signals that fall inside ``since``..``until`` (default: the last 180 days)."""
    until = until or date.today()
    since = since or until - timedelta(days=DEFAULT_LOOKBACK_DAYS)
    periods = _periods(results, (since, until))  # the same as periods_in(activity_periods())
    if not periods:
        return ""
    lines = "; ".join(p.text() for p in periods)
    return (
        f"Possible lupus activity signals between {since.isoformat()} and "
        f"{until.isoformat()}: {lines}. {DISCLAIMER}"
    )
