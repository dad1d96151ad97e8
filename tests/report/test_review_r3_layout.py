"""Visit-report layout findings of the round-3 rheumatologist review: a long remark in the
narrow result column is shortened (its full text under the table)."""

from __future__ import annotations

from datetime import date

from lupus_tracker.domain.records import LabEntry, Profile, Sex
from lupus_tracker.report.content import gather
from lupus_tracker.report.render_qt import write_pdf
from lupus_tracker.report.sections import ReportSection

SINCE, UNTIL = date(2026, 9, 1), date(2026, 11, 29)


def test_the_under_18_creatinine_note_is_short_in_its_row(repo, tmp_path, read_pdf):
    repo.profile.set(Profile("Teen", date(2010, 6, 1), Sex.FEMALE))
    repo.results.add(LabEntry(date(2026, 11, 1), "creatinine", "2.0", "mg/dL", "0.5-1.1", "", ""))
    content = gather(
        repo, SINCE, UNTIL, printed=UNTIL, with_charts=False, sections=[ReportSection.RESULTS]
    )
    out = tmp_path / "teen.pdf"
    write_pdf(content, out)
    pdf = read_pdf(out)
    lines = [line for line in pdf.text().splitlines() if line.strip()]
    first = next(i for i, line in enumerate(lines) if line.startswith("Creatinine "))
    after = next(i for i, line in enumerate(lines) if line.startswith("Note 1, Creatinine"))
    assert after - first <= 3, lines[first:after]
    flat = pdf.flat()
    assert "CKD-EPI is for adults (note 1)" in flat, flat
    assert "Note 1, Creatinine: CKD-EPI is for adults; the bedside Schwartz equation needs" in flat
