"""A lab's printed range: possible for its unit, close to the usual range, and agreeing with
its own numeric limits (issue 17, round-4 mutation survivors in domain/plausibility.py and
domain/ranges.py).

Sources: the issue 12 red-team findings (fixclin item 1: a range in another unit than its
value is refused, naming the unit it fits; a file whose printed range and numeric limits
disagree is not guessed from); RANGE_FACTOR = 4 and CLEARLY_CLOSER = 3 are our choice, as
domain/plausibility.py explains (labs differ by up to 2-3x; a unit slip is 10x or more);
the plausibility limits are those of domain/plausibility.py (PLAUSIBLE, each with its
reason); the catalog's default ranges are in domain/catalog.py (domain.md).
"""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.domain.entry import check_entry
from lupus_tracker.domain.plausibility import CLEARLY_CLOSER, RANGE_FACTOR
from lupus_tracker.domain.ranges import SAME_LIMIT_TOLERANCE, RefRange, parse_range, ranges_disagree
from lupus_tracker.domain.records import InvalidEntryError, LabEntry

D = date(2026, 1, 5)
LOOKS_LIKE = (
    "The reference range {range} looks like {fits}, the value is in {unit}: enter the range "
    "in {unit} as the lab printed it next to this value."
)


@pytest.mark.parametrize(
    ("marker", "value", "unit", "ref", "why"),
    [
        # a limit of 0 is not a value to check (ALT plausible from 2 U/L; labs print 0-40)
        ("alt", "30", "U/L", "0-40", "limit 0 not judged"),
        # a usual range starting at 0 (urine RBC 0-5 /HPF) is no factor to compare with
        ("urine_rbc", "2", "/[HPF]", "1-5", "default limit 0 not compared"),
        # weight has no usual range: nothing to compare a lab's range with
        ("weight", "70", "kg", "50-100", "no default range"),
        # a child's creatinine range (0.15-0.3 mg/dL) is within 4x of the women's usual
        # 0.5-1.1, though not of both sexes' 0.5-1.3: each sex's range is compared
        ("creatinine", "0.2", "mg/dL", "0.15-0.3", "closest sex's range"),
        # one-sided, opposite side to the usual "<5": nothing to compare, possible: kept
        ("crp", "3", "mg/L", ">0.5", "no shared side"),
    ],
)
def test_ranges_kept(marker, value, unit, ref, why):
    assert RANGE_FACTOR == 4.0
    assert check_entry(LabEntry(D, marker, value, unit, ref)).ref is not None, why


@pytest.mark.parametrize(
    ("marker", "value", "unit", "ref", "message"),
    [
        # a lower limit below what C3 can be (0.005 g/L): refused as impossible
        (
            "c3",
            "0.5",
            "g/L",
            "0.001-1.8",
            "The reference range 0.001-1.8 is not possible for C3 in g/L; check the range "
            "and the result's unit.",
        ),
        # 400-1600 as mg/L is 0.4-1.6 g/L: exactly 4x the usual C4 0.1-0.4, not beyond it
        (
            "c4",
            "0.2",
            "g/L",
            "400-1600",
            LOOKS_LIKE.format(range="400-1600", fits="mg/L", unit="g/L"),
        ),
        # read as mg/dL (the first other unit) 150-190 is 1.5-1.9 g/L, 15x off; as mg/L
        # (the next one) 0.15-0.19 g/L, within 4x: every other unit is tried
        (
            "c4",
            "0.2",
            "g/L",
            "150-190",
            LOOKS_LIKE.format(range="150-190", fits="mg/L", unit="g/L"),
        ),
        ("c4", "0.2", "g/L", "10-40", LOOKS_LIKE.format(range="10-40", fits="mg/dL", unit="g/L")),
        # impossible in mg/mg (UPCR at most 30), possible in mg/g and in mg/mmol and comparable
        # in neither (the usual range is "<0.15"): the first other unit is named
        (
            "upcr",
            "0.2",
            "mg/mg",
            ">100",
            LOOKS_LIKE.format(range=">100", fits="mg/g", unit="mg/mg"),
        ),
        # impossible as mg/mmol (35 mg/mg) and as mg/mg, possible only as mg/g: a unit in
        # which the range is impossible is never named, even when it is tried first
        (
            "upcr",
            "50",
            "mg/mmol",
            ">4000",
            LOOKS_LIKE.format(range=">4000", fits="mg/g", unit="mg/mmol"),
        ),
        # possible as mg/dL (1.0-1.2 g/L, 10x the usual C4 0.1-0.4) and, as mg/L, 3.3x off:
        # exactly 3x closer ("at least CLEARLY_CLOSER times closer") names mg/L
        (
            "c4",
            "20",
            "mg/dL",
            "100-120",
            LOOKS_LIKE.format(range="100-120", fits="mg/L", unit="mg/dL"),
        ),
    ],
)
def test_ranges_refused(marker, value, unit, ref, message):
    assert CLEARLY_CLOSER == 3.0
    with pytest.raises(InvalidEntryError) as raised:
        check_entry(LabEntry(D, marker, value, unit, ref))
    assert str(raised.value) == message


# -- a printed range against its own numeric limits ------------------------------------------
@pytest.mark.parametrize(
    ("printed", "limits", "reason"),
    [
        (
            "0.9-1.8",
            RefRange(0.9, 2.0),
            "the printed range '0.9-1.8' and the upper limit 2 disagree",
        ),
        (
            "0.9-1.8",
            RefRange(0.8, 1.8),
            "the printed range '0.9-1.8' and the lower limit 0.8 disagree",
        ),
        ("0-5", RefRange(0, 5), ""),  # equal limits of 0 agree
        # within the relative tolerance (1e-5 of the larger): the same limit rounded
        ("0-1000", RefRange(0, 1000.001), ""),
        (
            "0-1000",
            RefRange(0, 1000.1),
            "the printed range '0-1000' and the upper limit 1000.1 disagree",
        ),
        # one side given by one and not the other
        ("<5", RefRange(0, 5), "the printed range '<5' and the limits '0-5' disagree"),
        # a titer cut-off has no lower limit to give: not a disagreement
        ("<1:80", RefRange(0, 80), ""),
    ],
)
def test_ranges_disagree(printed, limits, reason):
    assert SAME_LIMIT_TOLERANCE == 1e-5
    assert ranges_disagree(parse_range(printed), limits) == reason
