"""Calcineurin inhibitors and methotrexate creatinine in monitoring (fixt2t item 2):
voclosporin label (eGFR every 4 weeks once past the first month; blood pressure,
potassium), BSR 2017 (ciclosporin/tacrolimus: U&E, glucose, BP monthly; methotrexate:
creatinine with FBC and LFT every 3 months)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from lupus_tracker.domain.monitoring import (
    DrugClass,
    drug_class,
    intervals_from_settings,
    monitoring_due,
)
from lupus_tracker.domain.records import Medication

TODAY = date(2026, 6, 1)


def _med(name: str) -> Medication:
    return Medication(1, name, date(2026, 1, 1))


@pytest.mark.parametrize(
    "name", ["Tacrolimus", "Advagraf", "Ciclosporin", "Cyclosporine", "Neoral", "Voclosporin",
             "LUPKYNIS 7.9 mg"],
)  # fmt: skip
def test_calcineurin_inhibitors_are_recognised(name):
    assert drug_class(name) is DrugClass.CALCINEURIN_INHIBITOR


def test_cyclophosphamide_is_not_a_calcineurin_inhibitor():
    assert drug_class("Cyclophosphamide") is DrugClass.CYCLOPHOSPHAMIDE


def test_voclosporin_needs_kidney_bp_potassium_glucose_every_4_weeks():
    found = {d.item.key: d for d in monitoring_due([_med("Voclosporin")], {}, TODAY, False)}
    assert set(found) == {
        "kidney_function_cni",
        "blood_pressure_cni",
        "potassium_cni",
        "glucose_cni",
    }
    assert {d.interval_days for d in found.values()} == {28}
    assert found["kidney_function_cni"].because == ("Voclosporin",)


def test_recent_creatinine_is_not_due_and_old_one_is_overdue():
    recent = {"creatinine": TODAY - timedelta(days=10)}
    due = {d.item.key: d for d in monitoring_due([_med("Tacrolimus")], recent, TODAY, False)}
    assert due["kidney_function_cni"].status.value == "not due yet"
    old = {"egfr": TODAY - timedelta(days=40)}
    due = {d.item.key: d for d in monitoring_due([_med("Tacrolimus")], old, TODAY, False)}
    assert due["kidney_function_cni"].status.value == "overdue"


def test_own_interval_applies_to_calcineurin_items():
    intervals = intervals_from_settings({"monitoring.interval.kidney_function_cni": "14"})
    due = {
        d.item.key: d for d in monitoring_due([_med("Ciclosporin")], {}, TODAY, False, intervals)
    }
    assert due["kidney_function_cni"].interval_days == 14
    assert due["kidney_function_cni"].own_interval


def test_methotrexate_needs_creatinine():
    due = {d.item.key: d for d in monitoring_due([_med("Methotrexate")], {}, TODAY, False)}
    assert "kidney_function" in due
    assert due["kidney_function"].because == ("Methotrexate",)
    assert "kidney_function_cni" not in due


def test_hydroxychloroquine_alone_needs_no_kidney_item():
    due = {d.item.key for d in monitoring_due([_med("Hydroxychloroquine")], {}, TODAY, False)}
    assert due == set()
