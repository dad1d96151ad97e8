"""The marker and symptom catalogs hold what the domain reference says."""

from __future__ import annotations

import pytest

from lupus_tracker.domain.catalog import (
    MARKERS,
    Category,
    MarkerKind,
    UnknownMarkerError,
    get_marker,
    marker_for_loinc,
)
from lupus_tracker.domain.measurement import interpret
from lupus_tracker.domain.symptoms import SYMPTOMS, SymptomError, check_severity, get_symptom
from lupus_tracker.domain.units import UnitError
from lupus_tracker.domain.values import ValueParseError

EXPECTED = {
    "ana": ("5048-4", "{titer}"),
    "anti_dsdna": ("5130-0", "[IU]/mL"),
    "c3": ("4485-9", "g/L"),
    "c4": ("4498-2", "g/L"),
    "albumin": ("1751-7", "g/L"),
    "urine_protein_24h": ("2889-4", "g/(24.h)"),
    "upcr": ("2890-2", "mg/mg"),
    "uacr": ("9318-7", "mg/g"),
    "creatinine": ("2160-0", "mg/dL"),
    "egfr": ("98979-8", "mL/min/{1.73_m2}"),
    "hemoglobin": ("718-7", "g/dL"),
    "wbc": ("6690-2", "10*9/L"),
    "lymphocytes": ("731-0", "10*9/L"),
    "platelets": ("777-3", "10*9/L"),
    "esr": ("4537-7", "mm/h"),
    "crp": ("1988-5", "mg/L"),
    "urine_rbc": ("13945-1", "/[HPF]"),
    "urine_wbc": ("5821-4", "/[HPF]"),
    "weight": ("29463-7", "kg"),
    "systolic_bp": ("8480-6", "mm[Hg]"),
    "diastolic_bp": ("8462-4", "mm[Hg]"),
    "temperature": ("8310-5", "Cel"),
}


@pytest.mark.parametrize(("key", "expected"), EXPECTED.items())
def test_marker_loinc_and_canonical_unit(key, expected):
    marker = get_marker(key)
    assert (marker.loinc, marker.canonical_unit.code) == expected
    assert marker.name and marker.label
    assert marker_for_loinc(marker.loinc) is marker


def test_every_default_range_parses_and_kinds_are_set():
    for marker in MARKERS:
        marker.reference_range()
        for sex in ("female", "male"):
            marker.reference_range(sex)
    assert get_marker("ana").kind is MarkerKind.TITER
    assert get_marker("urine_protein_dipstick").kind is MarkerKind.ORDINAL
    assert get_marker("weight").category is Category.VITAL


def test_alternative_loinc_codes_map_to_the_same_marker():
    assert marker_for_loinc("14682-9").key == "creatinine"
    assert marker_for_loinc("34366-5").key == "upcr"
    assert marker_for_loinc("26515-7").key == "platelets"
    assert marker_for_loinc("0000-0") is None


def test_unknown_marker_lists_the_known_ones():
    with pytest.raises(UnknownMarkerError, match="c3"):
        get_marker("c5")


def test_text_results_are_kept_honestly():
    m = interpret(get_marker("ana"), "negative")
    assert m.value.word == "negative" and m.base_value is None
    with pytest.raises(ValueParseError):
        interpret(get_marker("c3"), "negative")


def test_titer_with_a_unit_is_refused():
    with pytest.raises(UnitError):
        interpret(get_marker("anti_dsdna"), "1:40", "IU/mL")
    with pytest.raises(UnitError):
        interpret(get_marker("anti_dsdna"), "40", "titer")


def test_symptom_catalog_and_severity():
    keys = {s.key for s in SYMPTOMS}
    assert {
        "fatigue",
        "rash",
        "joint_pain",
        "muscle_pain",
        "fever",
        "hair_loss",
        "mouth_ulcers",
        "photosensitivity",
        "raynauds",
        "chest_pain",
        "swelling",
        "headache",
        "nausea",
    } <= keys
    assert "malar/butterfly" in get_symptom("rash").locations
    assert check_severity(0) == 0 and check_severity("10") == 10
    for bad in (-1, 11, 2.5, True, "x", "\u0665"):
        with pytest.raises(SymptomError, match="0"):
            check_severity(bad)
    with pytest.raises(SymptomError, match="fatigue"):
        get_symptom("sneezing")
