"""The words people read for a flag and for a change between two results, built once for
the dashboard, the report, the CLI and the exports.

Meaning never rests on colour or a symbol alone: an arrow always comes with a signed number
or its words.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from lupus_tracker.domain.egfr import G1_MIN, G2_MIN, gfr_stage_text
from lupus_tracker.domain.measurement import Measurement
from lupus_tracker.domain.ranges import Flag, RefRange, flag_value
from lupus_tracker.domain.records import Sex
from lupus_tracker.domain.sledai import PROTEINURIA_G_PER_24H, UPCR_MG_PER_MG
from lupus_tracker.domain.units import Unit, rounded_for, tidy
from lupus_tracker.domain.values import (
    AMBIGUOUS_NUMBER,
    Comparator,
    ParsedValue,
    format_number,
    round_significant,
)

NO_FLAG = "—"
# Our choice: a converted value whose usual-precision rounding moves it by more than 5% is
# shown with two significant digits instead (0.0078 g/L, not 0.01 g/L).
ROUNDING_HIDES_ABOVE = 0.05
_ARROWS = {"up": "\u2191", "down": "\u2193", "same": "\u2192", "": ""}
MINUS = "\u2212"  # a true minus sign, as a change is printed


def flag_word(flag: Flag) -> str:
    """LOW, HIGH, ABNORMAL in capitals; 'normal'; the sex note; '—' when not judged."""
    if flag.is_out_of_range:
        return flag.value.upper()
    return flag.value or NO_FLAG


def result_flag_word(m: Measurement) -> str:
    """The flag word for one result.  An eGFR is worded by its KDIGO category at every
    level, one rule (``egfr.gfr_stage_text``): 95 'KDIGO G1: normal or high', 72 'KDIGO G2:
    mildly decreased' (not flagged: KDIGO calls below 60 reduced), 45 'LOW, KDIGO G3a:
    mildly to moderately decreased'."""
    stage = _egfr_stage(m)
    if stage:
        return stage
    if _reads_positive(m):
        return POSITIVE
    if _reads_negative(m):
        return NEGATIVE
    return flag_word(m.flag)


def _egfr_stage(m: Measurement) -> str:
    """An eGFR's flag in KDIGO words, '' for any other result or an eGFR not judged by
    stage (another unit family, a bound that spans categories such as <30)."""
    if m.marker.key != "egfr" or m.base_value is None or not m.in_canonical_family:
        return ""
    bound = m.value.comparator
    if bound is None:
        stage = gfr_stage_text(m.base_value)
        return f"{flag_word(m.flag)}, {stage}" if m.flag.is_out_of_range else stage
    if m.flag is Flag.NORMAL and bound.value.startswith(">"):
        # ">60": G1 or G2, not certainly one; ">90" is certainly G1
        return gfr_stage_text(m.base_value) if m.base_value >= G1_MIN else "KDIGO G1-G2"
    return ""


POSITIVE = "POSITIVE"
# Below a positivity cut-off a titer or a presence result is negative, not "normal" (round 3
# item 6: ANA <1:40, or 1:40 against "<1:80", read "normal").  Cut-off: EULAR/ACR 2019 SLE
# classification, ANA >= 1:80 on HEp-2 cells is the entry criterion (Aringer et al., Ann
# Rheum Dis 2019;78:1151-9); a lab's own printed cut-off wins.
NEGATIVE = "negative"
_NEGATIVE_WORDS = ("negative", "not detected")


def _reads_positive(m: Measurement) -> bool:
    """A titer above its range (ANA 1:160, Crithidia anti-dsDNA 1:80) or the word
    "positive" against an expected negative is called positive, not HIGH or ABNORMAL
    (fixclin item 8: "HIGH" reads as a quantity, a titer is a dilution)."""
    if m.flag is Flag.HIGH and m.unit.family == "titer":
        return True
    word = (m.value.word or "").lower()
    return m.flag is Flag.ABNORMAL and word == "positive"


def _reads_negative(m: Measurement) -> bool:
    """A titer below its positivity cut-off (``<1:40``, ``1:40`` against ``<1:80``), or the
    word "negative" / "not detected" where that is expected, reads "negative"."""
    if m.flag is not Flag.NORMAL:
        return False
    if m.unit.family == "titer" and m.ref is not None and m.ref.high is not None:
        return m.ref.low is None  # a cut-off, not a two-sided titer range
    return (m.value.word or "").lower() in _NEGATIVE_WORDS


def is_egfr_stage(word: str) -> bool:
    """The flag word is an eGFR stage (``result_flag_word``), not a range judgement."""
    return "KDIGO" in word


def chart_flag_word(m: Measurement) -> str:
    """The state a chart point carries ("low", "high", "abnormal", "normal", "" or an eGFR
    stage such as "KDIGO G2: mildly decreased"): an eGFR of 60-89 is never "normal" on a
    chart either (KDIGO 2012)."""
    word = result_flag_word(m)
    if word in (POSITIVE, NEGATIVE):
        return word.lower()
    return word if is_egfr_stage(word) else m.flag.value


def range_band_label(marker_key: str, series_label: str) -> str:
    """The legend of a chart's shaded range.  For eGFR the band is KDIGO's "not decreased
    below 60", not a normal range: 60-89 is G2, mildly decreased (KDIGO 2012)."""
    if marker_key == "egfr":  # one band for the lab's and the computed series
        return (
            f"eGFR {format_number(G2_MIN)} and above (KDIGO); "
            f"{format_number(G2_MIN)}-{format_number(G1_MIN - 1)} is G2: mildly decreased"
        )
    return f"reference range ({series_label})"


def range_text(m: Measurement) -> str:
    """The range a listed result is read against, as ``list`` prints it: the lab's; else
    the catalog's usual range (each sex's while sex is unknown), marked ``(usual range)``
    as :func:`flag_text` marks a flag judged by it (">=60 (usual range)" for a computed
    eGFR); "" when there is none."""
    if m.ranges_by_sex:
        text = "; ".join(  # as the dashboard prints them: "F 0.5-1.1; M 0.7-1.3"
            f"{sex.value[0].upper()} {ref.text()}"
            for sex, ref in zip(Sex, m.ranges_by_sex, strict=True)
            if ref
        )
    elif m.ref is not None:
        text = m.ref.text()
        if m.ref_is_lab:
            return text
    else:
        return ""
    return f"{text} {USUAL_RANGE}" if text else ""


USUAL_RANGE = "(usual range)"


def flag_text(m: Measurement) -> str:
    """The flag word for a listed result (CLI, CSV, Excel), marked ``(usual range)`` when it
    was judged against the catalog's default range rather than a range the lab printed:
    ``LOW (usual range)``.  An eGFR stage is not a range judgement and is not marked."""
    word = result_flag_word(m)
    if word == NO_FLAG or m.ref_is_lab or is_egfr_stage(word):
        return word
    return f"{word} {USUAL_RANGE}"


# No lab prints more significant digits than this; more comes from a machine (Synthea's
# 0.6548533722229765 mg/dL) and is shown at the unit's usual precision.
MAX_PRINTED_DIGITS = 6


_JUDGED = (Flag.LOW, Flag.HIGH, Flag.NORMAL)


def _contradicts(
    shown: float, comparator: Comparator | None, ref: RefRange | None, flag: Flag
) -> bool:
    """Read against the printed range, the printed digits give another judgement than the
    flag shown beside them."""
    if ref is None or flag not in _JUDGED:
        return False
    printed = flag_value(ParsedValue(format_number(shown), shown, comparator), ref)
    return printed in _JUDGED and printed is not flag


def digits_keeping_flag(
    raw: float,
    shown: float,
    comparator: Comparator | None,
    ranges: Sequence[tuple[RefRange | None, Flag]],
) -> float:
    """``shown`` (``raw`` rounded for display), with more significant digits while its
    printed digits, read against a printed range, would contradict the flag shown with it:
    C3 89.5 mg/dL is 0.895 g/L, never "0.9" flagged LOW against 0.9-1.8 (round 3 item 5).
    ``ranges`` pairs each printed range (one, or each sex's) with the flag shown for it."""
    rounded = shown
    for digits in range(2, MAX_PRINTED_DIGITS + 1):
        if not any(_contradicts(shown, comparator, ref, flag) for ref, flag in ranges):
            return shown
        shown = round_significant(raw, digits + 1)
    return rounded  # no number of digits agrees (the range itself was rounded across it)


def value_as_printed(m: Measurement) -> str:
    """The value as the lab printed it (``1.90`` stays ``1.90``); a machine-written number
    with more digits than any lab prints is shown at the unit's usual precision, with its
    comparator (``0.65``).  The stored text is never changed."""
    value = m.value
    text = value.text
    if value.number is None or value.is_titer or value.word is not None:
        return text
    digits = sum(c.isdigit() for c in text.lstrip("<>=≤≥ -+").lstrip("0.,"))
    if digits <= MAX_PRINTED_DIGITS:
        return text
    bound = value.comparator.value if value.comparator is not None else ""
    shown = rounded_for(m.unit, value.number)
    ranges = (
        [(m.ref, m.flag)]
        if not m.ranges_by_sex
        else [(ref, flag_value(value, ref)) for ref in m.ranges_by_sex]
    )
    shown = digits_keeping_flag(value.number, shown, value.comparator, ranges)
    return f"{bound}{format_number(shown)}"


def direction(change: float | None) -> str:
    """'up', 'down', 'same', or '' when no honest comparison exists."""
    if change is None:
        return ""
    if change == 0:
        return "same"
    return "up" if change > 0 else "down"


def signed_number(value: float) -> str:
    """+0.25, -105, 0 (three significant digits, no float noise)."""
    sign = "+" if value > 0 else ""
    return f"{sign}{format_number(round_significant(tidy(value)))}"


def change_amount(
    change: float, *, titer: bool = False, earlier: float | None = None, later: float | None = None
) -> str:
    """A change as people read it; titers in doubling dilutions (1:80 -> 1:320 is +2),
    titers that are not a whole number of doublings apart as both titers ("1:40 → 1:100",
    never "+1.3 dilutions")."""
    if titer and earlier and later:
        steps = round(math.log2(later / earlier))
        if not math.isclose(earlier * 2.0**steps, later):
            return f"1:{format_number(earlier)} \u2192 1:{format_number(later)}"
        plural = "" if abs(steps) == 1 else "s"
        sign = "+" if steps > 0 else ""
        return f"{sign}{format_number(round(steps, 1))} dilution{plural}"
    return signed_number(change)


def change_cell(change_direction: str, amount_text: str) -> str:
    """The cell a table shows: the arrow, then the signed amount with a true minus sign
    ('↑ +5', '↓ −0.14'; fixlatest item 5: never the double negative 'down −0.14').  The
    sign carries the meaning in text, so the arrow is never the only cue."""
    amount = amount_text.replace("-", MINUS, 1) if amount_text.startswith("-") else amount_text
    return f"{_ARROWS[change_direction]} {amount}".strip()


def spoken_change(change_direction: str, amount_text: str) -> str:
    """``change_cell`` in words for a screen reader, which may not read an arrow or a minus
    sign: 'down 0.14', 'up 2 dilutions', 'up from 1:40 to 1:100', 'no change'."""
    if not change_direction:
        return amount_text
    if change_direction == "same":
        return "no change"
    amount = amount_text.lstrip("+-\u2212")
    if "\u2192" in amount:
        earlier, _, later = amount.partition(" \u2192 ")
        amount = f"from {earlier} to {later}"
    return f"{change_direction} {amount}"


def not_comparable_text(reason: str) -> str:
    return f"not comparable ({reason})" if reason else "not comparable"


def _converted(unit: Unit, value: float) -> float:
    """A converted value at the unit's usual precision, unless that precision would hide
    most of it (0.78 mg/dL C3 is 0.0078 g/L, not 0.01 g/L): then two significant digits."""
    shown = rounded_for(unit, value)
    if value and abs(shown - value) > ROUNDING_HIDES_ABOVE * abs(value):
        return round_significant(value, 2)
    return shown


# The limits a converted value is compared with in the canonical unit (SLEDAI-2K, Gladman
# 2002: proteinuria > 0.5 g/24 h; UPCR used in its place), besides the marker's range.
_COMPARED_WITH: dict[str, tuple[float, ...]] = {
    "urine_protein_24h": (PROTEINURIA_G_PER_24H,),
    "upcr": (UPCR_MG_PER_MG,),
}


def _limits_compared(m: Measurement) -> set[float]:
    limits = set(_COMPARED_WITH.get(m.marker.key, ()))
    default = m.marker.reference_range(None)
    if default is not None and default.word is None and not default.titer:
        limits |= {v for v in (default.low, default.high) if v is not None}
    return limits


def _off_the_threshold(m: Measurement, value: float, shown: float) -> float:
    """``shown``, with more significant digits while it lands exactly on a limit the value is
    compared with but the value itself does not (UPCR 57 mg/mmol is 0.504 mg/mg, not
    "0.5 mg/mg" beside "above 0.5"; fixclin item 8)."""
    limits = _limits_compared(m)
    digits = 3
    while shown in limits and shown != value and digits <= MAX_PRINTED_DIGITS:
        shown = round_significant(value, digits)
        digits += 1
    return shown


def _unambiguous(text: str, number: float) -> str:
    """The value as entered, unless it reads as another number to someone who writes
    numbers the other way: ``1.250`` (1,250 read with a decimal comma) is 1250 to a reader
    of decimal points; it is shown ``1.25``, and ``1.125`` as ``1.1250`` (red-team fix
    round)."""
    digits = text.lstrip("<>=")
    if not AMBIGUOUS_NUMBER.match(digits):
        return text
    shown = format_number(number)
    shown = f"{shown}0" if AMBIGUOUS_NUMBER.match(shown) else shown
    return text[: len(text) - len(digits)] + shown


def understood(m: Measurement) -> str:
    """What the app understood of an entry, for every entry path to show before or after
    saving: ``= 1250 mg/24h = 1.25 g/24h``, ``= <0.5 g/L``, ``= 1:160``, ``= positive``."""
    value = m.value
    if value.word is not None:
        return f"= {value.word}"
    if value.is_titer or value.number is None:
        return f"= {value.text}"
    bound = value.comparator or ""
    text = f"= {_unambiguous(value.text, value.number)} {m.unit.label}"
    if m.base_value is not None and m.base_unit is not m.unit:
        shown = _off_the_threshold(m, m.base_value, _converted(m.base_unit, m.base_value))
        text += f" = {bound}{format_number(shown)} {m.base_unit.label}"
    return text
