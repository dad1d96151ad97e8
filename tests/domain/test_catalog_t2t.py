"""The treat-to-target markers (issue 15): LOINC, UCUM unit, conversions, default ranges."""

from __future__ import annotations

import pytest

from lupus_tracker.domain.catalog import MARKERS, get_marker, marker_for_loinc
from lupus_tracker.domain.measurement import interpret
from lupus_tracker.domain.ranges import Flag

# key: (LOINC, canonical UCUM) -- sources cited in domain/catalog.py
NEW = {
    "neutrophils": ("751-8", "10*9/L"),
    "alt": ("1742-6", "U/L"),
    "ast": ("1920-8", "U/L"),
    "igg": ("2465-3", "g/L"),
    "glucose": ("2345-7", "mg/dL"),
    "hba1c": ("4548-4", "%"),
    "cholesterol": ("2093-3", "mg/dL"),
    "ldl": ("13457-7", "mg/dL"),
    "vitamin_d": ("62292-8", "ng/mL"),
    "urine_casts": ("5807-3", "/[LPF]"),
    "anti_sm": ("11090-8", "U/mL"),
    "anti_ro": ("17792-3", "U/mL"),
    "anti_la": ("17791-5", "U/mL"),
    "anti_rnp": ("29374-6", "U/mL"),
    "anti_c1q": ("44702-9", "U/mL"),
    "lupus_anticoagulant": ("75514-0", "{result}"),
    "acl_igg": ("3181-5", "[GPL'U]"),
    "acl_igm": ("3182-3", "[MPL'U]"),
    "b2gp1_igg": ("44448-9", "U/mL"),
    "b2gp1_igm": ("44449-7", "U/mL"),
    "ch50": ("4532-8", "U/mL"),
}


@pytest.mark.parametrize(("key", "expected"), NEW.items())
def test_new_marker_codes(key, expected):
    marker = get_marker(key)
    assert (marker.loinc, marker.canonical_unit.code) == expected
    assert marker_for_loinc(marker.loinc) is marker
    assert marker.reference_range() is not None


def test_keys_are_unique_and_appended_after_the_original_markers():
    keys = [m.key for m in MARKERS]
    assert len(keys) == len(set(keys))
    assert keys.index("neutrophils") > keys.index("temperature")


@pytest.mark.parametrize(
    ("key", "value", "unit", "base"),
    [
        ("glucose", "5.5", "mmol/L", 99.088),  # 5.5 x 18.016 mg/dL
        ("cholesterol", "5.17", "mmol/L", 199.9239),  # 5.17 x 38.67
        ("vitamin_d", "75", "nmol/L", 30.0480769),  # 75 / 2.496
        ("hba1c", "48", "mmol/mol", 6.54304),  # NGSP master equation
        ("alt", "0.5", "ukat/L", 30.0),  # 1 ukat/L = 60 U/L
        ("igg", "1200", "mg/dL", 12.0),
    ],
)
def test_conversions(key, value, unit, base):
    assert interpret(get_marker(key), value, unit).base_value == pytest.approx(base)


@pytest.mark.parametrize(
    ("key", "value", "unit", "flag"),
    [
        ("lupus_anticoagulant", "positive", None, Flag.ABNORMAL),
        ("lupus_anticoagulant", "negative", None, Flag.NORMAL),
        ("anti_sm", "19", "U/mL", Flag.NORMAL),
        ("anti_sm", "20", "U/mL", Flag.HIGH),
        ("urine_casts", "0", None, Flag.NORMAL),
        ("urine_casts", "1", None, Flag.HIGH),
    ],
)
def test_default_ranges_flag(key, value, unit, flag):
    assert interpret(get_marker(key), value, unit).flag is flag
