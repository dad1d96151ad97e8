"""The dashboard's Note column (round 3 item 2): under 18 with no height logged, the
creatinine row says CKD-EPI is for adults and the bedside Schwartz equation needs a height;
an eGFR row says how it was computed.  The wording is domain.egfr.under_18_note, shared with
the report and the command line."""

from __future__ import annotations

from datetime import date, timedelta

from lupus_tracker.domain.records import LabEntry, Profile, Sex


def _notes(page) -> dict[str, str]:
    columns = [c.title for c in page.model.columns]
    marker, note = columns.index("Marker"), columns.index("Note")
    return {
        page.model.columns[marker].text(r): page.model.columns[note].text(r)
        for r in page.model.records
    }


def test_under_18_without_a_height_the_creatinine_row_says_so(make_window, repo, qtbot):
    today = date.today()
    repo.profile.set(Profile("Teen", today.replace(year=today.year - 15), Sex.FEMALE))
    repo.results.add(LabEntry(today - timedelta(days=3), "creatinine", "0.6", "mg/dL"))
    window = make_window(repo)
    page = window.dashboard
    page.refresh()
    qtbot.waitUntil(lambda: "Serum creatinine" in _notes(page), timeout=10000)
    assert _notes(page)["Serum creatinine"].startswith(
        "CKD-EPI is for adults; the bedside Schwartz equation needs a height"
    )
    repo.results.add(LabEntry(today - timedelta(days=2), "height", "160", "cm"))
    page.refresh()
    qtbot.waitUntil(lambda: "eGFR (CKD-EPI 2021)" in _notes(page) or len(_notes(page)) > 2)
    notes = _notes(page)
    assert "needs a height" not in notes["Serum creatinine"]
    (egfr,) = [text for name, text in notes.items() if name.startswith("eGFR")]
    assert egfr == "computed from creatinine 0.6 mg/dL (bedside Schwartz)"
