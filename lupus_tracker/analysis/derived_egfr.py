"""eGFR derived from logged creatinine (CKD-EPI 2021), stored as computed results.

The computation lives in :mod:`lupus_tracker.store.derived_egfr` (the store recomputes it
in the same transaction as the change that needs it); these names remain for callers.
"""

from __future__ import annotations

from lupus_tracker.domain.records import LabEntry
from lupus_tracker.store import derived_egfr
from lupus_tracker.store.repository import Repository

ASSAY = derived_egfr.ASSAY


def derived_egfr_entries(repo: Repository) -> list[LabEntry]:
    return derived_egfr.derived_egfr_entries(repo.profile.get(), repo.results.all(["creatinine"]))


def refresh_derived_egfr(repo: Repository) -> int:
    """Recompute all derived eGFR values (after creatinine or profile changes)."""
    return repo.results.refresh_egfr()
