"""Value parsing: what people type and what lab reports print."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lupus_tracker.domain.records import NumberFormat
from lupus_tracker.domain.values import Comparator, ValueParseError, parse_value


def parse(text: str, **kwargs):
    return parse_value(text, marker_name="C3", **kwargs)


@pytest.mark.parametrize(
    ("text", "number", "comparator", "shown"),
    [
        ("0.62", 0.62, None, "0.62"),
        ("0,62", 0.62, None, "0.62"),
        ("  12.50 ", 12.5, None, "12.50"),
        ("<0.5", 0.5, Comparator.LT, "<0.5"),
        ("< 0,5", 0.5, Comparator.LT, "<0.5"),
        (">1000", 1000.0, Comparator.GT, ">1000"),
        ("<=5", 5.0, Comparator.LE, "<=5"),
        ("\u22645", 5.0, Comparator.LE, "<=5"),
        ("\u2265 60", 60.0, Comparator.GE, ">=60"),
        (".5", 0.5, None, "0.5"),
        ("1\u00a0200", None, None, None),
    ],
)
def test_numbers_and_comparators(text, number, comparator, shown):
    if number is None:
        with pytest.raises(ValueParseError):
            parse(text)
        return
    value = parse(text)
    assert value.number == pytest.approx(number)
    assert value.comparator == comparator
    assert value.text == shown
    assert not value.is_titer and value.word is None


def test_titers_only_where_the_marker_allows_them():
    value = parse("1:160", accepts_titer=True)
    assert value.is_titer and value.number == 160 and value.text == "1:160"
    bounded = parse("<1 : 40", accepts_titer=True)
    assert bounded.comparator is Comparator.LT and bounded.text == "<1:40"
    with pytest.raises(ValueParseError, match="not measured as a titer"):
        parse("1:160")


def test_words_only_where_the_marker_allows_them():
    value = parse("Negative", words=("negative", "positive"))
    assert value.word == "negative" and value.number is None and value.text == "negative"
    with pytest.raises(ValueParseError, match="Accepted"):
        parse("negative")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "nan",
        "NaN",
        "inf",
        "-inf",
        "1e309",
        "1e3",
        "1_000",
        "\u0661\u0662",
        "\uff11\uff12",
        "-5",
        "\u22125",
        "1.2345,6",
        "1,234.5.6",
        "0x10",
        "5 mg",
        "--1",
        "<",
        "1..2",
        "1,,2",
    ],
)
def test_rejects_what_is_not_a_lab_value(text):
    with pytest.raises(ValueParseError) as error:
        parse(text, words=("negative",), accepts_titer=True)
    assert str(error.value)  # every rejection says something


def test_rejection_message_says_what_is_accepted():
    with pytest.raises(ValueParseError) as error:
        parse("12abc", accepts_titer=True, words=("negative", "positive"))
    message = str(error.value)
    assert "0.62" in message and "<0.5" in message and "1:160" in message
    assert "negative" in message


def test_thousands_separator_is_ambiguous_not_guessed():
    with pytest.raises(ValueParseError, match="ambiguous"):
        parse("1,250")
    assert parse("0,250").number == pytest.approx(0.25)
    assert parse("1,25").number == pytest.approx(1.25)


@given(st.decimals(min_value=0, max_value=100000, places=3, allow_nan=False))
def test_any_plain_decimal_round_trips(number):
    text = f"{number:f}"
    value = parse_value(text, number_format=NumberFormat.POINT)
    assert value.number == pytest.approx(float(number))
    assert value.comparator is None


@given(st.text(max_size=20))
def test_arbitrary_text_is_parsed_or_rejected_cleanly(text):
    try:
        value = parse(text, accepts_titer=True, words=("negative", "positive"))
    except ValueParseError as error:
        assert str(error)
    else:
        assert value.word is not None or (value.number is not None and value.number >= 0)
