"""eGFR by the 2021 CKD-EPI creatinine equation (race-free; Inker et al., NEJM 2021).

eGFR = 142 x min(Scr/k, 1)^a x max(Scr/k, 1)^-1.200 x 0.9938^age x 1.012 [female],
Scr in mg/dL, k = 0.7 (female) / 0.9 (male), a = -0.241 (female) / -0.302 (male); adults only.
The paper converts µmol/L to mg/dL by dividing by 88.4, and so does this module.
"""

from __future__ import annotations

import math
from datetime import date

from lupus_tracker.domain.records import Sex

EQUATION = "CKD-EPI 2021"
UMOL_PER_MG_DL = 88.4  # the equation's own conversion (the catalog's exact factor is 88.42)
MIN_AGE = 18


class EgfrError(ValueError):
    """Input the equation does not cover."""


def ckd_epi_2021(creatinine_mg_dl: float, age: float, sex: Sex) -> float:
    """eGFR in mL/min/1.73 m² from serum creatinine (mg/dL), age (years) and sex."""
    if sex not in tuple(Sex):
        raise EgfrError(f"Sex must be female or male for the CKD-EPI equation, not {sex!r}.")
    if not math.isfinite(age) or age < MIN_AGE or age > 120:
        raise EgfrError(f"The CKD-EPI 2021 equation is for adults aged {MIN_AGE} to 120, "
                        f"not {age:g}.")
    if not math.isfinite(creatinine_mg_dl) or not 0.05 <= creatinine_mg_dl <= 40:
        raise EgfrError(f"A serum creatinine of {creatinine_mg_dl:g} mg/dL is not plausible.")
    female = Sex(sex) is Sex.FEMALE
    kappa, alpha = (0.7, -0.241) if female else (0.9, -0.302)
    ratio = creatinine_mg_dl / kappa
    egfr: float = 142 * min(ratio, 1) ** alpha * max(ratio, 1) ** -1.200 * 0.9938 ** age
    return egfr * 1.012 if female else egfr


def creatinine_to_mg_dl(value: float, unit: str) -> float:
    """Convert for the equation: mg/dL as is, µmol/L divided by 88.4."""
    folded = unit.replace("\u00b5", "u").replace("\u03bc", "u").lower()
    if folded == "mg/dl":
        return value
    if folded == "umol/l":
        return value / UMOL_PER_MG_DL
    raise EgfrError(f"Creatinine unit must be mg/dL or umol/L, not {unit!r}.")


def age_on(birth: date, day: date) -> int:
    """Age in whole years on ``day``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
