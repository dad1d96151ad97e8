"""Checking an entered lab result before it is saved: the one function every entry path
(dialog, command line, CSV and FHIR import, the store) calls."""

from __future__ import annotations

from datetime import date

from lupus_tracker.domain.catalog import UnknownMarkerError, get_marker
from lupus_tracker.domain.dates import DateParseError, check_not_future
from lupus_tracker.domain.measurement import Measurement, interpret
from lupus_tracker.domain.plausibility import implausible, implausible_range
from lupus_tracker.domain.records import InvalidEntryError, LabEntry, NumberFormat, Sex, Source
from lupus_tracker.domain.units import UnitError
from lupus_tracker.domain.values import ValueParseError, check_typed_precision

# Our choice: a note is a remark, not a document; 10,000 characters is about four pages and
# keeps every view, export and report readable (issue 12 item 2).
MAX_NOTE_CHARS = 10_000


# Our choice: a lab's name, an assay, a pattern or an event's title is a label, not a text;
# 200 characters hold any real one, and keep every cell far below Excel's 32,767 (red team,
# round 4: 40,003-character lab names and titles were imported and exported).
MAX_LABEL_CHARS = 200


def check_label(what: str, text: str | None) -> None:
    """Refuse a label (lab, assay, pattern, event title) longer than ``MAX_LABEL_CHARS``."""
    if text is not None and len(text) > MAX_LABEL_CHARS:
        raise InvalidEntryError(
            f"The {what} has {len(text):,} characters; at most {MAX_LABEL_CHARS} are kept. "
            "Shorten it."
        )


def check_event_text(title: str | None, note: str | None) -> None:
    """An event's title is a label, its note a note: both within their limits."""
    check_label("event title", title)
    check_note(note)


def note_too_long(length: int) -> str:
    return f"The note has {length:,} characters; at most {MAX_NOTE_CHARS:,} are kept. Shorten it."


def check_note(text: str | None) -> None:
    """Refuse a note longer than ``MAX_NOTE_CHARS`` (diary, events, medications too)."""
    if text is not None and len(text) > MAX_NOTE_CHARS:
        raise InvalidEntryError(note_too_long(len(text)))


def check_entry(
    entry: LabEntry,
    sex: Sex | None = None,
    number_format: NumberFormat | None = None,
    birth_date: date | None = None,
) -> Measurement:
    """Interpret an entry or raise ``InvalidEntryError`` with a message for the user.

    Numbers are read by ``entry.number_format`` when the entry says how it was written
    (a stored result's canonical text, a FHIR number), else by the file's ``number_format``;
    with neither, an ambiguous number such as ``1.250`` is refused naming both readings.
    A result dated before ``birth_date`` (the profile's) is refused (red-team finding).
    """
    try:
        if not isinstance(entry.taken_on, date):
            raise DateParseError(f"The date {entry.taken_on!r} is not a date.")
        check_not_future(entry.taken_on, "result")
        if birth_date is not None and entry.taken_on < birth_date:
            raise DateParseError(
                f"The result is dated {entry.taken_on.isoformat()}, before the birth date "
                f"{birth_date.isoformat()} in Profile; check the date."
            )
        marker = get_marker(entry.marker)
        m = interpret(
            marker,
            entry.value,
            entry.unit,
            entry.ref_range,
            sex,
            entry.number_format or number_format,
        )
        if entry.source is Source.ENTERED:
            check_typed_precision(m.value)
        problem = implausible(m) or implausible_range(m)
        if problem:
            raise ValueParseError(problem)
        if entry.note is not None and len(entry.note) > MAX_NOTE_CHARS:
            raise ValueParseError(note_too_long(len(entry.note)))
        check_label("lab name", entry.lab)
        check_label("assay", entry.assay)
        check_label("pattern", entry.pattern)
        return m
    except (UnknownMarkerError, ValueParseError, UnitError, DateParseError) as error:
        raise InvalidEntryError(str(error)) from None
