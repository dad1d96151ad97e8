"""The LOINC code an exported result carries: by marker, unit and kind of value, and for
eGFR by its equation, so that a reader (and our own import) keeps what was measured.

Sources: ../shared/domain.md (LOINC) for 14682-9 creatinine [Moles/volume], 34366-5 UPCR in
mg/mmol, 32294-1 UACR in mg/mmol, 8061-4 ANA [Presence], 33914-3 eGFR MDRD, 62238-1
eGFR CKD-EPI 2009 and 48643-1 MDRD race-based; 11013-0 "DNA double strand Ab [Titer] in
Serum" (LOINC long name as published in LOINC code lists).
"""

from __future__ import annotations

from lupus_tracker.domain.catalog import Marker
from lupus_tracker.domain.egfr import SCHWARTZ_ASSAY, result_name
from lupus_tracker.domain.measurement import Measurement

# eGFR equation (the assay/method text the app stores) -> LOINC code.
EGFR_CODES = {
    "mdrd": "33914-3",
    "mdrd (race-based)": "48643-1",
    "ckd-epi 2009": "62238-1",
}
_BY_UNIT = {
    ("creatinine", "umol/L"): "14682-9",
    ("creatinine", "mmol/L"): "14682-9",
    ("upcr", "mg/mmol"): "34366-5",
    ("uacr", "mg/mmol"): "32294-1",
}


# What each eGFR code is shown as: the result's own equation, never the catalog's
# "eGFR (CKD-EPI 2021)" on an MDRD value.
EGFR_DISPLAYS = {
    "33914-3": "eGFR (MDRD)",
    "48643-1": "eGFR (MDRD, race-based)",
    "62238-1": "eGFR (CKD-EPI 2009)",
}


def export_display(marker: Marker, code: str | None, method: str | None = None) -> str:
    """The display and text for a result exported under ``code`` (None: no LOINC code)."""
    if marker.key == "egfr" and code is not None:
        return EGFR_DISPLAYS.get(code, result_name(marker, method))
    return result_name(marker, method)


def export_code(marker: Marker, m: Measurement, method: str | None) -> str | None:
    """The LOINC code for this result; None for a bedside Schwartz eGFR.

    No LOINC term for an eGFR by the bedside Schwartz equation could be verified on
    loinc.org (a search of its pages on 2026-11-29 found none; 98979-8 is CKD-EPI 2021 by
    creatinine, an adult equation). Such a value is exported with its name as
    the code's text only, never under the CKD-EPI 2021 code 98979-8 (issue 12 item 8)."""
    if marker.key == "egfr" and method == SCHWARTZ_ASSAY:
        return None
    if marker.key == "egfr" and method:
        equation = method.lower().removesuffix(" (computed)").strip()
        return EGFR_CODES.get(equation, marker.loinc)
    if marker.key == "anti_dsdna" and m.value.is_titer:
        return "11013-0"
    if marker.key == "ana" and m.value.word is not None:
        return "8061-4"
    return _BY_UNIT.get((marker.key, m.unit.code), marker.loinc)
