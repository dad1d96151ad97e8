"""A FHIR Observation's ``referenceRange`` read into the printed range of the result's unit.

- Limits given in another unit of the same family are converted (albumin 35-50 g/L for a
  result in g/dL becomes 3.5-5); a unit that cannot be converted drops the range, never the
  result, and the reason is returned as a remark for the preview.
- Of several ranges whose ``appliesTo`` names a sex, the one for the profile's sex is
  chosen; with the sex unknown none is.
- A text range with a unit (``"0.57 - 1.00 mg/dL"``) is read like the limits.
- An exclusive text bound (``"<80"``) keeps its meaning; it wins over inclusive limits.

Sex codes in ``appliesTo``: SNOMED CT 248152002 |Female| and 248153007 |Male| (the codes of
FHIR R4's value set http://hl7.org/fhir/ValueSet/referencerange-appliesto), or the
administrative-gender words female/male.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lupus_tracker.domain.catalog import Marker
from lupus_tracker.domain.ranges import RefRange, parse_range, ranges_disagree
from lupus_tracker.domain.records import Sex
from lupus_tracker.domain.units import Unit, UnitError
from lupus_tracker.domain.values import ValueParseError, format_number

SEX_CODES = {"248152002": Sex.FEMALE, "248153007": Sex.MALE, "female": Sex.FEMALE, "male": Sex.MALE}
CATALOG_DEFAULT_TYPE = "default adult range (Lupus Tracker catalog)"  # older exports
_UNIT_TAIL = re.compile(r"^(?P<range>.*?[0-9])\s*(?P<unit>[^0-9\s.,:<>=\-\u2013][^\s]*)$")


class _Unreadable(ValueError):
    """A range that cannot be used for this result."""


@dataclass(frozen=True)
class RangeReading:
    text: str | None  # the range in the result's unit, or None
    remark: str | None = None  # why a range in the file is not used


def _sexes(entry: dict) -> set[Sex]:
    found: set[Sex] = set()
    for concept in entry.get("appliesTo") or []:
        if not isinstance(concept, dict):
            continue
        for coding in concept.get("coding") or []:
            if isinstance(coding, dict) and str(coding.get("code", "")).lower() in SEX_CODES:
                found.add(SEX_CODES[str(coding["code"]).lower()])
        text = str(concept.get("text") or "").strip().lower()
        if text in SEX_CODES:
            found.add(SEX_CODES[text])
    return found


def _is_catalog_default(entry: dict) -> bool:
    kind = entry.get("type")
    return isinstance(kind, dict) and kind.get("text") == CATALOG_DEFAULT_TYPE


def _convert(marker: Marker, ref: RefRange, source: Unit, target: Unit) -> RefRange:
    if source is target or ref.word is not None or ref.titer:
        return ref
    if source.family != target.family:
        raise _Unreadable(
            f"the range is in {source.label}, which cannot be converted to {target.label}"
        )
    return ref.scaled(lambda v: float(format_number(marker.units.convert(v, source, target), 6)))


def _quantity(marker: Marker, quantity: object, target: Unit | None) -> tuple[float, Unit | None]:
    if not isinstance(quantity, dict):
        raise _Unreadable("a limit is not a quantity")
    value = quantity.get("value")
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise _Unreadable("a limit has no number")
    spelled = [
        t for t in (quantity.get("code"), quantity.get("unit")) if isinstance(t, str) and t.strip()
    ]
    if not spelled:
        return float(value), None
    for text in spelled:
        unit = marker.units.find(text)
        if unit is not None:
            return float(value), unit
    raise _Unreadable(f"the range's unit {spelled[0]!r} is not known for {marker.name}")


def _from_limits(marker: Marker, entry: dict, target: Unit | None) -> RefRange:
    low = _quantity(marker, entry["low"], target) if entry.get("low") is not None else None
    high = _quantity(marker, entry["high"], target) if entry.get("high") is not None else None
    units = {pair[1] for pair in (low, high) if pair is not None and pair[1] is not None}
    try:
        ref = RefRange(low=low[0] if low else None, high=high[0] if high else None)
    except ValueParseError as error:
        raise _Unreadable(str(error)) from None
    if len(units) > 1:
        raise _Unreadable("the range's limits are in two different units")
    if units and target is not None:
        return _convert(marker, ref, units.pop(), target)
    return ref


def _from_text(marker: Marker, text: str, target: Unit | None) -> RefRange:
    try:
        ref = parse_range(text, marker.words)
    except ValueParseError:
        ref = None
    if ref is not None:
        return ref
    tail = _UNIT_TAIL.match(" ".join(text.split()))
    if tail is not None:
        unit = marker.units.find(tail["unit"])
        if unit is not None:
            try:
                ref = parse_range(tail["range"], marker.words)
            except ValueParseError:
                ref = None
            if ref is not None:
                return _convert(marker, ref, unit, target) if target is not None else ref
    raise _Unreadable(f"the range {text!r} could not be read")


def _read_entry(marker: Marker, entry: dict, target: Unit | None) -> RefRange:
    text = entry.get("text")
    has_limits = entry.get("low") is not None or entry.get("high") is not None
    if isinstance(text, str) and text.strip():
        try:
            printed = _from_text(marker, text, target)
        except _Unreadable:
            if not has_limits:
                raise
        else:
            if has_limits:
                disagree = ranges_disagree(printed, _from_limits(marker, entry, target))
                if disagree:
                    raise _Unreadable(disagree)
            return printed
    if has_limits:
        return _from_limits(marker, entry, target)
    raise _Unreadable("the range has neither limits nor text")


def read_range(item: dict, marker: Marker, target: Unit | None, sex: str | None) -> RangeReading:
    """The range of ``item`` in the result's unit ``target`` (None for a titer or word)."""
    entries = [
        e
        for e in item.get("referenceRange") or []
        if isinstance(e, dict) and not _is_catalog_default(e)
    ]
    if not entries:
        return RangeReading(None)
    by_sex = [e for e in entries if _sexes(e)]
    general = [e for e in entries if not _sexes(e)]
    if by_sex and sex is not None:
        chosen = [e for e in by_sex if sex in _sexes(e)] or general
    elif by_sex and not general:
        return RangeReading(
            None,
            "the file gives ranges by sex and the profile's sex is not "
            "set: imported without a range",
        )
    else:
        chosen = general
    if not chosen:
        return RangeReading(
            None, f"the file has no range for a {sex} patient: imported without a range"
        )
    try:
        readings = {_read_entry(marker, e, target) for e in chosen}
    except (_Unreadable, UnitError) as error:
        return RangeReading(None, f"{error}: imported without a range")
    if len(readings) > 1:
        return RangeReading(
            None, "the file gives several different ranges: imported without a range"
        )
    return RangeReading(readings.pop().text())
