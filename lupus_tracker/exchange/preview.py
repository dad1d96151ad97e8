"""What an import plan would add, as rows a person reads: marker names and display unit
labels, never internal keys or UCUM codes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lupus_tracker.domain.catalog import UnknownMarkerError, get_marker, unit_display
from lupus_tracker.domain.symptoms import symptom_name

if TYPE_CHECKING:
    from lupus_tracker.exchange.plan import ImportPlan


def marker_label(key: str) -> str:
    try:
        return get_marker(key).name
    except UnknownMarkerError:
        return key


def unit_label(key: str, unit: str | None) -> str:
    return unit_display(key, unit)


def symptom_label(key: str) -> str:
    return symptom_name(key)


def preview_rows(plan: ImportPlan) -> list[tuple[str, str, str, str, str, str]]:
    """What would be added, one line each: date, kind, item, value, unit, detail."""
    rows = [
        (
            r.taken_on.isoformat(),
            "result",
            marker_label(r.marker),
            r.value,
            unit_label(r.marker, r.unit),
            " ".join(filter(None, (r.ref_range, r.lab, r.assay))),
        )
        for r in plan.results
    ]
    rows += [
        (
            s.day.isoformat(),
            "symptom",
            symptom_label(s.symptom),
            str(s.severity),
            "0-10",
            ", ".join(filter(None, (s.location, s.body_site))),
        )
        for s in plan.symptoms
    ]
    rows += [(d.isoformat(), "diary", "note", "", "", n[:60]) for d, n in plan.diary_notes]
    rows += [
        (m.started_on.isoformat(), "medication", m.name, "", "", f"{len(m.doses)} dose entries")
        for m in plan.medications
    ]
    rows += [
        (e.occurred_on.isoformat(), "event", e.kind.label, e.title or "", "", e.note or "")
        for e in plan.events
    ]
    rows += [
        (p.day.isoformat(), "photo", p.symptom or "", p.caption or "", p.mime_type, "")
        for p in plan.photos
    ]
    rows += [(a.visit_on.isoformat(), "SLEDAI-2K", "", str(a.score), "", "") for a in plan.sledai]
    rows += [(s.isoformat(), "report note", "", "", "", n[:60]) for s, _e, n in plan.report_notes]
    rows += [("", "setting", k, v, "", "") for k, v in plan.settings]
    return rows
