"""Unit conversion: exact factors from domain.md, both ways; unknown units are errors."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lupus_tracker.domain.catalog import MARKERS, get_marker
from lupus_tracker.domain.units import UnitError


def convert(key: str, value: float, source: str, target: str) -> float:
    marker = get_marker(key)
    units = marker.units
    return units.convert(value, units.lookup(source, key), units.lookup(target, key))


@pytest.mark.parametrize(
    ("key", "value", "source", "target", "expected"),
    [
        ("albumin", 3.5, "g/dL", "g/L", 35.0),
        ("albumin", 42, "g/L", "g/dL", 4.2),
        ("hemoglobin", 125, "g/L", "g/dL", 12.5),
        ("c3", 90, "mg/dL", "g/L", 0.9),
        ("c4", 0.4, "g/L", "mg/dL", 40.0),
        ("crp", 1, "mg/dL", "mg/L", 10.0),
        ("creatinine", 1, "mg/dL", "µmol/L", 88.42),
        ("creatinine", 88.42, "umol/L", "mg/dL", 1.0),
        ("creatinine", 0.08842, "mmol/L", "mg/dL", 1.0),
        ("upcr", 1, "mg/mg", "mg/mmol", 113.12),
        ("upcr", 1, "g/g", "mg/g", 1000.0),
        ("upcr", 500, "mg/g", "mg/mg", 0.5),
        ("uacr", 1, "mg/mmol", "mg/g", 8.842),
        ("urine_protein_24h", 2505, "mg/24h", "g/24h", 2.505),
        ("urine_protein_24h", 1, "g/d", "g/(24.h)", 1.0),
        ("platelets", 150, "K/uL", "10*9/L", 150.0),
        ("wbc", 4.2, "x10E3/uL", "10^9/L", 4.2),
        ("wbc", 4200, "/mm3", "10*9/L", 4.2),
        ("platelets", 210, "THOUS/MCL", "10X9cells/L", 210.0),
        ("weight", 1, "lb", "kg", 0.45359237),
        ("temperature", 100.4, "°F", "°C", 38.0),
        ("temperature", 37, "Cel", "[degF]", 98.6),
    ],
)
def test_exact_conversions(key, value, source, target, expected):
    assert convert(key, value, source, target) == pytest.approx(expected, rel=1e-12)


def test_unknown_unit_is_an_error_naming_the_allowed_units():
    with pytest.raises(UnitError) as error:
        convert("c3", 1, "mmol/L", "g/L")
    assert "g/L" in str(error.value) and "mg/dL" in str(error.value)


def test_units_of_different_families_never_convert():
    # anti-dsDNA in WHO IU/mL versus a kit's arbitrary U/mL: not the same quantity.
    with pytest.raises(UnitError, match="cannot be converted"):
        convert("anti_dsdna", 100, "U/mL", "IU/mL")


def test_spelling_variants_fold_to_one_unit():
    units = get_marker("creatinine").units
    assert units.find("\u00b5mol/L") is units.find("\u03bcmol/l") is units.find("umol/L")
    assert get_marker("upcr").units.find("mg/g{creat}").code == "mg/g"


_PAIRS = [
    (m.key, a.code, b.code)
    for m in MARKERS
    for a in m.units.units
    for b in m.units.units
    if a.family == b.family
]


@pytest.mark.parametrize(("key", "source", "target"), _PAIRS)
@given(value=st.floats(min_value=1e-3, max_value=1e5, allow_nan=False, allow_infinity=False))
def test_round_trip_returns_the_value(key, source, target, value):
    there = convert(key, value, source, target)
    back = convert(key, there, target, source)
    assert math.isclose(back, value, rel_tol=1e-9, abs_tol=1e-9)
