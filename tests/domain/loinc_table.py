"""Every LOINC code the app uses, with what was checked about it (issue 15 item 6).

One row per code: the catalog's main and alternative codes (domain/catalog.py), the codes
only the FHIR exchange uses (exchange/codes.py, exchange/fhir_import.py). The axes
(property, scale, system) are LOINC's: the long common name states them ("[Mass/volume]"
is MCnc, "[#/volume]" NCnc, "[#/area]" Naric, "[Units/volume]" ACnc, "[Titer]" Titr,
"[Presence]" PrThr on an ordinal scale); for a vital sign the HL7 display does not print
them and they are the term's plain meaning. ``seen`` says what the source showed. For an
UNVERIFIED code the name and axes are what the app assumes from the source it was chosen
from (named in ``seen``), never read on a LOINC page.

Verdicts:
- LOINC_ORG: the term is on a loinc.org page (its own or a panel listing it), searched
  on 2026-11-29 (this round) or in round 3 (``round 3`` in ``seen``).
- TABLE_COPY: a page quoting LOINC's own table fields for the term (component, property,
  system, status), here https://www.healthassure.in/codes/ pages (the same fields as
  findacode.com's copy); loinc.org's own page for it was not in the searched copy.
- HL7: the code and its LOINC display in an HL7 publication (FHIR specification value set
  or example, an HL7 implementation guide's value set expanded from LOINC by tx.fhir.org,
  or a coded element of an HL7 affiliate's guide, e.g. HL7 Switzerland's CH LAB-Order
  ActivityDefinitions; ``seen`` names which, and says where the stored copy cut a display).
Rows verified by a second search pass on 2026-11-29 (value-set pages, LOINC-table copies,
FHIR guides) say so in ``seen`` by naming the page; nothing was taken from memory.
- UNVERIFIED: no loinc.org, LOINC-table or HL7 page was found for it; the code is kept
  (it was chosen from lab catalogs or ../shared/domain.md) and is marked unverified.
Lab test catalogs (Labcorp, Quest, ARUP, Mayo) and Synthea files are named in ``seen``
as corroboration only: they do not verify a term.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass


class Verdict(enum.StrEnum):
    LOINC_ORG = "verified (loinc.org)"
    TABLE_COPY = "verified (LOINC table copy)"
    HL7 = "verified (HL7 publication)"
    UNVERIFIED = "unverified"


@dataclass(frozen=True)
class Term:
    code: str
    # LOINC long common name as seen; for an UNVERIFIED code the name a cited non-LOINC
    # source printed, or "not seen"
    name: str
    prop: str  # LOINC property axis
    scale: str  # Qn, Ord, Nom, Nar
    system: str  # LOINC system axis
    status: str  # ACTIVE where a source printed it, else "not shown"
    source: str  # the page used
    verdict: Verdict
    seen: str = ""


HA = "https://www.healthassure.in/codes/loinc-"
CBC_PANEL = "https://loinc.org/58410-2/"
DQM_CREATININE = (
    "https://build.fhir.org/ig/cqframework/dqm-content-cms-2026/ValueSet-serum-creatinine.html"
)
VITALS_VS = "https://hl7.org/fhir/valueset-observation-vitalsignresult.html"
F205 = "https://hl7.org/fhir/R4/observation-example-f205-egfr.json.html"
GHP = "HL7 FHIR R4 example Bundle 'ghp' (tests/data/fhir/hl7_r4_Bundle-ghp.json)"
NONE = "none found"
V, T, H, U = Verdict.LOINC_ORG, Verdict.TABLE_COPY, Verdict.HL7, Verdict.UNVERIFIED
ACTIVE, NOT_SHOWN = "ACTIVE", "not shown"

TERMS: tuple[Term, ...] = (
    # -- ANA ---------------------------------------------------------------------------
    Term(
        "5048-4",
        "not seen",
        "Titr",
        "Qn",
        "Ser",
        NOT_SHOWN,
        NONE,
        U,
        "../shared/domain.md",
    ),
    Term(
        "42254-3",
        "not seen",
        "PrThr",
        "Ord",
        "Ser",
        NOT_SHOWN,
        NONE,
        U,
        "Labcorp map (no unit) and ../shared/domain.md",
    ),
    Term(
        "8061-4",
        "not seen",
        "PrThr",
        "Ord",
        "Ser",
        NOT_SHOWN,
        NONE,
        U,
        "../shared/domain.md",
    ),
    Term(
        "49311-4",
        "Nuclear Ab pattern [Interpretation] in Serum by Immunofluorescence Narrative",
        "Imp",
        "Nar",
        "Ser",
        ACTIVE,
        HA + "49311-4-nuclear-ab-pattern-if-nar-s-interp",
        T,
        "LCN, Ser, status ACTIVE",
    ),
    # -- anti-dsDNA --------------------------------------------------------------------
    Term(
        "5130-0",
        "DNA double strand Ab [Units/volume] in Serum",
        "ACnc",
        "Qn",
        "Ser",
        NOT_SHOWN,
        NONE,
        U,
        "display in a public value-set file; the deprecated twin "
        "11563-4 'Deprecated DNA double strand Ab [Units/volume] in Serum' is on "
        + HA
        + "11563-4-dna-double-strand-ab-qn-s",
    ),
    Term(
        "11013-0",
        "DNA double strand Ab [Titer] in Serum",
        "Titr",
        "Qn",
        "Ser",
        ACTIVE,
        HA + "11013-0-dna-double-strand-ab-s-titer",
        T,
        "LCN, Titr, Ser, status ACTIVE",
    ),
    Term(
        "6457-6",
        "not seen",
        "PrThr",
        "Ord",
        "Ser",
        NOT_SHOWN,
        NONE,
        U,
        "../shared/domain.md only",
    ),
    Term(
        "33799-8",
        "not seen",
        "ACnc",
        "Qn",
        "Ser",
        NOT_SHOWN,
        NONE,
        U,
        "Mayo Clinic Laboratories ADNA result LOINC",
    ),
    Term(
        "31348-6",
        "DNA double strand Ab [Presence] in Serum",
        "PrThr",
        "Ord",
        "Ser",
        NOT_SHOWN,
        NONE,
        U,
        "NLM Clinical Table Search as cited by FHIR mappers",
    ),
    # -- complement, albumin -----------------------------------------------------------
    Term(
        "4485-9",
        "Complement C3 [Mass/volume] in Serum or Plasma",
        "MCnc",
        "Qn",
        "Ser/Plas",
        NOT_SHOWN,
        "https://build.fhir.org/ig/hl7-eu/protect-child/branches/master/ValueSet-lab-test-name-vs.json",
        H,
        "HL7 Europe PROTECT-CHILD IG value set lab-test-name-vs (ci-build; a value set "
        "definition, not an expansion) lists the code with this display; source "
        "input/fsh/lab-test.fsh of hl7-eu/protect-child; Mayo, ARUP and Labcorp catalogs "
        "report C3 under 4485-9 (corroboration)",
    ),
    Term(
        "4498-2",
        "Complement C4 [Mass/volume] in Serum or Plasma",
        "MCnc",
        "Qn",
        "Ser/Plas",
        ACTIVE,
        HA + "4498-2-complement-c4-massvol",
        T,
        "LCN, Property MCnc, Ser/Plas, status ACTIVE",
    ),
    Term(
        "1751-7",
        "Albumin [Mass/volume] in Serum or Plasma",
        "MCnc",
        "Qn",
        "Ser/Plas",
        NOT_SHOWN,
        "https://build.fhir.org/ig/hl7-eu/protect-child/branches/master/ValueSet-lab-test-name-vs.json",
        H,
        "HL7 Europe PROTECT-CHILD IG value set lab-test-name-vs (ci-build; a value set "
        "definition, not an expansion) lists the code with this display; source "
        "input/fsh/lab-test.fsh of hl7-eu/protect-child; also the FHIR specification's "
        "HSPC Quantitative Labs value set "
        "https://www.hl7.org/fhir/2015May/hspc-QuantitativeLabCodes.html (display cut "
        "after 'in Serum or' in the stored copy)",
    ),
    Term(
        "4532-8",
        "Complement total hemolytic CH50 [Units/volume] in Serum or Plasma",
        "ACnc",
        "Qn",
        "Ser/Plas",
        NOT_SHOWN,
        NONE,
        U,
        "../shared/domain.md; Mayo CH50",
    ),
    # -- urine protein and albumin -----------------------------------------------------
    Term(
        "2889-4",
        "not seen",
        "MRat",
        "Qn",
        "Urine",
        NOT_SHOWN,
        NONE,
        U,
        "../shared/domain.md",
    ),
    Term(
        "2890-2",
        "Protein/Creatinine [Mass Ratio] in Urine",
        "MRto",
        "Qn",
        "Urine",
        NOT_SHOWN,
        NONE,
        U,
        "lab catalogs print this name (corroboration only)",
    ),
    Term(
        "34366-5",
        "not seen",
        "SRto",
        "Qn",
        "Urine",
        NOT_SHOWN,
        NONE,
        U,
        "../shared/domain.md (mg/mmol)",
    ),
    Term(
        "9318-7",
        "Albumin/Creatinine [Mass Ratio] in Urine",
        "MRto",
        "Qn",
        "Urine",
        NOT_SHOWN,
        "https://hl7.org/fhir/uv/cpg/ValueSet-ckd-valueset-uacr.html",
        H,
        "HL7 FHIR Clinical Guidelines IG v1.0.0 (STU1) value set UACR Lab Results, "
        "expansion based on LOINC v2.68; also CH LAB-Order ActivityDefinition "
        "procedure-urine-uACR",
    ),
    Term(
        "32294-1",
        "not seen",
        "SRto",
        "Qn",
        "Urine",
        NOT_SHOWN,
        NONE,
        U,
        "../shared/domain.md (mg/mmol)",
    ),
    Term(
        "14959-1",
        "Microalbumin/Creatinine [Mass Ratio] in Urine",
        "MRto",
        "Qn",
        "Urine",
        ACTIVE,
        "https://www.healthassure.in/codes/loinc-14959-1-albumincreatinine-dl-20-mgl-u-mass-ratio",
        T,
        "LCN, MRto, Urine, method 'detection limit <= 20 mg/L', status ACTIVE",
    ),
    Term(
        "5804-0",
        "Protein [Mass/volume] in Urine by Test strip",
        "MCnc",
        "SemiQn",
        "Urine",
        ACTIVE,
        "https://www.healthassure.in/codes/loinc-5804-0-protein-test-strip-u-massvol",
        T,
        "LCN, property MCnc, timing Pt, Urine, scale SemiQn (the table said Qn before: "
        "corrected), method Test strip, status ACTIVE; import refuses it (not a 24 h "
        "amount)",
    ),
    Term(
        "2888-6",
        "not seen",
        "MCnc",
        "Qn",
        "Urine",
        NOT_SHOWN,
        NONE,
        U,
        "../shared/domain.md; import refuses it",
    ),
    Term(
        "20454-5",
        "Protein [Presence] in Urine by Test strip",
        "PrThr",
        "Ord",
        "Urine",
        NOT_SHOWN,
        NONE,
        U,
        "Synthea display (corroboration only)",
    ),
    Term(
        "2887-8",
        "Protein [Presence] in Urine",
        "PrThr",
        "Ord",
        "Urine",
        NOT_SHOWN,
        GHP,
        H,
        "HL7 example display",
    ),
    # -- kidney ------------------------------------------------------------------------
    Term(
        "2160-0",
        "Creatinine [Mass/volume] in Serum or Plasma",
        "MCnc",
        "Qn",
        "Ser/Plas",
        NOT_SHOWN,
        DQM_CREATININE,
        H,
        "value set expansion from LOINC 2.82 (tx.fhir.org)",
    ),
    Term(
        "14682-9",
        "Creatinine [Moles/volume] in Serum or Plasma",
        "SCnc",
        "Qn",
        "Ser/Plas",
        NOT_SHOWN,
        DQM_CREATININE,
        H,
        "same expansion; also " + GHP,
    ),
    Term(
        "38483-4",
        "Creatinine [Mass/volume] in Blood",
        "MCnc",
        "Qn",
        "Bld",
        NOT_SHOWN,
        DQM_CREATININE,
        H,
        "same expansion",
    ),
    Term(
        "98979-8",
        "Glomerular filtration rate [Volume Rate/Area] in Serum, Plasma or Blood by "
        "Creatinine-based formula (CKD-EPI 2021)/1.73 sq M",
        "ArVRat",
        "Qn",
        "Ser/Plas/Bld",
        NOT_SHOWN,
        "https://build.fhir.org/ig/hl7ch/ch-lab-report/ValueSet-observation-code-cdk-epi-2021.html",
        H,
        "HL7 Switzerland CH LAB-Report value set 'Codes for eGFR in CKD-EPI 2021' (seen "
        "through the guide's comparison pages and its source, which lists 98979-8 with "
        "this display); the guide's eGFRcr CKD-EPI 2021 profile quotes LOINC's "
        "description of the term (creatinine only, 98980-6 being creatinine and cystatin "
        "C)",
    ),
    Term(
        "33914-3",
        "Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in "
        "Serum or Plasma by Creatinine-based formula (MDRD)",
        "ArVRat",
        "Qn",
        "Ser/Plas",
        NOT_SHOWN,
        F205,
        H,
        "HL7 R4 example f205 code",
    ),
    Term(
        "48642-3",
        "Glomerular filtration rate/1.73 sq M predicted among non-blacks "
        "[Volume Rate/Area] in Serum or Plasma by Creatinine-based formula (MDRD)",
        "ArVRat",
        "Qn",
        "Ser/Plas",
        NOT_SHOWN,
        F205,
        H,
        "f205 component (MDRD, not CKD-EPI 2009 as ../shared/domain.md says)",
    ),
    Term(
        "48643-1",
        "Glomerular filtration rate/1.73 sq M predicted among blacks [Volume "
        "Rate/Area] in Serum or Plasma by Creatinine-based formula (MDRD)",
        "ArVRat",
        "Qn",
        "Ser/Plas",
        NOT_SHOWN,
        F205,
        H,
        "f205 component",
    ),
    Term(
        "62238-1",
        "Glomerular filtration rate [Volume Rate/Area] in Serum, Plasma or Blood by "
        "Creatinine-based formula (CKD-EPI)/1.73 sq M",
        "ArVRat",
        "Qn",
        "Ser/Plas/Bld",
        NOT_SHOWN,
        "https://build.fhir.org/ig/hl7ch/ch-lab-report/ValueSet-observation-code-cdk-epi-2009.html",
        H,
        "HL7 Switzerland CH LAB-Report value set 'Codes for eGFR in CKD-EPI' (ci-build, "
        "LOINC version not stated); also the Lithuanian lab IG value set egfr-method",
    ),
    Term(
        "2823-3",
        "Potassium [Moles/volume] in Serum or Plasma",
        "SCnc",
        "Qn",
        "Ser/Plas",
        NOT_SHOWN,
        GHP,
        H,
        "HL7 example display; cited as loinc.org/2823-3 in round 3",
    ),
    # -- molar terms (issue 13 item 1, round 4) ------------------------------------------
    Term(
        "59260-0",
        "Hemoglobin [Moles/volume] in Blood",
        "SCnc",
        "Qn",
        "Bld",
        NOT_SHOWN,
        "https://build.fhir.org/ig/hl7ch/ch-lab-order/"
        "ObservationDefinition-observation-blood-hemoglobin.json.html",
        H,
        "HL7 Switzerland CH LAB-Order ObservationDefinition code and display",
    ),
    Term(
        "14749-6",
        "Glucose [Moles/volume] in Serum or Plasma",
        "SCnc",
        "Qn",
        "Ser/Plas",
        NOT_SHOWN,
        GHP,
        H,
        "code and display in the example's glucose Observation",
    ),
    Term(
        "59261-8",
        "Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol",
        "SFr",
        "Qn",
        "Bld",
        NOT_SHOWN,
        "https://hl7.org/fhir/uv/vulcan-rwd/ValueSet-ExampleHbA1cTestCodes.json.html",
        H,
        "HL7 Vulcan RWD value set; SFr (mmol/mol) is the IFCC protocol's property",
    ),
    Term(
        "14647-2",
        "Cholesterol [Moles/volume] in Serum or Plasma",
        "SCnc",
        "Qn",
        "Ser/Plas",
        NOT_SHOWN,
        "https://hl7.org/fhir/R4/valueset-example-expansion.xml",
        H,
        "HL7 R4 example expansion, beside 2093-3 [Mass/volume]",
    ),
    # -- blood counts ------------------------------------------------------------------
    Term(
        "718-7",
        "Hemoglobin [Mass/volume] in Blood",
        "MCnc",
        "Qn",
        "Bld",
        ACTIVE,
        CBC_PANEL,
        V,
        "member of the Active CBC panel, example unit g/dL",
    ),
    Term(
        "6690-2",
        "Leukocytes [#/volume] in Blood by Automated count",
        "NCnc",
        "Qn",
        "Bld",
        ACTIVE,
        CBC_PANEL,
        V,
        "member of the Active CBC panel, example unit 10*3/uL",
    ),
    Term(
        "26464-8",
        "Leukocytes [#/volume] in Blood",
        "NCnc",
        "Qn",
        "Bld",
        NOT_SHOWN,
        "https://loinc.org/55429-5/panel",
        V,
        "panel member, also https://loinc.org/24318-8",
    ),
    Term(
        "777-3",
        "Platelets [#/volume] in Blood by Automated count",
        "NCnc",
        "Qn",
        "Bld",
        ACTIVE,
        CBC_PANEL,
        V,
        "member of the Active CBC panel, example unit 10*3/uL",
    ),
    Term(
        "26515-7",
        "Platelets (Bld) [#/Vol]",
        "NCnc",
        "Qn",
        "Bld",
        NOT_SHOWN,
        "https://loinc.org/26515-7/",
        V,
        "loinc.org v2.77: display name 'Platelets (Bld) [#/Vol]', short name 'Platelet # "
        "Bld'; fully specified name Platelets:NCnc:Pt:Bld:Qn on "
        "http://r.details.loinc.org/LOINC/26515-7.html; member of panel 24317-0 (Hemogram "
        "and platelets WO differential panel); its long common name is not in the stored "
        "excerpt",
    ),
    Term(
        "731-0",
        "Lymphocytes [#/volume] in Blood by Automated count",
        "NCnc",
        "Qn",
        "Bld",
        NOT_SHOWN,
        GHP,
        H,
        "HL7 example display",
    ),
    Term(
        "26474-7",
        "not seen",
        "NCnc",
        "Qn",
        "Bld",
        NOT_SHOWN,
        NONE,
        U,
        "../shared/domain.md",
    ),
    Term(
        "751-8",
        "Neutrophils [#/volume] in Blood by Automated count",
        "NCnc",
        "Qn",
        "Bld",
        NOT_SHOWN,
        GHP,
        H,
        "HL7 example display; its twin 752-6 is DEPRECATED on "
        + HA
        + "752-6-neutrophils-auto-bld-vol",
    ),
    # -- inflammation ------------------------------------------------------------------
    Term(
        "4537-7",
        "Erythrocyte [Sedimentation Rate] in Blood by Westergren method",
        "Vel",
        "Qn",
        "Bld",
        ACTIVE,
        "https://www.healthassure.in/codes/loinc-4537-7-erythrocyte-westergren-method-bld-sedimentation-rate",
        T,
        "name as printed there, system Bld, method Westergren, status ACTIVE (property "
        "not printed in the copy)",
    ),
    Term(
        "30341-2",
        "not seen",
        "Vel",
        "Qn",
        "Bld",
        NOT_SHOWN,
        NONE,
        U,
        "../shared/domain.md",
    ),
    Term(
        "1988-5",
        "C reactive protein [Mass/volume] in Serum or Plasma",
        "MCnc",
        "Qn",
        "Ser/Plas",
        NOT_SHOWN,
        "https://build.fhir.org/ig/hl7ch/ch-lab-order/ActivityDefinition-procedure-crp.html",
        H,
        "HL7 Switzerland CH LAB-Order ActivityDefinition procedure-crp, code 1988-5; the "
        "stored copy cuts the display after 'in Serum or P'",
    ),
    Term(
        "30522-7",
        "C reactive protein [Mass/volume] in Serum or Plasma by High sensitivity method",
        "MCnc",
        "Qn",
        "Ser/Plas",
        NOT_SHOWN,
        "https://build.fhir.org/ig/hl7ch/ch-lab-order/ActivityDefinition-procedure-crp-highsens.html",
        H,
        "HL7 Switzerland CH LAB-Order ActivityDefinition procedure-crp-highsens, code "
        "30522-7 with this name as description; LOINC's own description of 71426-1 on "
        "https://www.healthassure.in/codes/loinc-71426-1-crp-high-sensitivity-method-bld-massvol "
        "says 'for hsCRP testing on serum or plasma specimens, see LOINC 30522-7'",
    ),
    # -- urine sediment ----------------------------------------------------------------
    Term(
        "13945-1",
        "Erythrocytes [#/area] in Urine sediment by Microscopy high power field",
        "Naric",
        "Qn",
        "Urine sed",
        ACTIVE,
        "https://loinc.org/LG40868-8",
        V,
        "listed by LCN in the LOINC group LG40868-8 (v2.78); ACTIVE on the table copy "
        + HA
        + "13945-1-rbc-lmhpf-urine-sed-area",
    ),
    Term(
        "5821-4",
        "not seen",
        "Naric",
        "Qn",
        "Urine sed",
        NOT_SHOWN,
        NONE,
        U,
        "../shared/domain.md",
    ),
    Term(
        "5807-3",
        "not seen",
        "Naric",
        "Qn",
        "Urine sed",
        NOT_SHOWN,
        NONE,
        U,
        "lab catalog 'CAST, RBC' only; the HPF term 51790-4 and WBC casts per LPF 5820-6 "
        "are ACTIVE on the table copy, 5807-3's own page was not found",
    ),
    # -- vital signs -------------------------------------------------------------------
    Term(
        "29463-7",
        "Body weight",
        "M",
        "Qn",
        "^Patient",
        NOT_SHOWN,
        VITALS_VS,
        H,
        "FHIR R5 vital-sign value set",
    ),
    Term(
        "8302-2",
        "Body height",
        "Len",
        "Qn",
        "^Patient",
        NOT_SHOWN,
        VITALS_VS,
        H,
        "FHIR R5 vital-sign value set",
    ),
    Term(
        "8480-6",
        "Systolic blood pressure",
        "Pres",
        "Qn",
        "Arterial system",
        NOT_SHOWN,
        VITALS_VS,
        H,
        "FHIR R5 vital-sign value set",
    ),
    Term(
        "8462-4",
        "Diastolic blood pressure",
        "Pres",
        "Qn",
        "Arterial system",
        NOT_SHOWN,
        VITALS_VS,
        H,
        "FHIR R5 vital-sign value set",
    ),
    Term(
        "8310-5",
        "Body temperature",
        "Temp",
        "Qn",
        "^Patient",
        NOT_SHOWN,
        VITALS_VS,
        H,
        "FHIR R5 vital-sign value set",
    ),
    Term(
        "8331-1",
        "Oral temperature",
        "Temp",
        "Qn",
        "Mouth",
        NOT_SHOWN,
        "https://hl7.org/fhir/R4/observation-example-f202-temperature.html",
        H,
        "HL7 example display (round 3); Synthea codes body temperature with it",
    ),
    # -- treat-to-target chemistry -----------------------------------------------------
    Term(
        "1742-6",
        "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma",
        "CCnc",
        "Qn",
        "Ser/Plas",
        ACTIVE,
        HA + "1742-6-alt-catalytic-activityvol",
        T,
        "LCN, Ser/Plas, status ACTIVE",
    ),
    Term(
        "1920-8",
        "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma",
        "CCnc",
        "Qn",
        "Ser/Plas",
        NOT_SHOWN,
        "https://build.fhir.org/ig/cqframework/dqm-content-cms-2026/ValueSet-ast-lab-tests.html",
        H,
        "dQM CMS content IG value set 'Aspartate Transaminase (AST/SGOT) Lab Tests', "
        "expansion from tx.fhir.org based on LOINC v2.82",
    ),
    Term(
        "2465-3",
        "IgG [Mass/volume] in Serum or Plasma",
        "MCnc",
        "Qn",
        "Ser/Plas",
        NOT_SHOWN,
        "https://build.fhir.org/ig/hl7-eu/protect-child/branches/master/ValueSet-lab-test-name-vs.json",
        H,
        "HL7 Europe PROTECT-CHILD IG value set lab-test-name-vs (ci-build; a value set "
        "definition, not an expansion) lists the code with this display; source "
        "input/fsh/lab-test.fsh of hl7-eu/protect-child; Labcorp map (corroboration)",
    ),
    Term(
        "2345-7",
        "Glucose [Mass/volume] in Serum or Plasma",
        "MCnc",
        "Qn",
        "Ser/Plas",
        NOT_SHOWN,
        "https://loinc.org/LG7967-5/",
        V,
        "round 3: listed on the group page",
    ),
    Term(
        "4548-4",
        "Hemoglobin A1c/Hemoglobin.total in Blood",
        "MFr",
        "Qn",
        "Bld",
        NOT_SHOWN,
        "https://loinc.org/4548-4/",
        V,
        "round 3 (HL7 link); Synthea display",
    ),
    Term(
        "2093-3",
        "Cholesterol [Mass/volume] in Serum or Plasma",
        "MCnc",
        "Qn",
        "Ser/Plas",
        NOT_SHOWN,
        "https://www.hl7.org/fhir/2017Jan/valueset-example-expansion.html",
        H,
        "FHIR specification example value set expansion (STU3 draft), listed with this display",
    ),
    Term(
        "13457-7",
        "Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation",
        "MCnc",
        "Qn",
        "Ser/Plas",
        NOT_SHOWN,
        "https://hl7.org/fhir/valueset-lipid-ldl-codes.html",
        H,
        "FHIR R5 value set lipid-ldl-codes, expansion based on LOINC v2.73 (also R6 "
        "ballots, LOINC v2.80 by tx.fhir.org)",
    ),
    Term(
        "18262-6",
        "Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay",
        "MCnc",
        "Qn",
        "Ser/Plas",
        NOT_SHOWN,
        "https://hl7.org/fhir/valueset-lipid-ldl-codes.html",
        H,
        "FHIR R5 value set lipid-ldl-codes, expansion based on LOINC v2.73; its display "
        "there is 'LDL Cholesterol (Assay)', the fully specified name this one",
    ),
    Term(
        "62292-8",
        "25-Hydroxyvitamin D2+25-Hydroxyvitamin D3 [Mass/volume] in Serum or Plasma",
        "MCnc",
        "Qn",
        "Ser/Plas",
        NOT_SHOWN,
        NONE,
        U,
        "lab catalogs print this name (corroboration only)",
    ),
    # -- antibodies --------------------------------------------------------------------
    Term(
        "11090-8",
        "Smith extractable nuclear Ab [Units/volume] in Serum",
        "ACnc",
        "Qn",
        "Ser",
        NOT_SHOWN,
        NONE,
        U,
        "Labcorp map",
    ),
    Term(
        "17792-3",
        "Sjogrens syndrome-A extractable nuclear Ab [Units/volume] in Serum",
        "ACnc",
        "Qn",
        "Ser",
        NOT_SHOWN,
        NONE,
        U,
        "round 3 sources",
    ),
    Term(
        "33569-5",
        "not seen",
        "ACnc",
        "Qn",
        "Ser",
        NOT_SHOWN,
        NONE,
        U,
        "Labcorp map",
    ),
    Term(
        "17791-5",
        "Sjogrens syndrome-B extractable nuclear Ab [Units/volume] in Serum",
        "ACnc",
        "Qn",
        "Ser",
        NOT_SHOWN,
        NONE,
        U,
        "round 3 sources",
    ),
    Term(
        "45142-7",
        "not seen",
        "ACnc",
        "Qn",
        "Ser",
        NOT_SHOWN,
        NONE,
        U,
        "Labcorp map",
    ),
    Term(
        "29374-6",
        "Ribonucleoprotein extractable nuclear Ab [Units/volume] in Serum",
        "ACnc",
        "Qn",
        "Ser",
        NOT_SHOWN,
        NONE,
        U,
        "a code comment in a public repository "
        "only; Labcorp reports anti-U1 RNP as 53022-0 (a [Presence] term, ACTIVE on "
        + HA
        + "53022-0-u1-small-nuclear-ribonucleoprotein-ab-ql-s), Mayo as 29958-6",
    ),
    Term(
        "44702-9",
        "not seen",
        "ACnc",
        "Qn",
        "Ser",
        NOT_SHOWN,
        NONE,
        U,
        "Mayo AC1Q result LOINC",
    ),
    Term(
        "75514-0",
        "Lupus anticoagulant two screening tests W Reflex [interpretation]",
        "Imp",
        "Nom",
        "Plas",
        NOT_SHOWN,
        "https://loinc.org/75881-3",
        V,
        "round 3: RELMA panel 75515-7 and the sibling panel's loinc.org page",
    ),
    Term(
        "3181-5",
        "Cardiolipin IgG Ab [Units/volume] in Serum by Immunoassay",
        "ACnc",
        "Qn",
        "Ser",
        NOT_SHOWN,
        NONE,
        U,
        "FHIR code lists, forum.loinc.org (round 3)",
    ),
    Term(
        "8065-5",
        "Cardiolipin IgG Ab [Units/volume] in Serum or Plasma",
        "ACnc",
        "Qn",
        "Ser/Plas",
        NOT_SHOWN,
        NONE,
        U,
        "FHIR code lists (round 3)",
    ),
    Term(
        "3182-3",
        "Cardiolipin IgM Ab [Units/volume] in Serum by Immunoassay",
        "ACnc",
        "Qn",
        "Ser",
        NOT_SHOWN,
        NONE,
        U,
        "FHIR code lists (round 3)",
    ),
    Term(
        "44448-9",
        "Beta 2 glycoprotein 1 IgG Ab [Units/volume] in Serum or Plasma by Immunoassay",
        "ACnc",
        "Qn",
        "Ser/Plas",
        NOT_SHOWN,
        NONE,
        U,
        "FHIR concept maps (round 3)",
    ),
    Term(
        "44449-7",
        "not seen",
        "ACnc",
        "Qn",
        "Ser/Plas",
        NOT_SHOWN,
        NONE,
        U,
        "Mayo result LOINC",
    ),
)

BY_CODE = {term.code: term for term in TERMS}

# Codes seen DEPRECATED on the LOINC table copy: none may be a code the app writes.
DEPRECATED_SEEN = {
    "752-6": HA + "752-6-neutrophils-auto-bld-vol",
    "11563-4": HA + "11563-4-dna-double-strand-ab-qn-s",
    "9841-8": HA + "9841-8-casts-lmhpf-urine-sed-area",
}
