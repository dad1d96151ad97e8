"""Filling the dashboard sizes each table's rows once for the columns' final widths
(issue 10 Speed: sizing them again after the reset and after every column took three
quarters of the page's fill), and the rows are as high as their wrapped text."""

from __future__ import annotations

from datetime import date

from lupus_tracker.ui.dashboard import DashboardPage, gather


def test_rows_are_sized_once_per_fill_and_fit_the_final_widths(qtbot, demo_file):
    from lupus_tracker.store.repository import Repository

    with Repository.open(demo_file) as repo:
        page = DashboardPage(repo)
        qtbot.addWidget(page)
        content = gather(repo, date.today())
        page.show_content(content)
        sized: list[str] = []
        for name in ("table", "meds", "symptoms"):
            table = getattr(page, name)
            real = table.resizeRowsToContents
            table.resizeRowsToContents = lambda real=real, name=name: (sized.append(name), real())
        page.show_content(content)
        # Once, and once more at most when the rows' new height brings a scroll bar and the
        # stretched last column settles (before: once per column and once per reset).
        assert {name: sized.count(name) for name in set(sized)}.keys() == {
            "table",
            "meds",
            "symptoms",
        }
        assert all(sized.count(name) <= 2 for name in sized), sized
        for name in ("table", "meds", "symptoms"):
            table = getattr(page, name)
            heights = [table.rowHeight(r) for r in range(table.model().rowCount())]
            assert heights or name == "symptoms", name  # the demo's diary ends before today
            type(table).resizeRowsToContents(table)
            assert [table.rowHeight(r) for r in range(table.model().rowCount())] == heights
            if name == "table":
                assert max(heights) > min(heights)  # rows of wrapped text are taller
