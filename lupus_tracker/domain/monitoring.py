"""Which blood tests each medication class usually needs, how often, and what is due.

The intervals are common defaults for stable treatment, not orders: the user can set the
interval their rheumatologist chose, and that wins. Sources:
- Mycophenolate, azathioprine, methotrexate: blood count and liver tests every 1-3 months
  once the dose is stable (BSR guideline for the prescription and monitoring of
  non-biologic DMARDs, Ledingham et al., Rheumatology 2017;56:865-8; NHS Specialist
  Pharmacy Service monitoring pages: "every 3 months" once stable). Default 90 days.
- Methotrexate: serum creatinine / eGFR with the blood count and liver tests (same BSR
  2017 schedule, "FBC, U&E, LFT ... then every 3 months"; NHS SPS methotrexate
  monitoring page, sps.nhs.uk/monitorings/methotrexate-monitoring: creatinine or eGFR at
  every check; methotrexate is cleared by the kidney). Default 90 days.
- Calcineurin inhibitors (tacrolimus, ciclosporin, voclosporin): creatinine/eGFR, blood
  pressure, potassium and glucose. Voclosporin (LUPKYNIS US prescribing information,
  FDA label 2025, dosage section: eGFR every 2 weeks for the first month, then every 4
  weeks; warnings: hypertension and hyperkalaemia, monitor blood pressure and potassium).
  Ciclosporin and tacrolimus (BSR 2017 guideline above: U&E/creatinine, glucose and blood
  pressure every 2 weeks until stable for 3 months, then monthly). Default 28 days for
  each (every 4 weeks once stable; the first month's 2-weekly checks are the doctor's
  schedule, which the user can set as their own interval).
- Cyclophosphamide: blood count before each pulse and in between (same BSR guideline and
  Euro-Lupus regimen: pulses every 2 weeks). Default 30 days.
- Rituximab: immunoglobulins (IgG) before each course and about every 6 months
  (BSR biologics guideline, Holroyd et al., Rheumatology 2019;58:e3-42). Default 180 days.
- Glucocorticoids: blood glucose and blood pressure (EULAR recommendations on monitoring
  glucocorticoid therapy, van der Goes et al., Ann Rheum Dis 2010;69:1913-9: blood
  pressure and fasting glucose at baseline and during treatment). Defaults 90 days for
  blood pressure, 365 days for glucose or HbA1c.
- Lupus nephritis: urine protein, creatinine/eGFR and serology (anti-dsDNA, C3/C4) at
  each visit, every 3 months when stable (EULAR recommendations for monitoring SLE,
  Mosca et al., Ann Rheum Dis 2010;69:1269-74). Default 90 days.
- Blood pressure target in lupus nephritis below 130/80 mmHg (KDIGO 2024 Clinical Practice
  Guideline for the Management of Lupus Nephritis, Kidney Int 2024;105(1S):S1-69,
  adjunctive measures; the EULAR/ERA-EDTA 2019 recommendations give the same target).
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from lupus_tracker.domain.glucocorticoids import generic_glucocorticoid
from lupus_tracker.domain.records import Medication

# Our choice: a test due within 14 days is shown as due (time to book it).
DUE_SOON_DAYS = 14
# Our choice: a user-set interval is 1 day to 10 years (3650 days); longer is a typo.
MIN_INTERVAL_DAYS, MAX_INTERVAL_DAYS = 1, 3650
BP_TARGET_LUPUS_NEPHRITIS = (130, 80)  # below, mmHg (KDIGO 2024)
SETTING_PREFIX = "monitoring.interval."  # + item key -> days, as text
LUPUS_NEPHRITIS_SETTING = "condition.lupus_nephritis"  # "yes" / "no"


class DrugClass(enum.StrEnum):
    MYCOPHENOLATE = "mycophenolate"
    AZATHIOPRINE = "azathioprine"
    METHOTREXATE = "methotrexate"
    CYCLOPHOSPHAMIDE = "cyclophosphamide"
    RITUXIMAB = "rituximab"
    CALCINEURIN_INHIBITOR = "calcineurin inhibitor"
    GLUCOCORTICOID = "glucocorticoid"
    LUPUS_NEPHRITIS = "lupus nephritis"  # a condition, monitored like a class

    @property
    def label(self) -> str:
        return self.value.capitalize()


_CLASS_NAMES: dict[DrugClass, re.Pattern[str]] = {
    DrugClass.MYCOPHENOLATE: re.compile(
        r"\b(mycophenol\w*|cellcept|myfortic|mmf)\b", re.IGNORECASE
    ),
    DrugClass.AZATHIOPRINE: re.compile(r"\b(azathioprine|imuran|azasan)\b", re.IGNORECASE),
    DrugClass.METHOTREXATE: re.compile(
        r"\b(methotrexate|mtx|trexall|otrexup|rasuvo|metoject)\b", re.IGNORECASE
    ),
    DrugClass.CYCLOPHOSPHAMIDE: re.compile(
        r"\b(cyclophosphamide|cytoxan|endoxan)\b", re.IGNORECASE
    ),
    DrugClass.RITUXIMAB: re.compile(
        r"\b(rituximab|rituxan|mabthera|truxima|ruxience|riabni)\b", re.IGNORECASE
    ),
    # Systemic forms only: tacrolimus ointment (Protopic) and ciclosporin eye drops
    # (Restasis, Ikervis) are not named here, but a generic name alone still counts.
    DrugClass.CALCINEURIN_INHIBITOR: re.compile(
        r"\b(tacrolimus|prograf|advagraf|envarsus|adoport|ciclosporin|cyclosporine?|"
        r"neoral|sandimmune?|gengraf|voclosporin|lupkynis)\b",
        re.IGNORECASE,
    ),
}


def drug_class(name: str) -> DrugClass | None:
    for cls, pattern in _CLASS_NAMES.items():
        if pattern.search(name):
            return cls
    if generic_glucocorticoid(name) is not None:
        return DrugClass.GLUCOCORTICOID
    return None


@dataclass(frozen=True)
class Item:
    """A test to repeat: any result of ``markers`` counts."""

    key: str
    label: str
    markers: tuple[str, ...]
    default_days: int
    classes: tuple[DrugClass, ...]


BLOOD_COUNT = ("wbc", "neutrophils", "platelets", "hemoglobin", "lymphocytes")
ITEMS: tuple[Item, ...] = (
    Item(
        "blood_count",
        "Blood count",
        BLOOD_COUNT,
        90,
        (DrugClass.MYCOPHENOLATE, DrugClass.AZATHIOPRINE, DrugClass.METHOTREXATE),
    ),
    Item(
        "liver_tests",
        "Liver tests (ALT/AST)",
        ("alt", "ast"),
        90,
        (DrugClass.MYCOPHENOLATE, DrugClass.AZATHIOPRINE, DrugClass.METHOTREXATE),
    ),
    Item(
        "blood_count_cyclophosphamide",
        "Blood count (cyclophosphamide)",
        BLOOD_COUNT,
        30,
        (DrugClass.CYCLOPHOSPHAMIDE,),
    ),
    Item("igg", "IgG", ("igg",), 180, (DrugClass.RITUXIMAB,)),
    Item("glucose", "Glucose or HbA1c", ("glucose", "hba1c"), 365, (DrugClass.GLUCOCORTICOID,)),
    Item(
        "blood_pressure",
        "Blood pressure",
        ("systolic_bp", "diastolic_bp"),
        90,
        (DrugClass.GLUCOCORTICOID, DrugClass.LUPUS_NEPHRITIS),
    ),
    Item(
        "urine_protein",
        "Urine protein (UPCR or 24 h)",
        ("upcr", "urine_protein_24h"),
        90,
        (DrugClass.LUPUS_NEPHRITIS,),
    ),
    Item(
        "kidney_function",
        "Creatinine / eGFR",
        ("creatinine", "egfr"),
        90,
        (DrugClass.LUPUS_NEPHRITIS, DrugClass.METHOTREXATE),
    ),
    Item(
        "kidney_function_cni",
        "Creatinine / eGFR (calcineurin inhibitor)",
        ("creatinine", "egfr"),
        28,
        (DrugClass.CALCINEURIN_INHIBITOR,),
    ),
    Item(
        "blood_pressure_cni",
        "Blood pressure (calcineurin inhibitor)",
        ("systolic_bp", "diastolic_bp"),
        28,
        (DrugClass.CALCINEURIN_INHIBITOR,),
    ),
    Item(
        "potassium_cni",
        "Potassium (calcineurin inhibitor)",
        ("potassium",),
        28,
        (DrugClass.CALCINEURIN_INHIBITOR,),
    ),
    Item(
        "glucose_cni",
        "Glucose or HbA1c (calcineurin inhibitor)",
        ("glucose", "hba1c"),
        28,
        (DrugClass.CALCINEURIN_INHIBITOR,),
    ),
    Item(
        "serology",
        "Anti-dsDNA and C3/C4",
        ("anti_dsdna", "c3", "c4"),
        90,
        (DrugClass.LUPUS_NEPHRITIS,),
    ),
)
ITEMS_BY_KEY = {item.key: item for item in ITEMS}


class IntervalError(ValueError):
    pass


def check_interval(days: int) -> int:
    if not MIN_INTERVAL_DAYS <= days <= MAX_INTERVAL_DAYS:
        raise IntervalError(
            f"A monitoring interval is from {MIN_INTERVAL_DAYS} to "
            f"{MAX_INTERVAL_DAYS} days, not {days}."
        )
    return days


def intervals_from_settings(settings: Mapping[str, str]) -> dict[str, int]:
    """The user's own intervals from stored settings; unreadable values are ignored
    (the default then applies, and the view shows which interval is used)."""
    chosen: dict[str, int] = {}
    for key, value in settings.items():
        if key.startswith(SETTING_PREFIX) and key[len(SETTING_PREFIX) :] in ITEMS_BY_KEY:
            try:
                chosen[key[len(SETTING_PREFIX) :]] = check_interval(int(value))
            except (ValueError, IntervalError):
                continue
    return chosen


class DueStatus(enum.StrEnum):
    OVERDUE = "overdue"
    DUE = "due"
    NOT_DUE = "not due yet"
    NEVER = "no result yet"


@dataclass(frozen=True)
class Due:
    item: Item
    because: tuple[str, ...]  # the medications (or condition) that call for it
    interval_days: int
    own_interval: bool  # the user's interval, not the default
    last_result: date | None
    due_on: date | None
    status: DueStatus

    def text(self) -> str:
        last = (
            f"last result {self.last_result.isoformat()}"
            if self.last_result
            else "no result logged"
        )
        when = f", due {self.due_on.isoformat()}" if self.due_on else ""
        whose = "your interval" if self.own_interval else "usual interval"
        return (
            f"{self.item.label}: {self.status.value} ({last}{when}; every "
            f"{self.interval_days} days, {whose}; for {', '.join(self.because)})"
        )


def monitoring_due(
    medications: Sequence[Medication],
    last_results: Mapping[str, date],
    today: date,
    lupus_nephritis: bool,
    intervals: Mapping[str, int] | None = None,
) -> list[Due]:
    """Each monitoring item that applies today, with when it is due.

    ``last_results`` maps a marker key to the date of its latest result on or before
    ``today``. Items apply for medications taken today, and for lupus nephritis when the
    user says they have it.
    """
    intervals = intervals or {}
    reasons: dict[DrugClass, list[str]] = {}
    for medication in medications:
        cls = drug_class(medication.name)
        if cls is not None and medication.active_on(today):
            reasons.setdefault(cls, []).append(medication.name)
    if lupus_nephritis:
        reasons[DrugClass.LUPUS_NEPHRITIS] = ["lupus nephritis"]
    found = []
    for item in ITEMS:
        because = [name for cls in item.classes for name in reasons.get(cls, [])]
        if not because:
            continue
        days = intervals.get(item.key, item.default_days)
        dates = [last_results[m] for m in item.markers if m in last_results]
        last = max(dates) if dates else None
        if last is None:
            found.append(
                Due(item, tuple(because), days, item.key in intervals, None, None, DueStatus.NEVER)
            )
            continue
        due_on = last + timedelta(days=days)
        if due_on < today:
            status = DueStatus.OVERDUE
        elif due_on <= today + timedelta(days=DUE_SOON_DAYS):
            status = DueStatus.DUE
        else:
            status = DueStatus.NOT_DUE
        found.append(Due(item, tuple(because), days, item.key in intervals, last, due_on, status))
    order = {DueStatus.OVERDUE: 0, DueStatus.NEVER: 1, DueStatus.DUE: 2, DueStatus.NOT_DUE: 3}
    return sorted(found, key=lambda d: (order[d.status], d.due_on or today))


def bp_above_target(systolic: float | None, diastolic: float | None) -> bool | None:
    """Whether a reading is at or above the lupus nephritis target of <130/80 (KDIGO)."""
    if systolic is None and diastolic is None:
        return None
    high_s = systolic is not None and systolic >= BP_TARGET_LUPUS_NEPHRITIS[0]
    high_d = diastolic is not None and diastolic >= BP_TARGET_LUPUS_NEPHRITIS[1]
    return high_s or high_d
