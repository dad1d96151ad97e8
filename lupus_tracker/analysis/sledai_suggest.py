"""Lab-derived SLEDAI-2K suggestions for a visit, with their evidence.

Results dated from 10 days before the visit up to the visit day (both included) are read
against each result's own reference range. A suggestion is never a score: the user (with
the doctor) confirms whether the finding is due to lupus.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.measurement import Measurement
from lupus_tracker.domain.ranges import Flag
from lupus_tracker.domain.records import LabResult
from lupus_tracker.domain.sledai import (
    HEMATURIA_RBC_PER_HPF,
    LEUKOPENIA_10E9_PER_L,
    PROTEINURIA_G_PER_24H,
    PYURIA_WBC_PER_HPF,
    THROMBOCYTOPENIA_10E9_PER_L,
    UPCR_MG_PER_MG,
    WINDOW_DAYS,
    Descriptor,
    descriptor,
)
from lupus_tracker.domain.thresholds import FEVER_CELSIUS
from lupus_tracker.store.results_repo import measured


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
        return (
            f"{self.day.isoformat()} {self.marker} {self.value_text} {self.unit}{ref}: "
            f"{self.reason}"
        )


@dataclass(frozen=True)
class Suggestion:
    descriptor: Descriptor
    evidence: tuple[Evidence, ...]


Rule = tuple[str, Callable[[Measurement], bool], str]

RULES: dict[str, tuple[Rule, ...]] = {
    "proteinuria": (
        (
            "urine_protein_24h",
            lambda m: m.certainly_above(PROTEINURIA_G_PER_24H),
            f"above {PROTEINURIA_G_PER_24H} g/24 h",
        ),
        (
            "upcr",
            lambda m: m.certainly_above(UPCR_MG_PER_MG),
            f"UPCR above {UPCR_MG_PER_MG} mg/mg ({UPCR_MG_PER_MG * 1000:.0f} mg/g), used in place "
            "of the 24-hour figure",
        ),
    ),
    "hematuria": (
        (
            "urine_rbc",
            lambda m: m.certainly_above(HEMATURIA_RBC_PER_HPF),
            f"more than {HEMATURIA_RBC_PER_HPF} RBC/HPF",
        ),
    ),
    "pyuria": (
        (
            "urine_wbc",
            lambda m: m.certainly_above(PYURIA_WBC_PER_HPF),
            f"more than {PYURIA_WBC_PER_HPF} WBC/HPF",
        ),
    ),
    # Urinary casts: any heme-granular or red cell cast counts (SLEDAI-2K, Gladman 2002);
    # the catalog's marker is red cell casts per LPF, normally none.
    "urinary_casts": (("urine_casts", lambda m: m.certainly_above(0.0), "casts present"),),
    # Low complement: "decrease in CH50, C3 or C4 below the lower limit of normal"
    # (SLEDAI-2K, Gladman 2002).
    "low_complement": (
        ("ch50", lambda m: m.flag is Flag.LOW, "below the lab's lower limit"),
        ("c3", lambda m: m.flag is Flag.LOW, "below the lab's lower limit"),
        ("c4", lambda m: m.flag is Flag.LOW, "below the lab's lower limit"),
    ),
    "increased_dna_binding": (
        ("anti_dsdna", lambda m: m.flag in (Flag.HIGH, Flag.ABNORMAL), "above the lab's range"),
    ),
    "thrombocytopenia": (
        (
            "platelets",
            lambda m: m.certainly_below(THROMBOCYTOPENIA_10E9_PER_L),
            f"below {THROMBOCYTOPENIA_10E9_PER_L} x10⁹/L",
        ),
    ),
    "leukopenia": (
        (
            "wbc",
            lambda m: m.certainly_below(LEUKOPENIA_10E9_PER_L),
            f"below {LEUKOPENIA_10E9_PER_L} x10⁹/L",
        ),
    ),
    "fever": (
        ("temperature", lambda m: m.certainly_above(FEVER_CELSIUS), f"above {FEVER_CELSIUS:g} °C"),
    ),
}


# The markers the rules read (callers pass their results in the window before the visit:
# repo.results.all(SUGGEST_MARKERS, *window(visit))).
SUGGEST_MARKERS = tuple(sorted({rule[0] for rules in RULES.values() for rule in rules}))


def window(visit: date) -> tuple[date, date]:
    return visit - timedelta(days=WINDOW_DAYS), visit


def suggest(results: Iterable[LabResult], visit: date) -> list[Suggestion]:
    """The lab-derivable descriptors supported by ``results`` in the window before ``visit``
    (results outside the window or of other markers are ignored)."""
    return _supported(results, *window(visit))


def findings_after(results: Iterable[LabResult], visit: date, until: date) -> list[Suggestion]:
    """The lab-derivable descriptors that results after ``visit`` (up to ``until``) would
    support: activity the latest assessment could not count (fixclin item 5)."""
    return _supported(results, visit + timedelta(days=1), until)


def _supported(results: Iterable[LabResult], since: date, until: date) -> list[Suggestion]:
    by_marker: dict[str, list[LabResult]] = {}
    for result in sorted(results, key=lambda r: (r.taken_on, r.id or 0)):
        if result.marker in SUGGEST_MARKERS and since <= result.taken_on <= until:
            by_marker.setdefault(result.marker, []).append(result)
    suggestions = []
    for key, rules in RULES.items():
        evidence = []
        for marker_key, test, reason in rules:
            marker = get_marker(marker_key)
            for result in by_marker.get(marker_key, ()):
                m = measured(result)
                if m is not None and test(m):
                    evidence.append(
                        Evidence(
                            result.taken_on,
                            marker.label,
                            m.value.text,
                            m.unit.label,
                            m.ref.text() if m.ref else "",
                            reason,
                        )
                    )
        if evidence:
            suggestions.append(Suggestion(descriptor(key), tuple(evidence)))
    return suggestions
