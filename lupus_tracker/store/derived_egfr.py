"""eGFR derived from stored creatinine (CKD-EPI 2021), kept as computed results.

Derived values are marked ``source='computed'`` with the assay "CKD-EPI 2021 (computed)",
so they are never mistaken for (or drawn as one series with) a lab-reported eGFR. They need
the profile's date of birth and sex; results before age 18, bounds such as ``<0.5`` and
values the equation does not cover are skipped one by one: one impossible creatinine never
stops the others.
"""

from __future__ import annotations

from collections.abc import Iterable

from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.egfr import (
    MIN_AGE,
    EgfrError,
    age_on,
    ckd_epi_2021,
    creatinine_to_mg_dl,
)
from lupus_tracker.domain.records import LabEntry, LabResult, NumberFormat, Profile, Source

ASSAY = "CKD-EPI 2021 (computed)"


def derived_egfr_entries(profile: Profile, creatinine: Iterable[LabResult]) -> list[LabEntry]:
    """The eGFR entries computed from ``creatinine`` results for this patient."""
    if profile.birth_date is None or profile.sex is None:
        return []
    marker = get_marker("creatinine")
    entries = []
    for result in creatinine:
        if result.number is None or result.comparator is not None:
            continue  # "<0.5" has no exact value to put in the equation
        unit = marker.units.find(result.unit)
        if unit is None:
            continue
        age = age_on(profile.birth_date, result.taken_on)
        if age < MIN_AGE:
            continue
        try:
            mg_dl = (creatinine_to_mg_dl(result.number, "umol/L") if unit.code == "umol/L"
                     else marker.units.convert(result.number, unit, marker.canonical_unit))
            value = ckd_epi_2021(mg_dl, age, str(profile.sex))
        except (EgfrError, ValueError):
            continue  # a value the equation does not cover: skip it, keep the others
        entries.append(LabEntry(result.taken_on, "egfr", f"{value:.0f}", assay=ASSAY,
                                note=f"from creatinine {result.value_text} {unit.label} on "
                                     f"{result.taken_on.isoformat()}, age {age}",
                                source=Source.COMPUTED, number_format=NumberFormat.POINT))
    return entries
