"""Treatment response: each marker's baseline and its values 1, 3, 6 and 12 months after a
treatment, with absolute and percent change, as clinical studies of lupus treatments
report them.

Baseline is the last result on or before the treatment date, within 90 days. A follow-up
point is the result nearest to the target day (30, 91, 182, 365 days after) within ±15 days
for 1 month and ±30 days for the others. A change is computed only against a baseline of
the same unit family and assay, and only between exact numbers; otherwise the cell says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from lupus_tracker.analysis.latest import Shown, show
from lupus_tracker.domain.catalog import MARKERS, Marker
from lupus_tracker.domain.comparability import why_not_comparable
from lupus_tracker.domain.records import EventKind, LabResult, Source
from lupus_tracker.domain.values import format_number, round_significant
from lupus_tracker.store.repository import Repository

BASELINE_DAYS = 90
POINTS: tuple[tuple[str, int, int], ...] = (("1 month", 30, 15), ("3 months", 91, 30),
                                             ("6 months", 182, 30), ("12 months", 365, 30))
DEFAULT_MARKERS = ("anti_dsdna", "c3", "c4", "albumin", "urine_protein_24h", "upcr",
                   "creatinine", "egfr", "hemoglobin", "wbc", "lymphocytes", "platelets",
                   "esr", "crp")


@dataclass(frozen=True)
class FollowUp:
    label: str
    shown: Shown | None
    change: float | None
    percent: float | None
    remark: str = ""

    def text(self) -> str:
        if self.shown is None:
            return "—"
        cell = self.shown.value_text
        if self.change is not None:
            sign = "+" if self.change > 0 else ""
            cell += f" ({sign}{format_number(round_significant(self.change))}"
            if self.percent is not None:
                cell += f", {sign if self.percent > 0 else ''}{self.percent:.0f}%"
            cell += ")"
        elif self.remark:
            cell += f" ({self.remark})"
        return cell


@dataclass(frozen=True)
class ResponseRow:
    marker: Marker
    unit_label: str
    baseline: Shown | None
    follow_ups: tuple[FollowUp, ...]


def _nearest(results: list[LabResult], target: date, tolerance: int) -> LabResult | None:
    candidates = [r for r in results if abs((r.taken_on - target).days) <= tolerance]
    return min(candidates, key=lambda r: abs((r.taken_on - target).days), default=None)


def _compare(baseline: Shown, later: Shown) -> tuple[float | None, float | None, str]:
    reason = why_not_comparable(baseline.result, later.result)
    if reason:
        return None, None, f"not comparable: {reason}"
    if (baseline.number is None or later.number is None
            or baseline.measurement.value.comparator or later.measurement.value.comparator):
        return None, None, "no exact change"
    change = later.number - baseline.number
    percent = None if baseline.number == 0 else 100 * change / baseline.number
    return change, percent, ""


def response_table(repo: Repository, start: date,
                   markers: tuple[str, ...] = DEFAULT_MARKERS) -> list[ResponseRow]:
    """Rows for every marker that has a baseline or any follow-up value."""
    sex = repo.profile.get().sex
    until = start + timedelta(days=max(d + t for _, d, t in POINTS))
    by_marker: dict[str, list[LabResult]] = {}
    for result in repo.results.all(markers, start - timedelta(BASELINE_DAYS), until):
        if result.source is not Source.COMPUTED:
            by_marker.setdefault(result.marker, []).append(result)
    rows = []
    for marker in (m for m in MARKERS if m.key in markers):
        results = by_marker.get(marker.key, [])
        if not results:
            continue
        preferred = repo.settings.preferred_unit(marker)
        before = [r for r in results if r.taken_on <= start]
        baseline = show(marker, before[-1], preferred, sex) if before else None
        after = [r for r in results if r.taken_on > start]
        follow_ups = []
        for label, days, tolerance in POINTS:
            found = _nearest(after, start + timedelta(days), tolerance)
            if found is None:
                follow_ups.append(FollowUp(label, None, None, None))
                continue
            shown = show(marker, found, preferred, sex)
            change, percent, remark = (None, None, "no baseline") if baseline is None \
                else _compare(baseline, shown)
            follow_ups.append(FollowUp(label, shown, change, percent, remark))
        unit = baseline.unit.label if baseline else next(
            (f.shown.unit.label for f in follow_ups if f.shown), preferred.label)
        rows.append(ResponseRow(marker, unit, baseline, tuple(follow_ups)))
    return rows


def treatment_starts(repo: Repository) -> list[tuple[date, str]]:
    """Candidate treatments: infusion events and medication starts, newest first."""
    found = [(e.occurred_on, f"Infusion: {e.title or 'infusion'}")
             for e in repo.events.all(kinds=(EventKind.INFUSION,))]
    found += [(m.started_on, f"Started {m.name}") for m in repo.treatments.all()]
    return sorted(found, reverse=True)

