"""The treat-to-target glucocorticoid chart draws its text at the app's font size, as the
other charts do (issue 18 item 3: chart text follows the app's font and scale)."""

from __future__ import annotations

from datetime import date

from matplotlib.text import Text

from lupus_tracker.domain.records import Dose, Medication
from lupus_tracker.ui.t2t_view import TreatToTargetView


def drawn_sizes(view: TreatToTargetView) -> dict[str, float]:
    assert view.canvas is not None
    ax = view.canvas.figure.axes[0]
    legend = ax.get_legend()
    texts: list[Text] = [*ax.texts, *legend.get_texts()]
    return {
        "title": ax.title.get_fontsize(),
        "axis label": ax.yaxis.label.get_fontsize(),
        "smallest": min(t.get_fontsize() for t in texts),
    }


def test_the_glucocorticoid_chart_text_follows_a_16_pt_app_font(qtbot, repo):
    repo.treatments.add(
        Medication(
            None,
            "Prednisone",
            date(2026, 1, 4),
            None,
            None,
            (Dose(date(2026, 1, 4), 10, "mg", "once daily"),),
        )
    )
    view = TreatToTargetView(repo, today=date(2026, 6, 1))
    qtbot.addWidget(view)
    font = view.font()
    font.setPointSizeF(9)
    view.setFont(font)
    small = drawn_sizes(view)
    assert small["smallest"] >= 8  # never below 8 pt, even at a small app font
    font.setPointSizeF(16)
    view.setFont(font)  # Preferences › font size: the chart is redrawn at once
    large = drawn_sizes(view)
    assert large == {"title": 18, "axis label": 16, "smallest": 15}
