"""The symptom catalog and the 0-10 severity scale used by the daily diary."""

from __future__ import annotations

from dataclasses import dataclass

SEVERITY_MIN = 0
SEVERITY_MAX = 10
RASH_LOCATIONS = ("malar/butterfly", "discoid", "other")


class SymptomError(ValueError):
    """An unknown symptom or a severity outside 0-10."""


@dataclass(frozen=True)
class Symptom:
    key: str
    name: str
    description: str
    locations: tuple[str, ...] = ()


SYMPTOMS: tuple[Symptom, ...] = (
    Symptom("fatigue", "Fatigue", "Tiredness not relieved by rest"),
    Symptom("rash", "Rash", "Skin rash; say where", RASH_LOCATIONS),
    Symptom("joint_pain", "Joint pain", "Pain, swelling or stiffness in joints"),
    Symptom("muscle_pain", "Muscle pain", "Aching or weak muscles"),
    Symptom("fever", "Fever", "Feeling feverish; log the temperature as a vital"),
    Symptom("hair_loss", "Hair loss", "More hair than usual on the brush or pillow"),
    Symptom("mouth_ulcers", "Mouth ulcers", "Sores in the mouth or nose"),
    Symptom("photosensitivity", "Photosensitivity", "Skin or symptoms worse after sun"),
    Symptom("raynauds", "Raynaud's", "Fingers or toes turning white or blue in the cold"),
    Symptom("chest_pain", "Chest pain", "Pain on breathing in, or lying down"),
    Symptom("swelling", "Swelling", "Swollen legs, ankles or around the eyes"),
    Symptom("headache", "Headache", "Headache"),
    Symptom("nausea", "Nausea", "Feeling sick"),
)

_BY_KEY = {symptom.key: symptom for symptom in SYMPTOMS}


def get_symptom(key: str) -> Symptom:
    try:
        return _BY_KEY[key]
    except KeyError:
        known = ", ".join(_BY_KEY)
        raise SymptomError(f"Unknown symptom {key!r}. Known symptoms: {known}.") from None


def check_severity(severity: object) -> int:
    """Return the severity as an int, or raise with a message saying the allowed range."""
    if isinstance(severity, bool) or not isinstance(severity, int):
        if isinstance(severity, str) and severity.strip().isascii() and severity.strip().isdigit():
            severity = int(severity.strip())
        else:
            raise SymptomError(
                f"Severity must be a whole number from {SEVERITY_MIN} to {SEVERITY_MAX}, "
                f"not {severity!r}."
            )
    if not SEVERITY_MIN <= severity <= SEVERITY_MAX:
        raise SymptomError(
            f"Severity must be from {SEVERITY_MIN} (none) to {SEVERITY_MAX} (worst), "
            f"not {severity}."
        )
    return severity
