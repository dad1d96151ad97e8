"""eGFR derived from logged creatinine (CKD-EPI 2021), stored as computed results.

Derived values are marked ``source='computed'`` with the assay "CKD-EPI 2021 (computed)",
so they are never mistaken for (or drawn as one series with) a lab-reported eGFR.  Each
value comes from ``domain.egfr.computed_egfr_entry``: one creatinine that cannot be used
(a bound, an unknown unit, an impossible value, under 18) is skipped, never stopping the
others.
"""

from __future__ import annotations

from lupus_tracker.domain.egfr import COMPUTED_ASSAY, computed_egfr_entry
from lupus_tracker.domain.records import LabEntry
from lupus_tracker.store.repository import Repository

ASSAY = COMPUTED_ASSAY


def derived_egfr_entries(repo: Repository) -> list[LabEntry]:
    profile = repo.profile.get()
    entries = (computed_egfr_entry(result, profile.birth_date, profile.sex)
               for result in repo.results.all(["creatinine"]))
    return [entry for entry in entries if entry is not None]


def refresh_derived_egfr(repo: Repository) -> int:
    """Recompute all derived eGFR values (after creatinine or profile changes)."""
    return repo.results.replace_computed("egfr", derived_egfr_entries(repo))
