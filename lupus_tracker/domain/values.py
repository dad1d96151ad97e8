"""Parsing what people type and what lab reports print into a result value.

Accepted forms: a plain number (``0.62`` or with a decimal comma ``0,62``, grouped thousands
such as ``1,250.5`` or ``1.250,5``), a number with a comparator (``<0.5``, ``>1000``,
``<=5``, ``≤5``), a titer (``1:160``, ``<1:40``) where the marker is measured as a titer,
and a word (``negative``, ``positive``, ``trace``, ``1+`` …) where the marker allows it.
The comparator is always kept.  Everything else is rejected with a message saying what is
accepted: Python's ``float()`` would take ``nan``, ``inf``, ``1e309``, ``1_000`` and
non-ASCII digits, none of which is a lab value, so it is never used on raw text.

A number with a single separator followed by exactly three digits and a non-zero integer part
(``1.250``, ``1,250``, ``250.000``) is ambiguous: 1.25 with a decimal point, 1250 where the
separator groups thousands.  It is read by the person's :class:`NumberFormat`; when none is
set it is refused with a message naming both readings (issue 12 item 1: a European lab's
``1.250 mg/24h`` read as 1.25 mg is a 1000-fold error).  Text the app stores is canonical
(decimal point, no grouping) and is read back with ``NumberFormat.POINT``.
"""

from __future__ import annotations

import enum
import math
import re
from dataclasses import dataclass

from lupus_tracker.domain.records import NumberFormat


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
# Grouped thousands with the other separator as decimal mark: 1,250.5  1.250,5  1,250,000.
_GROUPED = (
    r"(?:[1-9][0-9]{0,2}(?:,[0-9]{3})+(?:\.[0-9]+)?"
    r"|[1-9][0-9]{0,2}(?:\.[0-9]{3})+(?:,[0-9]+)?)"
)
_NUMBER_RE = re.compile(rf"^(?P<cmp><=|>=|<|>)?\s*(?P<num>{_GROUPED}|{_NUMBER})$", re.ASCII)
# The smallest dilution a lab reports as a titer: serum is tested in twofold serial
# dilutions from a screening dilution, 1:10 for anti-dsDNA on Crithidia luciliae (Mayo
# Clinic Laboratories, test CRITH: screened at 1:10) and 1:40 or 1:80 for ANA on HEp-2
# cells (the 2019 EULAR/ACR SLE criteria's entry criterion is ANA >= 1:80).  "1:1" or
# "1:3" is then a slip, not a result (red-team fix round); a bound ("<1:10") stays.
MIN_TITER_DILUTION = 10
_TITER_RE = re.compile(r"^(?P<cmp><=|>=|<|>)?\s*1\s*:\s*(?P<den>[0-9]+)$", re.ASCII)
# The ambiguous form: one separator, exactly three digits after it, a non-zero integer part
# of one to three digits (a longer integer part cannot be a thousands group).
AMBIGUOUS_NUMBER = re.compile(r"^[1-9][0-9]{0,2}[.,][0-9]{3}$", re.ASCII)
# Our choice: no lab value reaches a billion in any unit the catalog knows (platelets
# 400,000 /mm³ is the largest everyday magnitude); larger text is a typing error.
MAX_MAGNITUDE = 1e9
# A double holds 15-17 significant digits: more digits than 15 cannot be kept exactly, and
# no instrument reports them.
MAX_SIGNIFICANT_DIGITS = 15


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


@dataclass(frozen=True)
class NumberReading:
    """A number as understood: comparator, value and canonical digits (decimal point, no
    grouping, the typed decimals kept: ``0,620`` gives ``0.620``)."""

    comparator: Comparator | None
    number: float
    digits: str


def _canonical(digits: str, number_format: NumberFormat | None, original: str) -> str:
    """``digits`` with a decimal point and no grouping; ambiguous forms by the format."""
    if AMBIGUOUS_NUMBER.match(digits):
        separator = digits[-4]
        as_decimal = digits.replace(separator, ".")
        as_thousands = digits.replace(separator, "")
        if number_format is None:
            raise ValueParseError(
                f"{original!r} is ambiguous: {format_number(float(as_decimal))} if "
                f"{separator!r} is the decimal mark, {as_thousands} if it separates "
                "thousands. Set how your lab reports write numbers (decimal point or comma) "
                "in Profile or with 'lupus-tracker profile --number-format point|comma'."
            )
        decimal_mark = "." if number_format is NumberFormat.POINT else ","
        return as_decimal if separator == decimal_mark else as_thousands
    if "." in digits and "," in digits:
        decimal_mark = "." if digits.rfind(".") > digits.rfind(",") else ","
        group = "," if decimal_mark == "." else "."
        return digits.replace(group, "").replace(decimal_mark, ".")
    if digits.count(",") > 1 or digits.count(".") > 1:  # 1,250,000: only thousands repeat
        return digits.replace(",", "").replace(".", "")
    canonical = digits.replace(",", ".")
    return "0" + canonical if canonical.startswith(".") else canonical


def significant_digits(text: str) -> int:
    """Significant digits of canonical number text (``0.0620`` has 3; ``<1250`` has 4)."""
    return len(text.lstrip("<>=").replace(".", "").lstrip("0"))


def check_typed_precision(value: ParsedValue) -> None:
    """Refuse typed numbers with more digits than any lab reports (a FHIR file's doubles
    may carry 17 digits and are kept as the file wrote them)."""
    if (
        value.number is not None
        and not value.is_titer
        and significant_digits(value.text) > MAX_SIGNIFICANT_DIGITS
    ):
        raise ValueParseError(
            f"{value.text!r} has more than {MAX_SIGNIFICANT_DIGITS} significant digits; no lab "
            "reports that many."
        )


def read_number(text: str, number_format: NumberFormat | None = None) -> NumberReading:
    """Read a plain or bounded number; raise ``ValueParseError`` for anything else."""
    cleaned = _clean(text)
    match = _NUMBER_RE.match(cleaned)
    if match is None:
        raise ValueParseError(f"{text!r} is not a number such as 0.62, 0,62 or <0.5.")
    digits = _canonical(match["num"], number_format, text)
    number = float(digits)
    if not math.isfinite(number) or number > MAX_MAGNITUDE:
        raise ValueParseError(f"{text!r} is too large to be a measured value.")
    comparator = Comparator(match["cmp"]) if match["cmp"] else None
    return NumberReading(comparator, number, digits)


def parse_number(
    text: str,
    number_format: NumberFormat | None = None,
) -> tuple[Comparator | None, float]:
    """Parse a plain or bounded number; raise ``ValueParseError`` for anything else."""
    reading = read_number(text, number_format)
    return reading.comparator, reading.number


def parse_value(
    text: str,
    *,
    marker_name: str = "this marker",
    accepts_titer: bool = False,
    words: tuple[str, ...] = (),
    number_format: NumberFormat | None = None,
) -> ParsedValue:
    """Parse ``text`` as a result of a marker with the given properties; ambiguous numbers
    are read by ``number_format`` (refused when it is ``None``)."""
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
        if comparator is None and denominator < MIN_TITER_DILUTION:
            raise ValueParseError(
                f"{text!r} is not a dilution a lab reports: a titer is the last of a series "
                f"of dilutions that starts at 1:{MIN_TITER_DILUTION} or more (1:40, 1:80, "
                f"1:160 ...). Enter the titer as printed, or a bound such as "
                f"<1:{MIN_TITER_DILUTION}."
            )
        shown = f"{comparator or ''}1:{denominator}"
        return ParsedValue(
            text=shown, number=float(denominator), comparator=comparator, is_titer=True
        )
    if cleaned.startswith("-") or cleaned.startswith("\u2212"):
        raise ValueParseError(f"{marker_name} cannot be negative ({text!r}). Accepted: {hint}.")
    try:
        reading = read_number(cleaned, number_format)
    except ValueParseError as error:
        if _NUMBER_RE.match(cleaned):  # a number, but ambiguous, too long or too large
            raise ValueParseError(str(error).replace(repr(cleaned), repr(text))) from None
        raise ValueParseError(
            f"Could not read {text!r} as a value for {marker_name}. Accepted: {hint}."
        ) from None
    if reading.comparator is Comparator.LT and reading.number <= 0:
        # No catalog quantity can be negative (a minus sign is refused above), so "<0" says
        # nothing possible; a lab prints its detection limit, e.g. "<0.5".
        raise ValueParseError(
            f"{text!r} would mean below zero, which {marker_name} cannot be. Type the bound "
            "as the report prints it, such as <0.5."
        )
    shown = f"{reading.comparator or ''}{reading.digits}"
    return ParsedValue(text=shown, number=reading.number, comparator=reading.comparator)


def localized(canonical: str, number_format: NumberFormat | None) -> str:
    """Stored canonical text (decimal point) as a person with ``number_format`` writes it:
    ``1.250`` stays for a decimal point and becomes ``1,250`` for a decimal comma."""
    if number_format is NumberFormat.COMMA:
        return canonical.replace(".", ",")
    return canonical


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
