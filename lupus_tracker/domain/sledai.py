"""SLEDAI-2K (Gladman, Ibañez, Urowitz; J Rheumatol 2002): 24 descriptors, scored when
present in the last 10 days; total 0-105.

Activity bands have no single standard, so the number comes first and one scheme is used
everywhere; items from a major organ are named whatever the total. A descriptor counts only
when it is due to lupus: that is the clinician's call, so lab-derived items are suggestions
the user confirms.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


@dataclass(frozen=True)
class Descriptor:
    key: str
    name: str
    weight: int
    definition: str
    from_labs: bool = False


DESCRIPTORS: tuple[Descriptor, ...] = (
    Descriptor("seizure", "Seizure", 8, "Recent onset, no metabolic, infectious or drug cause"),
    Descriptor(
        "psychosis",
        "Psychosis",
        8,
        "Altered ability to function due to severe disturbance in the perception of reality",
    ),
    Descriptor(
        "organic_brain_syndrome",
        "Organic brain syndrome",
        8,
        "Altered mental function with rapid onset and fluctuating features",
    ),
    Descriptor(
        "visual_disturbance",
        "Visual disturbance",
        8,
        "Retinal changes of SLE (cytoid bodies, haemorrhages, exudate, optic neuritis)",
    ),
    Descriptor(
        "cranial_nerve_disorder",
        "Cranial nerve disorder",
        8,
        "New onset of sensory or motor neuropathy involving cranial nerves",
    ),
    Descriptor(
        "lupus_headache",
        "Lupus headache",
        8,
        "Severe persistent headache, unresponsive to narcotic analgesia",
    ),
    Descriptor("cva", "Cerebrovascular accident", 8, "New onset, excluding atherosclerosis"),
    Descriptor(
        "vasculitis",
        "Vasculitis",
        8,
        "Ulceration, gangrene, tender finger nodules, "
        "periungual infarction, splinter haemorrhages, or biopsy/angiogram proof",
    ),
    Descriptor(
        "arthritis", "Arthritis", 4, "At least 2 joints with pain and signs of inflammation"
    ),
    Descriptor(
        "myositis",
        "Myositis",
        4,
        "Proximal muscle aching or weakness with raised CK/aldolase, EMG changes or biopsy",
    ),
    Descriptor(
        "urinary_casts", "Urinary casts", 4, "Heme-granular or red blood cell casts", from_labs=True
    ),
    Descriptor(
        "hematuria",
        "Hematuria",
        4,
        "More than 5 RBC/HPF; exclude stone, infection or other cause",
        from_labs=True,
    ),
    Descriptor("proteinuria", "Proteinuria", 4, "More than 0.5 g/24 h", from_labs=True),
    Descriptor("pyuria", "Pyuria", 4, "More than 5 WBC/HPF; exclude infection", from_labs=True),
    Descriptor("rash", "Rash", 2, "Inflammatory-type rash"),
    Descriptor("alopecia", "Alopecia", 2, "Abnormal, patchy or diffuse loss of hair"),
    Descriptor("mucosal_ulcers", "Mucosal ulcers", 2, "Oral or nasal ulcerations"),
    Descriptor(
        "pleurisy", "Pleurisy", 2, "Pleuritic chest pain with rub, effusion or pleural thickening"
    ),
    Descriptor(
        "pericarditis",
        "Pericarditis",
        2,
        "Pericardial pain with rub, effusion, or ECG or echo confirmation",
    ),
    Descriptor(
        "low_complement",
        "Low complement",
        2,
        "CH50, C3 or C4 below the lab's lower limit",
        from_labs=True,
    ),
    Descriptor(
        "increased_dna_binding",
        "Increased DNA binding",
        2,
        "Anti-dsDNA above the lab's range",
        from_labs=True,
    ),
    Descriptor("fever", "Fever", 1, "Above 38 °C; exclude infection", from_labs=True),
    Descriptor(
        "thrombocytopenia",
        "Thrombocytopenia",
        1,
        "Below 100 x10⁹/L, exclude drug causes",
        from_labs=True,
    ),
    Descriptor(
        "leukopenia", "Leukopenia", 1, "Below 3 x10⁹/L, exclude drug causes", from_labs=True
    ),
)
_BY_KEY = {d.key: d for d in DESCRIPTORS}

# One line a patient can read for each descriptor (shown beside the clinical definition).
PLAIN_LANGUAGE: dict[str, str] = {
    "seizure": "A new fit or convulsion, not explained by an infection, drug or blood chemistry.",
    "psychosis": "Seeing, hearing or believing things that are not real, badly enough to "
    "stop normal life.",
    "organic_brain_syndrome": "Sudden confusion, poor memory or disorientation that comes "
    "and goes.",
    "visual_disturbance": "Lupus changes at the back of the eye (for example small spots "
    "seen by an eye doctor) or inflammation of the optic nerve.",
    "cranial_nerve_disorder": "New numbness or weakness of the face, eyes or swallowing, "
    "from nerves that leave the brain directly.",
    "lupus_headache": "A severe, lasting headache that even strong painkillers do not relieve.",
    "cva": "A new stroke, not caused by hardened arteries.",
    "vasculitis": "Inflamed blood vessels: skin ulcers, dark or dying skin on fingers or "
    "toes, painful small lumps on the fingertips.",
    "arthritis": "Two or more joints that hurt and are swollen or tender.",
    "myositis": "Weak or aching muscles of the shoulders or hips, confirmed by a blood test "
    "(CK), a muscle test or a biopsy.",
    "urinary_casts": "Tiny clumps of red blood cells seen in the urine under a microscope: "
    "a sign of kidney inflammation.",
    "hematuria": "Blood in the urine (more than 5 red cells per microscope field), not from "
    "a stone or an infection.",
    "proteinuria": "Protein leaking into the urine: more than 0.5 g a day.",
    "pyuria": "White blood cells in the urine (more than 5 per microscope field) without "
    "an infection.",
    "rash": "A new or still active lupus rash.",
    "alopecia": "Unusual hair loss, in patches or all over.",
    "mucosal_ulcers": "Sores in the mouth or nose.",
    "pleurisy": "Chest pain on breathing in, from inflamed lining of the lungs.",
    "pericarditis": "Chest pain from inflamed lining around the heart, confirmed by the "
    "doctor or a heart test.",
    "low_complement": "Complement C3, C4 or CH50 below the lab's range: these proteins are "
    "used up when lupus is active.",
    "increased_dna_binding": "Anti-dsDNA antibodies above the lab's range.",
    "fever": "A temperature above 38 °C without an infection.",
    "thrombocytopenia": "Platelets (cells that help blood clot) below 100 ×10⁹/L, not "
    "caused by a drug.",
    "leukopenia": "White blood cells below 3 ×10⁹/L, not caused by a drug.",
}

# One band scheme everywhere (issue 12 item 9; the scheme of common SLEDAI-2K calculators,
# as the domain guide says activity bands have no single standard): the number comes first.
BANDS = ((0, "no activity"), (5, "mild activity"), (10, "moderate activity"), (19, "high activity"))
VERY_HIGH = "very high activity"
BAND_SCHEME = "0 none, 1-5 mild, 6-10 moderate, 11-19 high, 20 or more very high"


def band(total: int) -> str:
    """The activity band of a total; never "remission" (a score alone is not)."""
    for upper, words in BANDS:
        if total <= upper:
            return words
    return VERY_HIGH


# Lab limits of the descriptors above, as defined by SLEDAI-2K (Gladman, Ibañez, Urowitz;
# J Rheumatol 2002;29:288-91), in each marker's canonical unit.  Fever (> 38 °C) is
# ``thresholds.FEVER_CELSIUS``.
WINDOW_DAYS = 10  # descriptors present in the last 10 days, the visit day included
PROTEINURIA_G_PER_24H = 0.5  # proteinuria: > 0.5 g/24 h
# A spot UPCR > 0.5 mg/mg (500 mg/g) is commonly accepted in place of the 24-hour amount
# (SLEDAI-2K's "> 0.5 g/24 h"; Touma et al., J Rheumatol 2011, validated the spot ratio).
UPCR_MG_PER_MG = 0.5
HEMATURIA_RBC_PER_HPF = 5  # hematuria: > 5 RBC/HPF
PYURIA_WBC_PER_HPF = 5  # pyuria: > 5 WBC/HPF
THROMBOCYTOPENIA_10E9_PER_L = 100  # thrombocytopenia: < 100 x10^9/L
LEUKOPENIA_10E9_PER_L = 3  # leukopenia: < 3 x10^9/L
MAX_SCORE = sum(d.weight for d in DESCRIPTORS)


class SledaiError(ValueError):
    pass


def descriptor(key: str) -> Descriptor:
    try:
        return _BY_KEY[key]
    except KeyError:
        raise SledaiError(f"Unknown SLEDAI-2K descriptor {key!r}.") from None


def score(items: set[str] | frozenset[str] | list[str]) -> int:
    """The SLEDAI-2K total of the descriptors present."""
    keys = set(items)
    return sum(descriptor(k).weight for k in keys)


# Items from a major organ are serious at any total (domain guide; LLDAS, Franklyn et al.,
# Ann Rheum Dis 2016, counts renal, CNS, cardiopulmonary and vasculitis activity as major
# organ activity): named whatever the band says.
MAJOR_ORGANS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("kidney", ("proteinuria", "urinary_casts", "hematuria", "pyuria")),
    (
        "brain and nerves",
        (
            "seizure",
            "psychosis",
            "organic_brain_syndrome",
            "visual_disturbance",
            "cranial_nerve_disorder",
            "lupus_headache",
            "cva",
        ),
    ),
    ("blood vessels", ("vasculitis",)),
    ("heart and lung lining", ("pleurisy", "pericarditis")),
)


Items = set[str] | frozenset[str] | list[str] | tuple[str, ...]


def major_organ_notes(items: Items) -> list[str]:
    """One line per major organ with an item present, whatever the total."""
    present = set(items)
    notes = []
    for organ, keys in MAJOR_ORGANS:
        found = [descriptor(k).name.lower() for k in keys if k in present]
        if found:
            notes.append(
                f"{organ} involvement ({', '.join(found)}) \u2014 discuss with your doctor"
            )
    return notes


def describe(total: int, items: Items = ()) -> str:
    """The score with its one band and any major-organ item; never a verdict."""
    text = f"SLEDAI-2K {total}: {band(total)} (bands: {BAND_SCHEME})."
    notes = major_organ_notes(items)
    if notes:
        text += " " + "; ".join(n[0].upper() + n[1:] for n in notes) + "."
    return text + " A number to discuss with your doctor."


# Change between visits (Gladman, Urowitz et al., J Rheumatol 2000;27:377-9): a rise of
# more than 3 is a flare, a fall of more than 3 an improvement, otherwise persistent activity.
CHANGE_POINTS = 3


class Change(StrEnum):
    FLARE = "flare"
    IMPROVEMENT = "improvement"
    PERSISTENT = "persistent activity"
    NO_ACTIVITY = "no activity scored"


def classify_change(previous: int, current: int) -> Change:
    """Between visits (Gladman 2000): > 3 up flare, > 3 down improvement, a score of 0 no
    activity scored (never "remission": DORIS needs more than a score), otherwise
    persistent activity."""
    if current - previous > CHANGE_POINTS:
        return Change.FLARE
    if previous - current > CHANGE_POINTS:
        return Change.IMPROVEMENT
    if current == 0:
        return Change.NO_ACTIVITY
    return Change.PERSISTENT
