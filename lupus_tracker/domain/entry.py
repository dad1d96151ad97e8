"""Checking an entered lab result before it is saved: the one function every entry path
(dialog, command line, CSV and FHIR import, the store) calls."""

from __future__ import annotations

from datetime import date

from lupus_tracker.domain.catalog import UnknownMarkerError, get_marker
from lupus_tracker.domain.dates import DateParseError, check_not_future
from lupus_tracker.domain.measurement import Measurement, interpret
from lupus_tracker.domain.records import InvalidEntryError, LabEntry, Sex
from lupus_tracker.domain.units import UnitError
from lupus_tracker.domain.values import ValueParseError


def check_entry(entry: LabEntry, sex: Sex | None = None) -> Measurement:
    """Interpret an entry or raise ``InvalidEntryError`` with a message for the user."""
    try:
        if not isinstance(entry.taken_on, date):
            raise DateParseError(f"The date {entry.taken_on!r} is not a date.")
        check_not_future(entry.taken_on, "result")
        marker = get_marker(entry.marker)
        return interpret(marker, entry.value, entry.unit, entry.ref_range, sex)
    except (UnknownMarkerError, ValueParseError, UnitError, DateParseError) as error:
        raise InvalidEntryError(str(error)) from None
