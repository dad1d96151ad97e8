"""Issue 17: every plausibility limit (domain/plausibility.py, our choice per row there, set
beyond the extremes reported in living patients) is inclusive at both ends: accepted at the
limit, refused just beyond it; and the SLEDAI-2K description wording (Gladman 2002 bands).
"""

from __future__ import annotations

import pytest

from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.measurement import interpret
from lupus_tracker.domain.plausibility import PLAUSIBLE, Limits, implausible
from lupus_tracker.domain.sledai import SledaiError, describe, descriptor
from lupus_tracker.domain.values import format_number

STEP = 1.001  # 0.1% beyond a limit


def _check(key: str, number: float) -> str:
    marker = get_marker(key)
    return implausible(interpret(marker, format_number(number), marker.canonical_unit.code))


@pytest.mark.parametrize("key", sorted(PLAUSIBLE))
def test_limits_are_inclusive_and_refused_just_beyond(key):
    limits = PLAUSIBLE[key]
    assert _check(key, limits.high) == ""
    assert _check(key, limits.high / STEP) == ""
    assert _check(key, limits.high * STEP) != ""
    assert _check(key, limits.low) == ""
    if limits.low > 0:
        assert _check(key, limits.low * STEP) == ""
        assert _check(key, limits.low / STEP) != ""


@pytest.mark.parametrize(
    ("low", "high", "value", "holds"),
    [
        (1.0, 2.0, 0.999, False),
        (1.0, 2.0, 1.0, True),
        (1.0, 2.0, 1.5, True),
        (1.0, 2.0, 2.0, True),
        (1.0, 2.0, 2.001, False),
    ],
)
def test_limits_holds_both_ends_included(low, high, value, holds):
    assert Limits(low, high).holds(value) is holds


@pytest.mark.parametrize(
    ("key", "text", "unit", "refusal"),
    [
        # a bound below the lower limit is below detection, not impossible
        ("wbc", "<0.05", "10*9/L", ""),
        ("wbc", "<=0.05", "10*9/L", ""),
        (
            "wbc",
            "0.05",
            "10*9/L",
            "0.05 ×10⁹/L is not a possible WBC (possible: 0.1-1000 ×10⁹/L); "
            "check the value and its unit.",
        ),
        # a lower bound above the upper limit is impossible; at the limit it is possible
        ("platelets", ">3000", "10*9/L", ""),
        ("platelets", ">=3000", "10*9/L", ""),
        ("platelets", ">3003", "10*9/L", "3003 ×10⁹/L is not a possible Platelets"),
        # the refusal prints the number as typed, to 6 significant digits
        ("c3", "5.1234567", "g/L", "5.12346 g/L is not a possible C3; did you mean 5.12346 mg/dL"),
        (
            "c3",
            "5.005",
            "g/L",
            "5.005 g/L is not a possible C3; did you mean 5.005 mg/dL = 0.05 g/L?",
        ),
        # only units of the same family are offered (weight: lb, never a count)
        (
            "weight",
            "400.4",
            "kg",
            "400.4 kg is not a possible Weight; did you mean 400.4 lb = 181.6 kg?",
        ),
    ],
)
def test_bounds_and_refusal_wording(key, text, unit, refusal):
    got = implausible(interpret(get_marker(key), text, unit))
    assert got.startswith(refusal) and (got == "") == (refusal == "")


def test_sledai_description_names_band_and_major_organs():
    assert describe(12, {"proteinuria", "hematuria", "seizure", "rash"}) == (
        "SLEDAI-2K 12: high activity (bands: 0 none, 1-5 mild, 6-10 moderate, 11-19 high, "
        "20 or more very high). Kidney involvement (proteinuria, hematuria) — discuss with "
        "your doctor; Brain and nerves involvement (seizure) — discuss with your doctor. "
        "A number to discuss with your doctor."
    )
    assert describe(0) == (
        "SLEDAI-2K 0: no activity (bands: 0 none, 1-5 mild, 6-10 moderate, "
        "11-19 high, 20 or more very high). A number to discuss with your "
        "doctor."
    )


def test_unknown_descriptor_is_named():
    with pytest.raises(SledaiError, match="Unknown SLEDAI-2K descriptor 'nose'"):
        descriptor("nose")
