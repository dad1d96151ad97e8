"""Turning one entered result (marker, value text, unit, printed range) into a checked
measurement: the parsed value, its unit, the value in the family's base unit and its flag.

This is the single place where a typed lab value meets the catalog; the store, the import
and the GUI all go through :func:`interpret`.
"""

from __future__ import annotations

from dataclasses import dataclass

from lupus_tracker.domain.catalog import Marker
from lupus_tracker.domain.ranges import Flag, RefRange, flag_value, parse_range
from lupus_tracker.domain.records import NumberFormat, Sex
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
    # With sex unknown and a default range that differs by sex: each sex's range.
    ranges_by_sex: tuple[RefRange | None, ...] = ()

    @property
    def flag(self) -> Flag:
        """The flag against the lab's range, else the default one.  With sex unknown, a
        value inside one sex's default range and outside the other's is never "normal"
        (issue 12 item 3): it is flagged as depending on sex."""
        if self.ranges_by_sex:
            flags = {flag_value(self.value, ref) for ref in self.ranges_by_sex}
            return flags.pop() if len(flags) == 1 else Flag.SEX_DEPENDENT
        return flag_value(self.value, self.ref)

    @property
    def in_canonical_family(self) -> bool:
        """The base value is in the marker's canonical unit (not a kit's own units)."""
        return self.base_unit is self.marker.canonical_unit

    def certainly_above(self, limit: float, *, or_equal: bool = False) -> bool:
        """The true value is certainly above ``limit``, given in the canonical unit."""
        return (
            self.base_value is not None
            and self.in_canonical_family
            and certainly_above(self.base_value, self.value.comparator, limit, or_equal=or_equal)
        )

    def certainly_below(self, limit: float, *, or_equal: bool = False) -> bool:
        """The true value is certainly below ``limit``, given in the canonical unit."""
        return (
            self.base_value is not None
            and self.in_canonical_family
            and certainly_below(self.base_value, self.value.comparator, limit, or_equal=or_equal)
        )


def default_unit(marker: Marker, value: ParsedValue) -> Unit:
    """The unit assumed when none is given: titer for a titer, else the canonical unit."""
    if value.is_titer:
        return next(u for u in marker.units.units if u.family == "titer")
    return marker.canonical_unit


def parse_for_marker(
    marker: Marker, text: str, number_format: NumberFormat | None = None
) -> ParsedValue:
    """``text`` read as a result of ``marker`` (its name, titers, words); ambiguous numbers
    by ``number_format``, refused when it is ``None``. Raises ``ValueParseError``."""
    return parse_value(
        text,
        marker_name=marker.name,
        accepts_titer=marker.accepts_titer,
        words=marker.words,
        number_format=number_format,
    )


def interpret(
    marker: Marker,
    value_text: str,
    unit_text: str | None = None,
    range_text: str | None = None,
    sex: Sex | None = None,
    number_format: NumberFormat | None = NumberFormat.POINT,
) -> Measurement:
    """Check and interpret a result; raises ``ValueParseError`` or ``UnitError``.

    Stored text is canonical and read with the default decimal point; an entry path passes
    the person's number format (``None`` refuses ambiguous numbers such as ``1.250``).
    """
    value = parse_for_marker(marker, value_text, number_format)
    if unit_text is None or not unit_text.strip():
        unit = default_unit(marker, value)
    else:
        unit = marker.units.lookup(unit_text, marker.name)
    if value.is_titer and unit.family != "titer":
        raise UnitError(f"A titer such as {value.text} has no unit; {unit.label} cannot be used.")
    if value.number is not None and not value.is_titer and unit.family == "titer":
        raise UnitError(
            f"{value.text} is not a titer: write it as 1:N, or choose the unit it was measured in."
        )
    if unit.family == "ordinal" and value.word is None:
        raise ValueParseError(f"{marker.name} is read as one of: {', '.join(marker.words)}.")
    base_unit = marker.units.base_of(unit)
    base_value = None
    if value.number is not None:
        base_value = marker.units.convert(value.number, unit, base_unit)
    lab_range = parse_range(range_text, marker.words, number_format)
    ref: RefRange | None
    if lab_range is not None:
        if lab_range.titer != (unit.family == "titer") and lab_range.word is None:
            raise ValueParseError(
                f"The reference range {range_text!r} does not match the result's unit "
                f"({unit.label})."
            )
        ref, is_lab = lab_range, True
    else:
        ref, is_lab = marker.default_range_in(unit, sex), False
    by_sex: tuple[RefRange | None, ...] = ()
    if not is_lab and sex is None and marker.depends_on_sex:
        by_sex = tuple(marker.default_range_in(unit, each) for each in Sex)
    return Measurement(marker, value, unit, base_unit, base_value, ref, is_lab, by_sex)


__all__ = ["Measurement", "UnitError", "ValueParseError", "default_unit", "interpret"]
