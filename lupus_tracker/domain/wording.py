"""The words people read for a flag and for a change between two results, built once for
the dashboard, the report, the CLI and the exports.

Meaning never rests on colour or a symbol alone: an arrow always comes with its word.
"""

from __future__ import annotations

import math

from lupus_tracker.domain.egfr import G1_MIN, gfr_category
from lupus_tracker.domain.measurement import Measurement
from lupus_tracker.domain.ranges import Flag
from lupus_tracker.domain.units import Unit, rounded_for, tidy
from lupus_tracker.domain.values import format_number, round_significant

NO_FLAG = "—"
# Our choice: a converted value whose usual-precision rounding moves it by more than 5% is
# shown with two significant digits instead (0.0078 g/L, not 0.01 g/L).
ROUNDING_HIDES_ABOVE = 0.05
_ARROWS = {"up": "\u2191 up", "down": "\u2193 down", "same": "\u2192 same", "": ""}


def flag_word(flag: Flag) -> str:
    """LOW, HIGH, ABNORMAL in capitals; 'normal'; the sex note; '—' when not judged."""
    if flag.is_out_of_range:
        return flag.value.upper()
    return flag.value or NO_FLAG


def result_flag_word(m: Measurement) -> str:
    """The flag word for one result.  An eGFR of 60-89 is not flagged (KDIGO: below 60 is
    reduced) but is not "normal" either: it is shown by its stage, as ``egfr`` says it."""
    if (m.marker.key == "egfr" and m.flag is Flag.NORMAL and m.base_value is not None
            and m.in_canonical_family and m.base_value < G1_MIN):
        if m.value.comparator is not None:  # ">60": G1 or G2, not certainly normal
            return "KDIGO G1-G2"
        code, words = gfr_category(m.base_value)
        return f"KDIGO {code}: {words}"
    return flag_word(m.flag)


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


def change_amount(change: float, *, titer: bool = False, earlier: float | None = None,
                  later: float | None = None) -> str:
    """A change as people read it; titers in doubling dilutions (1:80 -> 1:320 is +2)."""
    if titer and earlier and later:
        steps = math.log2(later / earlier)
        plural = "" if abs(steps) == 1 else "s"
        sign = "+" if steps > 0 else ""
        return f"{sign}{format_number(round(steps, 1))} dilution{plural}"
    return signed_number(change)


def change_cell(change_direction: str, amount_text: str) -> str:
    """The cell a table shows: arrow and word, then the amount ('↑ up +5')."""
    return f"{_ARROWS[change_direction]} {amount_text}".strip()


def not_comparable_text(reason: str) -> str:
    return f"not comparable ({reason})" if reason else "not comparable"


def _converted(unit: Unit, value: float) -> float:
    """A converted value at the unit's usual precision, unless that precision would hide
    most of it (0.78 mg/dL C3 is 0.0078 g/L, not 0.01 g/L): then two significant digits."""
    shown = rounded_for(unit, value)
    if value and abs(shown - value) > ROUNDING_HIDES_ABOVE * abs(value):
        return round_significant(value, 2)
    return shown


def understood(m: Measurement) -> str:
    """What the app understood of an entry, for every entry path to show before or after
    saving: ``= 1250 mg/24h = 1.25 g/24h``, ``= <0.5 g/L``, ``= 1:160``, ``= positive``."""
    value = m.value
    if value.word is not None:
        return f"= {value.word}"
    if value.is_titer or value.number is None:
        return f"= {value.text}"
    bound = value.comparator or ""
    text = f"= {value.text} {m.unit.label}"
    if m.base_value is not None and m.base_unit is not m.unit:
        text += f" = {bound}{format_number(_converted(m.base_unit, m.base_value))} " \
                f"{m.base_unit.label}"
    return text
