"""Export everything the database holds to one UTF-8 CSV file with a byte-order mark
(see csv_format)."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

from lupus_tracker.domain.catalog import Category, get_marker
from lupus_tracker.domain.ranges import parse_range
from lupus_tracker.domain.records import NumberFormat
from lupus_tracker.domain.values import format_number
from lupus_tracker.domain.wording import flag_text
from lupus_tracker.exchange.csv_format import (
    COLUMNS,
    DATABASE_ITEM,
    NUMBER_FORMAT_ITEM,
    csv_writer,
    neutralise,
)
from lupus_tracker.exchange.files import write_private
from lupus_tracker.exchange.snapshot import read_snapshot
from lupus_tracker.store.repository import Repository


def _num(value: float | None) -> str:
    return "" if value is None else format_number(value)


def _limits(ref_text: str | None, words: tuple[str, ...]) -> tuple[str, str]:
    ref = parse_range(ref_text, words)
    if ref is None or ref.word is not None:
        return "", ""
    return _num(ref.low), _num(ref.high)


def rows(repo: Repository) -> Iterator[dict[str, str]]:
    """Every record as a CSV row (unneutralised)."""
    # Numbers are written with a decimal point and no grouping (stored text is canonical).
    yield {"kind": "file", "item": NUMBER_FORMAT_ITEM, "value": NumberFormat.POINT.value}
    identity = repo.identity()
    if identity:
        yield {"kind": "file", "item": DATABASE_ITEM, "value": identity}
    profile = repo.profile.get()
    for item, value in (
        ("name", profile.name),
        ("birth_date", profile.birth_date.isoformat() if profile.birth_date else ""),
        ("sex", profile.sex or ""),
    ):
        if value:
            yield {"kind": "profile", "item": item, "value": value}
    for key, value in repo.settings.all():
        yield {"kind": "setting", "item": key, "value": value}
    for r in repo.results.all():
        marker = get_marker(r.marker)
        unit = marker.units.find(r.unit)
        low, high = _limits(r.ref_range, marker.words)
        yield {
            "date": r.taken_on.isoformat(),
            "kind": "vital" if marker.category is Category.VITAL else "lab",
            "item": r.marker,
            "value": r.value_text,
            "unit": unit.label if unit else r.unit,
            "ref_low": low,
            "ref_high": high,
            "lab": r.lab or "",
            "note": r.note or "",
            "ref_range": r.ref_range or "",
            "assay": r.assay or "",
            "pattern": r.pattern or "",
            "source": r.source.value,
            "record_id": str(r.id),
            "time": r.taken_at or "",
            "source_id": r.source_id or "",
            # for the Excel sheets (the CSV's columns do not include it)
            "flag": flag_text(r.measurement) if r.measurement is not None else "",
        }
    for s in repo.diary.symptoms():
        yield {
            "date": s.day.isoformat(),
            "kind": "symptom",
            "item": s.symptom,
            "value": str(s.severity),
            "unit": "0-10",
            "note": s.note or "",
            "location": s.location or "",
            "body_site": s.body_site or "",
        }
    for day, note in repo.diary.notes():
        yield {"date": day.isoformat(), "kind": "diary", "note": note}
    for m in repo.treatments.all():
        yield {
            "date": m.started_on.isoformat(),
            "kind": "medication",
            "item": m.name,
            "entry": "course",
            "end_date": m.stopped_on.isoformat() if m.stopped_on else "",
            "note": m.note or "",
            "record_id": str(m.id),
        }
        for d in m.doses:
            yield {
                "date": d.from_date.isoformat(),
                "kind": "medication",
                "item": m.name,
                "entry": "dose",
                "value": _num(d.dose),
                "unit": d.unit or "",
                "frequency": d.frequency or "",
                "note": d.note or "",
                "record_id": str(m.id),
            }
    for e in repo.events.all():
        yield {
            "date": e.occurred_on.isoformat(),
            "kind": "event",
            "item": e.kind.value,
            "title": e.title or "",
            "note": e.note or "",
            "end_date": e.ended_on.isoformat() if e.ended_on else "",
            "record_id": str(e.id),
        }
    for p in repo.photos.all():
        yield {
            "date": p.day.isoformat(),
            "kind": "photo",
            "item": p.symptom or "",
            "title": p.caption or "",
            "unit": p.mime_type,
            "record_id": str(p.id),
            "data": base64.b64encode(p.data).decode("ascii"),
        }
    for a in repo.sledai.all():
        yield {
            "date": a.visit_on.isoformat(),
            "kind": "sledai",
            "value": str(a.score),
            "data": json.dumps(sorted(a.items)),
            "note": a.note or "",
            "pga": _num(a.pga),
            # for the Excel sheet (the CSV carries the list as JSON in "data")
            "items": ", ".join(sorted(a.items)),
        }
    for start, end, note in repo.report_notes.all():
        yield {
            "date": start.isoformat(),
            "kind": "report_note",
            "end_date": end.isoformat(),
            "note": note,
        }


def export_csv(repo: Repository, out: Path) -> int:
    """Write the CSV (owner-only); returns the number of data rows."""
    count = 0

    def write(handle) -> None:
        nonlocal count
        writer = csv_writer(handle)
        writer.writerow(COLUMNS)
        with read_snapshot(repo):  # one consistent state of the whole file
            for row in rows(repo):
                writer.writerow([neutralise(row.get(column, "")) for column in COLUMNS])
                count += 1

    # UTF-8 with a byte-order mark: Excel and LibreOffice then read ×10⁹/L as written.
    write_private(out, write, newline="", encoding="utf-8-sig")
    return count
