"""Reading chart data from a real file: the loader's records feed the same builders."""

from __future__ import annotations

from lupus_tracker.charts import sources
from lupus_tracker.charts.marker import marker_figure
from lupus_tracker.charts.panels import PANELS, build_panel_figure
from lupus_tracker.store.inputs import chart_records


def test_demo_loads_into_series_and_draws(demo_repo):
    chart = sources.marker_chart(chart_records(demo_repo, ["anti_dsdna"]), "anti_dsdna")
    labels = sorted(s.label for s in chart.data.series)
    assert labels == ["IU/mL · CLIA", "IU/mL · ELISA"]
    assert sum(len(s.points) for s in chart.data.series) == len(
        demo_repo.results.all(["anti_dsdna"])
    )
    figure = marker_figure(chart)
    assert "Prednisone" in [t.get_text() for t in figure.axes[1].get_yticklabels()]


def test_panel_loaded_from_the_repository(demo_repo):
    title, keys = PANELS["serology"]
    figure = build_panel_figure(title, sources.panel(chart_records(demo_repo, keys), keys))
    assert [a.get_ylabel().split("\n")[0] for a in figure.axes] == ["anti-dsDNA", "C3", "C4"]
