"""Export as a FHIR R4 Bundle (type collection): a Patient, one Observation per lab result
and vital sign (LOINC, UCUM, reference range, interpretation), symptoms as Observations
with a text code and the 0-10 severity.

Value types: a number is a ``valueQuantity`` (with ``comparator`` for ``<0.5``); a titer
is a ``valueRatio`` 1:N (a bounded titer such as ``<1:40``, which a Ratio cannot carry, is
a ``valueString``); a word is a ``valueCodeableConcept`` with the word as text.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from lupus_tracker.domain.catalog import Category, get_marker
from lupus_tracker.domain.measurement import interpret
from lupus_tracker.domain.ranges import Flag
from lupus_tracker.domain.records import LabResult, Source
from lupus_tracker.domain.symptoms import get_symptom
from lupus_tracker.exchange.fhir_import import SYMPTOM_SYSTEM
from lupus_tracker.exchange.files import write_private
from lupus_tracker.store.repository import Repository

LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
INTERPRETATION = "http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation"

NAMESPACE = uuid.UUID("6f1d4b2e-8a53-4d0e-9c1e-3b7a5a4c2f10")
_CODES = {Flag.LOW: ("L", "Low"), Flag.HIGH: ("H", "High"), Flag.NORMAL: ("N", "Normal"),
          Flag.ABNORMAL: ("A", "Abnormal")}


def _uuid(*parts: object) -> str:
    """A stable ``urn:uuid:`` for a record (the same database exports the same ids)."""
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, '/'.join(map(str, parts)))}"


def _entry(full_url: str, resource: dict) -> dict:
    resource["id"] = full_url.removeprefix("urn:uuid:")
    return {"fullUrl": full_url, "resource": resource}


def _number(value: float) -> int | float:
    return int(value) if value.is_integer() else value


def _quantity(value: float, unit) -> dict:
    return {"value": _number(value), "unit": unit.label, "system": UCUM, "code": unit.code}


def _value(m) -> dict:
    value = m.value
    if value.word is not None:
        return {"valueCodeableConcept": {"text": value.word}}
    if value.is_titer:
        if value.comparator is not None:
            return {"valueString": value.text}
        denominator = {"value": _number(value.number)}
        return {"valueRatio": {"numerator": {"value": 1}, "denominator": denominator}}
    quantity = _quantity(value.number, m.unit)
    if value.comparator is not None:
        quantity["comparator"] = value.comparator.value
    return {"valueQuantity": quantity}


def _reference_range(m) -> list[dict]:
    if m.ref is None:
        return []
    entry: dict = {"text": m.ref.text()}
    if m.ref.word is None and not m.ref.titer:
        if m.ref.low is not None:
            entry["low"] = _quantity(m.ref.low, m.unit)
        if m.ref.high is not None:
            entry["high"] = _quantity(m.ref.high, m.unit)
    if not m.ref_is_lab:
        entry["type"] = {"text": "default adult range (Lupus Tracker catalog)"}
    return [entry]


def observation(result: LabResult, sex: str | None, patient_ref: str) -> dict:
    marker = get_marker(result.marker)
    m = interpret(marker, result.value_text, result.unit, result.ref_range, sex)
    vital = marker.category is Category.VITAL
    resource: dict = {
        "resourceType": "Observation",
        "status": "final",
        "category": [{"coding": [{"system": CATEGORY,
                                  "code": "vital-signs" if vital else "laboratory",
                                  "display": "Vital Signs" if vital else "Laboratory"}]}],
        "code": {"coding": [{"system": LOINC, "code": marker.loinc, "display": marker.name}],
                 "text": marker.name},
        "subject": {"reference": patient_ref},
        "effectiveDateTime": result.taken_on.isoformat(),
        **_value(m),
    }
    if m.flag in _CODES:
        code, display = _CODES[m.flag]
        resource["interpretation"] = [{"coding": [{"system": INTERPRETATION, "code": code,
                                                   "display": display}]}]
    ranges = _reference_range(m)
    if ranges:
        resource["referenceRange"] = ranges
    if result.assay:
        resource["method"] = {"text": result.assay}
    if result.lab:
        resource["performer"] = [{"display": result.lab}]
    notes = [n for n in (result.note, f"ANA pattern: {result.pattern}" if result.pattern
                         else None) if n]
    if result.source is Source.COMPUTED:
        notes.append("Computed by Lupus Tracker, not a lab result")
    if notes:
        resource["note"] = [{"text": n} for n in notes]
    return resource


def bundle(repo: Repository) -> dict:
    profile = repo.profile.get()
    patient_ref = _uuid("patient", repo.db.path.name)
    patient: dict = {"resourceType": "Patient"}
    if profile.name:
        patient["name"] = [{"text": profile.name}]
    if profile.birth_date:
        patient["birthDate"] = profile.birth_date.isoformat()
    if profile.sex:
        patient["gender"] = profile.sex.value
    entries = [_entry(patient_ref, patient)]
    for result in repo.results.all():
        entries.append(_entry(_uuid("result", patient_ref, result.id),
                              observation(result, profile.sex, patient_ref)))
    for s in repo.diary.symptoms():
        symptom = get_symptom(s.symptom)
        resource = {
            "resourceType": "Observation",
            "status": "final",
            "category": [{"coding": [{"system": CATEGORY, "code": "survey",
                                      "display": "Survey"}]}],
            "code": {"coding": [{"system": SYMPTOM_SYSTEM, "code": s.symptom,
                                 "display": symptom.name}],
                     "text": f"{symptom.name} severity (0-10, patient-reported)"},
            "subject": {"reference": patient_ref},
            "effectiveDateTime": s.day.isoformat(),
            "valueInteger": s.severity,
        }
        notes = [n for n in (f"Location: {s.location}" if s.location else None, s.note) if n]
        if notes:
            resource["note"] = [{"text": n} for n in notes]
        entries.append(_entry(_uuid("symptom", patient_ref, s.day, s.symptom), resource))
    return {"resourceType": "Bundle", "type": "collection", "entry": entries}


def export_fhir(repo: Repository, out: Path) -> int:
    document = bundle(repo)

    def write(handle) -> None:
        json.dump(document, handle, ensure_ascii=False, indent=1)

    write_private(out, write)
    return len(document["entry"])
