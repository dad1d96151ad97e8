"""eGFR by the 2021 CKD-EPI creatinine equation (race-free; Inker et al., NEJM 2021) for
adults, and by the bedside Schwartz equation (Schwartz et al., JASN 2009) under 18 when a
height is logged.

eGFR = 142 x min(Scr/k, 1)^a x max(Scr/k, 1)^-1.200 x 0.9938^age x 1.012 [female],
Scr in mg/dL, k = 0.7 (female) / 0.9 (male), a = -0.241 (female) / -0.302 (male); adults only.
The paper converts µmol/L to mg/dL by dividing by 88.4, and so does this module.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from datetime import date

from lupus_tracker.domain.catalog import Marker, get_marker
from lupus_tracker.domain.records import LabEntry, LabResult, NumberFormat, Sex, Source

EQUATION = "CKD-EPI 2021"
UMOL_PER_MG_DL = 88.4  # the equation's own conversion (the catalog's exact factor is 88.42)
MIN_AGE = 18
# Our choice: the equation's age range is 18 to 120 (no older person is documented).
MAX_AGE = 120
# CKD-EPI 2021 coefficients (Inker et al., NEJM 2021;385:1737-49, table S2, race-free).
CKD_EPI_CONSTANT = 142.0
CKD_EPI_KAPPA = {Sex.FEMALE: 0.7, Sex.MALE: 0.9}
CKD_EPI_ALPHA = {Sex.FEMALE: -0.241, Sex.MALE: -0.302}
CKD_EPI_ABOVE_KAPPA_EXPONENT = -1.200
CKD_EPI_AGE_BASE = 0.9938
CKD_EPI_FEMALE_FACTOR = 1.012
# Our choice: serum creatinine from 0.05 to 40 mg/dL (4.4-3,536 µmol/L) covers every value
# reported in dialysis-dependent patients; outside it the number is a typing or unit error.
CREATININE_MIN_MG_DL, CREATININE_MAX_MG_DL = 0.05, 40.0
MMOL_TO_UMOL = 1000  # UCUM: 1 mmol = 1000 µmol


class EgfrError(ValueError):
    """Input the equation does not cover."""


def ckd_epi_2021(creatinine_mg_dl: float, age: float, sex: Sex) -> float:
    """eGFR in mL/min/1.73 m² from serum creatinine (mg/dL), age (years) and sex."""
    if sex not in tuple(Sex):
        raise EgfrError(f"Sex must be female or male for the CKD-EPI equation, not {sex!r}.")
    if not math.isfinite(age) or age < MIN_AGE or age > MAX_AGE:
        raise EgfrError(
            f"The CKD-EPI 2021 equation is for adults aged {MIN_AGE} to {MAX_AGE}, not {age:g}."
        )
    _check_creatinine(creatinine_mg_dl)
    known = Sex(sex)
    ratio = creatinine_mg_dl / CKD_EPI_KAPPA[known]
    egfr: float = (
        CKD_EPI_CONSTANT
        * min(ratio, 1) ** CKD_EPI_ALPHA[known]
        * max(ratio, 1) ** CKD_EPI_ABOVE_KAPPA_EXPONENT
        * CKD_EPI_AGE_BASE**age
    )
    return egfr * CKD_EPI_FEMALE_FACTOR if known is Sex.FEMALE else egfr


def _check_creatinine(creatinine_mg_dl: float) -> None:
    if not (
        math.isfinite(creatinine_mg_dl)
        and CREATININE_MIN_MG_DL <= creatinine_mg_dl <= CREATININE_MAX_MG_DL
    ):
        raise EgfrError(f"A serum creatinine of {creatinine_mg_dl:g} mg/dL is not plausible.")


# The creatinine units the ``egfr`` command takes (unit codes of the catalog's creatinine).
EQUATION_UNIT_CODES = ("mg/dL", "umol/L")


def creatinine_to_mg_dl(value: float, unit: str) -> float:
    """Convert for the equation: mg/dL as is, µmol/L divided by 88.4.  ``unit`` is read
    through the creatinine's one unit table, so every spelling the app itself prints or
    accepts elsewhere ("µmol/L", "umol/L", "μmol/L", "micromol/L") means the same here
    (rheum4 finding 5)."""
    found = get_marker("creatinine").units.find(unit)
    if found is not None and found.code in EQUATION_UNIT_CODES:
        mg_dl = creatinine_in_mg_dl(value, found.code)
        if mg_dl is not None:
            return mg_dl
    raise EgfrError(f"Creatinine unit must be mg/dL or µmol/L, not {unit!r}.")


def age_on(birth: date, day: date) -> int:
    """Age in whole years on ``day``."""
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


# -- KDIGO 2012 GFR categories (KDIGO 2012 CKD guideline, Kidney Int Suppl 2013;3:1-150,
#    table 5; unchanged in KDIGO 2024): lower limits in mL/min/1.73 m².
G1_MIN, G2_MIN, G3A_MIN, G3B_MIN, G4_MIN = 90, 60, 45, 30, 15
# KDIGO: a GFR below 60 for more than 3 months is chronic kidney disease whatever the
# cause; G2 (60-89) alone is not ("mildly decreased", normal for many older adults).
REDUCED_BELOW = G2_MIN  # 60: flagged LOW below it
_STAGES = (
    (G1_MIN, "G1", "normal or high"),
    (G2_MIN, "G2", "mildly decreased"),
    (G3A_MIN, "G3a", "mildly to moderately decreased"),
    (G3B_MIN, "G3b", "moderately to severely decreased"),
    (G4_MIN, "G4", "severely decreased"),
    (0, "G5", "kidney failure"),
)


def gfr_boundaries() -> tuple[tuple[int, str, str], ...]:
    """Each KDIGO category from G1 to G4 by its lower limit, code and range as printed:
    ``(90, "G1", "G1 ≥90"), (60, "G2", "G2 60–89")``, … (KDIGO 2012, table 5)."""
    bounded = _STAGES[:-1]
    upper = [None, *(lower for lower, _, _ in bounded[:-1])]
    return tuple(
        (lower, code, f"{code} \u2265{lower}" if top is None else f"{code} {lower}\u2013{top - 1}")
        for (lower, code, _), top in zip(bounded, upper, strict=True)
    )


def gfr_category(egfr: float) -> tuple[str, str]:
    """The KDIGO category and its words: 72 -> ('G2', 'mildly decreased')."""
    for lower, code, words in _STAGES:
        if egfr >= lower:
            return code, words
    return "G5", "kidney failure"


def gfr_stage_text(egfr: float) -> str:
    """The one wording of an eGFR's KDIGO category, at every level, in the list, the
    dashboard, the report and the charts: 45 -> 'KDIGO G3a: mildly to moderately
    decreased'."""
    code, words = gfr_category(egfr)
    return f"KDIGO {code}: {words}"


# -- children: bedside Schwartz (Schwartz et al., J Am Soc Nephrol 2009;20:629-37) --------
# Our choice: heights from 40 cm (a preterm newborn) to 230 cm; outside, a typing error.
HEIGHT_MIN_CM, HEIGHT_MAX_CM = 40.0, 230.0
SCHWARTZ_K = 0.413  # eGFR = 0.413 x height (cm) / creatinine (mg/dL), enzymatic creatinine


def under_18_note(age: float, height_logged: bool) -> str:
    """The one wording for an eGFR under 18 (issue 12 item 8), used by the dashboard, the
    report and the command line: '' from 18; else that CKD-EPI is for adults and, without a
    height logged near the creatinine, that the bedside Schwartz equation needs one."""
    if age >= MIN_AGE:
        return ""
    equation = "0.413 x height (cm) / creatinine (mg/dL)"
    if height_logged:
        return f"CKD-EPI is for adults; eGFR by the bedside Schwartz equation ({equation})"
    return (
        "CKD-EPI is for adults; the bedside Schwartz equation needs a height "
        f"({equation}): log a height near the creatinine"
    )


def bedside_schwartz(creatinine_mg_dl: float, height_cm: float) -> float:
    """Bedside Schwartz eGFR (mL/min/1.73 m²) for ages 1-17."""
    if not (math.isfinite(height_cm) and HEIGHT_MIN_CM <= height_cm <= HEIGHT_MAX_CM):
        raise EgfrError(f"A height of {height_cm:g} cm is not plausible.")
    _check_creatinine(creatinine_mg_dl)
    return SCHWARTZ_K * height_cm / creatinine_mg_dl


# -- the computed eGFR beside a creatinine --------------------------------------------------
COMPUTED_ASSAY = "CKD-EPI 2021 (computed)"
# Our choice, from issue 12 item 6: a lab eGFR and the one computed from the same day's
# creatinine that differ by more than 10% are pointed out (the lab may use another equation).
DIFFERENCE_NOTE_ABOVE = 0.10


def creatinine_in_mg_dl(number: float, unit_code: str) -> float | None:
    """A creatinine in mg/dL for the equation (µmol/L / 88.4, mmol/L x 1000 / 88.4)."""
    if unit_code == "mg/dL":
        return number
    if unit_code == "umol/L":
        return number / UMOL_PER_MG_DL
    if unit_code == "mmol/L":
        return number * MMOL_TO_UMOL / UMOL_PER_MG_DL
    return None


SCHWARTZ_ASSAY = "Bedside Schwartz (computed)"
SCHWARTZ_EQUATION = "bedside Schwartz"
SCHWARTZ_NAME = f"eGFR ({SCHWARTZ_EQUATION})"


def computed_equation(assay: str | None) -> str:
    """The equation of a computed eGFR, as its remark names it: "bedside Schwartz" or
    "CKD-EPI 2021"."""
    return SCHWARTZ_EQUATION if assay == SCHWARTZ_ASSAY else EQUATION


def result_name(marker: Marker, assay: str | None, *, short: bool = False) -> str:
    """The name a reader sees for one result, in every view, chart, report and export: the
    catalog's (``marker.name``, or ``marker.label`` when ``short``), except that an eGFR
    computed by the bedside Schwartz equation (stored with ``SCHWARTZ_ASSAY``) is named
    by that equation, never the catalog's "eGFR (CKD-EPI 2021)" (issue 12 item 8)."""
    if marker.key == "egfr" and assay == SCHWARTZ_ASSAY:
        return SCHWARTZ_NAME
    return marker.label if short else marker.name


def results_name(marker: Marker, assays: Iterable[str | None]) -> str:
    """The name over several results of one marker (a chart's title): the one name they
    share, or the marker's short label ("eGFR") when their methods differ."""
    names = {result_name(marker, assay) for assay in assays}
    if len(names) == 1:
        return names.pop()
    return marker.label if names else marker.name


SCHWARTZ_MIN_AGE = 1  # Schwartz et al. 2009 studied children aged 1-16
# Our choice: a height counts for a creatinine when measured within 180 days of it (a
# teenager grows about 6-8 cm a year, so at most about 2% of the eGFR).
HEIGHT_WITHIN_DAYS = 180

Height = tuple[date, float]  # (day measured, height in cm)


def height_near(heights: Sequence[Height], day: date) -> Height | None:
    """The height measured closest to ``day`` within ``HEIGHT_WITHIN_DAYS`` (the earlier one
    on a tie), or None."""
    near = [
        (abs((taken - day).days), taken, cm)
        for taken, cm in heights
        if abs((taken - day).days) <= HEIGHT_WITHIN_DAYS
    ]
    if not near:
        return None
    _, taken, cm = min(near)
    return taken, cm


def computed_egfr_entry(
    creatinine: LabResult, birth_date: date | None, sex: Sex | None, heights: Sequence[Height] = ()
) -> LabEntry | None:
    """The eGFR to store beside one creatinine result: CKD-EPI 2021 from 18 years, the
    bedside Schwartz equation from 1 to 17 when a height was logged near it; None when it
    cannot honestly be computed (no birth date or sex, under 18 without a height, a bound
    such as ``<0.5``, an unknown unit or an impossible value).  Pure: the store calls it
    whenever a creatinine or a height is saved or imported, and recomputes all when the
    profile changes."""
    if (
        creatinine.marker != "creatinine"
        or birth_date is None
        or sex is None
        or creatinine.number is None
        or creatinine.comparator is not None
    ):
        return None
    mg_dl = creatinine_in_mg_dl(creatinine.number, creatinine.unit)
    age = age_on(birth_date, creatinine.taken_on)
    if mg_dl is None:
        return None
    if age < MIN_AGE:
        return _schwartz_entry(creatinine, mg_dl, age, height_near(heights, creatinine.taken_on))
    try:
        value = ckd_epi_2021(mg_dl, age, sex)
    except EgfrError:
        return None
    # The creatinine's lab goes with the value: a derived eGFR is comparable only when the
    # creatinine is (domain/comparability.py).
    return LabEntry(
        creatinine.taken_on,
        "egfr",
        f"{value:.0f}",
        lab=creatinine.lab,
        assay=COMPUTED_ASSAY,
        note=f"from creatinine {creatinine.value_text} on "
        f"{creatinine.taken_on.isoformat()}, age {age}",
        source=Source.COMPUTED,
        number_format=NumberFormat.POINT,
    )


def _schwartz_entry(
    creatinine: LabResult, mg_dl: float, age: int, height: Height | None
) -> LabEntry | None:
    if height is None or age < SCHWARTZ_MIN_AGE:
        return None
    measured_on, cm = height
    try:
        value = bedside_schwartz(mg_dl, cm)
    except EgfrError:
        return None
    return LabEntry(
        creatinine.taken_on,
        "egfr",
        f"{value:.0f}",
        lab=creatinine.lab,
        assay=SCHWARTZ_ASSAY,
        note=f"bedside Schwartz from creatinine {creatinine.value_text} on "
        f"{creatinine.taken_on.isoformat()} and height {cm:g} cm on "
        f"{measured_on.isoformat()}, age {age} (CKD-EPI is for adults)",
        source=Source.COMPUTED,
        number_format=NumberFormat.POINT,
    )


def computed_egfr_text(egfr_text: str, creatinine_text: str = "") -> str:
    """The one wording of a computed eGFR beside a lab's: it names the creatinine it was
    computed from, never its own number as if it were the creatinine: 'computed eGFR 92
    (from creatinine 0.85 mg/dL)'; 'computed eGFR 92' when that creatinine is not known."""
    source = f" (from creatinine {creatinine_text})" if creatinine_text else ""
    return f"computed eGFR {egfr_text}{source}"


def lab_and_computed_note(lab_value: float, computed: float, creatinine_text: str = "") -> str:
    """'' when they agree within 10%, else the sentence the dashboard shows."""
    if lab_value <= 0 or abs(computed - lab_value) / lab_value <= DIFFERENCE_NOTE_ABOVE:
        return ""
    beside = computed_egfr_text(f"{computed:.0f}", creatinine_text)
    return f"lab {lab_value:.0f}, {beside} — ask which equation your lab uses"
