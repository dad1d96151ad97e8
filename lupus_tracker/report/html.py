"""The visit report as HTML for QTextDocument (a subset of HTML 4 and CSS 2).

Flags are words (LOW, HIGH), never colour alone; values are printed as entered, with
their comparators. Table rows stay on one line so that no row splits across pages.
"""

from __future__ import annotations

from html import escape

from lupus_tracker.analysis.latest import LatestValue
from lupus_tracker.domain.values import format_number
from lupus_tracker.report.content import ReportContent, Section

STYLE = """
body { font-family: 'DejaVu Sans', 'Helvetica', 'Arial', sans-serif; font-size: 9pt;
       color: #111; }
h1 { font-size: 15pt; margin: 0 0 2pt 0; }
h2 { font-size: 11pt; margin: 10pt 0 3pt 0; color: #0b3d63;
     border-bottom: 1px solid #0b3d63; }
p.meta { margin: 0; color: #333; }
p.small { font-size: 8pt; color: #444; margin: 2pt 0; }
p.signal { background-color: #fff4d6; padding: 3pt; margin: 4pt 0; }
table.data { border-collapse: collapse; width: 100%; font-size: 8pt; }
table.data th { background-color: #e3ecf5; text-align: left; font-weight: bold;
                border-bottom: 1px solid #7a8ea3; }
table.data td { border-bottom: 1px solid #d5dde6; }
td.num { text-align: right; }
td.flag-low, td.flag-high, td.flag-abnormal { font-weight: bold; color: #8a1c00; }
"""



def _e(text: object) -> str:
    return escape("" if text is None else str(text))


def _table(headers: tuple[str, ...], rows: list[tuple[str, ...]],
           classes: list[tuple[str, ...]] | None = None,
           widths: tuple[int, ...] | None = None) -> str:
    """A data table; ``widths`` in percent keep Qt from squeezing a column into wraps."""
    head = "".join(f'<th width="{widths[i]}%">{_e(h)}</th>' if widths else f"<th>{_e(h)}</th>"
                   for i, h in enumerate(headers))
    body = []
    for index, row in enumerate(rows):
        cells = []
        for col, cell in enumerate(row):
            css = classes[index][col] if classes else ""
            cells.append(f'<td class="{css}">{_e(cell)}</td>' if css else f"<td>{_e(cell)}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    # Qt takes cell padding from this attribute (CSS padding on cells is not applied).
    return ('<table class="data" cellspacing="0" cellpadding="2" width="100%">'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>")


NBSP = "\u00a0"


def day_text(day) -> str:
    """A date that never wraps inside a table cell: 24 Jun 2026."""
    return day.strftime("%d %b %Y").replace(" ", NBSP)


def _latest(rows: list[LatestValue]) -> str:
    headers = ("Marker", "Latest", "Date", "Range", "Flag", "Previous", "Change")
    table, classes = [], []
    for row in rows:
        flag = row.latest.flag.value
        unit = row.latest.unit.label
        short = row.previous.day.strftime("%d %b %y").replace(" ", NBSP) if row.previous else ""
        previous = (f"{row.previous.value_text} ({short})"
                    if row.previous else "—")
        change = row.change_cell or "—"
        table.append((row.marker.label, f"{row.latest.value_text}{NBSP}{unit}",
                      day_text(row.latest.day), row.latest.ref_text or "—",
                      row.flag_text,
                      previous, change))
        classes.append(("", "", "", "", f"flag-{flag}" if flag else "", "", ""))
    return _table(headers, table, classes, widths=(14, 15, 14, 12, 9, 21, 15))


def _section(section: Section) -> str:
    note = f'<p class="small">{_e(section.note)}</p>' if section.note else ""
    table = _table(section.headers, list(section.rows), widths=section.widths)
    return f"<h2>{_e(section.title)}</h2>{table}{note}"


def _symptoms(content: ReportContent) -> str:
    summary = content.symptoms
    if not summary.stats:
        return "<h2>Symptoms</h2><p>No symptoms logged in this period.</p>"
    rows = [(s.symptom.name, f"{s.average:.1f}", str(s.worst), f"{s.days_present} of "
             f"{s.days_logged}") for s in summary.stats]
    facts = (f"{summary.days_with_entries} days logged; days with a rash: "
             f"{summary.rash_days}; fever days (symptom or temperature above 38 °C): "
             f"{summary.fever_days}.")
    return ("<h2>Symptoms (severity 0-10)</h2>"
            + _table(("Symptom", "Average", "Worst", "Days present"), rows,
                     widths=(40, 20, 20, 20))
            + f'<p class="small">{_e(facts)}</p>')


def _dose(dose) -> str:
    if dose is None:
        return "no dose recorded"
    amount = "" if dose.dose is None else format_number(dose.dose)
    return " ".join(p for p in (amount, dose.unit or "", dose.frequency or "") if p) or "—"


def _medications(content: ReportContent) -> str:
    if not content.medications:
        return "<h2>Medications</h2><p>None recorded for this period.</p>"
    rows = []
    for line in content.medications:
        med = line.medication
        changes = "; ".join(f"{day_text(d.from_date)}: {_dose(d)}" for d in line.changes)
        status = f"stopped {day_text(med.stopped_on)}" if line.stopped_in_period \
            else f"since {day_text(med.started_on)}"
        rows.append((med.name, _dose(line.current), status, changes or "—"))
    return "<h2>Medications</h2>" + _table(("Medication", "Current dose", "Status",
                                            "Dose changes in the period"), rows,
                                           widths=(26, 24, 18, 32))


def _events(content: ReportContent) -> str:
    if not content.events:
        return "<h2>Events</h2><p>No events recorded in this period.</p>"
    rows = [(day_text(e.occurred_on), e.kind.label, e.title or "",
             (e.note or "")[:90]) for e in content.events]
    return "<h2>Events</h2>" + _table(("Date", "Kind", "What", "Note"), rows,
                                      widths=(14, 14, 30, 42))


def to_html(content: ReportContent, image_names: list[str]) -> str:
    """The report as HTML; ``image_names`` are the resource names of ``content.charts``."""
    p = content.profile
    born = p.birth_date.strftime("%d %b %Y") if p.birth_date else "—"
    period = f"{content.since.strftime('%d %b %Y')} to {content.until.strftime('%d %b %Y')}"
    parts = [
        f"<html><head><style>{STYLE}</style></head><body>",
        "<h1>Lupus (SLE) visit summary</h1>",
        f'<p class="meta"><b>{_e(p.name or "Patient")}</b> &nbsp; born {_e(born)}'
        f"{' &nbsp; ' + _e(p.sex) if p.sex else ''}</p>",
        f'<p class="meta">Period: <b>{_e(period)}</b> &nbsp; '
        f'Printed {_e(content.printed.strftime("%d %b %Y"))}</p>',
        '<p class="small">Patient-recorded data from Lupus Tracker: information for discussion '
        "with your doctor, not medical advice. Values as printed by each lab; each flag is "
        "judged against that lab's own range where it was recorded.</p>",
        "<h2>Latest results</h2>",
        _latest(content.latest) if content.latest else "<p>No results recorded.</p>",
    ]
    if content.activity_note:
        parts.append(f'<p class="signal">{_e(content.activity_note)}</p>')
    parts += [_section(s) for s in content.sections]
    parts.append('<div style="page-break-before: always"></div>')
    parts += [_medications(content), _events(content), _symptoms(content)]
    if content.charts:
        parts.append("<h2>Trends over the last year</h2>")
        cells = "".join(f'<td valign="top"><img src="{_e(name)}" width="300"></td>'
                        for name in image_names)
        parts.append(f'<table cellspacing="0" cellpadding="2"><tr>{cells}</tr></table>')
    notes = content.notes.strip() or "(none written)"
    parts.append("<h2>My notes and questions for the doctor</h2>")
    parts.append("".join(f"<p>{_e(line)}</p>" for line in notes.splitlines()))
    parts.append("</body></html>")
    return "".join(parts)
