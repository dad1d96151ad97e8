"""Turning one entered result (marker, value text, unit, printed range) into a checked
measurement: the parsed value, its unit, the value in the family's base unit and its flag.

This is the single place where a typed lab value meets the catalog; the store, the import
and the GUI all go through :func:`interpret`.
"""

from __future__ import annotations

from dataclasses import dataclass

from lupus_tracker.domain.catalog import Marker
from lupus_tracker.domain.ranges import Flag, RefRange, flag_value, parse_range
from lupus_tracker.domain.records import Sex
from lupus_tracker.domain.thresholds import certainly_above, certainly_below
from lupus_tracker.domain.units import Unit, UnitError
from lupus_tracker.domain.values import ParsedValue, ValueParseError, parse_value


@dataclass(frozen=True)
class Measurement:
    marker: Marker
    value: ParsedValue
    unit: Unit
    base_unit: Unit
    base_value: float | None
    ref: RefRange | None
    ref_is_lab: bool

    @property
    def flag(self) -> Flag:
        return flag_value(self.value, self.ref)

    @property
    def in_canonical_family(self) -> bool:
        """The base value is in the marker's canonical unit (not a kit's own units)."""
        return self.base_unit is self.marker.canonical_unit

    def certainly_above(self, limit: float, *, or_equal: bool = False) -> bool:
        """The true value is certainly above ``limit``, given in the canonical unit."""
        return (self.base_value is not None and self.in_canonical_family
                and certainly_above(self.base_value, self.value.comparator, limit,
                                    or_equal=or_equal))

    def certainly_below(self, limit: float, *, or_equal: bool = False) -> bool:
        """The true value is certainly below ``limit``, given in the canonical unit."""
        return (self.base_value is not None and self.in_canonical_family
                and certainly_below(self.base_value, self.value.comparator, limit,
                                    or_equal=or_equal))


def default_unit(marker: Marker, value: ParsedValue) -> Unit:
    """The unit assumed when none is given: titer for a titer, else the canonical unit."""
    if value.is_titer:
        return next(u for u in marker.units.units if u.family == "titer")
    return marker.canonical_unit


def interpret(
    marker: Marker,
    value_text: str,
    unit_text: str | None = None,
    range_text: str | None = None,
    sex: Sex | None = None,
) -> Measurement:
    """Check and interpret an entered result; raises ``ValueParseError`` or ``UnitError``."""
    value = parse_value(
        value_text, marker_name=marker.name, accepts_titer=marker.accepts_titer,
        words=marker.words,
    )
    if unit_text is None or not unit_text.strip():
        unit = default_unit(marker, value)
    else:
        unit = marker.units.lookup(unit_text, marker.name)
    if value.is_titer and unit.family != "titer":
        raise UnitError(f"A titer such as {value.text} has no unit; {unit.label} cannot be used.")
    if value.number is not None and not value.is_titer and unit.family == "titer":
        raise UnitError(
            f"{value.text} is not a titer: write it as 1:N, or choose the unit it was "
            "measured in."
        )
    if unit.family == "ordinal" and value.word is None:
        raise ValueParseError(
            f"{marker.name} is read as one of: {', '.join(marker.words)}."
        )
    base_unit = marker.units.base_of(unit)
    base_value = None
    if value.number is not None:
        base_value = marker.units.convert(value.number, unit, base_unit)
    lab_range = parse_range(range_text, marker.words)
    ref: RefRange | None
    if lab_range is not None:
        if lab_range.titer != (unit.family == "titer") and lab_range.word is None:
            raise ValueParseError(
                f"The reference range {range_text!r} does not match the result's unit "
                f"({unit.label})."
            )
        ref, is_lab = lab_range, True
    else:
        ref, is_lab = _default_range_in(marker, unit, sex), False
    return Measurement(marker, value, unit, base_unit, base_value, ref, is_lab)


def _default_range_in(marker: Marker, unit: Unit, sex: Sex | None) -> RefRange | None:
    """The catalog's default range expressed in ``unit``, if it applies to that unit."""
    default = marker.reference_range(sex)
    if default is None:
        return None
    if default.word is not None:
        return default
    canonical = marker.canonical_unit
    if default.titer:
        return default if unit.family == "titer" else None
    if unit.family != canonical.family:
        return None  # e.g. a kit's U/mL: the default IU/mL cut-off does not apply
    return default.scaled(lambda v: marker.units.convert(v, canonical, unit))


__all__ = ["Measurement", "UnitError", "ValueParseError", "default_unit", "interpret"]
