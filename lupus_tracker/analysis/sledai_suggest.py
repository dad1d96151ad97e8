"""Lab-derived SLEDAI-2K suggestions for a visit, with their evidence.

Results dated from 10 days before the visit up to the visit day (both included) are read
against each result's own reference range. A suggestion is never a score: the user (with
the doctor) confirms whether the finding is due to lupus.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.measurement import Measurement, interpret
from lupus_tracker.domain.ranges import Flag
from lupus_tracker.domain.records import LabResult
from lupus_tracker.domain.sledai import WINDOW_DAYS, Descriptor, descriptor
from lupus_tracker.domain.values import Comparator
from lupus_tracker.store.repository import Repository


@dataclass(frozen=True)
class Evidence:
    day: date
    marker: str
    value_text: str
    unit: str
    ref_text: str
    reason: str

    def line(self) -> str:
        ref = f" (range {self.ref_text})" if self.ref_text else ""
        return f"{self.day.isoformat()} {self.marker} {self.value_text} {self.unit}{ref}: " \
               f"{self.reason}"


@dataclass(frozen=True)
class Suggestion:
    descriptor: Descriptor
    evidence: tuple[Evidence, ...]


def _above(m: Measurement, limit: float) -> bool:
    """The true value is certainly above ``limit`` (base unit)."""
    if m.base_value is None or m.unit.family != m.base_unit.family:
        return False
    cmp = m.value.comparator
    return (cmp in (None, Comparator.GT, Comparator.GE) and m.base_value > limit) or (
        cmp is Comparator.GT and m.base_value >= limit)


def _below(m: Measurement, limit: float) -> bool:
    if m.base_value is None:
        return False
    cmp = m.value.comparator
    return (cmp in (None, Comparator.LT, Comparator.LE) and m.base_value < limit) or (
        cmp is Comparator.LT and m.base_value <= limit)


Rule = tuple[str, Callable[[Measurement], bool], str]

RULES: dict[str, tuple[Rule, ...]] = {
    "proteinuria": (
        ("urine_protein_24h", lambda m: _above(m, 0.5), "above 0.5 g/24 h"),
        ("upcr", lambda m: _above(m, 0.5),
         "UPCR above 0.5 mg/mg (500 mg/g), used in place of the 24-hour figure"),
    ),
    "hematuria": (("urine_rbc", lambda m: _above(m, 5), "more than 5 RBC/HPF"),),
    "pyuria": (("urine_wbc", lambda m: _above(m, 5), "more than 5 WBC/HPF"),),
    "low_complement": (
        ("c3", lambda m: m.flag is Flag.LOW, "below the lab's lower limit"),
        ("c4", lambda m: m.flag is Flag.LOW, "below the lab's lower limit"),
    ),
    "increased_dna_binding": (
        ("anti_dsdna", lambda m: m.flag in (Flag.HIGH, Flag.ABNORMAL), "above the lab's range"),
    ),
    "thrombocytopenia": (("platelets", lambda m: _below(m, 100), "below 100 x10⁹/L"),),
    "leukopenia": (("wbc", lambda m: _below(m, 3), "below 3 x10⁹/L"),),
    "fever": (("temperature", lambda m: _above(m, 38), "above 38 °C"),),
}


def window(visit: date) -> tuple[date, date]:
    return visit - timedelta(days=WINDOW_DAYS), visit


def suggest(repo: Repository, visit: date) -> list[Suggestion]:
    """The lab-derivable descriptors supported by results in the window before ``visit``."""
    since, until = window(visit)
    sex = repo.profile.get().sex
    markers = {rule[0] for rules in RULES.values() for rule in rules}
    by_marker: dict[str, list[LabResult]] = {}
    for result in repo.results.all(markers, since, until):
        by_marker.setdefault(result.marker, []).append(result)
    suggestions = []
    for key, rules in RULES.items():
        evidence = []
        for marker_key, test, reason in rules:
            marker = get_marker(marker_key)
            for result in by_marker.get(marker_key, ()):
                m = interpret(marker, result.value_text, result.unit, result.ref_range, sex)
                if test(m):
                    evidence.append(Evidence(result.taken_on, marker.label, m.value.text,
                                             m.unit.label, m.ref.text() if m.ref else "",
                                             reason))
        if evidence:
            suggestions.append(Suggestion(descriptor(key), tuple(evidence)))
    return suggestions
