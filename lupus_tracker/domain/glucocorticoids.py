"""Glucocorticoid exposure: the daily prednisone-equivalent dose over time, intravenous
pulses counted apart, and cumulative grams over a period.

Equivalent anti-inflammatory doses (oral or intravenous), each equal to prednisone 5 mg:
prednisolone 5 mg, methylprednisolone 4 mg, dexamethasone 0.75 mg, hydrocortisone 20 mg,
deflazacort 6 mg (British National Formulary, "Glucocorticoid therapy: equivalent
anti-inflammatory doses"; the prednisolone label lists the same ratios for the first four;
deflazacort: Parente, BMC Pharmacol Toxicol 2017;18:1; triamcinolone 4 mg, cortisone 25 mg
and betamethasone 0.75 mg as in the US prednisolone label). Prednisone and prednisolone are
counted 1:1, as LLDAS and DORIS do ("prednisolone or equivalent").

Pulses: a day with 250 mg prednisone-equivalent or more, or a medication recorded as
intravenous ("IV", "intravenous", "pulse", "Solu-Medrol"), is a pulse (Buttgereit et al.,
"Standardised nomenclature for glucocorticoid dosages", Ann Rheum Dis 2002;61:718-22:
pulse therapy is >= 250 mg prednisone-equivalent a day for one or a few days). Pulses are
listed with their dose and kept out of the daily oral line, but counted in the totals.

Frequencies are read with the app's one vocabulary (:mod:`lupus_tracker.domain.dosing`).
A dose is averaged over its dosing interval: 10 mg every other day counts as 5 mg/day.
Nothing is guessed: a dose without an amount, in a unit other than mg or g, or with a
frequency the app does not know is reported as unknown with the reason, and sums that
would need it say they are incomplete.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from lupus_tracker.domain.dosing import doses_per_day, find_frequency
from lupus_tracker.domain.records import Dose, Medication

# The reference dose of the equivalence tables (BNF): prednisone 5 mg.
REFERENCE_PREDNISONE_MG = 5.0
# mg of each glucocorticoid equal to 5 mg prednisone (sources in the module docstring).
_EQUIVALENT_TO_5MG_PREDNISONE: dict[str, float] = {
    "prednisone": 5.0,
    "prednisolone": 5.0,
    "methylprednisolone": 4.0,
    "dexamethasone": 0.75,
    "hydrocortisone": 20.0,
    "deflazacort": 6.0,
    # Also in the prednisolone label's table (prednisolone 15 mg = triamcinolone 12 mg =
    # cortisone 75 mg = betamethasone 2.25 mg; US FDA prescribing information).
    "triamcinolone": 4.0,
    "cortisone": 25.0,
    "betamethasone": 0.75,
}
# Brand names met on prescriptions, mapped to the generic name.
_BRANDS: dict[str, str] = {
    "deltasone": "prednisone",
    "rayos": "prednisone",
    "decortin": "prednisone",
    "orapred": "prednisolone",
    "millipred": "prednisolone",
    "solupred": "prednisolone",
    "medrol": "methylprednisolone",
    "solu-medrol": "methylprednisolone",
    "solumedrol": "methylprednisolone",
    "depo-medrol": "methylprednisolone",
    "urbason": "methylprednisolone",
    "decadron": "dexamethasone",
    "cortef": "hydrocortisone",
    "solu-cortef": "hydrocortisone",
    "calcort": "deflazacort",
    "emflaza": "deflazacort",
}
PULSE_MG_PER_DAY = 250.0  # Buttgereit et al. 2002
_IV_WORDS = re.compile(
    r"\b(iv|i\.v\.|intravenous|pulse|pulses|solu-medrol|solumedrol|"
    r"solu-cortef)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"[a-z][a-z\-]*")


def is_single_dose(frequency: str | None) -> bool:
    """A dose given once on its date (an infusion, a pulse), not a daily dose."""
    found = find_frequency(frequency)
    return found is not None and found.is_single


def generic_glucocorticoid(name: str) -> str | None:
    """The generic glucocorticoid a medication name refers to, if any.

    Words are matched whole, so "methylprednisolone" is not read as "prednisolone".
    """
    for word in _WORD.findall(name.lower()):
        if word in _EQUIVALENT_TO_5MG_PREDNISONE:
            return str(word)
        brand: str | None = _BRANDS.get(word)
        if brand is not None:
            return brand
    return None


def prednisone_factor(generic: str) -> float:
    """Prednisone-equivalent mg per mg of ``generic``."""
    return REFERENCE_PREDNISONE_MG / _EQUIVALENT_TO_5MG_PREDNISONE[generic]


def is_intravenous(medication: Medication, dose: Dose | None = None) -> bool:
    text = " ".join(
        filter(
            None,
            (
                medication.name,
                medication.note,
                dose.note if dose else None,
                dose.frequency if dose else None,
            ),
        )
    )
    return bool(_IV_WORDS.search(text))


def _mg(dose: Dose) -> float | None:
    unit = (dose.unit or "").strip().lower()
    if dose.dose is None:
        return None
    if unit in ("mg", "milligram", "milligrams"):
        return dose.dose
    if unit in ("g", "gram", "grams"):
        return dose.dose * 1000.0
    return None


@dataclass(frozen=True)
class Period:
    """One stretch of a glucocorticoid at one dose (days inclusive)."""

    medication: str
    generic: str
    start: date
    end: date
    mg_per_day: float  # prednisone-equivalent, averaged over the dosing interval
    pulse: bool

    def days(self, since: date | None = None, until: date | None = None) -> int:
        first = max(self.start, since) if since else self.start
        last = min(self.end, until) if until else self.end
        return max(0, (last - first).days + 1)


@dataclass(frozen=True)
class Pulse:
    day: date
    medication: str
    mg: float  # prednisone-equivalent given that day


@dataclass(frozen=True)
class Unknown:
    """A dose that cannot be converted, and why (named so the user can fix it)."""

    medication: str
    start: date
    end: date
    reason: str


@dataclass(frozen=True)
class Exposure:
    """Every glucocorticoid the patient took, as prednisone-equivalent periods."""

    periods: tuple[Period, ...] = ()  # a dose given once is a one-day period
    unknowns: tuple[Unknown, ...] = ()
    as_of: date = field(default_factory=date.today)

    def unknowns_between(self, since: date, until: date) -> list[Unknown]:
        return [u for u in self.unknowns if u.start <= until and u.end >= since]

    def pulses(self, since: date | None = None, until: date | None = None) -> list[Pulse]:
        found: list[Pulse] = []
        for period in self.periods:
            if period.pulse:
                day = period.start
                while day <= period.end:
                    found.append(Pulse(day, period.medication, period.mg_per_day))
                    day += timedelta(days=1)
        return sorted(
            (
                p
                for p in found
                if (since is None or p.day >= since) and (until is None or p.day <= until)
            ),
            key=lambda p: p.day,
        )


def _dose_spans(medication: Medication, as_of: date) -> Iterable[tuple[Dose, date, date]]:
    doses = sorted(medication.doses, key=lambda d: d.from_date)
    last_day = medication.stopped_on or as_of
    for index, dose in enumerate(doses):
        start = max(dose.from_date, medication.started_on)
        end = last_day
        if index + 1 < len(doses):
            end = min(end, doses[index + 1].from_date - timedelta(days=1))
        if end >= start:
            yield dose, start, end


def exposure(medications: Sequence[Medication], as_of: date | None = None) -> Exposure:
    """Prednisone-equivalent periods of every glucocorticoid in ``medications``, up to
    ``as_of`` (default today) for medications still taken."""
    as_of = as_of or date.today()
    periods: list[Period] = []
    unknowns: list[Unknown] = []
    for medication in medications:
        generic = generic_glucocorticoid(medication.name)
        if generic is None:
            continue
        if not medication.doses:
            end = medication.stopped_on or as_of
            unknowns.append(
                Unknown(
                    medication.name,
                    medication.started_on,
                    end,
                    f"{medication.name}: no dose recorded",
                )
            )
            continue
        factor = prednisone_factor(generic)
        for dose, start, end in _dose_spans(medication, as_of):
            mg = _mg(dose)
            where = f"{medication.name} from {dose.from_date.isoformat()}"
            if mg is None:
                reason = (
                    "no dose amount"
                    if dose.dose is None
                    else f"unit {dose.unit or '(none)'!r} is not mg or g"
                )
                unknowns.append(Unknown(medication.name, start, end, f"{where}: {reason}"))
                continue
            if is_single_dose(dose.frequency):
                daily = mg * factor
                pulse = daily >= PULSE_MG_PER_DAY or is_intravenous(medication, dose)
                periods.append(Period(medication.name, generic, start, start, daily, pulse))
                continue
            per_day = doses_per_day(dose.frequency)
            if per_day is None:
                reason = (
                    "no frequency recorded"
                    if not (dose.frequency or "").strip()
                    else f"frequency {dose.frequency!r} is not known"
                )
                unknowns.append(Unknown(medication.name, start, end, f"{where}: {reason}"))
                continue
            daily = mg * factor * per_day
            pulse = daily >= PULSE_MG_PER_DAY or is_intravenous(medication, dose)
            periods.append(Period(medication.name, generic, start, end, daily, pulse))
    return Exposure(tuple(sorted(periods, key=lambda p: p.start)), tuple(unknowns), as_of)


@dataclass(frozen=True)
class DailyDose:
    """The prednisone-equivalent taken on one day (oral, and pulses that day)."""

    day: date
    oral_mg: float
    pulse_mg: float
    unknown: tuple[str, ...] = ()

    @property
    def total_mg(self) -> float:
        return self.oral_mg + self.pulse_mg

    @property
    def complete(self) -> bool:
        return not self.unknown


def daily_dose(exp: Exposure, day: date) -> DailyDose:
    oral = sum(p.mg_per_day for p in exp.periods if p.start <= day <= p.end and not p.pulse)
    pulse = sum(p.mg_per_day for p in exp.periods if p.start <= day <= p.end and p.pulse)
    unknown = tuple(u.reason for u in exp.unknowns if u.start <= day <= u.end)
    return DailyDose(day, oral, pulse, unknown)


@dataclass(frozen=True)
class Cumulative:
    """Prednisone-equivalent mg taken between two days (inclusive)."""

    since: date
    until: date
    oral_mg: float
    pulse_mg: float
    pulse_days: int
    unknown: tuple[str, ...] = ()

    @property
    def total_mg(self) -> float:
        return self.oral_mg + self.pulse_mg

    @property
    def total_g(self) -> float:
        return self.total_mg / 1000.0

    @property
    def complete(self) -> bool:
        return not self.unknown


def cumulative(exp: Exposure, since: date, until: date) -> Cumulative:
    oral = sum(p.mg_per_day * p.days(since, until) for p in exp.periods if not p.pulse)
    pulses = exp.pulses(since, until)
    unknown = tuple(u.reason for u in exp.unknowns_between(since, until))
    return Cumulative(
        since, until, oral, sum(p.mg for p in pulses), len({p.day for p in pulses}), unknown
    )


def first_day(exp: Exposure) -> date | None:
    days = [p.start for p in exp.periods] + [u.start for u in exp.unknowns]
    return min(days) if days else None


def cumulative_all_time(exp: Exposure, until: date) -> Cumulative:
    start = first_day(exp) or until
    return cumulative(exp, start, until)


def cumulative_by_year(exp: Exposure, until: date) -> list[Cumulative]:
    """One total per calendar year from the first glucocorticoid to ``until``."""
    start = first_day(exp)
    if start is None:
        return []
    return [
        cumulative(exp, max(start, date(year, 1, 1)), min(until, date(year, 12, 31)))
        for year in range(start.year, until.year + 1)
    ]


def oral_steps(exp: Exposure, since: date, until: date) -> list[tuple[date, float]]:
    """The daily oral prednisone-equivalent as steps: (day, mg/day) at every change, for a
    chart drawn with ``drawstyle='steps-post'``; the last point repeats at ``until``."""
    edges = {since, until}
    for p in exp.periods:
        for day in (p.start, p.end + timedelta(days=1)):
            if since <= day <= until:
                edges.add(day)
    return [(day, daily_dose(exp, day).oral_mg) for day in sorted(edges)]


def format_mg(mg: float) -> str:
    """7.5, 10, 0.25: no trailing zeros, at most two decimals."""
    text = f"{mg:.2f}".rstrip("0").rstrip(".")
    return text or "0"
