"""The largest single dose that is possible for the drugs the app knows, so that a typing
slip (prednisone 100000 mg daily) is refused instead of feeding the glucocorticoid exposure,
LLDAS and the hydroxychloroquine mg/kg check (fixclin red-team finding on issue 12).

Limits are per single dose, in mg, and deliberately above every regimen in use: they catch
a slip, never a real dose.
- Glucocorticoids, in prednisone-equivalent mg (domain/glucocorticoids.py converts): pulse
  therapy is 250 mg/day prednisone-equivalent or more, usually methylprednisolone 500-1000
  mg a day (Buttgereit et al., Ann Rheum Dis 2002; 61:718).  Methylprednisolone 1000 mg is
  1250 mg prednisone-equivalent; our limit 2000 mg leaves room (dexamethasone 200 mg pulses
  are 1333 mg) and refuses a dose ten times the largest pulse.
- Hydroxychloroquine: the largest single dose on the label is 800 mg, the first dose for an
  acute malaria attack (Plaquenil US prescribing information: 800 mg, then 400 mg at 6, 24
  and 48 hours); lupus doses are 200-400 mg a day.
"""

from __future__ import annotations

from lupus_tracker.domain.glucocorticoids import generic_glucocorticoid, prednisone_factor
from lupus_tracker.domain.hydroxychloroquine import is_hydroxychloroquine
from lupus_tracker.domain.records import Dose
from lupus_tracker.domain.values import format_number

MAX_GLUCOCORTICOID_DOSE_PREDNISONE_MG = 2000.0
MAX_HYDROXYCHLOROQUINE_DOSE_MG = 800.0

_MG_PER_UNIT = {
    "mcg": 0.001,
    "mg": 1.0,
    "milligram": 1.0,
    "milligrams": 1.0,
    "g": 1000.0,
    "gram": 1000.0,
    "grams": 1000.0,
}


def implausible_dose(medication_name: str, dose: Dose) -> str:
    """'' when the dose is possible for the medication (or the app knows no limit for it),
    else a one-line refusal naming the limit and its source."""
    if dose.dose is None:
        return ""
    per_mg = _MG_PER_UNIT.get((dose.unit or "").strip().lower())
    if per_mg is None:
        return ""
    mg = dose.dose * per_mg
    entered = f"{format_number(dose.dose)} {dose.unit.strip() if dose.unit else ''}".strip()
    generic = generic_glucocorticoid(medication_name)
    if generic is not None:
        equivalent = mg * prednisone_factor(generic)
        if equivalent > MAX_GLUCOCORTICOID_DOSE_PREDNISONE_MG:
            limit = MAX_GLUCOCORTICOID_DOSE_PREDNISONE_MG / prednisone_factor(generic)
            return (
                f"{entered} of {medication_name} in one dose is not possible: the limit "
                f"is {format_number(limit)} mg {generic}, above the largest pulses "
                "(methylprednisolone 1000 mg, Buttgereit et al. 2002); check the amount "
                "and its unit."
            )
    if is_hydroxychloroquine(medication_name) and mg > MAX_HYDROXYCHLOROQUINE_DOSE_MG:
        return (
            f"{entered} of {medication_name} in one dose is not possible: the largest "
            f"single dose on the label is {format_number(MAX_HYDROXYCHLOROQUINE_DOSE_MG)} mg "
            "(Plaquenil prescribing information); check the amount and its unit."
        )
    return ""
