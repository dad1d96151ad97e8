"""Each section of the visit report as HTML (one function per section, in reading order)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from lupus_tracker.analysis.latest import Shown
from lupus_tracker.domain.egfr import result_name
from lupus_tracker.domain.records import EventKind
from lupus_tracker.domain.symptoms import symptom_name
from lupus_tracker.report.content import ReportContent, chart_start
from lupus_tracker.report.figures import SPARK_MM
from lupus_tracker.report.html_parts import (
    CONVERTED_MARK,
    NBSP,
    day_text,
    e,
    image,
    keep,
    table,
)
from lupus_tracker.report.results import KeyResult
from lupus_tracker.report.treatment import CurrentMedication


def questions_html(content: ReportContent) -> str:
    lines = [line.strip() for line in content.notes.splitlines() if line.strip()]
    body = (
        "".join(f'<p class="question">{e(line)}</p>' for line in lines)
        if lines
        else '<p class="small">None written for this visit.</p>'
    )
    return "<h2>My questions and notes for this visit</h2>" + body


def _since_text(med: CurrentMedication) -> str:
    """When the current dose started, and the course start when it is earlier."""
    if med.course_since is None:
        return day_text(med.since)
    return f"{day_text(med.since)} (course started {day_text(med.course_since)})"


def treatment_html(content: ReportContent) -> str:
    treatment = content.treatment
    # A past period: what was current on its last day (later stops are not shown).
    at_end = f" on {day_text(content.until)}" if content.until < content.printed else ""
    parts = [f"<h2>Current treatment{at_end}</h2>"]
    if treatment is None or not (treatment.current or treatment.stopped):
        parts.append("<p>No medications recorded for this period.</p>")
    if treatment is not None and treatment.current:
        rows: list[tuple[str, ...]] = [
            (m.name, keep(m.dose), m.per_day, _since_text(m), m.note) for m in treatment.current
        ]
        parts.append(
            table(
                ("Medication", "Dose", "Total per day", "Dose since", "Note"),
                rows,
                widths=(None, None, None, None, 34),
            )
        )
    if treatment is not None and treatment.changes:
        rows = [(day_text(c.day), c.name, c.what, c.reason or "—") for c in treatment.changes]
        parts.append("<h3>Changes in the period</h3>")
        parts.append(
            table(("Date", "Medication", "Change", "Reason"), rows, widths=(None, None, None, 38))
        )
    if treatment is not None and treatment.stopped:
        rows = [
            (day_text(s.stopped_on), s.name, keep(s.last_dose), s.reason) for s in treatment.stopped
        ]
        parts.append("<h3>Stopped in the period</h3>")
        parts.append(
            table(
                ("Stopped", "Medication", "Last dose", "Reason"),
                rows,
                widths=(None, None, None, 44),
            )
        )
    if content.treat_to_target:
        text = content.treat_to_target
        if text.startswith("Treat-to-target"):  # the hook may name itself
            text = text.partition(": ")[2] or text
        parts.append(
            f'<p class="t2t"><b>Treat-to-target (to discuss with the doctor):</b> {e(text)}</p>'
        )
    return "".join(parts)


def _change(row: KeyResult) -> str:
    """Arrow, word and amount on one line; "not comparable (why)" may wrap between words."""
    value = row.value
    if value.previous is None:
        if row.others_before:
            return "first result of this assay"
        return f"no earlier comparable result ({value.reason})" if value.reason else "—"
    return (keep(value.change_cell) if value.comparable else value.change_cell) or "—"


# A remark longer than this would wrap into many lines of the narrow name column: the row
# keeps its first clause and a note number, the full text goes under the table.
REMARK_IN_ROW_CHARS = 60


def _long_remark(row: KeyResult) -> bool:
    return len(row.value.remark) > REMARK_IN_ROW_CHARS


def _name_cell(row: KeyResult, note: int = 0) -> str:
    """The result's name; a per-assay row names its assay and lab under it; a remark (the
    eGFR stage and computed value, CKD-EPI being for adults) goes under it too, shortened
    to its first clause and the number ``note`` of its note under the table when long."""
    name = e(result_name(row.value.marker, row.value.latest.result.assay, short=True))
    if row.series:
        name += f'<br><span class="series">{e(row.series)}</span>'
    remark = row.value.remark
    if remark and note:
        remark = f"{remark.split('; ', 1)[0]} (note {note})"
    if remark:
        name += f'<br><span class="series">{e(remark)}</span>'
    return name


def _remark_notes(rows: Sequence[KeyResult]) -> str:
    """The full text of each shortened remark, numbered as in its row."""
    long = [row for row in rows if _long_remark(row)]
    return "".join(
        f'<p class="small">Note {number}, {e(row.value.marker.label)}: {e(row.value.remark)}.</p>'
        for number, row in enumerate(long, start=1)
    )


def _result_row(row: KeyResult, with_trend: bool, content: ReportContent, note: int = 0) -> tuple:
    latest, previous = row.value.latest, row.value.previous
    prev = f"{keep(previous.value_text)} ({day_text(previous.day)})" if previous else "—"
    mark = f" {CONVERTED_MARK}" if converted(latest) else ""
    cells = [
        _name_cell(row, note),
        e(keep(f"{latest.value_text} {latest.unit.label}{mark}")),
        e(day_text(latest.day)),
        e(row.value.flag_text),
        e(keep(latest.ref_text or "—")),
        e(prev),
        e(_change(row)),
    ]
    if with_trend:
        spark = content.sparklines.get(row.name)
        cells.append(image(f"spark-{row.name}", *SPARK_MM) if spark else "")
    return tuple(cells)


def _results_table(rows: Sequence[KeyResult], with_trend: bool, content: ReportContent) -> str:
    headers = ["Result", "Latest", "Date", "Flag", "Range", "Previous", "Change"]
    if with_trend:
        headers.append("Trend")
    # The value with its unit, and the previous value with its date, never wrap (Qt would
    # break "mL/min/1.73m²" after a slash); the flag and the change wrap between words.
    classes = [
        (
            "",
            "nowrap",
            "",
            "flag" if r.value.latest.flag.is_out_of_range else "",
            "",
            "nowrap",
            "",
            "",
        )
        for r in rows
    ]
    notes: dict[int, int] = {}
    for index, row in enumerate(rows):
        if _long_remark(row):
            notes[index] = len(notes) + 1
    return (
        table(
            headers,
            [_result_row(r, with_trend, content, notes.get(i, 0)) for i, r in enumerate(rows)],
            raw_columns=range(len(headers)),
            classes=classes,
        )
        + _remark_notes(rows)
        + _as_printed(rows)
    )


def converted(shown: Shown) -> bool:
    """Whether the value is shown in another unit than the lab printed."""
    return shown.unit is not shown.measurement.unit


def _as_printed(rows: Sequence[KeyResult]) -> str:
    """The lab's own value and unit of every converted latest value, under the table."""
    printed = [
        f"{result_name(row.value.marker, row.value.latest.result.assay, short=True)} "
        + keep(
            f"{row.value.latest.measurement.value.text} {row.value.latest.measurement.unit.label}"
        )
        for row in rows
        if converted(row.value.latest)
    ]
    if not printed:
        return ""
    return (
        f'<p class="small">{CONVERTED_MARK} converted into the unit shown; as printed by '
        f"the lab: {e(', '.join(printed))}.</p>"
    )


def results_html(content: ReportContent) -> str:
    """Key results, the clinician's SLEDAI-2K and the activity signal, then the other
    results and those last measured before the period (dated, never flagged)."""
    results = content.results
    parts = ["<h2>Key results in the period</h2>"]
    if results is None or not (results.key or results.other):
        parts.append("<p>No results in this period.</p>")
    if results is not None and results.key:
        parts.append(_results_table(results.key, True, content))
    if results is not None and (results.key or results.other):
        per_assay = (
            " anti-dsDNA: one row per assay (numbers of different assays are not comparable)."
            if any(r.series for r in results.key)
            else ""
        )
        parts.append(
            '<p class="small">Change: since the previous comparable result (same '
            "assay, or same lab and range). Trend: this period, same assay."
            f"{per_assay}</p>"
        )
    if content.sledai:
        visits = "; ".join(
            f"{day_text(day)}{' (before the period)' if before else ''}: <b>{score}</b> "
            f"({e(items)})"
            for day, before, score, items in content.sledai
        )
        parts.append(
            f"<p><b>SLEDAI-2K recorded at visits</b> (items with their weights) "
            f"\u2014 {visits}.</p>"
        )
    if content.activity_note:
        parts.append(f'<p class="signal">{e(content.activity_note)}</p>')
    if results is not None and results.other:
        parts.append("<h3>Other results in the period</h3>")
        parts.append(
            _results_table([KeyResult(r, r.marker.key) for r in results.other], False, content)
        )
    if results is not None and results.earlier:
        items = " \u00b7 ".join(
            keep(
                f"{result_name(r.marker, r.latest.result.assay, short=True)} "
                f"{r.latest.measurement.value.text} "
                f"{r.latest.measurement.unit.label}"
            )
            + f" ({day_text(r.latest.day)})"
            for r in results.earlier
        )
        parts.append(
            f"<p><b>Last measured before this period</b> (not flagged: not current): {e(items)}</p>"
        )
    return "".join(parts)


def charts_html(content: ReportContent) -> str:
    start = chart_start(content.since, content.until)
    parts = [f"<h2>Trends from {start.strftime('%b %Y')} to {content.until.strftime('%b %Y')}</h2>"]

    if not content.charts:
        return parts[0] + "<p>No key results to chart in this time.</p>"
    for index, chart in enumerate(content.charts):
        parts.append(f"<p>{image(f'chart-{index}', chart.width_mm)}</p>")
    parts.append(
        '<p class="small">Grey band: each result\u2019s own lab range. Filled shapes: '
        "values, one shape per assay; open triangles: bounds such as &lt;0.5 (\u25bd below, "
        "\u25b3 above). "
        + ("Dashed line: start of the period. " if start < content.since else "")
        + "Under each column: prednisone-equivalent mg/day and events."
        + "".join(f" {e(chart.caption)}" for chart in content.charts if chart.caption)
        + f" {_span_note(start, content.since)}</p>"
    )
    return "".join(parts)


def _span_note(start: date, since: date) -> str:
    """Why the charts may start before the period (a heading's paragraph of its own would
    let the heading end a page)."""
    if start < since:
        return (
            f"Drawn from {day_text(start)}, a year for context (the period starts on "
            f"{day_text(since)})."
        )
    return ""


def symptoms_html(content: ReportContent) -> str:
    summary = content.symptoms
    parts = ["<h2>Symptoms</h2>"]
    if summary is None or not summary.days_with_entries:
        parts.append("<p>No diary entries in this period.</p>")
    else:
        logged = summary.days_with_entries
        missing = content.days_in_period - logged
        parts.append(
            f"<p>Diary entries on {logged} of {content.days_in_period} days "
            f"({missing} days without an entry). Fever days (symptom, or a "
            f"temperature above 38{NBSP}\u00b0C): {summary.fever_days}.</p>"
        )
        cells = [
            (
                s.symptom.name,
                f"{s.days_present} of {logged} logged days",
                s.average_text,
                str(s.worst),
            )
            for s in summary.stats
        ]
        half = (len(cells) + 1) // 2  # two symptoms a row: the table stays short
        pairs = [
            cells[i] + (cells[i + half] if i + half < len(cells) else ("", "", "", ""))
            for i in range(half)
        ]
        headers = ("Symptom", "Days present", "Average", "Worst")
        parts.append(table(headers * 2, pairs))
        parts.append(
            '<p class="small">Severity 0-10; average over all logged days (a day '
            "without the symptom counts as 0; &lt;0.1: present on few days).</p>"
        )
    if content.worst_days:
        worst = [
            (
                day_text(w.day),
                ", ".join(f"{symptom_name(x.symptom)} {x.severity}" for x in w.entries),
                w.note or "—",
            )
            for w in content.worst_days
        ]
        parts.append("<h3>Worst days</h3>")
        parts.append(
            table(("Date", "Symptoms (severity 0-10)", "Note"), worst, widths=(None, 45, 40))
        )
    if content.photos:
        pictures = "".join(
            f'<td align="center">{image(f"photo-{i}", img.width_mm)}</td>'
            for i, (_, img) in enumerate(content.photos)
        )
        dates = "".join(
            f'<td align="center">{day_text(p.day)}'
            f"{('<br>' + e(p.caption)) if p.caption else ''}</td>"
            for p, _ in content.photos
        )
        parts.append("<h3>Photos</h3>")
        parts.append(
            f'<table class="data" cellspacing="0" cellpadding="3"><tr>{pictures}</tr>'
            f"<tr>{dates}</tr></table>"
        )
    return "".join(parts)


def events_html(content: ReportContent) -> str:
    visits = [ev for ev in content.events if ev.kind is EventKind.VISIT]
    others = [ev for ev in content.events if ev.kind is not EventKind.VISIT]
    parts = ["<h2>Events in the period</h2>"]
    if not content.events:
        parts.append("<p>No events recorded in this period.</p>")
    rows = []
    for ev in others:
        when = day_text(ev.occurred_on)
        if ev.ended_on and ev.ended_on != ev.occurred_on:
            when += f" to {day_text(ev.ended_on)}"
        rows.append((when, ev.kind.label, ev.title or "—", ev.note or "—"))
    if visits:  # one row: the dates matter, the titles repeat
        count = f"{len(visits)} visit{'s' if len(visits) > 1 else ''}"
        rows.append((", ".join(day_text(v.occurred_on) for v in visits), "Visits", count, "—"))
    if rows:
        parts.append(table(("Date", "Kind", "What", "Note"), rows, widths=(None, None, None, 45)))
    return "".join(parts)
