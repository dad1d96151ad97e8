"""No UCUM code and no internal key where a person reads (issue 11 item 17).

Walks the catalog, then every page and dialog of the window on the demo patient (tables
with their tooltips, labels, buttons, lists, combo boxes, the import preview, the status
bar) and every chart's texts, and fails on ``10*9/L``, ``mL/min/{1.73_m2}``, ``[IU]/mL``
and the like, or on a key such as ``urine_protein_dipstick``.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QAbstractListModel, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from lupus_tracker.domain.catalog import MARKERS, unit_display
from lupus_tracker.domain.symptoms import SYMPTOMS
from lupus_tracker.domain.units import readable_unit

_KEYS = sorted(
    {m.key for m in MARKERS if "_" in m.key} | {s.key for s in SYMPTOMS if "_" in s.key},
    key=len,
    reverse=True,
)
ARTEFACT = re.compile(
    r"10\*[0-9]|\{[^}\s]*\}|\[(?:IU|iU|HPF|LPF|lb_av|degF|GPL'U|MPL'U)\]|mm\[Hg\]|_m2\b"
    r"|\bumol\b|\bukat\b|\bCel\b|\(24\.h\)|\bcustom:"
    r"|\b(?:" + "|".join(map(re.escape, _KEYS)) + r")\b"
)


def artefacts(texts: list[str]) -> list[str]:
    return sorted({t for t in texts if t and ARTEFACT.search(t)})


def test_every_catalog_unit_has_a_readable_label_and_the_display_function_uses_it():
    for marker in MARKERS:
        for unit in marker.units.units:
            assert not ARTEFACT.search(unit.label), (marker.key, unit.label)
            assert unit_display(marker.key, unit.code) == unit.label
            assert not ARTEFACT.search(readable_unit(unit.code)), (marker.key, unit.code)


@pytest.mark.parametrize(
    ("code", "shown"),
    [
        ("10*9/L", "×10⁹/L"),
        ("mL/min/{1.73_m2}", "mL/min/1.73 m²"),
        ("[IU]/mL", "IU/mL"),
        ("umol/L", "µmol/L"),
        ("mm[Hg]", "mmHg"),
        ("10*3/uL", "×10³/µL"),
        ("mg/dL", "mg/dL"),
    ],
)
def test_an_unknown_marker_still_shows_a_readable_unit(code, shown):
    assert unit_display("not_in_the_catalog", code) == shown


def widget_texts(root: QWidget) -> list[str]:
    """Everything a person can read in ``root``: texts, tooltips, names, list and table
    cells (with their tooltips) and headers."""
    found: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        found += [
            widget.toolTip(),
            widget.accessibleName(),
            widget.accessibleDescription(),
            widget.windowTitle(),
        ]
        if isinstance(widget, (QLabel, QAbstractButton)):
            found.append(widget.text())
        elif isinstance(widget, QGroupBox):
            found.append(widget.title())
        elif isinstance(widget, QComboBox):
            found += [widget.itemText(i) for i in range(widget.count())]
        elif isinstance(widget, (QTextEdit, QPlainTextEdit)):
            found.append(widget.toPlainText())
        elif isinstance(widget, QTabWidget):
            found += [widget.tabText(i) for i in range(widget.count())]
        if isinstance(widget, QAbstractItemView) and widget.model() is not None:
            model = widget.model()
            columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount()
            for column in range(columns):
                found.append(str(model.headerData(column, Qt.Orientation.Horizontal) or ""))
            for row in range(min(model.rowCount(), 400)):
                for column in range(columns):
                    index = model.index(row, column)
                    for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                        value = model.data(index, role)
                        if isinstance(value, str):
                            found.append(value)
    return found


def test_no_page_shows_a_unit_code_or_an_internal_key(make_window, demo_repo, qtbot):
    window = make_window(demo_repo)
    window.show()
    texts: list[str] = []
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        page = window.tabs.widget(index)
        qtbot.waitUntil(lambda p=page: not getattr(p, "busy", False))
        texts += widget_texts(page)
    texts.append(window.statusBar().currentMessage())
    assert artefacts(texts) == []


def test_no_dialog_shows_a_unit_code_or_an_internal_key(make_window, demo_repo, qtbot):
    from lupus_tracker.ui.t2t_view import TreatToTargetView
    from tests.ui.test_shortcuts import dialogs

    window = make_window(demo_repo)
    texts: list[str] = []
    for dialog in [*dialogs(demo_repo, window), TreatToTargetView(demo_repo, window)]:
        qtbot.addWidget(dialog)
        texts += widget_texts(dialog)
    assert artefacts(texts) == []


def test_the_import_preview_shows_names_and_display_units(demo_repo, tmp_path, qtbot):
    from lupus_tracker.exchange.csv_export import export_csv
    from lupus_tracker.exchange.fhir_export import export_fhir
    from lupus_tracker.store.repository import Repository
    from lupus_tracker.ui.import_dialog import ImportDialog

    csv_file, fhir_file = tmp_path / "all.csv", tmp_path / "all.json"
    export_csv(demo_repo, csv_file)
    export_fhir(demo_repo, fhir_file)
    with Repository.open(tmp_path / "empty.sqlite") as empty:
        for path in (csv_file, fhir_file):
            dialog = ImportDialog(empty, path)
            qtbot.addWidget(dialog)
            qtbot.waitUntil(
                lambda d=dialog: (
                    getattr(d, "rows_view", None) is not None and d.rows_view.model().rowCount() > 0
                ),
                timeout=30000,
            )
            assert artefacts(widget_texts(dialog)) == [], path.name


def test_no_chart_shows_a_unit_code_or_an_internal_key(demo_repo):
    from matplotlib.text import Text

    from lupus_tracker.charts.panels import PANELS
    from lupus_tracker.charts.render import render
    from lupus_tracker.ui.charts_view import Choice, build_figure

    choices = [Choice("marker", m.key, None, None) for m in MARKERS]
    choices += [Choice("panel", key, None, None) for key in PANELS]
    choices += [Choice("symptoms", "", None, None), Choice("sledai", "", None, None)]
    texts: list[str] = []
    for choice in choices:
        rendered = render(build_figure(demo_repo, choice), 900, 560)
        texts += [t.get_text() for t in rendered.figure.findobj(Text)]
        texts += [str(detail) for detail in rendered.details]  # the hover texts
        texts.append(rendered.summary)
    assert artefacts(texts) == []


def test_the_visit_report_shows_names_and_display_units(demo_repo):
    import html as html_module

    from lupus_tracker.report.content import gather
    from lupus_tracker.report.html import to_html

    since = min(r.taken_on for r in demo_repo.results.all())
    until = max(r.taken_on for r in demo_repo.results.all())
    page = to_html(gather(demo_repo, since, until))
    text = html_module.unescape(
        re.sub(r"<[^>]+>", " ", re.sub(r"<(style|head)\b.*?</\1>", " ", page, flags=re.S))
    )
    assert artefacts(text.splitlines()) == []


def test_the_list_table_shows_names_and_display_units(demo_file, capsys):
    from lupus_tracker.cli import main

    assert main(["list", "--db", str(demo_file)]) == 0
    table = capsys.readouterr().out
    assert artefacts(table.splitlines()) == []
    assert main(["list", "--db", str(demo_file), "--format", "csv"]) == 0
    assert "systolic_bp" in capsys.readouterr().out  # the CSV keeps the keys scripts use
