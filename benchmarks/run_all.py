"""Run every benchmark on a freshly generated 30-year database and print one line per
figure: ``NAME: app=SECONDS floor=SECONDS ratio=R`` (floor is the bare baseline measured
in the same run; ``floor=-`` where none applies).

    python benchmarks/run_all.py

Timings on shared machines are noisy: compare the ratios within one run. Each figure is
the best of a few repetitions.
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from benchmarks.generate_db import generate  # noqa: E402

REPEAT = 3


def best(work, repeat: int = REPEAT) -> float:
    times = []
    for _ in range(repeat):
        began = time.perf_counter()
        work()
        times.append(time.perf_counter() - began)
    return min(times)


def line(name: str, app: float, floor: float | None) -> None:
    if floor is None:
        print(f"{name}: app={app:.3f} floor=- ratio=-", flush=True)
    else:
        print(f"{name}: app={app:.3f} floor={floor:.3f} ratio={app / floor:.2f}", flush=True)


def _installed_env(pycache: Path) -> dict[str, str]:
    """The environment of an installed app: its modules' bytecode compiled once, as
    ``pip install`` does (this machine's PYTHONDONTWRITEBYTECODE would otherwise make the
    app compile ~100 modules from source at every start, while Qt's own modules are
    compiled: not a fair comparison). The bytecode goes to a temporary folder."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONPYCACHEPREFIX": str(pycache)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run(
        [sys.executable, "-m", "compileall", "-q", str(ROOT / "lupus_tracker")],
        env=env,
        check=True,
        capture_output=True,
    )
    return env


def _subprocess_seconds(code: str, env: dict[str, str] | None = None) -> float:
    """Wall time from launching a fresh interpreter until it prints 'shown'."""
    began = time.perf_counter()
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env=env or {**os.environ, "PYTHONPATH": str(ROOT)},
    )
    if "shown" not in out.stdout:
        raise RuntimeError(out.stderr)
    return time.perf_counter() - began


def startup(db: Path, settings: Path, folder: Path) -> None:
    """A fresh interpreter until the main window is on screen, opening the file as the app
    does (``open_for_window``: header and version checked, ``quick_check`` started beside
    the window, never skipped); the floor is an empty Qt window. Both run with compiled
    bytecode (:func:`_installed_env`), alternately, best of five each."""
    app = (
        "from PySide6.QtWidgets import QApplication\n"
        "from PySide6.QtCore import QSettings\n"
        "a = QApplication([])\n"
        "from lupus_tracker.ui.backup_actions import open_for_window\n"
        "from lupus_tracker.ui.main_window import MainWindow\n"
        f"w = MainWindow(open_for_window({str(db)!r}, None), "
        f"QSettings({str(settings)!r}, QSettings.Format.IniFormat))\n"
        "w.show(); a.processEvents(); print('shown', flush=True)\n"
    )
    floor = (
        "from PySide6.QtWidgets import QApplication, QWidget\n"
        "a = QApplication([])\n"
        "w = QWidget(); w.show(); a.processEvents(); print('shown', flush=True)\n"
    )
    # The window paints first and reads its dashboard just after (ui/first_paint.py):
    # the time until the dashboard shows its figures, on its own line, keeps that honest.
    content = (
        app.replace("w.show(); a.processEvents(); print('shown', flush=True)\n", "w.show()\n")
        + "from PySide6.QtCore import QTimer\n"
        "def poll():\n"
        "    if w.dashboard.currentIndex() == 1:\n"  # the overview, filled
        "        print('shown', flush=True); a.quit()\n"
        "    else:\n"
        "        QTimer.singleShot(5, poll)\n"
        "QTimer.singleShot(0, poll); a.exec()\n"
    )
    env = _installed_env(folder / "pycache")
    apps, floors, contents = [], [], []
    for _ in range(5):
        apps.append(_subprocess_seconds(app, env))
        floors.append(_subprocess_seconds(floor, env))
        contents.append(_subprocess_seconds(content, env))
    line("startup_to_first_window", min(apps), min(floors))
    line("startup_to_dashboard_content", min(contents), None)


def dashboard_statements(db: Path) -> list[str]:
    """The SQL one dashboard read executes, as SQLite ran it (values bound), in order:
    traced on the reader's connection, so the floor follows the dashboard's own queries."""
    from lupus_tracker.ui.dashboard import gather
    from lupus_tracker.ui.tasks import open_reader

    statements: list[str] = []
    with open_reader(db) as own:
        own.db.conn.set_trace_callback(statements.append)
        gather(own, date.today())
        own.db.conn.set_trace_callback(None)
    return statements


def dashboard(repo, db: Path) -> None:
    """A dashboard refresh as the app does it: read on a connection of its own (the
    background task's, opened without quick_check), then fill the page on the GUI thread.
    The GUI thread's share is on its own line.

    The floor is the dashboard's own queries: every SQL statement one read executes (what
    the dashboard needs for what it shows), run bare on a new ``sqlite3`` connection with
    ``fetchall`` and no Python processing. The earlier floor, two queries that did not read
    what the dashboard shows, is kept on the ``open_dashboard_vs_two_queries`` line."""
    from lupus_tracker.ui.dashboard import DashboardPage, gather
    from lupus_tracker.ui.tasks import open_reader

    page = DashboardPage(repo)
    today = date.today()
    statements = dashboard_statements(db)

    def app() -> None:
        with open_reader(db) as own:
            content = gather(own, today)
        page.show_content(content)

    def own_queries() -> None:
        conn = sqlite3.connect(db)
        for statement in statements:
            conn.execute(statement).fetchall()
        conn.close()

    def two_queries() -> None:
        conn = sqlite3.connect(db)
        conn.execute("SELECT marker, max(taken_on) FROM results GROUP BY marker").fetchall()
        conn.execute(
            "SELECT symptom, avg(severity), max(severity) FROM symptoms "
            "WHERE day >= date('now', '-30 days') GROUP BY symptom"
        ).fetchall()
        conn.close()

    # A refresh takes a few hundredths of a second: the best of ten, alternately.
    apps, floors, olds = [], [], []
    for _ in range(10):
        apps.append(best(app, 1))
        floors.append(best(own_queries, 1))
        olds.append(best(two_queries, 1))
    line("open_dashboard", min(apps), min(floors))
    line("open_dashboard_vs_two_queries", min(apps), min(olds))
    print(f"# open_dashboard floor: {len(statements)} statements", flush=True)
    content = gather(repo, today)
    line("open_dashboard_gui_thread", best(lambda: page.show_content(content), 10), None)


def charts(repo) -> None:
    """Chart switch as the Charts page does it (read, prepare, build, render to pixels in
    the worker). The floor is fair: the same figure size, dpi and layout engine, the same
    points (line and markers), the same range band (a step band), the same event lines and
    the same medication bars, drawn with bare matplotlib calls on the same data; it leaves
    out only what the app adds for reading (labels, legend, bounds, rings, titles)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from lupus_tracker.ui.charts_view import Choice, render_choice

    size = (900, 560)

    def app(key: str, since=None, until=None, kind: str = "marker"):
        return lambda: render_choice(repo, Choice(kind, key, since, until, size_px=size))

    def bare() -> None:
        rows = repo.results.all(["c3"])
        events = repo.events.all()
        meds = repo.treatments.all()
        days = [r.taken_on for r in rows]
        values = [r.base_value for r in rows]
        figure = Figure(figsize=(9, 5.6), dpi=100, layout="constrained")
        ax, lanes = figure.subplots(2, 1, sharex=True)
        ax.plot(days, values)
        ax.scatter(days, values)
        ax.fill_between(days, [0.9] * len(days), [1.8] * len(days), step="mid", alpha=0.1)
        ax.vlines([e.occurred_on for e in events], 0, 1, transform=ax.get_xaxis_transform())
        for row, med in enumerate(meds):
            for dose in med.doses:
                ax_days = (med.stopped_on or days[-1]) - dose.from_date
                lanes.barh(row, ax_days.days, left=dose.from_date)
        FigureCanvasAgg(figure).draw()

    line("switch_chart_marker_all_years", best(app("c3")), best(bare))
    line("switch_chart_1_year", best(app("c3", date(2025, 7, 1), date(2026, 6, 30))), None)
    line("switch_chart_panel_all_years", best(app("serology", kind="panel")), None)
    line("symptom_heat_map_30_years", best(app("", kind="symptoms")), None)


def symptom_history(repo, db: Path) -> None:
    """GUI-thread time of a sort and of a filter over all 30 years (the rows are read in a
    background task; that read is reported on its own lines: one symptom, and all of them).
    The filter's floor is the same rows read by ``sqlite3`` alone."""
    from PySide6.QtCore import Qt

    from lupus_tracker.ui.symptom_history import SymptomHistoryPage, load_history

    page = SymptomHistoryPage(repo)
    since, until = date(1990, 1, 1), date(2026, 6, 30)
    page.since.set_value(since)
    page.until.set_value(until)
    arrays = load_history(repo, since, until, None)
    page.model.set_arrays(arrays)

    def sort_all() -> None:
        for column in range(len(page.model.columns)):
            for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
                page.table.sortByColumn(column, order)

    sorts = 2 * len(page.model.columns)

    def bare_sort() -> None:
        conn = sqlite3.connect(db)
        conn.execute(
            "SELECT day, symptom, severity, location, note FROM symptoms ORDER BY severity DESC"
        ).fetchall()
        conn.close()

    line("symptom_history_sort_all_years", best(sort_all) / sorts, best(bare_sort))
    fatigue = load_history(repo, since, until, "fatigue")

    def show_filtered() -> None:  # what the GUI thread does when a filter's rows arrive
        page.model.set_arrays(fatigue)
        page.model.set_arrays(arrays)

    def bare_filter() -> None:
        conn = sqlite3.connect(db)
        conn.execute(
            "SELECT day, symptom, severity, location, note FROM symptoms "
            "WHERE symptom = 'fatigue' ORDER BY day"
        ).fetchall()
        conn.close()

    line("symptom_history_filter_all_years", best(show_filtered) / 2, best(bare_filter))
    # The line above is the GUI thread's part only; the worker reads the filtered rows first.
    line(
        "symptom_history_filter_read_in_worker",
        best(lambda: load_history(repo, since, until, "fatigue")),
        best(bare_filter),
    )
    line(
        "symptom_history_read_in_worker",
        best(lambda: load_history(repo, since, until, None), 1),
        None,
    )


def lab_results(repo) -> None:
    """GUI-thread time of a sort of the Lab results table over all 30 years (every column,
    both ways; the table sorts itself, one key per row); the floor is the same rows sorted
    by ``ORDER BY`` in SQLite."""
    from PySide6.QtCore import Qt

    from lupus_tracker.ui.results_page import ResultsPage
    from lupus_tracker.ui.tasks import run_inline

    page = ResultsPage(repo)
    with run_inline():  # the page reads in a background task; here on this thread
        page.since.set_value(date(1990, 1, 1))
        page.until.set_value(date(2026, 6, 30))
        page.refresh()
    columns = page.model.columnCount()

    def sort_all() -> None:
        for column in range(columns):
            for order in (Qt.SortOrder.DescendingOrder, Qt.SortOrder.AscendingOrder):
                page.table.sortByColumn(column, order)

    def bare_sort() -> None:
        conn = sqlite3.connect(repo.db.path)
        conn.execute("SELECT * FROM results ORDER BY value_text DESC").fetchall()
        conn.close()

    line("lab_results_sort_all_years", best(sort_all) / (2 * columns), best(bare_sort))
    with run_inline():  # the read (a background task in the app) and the fill, together
        line("lab_results_load_all_years", best(page.refresh), None)
    rows = repo.results.all(since=date(1990, 1, 1), until=date(2026, 6, 30))
    line("lab_results_load_gui_thread", best(lambda: page.show_results(rows)), None)


def peak_memory(db: Path, settings: Path) -> None:
    """Peak resident memory of a fresh app after visiting every page (charts drawn) with
    every table showing all 30 years and sorted by each column, in MiB."""
    code = (
        "import time\n"
        "from PySide6.QtWidgets import QApplication, QTableView\n"
        "from PySide6.QtCore import QSettings, Qt, QTimer, QEventLoop\n"
        "a = QApplication([])\n"
        "from lupus_tracker.store.repository import Repository\n"
        "from lupus_tracker.ui.main_window import MainWindow\n"
        f"w = MainWindow(Repository.open({str(db)!r}), "
        f"QSettings({str(settings)!r}, QSettings.Format.IniFormat))\n"
        "w.show()\n"
        "def wait(ms):\n"
        "    loop = QEventLoop(); QTimer.singleShot(ms, loop.quit); loop.exec()\n"
        # Every date range opened to all 30 years, so every table holds all its rows.
        "from datetime import date\n"
        "for page in (w.results, w.symptom_history):\n"
        "    page.since.set_value(date(1990, 1, 1)); page.until.set_value(date(2026, 6, 30))\n"
        "for i in range(w.tabs.count()):\n"
        "    w.tabs.setCurrentIndex(i); wait(1500)\n"
        "    page = w.tabs.currentWidget()\n"
        "    while getattr(page, 'busy', False):\n"
        "        wait(200)\n"
        "    for view in page.findChildren(QTableView):\n"
        "        if view.isSortingEnabled():\n"
        "            for c in range(view.model().columnCount()):\n"
        "                view.sortByColumn(c, Qt.SortOrder.DescendingOrder)\n"
        "if w.charts is not None:\n"
        "    for key in ('panel:serology', 'symptoms:', 'marker:c3'):\n"
        "        w.charts.what.setCurrentIndex(w.charts.what.findData(key)); wait(4000)\n"
        # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across fork and exec, so a child
        # would report this benchmark process's own peak (the exports) as its own.
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0]\n"
        "print('peak', int(hwm.split()[1]), flush=True)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    peak = [ln for ln in out.stdout.splitlines() if ln.startswith("peak")]
    if not peak:
        raise RuntimeError(out.stderr)
    print(f"peak_memory_all_pages: app={int(peak[0].split()[1]) / 1024:.0f}MiB", flush=True)


def report(repo, folder: Path) -> None:
    import io

    from matplotlib.figure import Figure

    from lupus_tracker.report.content import default_period, gather
    from lupus_tracker.report.render_qt import write_pdf

    since, until = default_period(repo, date(2026, 6, 30))

    def app() -> None:
        write_pdf(gather(repo, since, until), folder / "report.pdf")

    frame = repo.results.frame(["anti_dsdna", "c3", "c4", "upcr", "albumin", "creatinine"])

    def bare() -> None:  # the same two panels with matplotlib alone, to PNG
        for keys in (("anti_dsdna", "c3", "c4"), ("upcr", "albumin", "creatinine")):
            figure = Figure(figsize=(7.2, 4.4))
            axes = figure.subplots(len(keys), 1, sharex=True)
            for ax, key in zip(axes, keys, strict=True):
                part = frame[frame["marker"] == key]
                ax.plot(part["date"], part["base_value"], marker="o")
            figure.savefig(io.BytesIO(), format="png", dpi=150)

    line("visit_report_pdf", best(app), best(bare))


def exports(repo, db: Path, folder: Path) -> None:
    from lupus_tracker.exchange.formats import export

    def bare_csv() -> None:
        conn = sqlite3.connect(db)
        with (folder / "bare.csv").open("w", newline="") as handle:
            writer = csv.writer(handle)
            for table in ("results", "symptoms"):
                writer.writerows(conn.execute(f"SELECT * FROM {table}"))
        conn.close()

    line("export_csv", best(lambda: export(repo, "csv", folder / "all.csv")), best(bare_csv))
    line("export_xlsx", best(lambda: export(repo, "xlsx", folder / "all.xlsx"), 1), None)
    line("export_fhir", best(lambda: export(repo, "fhir", folder / "all.json"), 1), None)


def import_100k(folder: Path) -> None:
    """100,000 symptom rows (ten symptoms a day for 10,000 days) in the app's CSV layout,
    imported into a new database file as the CLI and the app do: ``Repository.open`` (the
    schema made), ``read_plan`` (the file decoded and parsed, every row checked, the plan
    reconciled with the database) and ``apply_plan`` (reconciled again and written in one
    ``BEGIN IMMEDIATE`` transaction). Two lines share this one app time:

    - ``import_100k_rows_csv``: floor = :func:`bare`, the issue's "bare executemany": the
      three values of each row (day, symptom, severity), already parsed, into a new
      three-column table with no key, index, CHECK or default, one transaction.
    - ``import_100k_rows_csv_vs_schema``: floor = :func:`into_schema`, the same already
      parsed values into the app's own ``symptoms`` table in a new app database (made by
      ``Repository.open``, timed as in the app): its date CHECK, severity CHECK, UNIQUE
      (day, symptom) key, (symptom, day) index and timestamp defaults, WAL journal, one
      transaction. This is the fair floor for the app's own cost: the same table with the
      same constraints, so the ratio measures only what the app adds (reading, parsing and
      checking the file, planning, the duplicate and conflict lookups), none of which the
      floor does. Storing the rows in that table alone costs about four times the bare
      floor, so the bare ratio cannot reach 4 without dropping integrity constraints.
    """
    from lupus_tracker.exchange.formats import read_plan
    from lupus_tracker.exchange.plan import apply_plan
    from lupus_tracker.store.repository import Repository

    source = folder / "import.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            ["date", "kind", "item", "value", "unit", "ref_low", "ref_high", "lab", "note"]
        )
        day = date(1996, 1, 1).toordinal()
        keys = (
            "fatigue",
            "joint_pain",
            "rash",
            "headache",
            "nausea",
            "swelling",
            "hair_loss",
            "muscle_pain",
            "raynauds",
            "mouth_ulcers",
        )
        for i in range(100_000):
            writer.writerow(
                [
                    date.fromordinal(day + i // 10).isoformat(),
                    "symptom",
                    keys[i % 10],
                    i % 11,
                    "0-10",
                    "",
                    "",
                    "",
                    "",
                ]
            )
    target = folder / "imported.sqlite"

    def app() -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        with Repository.open(target) as repo:
            apply_plan(repo, read_plan(source, repo))

    rows = list(csv.reader(source.open(encoding="utf-8")))[1:]

    def bare() -> None:
        """Already parsed values into a three-column table without constraints."""
        path = folder / "bare.sqlite"
        path.unlink(missing_ok=True)
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE s (day TEXT, symptom TEXT, severity INTEGER)")
        with conn:
            conn.executemany(
                "INSERT INTO s VALUES (?, ?, ?)", [(r[0], r[2], int(r[3])) for r in rows]
            )
        conn.close()

    def into_schema() -> None:
        """The same already parsed values put straight into the app's own symptoms table
        of a new app database (its CHECKs, UNIQUE key, index and defaults), one executemany
        in one transaction: what storing them costs at the least, without reading, parsing
        or checking the file."""
        path = folder / "schema.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        with Repository.open(path):
            pass
        conn = sqlite3.connect(path)
        with conn:
            conn.executemany(
                "INSERT INTO symptoms (day, symptom, severity) VALUES (?, ?, ?)",
                [(r[0], r[2], int(r[3])) for r in rows],
            )
        conn.close()

    app_seconds = best(app, 2)
    line("import_100k_rows_csv", app_seconds, best(bare, 2))
    # The same app time against the schema floor: what the app adds to storing the rows.
    line("import_100k_rows_csv_vs_schema", app_seconds, best(into_schema, 2))


def import_50k_fhir(folder: Path) -> None:
    """A 50,000-Observation FHIR bundle imported into a new file in a fresh interpreter:
    its wall time and the interpreter's peak resident memory (issue 13: < 10 s, < 300 MiB)."""
    from datetime import timedelta

    codes = (
        ("2160-0", "mg/dL", 0.9),
        ("1751-7", "g/L", 38),
        ("718-7", "g/dL", 12.5),
        ("1988-5", "mg/L", 4),
        ("8480-6", "mm[Hg]", 120),
    )
    entries = [
        {
            "fullUrl": "urn:uuid:p",
            "resource": {
                "resourceType": "Patient",
                "id": "p",
                "birthDate": "1980-01-01",
                "gender": "female",
            },
        }
    ]
    for i in range(50_000):
        code, unit, base = codes[i % 5]
        day = (date(1990, 1, 1) + timedelta(days=i // 5)).isoformat()
        entries.append(
            {
                "fullUrl": f"urn:uuid:o{i}",
                "resource": {
                    "resourceType": "Observation",
                    "id": f"o{i}",
                    "status": "final",
                    "code": {"coding": [{"system": "http://loinc.org", "code": code}]},
                    "subject": {"reference": "urn:uuid:p"},
                    "effectiveDateTime": f"{day}T08:{i % 60:02d}:00Z",
                    "valueQuantity": {
                        "value": round(base * (0.8 + (i % 7) / 10), 2),
                        "unit": unit,
                        "system": "http://unitsofmeasure.org",
                        "code": unit,
                    },
                },
            }
        )
    source = folder / "observations-50k.json"
    source.write_text(
        json.dumps({"resourceType": "Bundle", "type": "collection", "entry": entries}),
        encoding="utf-8",
    )
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from lupus_tracker.exchange.formats import read_plan\n"
        "from lupus_tracker.exchange.plan import apply_plan\n"
        "from lupus_tracker.store.repository import Repository\n"
        "began = time.perf_counter()\n"
        f"with Repository.open(Path({str(folder / 'fhir-50k.sqlite')!r})) as repo:\n"
        f"    apply_plan(repo, read_plan(Path({str(source)!r}), repo))\n"
        # VmHWM, not ru_maxrss: Linux keeps ru_maxrss across fork and exec, so the child
        # would report this benchmark process's own peak (the exports before) as its own.
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0]\n"
        "print(time.perf_counter() - began, int(hwm.split()[1]) / 1024)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    if out.returncode != 0:
        raise RuntimeError(out.stderr)
    seconds, mebibytes = (float(x) for x in out.stdout.split())
    line("import_50k_observations_fhir", seconds, None)
    print(f"import_50k_observations_fhir_peak_rss_mib: {mebibytes:.0f}", flush=True)


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from lupus_tracker.store.repository import Repository

    QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        db = folder / "thirty-years.sqlite"
        began = time.perf_counter()
        counts = generate(db)
        print(
            f"# generated {counts['symptoms']} symptom rows and {counts['results']} lab "
            f"results in {time.perf_counter() - began:.1f} s",
            flush=True,
        )
        startup(db, folder / "settings.ini", folder)
        with Repository.open(db) as repo:
            dashboard(repo, db)
            charts(repo)
            symptom_history(repo, db)
            lab_results(repo)
            report(repo, folder)
            exports(repo, db, folder)
        import_100k(folder)
        import_50k_fhir(folder)
        peak_memory(db, folder / "settings.ini")


if __name__ == "__main__":
    main()
