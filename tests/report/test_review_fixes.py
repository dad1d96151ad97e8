"""What a rheumatologist and a patient found reading the demo's visit report, read back from
the PDF: the current dose's own start date, visit dates in the Date column, no 0.0 average
for a symptom that was present, cumulative glucocorticoid grams, one-result sparklines."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from lupus_tracker.domain.records import Event, EventKind, LabEntry
from lupus_tracker.report.content import default_period, gather
from lupus_tracker.report.render_qt import write_pdf
from lupus_tracker.store.inputs import chart_records

UNTIL = date(2026, 6, 30)


def _pdf_text(repo, tmp_path, read_pdf, since=None, until=UNTIL) -> str:
    if since is None:
        since, until = default_period(repo, until)
    out = tmp_path / "visit.pdf"
    write_pdf(gather(repo, since, until, printed=until), out)
    return " ".join(" ".join(read_pdf(out).pages(layout=False)).split())


def test_current_dose_shows_when_that_dose_started_and_the_course_start(
    demo_repo, tmp_path, read_pdf
):
    text = _pdf_text(demo_repo, tmp_path, read_pdf)
    prednisone = next(m for m in demo_repo.treatments.all() if m.name == "Prednisone")
    dose = prednisone.dose_on(UNTIL)
    assert dose is not None and dose.from_date > prednisone.started_on  # the demo tapers
    course = prednisone.started_on.strftime("%d %b %Y")
    assert (
        f"Prednisone 5 mg once daily 5 mg/day {dose.from_date.strftime('%d %b %Y')} "
        f"(course started {course})"
    ) in text, text
    assert f"Prednisone 5 mg once daily 5 mg/day {course}" not in text
    # A medication whose dose never changed shows one date only.
    assert re.search(r"Hydroxychloroquine 200 mg \w+ daily \d+ mg/day 01 Jul 2024 [A-Z]", text)


def test_treat_to_target_line_gives_cumulative_prednisone_grams(demo_repo, tmp_path, read_pdf):
    text = _pdf_text(demo_repo, tmp_path, read_pdf)
    match = re.search(
        r"cumulative prednisone-equivalent (\d+\.\d\d) g in the last 12 "
        r"months, (\d+\.\d\d) g all time",
        text,
    )
    assert match, text
    year, total = map(float, match.groups())
    assert 0 < year < total


def test_visit_dates_are_in_the_date_column(demo_repo, tmp_path, read_pdf):
    demo_repo.events.add(Event(None, date(2026, 6, 2), EventKind.VISIT, "Rheumatology", ""))
    text = _pdf_text(demo_repo, tmp_path, read_pdf, since=date(2026, 4, 1))
    events = text.partition("Events in the period")[2]
    assert re.search(r"Date Kind What Note \S.*02 Jun 2026 Visits \d visits? ", events), events


def test_a_symptom_present_is_never_averaged_to_zero(demo_repo, tmp_path, read_pdf):
    text = _pdf_text(demo_repo, tmp_path, read_pdf, since=date(2026, 4, 1))
    rows = re.findall(r"([A-Z][a-z]+(?: [a-z]+)?) (\d+) of (\d+) logged days (\S+) (\d+)", text)
    assert any(name == "Rash" and int(present) > 0 for name, present, *_ in rows), rows
    for name, present, _logged, average, _worst in rows:
        if int(present) > 0:
            assert average not in ("0.0", "0"), (name, present, average)
    assert "average over all logged days" in text


def test_a_single_result_in_the_period_gets_a_dot_sparkline(demo_repo):
    from lupus_tracker.report.figures import sparkline_images

    since = date(2026, 6, 1)  # one result of each key marker in June
    content = gather(demo_repo, since, UNTIL, printed=UNTIL)
    rows = [r for r in content.results.key if r.marker_key == "anti_dsdna"]
    assert rows
    records = chart_records(demo_repo, since=since, until=UNTIL)
    assert "anti_dsdna" in sparkline_images(records, rows, since, UNTIL)


@pytest.mark.parametrize("months", [12, 18])
def test_sledai_and_activity_signal_say_what_is_before_the_period(
    demo_repo, tmp_path, read_pdf, months
):
    since = {12: date(2025, 7, 1), 18: date(2025, 1, 1)}[months]
    text = _pdf_text(demo_repo, tmp_path, read_pdf, since=since)
    start = text.index("SLEDAI-2K recorded")
    part = text[start : text.index("not advice", start)]
    part = re.sub(r"Demo Patient \(Maria Example\) · born 14 Mar 1992 · period", "", part)
    assert "Possible activity signals" in part
    assert not re.search(r"\d{4}-\d{2}-\d{2}", part), part  # one date format: 24 Jun 2026
    days = re.findall(r"(\d\d [A-Z][a-z]{2} \d{4})( \(before the period\))?", part)
    assert days
    for day, label in days:
        before = datetime.strptime(day, "%d %b %Y").date() < since
        assert before == bool(label), (day, label, part)
    assert any(label for _, label in days), part  # the demo has earlier items


def _mixed_anti_dsdna(repo) -> None:
    for entry in (
        LabEntry(date(2026, 3, 2), "anti_dsdna", "45", "IU/mL", "<27", "LabA", "ELISA"),
        LabEntry(date(2026, 4, 2), "anti_dsdna", "120", "IU/mL", "<7", "LabB", "Farr"),
        LabEntry(date(2026, 5, 2), "anti_dsdna", "<30", "IU/mL", "<27", "LabA", "ELISA"),
        LabEntry(date(2026, 6, 27), "anti_dsdna", "1:40", "titer", "<1:10", "LabC", "Crithidia"),
    ):
        repo.results.add(entry)


def test_iu_per_ml_is_never_drawn_on_a_titer_axis(repo):
    from lupus_tracker.charts.sources import marker_data
    from lupus_tracker.report.figures import trend_figure

    _mixed_anti_dsdna(repo)
    records = chart_records(repo, since=date(2025, 7, 1), until=UNTIL)
    data = marker_data(records, "anti_dsdna", date(2026, 1, 1), UNTIL)
    assert not data.titer  # a mixed marker gets no titer axis
    assert [s.unit_label for s in data.series].count("titer") == 1
    figure = trend_figure(records, date(2025, 7, 1), date(2026, 4, 1), UNTIL)
    panel = next(ax for ax in figure.axes if ax.get_title(loc="left").startswith("anti-dsDNA"))
    title = panel.get_title(loc="left")
    # Short (it ran into the next panel's title); what is left out is named under it.
    assert title == "anti-dsDNA (IU/mL); titers apart", title
    assert "titer results (Crithidia · LabC) not drawn" in figure.get_label()
    assert panel.get_yscale() == "linear"
