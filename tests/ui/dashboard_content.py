"""What the dashboard shows, as plain text, for the golden test of its content
(``test_dashboard_same_content.py``): every cell of its three tables (text, spoken text,
colour), every label, and which view is shown, on a fixed "today".

Regenerate the golden file only for a deliberate change of what the dashboard shows:

    QT_QPA_PLATFORM=offscreen PYTHONPATH=. python tests/ui/dashboard_content.py
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt

GOLDEN = Path(__file__).with_name("data") / "dashboard_content.json"
# (name, years of benchmark data, the day the dashboard is opened): active and calm spells
# of the benchmark patient (its disease comes and goes over about seven years), a day
# long after its last results, and the demo patient.
CASES = (
    ("benchmark_active", 10, date(2021, 8, 1)),
    ("benchmark_calm", 10, date(2023, 11, 20)),
    ("benchmark_rising", 10, date(2019, 2, 10)),
    ("benchmark_last_results", 10, date(2026, 7, 15)),
    ("benchmark_long_after", 10, date(2027, 3, 1)),
    ("demo", 0, date(2026, 7, 15)),
    ("demo_flare", 0, date(2024, 12, 1)),  # the demo's flare (its data end on DEMO_END)
)
DEMO_END = date(2026, 7, 15)


def fixed_today(monkeypatch, today: date) -> None:
    """Every ``date.today()`` the dashboard's reading and showing makes returns ``today``."""
    from lupus_tracker.analysis import serology
    from lupus_tracker.ui import dashboard

    class Day(date):
        @classmethod
        def today(cls):
            return today

    for module in (dashboard, serology):
        monkeypatch.setattr(module, "date", Day)


def make_database(path: Path, years: int, today: date) -> None:
    from benchmarks.generate_db import generate
    from lupus_tracker.demo import write_demo
    from lupus_tracker.store.repository import Repository

    if years:
        generate(path, years)
    else:
        with Repository.open(path) as repo:
            write_demo(repo, end=DEMO_END)


def shown(page) -> dict[str, object]:
    """Everything the page shows, as text."""
    tables = {}
    for name, model in (
        ("latest", page.model),
        ("medications", page.meds_model),
        ("symptoms", page.symptoms_model),
    ):
        rows = []
        for row in range(model.rowCount()):
            cells = []
            for column in range(model.columnCount()):
                index = model.index(row, column)
                colour = model.data(index, Qt.ItemDataRole.ForegroundRole)
                cells.append(
                    [
                        model.data(index, Qt.ItemDataRole.DisplayRole),
                        model.data(index, Qt.ItemDataRole.AccessibleTextRole),
                        None if colour is None else colour.name(),
                    ]
                )
            rows.append(cells)
        tables[name] = rows
    return {
        "view": page.currentIndex(),
        "tables": tables,
        "signal": [page.signal.text(), not page.signal.isHidden()],
        "sledai": page.sledai.text(),
        "t2t": page.t2t.text(),
        "symptoms_note": page.symptoms_note.text(),
        "profile_question": [page.profile_bar.text.text(), not page.profile_bar.isHidden()],
    }


def content_of(path: Path, today: date, monkeypatch) -> dict[str, object]:
    """The dashboard of the file at ``path`` opened on ``today``."""
    from lupus_tracker.store.repository import Repository
    from lupus_tracker.ui.dashboard import DashboardPage, gather
    from lupus_tracker.ui.tasks import open_reader

    fixed_today(monkeypatch, today)
    with Repository.open(path) as repo:
        page = DashboardPage(repo)
        with open_reader(path) as own:
            page.show_content(gather(own, today))
        found = shown(page)
        page.deleteLater()
    return found


class _Patch:
    """monkeypatch's setattr outside pytest (for regenerating the golden file)."""

    def __init__(self):
        self.undo = []

    def setattr(self, owner, name, value):
        self.undo.append((owner, name, getattr(owner, name)))
        setattr(owner, name, value)

    def restore(self):
        for owner, name, value in reversed(self.undo):
            setattr(owner, name, value)
        self.undo.clear()


def main() -> None:
    import tempfile

    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication([])
    golden = {}
    with tempfile.TemporaryDirectory() as folder:
        for name, years, today in CASES:
            path = Path(folder) / f"{name}.sqlite"
            make_database(path, years, today)
            patch = _Patch()
            try:
                golden[name] = content_of(path, today, patch)
            finally:
                patch.restore()
    GOLDEN.write_text(json.dumps(golden, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {GOLDEN}", file=sys.stderr)


if __name__ == "__main__":
    main()
