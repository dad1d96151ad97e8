"""What is physiologically possible for each marker, and the unit that would make an
impossible entry plausible ("78 g/L is not a possible C3; did you mean 78 mg/dL = 0.78 g/L?").

Limits are in the marker's canonical unit and deliberately wide: they catch a value typed
under the wrong unit or with a slipped decimal, never a real extreme.  Real extremes that must
stay accepted (issue 12 item 2): Hb 4.5 g/dL, creatinine 12 mg/dL, platelets 5 x10^9/L,
CRP 350 mg/L, anti-dsDNA 3000 IU/mL, 24-h urine protein 15 g, UPCR 12 mg/mg.  Each limit is
our choice, set beyond the most extreme values reported in living patients and below the
first value a unit mix-up produces; the comment on each row says why.

Lower limits are the smallest value a lab prints as a number (below it labs print a bound
such as ``<0.04``, which stays accepted): a value 1000 times smaller than a real one, the
result of a thousands separator read as a decimal mark (``250.000 /µL`` platelets read as
250 /µL = 0.25 ×10⁹/L, ``1.250 mg/24h`` protein read as 1.25 mg), must fall below them and
be refused, never stored as a plausible tiny value.  ``tests/domain/test_plausibility_audit``
checks every marker in every unit of its canonical family for that trap.

The check applies to entries (dialog, command line, import).  Stored results are never
re-checked, so one impossible stored value cannot stop the app reading the others.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from lupus_tracker.domain.catalog import Marker
from lupus_tracker.domain.measurement import Measurement
from lupus_tracker.domain.ranges import RefRange
from lupus_tracker.domain.records import Sex
from lupus_tracker.domain.units import Unit, rounded_for
from lupus_tracker.domain.values import (
    AMBIGUOUS_NUMBER,
    Comparator,
    format_number,
    round_significant,
)


@dataclass(frozen=True)
class Limits:
    """Possible values in the canonical unit, both ends included."""

    low: float
    high: float
    # Exactly 0 accepted below ``low``: a count that can be 0 (agranulocytosis), or a
    # quantity people write as 0 when the lab printed "not detected".  A 1000x misreading
    # never gives 0 (the ambiguous form has a non-zero integer part).
    zero_possible: bool = False

    def holds(self, value: float) -> bool:
        return self.low <= value <= self.high or (self.zero_possible and value == 0)


PLAUSIBLE: dict[str, Limits] = {
    # C3: the highest acute-phase values are about 3 g/L; 78 g/L is a mg/dL value.  Assays
    # print values down to about 0.04 g/L (below: "<0.04"); 0.005 leaves room and still
    # refuses "1.250 mg/L" read as 0.00125 g/L.  A measured 0 is not possible: even an
    # undetectable C3 or C4 (complete hereditary deficiency) is printed as a bound below the
    # assay's detection limit ("<0.04"), which stays accepted; 0 would drop that limit
    # (red-team fix round).
    "c3": Limits(0.005, 5.0),
    # C4: rarely above 1 g/L; 500 g/L is a mg/L value.  Printed down to about 0.01 g/L.
    "c4": Limits(0.005, 2.0),
    # Albumin: about 10-55 g/L in life; 3.5 g/L is a g/dL value typed under g/L.
    "albumin": Limits(5.0, 70.0),
    # 24-h protein: nephrotic lupus reaches 15-20 g/24 h; 40 g leaves room, 1250 g does not.
    # Below about 0.02 g/24 h labs print a bound (detection about 0.05 g/L of urine).
    "urine_protein_24h": Limits(0.01, 40.0, zero_possible=True),
    # UPCR: 12 mg/mg in heavy nephrotic syndrome; 30 leaves room (a mg/g value is 1000x).
    # Healthy urine has about 0.05 mg/mg; 0.005 (5 mg/g) leaves room.
    "upcr": Limits(0.005, 30.0, zero_possible=True),
    # UACR: up to about 10,000 mg/g in massive albuminuria; below about 1 mg/g labs print
    # a bound (albumin detection about 3 mg/L against at most 3 g/L urine creatinine).
    "uacr": Limits(0.5, 15000.0, zero_possible=True),
    # Creatinine: about 20 mg/dL at most before dialysis; 80 mg/dL is a µmol/L value.
    "creatinine": Limits(0.05, 30.0),
    # eGFR: children and hyperfiltration reach about 180.
    "egfr": Limits(0.0, 300.0),
    # Hemoglobin: 2-25 g/dL in life; 125 g/dL is a g/L value.
    "hemoglobin": Limits(1.0, 26.0),
    # White cells: leukaemic counts can exceed 500 x10^9/L; below 0.1 x10^9/L is a /µL
    # count typed as such (a WBC of 4.5 /µL is 4.5 x10^3/µL misread 1000x).
    "wbc": Limits(0.1, 1000.0),
    # Lymphocytes: severe lymphopenia reaches about 0.05 x10^9/L; below 0.01 is a 1000x slip.
    "lymphocytes": Limits(0.01, 1000.0),
    # Neutrophils: 0 in agranulocytosis, otherwise counters print steps of 0.01 x10^9/L;
    # "1.500 /µL" read as 1.5 /µL (0.0015 x10^9/L) is 1500 /µL misread 1000x.  Above 200
    # x10^9/L only in leukaemia.
    "neutrophils": Limits(0.01, 500.0, zero_possible=True),
    # Platelets: 1 to about 2000 x10^9/L (reactive thrombocytosis); 250000 is a /µL value
    # and "250 /µL" (0.25 x10^9/L) is 250 x10^3/µL misread 1000x.
    "platelets": Limits(1.0, 3000.0),
    # ESR (Westergren): the tube is 200 mm long.
    "esr": Limits(0.0, 200.0),
    # CRP: above 500 mg/L is exceptional; 1000 leaves room.
    "crp": Limits(0.0, 1000.0),
    # anti-dsDNA in IU/mL: several thousand in active disease; kit units are not limited.
    "anti_dsdna": Limits(0.0, 100000.0),
    # Urine sediment: "too numerous to count" is about 100-200 /HPF.
    "urine_rbc": Limits(0.0, 1000.0),
    "urine_wbc": Limits(0.0, 1000.0),
    "urine_casts": Limits(0.0, 1000.0),
    # ALT, AST: below about 5 U/L labs print a bound; acute liver failure reaches 10,000s.
    "alt": Limits(2.0, 50000.0),
    "ast": Limits(2.0, 50000.0),
    # IgG: below 1 g/L in agammaglobulinaemia (printed down to about 0.3), about 100 g/L in
    # myeloma.
    "igg": Limits(0.1, 150.0),
    # Glucose (mg/dL): 10 in severe hypoglycaemia, about 2000 in hyperosmolar states.
    "glucose": Limits(5.0, 3000.0),
    # Potassium (mmol/L): about 1 in severe hypokalaemia, about 12 in lethal
    # hyperkalaemia; 40 would be a mg/dL-type slip.
    "potassium": Limits(0.5, 15.0),
    # HbA1c (%, NGSP): about 3-20 in life.
    "hba1c": Limits(2.0, 25.0),
    # Total cholesterol (mg/dL): about 30 in abetalipoproteinaemia, about 1500 in familial
    # hypercholesterolaemia or cholestasis; LDL down to a few mg/dL on PCSK9 inhibitors.
    "cholesterol": Limits(10.0, 3000.0),
    "ldl": Limits(1.0, 2000.0),
    # 25-OH vitamin D (ng/mL): printed down to about 3-4 ng/mL; toxicity above 150.
    "vitamin_d": Limits(1.0, 500.0),
    # CH50 (U/mL): 0 in complete deficiency, rarely above 150.
    "ch50": Limits(0.0, 300.0),
    "weight": Limits(0.5, 400.0),
    # Height (cm): about 25 cm (extremely preterm) to 272 cm (tallest recorded).
    "height": Limits(20.0, 280.0),
    "systolic_bp": Limits(40.0, 300.0),
    "diastolic_bp": Limits(20.0, 200.0),
    # Body temperature: survived extremes are about 14-47 °C; 100 °C is a °F value.
    "temperature": Limits(14.0, 47.0),
}


def _number(value: float, unit_label: str, digits: int = 6) -> str:
    return f"{format_number(round_significant(value, digits))} {unit_label}"


def implausible(m: Measurement) -> str:
    """'' when the measurement is possible, else a one-line refusal naming the unit that
    would make it plausible."""
    limits = PLAUSIBLE.get(m.marker.key)
    if limits is None or m.base_value is None or not m.in_canonical_family:
        return ""
    comparator = m.value.comparator
    below_ok = comparator in (Comparator.LT, Comparator.LE)  # "<0.001": below detection
    above_ok = comparator in (Comparator.GT, Comparator.GE) and m.base_value <= limits.high
    if (below_ok or m.base_value >= limits.low or limits.holds(m.base_value)) and (
        above_ok or m.base_value <= limits.high
    ):
        return _whole_number_unit_read_as_decimal(m, limits)
    marker = m.marker
    canonical = marker.canonical_unit
    assert m.value.number is not None  # base_value is set, so the value is a number
    entered = _number(m.value.number, m.unit.label)
    thousands = _thousands_reading(m, limits)
    if thousands:
        return (
            f"{entered} is not a possible {marker.label}; if the separator in "
            f"{m.value.text!r} groups thousands it is {thousands}: type it without the "
            "separator, or change the number format (decimal point or comma) in "
            "Profile."
        )
    for unit in _alternatives(marker, m):
        converted = unit.to_base(m.value.number)
        if limits.holds(converted):
            meant = _number(m.value.number, unit.label)
            if unit is not canonical:
                meant += f" = {format_number(rounded_for(canonical, converted))} {canonical.label}"
            return f"{entered} is not a possible {marker.label}; did you mean {meant}?"
    return (
        f"{entered} is not a possible {marker.label} (possible: "
        f"{format_number(limits.low)}-{format_number(limits.high)} {canonical.label}); "
        "check the value and its unit."
    )


def _whole_number_unit_read_as_decimal(m: Measurement, limits: Limits) -> str:
    """'' unless an ambiguous number (``250.000``) was read as a decimal in a unit labs print
    without decimals (mg/24h, /µL) while 1000 times it is also possible: the separator then
    most likely groups thousands, and the app asks rather than store a value 1000x small."""
    thousands = _thousands_reading(m, limits)
    if not thousands or m.unit.decimals != 0:
        return ""
    return (
        f"{m.value.text!r} was read as {_number(m.value.number or 0, m.unit.label)}, but "
        f"labs print {m.unit.label} without decimals: if the separator groups thousands "
        f"it is {thousands}. Type the number without the separator, or change the number "
        "format (decimal point or comma) in Profile."
    )


def _thousands_reading(m: Measurement, limits: Limits) -> str:
    """'' unless the value was typed in the ambiguous form (``1.250``) and 1000 times it is
    possible: then that reading, e.g. "1250 mg/24h = 1.25 g/24h"."""
    digits = m.value.text.lstrip("<>=")
    if m.value.number is None or not AMBIGUOUS_NUMBER.match(digits):
        return ""
    number = m.value.number * 1000
    converted = m.unit.to_base(number)
    if not limits.holds(converted):
        return ""
    text = _number(number, m.unit.label)
    canonical = m.marker.canonical_unit
    if m.unit is not canonical:
        text += f" = {format_number(rounded_for(canonical, converted))} {canonical.label}"
    return text


def _alternatives(marker: Marker, m: Measurement) -> list[Unit]:
    """The other units of the canonical family, canonical first."""
    family = marker.canonical_unit.family
    return [u for u in marker.units.units if u.family == family and u is not m.unit]


# A lab's own reference range lies within this factor of the catalog's default range.  Our
# choice: labs and assays differ by up to about 2-3x (hs-CRP <3 against CRP <10; anti-dsDNA
# kits), while a range copied from a report printed in another unit is off by the unit
# factor: 10 (Hb g/dL against g/L), 88.4 (creatinine µmol/L), 100 (C3 mg/dL against g/L).
RANGE_FACTOR = 4.0
# A range far from the usual one in the value's unit is refused only when another unit of
# the family brings it at least this many times closer.  Our choice: an hs-CRP cut-off
# "<1 mg/L" is 5x below the usual <5 mg/L and, read as mg/dL, 2x above it (2.5x closer: a
# real hs-CRP range, kept); a CRP range "<0.5" printed in mg/dL and typed beside a mg/L
# value is 10x off and exact in mg/dL (10x closer: refused).
CLEARLY_CLOSER = 3.0


def _defaults(marker: Marker) -> list[RefRange]:
    """The catalog's numeric default ranges of ``marker`` (either sex) in the canonical unit."""
    return [
        r
        for r in (marker.reference_range(None), *(marker.reference_range(s) for s in Sex))
        if r is not None and r.word is None and not r.titer
    ]


def _distance_from_defaults(base: RefRange, defaults: list[RefRange]) -> float | None:
    """The factor between a range (in the canonical unit) and the closest default range,
    each limit compared with the same side of the default (a one-sided ``<1.1`` with the
    upper limit, ``>12`` with the lower one); None when they share no side."""
    best: float | None = None
    for default in defaults:
        factors = [
            max(lab / usual, usual / lab)
            for lab, usual in ((base.low, default.low), (base.high, default.high))
            if lab is not None and usual is not None and lab > 0 and usual > 0
        ]
        if factors and (best is None or max(factors) < best):
            best = max(factors)
    return best


def _range_possible(base: RefRange, limits: Limits | None) -> bool:
    """Every positive limit of a range (in the canonical unit) is a possible value."""
    return limits is None or all(
        limits.holds(v) for v in (base.low, base.high) if v is not None and v > 0
    )


def _unit_that_fits(
    m: Measurement, ref: RefRange, here: float | None, possible_here: bool
) -> Unit | None:
    """The unit of the family in which the printed range is possible and close to the usual
    range, clearly closer than in the value's unit; None when no unit explains it better."""
    marker = m.marker
    limits = PLAUSIBLE.get(marker.key)
    defaults = _defaults(marker)
    best: tuple[float, Unit] | None = None
    for unit in _alternatives(marker, m):
        base = ref.scaled(unit.to_base)
        if not _range_possible(base, limits):
            continue
        distance = _distance_from_defaults(base, defaults)
        if distance is None:
            if possible_here:
                continue  # nothing to compare: a possible range is never second-guessed
            distance = math.inf
        elif distance > RANGE_FACTOR or (
            possible_here and here is not None and here < CLEARLY_CLOSER * distance
        ):
            continue
        if best is None or distance < best[0]:
            best = (distance, unit)
    return None if best is None else best[1]


def implausible_range(m: Measurement) -> str:
    """'' when the lab's printed range is possible for the result's unit, else a one-line
    refusal naming the unit the range fits (issue 12 red-team finding: a C3 range 0.9-1.8
    copied next to a value in mg/dL was stored as 0.9-1.8 mg/dL and the low C3 flagged
    HIGH; round 3: a one-sided creatinine range ``<1.1`` beside a value in µmol/L).

    Checked the way values are, for two-sided and one-sided ranges alike: a range with a
    limit outside the marker's plausibility limits in the value's unit, or far from the
    usual range in that unit while close to it in another unit of the marker, is refused
    and the message names that unit.  Never guessed: the range is not converted, the person
    re-enters it.  Every entry path (dialog, command line, CSV, FHIR) comes here through
    ``domain.entry.check_entry``."""
    ref = m.ref
    if not m.ref_is_lab or ref is None or ref.word is not None or ref.titer:
        return ""
    if not m.in_canonical_family:
        return ""
    marker = m.marker
    limits = PLAUSIBLE.get(marker.key)
    base = ref.scaled(m.unit.to_base)
    here = _distance_from_defaults(base, _defaults(marker))
    possible_here = _range_possible(base, limits)
    if possible_here and (here is None or here <= RANGE_FACTOR):
        return ""
    shown = ref.text()
    unit = _unit_that_fits(m, ref, here, possible_here)
    if unit is not None:
        return (
            f"The reference range {shown} looks like {unit.label}, the value is in "
            f"{m.unit.label}: enter the range in {m.unit.label} as the lab "
            "printed it next to this value."
        )
    if not possible_here:
        return (
            f"The reference range {shown} is not possible for {marker.label} in "
            f"{m.unit.label}; check the range and the result's unit."
        )
    return ""
