"""Issue 17: comparators against one- and two-sided ranges, at and around each limit.

Source of the rule: a result's comparator bounds the true value (HL7 FHIR Quantity.comparator;
UCUM-style "<", "<=", ">", ">="); a flag is LOW/HIGH only when every value the result allows
is outside the range, NORMAL only when every one is inside (our choice, because a guessed
flag is a silent wrong value). Printed ranges: "10-20" includes both limits, "<20" excludes
20 (a cut-off of <30 makes 30 positive), "<=20" includes it, likewise ">10" and ">=10".
"""

from __future__ import annotations

import pytest

from lupus_tracker.domain.ranges import Flag, flag_value, parse_range
from lupus_tracker.domain.thresholds import certainly_above, certainly_below, certainly_rose
from lupus_tracker.domain.values import parse_value

L, N, H, U = Flag.LOW, Flag.NORMAL, Flag.HIGH, Flag.UNKNOWN

ROWS = [
    # two-sided, both limits included
    ("10-20", "9", L),
    ("10-20", "10", N),
    ("10-20", "11", N),
    ("10-20", "19", N),
    ("10-20", "20", N),
    ("10-20", "21", H),
    ("10-20", "<10", L),
    ("10-20", "<11", U),
    ("10-20", "<=10", U),
    ("10-20", "<=9", L),
    ("10-20", ">20", H),
    ("10-20", ">19", U),
    ("10-20", ">=20", U),
    ("10-20", ">=21", H),
    ("10-20", ">10", U),
    ("10-20", "<20", U),
    ("10-20", ">=10", U),
    ("10-20", "<=20", U),
    # one-sided upper, exclusive: 20 itself is high
    ("<20", "19", N),
    ("<20", "20", H),
    ("<20", "21", H),
    ("<20", "<20", N),
    ("<20", "<21", U),
    ("<20", "<=20", U),
    ("<20", "<=19", N),
    ("<20", ">=20", H),
    ("<20", ">19", U),
    ("<20", ">20", H),
    ("<20", ">=19", U),
    # one-sided upper, inclusive
    ("<=20", "19", N),
    ("<=20", "20", N),
    ("<=20", "21", H),
    ("<=20", "<=20", N),
    ("<=20", "<20", N),
    ("<=20", "<21", U),
    ("<=20", "<=21", U),
    ("<=20", ">=20", U),
    ("<=20", ">20", H),
    ("<=20", ">19", U),
    ("<=20", ">=21", H),
    # one-sided lower, exclusive: 10 itself is low
    (">10", "9", L),
    (">10", "10", L),
    (">10", "11", N),
    (">10", ">10", N),
    (">10", ">=10", U),
    (">10", ">=11", N),
    (">10", ">9", U),
    (">10", "<=10", L),
    (">10", "<10", L),
    (">10", "<11", U),
    (">10", "<=11", U),
    # one-sided lower, inclusive
    (">=10", "9", L),
    (">=10", "10", N),
    (">=10", "11", N),
    (">=10", ">=10", N),
    (">=10", ">10", N),
    (">=10", ">9", U),
    (">=10", ">=9", U),
    (">=10", "<10", L),
    (">=10", "<=10", U),
    (">=10", "<=9", L),
    (">=10", "<11", U),
]


@pytest.mark.parametrize(("ref", "value", "expected"), ROWS)
def test_comparator_against_range(ref, value, expected):
    assert flag_value(parse_value(value), parse_range(ref)) is expected


# certainly_above / certainly_below: the judgement the SLEDAI-2K suggestions, the activity
# signal and the fever count use (limit 38, or_equal for ">=" rules).
@pytest.mark.parametrize(
    ("number", "cmp", "or_equal", "above", "below"),
    [
        (37.9, None, False, False, True),
        (38.0, None, False, False, False),
        (38.1, None, False, True, False),
        (38.0, None, True, True, True),
        (37.9, None, True, False, True),
        (38.1, None, True, True, False),
        (38.0, ">", False, True, False),
        (37.9, ">", False, False, False),
        (37.9, ">", True, False, False),
        (38.0, ">", True, True, False),
        (38.0, ">=", False, False, False),
        (38.1, ">=", False, True, False),
        (38.0, ">=", True, True, False),
        (37.9, ">=", True, False, False),
        (38.0, "<", False, False, True),
        (38.1, "<", False, False, False),
        (38.1, "<", True, False, False),
        (38.0, "<", True, False, True),
        (38.0, "<=", False, False, False),
        (37.9, "<=", False, False, True),
        (38.0, "<=", True, False, True),
        (38.1, "<=", True, False, False),
    ],
)
def test_certainly_above_and_below(number, cmp, or_equal, above, below):
    assert certainly_above(number, cmp, 38.0, or_equal=or_equal) is above
    assert certainly_below(number, cmp, 38.0, or_equal=or_equal) is below


# A certain rise of at least 25% (serology.MIN_RISE; our choice, named there).
@pytest.mark.parametrize(
    ("before", "before_cmp", "after", "after_cmp", "rose"),
    [
        (100, None, 124, None, False),
        (100, None, 125, None, True),
        (100, None, 126, None, True),
        (100, "<", 125, None, True),
        (100, "<=", 125, None, True),
        (100, "<", 124, None, False),
        (100, ">", 200, None, False),
        (100, ">=", 200, None, False),
        (100, None, 125, ">", True),
        (100, None, 125, ">=", True),
        (100, None, 124, ">", False),
        (100, None, 124, ">=", False),
        (100, None, 200, "<", False),
        (100, None, 200, "<=", False),
    ],
)
def test_certainly_rose(before, before_cmp, after, after_cmp, rose):
    assert certainly_rose(before, before_cmp, after, after_cmp, 1.25) is rose


def test_default_is_strict():
    # "above 38" means > 38 unless a rule says ">=" (SLEDAI-2K fever, Gladman 2002).
    assert certainly_above(38.0, None, 38.0) is False
    assert certainly_below(38.0, None, 38.0) is False
    assert certainly_above(38.0, ">=", 38.0) is False
    assert certainly_below(38.0, "<=", 38.0) is False
