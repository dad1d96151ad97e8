"""Doses: the units a dose is given in, and the app's one vocabulary of frequencies with
their doses a day.

A dose's frequency is stored as the words a person chose ("twice daily"). Summing daily
doses (prednisone-equivalent, hydroxychloroquine mg/kg, the dashboard's current
medications) needs doses per day, so the words must be ones the app knows: the entry
forms and the command line accept only these (or their listed aliases) and store the
canonical words. ``once`` is a single administration on the dose's date (an infusion, a
pulse), not a daily dose; "as needed" has no fixed number of doses a day.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from lupus_tracker.domain.records import Dose, InvalidEntryError, Medication
from lupus_tracker.domain.values import format_number

DAYS_PER_YEAR = 365.25

# Units a medication dose is written in (a dose "per kg" is a prescription, not an amount).
DOSE_UNITS: tuple[str, ...] = ("mg", "g", "mcg", "mg/kg", "IU", "mL", "tablet")


@dataclass(frozen=True)
class Frequency:
    words: str  # the canonical words, as stored
    per_day: float | None  # doses a day; None when there is no regular daily dose
    aliases: tuple[str, ...] = ()

    @property
    def is_single(self) -> bool:
        return self.words == ONCE


ONCE = "once"
AS_NEEDED = "as needed"

FREQUENCIES: tuple[Frequency, ...] = (
    Frequency(
        "once daily",
        1,
        (
            "daily",
            "once a day",
            "every day",
            "qd",
            "od",
            "1x daily",
            "every morning",
            "in the morning",
            "at night",
        ),
    ),
    Frequency("twice daily", 2, ("twice a day", "bid", "bd", "2x daily", "every 12 hours")),
    Frequency(
        "three times daily", 3, ("three times a day", "tid", "tds", "3x daily", "every 8 hours")
    ),
    Frequency("four times daily", 4, ("four times a day", "qid", "4x daily", "every 6 hours")),
    Frequency(
        "every other day", 0.5, ("alternate days", "on alternate days", "qod", "every 2 days")
    ),
    Frequency("twice weekly", 2 / 7, ("twice a week",)),
    Frequency("weekly", 1 / 7, ("once weekly", "once a week", "every week")),
    Frequency("every 2 weeks", 1 / 14, ("every other week", "fortnightly")),
    Frequency("every 4 weeks", 1 / 28, ()),
    Frequency("monthly", 12 / DAYS_PER_YEAR, ("once a month", "every month")),
    Frequency("every 3 months", 4 / DAYS_PER_YEAR, ()),
    Frequency("every 6 months", 2 / DAYS_PER_YEAR, ("twice a year",)),
    Frequency(ONCE, None, ("single dose", "one dose", "stat")),
    Frequency(AS_NEEDED, None, ("prn", "when needed")),
)

_BY_WORDS: dict[str, Frequency] = {}
for _frequency in FREQUENCIES:
    for _words in (_frequency.words, *_frequency.aliases):
        _BY_WORDS[_words] = _frequency


class FrequencyError(ValueError):
    """Words the app cannot read as a frequency or a dose unit."""


def _key(text: str) -> str:
    return " ".join(text.lower().replace("-", " ").split())


def find_frequency(text: str | None) -> Frequency | None:
    """The frequency ``text`` names (canonical words or an alias), or None."""
    if text is None:
        return None
    return _BY_WORDS.get(_key(text))


def parse_frequency(text: str) -> Frequency:
    """The frequency ``text`` names; a one-line ``FrequencyError`` listing the choices."""
    found = find_frequency(text)
    if found is None:
        raise FrequencyError(
            f"The frequency {text!r} is not one the app knows; use one of: "
            f"{', '.join(f.words for f in FREQUENCIES)}."
        )
    return found


def doses_per_day(text: str | None) -> float | None:
    """Doses a day for the words ``text``; None when unknown, missing, single or as needed
    (a weekly drug entered without a frequency must never be read as daily)."""
    found = find_frequency(text)
    return None if found is None else found.per_day


def daily_amount(dose: float | None, frequency: str | None) -> float | None:
    """The amount a day (dose × doses a day), averaged over the dosing interval; None when
    either is unknown or the frequency has no regular daily dose."""
    per_day = doses_per_day(frequency)
    if dose is None or per_day is None:
        return None
    return dose * per_day


def check_dose_unit(text: str) -> str:
    """The dose unit as the app writes it ("MG" -> "mg"); ``FrequencyError`` otherwise."""
    for unit in DOSE_UNITS:
        if text.strip().lower() in (unit.lower(), f"{unit.lower()}s"):
            return unit
    raise FrequencyError(
        f"The dose unit {text!r} is not one the app knows; use one of: {', '.join(DOSE_UNITS)}."
    )


def dose_text(dose: Dose | None) -> str:
    """The dose as taken, in the words entered: "200 mg twice daily"."""
    if dose is None:
        return "no dose recorded"
    amount = "" if dose.dose is None else format_number(dose.dose)
    return " ".join(p for p in (amount, dose.unit or "", dose.frequency or "") if p) or "—"


def _times_a_day(frequency: str | None) -> int | None:
    """How many times a day, for frequencies that say so ("twice daily" -> 2); None for
    any other (weekly, every other day, once, as needed, unknown words)."""
    found = find_frequency(frequency)
    if found is None or found.per_day is None or found.per_day < 1:
        return None
    return int(found.per_day) if float(found.per_day).is_integer() else None


def total_dose_text(dose: Dose) -> str:
    """The dose with its total a day: "200 mg ×2 = 400 mg/day", "15 mg/day",
    "500 mg every 2 weeks" (no daily total for longer intervals), "2 tablet"."""
    if dose.dose is None:
        return dose.frequency or ""
    unit = f" {dose.unit}" if dose.unit else ""
    amount = f"{format_number(dose.dose)}{unit}"
    times = _times_a_day(dose.frequency)
    if times is None:
        return f"{amount} {dose.frequency}" if dose.frequency else amount
    per_day = f"{format_number(dose.dose * times)}{unit}/day"
    return per_day if times == 1 else f"{amount} ×{times} = {per_day}"


def daily_total_text(dose: Dose) -> str:
    """Just the total ("400 mg/day"), or the dose text when no daily total is known."""
    times = _times_a_day(dose.frequency)
    if dose.dose is None or times is None:
        return total_dose_text(dose)
    unit = f" {dose.unit}" if dose.unit else ""
    return f"{format_number(dose.dose * times)}{unit}/day"


def check_dose_amount(dose: Dose, medication_name: str = "") -> None:
    """Refuse a dose amount that is not a positive number: a dose of 0 mg or less is no dose
    (stopping is recorded with a stop date, not a zero dose); with the medication's name,
    also a single dose above what is possible for that drug (domain/dose_limits.py)."""
    if dose.dose is not None and (not math.isfinite(dose.dose) or dose.dose <= 0):
        raise InvalidEntryError(
            f"A dose must be a number above 0, not {format_number(dose.dose)}; to record "
            "that a medication was stopped, give it a stop date."
        )
    if dose.dose is not None and float(format_number(dose.dose)) != dose.dose:
        # Shown everywhere with format_number: a dose it would show as another number
        # ("0.0000001 mg" as "0 mg") is refused, never echoed as a different value.
        entered = " ".join(filter(None, (format(Decimal(repr(dose.dose)), "f"), dose.unit)))
        raise InvalidEntryError(
            f"A dose of {entered} has more decimals than a dose is written with (it would "
            f"show as {format_number(dose.dose)}); check the amount and its unit."
        )
    if medication_name:
        # Imported here: dose_limits reads glucocorticoids.py, which imports this module.
        from lupus_tracker.domain.dose_limits import implausible_dose

        problem = implausible_dose(medication_name, dose)
        if problem:
            raise InvalidEntryError(problem)


def check_dose_change(medication: Medication, dose: Dose) -> None:
    """The one rule for a dose change (store, app and command line): a positive amount,
    dated within the medication's course (not before its start, not after its stop)."""
    check_dose_amount(dose, medication.name)
    if dose.from_date < medication.started_on:
        raise InvalidEntryError(
            f"{medication.name} started on {medication.started_on.isoformat()}; a dose "
            "change cannot be before that."
        )
    if medication.stopped_on is not None and dose.from_date > medication.stopped_on:
        raise InvalidEntryError(
            f"{medication.name} was stopped on {medication.stopped_on.isoformat()}; restart "
            "it first or give a date before the stop."
        )


def check_stop_date(medication: Medication, stopped_on: date) -> None:
    """The one rule for a stop date (store, app and command line): not before the
    medication's start, and not before its last dose change (a dose change after the stop
    would be a dose taken while stopped; a dose change after a stop is refused the same
    way by :func:`check_dose_change`)."""
    if stopped_on < medication.started_on:
        raise InvalidEntryError(
            f"{medication.name} started on {medication.started_on.isoformat()}; it cannot "
            "stop before that."
        )
    later = [d for d in medication.doses if d.from_date > stopped_on]
    if later:
        last = max(later, key=lambda d: d.from_date)
        raise InvalidEntryError(
            f"{medication.name} has a dose change to {dose_text(last)} on "
            f"{last.from_date.isoformat()}, after {stopped_on.isoformat()}; give a stop date "
            "on or after it, or change that dose first."
        )


def courses_overlap(a: Medication, b: Medication) -> bool:
    """Two courses of one drug at once: their periods share a day. A course may start the
    day another stopped (a change of course that day); an open course runs on."""
    if a.name.strip().casefold() != b.name.strip().casefold():
        return False
    if a.started_on == b.started_on:
        return True
    a_before_b_ends = b.stopped_on is None or a.started_on < b.stopped_on
    b_before_a_ends = a.stopped_on is None or b.started_on < a.stopped_on
    return a_before_b_ends and b_before_a_ends


def overlapping_course(courses: Iterable[Medication], course: Medication) -> Medication | None:
    """The recorded course of the same drug that ``course`` would run alongside, if any:
    one drug is never taken in two courses at once (the daily dose would count twice).
    The one rule for adding a medication and for importing one."""
    return next((c for c in courses if courses_overlap(c, course)), None)
