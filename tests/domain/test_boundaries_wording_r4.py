"""The words and digits a reader sees for a result and a change (issue 17, round-4 mutation
survivors in domain/wording.py). Each table names the rule's source.
"""

from __future__ import annotations

import pytest

from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.measurement import interpret
from lupus_tracker.domain.ranges import Flag, RefRange, flag_value
from lupus_tracker.domain.records import NumberFormat
from lupus_tracker.domain.values import Comparator, ParsedValue
from lupus_tracker.domain.wording import (
    change_amount,
    change_cell,
    digits_keeping_flag,
    not_comparable_text,
    result_flag_word,
    signed_number,
    understood,
    value_as_printed,
)

C3_RANGE = RefRange(0.9, 1.8)  # C3 0.9-1.8 g/L, the catalog's default (domain.md)

# -- digits_keeping_flag: never print digits that contradict the flag beside them ----------
# Source: round 3 item 5 (C3 89.5 mg/dL is 0.895 g/L, never "0.9" flagged LOW against
# 0.9-1.8); at most MAX_PRINTED_DIGITS = 6 significant digits (no lab prints more).
DIGITS = [
    # (raw, shown, comparator, ranges, printed)
    (0.895, 0.9, None, [(C3_RANGE, Flag.LOW)], 0.895),  # 3 digits agree with LOW
    (0.8951, 0.9, None, [(C3_RANGE, Flag.LOW)], 0.895),  # the fewest digits that agree
    # an unjudged flag (no range, "—") is never contradicted
    (0.895, 0.9, None, [(C3_RANGE, Flag.UNKNOWN)], 0.9),
    (0.895, 0.9, None, [(C3_RANGE, Flag.ABNORMAL)], 0.9),
    # one unjudged range beside one judged: the judged one still decides
    (0.895, 0.9, None, [(None, Flag.UNKNOWN), (C3_RANGE, Flag.LOW)], 0.895),
    (0.895, 0.9, None, [(C3_RANGE, Flag.UNKNOWN), (C3_RANGE, Flag.LOW)], 0.895),
    # "<0.9" is certainly below 0.9: it agrees with LOW as printed
    (0.895, 0.9, Comparator.LT, [(C3_RANGE, Flag.LOW)], 0.9),
    # no number of digits agrees (0.9 itself flagged LOW): the usual rounding stays
    (0.9, 0.9, None, [(C3_RANGE, Flag.LOW)], 0.9),
    # agreement only at 7 digits: more than a lab prints, so the usual rounding stays
    (0.89999994, 0.9, None, [(C3_RANGE, Flag.LOW)], 0.9),
    (0.8999994, 0.9, None, [(C3_RANGE, Flag.LOW)], 0.899999),  # 6 digits: shown
]


@pytest.mark.parametrize(("raw", "shown", "comparator", "ranges", "printed"), DIGITS)
def test_digits_keeping_flag(raw, shown, comparator, ranges, printed):
    assert digits_keeping_flag(raw, shown, comparator, ranges) == printed


# -- value_as_printed: a lab's text stays; a machine's 7+ digits are rounded ----------------
# Source: MAX_PRINTED_DIGITS = 6 (our choice: no lab prints more significant digits);
# leading zeros, the comparator and the sign are not significant digits.
PRINTED = [
    ("c3", "<0.123456", "g/L", "<0.123456"),  # 6 significant digits: as printed
    ("c3", "<0.1234567", "g/L", "<0.12"),  # 7: the unit's usual precision
    ("c3", "0.000123456", "g/L", "0.000123456"),
    ("ana", "1:1280000", None, "1:1280000"),  # a titer is a dilution: never rounded
    # 7+ digits rounded, with the digits that keep the flag (round 3 item 5)
    ("c3", "0.89512345", "g/L", "0.895"),  # LOW against 0.9-1.8: never "0.9"
    ("c3", "<0.8951234", "g/L", "<0.9"),  # "<0.9" is LOW as printed: no more digits
    # sex unknown: each sex's range keeps its flag (HIGH for women above 1.1 mg/dL)
    ("creatinine", "1.10040001", "mg/dL", "1.1004"),
]


@pytest.mark.parametrize(("marker", "value", "unit", "printed"), PRINTED)
def test_value_as_printed(marker, value, unit, printed):
    assert value_as_printed(interpret(get_marker(marker), value, unit)) == printed


# -- understood: what the app read, in the entered and the base unit ---------------------
# Sources: SLEDAI-2K proteinuria > 0.5 g/24 h (Gladman 2002) with UPCR 0.5 mg/mg in its
# place: a converted value never lands on the limit it is compared with unless it is
# exactly that (fixclin item 8); decimal-comma ambiguity (red-team round: 1.250 is shown
# 1.25 so no reader takes it for 1250).
UNDERSTOOD = [
    # the usual UPCR limit 0.15 mg/mg (catalog): 0.15004 is not printed "0.15", nor "0.2"
    ("upcr", "150.04", "mg/g", "= 150.04 mg/g = 0.15004 mg/mg"),
    ("upcr", "57", "mg/mmol", "= 57 mg/mmol = 0.504 mg/mg"),
    ("upcr", "500.42", "mg/g", "= 500.42 mg/g = 0.5004 mg/mg"),  # 4 digits suffice
    ("upcr", "500.004", "mg/g", "= 500.0040 mg/g = 0.500004 mg/mg"),  # 6 digits needed
    ("c3", "<1.250", "g/L", "= <1.25 g/L"),  # the comparator kept, the zero dropped
    ("c3", "1.125", "g/L", "= 1.1250 g/L"),  # 1.125 could read as 1125: a zero added
    # weight has no usual range (the catalog gives none): the conversion is still shown
    ("weight", "150", "[lb_av]", "= 150 lb = 68 kg"),
]


@pytest.mark.parametrize(("marker", "value", "unit", "text"), UNDERSTOOD)
def test_understood(marker, value, unit, text):
    m = interpret(get_marker(marker), value, unit, number_format=NumberFormat.POINT)
    assert understood(m) == text


# -- result_flag_word: the state a reader is told --------------------------------------------
# Sources: KDIGO 2012 GFR categories (G1 >= 90, G2 60-89, G3a 45-59 ...); a bound that spans
# categories (">30") is not judged; a value below an antibody cut-off read as a number is
# "normal" (only a titer or the word "negative" reads "negative": round 3 item 6).
FLAG_WORDS = [
    ("egfr", ">30", None, None, "—"),  # G1 to G3b: not judged
    ("egfr", "<30", None, None, "LOW"),  # certainly below 60, stage not certain
    ("egfr", ">60", None, None, "KDIGO G1-G2"),
    ("egfr", ">95", None, None, "KDIGO G1: normal or high"),
    ("egfr", "72", None, None, "KDIGO G2: mildly decreased"),
    ("anti_dsdna", "10", "[IU]/mL", "<30", "normal"),
    ("ana", "1:40", None, "<1:80", "negative"),
    # a dipstick grade against an expected "negative" is ABNORMAL, not POSITIVE (only the
    # word "positive" or a titer above its range reads positive: fixclin item 8)
    ("urine_protein_dipstick", "2+", None, None, "ABNORMAL"),
]


@pytest.mark.parametrize(("marker", "value", "unit", "ref", "word"), FLAG_WORDS)
def test_result_flag_word(marker, value, unit, ref, word):
    assert result_flag_word(interpret(get_marker(marker), value, unit, ref)) == word


# -- changes: signed numbers, dilutions, the cell and its words ------------------------------
# Sources: fixlatest item 5 (a true minus sign, only for the leading sign); titers change by
# doubling dilutions (1:80 -> 1:320 is +2); no change is "0", never "+0".
def test_signed_number_and_change_amount():
    assert signed_number(0) == "0"
    assert signed_number(0.25) == "+0.25"
    assert signed_number(-105) == "-105"
    assert change_amount(5.0, earlier=40, later=80) == "+5"  # not a titer unless said
    assert change_amount(0.0, titer=True, earlier=80, later=80) == "0 dilutions"
    assert change_amount(240.0, titer=True, earlier=80, later=320) == "+2 dilutions"
    assert change_amount(-40.0, titer=True, earlier=80, later=40) == "-1 dilution"


@pytest.mark.parametrize(
    ("direction", "amount", "cell"),
    [
        ("down", "-3 since 2026-01-02", "\u2193 \u22123 since 2026-01-02"),
        ("up", "+3 since 2026-01-02", "\u2191 +3 since 2026-01-02"),
        ("", "n/a", "n/a"),
    ],
)
def test_change_cell_changes_only_the_leading_sign(direction, amount, cell):
    assert change_cell(direction, amount) == cell


def test_not_comparable_text():
    assert not_comparable_text("") == "not comparable"
    assert not_comparable_text("lab changed") == "not comparable (lab changed)"


# -- the flag of a word result, and of a number against a word range -------------------------
# Source: domain/ranges.py flag_value: against an antibody cut-off (<30, <1:80) "negative" and
# "not detected" mean below it (NORMAL), "positive" above it; against a two-sided range a
# word is not judged; a number against a word range ("negative") is not judged either.
@pytest.mark.parametrize(
    ("value", "ref", "flag"),
    [
        (ParsedValue("not detected", word="not detected"), RefRange(high=30.0), Flag.NORMAL),
        (ParsedValue("Negative", word="Negative"), RefRange(high=30.0), Flag.NORMAL),
        (ParsedValue("positive", word="positive"), RefRange(high=30.0), Flag.ABNORMAL),
        (ParsedValue("negative", word="negative"), RefRange(0.9, 1.8), Flag.UNKNOWN),
        (ParsedValue("5", 5.0), RefRange(word="negative"), Flag.UNKNOWN),
    ],
)
def test_flag_value_of_words(value, ref, flag):
    assert flag_value(value, ref) is flag


def test_measurement_certainly_above_at_the_limit():
    # 38.0 °C: not above the SLEDAI-2K fever limit of 38 (Gladman 2002: > 38 °C), but at it
    m = interpret(get_marker("temperature"), "38.0", "Cel")
    assert m.certainly_above(38.0) is False
    assert m.certainly_above(38.0, or_equal=True) is True
