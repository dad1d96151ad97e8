"""Light and dark themes with colours that pass WCAG 2.1 AA, in one place.

Photosensitivity makes a dark theme welcome; tired eyes and hydroxychloroquine retinopathy
make contrast matter. Every colour the widgets use for meaning (errors, LOW/HIGH flags,
greyed old results, the demo banner, placeholders) comes from the current theme, and a
test computes the contrast of each key pair in both themes (4.5:1 for text).
The theme follows the system (a dark system palette gives the dark theme) unless View ›
Theme chooses one; the choice is remembered.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

SETTING = "view/theme"


class ThemeChoice(enum.StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True)
class Theme:
    name: str
    window: str
    base: str
    alternate: str
    text: str
    placeholder: str
    error: str  # error messages and LOW/HIGH flags (always with a word, never colour alone)
    stale: str  # results older than six months
    banner_background: str
    banner_text: str
    highlight: str
    highlighted_text: str
    button: str
    link: str
    focus: str  # the focus ring (ui/focus_ring.py): 3:1 against everything it borders

    def text_pairs(self) -> dict[str, tuple[str, str]]:
        """The foreground/background pairs that carry text, for the contrast test."""
        return {
            "text on base": (self.text, self.base),
            "text on window": (self.text, self.window),
            "text on alternate rows": (self.text, self.alternate),
            "placeholder on base": (self.placeholder, self.base),
            "error on window": (self.error, self.window),
            "flag on base": (self.error, self.base),
            "flag on alternate rows": (self.error, self.alternate),
            "stale on base": (self.stale, self.base),
            "banner": (self.banner_text, self.banner_background),
            "selected text": (self.highlighted_text, self.highlight),
            "button text": (self.text, self.button),
            "link on base": (self.link, self.base),
        }

    def graphic_pairs(self) -> dict[str, tuple[str, str]]:
        """Pairs that carry no text but must be seen (3:1): the focus ring against every
        background it is drawn on or beside."""
        return {
            f"focus ring on {name}": (self.focus, colour)
            for name, colour in (
                ("window", self.window),
                ("base", self.base),
                ("alternate rows", self.alternate),
                ("button", self.button),
                ("banner", self.banner_background),
            )
        }


LIGHT = Theme(
    "light",
    window="#f3f3f3",
    base="#ffffff",
    alternate="#f0f0f0",
    text="#1a1a1a",
    placeholder="#595959",
    error="#a40000",
    stale="#595959",
    banner_background="#fff3cd",
    banner_text="#4a3000",
    highlight="#0b57d0",
    highlighted_text="#ffffff",
    button="#e8e8e8",
    link="#0b57d0",
    focus="#0b57d0",
)
DARK = Theme(
    "dark",
    window="#202124",
    base="#161616",
    alternate="#242424",
    text="#e8e8e8",
    placeholder="#a8a8a8",
    error="#ff8a80",
    stale="#a8a8a8",
    banner_background="#3b2f00",
    banner_text="#ffe8a3",
    highlight="#8ab4f8",
    highlighted_text="#0d0d0d",
    button="#303134",
    link="#8ab4f8",
    focus="#8ab4f8",
)

_current = LIGHT


def current() -> Theme:
    return _current


def _luminance(colour: str) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    q = QColor(colour)
    return 0.2126 * channel(q.red()) + 0.7152 * channel(q.green()) + 0.0722 * channel(q.blue())


def contrast(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio (1 to 21) of two colours."""
    a, b = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def system_is_dark(app: QApplication) -> bool:
    window = app.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < 128


def resolve(choice: ThemeChoice, app: QApplication) -> Theme:
    if choice is ThemeChoice.SYSTEM:
        return DARK if system_is_dark(app) else LIGHT
    return DARK if choice is ThemeChoice.DARK else LIGHT


def palette(theme: Theme) -> QPalette:
    roles = QPalette.ColorRole
    result = QPalette()
    for role, colour in (
        (roles.Window, theme.window),
        (roles.WindowText, theme.text),
        (roles.Base, theme.base),
        (roles.AlternateBase, theme.alternate),
        (roles.Text, theme.text),
        (roles.Button, theme.button),
        (roles.ButtonText, theme.text),
        (roles.ToolTipBase, theme.base),
        (roles.ToolTipText, theme.text),
        (roles.Highlight, theme.highlight),
        (roles.HighlightedText, theme.highlighted_text),
        (roles.Link, theme.link),
        (roles.PlaceholderText, theme.placeholder),
        (roles.BrightText, theme.error),
    ):
        result.setColor(role, QColor(colour))
    return result


def apply(app: QApplication, choice: ThemeChoice) -> Theme:
    """Use ``choice`` for the whole application; returns the theme now in use."""
    global _current
    _current = resolve(choice, app)
    app.setPalette(palette(_current))
    return _current
