"""The visit report as HTML for QTextDocument, in the order a rheumatologist reads it.

Page 1: who and when, the patient's questions, current treatment (with the treat-to-target
line when it is provided), key results then the others. Then the picture: trend charts with
the dose strip and events, symptoms with the worst days and photos, events. Flags are words,
never colour alone; values are printed as entered, with their comparators.
"""

from __future__ import annotations

from datetime import date

from lupus_tracker.report.content import Image, ReportContent
from lupus_tracker.report.html_parts import CONVERTED_MARK, day_text, e, period_text
from lupus_tracker.report.html_sections import (
    charts_html,
    events_html,
    questions_html,
    results_html,
    symptoms_html,
    treatment_html,
)
from lupus_tracker.report.sections import ReportSection

STYLE = """
body { font-family: 'DejaVu Sans', 'Helvetica', 'Arial', sans-serif; font-size: 8.5pt;
       color: #111; }
h1 { font-size: 14pt; margin: 0 0 2pt 0; }
h2 { font-size: 10.5pt; margin: 7pt 0 2pt 0; color: #0b3d63;
     border-bottom: 1px solid #0b3d63; }
h3 { font-size: 9pt; margin: 4pt 0 1pt 0; color: #0b3d63; }
p { margin: 1pt 0; }
p.meta { margin: 0; }
p.small { font-size: 7.5pt; color: #333; margin: 1pt 0; }
p.t2t { margin: 3pt 0; }
p.signal { background-color: #f2f2f2; margin: 3pt 0; }
p.question { margin: 1pt 0 1pt 0; font-size: 9.5pt; }
table.data { border-collapse: collapse; font-size: 8pt; }
table.data th { background-color: #e8e8e8; text-align: left; font-weight: bold;
                border-bottom: 1px solid #7a7a7a; }
table.data td { border-bottom: 1px solid #d5d5d5; vertical-align: top; }
table.head { font-size: 9pt; }
td.flag { font-weight: bold; }
td.nowrap { white-space: nowrap; }
span.series { font-size: 7pt; color: #333; }
td.num { text-align: right; }
"""

SECTION_BUILDERS = (
    (ReportSection.QUESTIONS, questions_html),
    (ReportSection.TREATMENT, treatment_html),
    (ReportSection.RESULTS, results_html),
    (ReportSection.CHARTS, charts_html),
    (ReportSection.SYMPTOMS, symptoms_html),
    (ReportSection.EVENTS, events_html),
)


def age_on(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def running_header(content: ReportContent) -> str:
    """The one line repeated at the top of every page: name, birth date, period."""
    p = content.profile
    born = f"born {p.birth_date.strftime('%d %b %Y')}" if p.birth_date else "birth date not set"
    period = period_text(content.since, content.until).replace("\u00a0", " ")
    return f"{p.name or 'Patient'} \u00b7 {born} \u00b7 period {period}"


def _head(content: ReportContent) -> str:
    p = content.profile
    if p.birth_date:
        born = f"{day_text(p.birth_date)} (age {age_on(p.birth_date, content.printed)})"
    else:
        born = "not set"
    sex = str(p.sex).capitalize() if p.sex else "not set"
    return (
        "<h1>Lupus (SLE) visit summary</h1>"
        f'<p class="meta"><b>{e(p.name or "Patient")}</b> &nbsp;&nbsp; Born {e(born)} '
        f"&nbsp;&nbsp; Sex: {e(sex)}</p>"
        f'<p class="meta">Period: <b>{e(period_text(content.since, content.until))}</b> '
        f"({content.days_in_period} days) &nbsp;&nbsp; Printed "
        f"{e(day_text(content.printed))}</p>"
        '<p class="small">Recorded by the patient in Lupus Tracker: information to discuss '
        "with the doctor, not medical advice. Each result in one unit: a value converted "
        f"from the lab's unit is marked {CONVERTED_MARK} and the lab's own value is printed "
        "under its table; flags (in words) use each lab's own range.</p>"
    )


def to_html(content: ReportContent) -> str:
    """The whole report; images are referenced by the names of :func:`image_resources`."""
    parts = [f"<html><head><style>{STYLE}</style></head><body>", _head(content)]
    parts += [build(content) for section, build in SECTION_BUILDERS if content.has(section)]
    parts.append("</body></html>")
    return "".join(parts)


def image_resources(content: ReportContent) -> dict[str, Image]:
    """Every picture the HTML names, by name."""
    names: dict[str, Image] = {f"spark-{k}": img for k, img in content.sparklines.items()}
    names.update({f"chart-{i}": img for i, img in enumerate(content.charts)})
    names.update({f"photo-{i}": img for i, (_, img) in enumerate(content.photos)})
    return names
