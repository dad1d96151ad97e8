"""A number needs its unit: the one rule every importer applies (issue 13 item 2).

A result written as a plain number without a unit is never given the marker's default
unit ("58" C3 is 58 g/L HIGH or 58 mg/dL LOW: the file does not say): it is skipped with
this reason. Markers read without a unit (titers, words, ordinal dipstick) are exempt.
"""

from __future__ import annotations

from lupus_tracker.domain.catalog import Marker
from lupus_tracker.domain.measurement import parse_for_marker
from lupus_tracker.domain.records import NumberFormat
from lupus_tracker.domain.values import ValueParseError

NO_UNIT = "a number without a unit cannot be read (the unit is not guessed)"


def has_no_unit(marker: Marker) -> bool:
    """Markers read without a unit: titers, words, ordinal dipstick."""
    return marker.canonical_unit.family in ("titer", "ordinal")


def number_without_unit(
    marker: Marker, text: str, unit: str | None, number_format: NumberFormat | None = None
) -> bool:
    """True when ``text`` is a number (or a bound) given without ``unit`` for a marker
    that has units: the result cannot be read. A text that is not a number at all is left
    to the entry's own check, which names what is wrong."""
    if (unit or "").strip() or has_no_unit(marker):
        return False
    try:
        value = parse_for_marker(marker, text, number_format)
    except ValueParseError:
        return False
    return value.number is not None and not value.is_titer
