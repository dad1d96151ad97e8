"""The symptom catalog and the 0-10 severity scale used by the daily diary.

Besides the built-in symptoms a patient may track their own ("itching"): a custom symptom's
key is :data:`CUSTOM_PREFIX` followed by the name the patient typed (``custom:Itching``), so
the name travels with every entry, export and chart without a lookup, and a custom key can
never equal a built-in one. Names are unique regardless of case (the store keeps the list
of a file's custom symptoms, see ``repo.diary.custom_symptoms``).
"""

from __future__ import annotations

from dataclasses import dataclass

SEVERITY_MIN = 0
SEVERITY_MAX = 10
RASH_LOCATIONS = ("malar/butterfly", "discoid", "other")
"""The kinds of rash (the entry's ``location`` field, kept under that name for old files
and scripts); where on the body it is goes in the entry's ``body_site``."""
RASH_TYPES = RASH_LOCATIONS
CUSTOM_PREFIX = "custom:"
CUSTOM_NAME_MAX = 40
BODY_SITE_MAX = 80


class SymptomError(ValueError):
    """An unknown symptom or a severity outside 0-10."""


@dataclass(frozen=True)
class Symptom:
    key: str
    name: str
    description: str
    locations: tuple[str, ...] = ()
    has_body_site: bool = False

    @property
    def is_custom(self) -> bool:
        return self.key.startswith(CUSTOM_PREFIX)


SYMPTOMS: tuple[Symptom, ...] = (
    Symptom("fatigue", "Fatigue", "Tiredness not relieved by rest"),
    Symptom(
        "rash",
        "Rash",
        "Skin rash; say what kind and where on the body",
        RASH_LOCATIONS,
        has_body_site=True,
    ),
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
    """The built-in symptom with this key, or the custom symptom the key names."""
    if key.startswith(CUSTOM_PREFIX):
        return custom_symptom(key.removeprefix(CUSTOM_PREFIX))
    try:
        return _BY_KEY[key]
    except KeyError:
        known = ", ".join(_BY_KEY)
        raise SymptomError(
            f"Unknown symptom {key!r}. Known symptoms: {known}; or a symptom "
            f"of your own as {CUSTOM_PREFIX}NAME."
        ) from None


def builtin_named(text: str) -> Symptom | None:
    """The built-in symptom whose key or name is ``text`` (any case), if any."""
    folded = " ".join(text.split()).casefold()
    return next(
        (
            s
            for s in SYMPTOMS
            if folded in (s.key.casefold(), s.name.casefold(), s.key.replace("_", " ").casefold())
        ),
        None,
    )


def check_custom_name(name: str) -> str:
    """The name of a custom symptom cleaned up (spaces collapsed, a capital first letter
    as the built-in names have), or ``SymptomError``."""
    cleaned = " ".join(str(name).split())
    if not cleaned:
        raise SymptomError("Type a name for your symptom, such as itching.")
    cleaned = cleaned[0].upper() + cleaned[1:]  # "itching" is listed as Itching
    builtin = builtin_named(cleaned)
    if builtin is not None:
        raise SymptomError(f"{builtin.name} is already on the list; log it there.")
    if len(cleaned) > CUSTOM_NAME_MAX:
        raise SymptomError(f"A symptom name has at most {CUSTOM_NAME_MAX} characters.")
    if not all(ch.isalnum() or ch in " -'()/,&." for ch in cleaned):
        raise SymptomError(
            f"A symptom name has letters, digits, spaces and - ' ( ) / , & . only, not {cleaned!r}."
        )
    if not any(ch.isalpha() for ch in cleaned):
        raise SymptomError(f"A symptom name needs a letter, not {cleaned!r}.")
    return cleaned


def custom_symptom(name: str) -> Symptom:
    """The custom symptom called ``name`` (checked, see :func:`check_custom_name`)."""
    cleaned = check_custom_name(name)
    return Symptom(CUSTOM_PREFIX + cleaned, cleaned, "A symptom you added")


def custom_key(name: str) -> str:
    return custom_symptom(name).key


def check_body_site(text: str | None) -> str | None:
    """Where on the body, as typed (spaces collapsed), or None; too long is refused."""
    if not text:
        return None
    cleaned = " ".join((text or "").split())
    if len(cleaned) > BODY_SITE_MAX:
        raise SymptomError(f"Where on the body has at most {BODY_SITE_MAX} characters.")
    return cleaned or None


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


def symptom_name(key: str) -> str:
    """The name a person reads for a symptom key (``custom:Itching`` -> Itching); a key
    this version does not know is shown with spaces for underscores, never refused."""
    try:
        return get_symptom(key).name
    except SymptomError:
        return key.removeprefix(CUSTOM_PREFIX).replace("_", " ")
