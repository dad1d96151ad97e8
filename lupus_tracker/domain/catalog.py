"""The marker catalog: every lab marker and vital sign the app knows.

Each marker has a display name, its LOINC code (plus the alternative codes real systems
use), its canonical UCUM unit, the other units met on lab reports with exact conversions
(see ../shared/domain.md), a default adult reference range and its kind.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from lupus_tracker.domain.ranges import RefRange, parse_range
from lupus_tracker.domain.records import Sex
from lupus_tracker.domain.thresholds import FEVER_CELSIUS
from lupus_tracker.domain.units import Unit, UnitTable, readable_unit, rounded_for


class MarkerKind(enum.StrEnum):
    NUMERIC = "numeric"
    TITER = "titer"
    ORDINAL = "ordinal"


class Category(enum.StrEnum):
    LAB = "lab"
    VITAL = "vital"


TITER = Unit("{titer}", "titer", family="titer", aliases=("titre", "dilution"))
QUALITATIVE_WORDS = ("negative", "positive", "borderline")
DIPSTICK_WORDS = ("negative", "trace", "1+", "2+", "3+", "4+")


# (marker and its ranges, unit, sex) -> the default range in that unit (immutable).
_DEFAULT_RANGES: dict[tuple[object, ...], RefRange | None] = {}


@dataclass(frozen=True)
class Marker:
    key: str
    name: str
    loinc: str
    units: UnitTable
    kind: MarkerKind = MarkerKind.NUMERIC
    category: Category = Category.LAB
    default_range: str | None = None
    range_by_sex: tuple[tuple[Sex, str], ...] = ()
    # Published cut-offs in another unit of the canonical family (used instead of a
    # conversion, which would print artefacts such as <3.392898 mg/mmol).
    unit_ranges: tuple[tuple[str, str], ...] = ()
    alt_loinc: tuple[str, ...] = ()
    words: tuple[str, ...] = ()
    short: str = ""
    note: str = field(default="", compare=False)
    # Results from different labs compare when both are in one unit family (and, when
    # both name one, the same assay): the measurement is traceable to a reference method
    # or is a physical measurement, so a lab's own calibration does not move it enough
    # to hide a change (fixt2t item 5; domain/comparability.py holds the rule). Set for:
    # haemoglobin (ICSH reference method), blood cell counts (ICSH-calibrated analysers),
    # creatinine (IDMS-traceable since the NKDEP/IFCC standardisation that CKD-EPI 2021
    # assumes) and the eGFR computed from it (same equation still required), glucose
    # (IDMS reference methods), HbA1c (NGSP/IFCC standardised), potassium (ion-selective
    # electrodes traceable to NIST SRM 956), weight, height, blood pressure and body
    # temperature (physical measurements), complement C3 and C4 (immunoassays calibrated
    # to the IFCC serum protein reference material ERM-DA470k/IFCC, certified for C3c and
    # C4: Zegers et al., Clin Chem 2010;56:1880-8,
    # https://moh-it.pure.elsevier.com/en/publications/characterization-of-the-new-serum-protein-reference-material-erm-)
    # and CRP (calibrated to ERM-DA472/IFCC and its successor ERM-DA474/IFCC, "the
    # standard for CRP" that lets labs "compare results over time and between hospitals":
    # https://ec.europa.eu/jrc/en/science-update/new-reference-material-c-reactive-protein).
    # Not set, so lab-bound: albumin (routine labs measure it by dye binding, and
    # bromocresol green reads several g/L above bromocresol purple at low values, as in
    # nephrotic lupus nephritis; ERM-DA470k's albumin value is for immunoassays), ESR (a
    # method-dependent sedimentation rate, no reference material), 24-hour urine protein
    # and UPCR (urine total-protein methods are not standardised), CH50 and every
    # antibody (kit- and lab-dependent).
    standardised: bool = False

    @property
    def canonical_unit(self) -> Unit:
        return self.units.canonical

    @property
    def accepts_titer(self) -> bool:
        return any(u.family == "titer" for u in self.units.units)

    @property
    def label(self) -> str:
        return self.short or self.name

    def reference_range(self, sex: Sex | None = None) -> RefRange | None:
        """The default adult range in the canonical unit, by sex where it differs."""
        by_sex = dict(self.range_by_sex)
        text = by_sex.get(sex, self.default_range) if sex is not None else self.default_range
        return parse_range(text, self.words)

    @property
    def depends_on_sex(self) -> bool:
        """The default range differs between women and men."""
        return len({text for _, text in self.range_by_sex}) > 1

    def default_range_in(self, unit: Unit, sex: Sex | None = None) -> RefRange | None:
        """The default range expressed in ``unit``: a published cut-off for that unit when
        the catalog has one, else the canonical range converted and printed at the unit's
        usual precision; None where it does not apply (a kit's own units).  Worked out
        once per marker, unit and sex: an import interprets tens of thousands of results."""
        key = (
            self.key,
            self.default_range,
            self.range_by_sex,
            self.unit_ranges,
            self.words,
            unit.code,
            unit.family,
            unit.factor,
            unit.offset,
            unit.decimals,
            sex,
        )
        if key not in _DEFAULT_RANGES:
            _DEFAULT_RANGES[key] = self._default_range_in(unit, sex)
        return _DEFAULT_RANGES[key]

    def _default_range_in(self, unit: Unit, sex: Sex | None) -> RefRange | None:
        default = self.reference_range(sex)
        if default is None or default.word is not None:
            return default
        if default.titer:
            return default if unit.family == "titer" else None
        canonical = self.canonical_unit
        published = dict(self.unit_ranges).get(unit.code)
        if unit.family == "titer" and published is not None:
            return parse_range(published, self.words)
        if unit.family != canonical.family:
            return None
        if unit is canonical:
            return default
        if published is not None and not self.depends_on_sex:
            return parse_range(published, self.words)
        return default.scaled(lambda v: rounded_for(unit, self.units.convert(v, canonical, unit)))

    def default_range_text(self) -> str:
        if self.range_by_sex:
            return "; ".join(f"{sex[0].upper()} {text}" for sex, text in self.range_by_sex)
        return self.default_range or ""


def _units(*units: Unit) -> UnitTable:
    return UnitTable(units)


COUNT_ALIASES = (
    "10^9/L",
    "x10^9/L",
    "x10E9/L",
    "10E9/L",
    "10X9cells/L",
    "G/L",
    "x 10^9/L",
    "10*9/l",
)
THOUSAND_PER_UL = (
    "10^3/uL",
    "x10^3/uL",
    "x10E3/uL",
    "10E3/uL",
    "K/uL",
    "K/µL",
    "THOUS/MCL",
    "10*3/mm3",
    "10^3/mm3",
    "thou/uL",
    "K/mcL",
)


def _count_units() -> UnitTable:
    return _units(
        Unit("10*9/L", "×10⁹/L", aliases=COUNT_ALIASES),
        Unit("10*3/uL", "×10³/µL", aliases=THOUSAND_PER_UL),
        # Counts per µL are whole numbers on every report: "250.000 /µL" is never 250.
        Unit(
            "/mm3",
            "/mm³",
            factor=0.001,
            aliases=("cells/mm3", "/uL", "cells/uL", "/µL"),
            decimals=0,
        ),
    )


MARKERS: tuple[Marker, ...] = (
    Marker(
        "ana",
        "Antinuclear antibodies (IFA)",
        # LOINC 5048-4: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as Titr, Qn,
        # Ser (chosen from: ../shared/domain.md).
        "5048-4",
        _units(TITER),
        kind=MarkerKind.TITER,
        default_range="<1:80",
        # alt LOINC 42254-3: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as PrThr,
        # Ord, Ser (chosen from: Labcorp map (no unit) and ../shared/domain.md).
        # alt LOINC 8061-4: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as PrThr,
        # Ord, Ser (chosen from: ../shared/domain.md).
        alt_loinc=("42254-3", "8061-4"),
        words=QUALITATIVE_WORDS,
        short="ANA",
        note="Titer by HEp-2 IFA; record the pattern as text. Not an activity marker.",
    ),
    Marker(
        "anti_dsdna",
        "Anti-dsDNA antibodies",
        # LOINC 5130-0: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as ACnc, Qn,
        # Ser, cited as "DNA double strand Ab [Units/volume] in Serum" (chosen from: display in a
        # public value-set file; the deprecated twin 11563-4 'Deprecated DNA double strand Ab
        # [Units/volume] in Serum' is on
        # https://www.healthassure.in/codes/loinc-11563-4-dna-double-strand-ab-qn-s).
        "5130-0",
        _units(
            Unit("[IU]/mL", "IU/mL", aliases=("IU/ml", "[iU]/mL", "IU / mL")),
            Unit("U/mL", "U/mL (kit units)", family="kit", aliases=("U/ml", "units/mL")),
            TITER,
        ),
        default_range="<30",
        # alt LOINC 11013-0 "DNA double strand Ab [Titer] in Serum" (Titr, Qn, Ser): verified (LOINC
        # table copy), status ACTIVE.
        # https://www.healthassure.in/codes/loinc-11013-0-dna-double-strand-ab-s-titer
        # https://loinc.org/11013-0/
        # alt LOINC 6457-6: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as PrThr,
        # Ord, Ser (chosen from: ../shared/domain.md only).
        # alt LOINC 33799-8: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as ACnc,
        # Qn, Ser (chosen from: Mayo Clinic Laboratories ADNA result LOINC).
        # alt LOINC 31348-6: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as PrThr,
        # Ord, Ser, cited as "DNA double strand Ab [Presence] in Serum" (chosen from: NLM Clinical
        # Table Search as cited by FHIR mappers).
        alt_loinc=("11013-0", "6457-6", "33799-8", "31348-6"),
        # Crithidia luciliae IFA titers: reference "Negative" (Mayo Clinic Laboratories
        # test CRITH); labs screen at 1:10, so a titer of 1:10 or more is positive.
        unit_ranges=(("{titer}", "<1:10"),),
        words=QUALITATIVE_WORDS,
        short="anti-dsDNA",
        note="Assay-specific: keep the assay with each result; record the lab's cut-off.",
    ),
    Marker(
        "c3",
        "Complement C3",
        # LOINC 4485-9 "Complement C3 [Mass/volume] in Serum or Plasma" (MCnc, Qn, Ser/Plas):
        # verified (HL7 publication).
        # https://build.fhir.org/ig/hl7-eu/protect-child/branches/master/ValueSet-lab-test-name-vs.json
        # https://loinc.org/4485-9/
        "4485-9",
        _units(
            Unit("g/L", "g/L", decimals=2),
            Unit("mg/dL", "mg/dL", factor=0.01, decimals=0),
            Unit("mg/L", "mg/L", factor=0.001, decimals=0),
        ),
        default_range="0.9-1.8",
        short="C3",
        standardised=True,  # ERM-DA470k/IFCC (C3, C4) or ERM-DA472/IFCC (CRP): see above
    ),
    Marker(
        "c4",
        "Complement C4",
        # LOINC 4498-2 "Complement C4 [Mass/volume] in Serum or Plasma" (MCnc, Qn, Ser/Plas):
        # verified (LOINC table copy), status ACTIVE.
        # https://www.healthassure.in/codes/loinc-4498-2-complement-c4-massvol
        # https://loinc.org/4498-2/
        "4498-2",
        _units(
            Unit("g/L", "g/L", decimals=2),
            Unit("mg/dL", "mg/dL", factor=0.01, decimals=0),
            Unit("mg/L", "mg/L", factor=0.001, decimals=0),
        ),
        default_range="0.1-0.4",
        short="C4",
        standardised=True,  # ERM-DA470k/IFCC (C3, C4) or ERM-DA472/IFCC (CRP): see above
    ),
    Marker(
        "albumin",
        "Serum albumin",
        # LOINC 1751-7 "Albumin [Mass/volume] in Serum or Plasma" (MCnc, Qn, Ser/Plas): verified
        # (HL7 publication).
        # https://build.fhir.org/ig/hl7-eu/protect-child/branches/master/ValueSet-lab-test-name-vs.json
        # https://loinc.org/1751-7/
        "1751-7",
        _units(Unit("g/L", "g/L", decimals=0), Unit("g/dL", "g/dL", factor=10.0, decimals=1)),
        default_range="35-50",
        short="Albumin",
    ),
    Marker(
        "urine_protein_24h",
        "Urine protein, 24 hours",
        # LOINC 2889-4: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as MRat, Qn,
        # Urine (chosen from: ../shared/domain.md).
        "2889-4",
        _units(
            Unit(
                "g/(24.h)",
                "g/24h",
                aliases=("g/24 h", "g/d", "g/day", "g/24hr", "g/(24h)"),
                decimals=2,
            ),
            Unit(
                "mg/(24.h)",
                "mg/24h",
                factor=0.001,
                decimals=0,
                aliases=("mg/24 h", "mg/d", "mg/day", "mg/24hr", "mg/(24h)"),
            ),
        ),
        # KDIGO 2012 (Kidney Int Suppl 2013;3:1-150, table 7): PER A1 < 150 mg/24 h.
        default_range="<0.15",
        short="Proteinuria 24h",
    ),
    Marker(
        "upcr",
        "Urine protein/creatinine ratio",
        # LOINC 2890-2: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as MRto, Qn,
        # Urine, cited as "Protein/Creatinine [Mass Ratio] in Urine" (chosen from: lab catalogs
        # print this name (corroboration only)).
        "2890-2",
        _units(
            Unit("mg/mg", "mg/mg", aliases=("g/g",), decimals=2),
            Unit("mg/g", "mg/g", factor=0.001, decimals=0),
            Unit("mg/mmol", "mg/mmol", factor=1 / 113.12, decimals=0),
        ),
        # KDIGO 2012 (Kidney Int Suppl 2013;3:1-150, table 7): PCR A1 < 15 mg/mmol,
        # < 150 mg/g (= 0.15 mg/mg). ../shared/domain.md's "< 0.2 mg/mg (< 20 mg/mmol)" is
        # a common lab range, not the guideline's cut-off; KDIGO's is used (issue 12 item 4).
        default_range="<0.15",
        unit_ranges=(("mg/g", "<150"), ("mg/mmol", "<15")),
        # alt LOINC 34366-5: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as SRto,
        # Qn, Urine (chosen from: ../shared/domain.md (mg/mmol)).
        alt_loinc=("34366-5",),
        short="UPCR",
    ),
    Marker(
        "uacr",
        "Urine albumin/creatinine ratio",
        # LOINC 9318-7 "Albumin/Creatinine [Mass Ratio] in Urine" (MRto, Qn, Urine): verified (HL7
        # publication).
        # https://hl7.org/fhir/uv/cpg/ValueSet-ckd-valueset-uacr.html
        # https://loinc.org/9318-7/
        "9318-7",
        _units(
            Unit("mg/g", "mg/g", aliases=("ug/mg", "µg/mg", "mcg/mg"), decimals=0),
            Unit("mg/mmol", "mg/mmol", factor=8.842, decimals=1),
            Unit("mg/mg", "mg/mg", factor=1000.0, aliases=("g/g",), decimals=3),
        ),
        # KDIGO 2012 (table 7): ACR A1 < 3 mg/mmol, < 30 mg/g; published per unit, so
        # 3.2 mg/mmol is A2 (a converted <3.39 would call it normal).
        default_range="<30",
        unit_ranges=(("mg/mmol", "<3"), ("mg/mg", "<0.03")),
        # alt LOINC 32294-1: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as SRto,
        # Qn, Urine (chosen from: ../shared/domain.md (mg/mmol)).
        # alt LOINC 14959-1 "Microalbumin/Creatinine [Mass Ratio] in Urine" (MRto, Qn, Urine):
        # verified (LOINC table copy), status ACTIVE.
        # https://www.healthassure.in/codes/loinc-14959-1-albumincreatinine-dl-20-mgl-u-mass-ratio
        # https://loinc.org/14959-1/
        alt_loinc=("32294-1", "14959-1"),
        short="UACR",
    ),
    Marker(
        "creatinine",
        "Serum creatinine",
        # LOINC 2160-0 "Creatinine [Mass/volume] in Serum or Plasma" (MCnc, Qn, Ser/Plas): verified
        # (HL7 publication).
        # https://build.fhir.org/ig/cqframework/dqm-content-cms-2026/ValueSet-serum-creatinine.html
        # https://loinc.org/2160-0/
        "2160-0",
        _units(
            Unit("mg/dL", "mg/dL", decimals=2),
            Unit("umol/L", "µmol/L", factor=1 / 88.42, aliases=("micromol/L",), decimals=0),
            Unit("mmol/L", "mmol/L", factor=1000 / 88.42, decimals=3),
        ),
        default_range="0.5-1.3",
        range_by_sex=((Sex.FEMALE, "0.5-1.1"), (Sex.MALE, "0.7-1.3")),
        # alt LOINC 14682-9 "Creatinine [Moles/volume] in Serum or Plasma" (SCnc, Qn, Ser/Plas):
        # verified (HL7 publication).
        # https://build.fhir.org/ig/cqframework/dqm-content-cms-2026/ValueSet-serum-creatinine.html
        # https://loinc.org/14682-9/
        # alt LOINC 38483-4 "Creatinine [Mass/volume] in Blood" (MCnc, Qn, Bld): verified (HL7
        # publication).
        # https://build.fhir.org/ig/cqframework/dqm-content-cms-2026/ValueSet-serum-creatinine.html
        # https://loinc.org/38483-4/
        alt_loinc=("14682-9", "38483-4"),
        short="Creatinine",
        standardised=True,
    ),
    Marker(
        "egfr",
        "eGFR (CKD-EPI 2021)",
        # LOINC 98979-8 "Glomerular filtration rate [Volume Rate/Area] in Serum, Plasma or Blood by
        # Creatinine-based formula (CKD-EPI 2021)/1.73 sq M" (ArVRat, Qn, Ser/Plas/Bld): verified
        # (HL7 publication).
        # https://build.fhir.org/ig/hl7ch/ch-lab-report/ValueSet-observation-code-cdk-epi-2021.html
        # https://loinc.org/98979-8/
        "98979-8",
        _units(
            Unit(
                "mL/min/{1.73_m2}",
                "mL/min/1.73m²",
                aliases=(
                    "mL/min/1.73m2",
                    "mL/min/1.73 m2",
                    "ml/min/1,73m2",
                    "mL/min/1.73m^2",
                    "mL/min/{1.73m2}",
                ),
            )
        ),
        # KDIGO 2012 GFR categories (domain.egfr.gfr_category): flagged LOW below 60
        # (G3a-G5); 60-89 is G2, "mildly decreased", not flagged at any age.
        default_range=">=60",
        # alt LOINC 33914-3 "Glomerular filtration rate/1.73 sq M.predicted [Volume Rate/Area] in
        # Serum or Plasma by Creatinine-based formula (MDRD)" (ArVRat, Qn, Ser/Plas): verified (HL7
        # publication).
        # https://hl7.org/fhir/R4/observation-example-f205-egfr.json.html
        # https://loinc.org/33914-3/
        # alt LOINC 62238-1 "Glomerular filtration rate [Volume Rate/Area] in Serum, Plasma or Blood
        # by Creatinine-based formula (CKD-EPI)/1.73 sq M" (ArVRat, Qn, Ser/Plas/Bld): verified (HL7
        # publication).
        # https://build.fhir.org/ig/hl7ch/ch-lab-report/ValueSet-observation-code-cdk-epi-2009.html
        # https://loinc.org/62238-1/
        # alt LOINC 48642-3 "Glomerular filtration rate/1.73 sq M predicted among non-blacks [Volume
        # Rate/Area] in Serum or Plasma by Creatinine-based formula (MDRD)" (ArVRat, Qn, Ser/Plas):
        # verified (HL7 publication).
        # https://hl7.org/fhir/R4/observation-example-f205-egfr.json.html
        # https://loinc.org/48642-3/
        # alt LOINC 48643-1 "Glomerular filtration rate/1.73 sq M predicted among blacks [Volume
        # Rate/Area] in Serum or Plasma by Creatinine-based formula (MDRD)" (ArVRat, Qn, Ser/Plas):
        # verified (HL7 publication).
        # https://hl7.org/fhir/R4/observation-example-f205-egfr.json.html
        # https://loinc.org/48643-1/
        alt_loinc=("33914-3", "62238-1", "48642-3", "48643-1"),
        short="eGFR",
        note="Other equations (MDRD, CKD-EPI 2009) are different methods: keep the method.",
        standardised=True,
    ),
    Marker(
        "hemoglobin",
        "Hemoglobin",
        # LOINC 718-7 "Hemoglobin [Mass/volume] in Blood" (MCnc, Qn, Bld): verified (loinc.org),
        # status ACTIVE.
        # https://loinc.org/58410-2/
        # https://loinc.org/718-7/
        "718-7",
        _units(
            Unit("g/dL", "g/dL", decimals=1),
            Unit("g/L", "g/L", factor=0.1, decimals=0),
            # 1 g/dL = 0.6206 mmol/L (haemoglobin monomer, 16.1 kDa; issue 12 item 15)
            Unit("mmol/L", "mmol/L", factor=1 / 0.6206, decimals=1),
        ),
        default_range="12-17.5",
        range_by_sex=((Sex.FEMALE, "12-16"), (Sex.MALE, "13.5-17.5")),
        # alt LOINC 59260-0 "Hemoglobin [Moles/volume] in Blood" (SCnc, Qn, Bld): verified (HL7
        # publication, HL7 Switzerland CH LAB-Order ObservationDefinition), the mmol/L term.
        # https://build.fhir.org/ig/hl7ch/ch-lab-order/ObservationDefinition-observation-blood-hemoglobin.json.html
        alt_loinc=("59260-0",),
        short="Hemoglobin",
        standardised=True,
    ),
    Marker(
        "wbc",
        "White blood cells",
        # LOINC 6690-2 "Leukocytes [#/volume] in Blood by Automated count" (NCnc, Qn, Bld): verified
        # (loinc.org), status ACTIVE.
        # https://loinc.org/58410-2/
        # https://loinc.org/6690-2/
        "6690-2",
        _count_units(),
        default_range="4.0-11.0",
        # alt LOINC 26464-8 "Leukocytes [#/volume] in Blood" (NCnc, Qn, Bld): verified (loinc.org).
        # https://loinc.org/55429-5/panel
        # https://loinc.org/26464-8/
        alt_loinc=("26464-8",),
        short="WBC",
        standardised=True,
    ),
    Marker(
        "lymphocytes",
        "Lymphocytes, absolute",
        # LOINC 731-0 "Lymphocytes [#/volume] in Blood by Automated count" (NCnc, Qn, Bld): verified
        # (HL7 publication). Source: HL7 FHIR R4 example Bundle 'ghp'
        # (tests/data/fhir/hl7_r4_Bundle-ghp.json).
        # https://loinc.org/731-0/
        "731-0",
        _count_units(),
        default_range="1.0-4.8",
        # alt LOINC 26474-7: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as NCnc,
        # Qn, Bld (chosen from: ../shared/domain.md).
        alt_loinc=("26474-7",),
        short="Lymphocytes",
        standardised=True,
    ),
    Marker(
        "platelets",
        "Platelets",
        # LOINC 777-3 "Platelets [#/volume] in Blood by Automated count" (NCnc, Qn, Bld): verified
        # (loinc.org), status ACTIVE.
        # https://loinc.org/58410-2/
        # https://loinc.org/777-3/
        "777-3",
        _count_units(),
        default_range="150-400",
        # alt LOINC 26515-7 "Platelets (Bld) [#/Vol]" (NCnc, Qn, Bld): verified (loinc.org).
        # https://loinc.org/26515-7/
        alt_loinc=("26515-7",),
        short="Platelets",
        standardised=True,
    ),
    Marker(
        "esr",
        "ESR (Westergren)",
        # LOINC 4537-7 "Erythrocyte [Sedimentation Rate] in Blood by Westergren method" (Vel, Qn,
        # Bld): verified (LOINC table copy), status ACTIVE.
        # https://www.healthassure.in/codes/loinc-4537-7-erythrocyte-westergren-method-bld-sedimentation-rate
        # https://loinc.org/4537-7/
        "4537-7",
        _units(Unit("mm/h", "mm/h", aliases=("mm/hr", "mm/1h", "mm/[h]"))),
        default_range="<20",
        range_by_sex=((Sex.FEMALE, "<20"), (Sex.MALE, "<15")),
        # alt LOINC 30341-2: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as Vel,
        # Qn, Bld (chosen from: ../shared/domain.md).
        alt_loinc=("30341-2",),
        short="ESR",
    ),
    Marker(
        "crp",
        "C-reactive protein",
        # LOINC 1988-5 "C reactive protein [Mass/volume] in Serum or Plasma" (MCnc, Qn, Ser/Plas):
        # verified (HL7 publication).
        # https://build.fhir.org/ig/hl7ch/ch-lab-order/ActivityDefinition-procedure-crp.html
        # https://loinc.org/1988-5/
        "1988-5",
        _units(Unit("mg/L", "mg/L", decimals=1), Unit("mg/dL", "mg/dL", factor=10.0, decimals=2)),
        default_range="<5",
        # alt LOINC 30522-7 "C reactive protein [Mass/volume] in Serum or Plasma by High sensitivity
        # method" (MCnc, Qn, Ser/Plas): verified (HL7 publication).
        # https://build.fhir.org/ig/hl7ch/ch-lab-order/ActivityDefinition-procedure-crp-highsens.html
        # https://loinc.org/30522-7/
        alt_loinc=("30522-7",),
        short="CRP",
        standardised=True,  # ERM-DA470k/IFCC (C3, C4) or ERM-DA472/IFCC (CRP): see above
    ),
    Marker(
        "urine_rbc",
        "Red cells in urine sediment",
        # LOINC 13945-1 "Erythrocytes [#/area] in Urine sediment by Microscopy high power field"
        # (Naric, Qn, Urine sed): verified (loinc.org), status ACTIVE.
        # https://loinc.org/LG40868-8
        # https://loinc.org/13945-1/
        "13945-1",
        _units(Unit("/[HPF]", "/HPF", aliases=("/hpf", "cells/HPF", "per HPF", "RBC/HPF"))),
        default_range="0-5",
        short="Urine RBC",
    ),
    Marker(
        "urine_wbc",
        "White cells in urine sediment",
        # LOINC 5821-4: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as Naric, Qn,
        # Urine sed (chosen from: ../shared/domain.md).
        "5821-4",
        _units(Unit("/[HPF]", "/HPF", aliases=("/hpf", "cells/HPF", "per HPF", "WBC/HPF"))),
        default_range="0-5",
        short="Urine WBC",
    ),
    Marker(
        "urine_protein_dipstick",
        "Urine protein, dipstick",
        # LOINC 20454-5: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as PrThr,
        # Ord, Urine, cited as "Protein [Presence] in Urine by Test strip" (chosen from: Synthea
        # display (corroboration only)).
        "20454-5",
        _units(Unit("{dipstick}", "dipstick", family="ordinal")),
        kind=MarkerKind.ORDINAL,
        default_range="negative",
        words=DIPSTICK_WORDS,
        # alt LOINC 2887-8 "Protein [Presence] in Urine" (PrThr, Ord, Urine): verified (HL7
        # publication). Source: HL7 FHIR R4 example Bundle 'ghp'
        # (tests/data/fhir/hl7_r4_Bundle-ghp.json).
        # https://loinc.org/2887-8/
        alt_loinc=("2887-8",),
        short="Dipstick protein",
        note="Home or clinic test strip; a screen, not a measure.",
    ),
    Marker(
        "weight",
        "Body weight",
        # LOINC 29463-7 "Body weight" (M, Qn, ^Patient): verified (HL7 publication).
        # https://hl7.org/fhir/valueset-observation-vitalsignresult.html
        # https://loinc.org/29463-7/
        "29463-7",
        _units(
            Unit("kg", "kg", decimals=1),
            Unit(
                "[lb_av]", "lb", factor=0.45359237, decimals=1, aliases=("lbs", "pound", "pounds")
            ),
        ),
        category=Category.VITAL,
        short="Weight",
        standardised=True,
    ),
    # LOINC 8302-2 "Body height": the code the HL7 FHIR vital-signs Body Height profile fixes,
    # with UCUM units cm or [in_i] (https://hl7.org/fhir/R4B/bodyheight.html).  The bedside
    # Schwartz eGFR of children and teenagers needs it (domain/egfr.py).
    Marker(
        "height",
        "Body height",
        # LOINC 8302-2 "Body height" (Len, Qn, ^Patient): verified (HL7 publication).
        # https://hl7.org/fhir/valueset-observation-vitalsignresult.html
        # https://loinc.org/8302-2/
        "8302-2",
        _units(
            Unit("cm", "cm", decimals=1),
            Unit("[in_i]", "in", factor=2.54, decimals=1, aliases=("inch", "inches", '"', "in.")),
        ),
        category=Category.VITAL,
        short="Height",
        standardised=True,
    ),
    Marker(
        "systolic_bp",
        "Systolic blood pressure",
        # LOINC 8480-6 "Systolic blood pressure" (Pres, Qn, Arterial system): verified (HL7
        # publication).
        # https://hl7.org/fhir/valueset-observation-vitalsignresult.html
        # https://loinc.org/8480-6/
        "8480-6",
        _units(Unit("mm[Hg]", "mmHg", aliases=("mm Hg",))),
        category=Category.VITAL,
        default_range="<130",
        short="Systolic BP",
        standardised=True,
    ),
    Marker(
        "diastolic_bp",
        "Diastolic blood pressure",
        # LOINC 8462-4 "Diastolic blood pressure" (Pres, Qn, Arterial system): verified (HL7
        # publication).
        # https://hl7.org/fhir/valueset-observation-vitalsignresult.html
        # https://loinc.org/8462-4/
        "8462-4",
        _units(Unit("mm[Hg]", "mmHg", aliases=("mm Hg",))),
        category=Category.VITAL,
        default_range="<80",
        short="Diastolic BP",
        standardised=True,
    ),
    Marker(
        "temperature",
        "Body temperature",
        # LOINC 8310-5 "Body temperature" (Temp, Qn, ^Patient): verified (HL7 publication).
        # https://hl7.org/fhir/valueset-observation-vitalsignresult.html
        # https://loinc.org/8310-5/
        "8310-5",
        _units(
            Unit("Cel", "°C", aliases=("C", "degC", "celsius"), decimals=1),
            Unit(
                "[degF]",
                "°F",
                factor=5 / 9,
                offset=-32 * 5 / 9,
                decimals=1,
                aliases=("F", "degF", "fahrenheit"),
            ),
        ),
        category=Category.VITAL,
        default_range=f"<={FEVER_CELSIUS:g}",
        # alt LOINC 8331-1 "Oral temperature" (Temp, Qn, Mouth): verified (HL7 publication).
        # https://hl7.org/fhir/R4/observation-example-f202-temperature.html
        # https://loinc.org/8331-1/
        alt_loinc=("8331-1",),
        short="Temperature",
        standardised=True,
    ),
)


# -- Treat-to-target markers (issue 15), appended -------------------------------------------
# LOINC verification (issue 15 item 6, round 4): the comment beside each code gives the
# LOINC term's long common name, property, scale and system and the page it was verified
# on, or says UNVERIFIED where no loinc.org, LOINC-table or HL7 page was found (the code
# is then kept as chosen, from the source named). Every code is in the table
# tests/domain/loinc_table.py; tests/domain/test_loinc_terms.py ties each code's property
# and scale to the units and kind of its marker. A FHIR import skips an Observation whose
# code is not here and lists it ("not a marker this app tracks"); it never guesses.
# Antibody tests are kit-specific: each lab's printed cut-off wins over the default range.
ANTIBODY_NOTE = "Kit-specific: keep the assay and the lab's own cut-off with each result."


def _kit_units(*extra: Unit) -> UnitTable:
    return _units(
        Unit(
            "U/mL", "U/mL (kit units)", family="kit", aliases=("U/ml", "units/mL", "EU/mL", "RU/mL")
        ),
        Unit(
            "{AI}", "AI (antibody index)", family="index", aliases=("AI", "antibody index", "index")
        ),
        *extra,
    )


MARKERS += (
    Marker(
        "neutrophils",
        "Neutrophils, absolute",
        # LOINC 751-8 "Neutrophils [#/volume] in Blood by Automated count" (NCnc, Qn, Bld): verified
        # (HL7 publication). Source: HL7 FHIR R4 example Bundle 'ghp'
        # (tests/data/fhir/hl7_r4_Bundle-ghp.json).
        # https://loinc.org/751-8/
        "751-8",
        _count_units(),
        default_range="2.0-7.5",
        short="Neutrophils",
        standardised=True,
    ),
    Marker(
        "alt",
        "Alanine aminotransferase (ALT)",
        # LOINC 1742-6 "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma"
        # (CCnc, Qn, Ser/Plas): verified (LOINC table copy), status ACTIVE.
        # https://www.healthassure.in/codes/loinc-1742-6-alt-catalytic-activityvol
        # https://loinc.org/1742-6/
        "1742-6",
        _units(
            Unit("U/L", "U/L", aliases=("IU/L", "[IU]/L", "U/l")),
            Unit("ukat/L", "µkat/L", factor=60.0, aliases=("µkat/l",)),
        ),
        default_range="7-56",
        short="ALT",
    ),
    Marker(
        "ast",
        "Aspartate aminotransferase (AST)",
        # LOINC 1920-8 "Aspartate aminotransferase [Enzymatic activity/volume] in Serum or Plasma"
        # (CCnc, Qn, Ser/Plas): verified (HL7 publication).
        # https://build.fhir.org/ig/cqframework/dqm-content-cms-2026/ValueSet-ast-lab-tests.html
        # https://loinc.org/1920-8/
        "1920-8",
        _units(
            Unit("U/L", "U/L", aliases=("IU/L", "[IU]/L", "U/l")),
            Unit("ukat/L", "µkat/L", factor=60.0, aliases=("µkat/l",)),
        ),
        default_range="10-40",
        short="AST",
    ),
    Marker(
        "igg",
        "Immunoglobulin G (IgG)",
        # LOINC 2465-3 "IgG [Mass/volume] in Serum or Plasma" (MCnc, Qn, Ser/Plas): verified (HL7
        # publication).
        # https://build.fhir.org/ig/hl7-eu/protect-child/branches/master/ValueSet-lab-test-name-vs.json
        # https://loinc.org/2465-3/
        "2465-3",
        _units(Unit("g/L", "g/L"), Unit("mg/dL", "mg/dL", factor=0.01)),
        default_range="7-16",
        short="IgG",
    ),
    Marker(
        "glucose",
        "Glucose",
        # LOINC 2345-7 "Glucose [Mass/volume] in Serum or Plasma" (MCnc, Qn, Ser/Plas): verified
        # (loinc.org).
        # https://loinc.org/LG7967-5/
        # https://loinc.org/2345-7/
        "2345-7",
        _units(
            Unit("mg/dL", "mg/dL"), Unit("mmol/L", "mmol/L", factor=18.016)
        ),  # glucose 180.16 g/mol
        default_range="70-99",
        # alt LOINC 14749-6 "Glucose [Moles/volume] in Serum or Plasma" (SCnc, Qn, Ser/Plas):
        # verified (HL7 publication), the mmol/L term: HL7 FHIR R4 example Bundle 'ghp'
        # (tests/data/fhir/hl7_r4_Bundle-ghp.json, https://hl7.org/fhir/R4/bundle-example-ghp.html)
        alt_loinc=("14749-6",),
        short="Glucose",
        note="Fasting range; a random value differs.",
        standardised=True,
    ),
    # Potassium, monitored on calcineurin inhibitors (hyperkalaemia: voclosporin and
    # ciclosporin labels); its LOINC code and where it was verified are beside the code
    # below. 1 mmol/L = 1 mEq/L (monovalent). Default 3.5-5.0 mmol/L, the
    # usual adult interval; the lab's printed range wins when given.
    Marker(
        "potassium",
        "Potassium",
        # LOINC 2823-3 "Potassium [Moles/volume] in Serum or Plasma" (SCnc, Qn, Ser/Plas): verified
        # (HL7 publication). Source: HL7 FHIR R4 example Bundle 'ghp'
        # (tests/data/fhir/hl7_r4_Bundle-ghp.json).
        # https://loinc.org/2823-3/
        "2823-3",
        _units(Unit("mmol/L", "mmol/L", aliases=("mEq/L", "meq/L", "mmol/l"))),
        default_range="3.5-5.0",
        short="Potassium",
        standardised=True,
    ),
    Marker(
        "hba1c",
        "Hemoglobin A1c",
        # LOINC 4548-4 "Hemoglobin A1c/Hemoglobin.total in Blood" (MFr, Qn, Bld): verified
        # (loinc.org).
        # https://loinc.org/4548-4/
        "4548-4",
        _units(
            Unit("%", "% (NGSP)", aliases=("percent", "% Hb")),
            # IFCC mmol/mol -> NGSP %: % = 0.09148 x mmol/mol + 2.152 (master equation)
            Unit("mmol/mol", "mmol/mol (IFCC)", factor=0.09148, offset=2.152, family="default"),
        ),
        default_range="<5.7",
        # alt LOINC 59261-8 "Hemoglobin A1c/Hemoglobin.total in Blood by IFCC protocol" (SFr, Qn,
        # Bld): verified (HL7 publication), the IFCC mmol/mol term: HL7 Vulcan RWD value set
        # https://hl7.org/fhir/uv/vulcan-rwd/ValueSet-ExampleHbA1cTestCodes.json.html
        alt_loinc=("59261-8",),
        short="HbA1c",
        standardised=True,
    ),
    Marker(
        "cholesterol",
        "Total cholesterol",
        # LOINC 2093-3 "Cholesterol [Mass/volume] in Serum or Plasma" (MCnc, Qn, Ser/Plas): verified
        # (HL7 publication).
        # https://www.hl7.org/fhir/2017Jan/valueset-example-expansion.html
        # https://loinc.org/2093-3/
        "2093-3",
        _units(
            Unit("mg/dL", "mg/dL"), Unit("mmol/L", "mmol/L", factor=38.67)
        ),  # cholesterol 386.65 g/mol
        default_range="<200",
        # alt LOINC 14647-2 "Cholesterol [Moles/volume] in Serum or Plasma" (SCnc, Qn, Ser/Plas):
        # verified (HL7 publication), the mmol/L term: HL7 FHIR R4 valueset-example-expansion
        # https://hl7.org/fhir/R4/valueset-example-expansion.xml
        alt_loinc=("14647-2",),
        short="Cholesterol",
    ),
    Marker(
        "ldl",
        "LDL cholesterol",
        # LOINC 13457-7 "Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation" (MCnc,
        # Qn, Ser/Plas): verified (HL7 publication).
        # https://hl7.org/fhir/valueset-lipid-ldl-codes.html
        # https://loinc.org/13457-7/
        "13457-7",
        _units(Unit("mg/dL", "mg/dL"), Unit("mmol/L", "mmol/L", factor=38.67)),
        default_range="<100",
        # alt LOINC 18262-6 "Cholesterol in LDL [Mass/volume] in Serum or Plasma by Direct assay"
        # (MCnc, Qn, Ser/Plas): verified (HL7 publication).
        # https://hl7.org/fhir/valueset-lipid-ldl-codes.html
        # https://loinc.org/18262-6/
        alt_loinc=("18262-6",),
        short="LDL",
    ),
    Marker(
        "vitamin_d",
        "25-hydroxyvitamin D",
        # LOINC 62292-8: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as MCnc, Qn,
        # Ser/Plas, cited as "25-Hydroxyvitamin D2+25-Hydroxyvitamin D3 [Mass/volume] in Serum or
        # Plasma" (chosen from: lab catalogs print this name (corroboration only)).
        "62292-8",
        _units(
            Unit("ng/mL", "ng/mL", aliases=("ug/L", "µg/L", "mcg/L")),
            Unit("nmol/L", "nmol/L", factor=1 / 2.496),
        ),  # 400.64 g/mol
        default_range="30-100",
        short="Vitamin D",
    ),
    Marker(
        "urine_casts",
        "Red cell casts in urine sediment",
        # LOINC 5807-3: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as Naric, Qn,
        # Urine sed (chosen from: lab catalog 'CAST, RBC' only; the HPF term 51790-4 and WBC casts
        # per LPF 5820-6 are ACTIVE on the table copy, 5807-3's own page was not found).
        "5807-3",
        _units(Unit("/[LPF]", "/LPF", aliases=("/lpf", "per LPF", "casts/LPF"))),
        default_range="0-0",
        short="Urine casts",
        note="SLEDAI-2K counts heme-granular or red cell casts.",
    ),
    Marker(
        "anti_sm",
        "Anti-Sm antibodies",
        # LOINC 11090-8: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as ACnc, Qn,
        # Ser, cited as "Smith extractable nuclear Ab [Units/volume] in Serum" (chosen from: Labcorp
        # map).
        "11090-8",
        _kit_units(),
        default_range="<20",
        words=QUALITATIVE_WORDS,
        short="anti-Sm",
        note=ANTIBODY_NOTE,
    ),
    Marker(
        "anti_ro",
        "Anti-Ro/SSA antibodies",
        # LOINC 17792-3: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as ACnc, Qn,
        # Ser, cited as "Sjogrens syndrome-A extractable nuclear Ab [Units/volume] in Serum" (chosen
        # from: round 3 sources).
        "17792-3",
        _kit_units(),
        default_range="<20",
        # alt LOINC 33569-5: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as ACnc,
        # Qn, Ser (chosen from: Labcorp map).
        alt_loinc=("33569-5",),
        words=QUALITATIVE_WORDS,
        short="anti-Ro/SSA",
        note=ANTIBODY_NOTE,
    ),
    Marker(
        "anti_la",
        "Anti-La/SSB antibodies",
        # LOINC 17791-5: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as ACnc, Qn,
        # Ser, cited as "Sjogrens syndrome-B extractable nuclear Ab [Units/volume] in Serum" (chosen
        # from: round 3 sources).
        "17791-5",
        _kit_units(),
        default_range="<20",
        # alt LOINC 45142-7: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as ACnc,
        # Qn, Ser (chosen from: Labcorp map).
        alt_loinc=("45142-7",),
        words=QUALITATIVE_WORDS,
        short="anti-La/SSB",
        note=ANTIBODY_NOTE,
    ),
    Marker(
        "anti_rnp",
        "Anti-RNP antibodies",
        # LOINC 29374-6: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as ACnc, Qn,
        # Ser, cited as "Ribonucleoprotein extractable nuclear Ab [Units/volume] in Serum" (chosen
        # from: a code comment in a public repository only; Labcorp reports anti-U1 RNP as 53022-0
        # (a [Presence] term, ACTIVE on
        # https://www.healthassure.in/codes/loinc-53022-0-u1-small-nuclear-ribonucleoprotein-ab-ql-s),
        # Mayo as 29958-6).
        "29374-6",
        _kit_units(),
        default_range="<20",
        words=QUALITATIVE_WORDS,
        short="anti-RNP",
        note=ANTIBODY_NOTE,
    ),
    Marker(
        "anti_c1q",
        "Anti-C1q antibodies (IgG)",
        # LOINC 44702-9: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as ACnc, Qn,
        # Ser (chosen from: Mayo AC1Q result LOINC).
        "44702-9",
        _kit_units(),
        default_range="<20",
        words=QUALITATIVE_WORDS,
        short="anti-C1q",
        note=ANTIBODY_NOTE,
    ),
    Marker(
        "lupus_anticoagulant",
        "Lupus anticoagulant",
        # LOINC 75514-0 "Lupus anticoagulant two screening tests W Reflex [interpretation]" (Imp,
        # Nom, Plas): verified (loinc.org).
        # https://loinc.org/75881-3
        # https://loinc.org/75514-0/
        "75514-0",
        _units(Unit("{result}", "result", family="ordinal")),
        kind=MarkerKind.ORDINAL,
        default_range="negative",
        words=QUALITATIVE_WORDS,
        short="Lupus anticoagulant",
        note="The lab's interpretation of its screening and confirm tests.",
    ),
    Marker(
        "acl_igg",
        "Anticardiolipin IgG",
        # LOINC 3181-5: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as ACnc, Qn,
        # Ser, cited as "Cardiolipin IgG Ab [Units/volume] in Serum by Immunoassay" (chosen from:
        # FHIR code lists, forum.loinc.org (round 3)).
        "3181-5",
        _units(
            Unit("[GPL'U]", "GPL", aliases=("GPL U/mL", "GPL/mL", "GPL units", "GPLU")),
            Unit("U/mL", "U/mL (kit units)", family="kit", aliases=("U/ml",)),
        ),
        default_range="<20",
        # alt LOINC 8065-5: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as ACnc,
        # Qn, Ser/Plas, cited as "Cardiolipin IgG Ab [Units/volume] in Serum or Plasma" (chosen
        # from: FHIR code lists (round 3)).
        alt_loinc=("8065-5",),
        words=QUALITATIVE_WORDS,
        short="aCL IgG",
        note=ANTIBODY_NOTE,
    ),
    Marker(
        "acl_igm",
        "Anticardiolipin IgM",
        # LOINC 3182-3: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as ACnc, Qn,
        # Ser, cited as "Cardiolipin IgM Ab [Units/volume] in Serum by Immunoassay" (chosen from:
        # FHIR code lists (round 3)).
        "3182-3",
        _units(
            Unit("[MPL'U]", "MPL", aliases=("MPL U/mL", "MPL/mL", "MPL units", "MPLU")),
            Unit("U/mL", "U/mL (kit units)", family="kit", aliases=("U/ml",)),
        ),
        default_range="<20",
        words=QUALITATIVE_WORDS,
        short="aCL IgM",
        note=ANTIBODY_NOTE,
    ),
    Marker(
        "b2gp1_igg",
        "Anti-beta-2 glycoprotein I IgG",
        # LOINC 44448-9: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as ACnc, Qn,
        # Ser/Plas, cited as "Beta 2 glycoprotein 1 IgG Ab [Units/volume] in Serum or Plasma by
        # Immunoassay" (chosen from: FHIR concept maps (round 3)).
        "44448-9",
        _units(Unit("U/mL", "U/mL (kit units)", family="kit", aliases=("U/ml", "SGU", "SGU/mL"))),
        default_range="<20",
        words=QUALITATIVE_WORDS,
        short="anti-β2GPI IgG",
        note=ANTIBODY_NOTE,
    ),
    Marker(
        "b2gp1_igm",
        "Anti-beta-2 glycoprotein I IgM",
        # LOINC 44449-7: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as ACnc, Qn,
        # Ser/Plas (chosen from: Mayo result LOINC).
        "44449-7",
        _units(Unit("U/mL", "U/mL (kit units)", family="kit", aliases=("U/ml", "SMU", "SMU/mL"))),
        default_range="<20",
        words=QUALITATIVE_WORDS,
        short="anti-β2GPI IgM",
        note=ANTIBODY_NOTE,
    ),
    Marker(
        "ch50",
        "Total complement (CH50)",
        # LOINC 4532-8: UNVERIFIED, no loinc.org, LOINC-table or HL7 page found; read as ACnc, Qn,
        # Ser/Plas, cited as "Complement total hemolytic CH50 [Units/volume] in Serum or Plasma"
        # (chosen from: ../shared/domain.md; Mayo CH50).
        "4532-8",
        _units(Unit("U/mL", "U/mL", aliases=("U/ml", "CH50 U/mL"))),
        default_range="30-75",
        short="CH50",
        note="Assay-specific range.",
    ),
)

_BY_KEY = {marker.key: marker for marker in MARKERS}
_BY_LOINC: dict[str, Marker] = {}
for _marker in MARKERS:
    for _code in (_marker.loinc, *_marker.alt_loinc):
        _BY_LOINC.setdefault(_code, _marker)


class UnknownMarkerError(KeyError):
    def __str__(self) -> str:
        return str(self.args[0])


# Common abbreviations a person types when searching for a marker (a search for "plt"
# found nothing): lab-report usage, searched besides the key, short name, name and LOINC.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "platelets": ("PLT",),
    "hemoglobin": ("Hb", "Hgb"),
    "wbc": ("WBC", "leukocytes"),
    "albumin": ("ALB",),
    "creatinine": ("Cr", "SCr"),
    "upcr": ("UPCR", "PCR"),
    "uacr": ("UACR", "ACR"),
    "esr": ("ESR", "sed rate"),
    "crp": ("CRP",),
    "ana": ("ANA",),
    "anti_dsdna": ("dsDNA", "anti-dsDNA"),
}


def abbreviations(marker: Marker) -> tuple[str, ...]:
    """The common abbreviations of ``marker`` (empty when it has none listed)."""
    return ABBREVIATIONS.get(marker.key, ())


def get_marker(key: str) -> Marker:
    try:
        return _BY_KEY[key]
    except KeyError:
        known = ", ".join(_BY_KEY)
        raise UnknownMarkerError(f"Unknown marker {key!r}. Known markers: {known}.") from None


def marker_for_loinc(code: str) -> Marker | None:
    return _BY_LOINC.get(code.strip())


def unit_display(marker_key: str, unit: str | None) -> str:
    """The one place that gives the text of a result's unit wherever a person reads it
    (views, dialogs, import preview, list output, status bar, report, chart axes): the
    catalog's label for a unit the marker lists (``10*9/L`` -> ``×10⁹/L``), else the code
    made readable (:func:`~lupus_tracker.domain.units.readable_unit`). Empty for no unit."""
    if not unit:
        return ""
    try:
        found = get_marker(marker_key).units.find(unit)
    except UnknownMarkerError:
        found = None
    return found.label if found is not None else readable_unit(unit)
