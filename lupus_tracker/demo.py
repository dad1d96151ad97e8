"""A deterministic demo patient: two years of refractory lupus nephritis, with a flare treated
by IV methylprednisolone pulses, that improves after
an umbilical-cord mesenchymal stem cell infusion.

The shape follows the published studies summarised in ../shared/domain.md: before the
infusion C3/C4 and albumin are low, anti-dsDNA high and proteinuria heavy despite
mycophenolate, tacrolimus and steroids; after it the markers improve over months, which
lets the prednisone be tapered. Midway the patient changes labs: the new lab reports C3/C4
in g/L with its own ranges and measures anti-dsDNA by a different assay, as real patients
experience. Dates are offsets from ``end`` so the demo always looks current; values come
from a seeded generator, so the same ``end`` and seed give the same file.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass, replace
from datetime import date, timedelta

from lupus_tracker.analysis.sledai_suggest import SUGGEST_MARKERS, suggest, window
from lupus_tracker.domain.egfr import age_on, ckd_epi_2021
from lupus_tracker.domain.monitoring import LUPUS_NEPHRITIS_SETTING
from lupus_tracker.domain.records import (
    Dose,
    Event,
    EventKind,
    LabEntry,
    Medication,
    Profile,
    Sex,
    SymptomEntry,
)
from lupus_tracker.domain.sledai import score
from lupus_tracker.store.repository import Repository
from lupus_tracker.store.sledai_repo import SledaiAssessment

DAYS = 730
INFUSION_DAY = 330
LAB_SWITCH_DAY = 480
FLARE_DAY = 205  # a lupus nephritis flare before the infusion
FLARE_LABS_DAY = 206  # the admission's labs and the rheumatologist's SLEDAI-2K
FLARE_LAB_DAYS = range(FLARE_DAY, FLARE_DAY + 40)  # labs that still show the flare
# Two months after the infusion the arthritis has settled: the rheumatologist no longer scores
# it, and the diary's joint pain goes on without swelling (arthralgia, not synovitis).
ARTHRITIS_SETTLED_DAY = INFUSION_DAY + 60
VISIT_OFFSETS = range(10, DAYS, 90)  # a rheumatology visit every three months
NO_SYNOVITIS_NOTE = "Joint pain without swelling; examined at the visit: no synovitis"
TAU_DAYS = 75.0  # how fast markers move towards their post-treatment level
SEED = 20100601


@dataclass(frozen=True)
class Course:
    """A marker's level before the infusion and the level it settles at after it."""

    marker: str
    before: float
    after: float
    noise: float  # relative spread
    digits: int


COURSES = (
    Course("c3", 0.52, 0.92, 0.07, 2),
    Course("c4", 0.06, 0.15, 0.10, 2),
    Course("anti_dsdna", 380.0, 60.0, 0.12, 0),
    Course("albumin", 26.0, 38.5, 0.04, 0),
    Course("urine_protein_24h", 2.6, 0.3, 0.15, 2),
    Course("upcr", 2.2, 0.27, 0.15, 2),
    Course("creatinine", 1.25, 0.95, 0.05, 2),
    Course("hemoglobin", 10.4, 12.6, 0.03, 1),
    Course("wbc", 3.3, 5.4, 0.08, 1),
    Course("lymphocytes", 0.75, 1.3, 0.10, 2),
    Course("platelets", 128.0, 215.0, 0.07, 0),
    Course("esr", 48.0, 16.0, 0.12, 0),
    Course("crp", 7.5, 2.5, 0.25, 1),
    Course("urine_rbc", 14.0, 2.0, 0.25, 0),
    Course("urine_wbc", 9.0, 2.0, 0.25, 0),
)

# How a nephritis flare moves each marker (a factor on the level): complement consumed,
# anti-dsDNA up, more protein and red cells in the urine, creatinine up, albumin down.
FLARE_FACTORS = {
    "c3": 0.7,
    "c4": 0.6,
    "anti_dsdna": 1.8,
    "urine_protein_24h": 1.9,
    "upcr": 1.9,
    "creatinine": 1.2,
    "albumin": 0.85,
    "urine_rbc": 2.5,
    "platelets": 0.85,
}


@dataclass(frozen=True)
class Style:
    """How one lab reports a marker: unit, printed range, assay, factor from the course's
    canonical level to the printed number, and decimals printed."""

    unit: str | None
    ref: str | None
    assay: str | None
    scale: float
    digits: int


FIRST_LAB = "City Hospital Laboratory"
SECOND_LAB = "Riverside Medical Labs"
LAB_STYLE = {
    FIRST_LAB: {
        "c3": Style("mg/dL", "90-180", None, 100.0, 0),
        "c4": Style("mg/dL", "10-40", None, 100.0, 0),
        "anti_dsdna": Style("IU/mL", "<30", "ELISA", 1.0, 0),
        "albumin": Style("g/dL", "3.5-5.0", None, 0.1, 1),
        "urine_protein_24h": Style("mg/24h", "<150", None, 1000.0, 0),
        "creatinine": Style("mg/dL", "0.5-1.1", None, 1.0, 2),
    },
    SECOND_LAB: {
        "c3": Style("g/L", "0.82-1.67", None, 1.0, 2),
        "c4": Style("g/L", "0.14-0.44", None, 1.0, 2),
        # A different assay gives different numbers for the same serum.
        "anti_dsdna": Style("IU/mL", "<27", "CLIA", 0.8, 0),
        "albumin": Style("g/L", "35-52", None, 1.0, 0),
        "urine_protein_24h": Style("g/24h", "<0.15", None, 1.0, 2),
        "creatinine": Style("umol/L", "45-90", None, 88.42, 0),
    },
}


def _level(course: Course, day: int, rng: random.Random) -> float:
    if day < INFUSION_DAY:
        base = course.before
    else:
        weight = math.exp(-(day - INFUSION_DAY) / TAU_DAYS)
        base = course.after + (course.before - course.after) * weight
    if day in FLARE_LAB_DAYS:
        base *= FLARE_FACTORS.get(course.marker, 1.0)
    return max(base * (1 + rng.gauss(0, course.noise)), 0.0)


def _fmt(value: float, digits: int) -> str:
    return f"{value:.{digits}f}"


def _lab_entries(
    day: date, offset: int, rng: random.Random, birth: date = date(1990, 3, 14)
) -> list[LabEntry]:
    lab = FIRST_LAB if offset < LAB_SWITCH_DAY else SECOND_LAB
    entries = []
    creatinine_mg_dl = 1.0
    for course in COURSES:
        if course.marker == "urine_protein_24h" and offset % 60 >= 30:
            continue  # the 24-hour collection every other month; UPCR every month
        value = _level(course, offset, rng)
        style = LAB_STYLE[lab].get(course.marker, Style(None, None, None, 1.0, course.digits))
        text = _fmt(value * style.scale, style.digits)
        if course.marker == "crp" and value < 3.0:
            text = "<3.0"
        if course.marker == "creatinine":
            creatinine_mg_dl = float(text) / style.scale
        entries.append(
            LabEntry(day, course.marker, text, style.unit, style.ref, lab=lab, assay=style.assay)
        )
    if offset < 31:  # ANA confirms the diagnosis; it is not re-tested to follow activity
        entries.append(
            LabEntry(day, "ana", "1:640", lab=lab, assay="HEp-2 IFA", pattern="homogeneous")
        )
    _concordant_upcr(entries)
    rng.gauss(0, 1)  # keeps the generator's sequence (and so every other value) as before
    egfr = ckd_epi_2021(creatinine_mg_dl, age_on(birth, day), Sex.FEMALE)
    entries.append(LabEntry(day, "egfr", _fmt(egfr, 0), lab=lab, assay="CKD-EPI 2021"))
    return entries


def _symptoms(day: date, offset: int, rng: random.Random, flare: bool) -> list[SymptomEntry]:
    activity = 1.0 if offset < INFUSION_DAY else math.exp(-(offset - INFUSION_DAY) / 120)
    activity = max(activity, 0.2) + (0.6 if flare else 0.0)

    def severity(scale: float) -> int:
        return max(0, min(10, round(rng.gauss(scale * activity, 1.2))))

    entries = [
        SymptomEntry(day, "fatigue", severity(7)),
        SymptomEntry(day, "joint_pain", severity(5)),
        SymptomEntry(day, "swelling", _swelling(severity(4), offset)),
        SymptomEntry(day, "hair_loss", severity(3)),
    ]
    rash = severity(4) if rng.random() < 0.5 * activity else 0
    if rash:
        entries.append(SymptomEntry(day, "rash", rash, "malar/butterfly"))
    if rng.random() < 0.15 * activity:
        entries.append(SymptomEntry(day, "mouth_ulcers", severity(4) or 1))
    if flare and rng.random() < 0.5:
        entries.append(SymptomEntry(day, "fever", severity(5) or 2))
    return entries


def _swelling(severity: int, offset: int) -> int:
    """Swelling fades with the arthritis: after it settles only a few mild days remain."""
    return severity if offset < ARTHRITIS_SETTLED_DAY else max(0, severity - 2)


def _medications(start: date) -> list[Medication]:
    def at(offset: int) -> date:
        return start + timedelta(offset)

    # A taper as practised (EULAR 2023: to <= 7.5 mg/day within about six months, <= 5 by a
    # year), raised after the nephritis flare's IV methylprednisolone pulses, then tapered
    # again: <= 7.5 mg/day four months after the flare and <= 5 before the first year ends.
    taper = [
        (0, 40.0),
        (14, 30.0),
        (28, 25.0),
        (42, 20.0),
        (70, 15.0),
        (100, 10.0),
        (140, 7.5),
        (180, 5.0),
        (209, 30.0),
        (223, 25.0),
        (237, 20.0),
        (258, 15.0),
        (279, 10.0),
        (320, 7.5),
        (355, 5.0),
    ]
    return [
        # EULAR 2023: hydroxychloroquine <= 5 mg/kg/day of actual body weight; 200 mg/day is
        # about 3 mg/kg at the demo patient's 66-68 kg.
        Medication(
            None, "Hydroxychloroquine", at(0), doses=(Dose(at(0), 200, "mg", "once daily"),)
        ),
        Medication(
            None, "Mycophenolate mofetil", at(0), doses=(Dose(at(0), 1000, "mg", "twice daily"),)
        ),
        Medication(
            None,
            "Prednisone",
            at(0),
            doses=tuple(Dose(at(d), mg, "mg", "once daily") for d, mg in taper),
        ),
        Medication(
            None,
            "Tacrolimus",
            at(120),
            at(290),
            note="Stopped: no response, tremor",
            doses=(Dose(at(120), 2, "mg", "twice daily"),),
        ),
        Medication(None, "Lisinopril", at(20), doses=(Dose(at(20), 10, "mg", "once daily"),)),
        Medication(None, "Calcium + vitamin D", at(0), note="Bone protection while on steroids"),
        # Three daily IV pulses during the admission (>= 250 mg prednisone-equivalent a day:
        # a pulse, Buttgereit et al. 2002), counted in the glucocorticoid exposure.
        Medication(
            None,
            "Methylprednisolone IV pulse",
            at(FLARE_LABS_DAY),
            at(FLARE_LABS_DAY + 2),
            note="Nephritis flare, in hospital",
            doses=(Dose(at(FLARE_LABS_DAY), 500, "mg", "once daily"),),
        ),
    ]


def _events(start: date) -> list[Event]:
    def at(offset: int) -> date:
        return start + timedelta(offset)

    events = [
        Event(None, at(offset), EventKind.VISIT, "Rheumatology visit") for offset in VISIT_OFFSETS
    ]
    events += [
        Event(
            None,
            at(FLARE_DAY),
            EventKind.FLARE,
            "Lupus nephritis flare",
            "Swollen ankles, foamy urine, fever",
        ),
        Event(
            None,
            at(FLARE_LABS_DAY),
            EventKind.HOSPITAL_STAY,
            "Admitted: nephritis flare",
            "IV methylprednisolone 500 mg a day for 3 days",
            ended_on=at(FLARE_LABS_DAY + 7),
        ),
        Event(None, at(FLARE_LABS_DAY), EventKind.VISIT, "Rheumatology review in hospital"),
        Event(
            None,
            at(INFUSION_DAY),
            EventKind.INFUSION,
            "UC-MSC infusion",
            "Not a proven treatment. Open-label study without a control group: Sun et al., "
            "Arthritis Rheum 2010. Randomised double-blind trial in lupus nephritis: Deng "
            "et al., Ann Rheum Dis 2017, no added benefit over standard therapy.",
        ),
        Event(
            None,
            at(LAB_SWITCH_DAY),
            EventKind.OTHER,
            "Moved to a new lab",
            "Riverside Medical Labs from now on",
        ),
    ]
    return events


# Our choice for the demo: a woman of 66 kg excretes about 1.1 g of creatinine a day
# (about 15-20 mg/kg/day), so UPCR (mg/mg) is about the 24-hour protein (g) / 1.1.
CREATININE_G_PER_DAY = 1.1


def _concordant_upcr(entries: list[LabEntry]) -> None:
    """On a day with a 24-hour collection, the spot UPCR agrees with it (fixclin item 4)."""
    protein = next((e for e in entries if e.marker == "urine_protein_24h"), None)
    upcr = next((i for i, e in enumerate(entries) if e.marker == "upcr"), None)
    if protein is None or upcr is None:
        return
    grams = float(protein.value) / (1000.0 if protein.unit == "mg/24h" else 1.0)
    entries[upcr] = replace(entries[upcr], value=_fmt(grams / CREATININE_G_PER_DAY, 2))


def write_demo(repo: Repository, end: date | None = None, seed: int = SEED) -> None:
    """Write the demo patient into ``repo`` (meant for an empty database)."""
    end = end or date.today()
    start = end - timedelta(DAYS - 1)
    rng = random.Random(seed)
    birth = date(end.year - 34, 3, 14)
    repo.profile.set(Profile("Demo Patient (Maria Example)", birth, Sex.FEMALE))
    with repo.db.transaction():
        flare_days = set(range(195, 225))
        for offset in range(DAYS):
            day = start + timedelta(offset)
            if offset % 30 == 3 or offset == FLARE_LABS_DAY:
                repo.results.add_many(_lab_entries(day, offset, rng, birth))
            if offset % 14 == 0:
                repo.results.add_many(
                    [
                        LabEntry(day, "systolic_bp", str(round(rng.gauss(138 - offset / 60, 6)))),
                        LabEntry(day, "diastolic_bp", str(round(rng.gauss(86 - offset / 120, 4)))),
                        LabEntry(day, "weight", _fmt(rng.gauss(68 - offset / 400, 0.5), 1), "kg"),
                    ]
                )
            flare = offset in flare_days
            if flare and offset % 3 == 0:
                temp = _fmt(rng.uniform(37.6, 38.9), 1)
                repo.results.add(LabEntry(day, "temperature", temp, "°C"))
            settled_visit = offset >= ARTHRITIS_SETTLED_DAY and offset in VISIT_OFFSETS
            if rng.random() < 0.9 or flare or settled_visit:
                note = "Very tired, ankles swollen" if flare and offset % 5 == 0 else None
                note = NO_SYNOVITIS_NOTE if settled_visit else note
                repo.diary.save_day(day, _symptoms(day, offset, rng, flare), note)
        for medication in _medications(start):
            repo.treatments.add(medication)
        for event in _events(start):
            repo.events.add(event)
        _sledai_visits(repo, start)
    repo.results.refresh_egfr()


# Every lab item SLEDAI-2K counts that the visit's labs show (Gladman 2002): pyuria when
# urine WBC > 5/HPF, fever > 38 °C in the last 10 days (fixclin item 4).
CONFIRMED_LAB_ITEMS = {
    "proteinuria",
    "low_complement",
    "increased_dna_binding",
    "hematuria",
    "pyuria",
    "fever",
}


def _sledai_visits(repo: Repository, start: date) -> None:
    """The rheumatologist's SLEDAI-2K at each visit: the lab items confirmed as lupus, and
    arthritis and rash while the disease was active."""
    for event in repo.events.all(kinds=(EventKind.VISIT,)):
        visit = event.occurred_on
        items = {
            s.descriptor.key
            for s in suggest(repo.results.all(SUGGEST_MARKERS, *window(visit)), visit)
        }
        items &= CONFIRMED_LAB_ITEMS
        if (event.occurred_on - start).days < ARTHRITIS_SETTLED_DAY:
            items |= {"arthritis", "rash"}
        repo.sledai.save(
            SledaiAssessment(event.occurred_on, frozenset(items), None, _physician_global(items))
        )
    # Retinal screening on hydroxychloroquine: a baseline exam, then one a year later.
    for offset, title in (
        (75, "Baseline retinal exam (OCT and visual fields)"),
        (440, "Retinal screening (OCT and visual fields)"),
    ):
        repo.events.add(Event(None, start + timedelta(days=offset), EventKind.EYE_EXAM, title))
    repo.settings.set(LUPUS_NEPHRITIS_SETTING, "yes")  # monitoring adds kidney tests


def _physician_global(items: set[str]) -> float:
    """The PGA (0-3) a rheumatologist might write for these descriptors: high during the
    nephritis flare, 0.5 once only serology remains (so the demo shows LLDAS reached after
    the taper, and DORIS not yet)."""
    clinical = score(items - {"low_complement", "increased_dna_binding"})
    if clinical >= 12:
        return 2.5
    if clinical >= 8:
        return 2.0
    if clinical >= 4:
        return 1.0
    return 0.5
