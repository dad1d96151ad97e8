"""The records a person enters and the app stores, as frozen dataclasses (no I/O)."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    from lupus_tracker.domain.measurement import Measurement


class InvalidEntryError(ValueError):
    """An entry that cannot be saved; ``index`` is its position in a batch (0-based)."""

    def __init__(self, message: str, index: int | None = None):
        super().__init__(message)
        self.index = index


class EventKind(enum.StrEnum):
    FLARE = "flare"
    INFUSION = "infusion"
    HOSPITAL_STAY = "hospital_stay"
    VISIT = "visit"
    EYE_EXAM = "eye_exam"  # retinal screening on hydroxychloroquine (schema version 6)
    OTHER = "other"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ").capitalize()


_Choice = TypeVar("_Choice", bound=enum.StrEnum)


def _parse_choice(kind: type[_Choice], text: str | None, refusal: str) -> _Choice | None:
    """One of ``kind``'s values typed in any case; ``None`` or blank gives ``None``; anything
    else is refused with ``refusal`` and the text."""
    if text is None or not str(text).strip():
        return None
    try:
        return kind(str(text).strip().lower())
    except ValueError:
        raise InvalidEntryError(f"{refusal}, not {text!r}.") from None


class Sex(enum.StrEnum):
    """Sex as the eGFR equations and sex-specific reference ranges need it."""

    FEMALE = "female"
    MALE = "male"

    @classmethod
    def parse(cls, text: str | None) -> Sex | None:
        """``None`` or blank gives ``None``; anything but female/male is refused."""
        return _parse_choice(cls, text, "Sex must be female or male (or left empty)")


class NumberFormat(enum.StrEnum):
    """How the person's lab reports write numbers: ``1.250`` is 1.25 with a decimal point
    and 1250 with a decimal comma (where the point separates thousands)."""

    POINT = "point"
    COMMA = "comma"

    @classmethod
    def from_decimal_point(cls, decimal_point: str) -> NumberFormat:
        """The format of a locale whose decimal mark is ``decimal_point`` (Qt's
        ``QLocale().decimalPoint()``): how the app sets it on a file's first run."""
        return cls.COMMA if decimal_point.strip() == "," else cls.POINT

    @classmethod
    def parse(cls, text: str | None) -> NumberFormat | None:
        return _parse_choice(cls, text, "The number format must be point or comma")


class Source(enum.StrEnum):
    ENTERED = "entered"
    IMPORTED = "imported"
    COMPUTED = "computed"


@dataclass(frozen=True)
class Profile:
    name: str = ""
    birth_date: date | None = None
    sex: Sex | None = None


@dataclass(frozen=True)
class LabEntry:
    """A result as a person enters it; the repository checks and interprets it."""

    taken_on: date
    marker: str
    value: str
    unit: str | None = None
    ref_range: str | None = None
    lab: str | None = None
    assay: str | None = None
    pattern: str | None = None
    note: str | None = None
    source: Source = Source.ENTERED
    # How ``value`` and ``ref_range`` write numbers; None: as the file's number format says.
    number_format: NumberFormat | None = None
    taken_at: str | None = None  # time of day "HH:MM" when the source gives one
    source_id: str | None = None  # the source's identifier of the result (system|value)


@dataclass(frozen=True)
class LabResult:
    """A stored result: the value as entered, its comparator, and its base-unit value."""

    id: int
    taken_on: date
    marker: str
    value_text: str
    comparator: str | None
    number: float | None
    unit: str
    base_value: float | None
    base_unit: str
    ref_range: str | None
    lab: str | None
    assay: str | None
    pattern: str | None
    note: str | None
    source: Source
    created_at: str
    updated_at: str
    taken_at: str | None = None
    source_id: str | None = None
    # The text interpreted once when the store loaded the result (the value, unit, base
    # value, range and flag every reader uses); None when the current catalog cannot read
    # it. Derived from the text, so it takes no part in comparisons.
    measurement: Measurement | None = field(default=None, compare=False, repr=False)

    def entry(self) -> LabEntry:
        return LabEntry(
            self.taken_on,
            self.marker,
            self.value_text,
            self.unit,
            self.ref_range,
            self.lab,
            self.assay,
            self.pattern,
            self.note,
            self.source,
            NumberFormat.POINT,  # stored text is canonical
            taken_at=self.taken_at,
            source_id=self.source_id,
        )


@dataclass(frozen=True)
class SymptomEntry:
    day: date
    symptom: str
    severity: int
    location: str | None = None  # the kind of rash (malar/butterfly, discoid, other)
    note: str | None = None
    body_site: str | None = None  # where on the body (the rash only), as typed


@dataclass(frozen=True)
class SymptomDay:
    """Everything logged for one day: symptom entries and the day's note."""

    day: date
    entries: tuple[SymptomEntry, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Dose:
    from_date: date
    dose: float | None = None
    unit: str | None = None
    frequency: str | None = None
    note: str | None = None


@dataclass(frozen=True)
class Medication:
    id: int | None
    name: str
    started_on: date
    stopped_on: date | None = None
    note: str | None = None
    doses: tuple[Dose, ...] = field(default=())

    def dose_on(self, day: date) -> Dose | None:
        current = None
        for dose in self.doses:
            if dose.from_date <= day:
                current = dose
        return current

    def active_on(self, day: date) -> bool:
        return self.started_on <= day and (self.stopped_on is None or day <= self.stopped_on)


@dataclass(frozen=True)
class Event:
    id: int | None
    occurred_on: date
    kind: EventKind
    title: str = ""
    note: str | None = None
    ended_on: date | None = None
