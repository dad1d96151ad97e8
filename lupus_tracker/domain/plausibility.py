"""What is physiologically possible for each marker, and the unit that would make an
impossible entry plausible ("78 g/L is not a possible C3; did you mean 78 mg/dL = 0.78 g/L?").

Limits are in the marker's canonical unit and deliberately wide: they catch a value typed
under the wrong unit or with a slipped decimal, never a real extreme.  Real extremes that must
stay accepted (issue 12 item 2): Hb 4.5 g/dL, creatinine 12 mg/dL, platelets 5 x10^9/L,
CRP 350 mg/L, anti-dsDNA 3000 IU/mL, 24-h urine protein 15 g, UPCR 12 mg/mg.  Each limit is
our choice, set beyond the most extreme values reported in living patients and below the
first value a unit mix-up produces; the comment on each row says why.

The check applies to entries (dialog, command line, import).  Stored results are never
re-checked, so one impossible stored value cannot stop the app reading the others.
"""

from __future__ import annotations

from dataclasses import dataclass

from lupus_tracker.domain.catalog import Marker
from lupus_tracker.domain.measurement import Measurement
from lupus_tracker.domain.units import Unit, rounded_for
from lupus_tracker.domain.values import Comparator, format_number, round_significant


@dataclass(frozen=True)
class Limits:
    """Possible values in the canonical unit, both ends included."""

    low: float
    high: float

    def holds(self, value: float) -> bool:
        return self.low <= value <= self.high


PLAUSIBLE: dict[str, Limits] = {
    # C3: the highest acute-phase values are about 3 g/L; 78 g/L is a mg/dL value.
    "c3": Limits(0.0, 5.0),
    # C4: rarely above 1 g/L; 500 g/L is a mg/L value.
    "c4": Limits(0.0, 2.0),
    # Albumin: about 10-55 g/L in life; 3.5 g/L is a g/dL value typed under g/L.
    "albumin": Limits(5.0, 70.0),
    # 24-h protein: nephrotic lupus reaches 15-20 g/24 h; 40 g leaves room, 1250 g does not.
    "urine_protein_24h": Limits(0.0, 40.0),
    # UPCR: 12 mg/mg in heavy nephrotic syndrome; 30 leaves room (a mg/g value is 1000x).
    "upcr": Limits(0.0, 30.0),
    # UACR: up to about 10,000 mg/g in massive albuminuria.
    "uacr": Limits(0.0, 15000.0),
    # Creatinine: about 20 mg/dL at most before dialysis; 80 mg/dL is a µmol/L value.
    "creatinine": Limits(0.05, 30.0),
    # eGFR: children and hyperfiltration reach about 180.
    "egfr": Limits(0.0, 300.0),
    # Hemoglobin: 2-25 g/dL in life; 125 g/dL is a g/L value.
    "hemoglobin": Limits(1.0, 26.0),
    # White cells: leukaemic counts can exceed 500 x10^9/L.
    "wbc": Limits(0.0, 1000.0),
    "lymphocytes": Limits(0.0, 1000.0),
    # Platelets: 0 to about 2000 x10^9/L (reactive thrombocytosis); 250000 is a /µL value.
    "platelets": Limits(0.0, 3000.0),
    # ESR (Westergren): the tube is 200 mm long.
    "esr": Limits(0.0, 200.0),
    # CRP: above 500 mg/L is exceptional; 1000 leaves room.
    "crp": Limits(0.0, 1000.0),
    # anti-dsDNA in IU/mL: several thousand in active disease; kit units are not limited.
    "anti_dsdna": Limits(0.0, 100000.0),
    # Urine sediment: "too numerous to count" is about 100-200 /HPF.
    "urine_rbc": Limits(0.0, 1000.0),
    "urine_wbc": Limits(0.0, 1000.0),
    "weight": Limits(0.5, 400.0),
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
    if (below_ok or m.base_value >= limits.low) and (above_ok or m.base_value <= limits.high):
        return ""
    marker = m.marker
    canonical = marker.canonical_unit
    assert m.value.number is not None  # base_value is set, so the value is a number
    entered = _number(m.value.number, m.unit.label)
    for unit in _alternatives(marker, m):
        converted = unit.to_base(m.value.number)
        if limits.holds(converted):
            meant = _number(m.value.number, unit.label)
            if unit is not canonical:
                meant += f" = {format_number(rounded_for(canonical, converted))} " \
                         f"{canonical.label}"
            return f"{entered} is not a possible {marker.label}; did you mean {meant}?"
    return (f"{entered} is not a possible {marker.label} (possible: "
            f"{format_number(limits.low)}-{format_number(limits.high)} {canonical.label}); "
            "check the value and its unit.")


def _alternatives(marker: Marker, m: Measurement) -> list[Unit]:
    """The other units of the canonical family, canonical first."""
    family = marker.canonical_unit.family
    return [u for u in marker.units.units if u.family == family and u is not m.unit]
