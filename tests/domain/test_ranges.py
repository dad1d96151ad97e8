"""Reference ranges as printed, and flags that respect comparators."""

from __future__ import annotations

import pytest

from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.measurement import interpret
from lupus_tracker.domain.ranges import Flag, RefRange, parse_range
from lupus_tracker.domain.values import ValueParseError, parse_value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0.9-1.8", RefRange(0.9, 1.8)),
        ("90 – 180", RefRange(90, 180)),
        ("<30", RefRange(high=30, high_inclusive=False)),
        ("<=5", RefRange(high=5)),
        ("≤5", RefRange(high=5)),
        (">60", RefRange(low=60, low_inclusive=False)),
        (">=90", RefRange(low=90)),
        ("<1:80", RefRange(high=80, high_inclusive=False, titer=True)),
        ("Negative", RefRange(word="negative")),
    ],
)
def test_parse_printed_ranges(text, expected):
    parsed = parse_range(text)
    assert parsed == expected
    assert parse_range(parsed.text()) == parsed


@pytest.mark.parametrize("text", ["abc", "5", "1.8-0.9", "<x", "1-<2"])
def test_bad_ranges_are_refused_with_help(text):
    with pytest.raises(ValueParseError, match=r"e\.g\."):
        parse_range(text)


def flag(value: str, ref: str, titer: bool = False, words=()) -> Flag:
    return interpret_flag(value, ref, titer, words)


def interpret_flag(value, ref, titer, words):
    parsed = parse_value(value, accepts_titer=titer, words=words)
    from lupus_tracker.domain.ranges import flag_value

    return flag_value(parsed, parse_range(ref))


@pytest.mark.parametrize(
    ("value", "ref", "expected"),
    [
        ("0.62", "0.9-1.8", Flag.LOW),
        ("2.0", "0.9-1.8", Flag.HIGH),
        ("0.9", "0.9-1.8", Flag.NORMAL),
        ("<0.5", "0.9-1.8", Flag.LOW),  # certainly low
        ("<10", "<5", Flag.UNKNOWN),  # could be 3 or 8: no honest flag
        ("<5", "<=5", Flag.NORMAL),
        ("30", "<30", Flag.HIGH),  # a cut-off of <30 makes 30 itself positive
        ("29", "<30", Flag.NORMAL),
        (">1000", "<30", Flag.HIGH),
        (">60", ">=90", Flag.UNKNOWN),
        (">90", ">=90", Flag.NORMAL),
        ("55", ">60", Flag.LOW),
    ],
)
def test_flags_respect_comparators(value, ref, expected):
    assert flag(value, ref) == expected


def test_titer_and_word_flags():
    assert flag("1:160", "<1:80", titer=True) == Flag.HIGH
    assert flag("1:40", "<1:80", titer=True) == Flag.NORMAL
    assert flag("negative", "<1:80", titer=True, words=("negative", "positive")) == Flag.NORMAL
    assert flag("positive", "<30", words=("negative", "positive")) == Flag.ABNORMAL
    assert flag("trace", "negative", words=("negative", "trace")) == Flag.ABNORMAL


def test_lab_range_wins_over_the_default_and_is_in_the_result_unit():
    c3 = get_marker("c3")
    # 85 mg/dL is low against the default 90-180 but normal at a lab whose range is 75-175.
    assert interpret(c3, "85", "mg/dL").flag is Flag.LOW
    assert interpret(c3, "85", "mg/dL", "75-175").flag is Flag.NORMAL
    # The default range is converted into the unit of the result.
    assert interpret(c3, "85", "mg/dL").ref == RefRange(90, 180)


def test_sex_specific_default_range():
    creatinine = get_marker("creatinine")
    assert interpret(creatinine, "1.2", "mg/dL", sex="female").flag is Flag.HIGH
    assert interpret(creatinine, "1.2", "mg/dL", sex="male").flag is Flag.NORMAL


def test_default_range_is_not_applied_to_another_assay_family():
    anti_dsdna = get_marker("anti_dsdna")
    assert interpret(anti_dsdna, "250", "U/mL").ref is None  # kit units: no default cut-off
    assert interpret(anti_dsdna, "250", "IU/mL").flag is Flag.HIGH


def test_conversion_at_the_limit_does_not_invent_a_flag():
    temperature = get_marker("temperature")
    assert interpret(temperature, "100.4", "°F").flag is Flag.NORMAL  # exactly 38 °C
    assert interpret(temperature, "100.5", "°F").flag is Flag.HIGH
