"""eGFR derived from logged creatinine (CKD-EPI 2021), stored as computed results.

Derived values are marked ``source='computed'`` with the assay "CKD-EPI 2021 (computed)",
so they are never mistaken for (or drawn as one series with) a lab-reported eGFR.
They need the profile's date of birth and sex; results before age 18 are skipped.
"""

from __future__ import annotations

from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.egfr import MIN_AGE, age_on, ckd_epi_2021, creatinine_to_mg_dl
from lupus_tracker.domain.records import LabEntry, Source
from lupus_tracker.store.repository import Repository

ASSAY = "CKD-EPI 2021 (computed)"


def derived_egfr_entries(repo: Repository) -> list[LabEntry]:
    profile = repo.profile.get()
    if profile.birth_date is None or profile.sex is None:
        return []
    creatinine = get_marker("creatinine")
    entries = []
    for result in repo.results.all(["creatinine"]):
        if result.number is None or result.comparator is not None:
            continue  # "<0.5" has no exact value to put in the equation
        unit = creatinine.units.find(result.unit)
        if unit is None:
            continue
        age = age_on(profile.birth_date, result.taken_on)
        if age < MIN_AGE:
            continue
        mg_dl = (creatinine_to_mg_dl(result.number, "umol/L") if unit.code == "umol/L"
                 else creatinine.units.convert(result.number, unit, creatinine.canonical_unit))
        value = ckd_epi_2021(mg_dl, age, profile.sex)
        entries.append(LabEntry(result.taken_on, "egfr", f"{value:.0f}", assay=ASSAY,
                                note=f"from creatinine {result.value_text} {unit.label} on "
                                     f"{result.taken_on.isoformat()}, age {age}",
                                source=Source.COMPUTED))
    return entries


def refresh_derived_egfr(repo: Repository) -> int:
    """Recompute all derived eGFR values (after creatinine or profile changes)."""
    return repo.results.replace_computed("egfr", derived_egfr_entries(repo))

