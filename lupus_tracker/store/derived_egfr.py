"""eGFR derived from stored creatinine (CKD-EPI 2021), kept as computed results.

Derived values are marked ``source='computed'`` with the assay "CKD-EPI 2021 (computed)",
so they are never mistaken for (or drawn as one series with) a lab-reported eGFR. They need
the profile's date of birth and sex; results before age 18, bounds such as ``<0.5`` and
values the equation does not cover are skipped one by one: one impossible creatinine never
stops the others.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from lupus_tracker.domain.egfr import COMPUTED_ASSAY, Height, computed_egfr_entry
from lupus_tracker.domain.records import LabEntry, LabResult, Profile
from lupus_tracker.domain.wording import value_as_printed

ASSAY = COMPUTED_ASSAY


def derived_egfr_entries(
    profile: Profile, creatinine: Iterable[LabResult], heights: Sequence[Height] = ()
) -> list[LabEntry]:
    """The eGFR entries computed from ``creatinine`` results for this patient, with the
    logged heights (cm) for the bedside Schwartz equation under 18 (the rule is
    ``domain.egfr.computed_egfr_entry``)."""
    entries = (
        computed_egfr_entry(_as_printed(result), profile.birth_date, profile.sex, heights)
        for result in creatinine
    )
    return [entry for entry in entries if entry is not None]


def _as_printed(result: LabResult) -> LabResult:
    """``result`` whose text, quoted in the eGFR's note, reads as a lab prints it
    ("from creatinine 0.65", not a machine-written "0.6548533722229765"). The number the
    equation uses is the stored one, unchanged."""
    if result.measurement is None:
        return result
    printed = value_as_printed(result.measurement)
    return result if printed == result.value_text else replace(result, value_text=printed)
