"""The unit tables the catalog builds for cell counts and antibody kits, pinned field by
field (issue 17: their builders run once at import, so only a test that builds them again
notices a changed code, label, factor or alias). Sources: ../shared/domain.md "counts:
1 ×10³/µL = 1 K/µL = 1 ×10⁹/L = 1000 /mm³"; UCUM (https://ucum.org/ucum) for the codes;
kit units and the antibody index are not convertible into each other (our choice, because
each kit's units are its own: ../shared/domain.md "Titers and assays").
"""

from __future__ import annotations

import pytest

from lupus_tracker.domain import catalog
from lupus_tracker.domain.catalog import get_marker
from lupus_tracker.domain.units import Unit

COUNT_MARKERS = ("wbc", "lymphocytes", "platelets", "neutrophils")
KIT_MARKERS = ("anti_sm", "anti_ro", "anti_la", "anti_rnp", "anti_c1q")


def _fields(units):
    return [(u.code, u.label, u.factor, u.offset, u.family, u.decimals) for u in units.units]


def test_count_units():
    built = catalog._count_units()
    assert _fields(built) == [
        ("10*9/L", "×10⁹/L", 1.0, 0.0, "default", None),
        ("10*3/uL", "×10³/µL", 1.0, 0.0, "default", None),
        ("/mm3", "/mm³", 0.001, 0.0, "default", 0),  # whole cells per µL
    ]
    assert built.units[0].aliases == catalog.COUNT_ALIASES
    assert built.units[1].aliases == catalog.THOUSAND_PER_UL
    assert built.units[2].aliases == ("cells/mm3", "/uL", "cells/uL", "/µL")
    for key in COUNT_MARKERS:
        assert get_marker(key).units.units == built.units, key


@pytest.mark.parametrize(
    ("typed", "value", "base"),
    [
        ("K/uL", 7.5, 7.5),  # 1 K/µL = 1 ×10⁹/L
        ("10^9/L", 7.5, 7.5),
        ("/uL", 7500, 7.5),  # 1000 /mm³ = 1 ×10⁹/L
        ("cells/mm3", 250000, 250),
    ],
)
def test_count_conversions(typed, value, base):
    unit = catalog._count_units().find(typed)
    assert unit is not None
    assert unit.to_base(value) == pytest.approx(base)


def test_kit_units():
    built = catalog._kit_units()
    assert _fields(built) == [
        ("U/mL", "U/mL (kit units)", 1.0, 0.0, "kit", None),
        ("{AI}", "AI (antibody index)", 1.0, 0.0, "index", None),
    ]
    assert built.units[0].aliases == ("U/ml", "units/mL", "EU/mL", "RU/mL")
    assert built.units[1].aliases == ("AI", "antibody index", "index")
    for key in KIT_MARKERS:
        assert get_marker(key).units.units == built.units, key


def test_kit_units_take_extra_units_after_their_own():
    extra = Unit("[GPL'U]", "GPL", family="gpl")
    built = catalog._kit_units(extra)
    assert [u.code for u in built.units] == ["U/mL", "{AI}", "[GPL'U]"]
    assert built.canonical.code == "U/mL"


def test_units_keeps_the_order_given():
    first, second = Unit("g/L", "g/L"), Unit("mg/dL", "mg/dL", factor=0.01)
    built = catalog._units(first, second)
    assert built.units == (first, second)
    assert built.canonical is first


def test_units_outside_the_canonical_family_are_not_scaled():
    # docs/equivalent_mutants.md (plausibility._alternatives) relies on this: a unit of
    # another family (kit units, antibody index, titer) is never a scaled reading.
    for marker in catalog.MARKERS:
        family = marker.canonical_unit.family
        for unit in marker.units.units:
            if unit.family != family:
                assert (unit.factor, unit.offset) == (1.0, 0.0), (marker.key, unit.code)
