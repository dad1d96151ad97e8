"""One place for "the true value is certainly above / below a limit", with comparators,
and for the fever limit every part of the app uses.

A result may be a bound: ``<0.5`` means the true value is below 0.5, ``>=1000`` that it is at
least 1000.  A judgement against a limit is made only when it holds for every true value the
result allows: ``>300`` is certainly above 300 but not certainly above 400, and ``<10`` is
never certainly above anything.
"""

from __future__ import annotations

from lupus_tracker.domain.values import Comparator

# SLEDAI-2K fever: "> 38 °C, no infection" (Gladman, Ibañez, Urowitz; J Rheumatol 2002).
# The same limit counts a fever day in the symptom summary and bounds the default
# temperature range (<=38 °C).
FEVER_CELSIUS = 38.0


def certainly_above(
    number: float, comparator: Comparator | str | None, limit: float, *, or_equal: bool = False
) -> bool:
    """Every true value allowed by ``comparator number`` is > limit (>= with ``or_equal``)."""
    cmp = Comparator(comparator) if comparator else None
    if cmp is None:
        return number >= limit if or_equal else number > limit
    if cmp is Comparator.GT:  # true value > number
        return number >= limit
    if cmp is Comparator.GE:  # true value >= number
        return number >= limit if or_equal else number > limit
    return False  # "<" or "<=": the true value may be anywhere down to zero


def certainly_below(
    number: float, comparator: Comparator | str | None, limit: float, *, or_equal: bool = False
) -> bool:
    """Every true value allowed by ``comparator number`` is < limit (<= with ``or_equal``)."""
    cmp = Comparator(comparator) if comparator else None
    if cmp is None:
        return number <= limit if or_equal else number < limit
    if cmp is Comparator.LT:  # true value < number
        return number <= limit
    if cmp is Comparator.LE:  # true value <= number
        return number <= limit if or_equal else number < limit
    return False  # ">" or ">=": unbounded above


def certainly_rose(
    before: float,
    before_cmp: Comparator | str | None,
    after: float,
    after_cmp: Comparator | str | None,
    factor: float,
) -> bool:
    """The later true value is certainly at least ``factor`` times the earlier one.

    ``>300`` followed by ``400`` is not a certain rise (the first may have been 500): the
    largest earlier value allowed must be below the smallest later value allowed.
    """
    earlier = Comparator(before_cmp) if before_cmp else None
    if earlier in (Comparator.GT, Comparator.GE):
        return False  # the earlier value has no upper bound
    later = Comparator(after_cmp) if after_cmp else None
    if later in (Comparator.LT, Comparator.LE):
        return False  # the later value has no lower bound
    # The earlier true value is at most ``before`` (exactly, or below a "<"/"<=" bound);
    # the later one is at least ``after``.
    return certainly_above(after, later, factor * before, or_equal=True)
