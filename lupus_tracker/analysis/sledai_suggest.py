"""Lab-derived SLEDAI-2K suggestions for a visit, with their evidence.

Results dated in the 10 days ending on the visit day (the visit day and the 9 days before
it, both ends included: SLEDAI-2K's "present in the last 10 days", Gladman et al.,
J Rheumatol 2002;29:288-91) are read against each result's own reference range.  A
suggestion is never a score: the user (with the doctor) confirms whether the finding is
due to lupus.
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

# Placeholder in a rule's reason for the range the result was read against: "the lab's
# range" only when the lab printed it, else "the usual range" (the catalog's default, as
# the result lists and the dashboard say it; rheum4 finding 2).
RANGE = "{range}"
LABS_RANGE = "the lab's range"
USUAL_RANGE = "the usual range"


def _reason(template: str, m: Measurement) -> str:
    return template.replace(RANGE, LABS_RANGE if m.ref_is_lab else USUAL_RANGE)


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
    # Low complement: "decrease in CH50, C3 or C4 below the lower limit of normal for
    # testing laboratory"; increased DNA binding: "above normal range for testing
    # laboratory" (SLEDAI-2K, Gladman 2002).  Which range was read ({RANGE}) is said per
    # result: the lab's when it printed one, else the catalog's usual range.
    "low_complement": (
        ("ch50", lambda m: m.flag is Flag.LOW, f"below the lower limit of {RANGE}"),
        ("c3", lambda m: m.flag is Flag.LOW, f"below the lower limit of {RANGE}"),
        ("c4", lambda m: m.flag is Flag.LOW, f"below the lower limit of {RANGE}"),
    ),
    "increased_dna_binding": (
        ("anti_dsdna", lambda m: m.flag in (Flag.HIGH, Flag.ABNORMAL), f"above {RANGE}"),
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
    """The first and last day (both included) of SLEDAI-2K's "last 10 days" for ``visit``:
    10 calendar days counting the visit day itself, so 9 days before it is the first."""
    return visit - timedelta(days=WINDOW_DAYS - 1), visit


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
                            _reason(reason, m),
                        )
                    )
        if evidence:
            suggestions.append(Suggestion(descriptor(key), tuple(evidence)))
    return suggestions
