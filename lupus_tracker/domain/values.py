"""Parsing what people type and what lab reports print into a result value.

Accepted forms: a plain number (``0.62`` or with a decimal comma ``0,62``), a number with a
comparator (``<0.5``, ``>1000``, ``<=5``, ``≤5``), a titer (``1:160``, ``<1:40``) where the
marker is measured as a titer, and a word (``negative``, ``positive``, ``trace``, ``1+`` …)
where the marker allows it.  The comparator is always kept.  Everything else is rejected
with a message saying what is accepted: Python's ``float()`` would take ``nan``, ``inf``,
``1e309``, ``1_000`` and non-ASCII digits, none of which is a lab value, so it is never used
on raw text.
"""

from __future__ import annotations

import enum
import math
import re
from dataclasses import dataclass


class ValueParseError(ValueError):
    """Text that is not a value this marker accepts; the message says what is."""


class Comparator(enum.StrEnum):
    LT = "<"
    LE = "<="
    GT = ">"
    GE = ">="


@dataclass(frozen=True)
class ParsedValue:
    """A result value: a number (possibly bounded by a comparator), a titer, or a word."""

    text: str
    number: float | None = None
    comparator: Comparator | None = None
    is_titer: bool = False
    word: str | None = None

    @property
    def is_numeric(self) -> bool:
        return self.number is not None


# White space and sign look-alikes that real reports and copy-paste produce.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\t"), " ")
_COMPARATOR_SPELLINGS = {
    "\u2264": "<=",  # ≤
    "\u2265": ">=",  # ≥
    "\u2266": "<=",
    "\u2267": ">=",
    "=<": "<=",
    "=>": ">=",
}
_NUMBER = r"(?:[0-9]+(?:[.,][0-9]+)?|[.,][0-9]+)"
_NUMBER_RE = re.compile(rf"^(?P<cmp><=|>=|<|>)?\s*(?P<num>{_NUMBER})$", re.ASCII)
_TITER_RE = re.compile(r"^(?P<cmp><=|>=|<|>)?\s*1\s*:\s*(?P<den>[0-9]+)$", re.ASCII)
_AMBIGUOUS_THOUSANDS = re.compile(r"^[1-9][0-9]{0,2},[0-9]{3}$", re.ASCII)
MAX_MAGNITUDE = 1e9


def _clean(text: str) -> str:
    cleaned = text.translate(_SPACES).strip()
    for spelling, ascii_form in _COMPARATOR_SPELLINGS.items():
        cleaned = cleaned.replace(spelling, ascii_form)
    return cleaned


def accepted_forms(accepts_titer: bool, words: tuple[str, ...]) -> str:
    forms = ["a number such as 0.62 or 0,62", "a bound such as <0.5 or >1000"]
    if accepts_titer:
        forms.append("a titer such as 1:160")
    if words:
        forms.append("one of: " + ", ".join(words))
    return "; ".join(forms)


def parse_number(text: str) -> tuple[Comparator | None, float]:
    """Parse a plain or bounded number; raise ``ValueParseError`` for anything else."""
    cleaned = _clean(text)
    match = _NUMBER_RE.match(cleaned)
    if match is None:
        raise ValueParseError(f"{text!r} is not a number such as 0.62, 0,62 or <0.5.")
    digits = match["num"]
    if _AMBIGUOUS_THOUSANDS.match(digits):
        raise ValueParseError(
            f"{text!r} is ambiguous: write {digits.replace(',', '.')} if the comma is a "
            f"decimal comma, or {digits.replace(',', '')} without a thousands separator."
        )
    number = float(digits.replace(",", "."))
    if not math.isfinite(number) or number > MAX_MAGNITUDE:
        raise ValueParseError(f"{text!r} is too large to be a measured value.")
    comparator = Comparator(match["cmp"]) if match["cmp"] else None
    return comparator, number


def _typed_digits(cleaned: str) -> str:
    """The digits as typed (keeping significant trailing zeros), with a decimal point."""
    digits = cleaned.lstrip("<>=").strip().replace(",", ".")
    return "0" + digits if digits.startswith(".") else digits


def parse_value(
    text: str,
    *,
    marker_name: str = "this marker",
    accepts_titer: bool = False,
    words: tuple[str, ...] = (),
) -> ParsedValue:
    """Parse ``text`` as a result of a marker with the given properties."""
    if not isinstance(text, str):
        raise ValueParseError(f"a value for {marker_name} must be text, not {type(text).__name__}")
    cleaned = _clean(text)
    hint = accepted_forms(accepts_titer, words)
    if not cleaned:
        raise ValueParseError(f"No value given for {marker_name}. Accepted: {hint}.")
    lowered = cleaned.lower()
    for word in words:
        if lowered == word.lower():
            return ParsedValue(text=word, word=word)
    titer = _TITER_RE.match(cleaned)
    if titer is not None:
        if not accepts_titer:
            raise ValueParseError(
                f"{marker_name} is not measured as a titer; {text!r} cannot be used. "
                f"Accepted: {hint}."
            )
        denominator = int(titer["den"])
        if denominator < 1 or denominator > MAX_MAGNITUDE:
            raise ValueParseError(f"{text!r} is not a valid titer. Accepted: {hint}.")
        comparator = Comparator(titer["cmp"]) if titer["cmp"] else None
        shown = f"{comparator or ''}1:{denominator}"
        return ParsedValue(text=shown, number=float(denominator), comparator=comparator,
                           is_titer=True)
    if cleaned.startswith("-") or cleaned.startswith("\u2212"):
        raise ValueParseError(f"{marker_name} cannot be negative ({text!r}). Accepted: {hint}.")
    try:
        comparator, number = parse_number(cleaned)
    except ValueParseError as error:
        if "ambiguous" in str(error) or "too large" in str(error):
            raise
        raise ValueParseError(
            f"Could not read {text!r} as a value for {marker_name}. Accepted: {hint}."
        ) from None
    shown = f"{comparator or ''}{_typed_digits(cleaned)}"
    return ParsedValue(text=shown, number=number, comparator=comparator)


def format_number(value: float, digits: int | None = None) -> str:
    """A number as people write it: no trailing zeros, no exponent for lab magnitudes."""
    if digits is not None:
        text = f"{value:.{digits}f}"
    else:
        text = f"{value:.6f}" if abs(value) < 1e6 else f"{value:.0f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def round_significant(value: float, digits: int = 3) -> float:
    """``value`` rounded to ``digits`` significant figures (for converted display values:
    45 µmol/L is 0.509 mg/dL, not 0.508935)."""
    if value == 0 or not math.isfinite(value):
        return value
    return float(f"{value:.{digits}g}")
