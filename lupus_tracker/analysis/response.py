"""Changes after a treatment: each marker's baseline and its values 1, 3, 6 and 12 months
after an infusion or a medication start, with absolute and percent change, as clinical
studies report them.  Never a verdict: for each follow-up the other treatment changes since
the start are listed, and a follow-up after the medication was stopped says so.

Baseline is the last result on or before the treatment date, within 90 days. A follow-up
point is the result nearest to the target day (30, 91, 182, 365 days after) within ±15 days
for 1 month and ±30 days for the others. A change is computed only against a baseline of
the same unit family and assay, and only between exact numbers; otherwise the cell says why.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from lupus_tracker.analysis.latest import Shown, show
from lupus_tracker.domain.catalog import MARKERS, Marker
from lupus_tracker.domain.comparability import comparison_note, why_not_comparable
from lupus_tracker.domain.records import (
    Dose,
    Event,
    EventKind,
    LabResult,
    Medication,
    Sex,
    Source,
)
from lupus_tracker.domain.units import Unit, rounded_for
from lupus_tracker.domain.values import format_number

# Our choice, following the reporting of Sun et al. 2010 and Wang et al. 2014 (baseline,
# months 1, 3, 6, 12): the baseline is the last result within 90 days before the start
# (about one visit interval); a follow-up is the result nearest the target day within
# +/-15 days at 1 month and +/-30 days later on (half the usual spacing of visits then).
BASELINE_DAYS = 90
ONE_MONTH_DAYS, ONE_MONTH_TOLERANCE = 30, 15
LATER_TOLERANCE = 30
POINTS: tuple[tuple[str, int, int], ...] = (
    ("1 month", ONE_MONTH_DAYS, ONE_MONTH_TOLERANCE),
    ("3 months", 91, LATER_TOLERANCE),
    ("6 months", 182, LATER_TOLERANCE),
    ("12 months", 365, LATER_TOLERANCE),
)
DEFAULT_MARKERS = (
    "anti_dsdna",
    "c3",
    "c4",
    "albumin",
    "urine_protein_24h",
    "upcr",
    "creatinine",
    "egfr",
    "hemoglobin",
    "wbc",
    "lymphocytes",
    "platelets",
    "esr",
    "crp",
)


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
            cell += f" ({sign}{format_number(rounded_for(self.shown.unit, self.change))}"
            if self.percent is not None:
                cell += f", {sign if self.percent > 0 else ''}{self.percent:.0f}%"
            cell += f"; {self.remark})" if self.remark else ")"
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
    if (
        baseline.number is None
        or later.number is None
        or baseline.measurement.value.comparator
        or later.measurement.value.comparator
    ):
        return None, None, "no exact change"
    change = later.number - baseline.number
    percent = None if baseline.number == 0 else 100 * change / baseline.number
    return change, percent, comparison_note(baseline.result, later.result)


def response_window(start: date) -> tuple[date, date]:
    """The days whose results the table can use: baseline to the last follow-up."""
    return (
        start - timedelta(BASELINE_DAYS),
        start + timedelta(days=max(d + t for _, d, t in POINTS)),
    )


def response_table(
    results: Iterable[LabResult],
    start: date,
    sex: Sex | None,
    preferred_unit: Callable[[Marker], Unit],
    markers: tuple[str, ...] = DEFAULT_MARKERS,
) -> list[ResponseRow]:
    """Rows for every marker that has a baseline or any follow-up value. ``results``: the
    results read (any order; others than ``markers`` and those outside
    :func:`response_window` are ignored); ``preferred_unit``: the unit each marker is
    shown in (``repo.settings.preferred_unit``)."""
    since, until = response_window(start)
    by_marker: dict[str, list[LabResult]] = {}
    for result in sorted(results, key=lambda r: (r.taken_on, r.id or 0)):
        if (
            result.marker in markers
            and since <= result.taken_on <= until
            and result.source is not Source.COMPUTED
        ):
            by_marker.setdefault(result.marker, []).append(result)
    rows = []
    for marker in (m for m in MARKERS if m.key in markers):
        results = by_marker.get(marker.key, [])
        if not results:
            continue
        preferred = preferred_unit(marker)
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
            change, percent, remark = (
                (None, None, "no baseline") if baseline is None else _compare(baseline, shown)
            )
            follow_ups.append(FollowUp(label, shown, change, percent, remark))
        unit = (
            baseline.unit.label
            if baseline
            else next((f.shown.unit.label for f in follow_ups if f.shown), preferred.label)
        )
        rows.append(ResponseRow(marker, unit, baseline, tuple(follow_ups)))
    return rows


@dataclass(frozen=True)
class Treatment:
    """A start to look at: an infusion or a medication start (never called a cause)."""

    day: date
    label: str  # "changes after starting tacrolimus", "changes after infusion: UC-MSC"
    medication: str | None = None
    stopped_on: date | None = None


@dataclass(frozen=True)
class TreatmentHistory:
    """The medications and events the context reads (``repo.treatments.all()`` and
    ``repo.events.all()``)."""

    medications: tuple[Medication, ...]
    events: tuple[Event, ...]


def treatments(history: TreatmentHistory) -> list[Treatment]:
    """Infusion events and medication starts, newest first."""
    found = [
        Treatment(e.occurred_on, f"changes after infusion: {e.title or 'infusion'}")
        for e in history.events
        if e.kind is EventKind.INFUSION
    ]
    found += [
        Treatment(m.started_on, f"changes after starting {m.name}", m.name, m.stopped_on)
        for m in history.medications
    ]
    return sorted(found, key=lambda t: (t.day, t.label), reverse=True)


def _dose_words(dose: Dose) -> str:
    amount = "" if dose.dose is None else f"{format_number(dose.dose)} {dose.unit or ''}".strip()
    return " ".join(part for part in (amount, dose.frequency or "") if part) or "dose changed"


def other_changes(history: TreatmentHistory, treatment: Treatment, until: date) -> tuple[str, ...]:
    """Every other treatment change after the start up to ``until``: dose changes, other
    starts and stops, infusions and hospital stays.  Changes at the same time as the one
    looked at are why a change after it is never proof that it worked."""
    return _changes_between(history, treatment, treatment.day, until)


def _changes_between(
    history: TreatmentHistory, treatment: Treatment, after: date, until: date
) -> tuple[str, ...]:
    """The other treatment changes dated after ``after`` up to ``until``."""
    lines: list[tuple[date, str]] = []
    for medication in history.medications:
        own = medication.name == treatment.medication and medication.started_on == treatment.day
        if not own and after < medication.started_on <= until:
            lines.append((medication.started_on, f"started {medication.name}"))
        if not own and medication.stopped_on is not None and after < medication.stopped_on <= until:
            lines.append((medication.stopped_on, f"stopped {medication.name}"))
        for dose in medication.doses:
            if after < dose.from_date <= until and dose.from_date != medication.started_on:
                lines.append((dose.from_date, f"{medication.name} {_dose_words(dose)}"))
    for event in history.events:
        if (
            event.kind in (EventKind.INFUSION, EventKind.HOSPITAL_STAY, EventKind.FLARE)
            and after < event.occurred_on <= until
        ):
            lines.append(
                (
                    event.occurred_on,
                    f"{event.kind.label.lower()}: {event.title}"
                    if event.title
                    else event.kind.label.lower(),
                )
            )
    return tuple(f"{text} ({day.isoformat()})" for day, text in sorted(lines))


def changes_before(history: TreatmentHistory, treatment: Treatment) -> tuple[str, ...]:
    """Other treatment changes within the baseline window before the start (pulses, tapers,
    stops): they too can explain a later change (fixclin item 7)."""
    return _changes_between(
        history,
        treatment,
        treatment.day - timedelta(BASELINE_DAYS + 1),
        treatment.day - timedelta(1),
    )


def follow_up_notes(history: TreatmentHistory, treatment: Treatment) -> list[str]:
    """One line per follow-up point: what else changed since the start, and whether the
    medication had already been stopped; first, the changes in the baseline window."""
    notes = []
    before = changes_before(history, treatment)
    if before:
        notes.append(
            f"baseline window ({BASELINE_DAYS} days before the start): other "
            "changes: " + "; ".join(before)
        )
    for label, days, _ in POINTS:
        target = treatment.day + timedelta(days)
        parts = []
        if treatment.stopped_on is not None and target > treatment.stopped_on:
            parts.append(
                f"after stopping {treatment.medication} ({treatment.stopped_on.isoformat()})"
            )
        others = other_changes(history, treatment, target)
        parts.append(
            "other changes since the start: " + "; ".join(others)
            if others
            else "no other treatment change recorded"
        )
        notes.append(f"{label}: {', '.join(parts)}")
    return notes
