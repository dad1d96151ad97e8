"""The report's treatment section as plain data: each current medication with its total
daily dose, the changes inside the period with their dates and reasons, the medications
stopped in the period with their stop reason, and the prednisone-equivalent dose over time
(for the dose strip under the trend charts).

Nothing is guessed: a frequency the app does not know gives no daily total ("per day: not
known"), and a glucocorticoid dose with an unknown frequency leaves a gap in the dose strip.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from lupus_tracker.domain.records import Dose, Medication
from lupus_tracker.domain.values import format_number

MASS_UNITS_IN_MG = {"mg": 1.0, "g": 1000.0, "mcg": 0.001, "µg": 0.001, "ug": 0.001}

# Doses per day for the frequencies people write. Isolated here until the shared frequency
# vocabulary lands in domain/ (ui issue 11); then this function delegates to it.
_DOSES_PER_DAY = {
    "once daily": 1.0, "daily": 1.0, "once a day": 1.0, "every morning": 1.0,
    "in the morning": 1.0, "at night": 1.0, "every night": 1.0, "every evening": 1.0,
    "twice daily": 2.0, "twice a day": 2.0, "every 12 hours": 2.0, "bid": 2.0,
    "three times daily": 3.0, "three times a day": 3.0, "every 8 hours": 3.0, "tid": 3.0,
    "four times daily": 4.0, "four times a day": 4.0, "every 6 hours": 4.0, "qid": 4.0,
    "every other day": 0.5, "alternate days": 0.5,
}
_WEEKLY = {"once weekly", "weekly", "once a week", "every week"}


def doses_per_day(frequency: str | None) -> float | None:
    """How many doses a day ``frequency`` means; None when not a known daily schedule."""
    if not frequency:
        return None
    return _DOSES_PER_DAY.get(" ".join(frequency.casefold().split()))


def _is_weekly(frequency: str | None) -> bool:
    return bool(frequency) and " ".join(frequency.casefold().split()) in _WEEKLY


def prednisone_factor(name: str) -> float | None:
    """mg prednisone per mg of the named glucocorticoid; None for any other medicine (the
    equivalences live in :mod:`lupus_tracker.domain.glucocorticoids`)."""
    from lupus_tracker.domain.glucocorticoids import generic_glucocorticoid
    from lupus_tracker.domain.glucocorticoids import prednisone_factor as factor

    generic = generic_glucocorticoid(name)
    return None if generic is None else factor(generic)


def mg_per_day(dose: Dose | None) -> float | None:
    """The total daily dose in mg, when the unit is a mass and the frequency is daily."""
    if dose is None or dose.dose is None or not dose.unit:
        return None
    to_mg = MASS_UNITS_IN_MG.get(dose.unit.strip().casefold().replace("μ", "µ"))
    per_day = doses_per_day(dose.frequency)
    if to_mg is None or per_day is None:
        return None
    return dose.dose * to_mg * per_day


def dose_text(dose: Dose | None) -> str:
    """The dose as taken: "200 mg twice daily"."""
    if dose is None:
        return "no dose recorded"
    amount = "" if dose.dose is None else format_number(dose.dose)
    return " ".join(p for p in (amount, dose.unit or "", dose.frequency or "") if p) or "—"


def daily_text(dose: Dose | None) -> str:
    """The total per day: "400 mg/day"; weekly doses per week; "not known" otherwise."""
    if dose is None or dose.dose is None:
        return "—"
    total = mg_per_day(dose)
    if total is not None:
        return f"{format_number(round(total, 3))}\u00a0mg/day"
    if _is_weekly(dose.frequency) and dose.unit:
        return f"{format_number(dose.dose)}\u00a0{dose.unit}/week"
    return "not known"


@dataclass(frozen=True)
class CurrentMedication:
    name: str
    dose: str  # as taken
    per_day: str
    since: date
    note: str


@dataclass(frozen=True)
class TreatmentChange:
    day: date
    name: str
    what: str  # "started at 5 mg/day", "7.5 → 5 mg/day", "stopped"
    reason: str


@dataclass(frozen=True)
class StoppedMedication:
    name: str
    stopped_on: date
    last_dose: str
    reason: str


@dataclass(frozen=True)
class Treatment:
    current: tuple[CurrentMedication, ...]
    changes: tuple[TreatmentChange, ...]
    stopped: tuple[StoppedMedication, ...]


def _amount(dose: Dose) -> str:
    per_day = daily_text(dose)
    return per_day if per_day not in ("—", "not known") else dose_text(dose)


def _changes(med: Medication, since: date, until: date) -> list[TreatmentChange]:
    changes = []
    if since <= med.started_on <= until:
        first = med.dose_on(med.started_on)
        what = f"started, {_amount(first)}" if first else "started"
        changes.append(TreatmentChange(med.started_on, med.name, what, med.note or ""))
    previous: Dose | None = None
    for dose in med.doses:
        if since <= dose.from_date <= until and previous is not None \
                and dose.from_date != med.started_on:
            changes.append(TreatmentChange(dose.from_date, med.name,
                                           f"{_amount(previous)} \u2192 {_amount(dose)}",
                                           dose.note or ""))
        previous = dose
    return changes


def gather_treatment(medications: Sequence[Medication], since: date,
                     until: date) -> Treatment:
    current, changes, stopped = [], [], []
    for med in medications:
        if med.started_on > until or (med.stopped_on is not None and med.stopped_on < since):
            continue
        changes += _changes(med, since, until)
        if med.stopped_on is not None and med.stopped_on <= until:
            last = med.dose_on(med.stopped_on)
            stopped.append(StoppedMedication(med.name, med.stopped_on,
                                             dose_text(last) if last else "—",
                                             med.note or "no reason recorded"))
            changes.append(TreatmentChange(med.stopped_on, med.name, "stopped",
                                           med.note or ""))
            continue
        dose = med.dose_on(until)
        current.append(CurrentMedication(med.name, dose_text(dose), daily_text(dose),
                                         med.started_on, med.note or ""))
    changes.sort(key=lambda c: (c.day, c.name))
    return Treatment(tuple(current), tuple(changes), tuple(stopped))


def prednisone_equivalent_steps(medications: Sequence[Medication], since: date,
                                until: date) -> list[tuple[date, float | None]]:
    """The total prednisone-equivalent mg/day as steps ``(from_day, mg_per_day)`` from
    ``since`` to ``until`` (the last step ends on ``until``); None where a glucocorticoid's
    daily dose is not known."""
    steroids = [m for m in medications if prednisone_factor(m.name) is not None]
    days = {since, until + timedelta(days=1)}
    for med in steroids:
        days.add(med.started_on)
        if med.stopped_on is not None:
            days.add(med.stopped_on + timedelta(days=1))
        days.update(d.from_date for d in med.doses)
    steps: list[tuple[date, float | None]] = []
    for day in sorted(d for d in days if since <= d <= until + timedelta(days=1)):
        total: float | None = 0.0
        for med in steroids:
            if not med.active_on(day):
                continue
            mg = mg_per_day(med.dose_on(day))
            factor = prednisone_factor(med.name)
            total = None if mg is None or total is None or factor is None \
                else total + mg * factor
        if not steps or steps[-1][1] != total:
            steps.append((day, total))
    return steps
