"""The LOINC code an exported result carries: by marker, unit and kind of value, and for
eGFR by its equation, so that a reader (and our own import) keeps what was measured.

Each code below carries its verification (issue 15 item 6, round 4; the full table is
tests/domain/loinc_table.py): the LOINC long common name and the page it was seen on, or
UNVERIFIED where no loinc.org, LOINC-table or HL7 page was found (kept as chosen from
../shared/domain.md).
"""

from __future__ import annotations

from lupus_tracker.domain.catalog import Marker
from lupus_tracker.domain.egfr import SCHWARTZ_ASSAY, result_name
from lupus_tracker.domain.measurement import Measurement

# eGFR equation (the assay/method text the app stores) -> LOINC code.
EGFR_CODES = {
    # 33914-3 "Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in Serum or
    # Plasma by Creatinine-based formula (MDRD)": HL7 FHIR R4 example f205
    # https://hl7.org/fhir/R4/observation-example-f205-egfr.json.html
    "mdrd": "33914-3",
    # 48643-1 "... predicted among blacks ... by Creatinine-based formula (MDRD)": the same
    # HL7 example's component (tests/data/fhir/hl7_r4_Observation-f205-egfr.json)
    "mdrd (race-based)": "48643-1",
    # 62238-1 "Glomerular filtration rate [Volume Rate/Area] in Serum, Plasma or Blood by
    # Creatinine-based formula (CKD-EPI)/1.73 sq M": HL7 Switzerland CH LAB-Report value set
    # of the CKD-EPI (2009) eGFR codes
    # https://build.fhir.org/ig/hl7ch/ch-lab-report/ValueSet-observation-code-cdk-epi-2009.html
    "ckd-epi 2009": "62238-1",
}
_BY_UNIT = {
    # 14682-9 "Creatinine [Moles/volume] in Serum or Plasma" (SCnc): HL7 dQM value set
    # expanded from LOINC 2.82 by tx.fhir.org
    # https://build.fhir.org/ig/cqframework/dqm-content-cms-2026/ValueSet-serum-creatinine.html
    ("creatinine", "umol/L"): "14682-9",
    ("creatinine", "mmol/L"): "14682-9",
    # 34366-5 UPCR and 32294-1 UACR in mg/mmol: UNVERIFIED, no loinc.org, LOINC-table or HL7
    # page found (../shared/domain.md)
    ("upcr", "mg/mmol"): "34366-5",
    ("uacr", "mg/mmol"): "32294-1",
    # A molar result goes out under the molar (SCnc/SFr) term, never the mass one (issue 13
    # item 1, round 4); each is the catalog's alternative code, with its source there:
    # 59260-0 "Hemoglobin [Moles/volume] in Blood" (HL7 Switzerland CH LAB-Order)
    # https://build.fhir.org/ig/hl7ch/ch-lab-order/ObservationDefinition-observation-blood-hemoglobin.json.html
    ("hemoglobin", "mmol/L"): "59260-0",
    # 14749-6 "Glucose [Moles/volume] in Serum or Plasma" (HL7 FHIR R4 example Bundle 'ghp')
    # https://hl7.org/fhir/R4/bundle-example-ghp.html
    ("glucose", "mmol/L"): "14749-6",
    # 59261-8 "Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol" (HL7 Vulcan RWD)
    # https://hl7.org/fhir/uv/vulcan-rwd/ValueSet-ExampleHbA1cTestCodes.json.html
    ("hba1c", "mmol/mol"): "59261-8",
    # 14647-2 "Cholesterol [Moles/volume] in Serum or Plasma" (HL7 R4 example expansion)
    # https://hl7.org/fhir/R4/valueset-example-expansion.xml
    ("cholesterol", "mmol/L"): "14647-2",
}
# Molar results whose LOINC term could not be verified (searched 2026-11-29 on loinc.org,
# LOINC-table copies and HL7 publications): LDL cholesterol mmol/L (22748-8 was seen only in
# code repositories) and total 25-hydroxyvitamin D2+D3 nmol/L (HL7 pages show only the D3
# term 14635-7, a different component). They are exported with their name as the code's
# text and no LOINC coding: never under the mass code, which would say mg/dL or ng/mL.
NO_VERIFIED_CODE = {("ldl", "mmol/L"), ("vitamin_d", "nmol/L")}


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
    """The LOINC code for this result; None for a bedside Schwartz eGFR and for a molar
    result in ``NO_VERIFIED_CODE``.

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
        # 11013-0 "DNA double strand Ab [Titer] in Serum" (Titr), ACTIVE on the LOINC table
        # copy https://www.healthassure.in/codes/loinc-11013-0-dna-double-strand-ab-s-titer
        return "11013-0"
    if marker.key == "ana" and m.value.word is not None:
        # 8061-4 ANA [Presence]: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found
        # (../shared/domain.md)
        return "8061-4"
    if (marker.key, m.unit.code) in NO_VERIFIED_CODE:
        return None
    return _BY_UNIT.get((marker.key, m.unit.code), marker.loinc)
