"""Whose data a file holds: the patients of a FHIR file, choosing one, and refusing a file
about someone else than the database's patient.

Rules (never guess a patient):
- a file with more than one patient is refused with the list of them unless one is chosen
  (``--patient ID``); results of other patients are then skipped with the reason;
- when the database's profile has a name or birth date and the file's patient differs in
  either, the import is refused naming both, unless ``--allow-other-patient`` is given.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lupus_tracker.domain.dates import DateParseError, parse_date
from lupus_tracker.domain.records import Profile, Sex
from lupus_tracker.exchange.errors import ExchangeError


class OtherPatientError(ExchangeError):
    """The file is about someone else than the database's patient."""


class PatientChoiceNeeded(ExchangeError):
    """The file holds several patients; ``patients`` lists them for a choice."""

    def __init__(self, message: str, patients: list[FilePatient]):
        super().__init__(message)
        self.patients = patients


def _folded(name: str) -> str:
    return " ".join(name.split()).casefold()


def _profile_label(profile: Profile | None, names: tuple[str, ...] = ()) -> str:
    if profile is None:
        return "an unnamed patient"
    name = profile.name or (names[0] if names else "") or "no name"
    born = f", born {profile.birth_date.isoformat()}" if profile.birth_date else ""
    return name + born


def check_same_patient(
    database: Profile, file: Profile | None, file_names: tuple[str, ...], allow_other: bool
) -> None:
    """Refuse a file whose patient differs from the database's in name or birth date."""
    if file is None or allow_other:
        return
    names = {_folded(n) for n in (*file_names, file.name) if n.strip()}
    name_differs = bool(database.name.strip() and names and _folded(database.name) not in names)
    birth_differs = bool(
        database.birth_date and file.birth_date and database.birth_date != file.birth_date
    )
    if name_differs or birth_differs:
        raise OtherPatientError(
            f"This file is about {_profile_label(file, file_names)}, but this database is "
            f"about {_profile_label(database)}. Import it into that person's file, or give "
            "--allow-other-patient (in the app: tick 'Import although the patient differs')."
        )


# -- FHIR Patient resources --------------------------------------------------------------
@dataclass(frozen=True)
class FilePatient:
    """A patient a FHIR file holds or refers to."""

    key: str  # the reference or resource id that names it in the file
    aliases: frozenset[str]
    profile: Profile | None = None  # None: only referred to, no Patient resource
    names: tuple[str, ...] = field(default=())
    resource_id: str | None = None

    @property
    def rid(self) -> str:
        return self.resource_id or self.key.rsplit("/", 1)[-1]

    def label(self) -> str:
        return f"{_profile_label(self.profile, self.names)} (id {self.rid})"

    def matches(self, wanted: str) -> bool:
        return wanted in self.aliases or wanted == self.rid


def _as_list(value: object) -> list:
    """FHIR lists that real files sometimes give as a single value ("given": "Maria")."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _human_name(entry: dict) -> str:
    if isinstance(entry.get("text"), str) and entry["text"].strip():
        return " ".join(entry["text"].split())
    given = [g for g in _as_list(entry.get("given")) if isinstance(g, str)]
    family = [f for f in _as_list(entry.get("family")) if isinstance(f, str)]
    return " ".join(" ".join([*given, *family]).split())


def read_patient(resource: dict) -> tuple[Profile, tuple[str, ...]]:
    """The profile a Patient resource gives, and every name it lists (official first)."""
    entries = [e for e in _as_list(resource.get("name")) if isinstance(e, dict)]
    entries.sort(key=lambda e: e.get("use") != "official")
    names = tuple(n for n in (_human_name(e) for e in entries) if n)
    birth = None
    text = resource.get("birthDate")
    if isinstance(text, str) and len(text) == 10:
        try:
            birth = parse_date(text)
        except DateParseError:
            birth = None
    gender = resource.get("gender")
    sex = Sex(gender) if gender in tuple(Sex) else None  # "other"/"unknown": not for eGFR
    return Profile(names[0] if names else "", birth, sex), names


def choose_patient(patients: list[FilePatient], wanted: str | None) -> FilePatient | None:
    """The one patient whose data is imported; refuses when that is not certain."""
    if wanted is not None:
        for patient in patients:
            if patient.matches(wanted):
                return patient
        held = "; ".join(p.label() for p in patients) or "no patient"
        raise ExchangeError(f"The file has no patient {wanted!r}; it holds {held}.")
    if len(patients) > 1:
        raise PatientChoiceNeeded(
            f"The file holds {len(patients)} patients: "
            + "; ".join(p.label() for p in patients)
            + ". Choose one with --patient ID.",
            patients,
        )
    return patients[0] if patients else None
