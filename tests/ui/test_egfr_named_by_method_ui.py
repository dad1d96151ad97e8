"""The dashboard and the Lab results list name a computed eGFR by the equation used: a
15-year-old's reads "eGFR (bedside Schwartz)" (Schwartz et al., JASN 2009), never
"CKD-EPI 2021"; an adult's still reads "eGFR (CKD-EPI 2021)" (issue 12 item 8)."""

from __future__ import annotations

from datetime import date

import pytest

from lupus_tracker.analysis.latest import latest_values
from lupus_tracker.domain.records import LabEntry, Profile, Sex
from lupus_tracker.store.inputs import latest_records
from lupus_tracker.ui.dashboard import LATEST_COLUMNS
from lupus_tracker.ui.results_page import ResultsPage
from lupus_tracker.ui.tasks import run_inline


@pytest.mark.parametrize(
    ("birth", "name"),
    [(date(2011, 3, 1), "eGFR (bedside Schwartz)"), (date(1980, 3, 1), "eGFR (CKD-EPI 2021)")],
)
def test_dashboard_and_results_list_name_the_equation(qtbot, repo, birth, name):
    repo.profile.set(Profile(birth_date=birth, sex=Sex.FEMALE))
    repo.results.add(LabEntry(date(2026, 10, 1), "height", "160", unit="cm"))
    repo.results.add(LabEntry(date(2026, 10, 2), "creatinine", "0.6", unit="mg/dL"))
    (row,) = latest_values(latest_records(repo, ["egfr"]))
    assert LATEST_COLUMNS[0].text(row) == name
    young = "Schwartz" in name
    page = ResultsPage(repo)
    qtbot.addWidget(page)
    with run_inline():  # the page reads in the background; here at once
        page.since.set_value(date(2026, 1, 1))
        page.until.set_value(date(2026, 12, 31))
        page.refresh()
    column = [c.title for c in page.model.columns].index("Marker")
    names = {page.model.index(r, column).data() for r in range(page.model.rowCount())}
    assert names == {"Height", "Creatinine", "eGFR (bedside Schwartz)" if young else "eGFR"}
