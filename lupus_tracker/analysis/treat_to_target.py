"""Where the patient stands on the treat-to-target goals on a given day: LLDAS and DORIS at
the latest assessed visit, the prednisone-equivalent dose and its cumulative grams,
hydroxychloroquine per kilogram with the retinal screening schedule, and the monitoring
tests that are due.

:func:`summarize` works on plain data (:class:`Inputs`), which :func:`gather_inputs` makes
from the records ``store.inputs.treatment_records`` reads (no repository here). The CLI
``status`` command, the Insight view, the dashboard line and the visit report all use the
same summary, so they can never disagree. Everything here is information to discuss with
the doctor: the wording names definitions, visits and missing inputs, and never proposes a
dose.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from lupus_tracker.analysis.sledai_suggest import Suggestion, findings_after
from lupus_tracker.domain import glucocorticoids as gc
from lupus_tracker.domain import hydroxychloroquine as hcq
from lupus_tracker.domain.monitoring import (
    LUPUS_NEPHRITIS_SETTING,
    Due,
    DueStatus,
    intervals_from_settings,
    monitoring_due,
)
from lupus_tracker.domain.records import Medication
from lupus_tracker.domain.treat_to_target import (
    Definition,
    Status,
    TimeInState,
    VisitStates,
    assess_visits,
    day_text,
    time_in_state,
)
from lupus_tracker.store.inputs import MONITORED_MARKERS as _MONITORED_MARKERS
from lupus_tracker.store.inputs import TreatmentRecords

YEAR = timedelta(days=365)
# Our choice: the one-line summary names at most 3 due tests, then "and N more".
DUE_IN_ONE_LINE = 3


@dataclass(frozen=True)
class VisitAssessment:
    """A visit's SLEDAI-2K descriptors and PGA, as the analysis needs them."""

    visit_on: date
    items: frozenset[str]
    pga: float | None = None


@dataclass(frozen=True)
class Inputs:
    medications: tuple[Medication, ...] = ()
    assessments: tuple[VisitAssessment, ...] = ()
    weights: tuple[tuple[date, float], ...] = ()  # (date, kg)
    egfr: tuple[tuple[date, float], ...] = ()  # (date, mL/min/1.73 m2)
    last_results: dict[str, date] = field(default_factory=dict)  # marker -> latest date
    eye_exams: tuple[date, ...] = ()
    lupus_nephritis: bool = False
    intervals: dict[str, int] = field(default_factory=dict)
    # Lab findings after the latest assessment that SLEDAI-2K would count (fixclin item 5):
    # "proteinuria 0.59 g/24h on 24 Sep 2026".
    since_visit: tuple[str, ...] = ()


def gather_inputs(records: TreatmentRecords, day: date) -> Inputs:
    """Everything :func:`summarize` needs on ``day``, from the records read by
    ``store.inputs.treatment_records`` (anything after ``day`` is left out)."""
    assessments = tuple(
        VisitAssessment(a.visit_on, frozenset(a.items), getattr(a, "pga", None))
        for a in records.assessments
        if a.visit_on <= day
    )
    last: dict[str, date] = {
        marker: on
        for marker, on in records.last_results.items()
        if marker in _MONITORED_MARKERS and on <= day
    }
    since_visit: tuple[str, ...] = ()
    if assessments:
        latest = max(assessments, key=lambda a: a.visit_on)
        visit = latest.visit_on
        if visit < day:  # only what the visit did not already count
            since_visit = tuple(
                _finding_text(s)
                for s in findings_after(records.after_visit, visit, day)
                if s.descriptor.key not in latest.items
            )
    return Inputs(
        records.medications,
        assessments,
        tuple((on, kg) for on, kg in records.weights if on <= day),
        tuple((on, value) for on, value in records.egfr if on <= day),
        last,
        tuple(on for on in records.eye_exams if on <= day),
        records.settings.get(LUPUS_NEPHRITIS_SETTING) == "yes",
        intervals_from_settings(records.settings),
        since_visit,
    )


def _finding_text(suggestion: Suggestion) -> str:
    """ "proteinuria 0.59 g/24h on 24 Sep 2026": the latest result that supports it."""
    last = suggestion.evidence[-1]
    name = suggestion.descriptor.name
    return f"{name[:1].lower() + name[1:]} {last.value_text} {last.unit} on {day_text(last.day)}"


def since_visit_text(summary: Summary) -> str:
    """'' or the sentence that goes with the LLDAS line when results after the latest
    assessment would count as activity."""
    if not summary.since_visit or summary.latest is None:
        return ""
    return (
        "results since this visit may change it: "
        + "; ".join(summary.since_visit)
        + " — discuss at your next visit"
    )


@dataclass(frozen=True)
class Summary:
    day: date
    visits: tuple[VisitStates, ...]
    exposure: gc.Exposure
    dose_today: gc.DailyDose
    last_12_months: gc.Cumulative
    all_time: gc.Cumulative
    hcq_dose: hcq.HcqDose | None
    hcq_risks: tuple[hcq.RiskFactor, ...]
    screening: hcq.ScreeningDue | None
    due: tuple[Due, ...]
    lldas_year: TimeInState | None
    doris_year: TimeInState | None
    since_visit: tuple[str, ...] = ()

    @property
    def latest(self) -> VisitStates | None:
        return self.visits[-1] if self.visits else None

    def due_now(self) -> list[Due]:
        return [d for d in self.due if d.status is not DueStatus.NOT_DUE]


def summarize(inputs: Inputs, day: date) -> Summary:
    exposure = gc.exposure(inputs.medications, as_of=day)
    visits = tuple(assess_visits(inputs.assessments, lambda d: gc.daily_dose(exposure, d)))
    start = gc.first_day(exposure) or day
    dose = hcq.hcq_dose(inputs.medications, inputs.weights, day)
    latest_egfr = max(inputs.egfr, key=lambda e: e[0]) if inputs.egfr else None
    risks = tuple(
        hcq.risk_factors(
            inputs.medications,
            latest_egfr,
            day,
            dose,
            egfr_history=inputs.egfr,
            lupus_nephritis=inputs.lupus_nephritis,
            weights=inputs.weights,
        )
    )
    started = hcq.hcq_start([m for m in inputs.medications if m.started_on <= day])
    screening = (
        hcq.screening_due(started, inputs.eye_exams, risks)
        if started is not None and dose is not None
        else None
    )
    due = tuple(
        monitoring_due(
            inputs.medications, inputs.last_results, day, inputs.lupus_nephritis, inputs.intervals
        )
    )
    year_start = day - YEAR + timedelta(days=1)
    lldas_year = time_in_state(visits, Definition.LLDAS, year_start, day) if visits else None
    doris_year = time_in_state(visits, Definition.DORIS, year_start, day) if visits else None
    return Summary(
        day,
        visits,
        exposure,
        gc.daily_dose(exposure, day),
        gc.cumulative(exposure, year_start, day),
        gc.cumulative(exposure, min(start, day), day),
        dose,
        risks,
        screening,
        due,
        lldas_year,
        doris_year,
        inputs.since_visit,
    )


def _grams(total: gc.Cumulative) -> str:
    text = f"{total.total_g:.2f} g"
    if total.pulse_mg:
        text += (
            f" (oral {total.oral_mg / 1000:.2f} g, pulses {total.pulse_mg / 1000:.2f} g on "
            f"{total.pulse_days} {'day' if total.pulse_days == 1 else 'days'})"
        )
    if not total.complete:
        text += " — incomplete: " + "; ".join(dict.fromkeys(total.unknown))
    return text


def dose_text(dose: gc.DailyDose) -> str:
    text = f"{gc.format_mg(dose.oral_mg)} mg/day prednisone-equivalent"
    if dose.pulse_mg:
        text += f", plus a {gc.format_mg(dose.pulse_mg)} mg pulse"
    if not dose.complete:
        text += " — not complete: " + "; ".join(dose.unknown)
    return text


def status_lines(summary: Summary) -> list[str]:
    """What ``lupus-tracker status`` prints (issue 15), one fact a line."""
    lines = [
        f"Treat-to-target status on {summary.day.isoformat()} — information to discuss "
        "with your doctor, not a diagnosis."
    ]
    latest = summary.latest
    if latest is None:
        lines.append(
            "No SLEDAI-2K assessment on or before this date: LLDAS and DORIS cannot "
            "be assessed (add one with 'lupus-tracker add assessment')."
        )
    else:
        pga = "not entered" if latest.pga is None else f"{latest.pga:g}"
        lines.append(
            f"Latest assessment: {latest.visit_on.isoformat()}, SLEDAI-2K "
            f"{latest.sledai}, PGA {pga}."
        )
        for result in (latest.lldas, latest.doris):
            lines.append(result.sentence())
            lines += [f"  - {c.line()}" for c in result.criteria]
        later = since_visit_text(summary)
        if later:
            lines.append(later[0].upper() + later[1:] + ".")
    lines.append(f"Glucocorticoid today: {dose_text(summary.dose_today)}.")
    lines.append(
        f"Cumulative prednisone-equivalent, last 12 months: {_grams(summary.last_12_months)}."
    )
    lines.append(f"Cumulative prednisone-equivalent, all time: {_grams(summary.all_time)}.")
    if summary.hcq_dose is None:
        lines.append("Hydroxychloroquine: not taken on this date.")
    else:
        lines.append(summary.hcq_dose.text())
        if summary.hcq_risks:
            lines.append(
                "Retinal risk factors: "
                + "; ".join(f"{r.name} ({r.detail})" for r in summary.hcq_risks)
                + "."
            )
        if summary.screening is not None:
            lines.append(summary.screening.text(summary.day))
    due = summary.due_now()
    if not due:
        lines.append(
            "Monitoring: nothing due or overdue."
            if summary.due
            else "Monitoring: no medication or condition on record that calls for regular tests."
        )
    else:
        lines.append("Monitoring due or overdue:")
        lines += [f"  - {d.text()}" for d in due]
    return lines


def _state_word(status: Status) -> str:
    return {Status.MET: "met", Status.NOT_MET: "not met", Status.UNKNOWN: "unknown"}.get(
        status, status.value
    )


def one_line(summary: Summary, as_of: str = "today") -> str:
    """The dashboard's and the visit report's treat-to-target line; ``as_of`` names the
    summary's day ("today", or "on 06 Sep 2025" for a past period's report)."""
    parts = []
    latest = summary.latest
    if latest is None:
        parts.append("LLDAS/DORIS: no assessed visit yet")
    else:
        missing = latest.lldas.missing() + [
            m for m in latest.doris.missing() if m not in latest.lldas.missing()
        ]
        text = (
            f"{day_text(latest.visit_on)} visit: LLDAS criteria "
            f"{_state_word(latest.lldas.status)}, DORIS remission criteria "
            f"{_state_word(latest.doris.status)}"
        )
        if missing:
            text += f" ({'; '.join(missing)})"
        if latest.lldas.notes:
            text += f" ({'; '.join(latest.lldas.notes)})"
        later = since_visit_text(summary)
        if later:
            text += f" ({later})"
        parts.append(text)
    dose = summary.dose_today
    parts.append(
        f"prednisone-equivalent {as_of} {gc.format_mg(dose.total_mg)} mg/day"
        + ("" if dose.complete else " (incomplete)")
    )
    if summary.hcq_dose is not None:
        value = summary.hcq_dose.mg_per_kg
        parts.append(
            "hydroxychloroquine "
            + (f"{value:.1f} mg/kg/day" if value is not None else "mg/kg unknown")
            + (" (above 5)" if summary.hcq_dose.above_limit else "")
        )
    due = summary.due_now()
    if due:
        parts.append(
            "due: "
            + ", ".join(f"{d.item.label} ({d.status.value})" for d in due[:DUE_IN_ONE_LINE])
            + (f" and {len(due) - DUE_IN_ONE_LINE} more" if len(due) > DUE_IN_ONE_LINE else "")
        )
    if summary.screening is not None and summary.screening.status(summary.day) != "not yet due":
        parts.append(f"eye exam {summary.screening.status(summary.day)}")
    return "; ".join(parts) + "."


def treat_to_target_line(records: TreatmentRecords) -> str:
    """The one treat-to-target line for the dashboard, as of the records' day."""
    return one_line(summarize(gather_inputs(records, records.day), records.day))


def visit_rows(summary: Summary) -> Sequence[VisitStates]:
    return list(reversed(summary.visits))
