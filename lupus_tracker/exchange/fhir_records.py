"""Everything besides lab results in FHIR R4, written and read back: symptoms and diary
notes (Observation, category survey), SLEDAI-2K assessments (Observation with one component
per confirmed descriptor), medications (one MedicationStatement per dose period), events
(Encounter for visits and hospital stays, Procedure for infusions, Condition for flares,
Observation for anything else), photos (Media) and report notes (Observation).

What FHIR has no element for travels in ``urn:lupus-tracker:`` codes, tags and extensions,
so that a Lupus Tracker file re-imported into an empty file restores every table.
"""

from __future__ import annotations

import base64
import binascii
from datetime import date, timedelta

from lupus_tracker.domain.entry import check_event_text
from lupus_tracker.domain.records import (
    Dose,
    Event,
    EventKind,
    InvalidEntryError,
    Medication,
    SymptomEntry,
)
from lupus_tracker.domain.symptoms import CUSTOM_PREFIX, SymptomError, check_severity, get_symptom
from lupus_tracker.domain.treat_to_target import check_pga
from lupus_tracker.store.photos_repo import Photo
from lupus_tracker.store.sledai_repo import SledaiAssessment

SYMPTOM_SYSTEM = "urn:lupus-tracker:symptom"
CUSTOM_SYMPTOM_SYSTEM = "urn:lupus-tracker:custom-symptom"  # the code is the patient's name
RECORD_SYSTEM = "urn:lupus-tracker:record"  # diary-note, sledai-2k, report-note, event
SLEDAI_ITEM_SYSTEM = "urn:lupus-tracker:sledai-item"
# The physician global assessment (0-3) travels as a component of the SLEDAI-2K
# Observation coded in the app's own record system: no LOINC code for the SELENA PGA
# (0-3 scale) was found in LOINC search results, so none is claimed.
PGA_CODE = "pga"
EVENT_KIND_TAG = "urn:lupus-tracker:event-kind"
COURSE_URL = "urn:lupus-tracker:medication-course"
NOTE_URL = "urn:lupus-tracker:note"
SYMPTOM_URL = "urn:lupus-tracker:symptom"
CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
_SURVEY = [{"coding": [{"system": CATEGORY, "code": "survey", "display": "Survey"}]}]


def _record_code(code: str, text: str) -> dict:
    return {"coding": [{"system": RECORD_SYSTEM, "code": code}], "text": text}


def _period(start: date, end: date | None) -> dict:
    period = {"start": start.isoformat()}
    if end is not None:
        period["end"] = end.isoformat()
    return period


def _pga(pga: float | None) -> list[dict]:
    """The PGA component (a component has no valueDecimal: a unitless Quantity)."""
    if pga is None:
        return []
    code = _record_code(PGA_CODE, "Physician global assessment (0-3)")
    return [{"code": code, "valueQuantity": {"value": pga}}]


def _read_pga(resource: dict) -> float | None:
    for component in resource.get("component") or []:
        if isinstance(component, dict) and _code(component, RECORD_SYSTEM) == PGA_CODE:
            value = (component.get("valueQuantity") or {}).get("value")
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise ValueError("the SLEDAI-2K PGA is not a number")
            return check_pga(float(value))
    return None


def _note(text: str | None) -> list[dict]:
    return [{"text": text}] if text else []


def _with(resource: dict, **optional) -> dict:
    resource.update({k: v for k, v in optional.items() if v})
    return resource


def symptom_record_key(day: str, symptom: str) -> str:
    """The key of a day's symptom in its identifier (``symptom/2024-03-01/fatigue``)."""
    return f"{day}/{symptom}"


def symptom_resource(s: SymptomEntry, code: dict, subject: dict) -> dict:
    """One day's severity of one symptom as an Observation (``code``: its
    :func:`symptom_code`, shared by the symptom's Observations)."""
    resource = {
        "resourceType": "Observation",
        "status": "final",
        "category": _SURVEY,
        "code": code,
        "subject": subject,
        "effectiveDateTime": s.day.isoformat(),
        "valueInteger": s.severity,
    }
    if s.location or s.note:
        resource["note"] = [
            {"text": n} for n in (f"Location: {s.location}" if s.location else None, s.note) if n
        ]
    if s.body_site:
        resource["bodySite"] = {"text": s.body_site}
    return resource


def resources(repo, ids, patient_ref: str, finish=None) -> list:
    """Bundle entries for everything but lab results. With ``finish`` (the export's
    :class:`fhir_export.EntryText`), a symptom with neither kind, place nor note is its
    entry's JSON text, written from its symptom's template: 100,000 of them in a second."""
    from lupus_tracker.exchange.fhir_export import entry

    subject = {"reference": patient_ref}
    out: list = []

    def add(kind: str, key: object, resource: dict) -> None:
        resource["identifier"] = ids.identifier(kind, key)
        out.append(entry(ids.url(kind, key), resource))

    codes: dict[str, dict] = {}  # one code per symptom, shared by its Observations
    for s in repo.diary.symptoms():
        code = codes.get(s.symptom)
        if code is None:
            code = codes[s.symptom] = symptom_code(s.symptom)
        key = symptom_record_key(s.day.isoformat(), s.symptom)
        if finish is not None and not (s.location or s.note or s.body_site):
            out.append(finish.symptom(s, ids.url("symptom", key), code, subject))
        else:
            add("symptom", key, symptom_resource(s, code, subject))
    for day, note in repo.diary.notes():
        add(
            "diary",
            day,
            {
                "resourceType": "Observation",
                "status": "final",
                "category": _SURVEY,
                "code": _record_code("diary-note", "Diary note"),
                "subject": subject,
                "effectiveDateTime": day.isoformat(),
                "valueString": note,
            },
        )
    for a in repo.sledai.all():
        add(
            "sledai",
            a.visit_on,
            _with(
                {
                    "resourceType": "Observation",
                    "status": "final",
                    "category": _SURVEY,
                    "code": _record_code("sledai-2k", "SLEDAI-2K"),
                    "subject": subject,
                    "effectiveDateTime": a.visit_on.isoformat(),
                    "valueInteger": a.score,
                },
                component=[
                    {
                        "code": {"coding": [{"system": SLEDAI_ITEM_SYSTEM, "code": item}]},
                        "valueBoolean": True,
                    }
                    for item in sorted(a.items)
                ]
                + _pga(a.pga),
                note=_note(a.note),
            ),
        )
    for m in repo.treatments.all():
        out += [
            entry(ids.url("medication", f"{m.id}/{i}"), r)
            for i, r in enumerate(_statements(m, ids, subject))
        ]
    for e in repo.events.all():
        add("event", e.id, _event(e, subject))
    for p in repo.photos.all():
        add(
            "photo",
            p.id,
            _with(
                {
                    "resourceType": "Media",
                    "status": "completed",
                    "subject": subject,
                    "createdDateTime": p.day.isoformat(),
                    "content": _with(
                        {
                            "contentType": p.mime_type,
                            "data": base64.b64encode(p.data).decode("ascii"),
                        },
                        title=p.caption,
                    ),
                },
                extension=[{"url": SYMPTOM_URL, "valueCode": p.symptom}] if p.symptom else [],
            ),
        )
    for start, end, note in repo.report_notes.all():
        add(
            "report-note",
            f"{start}/{end}",
            {
                "resourceType": "Observation",
                "status": "final",
                "category": _SURVEY,
                "code": _record_code("report-note", "Note for the visit report"),
                "subject": subject,
                "effectivePeriod": _period(start, end),
                "valueString": note,
            },
        )
    return out


def _statements(m: Medication, ids, subject: dict) -> list[dict]:
    """One MedicationStatement per dose period (one without dosage if no dose is logged)."""
    course = {
        "url": COURSE_URL,
        "extension": [
            {"url": "started", "valueDate": m.started_on.isoformat()},
            *([{"url": "stopped", "valueDate": m.stopped_on.isoformat()}] if m.stopped_on else []),
            *([{"url": "note", "valueString": m.note}] if m.note else []),
        ],
    }
    doses: list[Dose | None] = [*m.doses] or [None]
    statements = []
    for index, dose in enumerate(doses):
        start = dose.from_date if dose else m.started_on
        following = doses[index + 1] if index + 1 < len(doses) else None
        end = following.from_date - timedelta(days=1) if following else m.stopped_on
        statement = {
            "resourceType": "MedicationStatement",
            "identifier": [
                *ids.identifier("medication", f"{m.id}/{index}"),
                {"system": ids.system + ":course", "value": f"medication/{m.id}"},
            ],
            "status": "completed" if end is not None else "active",
            "medicationCodeableConcept": {"text": m.name},
            "subject": subject,
            "effectivePeriod": _period(start, end),
            "extension": [course],
        }
        if dose is not None:
            dosage: dict = {
                "text": " ".join(
                    filter(
                        None,
                        ("" if dose.dose is None else f"{dose.dose:g}", dose.unit, dose.frequency),
                    )
                )
                or "dose not given"
            }
            if dose.frequency:
                dosage["timing"] = {"code": {"text": dose.frequency}}
            quantity: dict = {}
            if dose.dose is not None:
                quantity["value"] = int(dose.dose) if dose.dose.is_integer() else dose.dose
            if dose.unit:
                quantity["unit"] = dose.unit
            if quantity:
                dosage["doseAndRate"] = [{"doseQuantity": quantity}]
            statement["dosage"] = [dosage]
            if dose.note:
                statement["note"] = [{"text": dose.note}]
        statements.append(statement)
    return statements


def _event(e: Event, subject: dict) -> dict:
    tag = {"tag": [{"system": EVENT_KIND_TAG, "code": e.kind.value}]}
    note = [{"url": NOTE_URL, "valueString": e.note}] if e.note else []
    if e.kind in (EventKind.VISIT, EventKind.HOSPITAL_STAY):
        inpatient = e.kind is EventKind.HOSPITAL_STAY
        return _with(
            {
                "resourceType": "Encounter",
                "meta": tag,
                "status": "finished",
                "class": {"system": ACT_CODE, "code": "IMP" if inpatient else "AMB"},
                "subject": subject,
                "period": _period(e.occurred_on, e.ended_on),
            },
            type=[{"text": e.title}] if e.title else [],
            extension=note,
        )
    if e.kind is EventKind.INFUSION:
        return _with(
            {
                "resourceType": "Procedure",
                "meta": tag,
                "status": "completed",
                "code": {"text": e.title or "Infusion"},
                "subject": subject,
                "performedPeriod": _period(e.occurred_on, e.ended_on),
            },
            note=_note(e.note),
        )
    if e.kind is EventKind.FLARE:
        return _with(
            {
                "resourceType": "Condition",
                "meta": tag,
                "code": {"text": e.title or "Flare"},
                "subject": subject,
                "onsetDateTime": e.occurred_on.isoformat(),
            },
            abatementDateTime=e.ended_on.isoformat() if e.ended_on else None,
            note=_note(e.note),
        )
    return _with(
        {
            "resourceType": "Observation",
            "meta": tag,
            "status": "final",
            "code": _record_code("event", e.title or "Event"),
            "subject": subject,
            "effectivePeriod": _period(e.occurred_on, e.ended_on),
        },
        valueString=e.title or None,
        note=_note(e.note),
    )


# -- reading them back ---------------------------------------------------------------------
def _tags(resource: dict, system: str) -> list[str]:
    meta = resource["meta"] if isinstance(resource.get("meta"), dict) else {}
    return [
        t["code"]
        for t in meta.get("tag") or []
        if isinstance(t, dict) and t.get("system") == system and isinstance(t.get("code"), str)
    ]


def _code(resource: dict, system: str) -> str | None:
    concept = resource["code"] if isinstance(resource.get("code"), dict) else {}
    return next(
        (
            c.get("code")
            for c in concept.get("coding") or []
            if isinstance(c, dict) and c.get("system") == system
        ),
        None,
    )


def _day(text: object) -> date:
    if not isinstance(text, str) or len(text) < 10:
        raise ValueError(f"the date {text!r} is not precise to the day")
    return date.fromisoformat(text[:10])


def _opt_day(text: object) -> date | None:
    return None if text is None else _day(text)


def _notes(resource: dict) -> str | None:
    texts = [n.get("text") for n in resource.get("note") or [] if isinstance(n, dict)]
    return "; ".join(t for t in texts if t) or None


def _extension(resource: dict, url: str) -> dict | None:
    return next(
        (x for x in resource.get("extension") or [] if isinstance(x, dict) and x.get("url") == url),
        None,
    )


class RecordReader:
    """Reads the resources :func:`resources` writes into an import plan."""

    def __init__(self, plan):
        self.plan = plan
        self.courses: dict[str, dict] = {}

    def read(self, resource: dict) -> bool:
        """True when ``resource`` was one of ours (read, or raised ValueError)."""
        kind = resource.get("resourceType")
        record = _code(resource, RECORD_SYSTEM)
        event_kind = next(iter(_tags(resource, EVENT_KIND_TAG)), None)
        if event_kind is not None:
            self.plan.events.append(self._event(resource, EventKind(event_kind)))
        elif kind == "Observation" and record == "diary-note":
            self.plan.diary_notes.append(
                (_day(resource.get("effectiveDateTime")), str(resource["valueString"]))
            )
        elif kind == "Observation" and record == "sledai-2k":
            items = frozenset(
                _code(c, SLEDAI_ITEM_SYSTEM)
                for c in resource.get("component") or []
                if c.get("valueBoolean") is True
            )
            assessment = SledaiAssessment(
                _day(resource.get("effectiveDateTime")),
                frozenset(i for i in items if i),
                _notes(resource),
                _read_pga(resource),
            )
            if assessment.score != resource.get("valueInteger"):
                raise ValueError("the SLEDAI-2K score does not match its descriptors")
            self.plan.sledai.append(assessment)
        elif kind == "Observation" and record == "report-note":
            period = resource.get("effectivePeriod") or {}
            self.plan.report_notes.append(
                (_day(period.get("start")), _day(period.get("end")), str(resource["valueString"]))
            )
        elif kind == "MedicationStatement" and _extension(resource, COURSE_URL):
            self._statement(resource)
        elif kind == "Media":
            self._photo(resource)
        else:
            return False
        return True

    def _event(self, resource: dict, kind: EventKind) -> Event:
        period = (
            resource.get("period")
            or resource.get("performedPeriod")
            or resource.get("effectivePeriod")
            or {}
        )
        start = period.get("start") or resource.get("onsetDateTime")
        end = period.get("end") or resource.get("abatementDateTime")
        if resource.get("resourceType") == "Encounter":
            title = next((t.get("text") for t in resource.get("type") or []), "") or ""
            note = (_extension(resource, NOTE_URL) or {}).get("valueString")
        else:
            default = {"Procedure": "Infusion", "Condition": "Flare"}
            text = (resource.get("code") or {}).get("text") or ""
            title = resource.get("valueString") or (
                "" if text == default.get(resource["resourceType"], "Event") else text
            )
            note = _notes(resource)
        check_event_text(title, note)
        return Event(None, _day(start), kind, title, note, _opt_day(end))

    def _statement(self, resource: dict) -> None:
        course = next(
            (
                i.get("value")
                for i in resource.get("identifier") or []
                if str(i.get("system", "")).endswith(":course")
            ),
            None,
        )
        details = {
            x.get("url"): x for x in (_extension(resource, COURSE_URL) or {}).get("extension") or []
        }
        key = course or str(id(resource))
        entry = self.courses.setdefault(
            key,
            {
                "name": (resource.get("medicationCodeableConcept") or {}).get("text") or "",
                "started": _day(details.get("started", {}).get("valueDate")),
                "stopped": _opt_day(details.get("stopped", {}).get("valueDate")),
                "note": details.get("note", {}).get("valueString"),
                "doses": [],
            },
        )
        for dosage in resource.get("dosage") or []:
            quantity = (
                next(
                    (
                        d.get("doseQuantity")
                        for d in dosage.get("doseAndRate") or []
                        if isinstance(d, dict)
                    ),
                    None,
                )
                or {}
            )
            value = quantity.get("value")
            entry["doses"].append(
                Dose(
                    _day((resource.get("effectivePeriod") or {}).get("start")),
                    None if value is None else float(value),
                    quantity.get("unit"),
                    ((dosage.get("timing") or {}).get("code") or {}).get("text"),
                    _notes(resource),
                )
            )

    def _photo(self, resource: dict) -> None:
        content = resource.get("content") or {}
        try:
            data = base64.b64decode(content.get("data") or "", validate=True)
        except binascii.Error:
            raise ValueError("the photo data is not valid base64") from None
        symptom = (_extension(resource, SYMPTOM_URL) or {}).get("valueCode")
        self.plan.photos.append(
            Photo(
                None,
                _day(resource.get("createdDateTime")),
                data,
                str(content.get("contentType")),
                content.get("title"),
                symptom,
            )
        )

    def finish(self) -> None:
        for course in self.courses.values():
            doses = tuple(sorted(course["doses"], key=lambda d: d.from_date))
            self.plan.medications.append(
                Medication(
                    None,
                    course["name"],
                    course["started"],
                    course["stopped"],
                    course["note"],
                    doses,
                )
            )


def symptom_code(key: str) -> dict:
    """The Observation.code of a symptom's severity. Neither the built-in symptoms nor a
    patient's own ones ("itching") have a LOINC code for a 0-10 self-rating, so both are
    coded in the app's own code systems: built-ins by key in ``SYMPTOM_SYSTEM``, a custom
    symptom by the name the patient gave it in ``CUSTOM_SYMPTOM_SYSTEM``, with the name as
    the code's text (FHIR R4 CodeableConcept: a local system plus text is allowed, see
    https://hl7.org/fhir/R4/datatypes.html#CodeableConcept)."""
    symptom = get_symptom(key)
    if symptom.is_custom:
        return {
            "coding": [
                {"system": CUSTOM_SYMPTOM_SYSTEM, "code": symptom.name, "display": symptom.name}
            ],
            "text": f"{symptom.name} severity (0-10, patient-reported; a symptom the "
            "patient added)",
        }
    return {
        "coding": [{"system": SYMPTOM_SYSTEM, "code": key, "display": symptom.name}],
        "text": f"{symptom.name} severity (0-10, patient-reported)",
    }


def symptom_key(resource: dict) -> str | None:
    """The symptom key of an Observation coded by :func:`symptom_code`, else None."""
    for coding in (resource.get("code") or {}).get("coding") or []:
        if not isinstance(coding, dict) or not isinstance(coding.get("code"), str):
            continue
        if coding.get("system") == SYMPTOM_SYSTEM:
            return coding["code"]
        if coding.get("system") == CUSTOM_SYMPTOM_SYSTEM:
            return CUSTOM_PREFIX + coding["code"]
    return None


def symptom_entry(key: str, day: date, resource: dict) -> SymptomEntry:
    notes = [n.get("text", "") for n in resource.get("note") or [] if isinstance(n, dict)]
    location = next(
        (n.removeprefix("Location: ") for n in notes if n.startswith("Location: ")), None
    )
    note = "; ".join(n for n in notes if not n.startswith("Location: ")) or None
    try:
        severity = check_severity(resource.get("valueInteger"))
    except SymptomError as error:
        raise InvalidEntryError(str(error)) from None
    site = resource.get("bodySite")
    body_site = site.get("text") if isinstance(site, dict) else None
    return SymptomEntry(
        day, key, severity, location, note, body_site if isinstance(body_site, str) else None
    )
