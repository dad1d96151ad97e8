"""Reference ranges as printed on lab reports, and low/high flags against them.

A range may be two-sided (``0.9-1.8``), one-sided (``<30``, ``<=5``, ``>60``), a titer bound
(``<1:80``) or a word (``negative``).  Flags respect comparators on the result: ``<0.5``
against a lower limit of 0.9 is certainly low, while ``<10`` against an upper limit of 5
cannot be judged and is not flagged.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass

from lupus_tracker.domain.records import NumberFormat
from lupus_tracker.domain.thresholds import certainly_above, certainly_below
from lupus_tracker.domain.values import (
    Comparator,
    ParsedValue,
    ValueParseError,
    format_number,
    parse_number,
)


class Flag(enum.StrEnum):
    LOW = "low"
    HIGH = "high"
    NORMAL = "normal"
    ABNORMAL = "abnormal"  # a word result that differs from the expected word
    # Sex unknown; inside one sex's default range and outside the other's (issue 12 item 3)
    SEX_DEPENDENT = "depends on sex \u2014 set it in Profile"
    UNKNOWN = ""  # no range, or a bound that cannot be judged

    @property
    def is_out_of_range(self) -> bool:
        return self in (Flag.LOW, Flag.HIGH, Flag.ABNORMAL)


@dataclass(frozen=True)
class RefRange:
    """A reference range in the unit of the result it belongs to."""

    low: float | None = None
    high: float | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True
    word: str | None = None
    titer: bool = False

    def __post_init__(self) -> None:
        if self.low is not None and self.high is not None and self.low > self.high:
            raise ValueParseError(
                f"the lower limit {format_number(self.low)} is above the upper limit "
                f"{format_number(self.high)}"
            )

    def text(self) -> str:
        """The canonical printed form; ``parse_range(r.text()) == r``."""
        if self.word is not None:
            return self.word
        pre = "1:" if self.titer else ""
        low = None if self.low is None else pre + format_number(self.low)
        high = None if self.high is None else pre + format_number(self.high)
        if low is not None and high is not None:
            return f"{low}-{high}"
        if high is not None:
            return ("<=" if self.high_inclusive else "<") + high
        if low is not None:
            return (">=" if self.low_inclusive else ">") + low
        return ""

    def scaled(self, convert: Callable[[float], float]) -> RefRange:
        """The same range with its limits passed through ``convert`` (a unit conversion)."""
        return RefRange(
            low=None if self.low is None else convert(self.low),
            high=None if self.high is None else convert(self.high),
            low_inclusive=self.low_inclusive,
            high_inclusive=self.high_inclusive,
            word=self.word,
            titer=self.titer,
        )


_RANGE_SPLIT = re.compile(r"^(?P<low>[^-\u2013\u2014]+?)\s*(?:-|\u2013|\u2014|to)\s*(?P<high>.+)$")
_TITER_PREFIX = re.compile(r"^(<=|>=|<|>)?\s*1\s*:\s*", re.ASCII)
RANGE_HELP = "e.g. 0.9-1.8, <30, <=5, >60, <1:80 or negative"


def _bound(
    text: str,
    number_format: NumberFormat | None,
) -> tuple[Comparator | None, float, bool]:
    titer = _TITER_PREFIX.match(text)
    if titer is not None:
        comparator = titer.group(1) or ""
        text = comparator + text[titer.end() :]
    comparator, number = parse_number(text, number_format)
    return comparator, number, titer is not None


def parse_range(
    text: str | None,
    words: tuple[str, ...] = (),
    number_format: NumberFormat | None = NumberFormat.POINT,
) -> RefRange | None:
    """Parse a printed range; ``None`` or blank gives ``None``.  Stored and catalog ranges
    are canonical (decimal point); an entry path passes the person's number format."""
    if text is None or not text.strip():
        return None
    cleaned = " ".join(text.replace("\u2212", "-").split())
    for word in (*words, "negative", "positive", "not detected"):
        if cleaned.lower() == word.lower():
            return RefRange(word=word)
    try:
        split = _RANGE_SPLIT.match(cleaned)
        if split is not None and not cleaned.startswith(("<", ">", "\u2264", "\u2265")):
            low_cmp, low, low_titer = _bound(split["low"], number_format)
            high_cmp, high, high_titer = _bound(split["high"], number_format)
            if low_cmp or high_cmp:
                raise ValueParseError("a two-sided range takes plain numbers")
            return RefRange(low=low, high=high, titer=low_titer and high_titer)
        comparator, number, titer = _bound(cleaned, number_format)
    except ValueParseError as error:
        raise ValueParseError(
            f"Could not read the reference range {text!r} ({error}). Write it as {RANGE_HELP}."
        ) from None
    if comparator is None:
        raise ValueParseError(
            f"The reference range {text!r} has a single number; write it as {RANGE_HELP}."
        )
    if comparator in (Comparator.LT, Comparator.LE):
        return RefRange(high=number, high_inclusive=comparator is Comparator.LE, titer=titer)
    return RefRange(low=number, low_inclusive=comparator is Comparator.GE, titer=titer)


def flag_value(value: ParsedValue, ref: RefRange | None) -> Flag:
    """Flag a value against a range in the same unit (titers compare denominators).

    LOW or HIGH only when every true value the result allows is outside the range; NORMAL
    only when every one is inside it; otherwise the flag is UNKNOWN (not judged).
    """
    if ref is None:
        return Flag.UNKNOWN
    if value.word is not None:
        if ref.word is not None:
            return Flag.NORMAL if value.word.lower() == ref.word.lower() else Flag.ABNORMAL
        if ref.high is not None and ref.low is None:
            # An antibody cut-off such as <30 or <1:80: negative means below it.
            word = value.word.lower()
            if word in ("negative", "not detected"):
                return Flag.NORMAL
            if word == "positive":
                return Flag.ABNORMAL
        return Flag.UNKNOWN
    if value.number is None or ref.word is not None:
        return Flag.UNKNOWN
    number, cmp = value.number, value.comparator
    # An inclusive lower limit (0.9-1.8, >=90) is low below it; an exclusive one (>60) is
    # low at it too.  Likewise for the upper limit.
    if ref.low is not None and certainly_below(
        number, cmp, ref.low, or_equal=not ref.low_inclusive
    ):
        return Flag.LOW
    if ref.high is not None and certainly_above(
        number, cmp, ref.high, or_equal=not ref.high_inclusive
    ):
        return Flag.HIGH
    lower_ok = ref.low is None or certainly_above(number, cmp, ref.low, or_equal=ref.low_inclusive)
    upper_ok = ref.high is None or certainly_below(
        number, cmp, ref.high, or_equal=ref.high_inclusive
    )
    if lower_ok and upper_ok:
        return Flag.NORMAL
    return Flag.UNKNOWN


# Relative difference below which two limits are the same: a limit converted between units
# is kept to 6 significant digits (exchange/fhir_range.py), so up to 5e-6 is rounding.
SAME_LIMIT_TOLERANCE = 1e-5


def ranges_disagree(printed: RefRange, limits: RefRange) -> str:
    """'' when a range's printed text and its numeric limits (a CSV's ``ref_range`` against
    ``ref_low``/``ref_high``, a FHIR ``referenceRange.text`` against ``low``/``high``) say
    the same, else the reason they cannot both be right.  Neither is preferred: a file that
    contradicts itself is not guessed from (issue 12 red-team finding)."""
    for side, a, b in (("lower", printed.low, limits.low), ("upper", printed.high, limits.high)):
        if (
            a is not None
            and b is not None
            and abs(a - b) > SAME_LIMIT_TOLERANCE * max(abs(a), abs(b))
        ):
            return (
                f"the printed range {printed.text()!r} and the {side} limit "
                f"{format_number(b)} disagree"
            )
        if (a is None) != (b is None) and printed.word is None and not printed.titer:
            return f"the printed range {printed.text()!r} and the limits {limits.text()!r} disagree"
    return ""
