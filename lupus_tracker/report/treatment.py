"""The report's treatment section as plain data: each current medication with its total
daily dose, the changes inside the period with their dates and reasons, the medications
stopped in the period with their stop reason.

Doses a day come from the app's one frequency vocabulary (``domain.dosing``). Nothing is
guessed: a frequency the app does not know gives no daily total ("not known").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from lupus_tracker.domain.dosing import dose_text, doses_per_day, find_frequency
from lupus_tracker.domain.records import Dose, Medication
from lupus_tracker.domain.stop_note import note_before_stop
from lupus_tracker.domain.values import format_number

MASS_UNITS_IN_MG = {"mg": 1.0, "g": 1000.0, "mcg": 0.001, "µg": 0.001, "ug": 0.001}
DAILY_AT_LEAST = 0.5  # every other day or more often: a total per day
WEEKLY_AT_LEAST = 1 / 7  # weekly or twice weekly: a total per week


def mg_per_day(dose: Dose | None) -> float | None:
    """The total daily dose in mg (averaged over the dosing interval), when the unit is a
    mass and the frequency one the app knows."""
    if dose is None or dose.dose is None or not dose.unit:
        return None
    to_mg = MASS_UNITS_IN_MG.get(dose.unit.strip().casefold().replace("μ", "µ"))
    per_day = doses_per_day(dose.frequency)
    if to_mg is None or per_day is None:
        return None
    return dose.dose * to_mg * per_day


def daily_text(dose: Dose | None) -> str:
    """The total a day: "400 mg/day"; weekly schedules per week; '—' for a single dose or
    a longer interval; "not known" when the frequency or unit is not one the app knows."""
    if dose is None or dose.dose is None:
        return "—"
    per_day = doses_per_day(dose.frequency)
    if per_day is None:
        frequency = find_frequency(dose.frequency)
        return "—" if frequency is not None else "not known"
    if per_day < WEEKLY_AT_LEAST:
        return "—"
    total = mg_per_day(dose)
    amount = total if total is not None else dose.dose * per_day
    unit = "mg" if total is not None else (dose.unit or "")
    if per_day < DAILY_AT_LEAST:
        return f"{format_number(round(amount * 7, 3))}\u00a0{unit}/week".replace(" /", "/")
    if total is None:
        return "not known"
    return f"{format_number(round(total, 3))}\u00a0mg/day"


@dataclass(frozen=True)
class CurrentMedication:
    name: str
    dose: str  # as taken
    per_day: str
    since: date  # when the current dose started (the course start when no dose is known)
    note: str
    course_since: date | None = None  # the course start, when earlier than the current dose


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
        changes.append(TreatmentChange(med.started_on, med.name, what, note_before_stop(med.note)))
    previous: Dose | None = None
    for dose in med.doses:
        if (
            since <= dose.from_date <= until
            and previous is not None
            and dose.from_date != med.started_on
        ):
            changes.append(
                TreatmentChange(
                    dose.from_date,
                    med.name,
                    f"{_amount(previous)} \u2192 {_amount(dose)}",
                    dose.note or "",
                )
            )
        previous = dose
    return changes


def gather_treatment(medications: Sequence[Medication], since: date, until: date) -> Treatment:
    current, changes, stopped = [], [], []
    for med in medications:
        if med.started_on > until or (med.stopped_on is not None and med.stopped_on < since):
            continue
        changes += _changes(med, since, until)
        if med.stopped_on is not None and med.stopped_on <= until:
            last = med.dose_on(med.stopped_on)
            stopped.append(
                StoppedMedication(
                    med.name,
                    med.stopped_on,
                    dose_text(last) if last else "—",
                    med.note or "no reason recorded",
                )
            )
            changes.append(TreatmentChange(med.stopped_on, med.name, "stopped", med.note or ""))
            continue
        dose = med.dose_on(until)
        dose_since = max(dose.from_date, med.started_on) if dose else med.started_on
        # Current at the period's end: a stop dated after the period is not known yet then,
        # so its reason stays out of the note.
        note = med.note or "" if med.stopped_on is None else note_before_stop(med.note)
        current.append(
            CurrentMedication(
                med.name,
                dose_text(dose),
                daily_text(dose),
                dose_since,
                note,
                med.started_on if med.started_on < dose_since else None,
            )
        )
    changes.sort(key=lambda c: (c.day, c.name))
    stopped.sort(key=lambda s: (s.stopped_on, s.name))  # date order, as every table
    return Treatment(tuple(current), tuple(changes), tuple(stopped))
