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
    # temperature (physical measurements). Not set: albumin (bromocresol green reads
    # several g/L above bromocresol purple at low values, as in nephrotic lupus
    # nephritis), CRP and ESR, complement and every antibody (kit- and lab-dependent).
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
        "5048-4",
        _units(TITER),
        kind=MarkerKind.TITER,
        default_range="<1:80",
        alt_loinc=("42254-3", "8061-4"),
        words=QUALITATIVE_WORDS,
        short="ANA",
        note="Titer by HEp-2 IFA; record the pattern as text. Not an activity marker.",
    ),
    Marker(
        "anti_dsdna",
        "Anti-dsDNA antibodies",
        "5130-0",
        _units(
            Unit("[IU]/mL", "IU/mL", aliases=("IU/ml", "[iU]/mL", "IU / mL")),
            Unit("U/mL", "U/mL (kit units)", family="kit", aliases=("U/ml", "units/mL")),
            TITER,
        ),
        # 33799-8 DNA double strand Ab IgG in serum, IU/mL (Mayo Clinic Laboratories test
        # catalog, ADNA); 31348-6 DNA double strand Ab [Presence] in Serum (NLM Clinical
        # Table Search as cited by HL7 FHIR mappers).
        default_range="<30",
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
        "4485-9",
        _units(
            Unit("g/L", "g/L", decimals=2),
            Unit("mg/dL", "mg/dL", factor=0.01, decimals=0),
            Unit("mg/L", "mg/L", factor=0.001, decimals=0),
        ),
        default_range="0.9-1.8",
        short="C3",
    ),
    Marker(
        "c4",
        "Complement C4",
        "4498-2",
        _units(
            Unit("g/L", "g/L", decimals=2),
            Unit("mg/dL", "mg/dL", factor=0.01, decimals=0),
            Unit("mg/L", "mg/L", factor=0.001, decimals=0),
        ),
        default_range="0.1-0.4",
        short="C4",
    ),
    Marker(
        "albumin",
        "Serum albumin",
        "1751-7",
        _units(Unit("g/L", "g/L", decimals=0), Unit("g/dL", "g/dL", factor=10.0, decimals=1)),
        default_range="35-50",
        short="Albumin",
    ),
    Marker(
        "urine_protein_24h",
        "Urine protein, 24 hours",
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
        alt_loinc=("34366-5",),
        short="UPCR",
    ),
    Marker(
        "uacr",
        "Urine albumin/creatinine ratio",
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
        alt_loinc=("32294-1", "14959-1"),
        short="UACR",
    ),
    Marker(
        "creatinine",
        "Serum creatinine",
        "2160-0",
        _units(
            Unit("mg/dL", "mg/dL", decimals=2),
            Unit("umol/L", "µmol/L", factor=1 / 88.42, aliases=("micromol/L",), decimals=0),
            Unit("mmol/L", "mmol/L", factor=1000 / 88.42, decimals=3),
        ),
        default_range="0.5-1.3",
        range_by_sex=((Sex.FEMALE, "0.5-1.1"), (Sex.MALE, "0.7-1.3")),
        alt_loinc=("14682-9", "38483-4"),
        short="Creatinine",
        standardised=True,
    ),
    Marker(
        "egfr",
        "eGFR (CKD-EPI 2021)",
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
                    "mL/min",
                ),
            )
        ),
        # KDIGO 2012 GFR categories (domain.egfr.gfr_category): flagged LOW below 60
        # (G3a-G5); 60-89 is G2, "mildly decreased", not flagged at any age.
        default_range=">=60",
        alt_loinc=("33914-3", "62238-1", "48642-3", "48643-1"),
        short="eGFR",
        note="Other equations (MDRD, CKD-EPI 2009) are different methods: keep the method.",
        standardised=True,
    ),
    Marker(
        "hemoglobin",
        "Hemoglobin",
        "718-7",
        _units(
            Unit("g/dL", "g/dL", decimals=1),
            Unit("g/L", "g/L", factor=0.1, decimals=0),
            # 1 g/dL = 0.6206 mmol/L (haemoglobin monomer, 16.1 kDa; issue 12 item 15)
            Unit("mmol/L", "mmol/L", factor=1 / 0.6206, decimals=1),
        ),
        default_range="12-17.5",
        range_by_sex=((Sex.FEMALE, "12-16"), (Sex.MALE, "13.5-17.5")),
        short="Hemoglobin",
        standardised=True,
    ),
    Marker(
        "wbc",
        "White blood cells",
        "6690-2",
        _count_units(),
        default_range="4.0-11.0",
        alt_loinc=("26464-8",),
        short="WBC",
        standardised=True,
    ),
    Marker(
        "lymphocytes",
        "Lymphocytes, absolute",
        "731-0",
        _count_units(),
        default_range="1.0-4.8",
        alt_loinc=("26474-7",),
        short="Lymphocytes",
        standardised=True,
    ),
    Marker(
        "platelets",
        "Platelets",
        "777-3",
        _count_units(),
        default_range="150-400",
        alt_loinc=("26515-7",),
        short="Platelets",
        standardised=True,
    ),
    Marker(
        "esr",
        "ESR (Westergren)",
        "4537-7",
        _units(Unit("mm/h", "mm/h", aliases=("mm/hr", "mm/1h", "mm/[h]"))),
        default_range="<20",
        range_by_sex=((Sex.FEMALE, "<20"), (Sex.MALE, "<15")),
        alt_loinc=("30341-2",),
        short="ESR",
    ),
    Marker(
        "crp",
        "C-reactive protein",
        "1988-5",
        _units(Unit("mg/L", "mg/L", decimals=1), Unit("mg/dL", "mg/dL", factor=10.0, decimals=2)),
        # 30522-7 C reactive protein [Mass/volume] in Serum or Plasma by High sensitivity
        # method (HL7 Switzerland CH LAB-Order, ActivityDefinition procedure-crp-highsens)
        default_range="<5",
        alt_loinc=("30522-7",),
        short="CRP",
    ),
    Marker(
        "urine_rbc",
        "Red cells in urine sediment",
        "13945-1",
        _units(Unit("/[HPF]", "/HPF", aliases=("/hpf", "cells/HPF", "per HPF", "RBC/HPF"))),
        default_range="0-5",
        short="Urine RBC",
    ),
    Marker(
        "urine_wbc",
        "White cells in urine sediment",
        "5821-4",
        _units(Unit("/[HPF]", "/HPF", aliases=("/hpf", "cells/HPF", "per HPF", "WBC/HPF"))),
        default_range="0-5",
        short="Urine WBC",
    ),
    Marker(
        "urine_protein_dipstick",
        "Urine protein, dipstick",
        "20454-5",
        _units(Unit("{dipstick}", "dipstick", family="ordinal")),
        kind=MarkerKind.ORDINAL,
        default_range="negative",
        words=DIPSTICK_WORDS,
        alt_loinc=("2887-8",),
        short="Dipstick protein",
        note="Home or clinic test strip; a screen, not a measure.",
    ),
    Marker(
        "weight",
        "Body weight",
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
        # 8331-1 Oral temperature (HL7 FHIR R4 example observation-example-f202-temperature,
        # LOINC display "Oral temperature"; Synthea codes body temperature with it)
        category=Category.VITAL,
        default_range=f"<={FEVER_CELSIUS:g}",
        alt_loinc=("8331-1",),
        short="Temperature",
        standardised=True,
    ),
)


# -- Treat-to-target markers (issue 15), appended -------------------------------------------
# LOINC verification, round 3 (issue 15 item 6). Each code's LOINC definition (component,
# property, system, scale) must fit the units the marker takes; tests/domain/
# test_boundaries_loinc.py pins code <-> property <-> unit family. LOINC's own term page is
# https://loinc.org/<code>/; the stored copy of loinc.org searched here holds few of these
# terms' pages, so each line names what was seen ("loinc.org page not found" where none was)
# and the next-best published source.
# - 751-8 neutrophils: "Neutrophils [#/volume] in Blood by Automated count" (NCnc, Bld, Qn)
#   = our count units. loinc.org page not found; long name as HL7 FHIR example observations
#   print it (its sibling 752-6 is DEPRECATED in the LOINC table mirror, healthassure.in).
# - 1742-6 ALT, 1920-8 AST: "[Enzymatic activity/volume] in Serum or Plasma" (CCnc,
#   Ser/Plas, Qn) = U/L and µkat/L. loinc.org pages not found; CMS dQM value set
#   ValueSet-alt-lab-tests (expanded from LOINC 2.82 by tx.fhir.org,
#   http://build.fhir.org/ig/cqframework/dqm-content-cms-2026/ValueSet-alt-lab-tests.html);
#   the LOINC Part page https://loinc.org/LP15426-7 names the AST component.
# - 2465-3 IgG: "IgG [Mass/volume] in Serum or Plasma" (MCnc) = g/L and mg/dL. loinc.org
#   page not found; Labcorp LOINC map (IgG, quantitative, mg/dL -> 2465-3).
# - 2345-7 glucose: "Glucose [Mass/volume] in Serum or Plasma" (MCnc) = mg/dL. Seen on
#   loinc.org: the group page https://loinc.org/LG7967-5/ lists it and gives glucose's
#   molecular weight 180.156 g/mol (our mmol/L factor 18.016). mmol/L is the moles term
#   (a different code), converted here, not a second code.
# - 4548-4 HbA1c: "Hemoglobin A1c/Hemoglobin.total in Blood" (MFr) = % (NGSP); HL7 links
#   it to https://loinc.org/4548-4/; https://loinc.org/59261-8/ is the IFCC mmol/mol term,
#   converted here by the master equation.
# - 2093-3 cholesterol: "Cholesterol [Mass/volume] in Serum or Plasma" (MCnc); 13457-7 and
#   18262-6 LDL: "Cholesterol in LDL [Mass/volume] in Serum or Plasma by calculation" and
#   "by Direct assay" (MCnc) = mg/dL. loinc.org pages not found; HL7 FHIR value sets
#   (R4 valueset-example-expansion; lipid-ldl-codes, expansion from LOINC 2.80).
# - 62292-8 25-OH vitamin D: "25-Hydroxyvitamin D2+25-Hydroxyvitamin D3 [Mass/volume] in
#   Serum or Plasma" (MCnc) = ng/mL. loinc.org page not found; Mayo-network and ARUP test
#   catalogs.
# - 5807-3 red cell casts: "count per low power field" (#/area, Urine sed) = /[LPF], as
#   ../shared/domain.md gives it. loinc.org page not found, and no published LOINC table
#   row for it was seen either: the one unverified code of the count family.
# - 11090-8 anti-Sm, 17792-3 anti-Ro/SSA, 17791-5 anti-La/SSB: "Smith extractable nuclear
#   Ab" and "Sjogrens syndrome-A/-B extractable nuclear Ab [Units/volume] in Serum" (ACnc,
#   Qn) = U/mL kit units or AI. 33569-5 (SS-A) and 45142-7 (SS-B) are the immunoassay
#   terms Labcorp's "Lupus Diagnostic Profile" LOINC map reports in Units, as does 11090-8
#   (https://zh.labcorp.com/tests/520342). loinc.org pages not found.
# - 29374-6 anti-RNP: NOT confirmed: no loinc.org page and no published LOINC row found.
#   Labcorp reports anti-U1 RNP as 53022-0, which the LOINC table mirror defines as
#   "U1 small nuclear ribonucleoprotein Ab [Presence] in Serum" (PrThr, Ord): a presence
#   term, so it is not mapped to this numeric marker; Mayo reports "RNP Ab, IgG, S" as
#   29958-6 (not mapped: not verified either). A FHIR import skips an Observation with an
#   unmapped code and lists it ("not a marker this app tracks"), never guesses.
# - 44702-9 anti-C1q IgG: Mayo Clinic Laboratories test AC1Q "Anti-C1q Antibodies, IgG, S",
#   order and result LOINC 44702-9, reported in U/mL with <20 negative
#   (https://benefis.testcatalog.org/show/AC1Q). loinc.org page not found.
# - 75514-0 lupus anticoagulant: "Lupus anticoagulant two screening tests W Reflex
#   [interpretation]", the interpretation member of panel 75515-7 (RELMA panel hierarchy;
#   the sibling three-screen panel's page https://loinc.org/75881-3 gives the same ISTH
#   2009 / CLSI 2014 basis) = our ordinal result.
# - 3181-5 / 3182-3 anticardiolipin IgG / IgM: "Cardiolipin IgG (IgM) Ab [Units/volume] in
#   Serum by Immunoassay" (ACnc) = GPL / MPL and U/mL; 8065-5 "Cardiolipin IgG Ab
#   [Units/volume] in Serum or Plasma". loinc.org pages not found; LOINC long names as
#   printed in published FHIR code lists and forum.loinc.org.
# - 44448-9 / 44449-7 anti-beta-2 glycoprotein I IgG / IgM: "Beta 2 glycoprotein 1 IgG (IgM)
#   Ab [Units/volume] in Serum or Plasma by Immunoassay" (ACnc) = U/mL (SGU/SMU). loinc.org
#   pages not found; long name of 44448-9 as published FHIR concept maps print it; 44449-7
#   from Mayo Clinic Laboratories' result LOINC only.
# - 4532-8 CH50: "Complement total hemolytic CH50 [Units/volume]" (ACnc) = U/mL, as
#   ../shared/domain.md gives it. loinc.org page not found; Mayo's CH50 test reports U/mL
#   (30-75 U/mL at 16 years and over), the unit and default range used here.
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
        "751-8",
        _count_units(),
        default_range="2.0-7.5",
        short="Neutrophils",
        standardised=True,
    ),
    Marker(
        "alt",
        "Alanine aminotransferase (ALT)",
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
        "2465-3",
        _units(Unit("g/L", "g/L"), Unit("mg/dL", "mg/dL", factor=0.01)),
        default_range="7-16",
        short="IgG",
    ),
    Marker(
        "glucose",
        "Glucose",
        "2345-7",
        _units(
            Unit("mg/dL", "mg/dL"), Unit("mmol/L", "mmol/L", factor=18.016)
        ),  # glucose 180.16 g/mol
        default_range="70-99",
        short="Glucose",
        note="Fasting range; a random value differs.",
        standardised=True,
    ),
    # Potassium, monitored on calcineurin inhibitors (hyperkalaemia: voclosporin and
    # ciclosporin labels). LOINC 2823-3 "Potassium [Moles/volume] in Serum or Plasma"
    # (loinc.org/2823-3). 1 mmol/L = 1 mEq/L (monovalent). Default 3.5-5.0 mmol/L, the
    # usual adult interval; the lab's printed range wins when given.
    Marker(
        "potassium",
        "Potassium",
        "2823-3",
        _units(Unit("mmol/L", "mmol/L", aliases=("mEq/L", "meq/L", "mmol/l"))),
        default_range="3.5-5.0",
        short="Potassium",
        standardised=True,
    ),
    Marker(
        "hba1c",
        "Hemoglobin A1c",
        "4548-4",
        _units(
            Unit("%", "% (NGSP)", aliases=("percent", "% Hb")),
            # IFCC mmol/mol -> NGSP %: % = 0.09148 x mmol/mol + 2.152 (master equation)
            Unit("mmol/mol", "mmol/mol (IFCC)", factor=0.09148, offset=2.152, family="default"),
        ),
        default_range="<5.7",
        short="HbA1c",
        standardised=True,
    ),
    Marker(
        "cholesterol",
        "Total cholesterol",
        "2093-3",
        _units(
            Unit("mg/dL", "mg/dL"), Unit("mmol/L", "mmol/L", factor=38.67)
        ),  # cholesterol 386.65 g/mol
        default_range="<200",
        short="Cholesterol",
    ),
    Marker(
        "ldl",
        "LDL cholesterol",
        "13457-7",
        _units(Unit("mg/dL", "mg/dL"), Unit("mmol/L", "mmol/L", factor=38.67)),
        default_range="<100",
        alt_loinc=("18262-6",),
        short="LDL",
    ),
    Marker(
        "vitamin_d",
        "25-hydroxyvitamin D",
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
        "5807-3",
        _units(Unit("/[LPF]", "/LPF", aliases=("/lpf", "per LPF", "casts/LPF"))),
        default_range="0-0",
        short="Urine casts",
        note="SLEDAI-2K counts heme-granular or red cell casts.",
    ),
    Marker(
        "anti_sm",
        "Anti-Sm antibodies",
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
        "17792-3",
        _kit_units(),
        default_range="<20",
        alt_loinc=("33569-5",),
        words=QUALITATIVE_WORDS,
        short="anti-Ro/SSA",
        note=ANTIBODY_NOTE,
    ),
    Marker(
        "anti_la",
        "Anti-La/SSB antibodies",
        "17791-5",
        _kit_units(),
        default_range="<20",
        alt_loinc=("45142-7",),
        words=QUALITATIVE_WORDS,
        short="anti-La/SSB",
        note=ANTIBODY_NOTE,
    ),
    Marker(
        "anti_rnp",
        "Anti-RNP antibodies",
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
        "3181-5",
        _units(
            Unit("[GPL'U]", "GPL", aliases=("GPL U/mL", "GPL/mL", "GPL units", "GPLU")),
            Unit("U/mL", "U/mL (kit units)", family="kit", aliases=("U/ml",)),
        ),
        default_range="<20",
        alt_loinc=("8065-5",),
        words=QUALITATIVE_WORDS,
        short="aCL IgG",
        note=ANTIBODY_NOTE,
    ),
    Marker(
        "acl_igm",
        "Anticardiolipin IgM",
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
