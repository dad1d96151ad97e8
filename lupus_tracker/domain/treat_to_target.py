"""Treat-to-target states at each assessed visit: LLDAS and DORIS 2021 remission, each
criterion met, not met, or unknown with the missing input named; time in each state.

Lupus Low Disease Activity State (Franklyn et al., "Definition and initial validation of a
Lupus Low Disease Activity State (LLDAS)", Ann Rheum Dis 2016;75:1615-21, table 1):
  1. SLEDAI-2K <= 4, with no activity in major organ systems (renal, CNS,
     cardiopulmonary, vasculitis, fever) and no haemolytic anaemia or GI activity;
  2. no new features of lupus disease activity compared with the previous assessment;
  3. SELENA-SLEDAI physician global assessment (PGA, scale 0-3) <= 1;
  4. current prednisolone (or equivalent) dose <= 7.5 mg daily;
  5. well tolerated standard maintenance doses of immunosuppressive drugs and approved
     biological agents, excluding investigational drugs.
DORIS 2021 remission (van Vollenhoven et al., "2021 DORIS definition of remission in SLE:
final recommendations from an international task force", Lupus Sci Med
2021;8:e000538): clinical SLEDAI = 0 (serology, i.e. low complement and increased DNA
binding, not counted), evaluator's (physician) global assessment < 0.5 (0-3),
prednisolone 5 mg/day or less, stable antimalarials, immunosuppressives and biologics.

What the app cannot judge (haemolytic anaemia and GI activity are not SLEDAI-2K items;
whether drug doses are standard, stable and well tolerated) is shown as "for your doctor
to judge" and does not block the other criteria. These are never verdicts: the wording
says which definition's criteria were met at which visit, and where the PGA came from.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from lupus_tracker.domain.glucocorticoids import DailyDose, format_mg
from lupus_tracker.domain.sledai import SledaiError, descriptor, score

LLDAS_SLEDAI_MAX = 4
LLDAS_PGA_MAX = 1.0
LLDAS_PREDNISOLONE_MAX = 7.5
DORIS_PGA_BELOW = 0.5
DORIS_PREDNISOLONE_MAX = 5.0
PGA_MIN, PGA_MAX = 0.0, 3.0

# SLEDAI-2K descriptors by the major organ system LLDAS names (Franklyn 2016).
MAJOR_ORGAN_ITEMS: dict[str, str] = {
    "seizure": "CNS",
    "psychosis": "CNS",
    "organic_brain_syndrome": "CNS",
    "visual_disturbance": "CNS",
    "cranial_nerve_disorder": "CNS",
    "lupus_headache": "CNS",
    "cva": "CNS",
    "vasculitis": "vasculitis",
    "urinary_casts": "renal",
    "hematuria": "renal",
    "proteinuria": "renal",
    "pyuria": "renal",
    "pleurisy": "cardiopulmonary",
    "pericarditis": "cardiopulmonary",
    "fever": "fever",
}
# Serological descriptors left out of the clinical SLEDAI (DORIS 2021).
SEROLOGY_ITEMS = frozenset({"low_complement", "increased_dna_binding"})
# LLDAS criterion 2 (Franklyn et al., Ann Rheum Dis 2016;75:1615-21, table 1) reads "no
# new features of lupus disease activity compared with the previous assessment" and,
# unlike DORIS 2021 (van Vollenhoven et al., Lupus Sci Med 2021;8:e000538: clinical
# SLEDAI, serology not counted), does not set serology aside: serological activity is
# allowed in LLDAS only within SLEDAI-2K <= 4 (criterion 1), and low complement and
# increased DNA binding are SLEDAI-2K features of activity. So a new serological item
# counts as new activity for LLDAS but not for DORIS; the rule is stated wherever such a
# visit's result is shown, so "LLDAS not met, DORIS met" is not read as an error
# (fixt2t item 1).
SEROLOGY_RULE = (
    "LLDAS counts new serological activity (low complement, DNA binding); DORIS does not"
)


class PgaError(ValueError):
    pass


def check_pga(value: float | None) -> float | None:
    """A PGA is a number from 0 to 3 (SELENA-SLEDAI physician global assessment)."""
    if value is None:
        return None
    if not (PGA_MIN <= value <= PGA_MAX):
        raise PgaError(f"The physician global assessment (PGA) is from 0 to 3, not {value:g}.")
    return float(value)


class Status(enum.StrEnum):
    MET = "met"
    NOT_MET = "not met"
    UNKNOWN = "unknown"
    DOCTOR = "for your doctor to judge"


@dataclass(frozen=True)
class Criterion:
    name: str
    status: Status
    detail: str  # the value used, or what is missing

    def line(self) -> str:
        return f"{self.name}: {self.status.value} — {self.detail}"


class Definition(enum.StrEnum):
    LLDAS = "LLDAS"
    DORIS = "DORIS remission"


@dataclass(frozen=True)
class StateResult:
    definition: Definition
    visit_on: date
    criteria: tuple[Criterion, ...]
    pga_entered: bool
    notes: tuple[str, ...] = ()  # how a definition's rule reads here (SEROLOGY_RULE)

    @property
    def status(self) -> Status:
        """NOT_MET if any criterion is not met; UNKNOWN if any is unknown; else MET."""
        statuses = {c.status for c in self.criteria}
        if Status.NOT_MET in statuses:
            return Status.NOT_MET
        if Status.UNKNOWN in statuses:
            return Status.UNKNOWN
        return Status.MET

    def missing(self) -> list[str]:
        return [c.detail for c in self.criteria if c.status is Status.UNKNOWN]

    def sentence(self) -> str:
        """One line for people: which criteria, which visit, where the PGA came from."""
        when = f"the {day_text(self.visit_on)} visit"
        name = (
            "DORIS remission criteria" if self.definition is Definition.DORIS else "LLDAS criteria"
        )
        source = " (PGA as entered from your doctor's letter)" if self.pga_entered else ""
        notes = "".join(f" Note: {note}." for note in self.notes)
        if self.status is Status.MET:
            return f"{name} met at {when}{source}.{notes}"
        if self.status is Status.NOT_MET:
            unmet = "; ".join(c.detail for c in self.criteria if c.status is Status.NOT_MET)
            return f"{name} not met at {when}: {unmet}.{notes}"
        return f"{name}: cannot tell at {when} — {'; '.join(self.missing())}.{notes}"


def _plain_name(key: str) -> str:
    """A descriptor's plain-language name as it reads mid-sentence ("increased DNA
    binding"); an unknown key stays as stored."""
    try:
        name = descriptor(key).name
        return name[:1].lower() + name[1:]
    except SledaiError:
        return key


def day_text(day: date) -> str:
    """1 Mar 2026."""
    return f"{day.day} {day:%b %Y}"


class Assessment(Protocol):
    """What a visit's SLEDAI-2K assessment carries (the store's record fits)."""

    @property
    def visit_on(self) -> date: ...
    @property
    def items(self) -> frozenset[str]: ...
    @property
    def pga(self) -> float | None: ...


def _dose_criterion(name: str, dose: DailyDose, limit: float) -> Criterion:
    if not dose.complete:
        return Criterion(
            name, Status.UNKNOWN, "glucocorticoid dose not known: " + "; ".join(dose.unknown)
        )
    mg = dose.total_mg
    status = Status.MET if mg <= limit else Status.NOT_MET
    relation = "at or below" if status is Status.MET else "above"
    # The parenthetical pulse is closed by a comma; one term, "prednisone-equivalent", as in
    # every other line of ``status`` (issue 15; prednisone and prednisolone are 1:1).
    pulse = f", including a {format_mg(dose.pulse_mg)} mg pulse," if dose.pulse_mg else ""
    return Criterion(
        name,
        status,
        f"prednisone-equivalent {format_mg(mg)} mg/day{pulse} is {relation} {format_mg(limit)}",
    )


def _pga_criterion(
    name: str, pga: float | None, ok: Callable[[float], bool], limit_text: str
) -> Criterion:
    if pga is None:
        return Criterion(name, Status.UNKNOWN, "PGA not entered")
    status = Status.MET if ok(pga) else Status.NOT_MET
    return Criterion(name, status, f"PGA {pga:g} ({limit_text})")


def lldas(current: Assessment, previous: Assessment | None, dose: DailyDose) -> StateResult:
    """LLDAS at ``current`` (Franklyn et al. 2016); ``dose`` is the visit day's."""
    total = score(current.items)
    criteria = [
        Criterion(
            "SLEDAI-2K ≤ 4",
            Status.MET if total <= LLDAS_SLEDAI_MAX else Status.NOT_MET,
            f"SLEDAI-2K {total}",
        )
    ]
    organs = sorted({MAJOR_ORGAN_ITEMS[k] for k in current.items if k in MAJOR_ORGAN_ITEMS})
    criteria.append(
        Criterion(
            "No major-organ activity",
            Status.NOT_MET if organs else Status.MET,
            f"active: {', '.join(organs)}"
            if organs
            else "no renal, CNS, cardiopulmonary, "
            "vasculitis or fever item scored (haemolytic anaemia and GI activity are not "
            "SLEDAI-2K items: your doctor judges them)",
        )
    )
    notes: tuple[str, ...] = ()
    if previous is None:
        criteria.append(
            Criterion("No new activity", Status.UNKNOWN, "no earlier assessment to compare with")
        )
    else:
        if (set(current.items) - set(previous.items)) & SEROLOGY_ITEMS:
            notes = (SEROLOGY_RULE,)
        # Plain words, never the stored keys ("low complement", not "low_complement").
        new = sorted(_plain_name(k) for k in set(current.items) - set(previous.items))
        criteria.append(
            Criterion(
                "No new activity",
                Status.NOT_MET if new else Status.MET,
                (
                    f"new since {day_text(previous.visit_on)}: {', '.join(new)}"
                    if new
                    else f"nothing new since {day_text(previous.visit_on)}"
                ),
            )
        )
    criteria.append(_pga_criterion("PGA ≤ 1", current.pga, lambda v: v <= LLDAS_PGA_MAX, "limit 1"))
    criteria.append(
        _dose_criterion("Prednisone-equivalent ≤ 7.5 mg/day", dose, LLDAS_PREDNISOLONE_MAX)
    )
    criteria.append(
        Criterion(
            "Maintenance drugs",
            Status.DOCTOR,
            "standard, well-tolerated doses, no investigational drug",
        )
    )
    return StateResult(
        Definition.LLDAS, current.visit_on, tuple(criteria), current.pga is not None, notes
    )


def doris(current: Assessment, dose: DailyDose) -> StateResult:
    """DORIS 2021 remission at ``current`` (van Vollenhoven et al. 2021)."""
    clinical = set(current.items) - SEROLOGY_ITEMS
    clinical_score = score(clinical)
    criteria = [
        Criterion(
            "Clinical SLEDAI-2K = 0",
            Status.MET if clinical_score == 0 else Status.NOT_MET,
            f"clinical SLEDAI-2K {clinical_score} (low complement and anti-dsDNA not counted)",
        )
    ]
    criteria.append(
        _pga_criterion("PGA < 0.5", current.pga, lambda v: v < DORIS_PGA_BELOW, "must be below 0.5")
    )
    criteria.append(
        _dose_criterion("Prednisone-equivalent ≤ 5 mg/day", dose, DORIS_PREDNISOLONE_MAX)
    )
    criteria.append(
        Criterion(
            "Stable maintenance drugs",
            Status.DOCTOR,
            "antimalarials, immunosuppressives, biologics at stable doses",
        )
    )
    return StateResult(Definition.DORIS, current.visit_on, tuple(criteria), current.pga is not None)


@dataclass(frozen=True)
class VisitStates:
    visit_on: date
    sledai: int
    pga: float | None
    dose: DailyDose
    lldas: StateResult
    doris: StateResult


def assess_visits(
    assessments: Sequence[Assessment], dose_on: Callable[[date], DailyDose]
) -> list[VisitStates]:
    """LLDAS and DORIS at every assessed visit, oldest first."""
    ordered = sorted(assessments, key=lambda a: a.visit_on)
    states = []
    for index, current in enumerate(ordered):
        previous = ordered[index - 1] if index else None
        dose = dose_on(current.visit_on)
        states.append(
            VisitStates(
                current.visit_on,
                score(current.items),
                current.pga,
                dose,
                lldas(current, previous, dose),
                doris(current, dose),
            )
        )
    return states


@dataclass(frozen=True)
class TimeInState:
    """Days of a period by state; a state holds from an assessment until the next one."""

    definition: Definition
    since: date
    until: date
    met: int
    not_met: int
    unknown: int
    not_assessed: int  # before the first assessment in reach

    @property
    def total(self) -> int:
        return (self.until - self.since).days + 1

    def percent_met(self) -> float:
        return 100.0 * self.met / self.total if self.total > 0 else 0.0

    def sentence(self) -> str:
        name = (
            "LLDAS criteria" if self.definition is Definition.LLDAS else "DORIS remission criteria"
        )
        parts = [f"met on {self.met} of {self.total} days ({self.percent_met():.0f}%)"]
        if self.unknown:
            parts.append(f"unknown on {self.unknown} (an input was missing)")
        if self.not_assessed:
            parts.append(f"no assessment yet on {self.not_assessed}")
        return (
            f"{name} from {day_text(self.since)} to {day_text(self.until)}: "
            + ", ".join(parts)
            + "."
        )


def time_in_state(
    visits: Sequence[VisitStates], definition: Definition, since: date, until: date
) -> TimeInState:
    counts = {Status.MET: 0, Status.NOT_MET: 0, Status.UNKNOWN: 0}
    ordered = sorted(visits, key=lambda v: v.visit_on)
    covered = 0
    for index, visit in enumerate(ordered):
        start = max(visit.visit_on, since)
        next_day = ordered[index + 1].visit_on if index + 1 < len(ordered) else None
        end = min(until, next_day - timedelta(days=1)) if next_day else until
        if end < start:
            continue
        days = (end - start).days + 1
        result = visit.lldas if definition is Definition.LLDAS else visit.doris
        counts[result.status] += days
        covered += days
    total = (until - since).days + 1
    return TimeInState(
        definition,
        since,
        until,
        counts[Status.MET],
        counts[Status.NOT_MET],
        counts[Status.UNKNOWN],
        max(0, total - covered),
    )
