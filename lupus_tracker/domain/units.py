"""Units of measure and exact conversion to and from a marker's canonical unit.

A marker's units come in *families*: units within one family convert exactly into the
family's base unit (``canonical = value * factor + offset``).  Units of different families
(for example anti-dsDNA in WHO ``[IU]/mL`` versus a kit's arbitrary ``U/mL``) measure things
that cannot be converted into each other, so conversion between them is refused.

Nothing here guesses: a unit that a marker does not list is an error.
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass, field


class UnitError(ValueError):
    """A unit is unknown for a marker, or two units cannot be converted."""


@dataclass(frozen=True)
class Unit:
    """One unit a marker may be reported in.

    ``code`` is the UCUM code FHIR carries; ``label`` the familiar form people read;
    ``family`` names the convertible group and ``base`` is that family's base unit code.
    """

    code: str
    label: str
    factor: float = 1.0
    offset: float = 0.0
    family: str = "default"
    aliases: tuple[str, ...] = field(default=())
    decimals: int | None = None  # how labs usually print it: C3 0.62 g/L but 62 mg/dL

    def to_base(self, value: float) -> float:
        return value * self.factor + self.offset

    def from_base(self, value: float) -> float:
        return (value - self.offset) / self.factor


_ANNOTATION = re.compile(r"\{[^}0-9][^}]*\}")
_MICRO = ("\u00b5", "\u03bc")  # micro sign and Greek small mu


SPELLINGS_REMEMBERED = 4096  # not clinical: how many unit spellings are kept normalised


@functools.lru_cache(maxsize=SPELLINGS_REMEMBERED)  # pure; an import repeats a few spellings
def normalize_unit_text(text: str) -> str:
    """Fold the spellings a lab report or a FHIR export uses into one lookup key.

    Case, white space, micro-sign variants, ``^``/``*`` powers and UCUM annotations such as
    ``{creat}`` are folded; the meaning is never changed.
    """
    folded = unicodedata.normalize("NFKC", text)
    for micro in _MICRO:
        folded = folded.replace(micro, "u")
    folded = folded.replace("\u00d7", "x")  # multiplication sign
    without_annotations = _ANNOTATION.sub("", folded)
    if without_annotations.strip():
        folded = without_annotations
    folded = "".join(folded.split()).lower()
    return folded.replace("^", "*")


class UnitTable:
    """The units of one marker: lookup by any known spelling, and exact conversion."""

    def __init__(self, units: tuple[Unit, ...]):
        if not units:
            raise ValueError("a marker needs at least one unit")
        self.units = units
        self.canonical = units[0]
        self._by_key: dict[str, Unit] = {}
        for family in {u.family for u in units}:
            base = next(u for u in units if u.family == family)
            if (base.factor, base.offset) != (1.0, 0.0):
                raise ValueError(f"the first unit of family {family!r} must be its base unit")
        for unit in units:
            for spelling in (unit.code, unit.label, *unit.aliases):
                key = normalize_unit_text(spelling)
                known = self._by_key.get(key)
                if known is not None and known is not unit:
                    raise ValueError(f"unit spelling {spelling!r} is ambiguous")
                self._by_key[key] = unit

    def find(self, text: str) -> Unit | None:
        return self._by_key.get(normalize_unit_text(text))

    def lookup(self, text: str, marker_name: str) -> Unit:
        unit = self.find(text)
        if unit is None:
            allowed = ", ".join(u.label for u in self.units)
            raise UnitError(f"Unit {text!r} is not known for {marker_name}. Use one of: {allowed}.")
        return unit

    def base_of(self, unit: Unit) -> Unit:
        """The unit that values of ``unit``'s family are stored in."""
        for candidate in self.units:
            if candidate.family == unit.family:
                return candidate
        raise AssertionError("every family has its first unit as base")

    def convert(self, value: float, source: Unit, target: Unit) -> float:
        if source.family != target.family:
            raise UnitError(
                f"{source.label} and {target.label} measure different things and cannot be "
                "converted into each other."
            )
        if source is target:
            return value
        return tidy(target.from_base(source.to_base(value)))


def rounded_for(unit: Unit, value: float) -> float:
    """``value`` at the unit's usual precision (a converted range prints 0.51-1.02 mg/dL,
    not 0.509-1.02); three significant digits where the unit has no usual precision or
    where its decimals would round a non-zero value to zero."""
    if unit.decimals is not None:
        shown = round(value, unit.decimals)
        if shown != 0 or value == 0:
            return shown
    if value == 0 or not math.isfinite(value):
        return value
    return float(f"{value:.3g}")


def tidy(value: float) -> float:
    """Drop binary floating-point noise (38.00000000000001 -> 38.0) beyond 12 digits.

    Twelve significant digits are far finer than any lab measures, and keep flags at a
    range's limit honest after a conversion such as 100.4 °F -> 38 °C.
    """
    return float(f"{value:.12g}")


# UCUM spellings and the way a person reads them (issue 11 item 17): the codes FHIR and the
# database carry never reach a screen, a report or a message. A unit the catalog lists is
# shown by its label; anything else (an imported unit the catalog does not know) is made
# readable by these rules. UCUM reference: https://ucum.org/ucum (powers of ten written
# 10*N, annotations in braces, special units in square brackets).
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_POWER_OF_TEN = re.compile(r"10\*(-?[0-9]+)")
_SQUARE_METRES = re.compile(r"\{?([0-9.]+)[_ ]?m2\}?")
_BRACKETED = re.compile(r"\[([^\]]+)\]")
_UCUM_WORDS = {
    "[degF]": "°F",
    "mm[Hg]": "mmHg",
    "[lb_av]": "lb",
    "[HPF]": "HPF",
    "[LPF]": "LPF",
    "[IU]": "IU",
    "[iU]": "IU",
    "[GPL'U]": "GPL",
    "[MPL'U]": "MPL",
    "{titer}": "titer",
    "{dipstick}": "dipstick",
    "{result}": "result",
    "{AI}": "AI",
    "(24.h)": "24h",
    "mm3": "mm³",
}


def readable_unit(text: str | None) -> str:
    """A unit's code as a person reads it: ``10*9/L`` -> ``×10⁹/L``,
    ``mL/min/{1.73_m2}`` -> ``mL/min/1.73 m²``, ``[IU]/mL`` -> ``IU/mL``, ``umol/L`` ->
    ``µmol/L``. Plain text a person typed comes back unchanged."""
    if not text:
        return ""
    shown = text.strip()
    shown = re.sub(r"\bCel\b", "°C", shown)
    for code, words in _UCUM_WORDS.items():
        shown = shown.replace(code, words)
    shown = _POWER_OF_TEN.sub(lambda m: "×10" + m.group(1).translate(_SUPERSCRIPT), shown)
    shown = _SQUARE_METRES.sub(lambda m: f"{m.group(1)} m²", shown)
    shown = _BRACKETED.sub(lambda m: m.group(1), shown)
    shown = re.sub(r"\{([^}]*)\}", r"\1", shown)  # any other annotation: its words
    shown = re.sub(r"\bu(mol|kat|g|L)\b", r"µ\1", shown)
    return shown
