"""Colours and text sizes of every chart, in a light and a dark variant.

Each colour that carries meaning (series, bounds, out-of-range rings, event lines and their
labels, medication bars, range-band edges) has at least 4.5:1 contrast against the plot
background (WCAG 2.1 AA for text; graphics need 3:1), so every one can also label text.
Fills (range bands, SLEDAI-2K bands) are decoration behind lines that carry the meaning.
Light series colours are the Okabe-Ito palette, darkened where needed; the dark variant uses
the original Okabe-Ito hues, which are bright enough on a dark background.

Text follows the app's font size: ``chart_style(theme, font_pt=...)``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from lupus_tracker.domain.records import EventKind

DEFAULT_FONT_PT = 9.0


class Theme(enum.StrEnum):
    LIGHT = "light"
    DARK = "dark"


@dataclass(frozen=True)
class ChartStyle:
    theme: Theme
    background: str
    text: str
    muted_text: str
    grid: str
    palette: tuple[str, ...]
    out_of_range: str
    events: dict[EventKind, str] = field(hash=False)
    activity_bands: tuple[str, str, str]  # SLEDAI-2K low, moderate, high (fills)
    font_pt: float = DEFAULT_FONT_PT
    marker_scale: float = 1.0  # point and line sizes (smaller on paper: print_style)

    @property
    def title_pt(self) -> float:
        return self.font_pt + 2

    @property
    def small_pt(self) -> float:
        return max(self.font_pt - 1, 8.0)

    def colour(self, index: int) -> str:
        return self.palette[index % len(self.palette)]

    def on_colour(self) -> str:
        """Text drawn on a palette colour (medication bars): the plot background."""
        return self.background

    def meaningful_colours(self) -> dict[str, str]:
        """Every colour that must stand out against the background (for the contrast test)."""
        named = {f"series {i + 1}": c for i, c in enumerate(self.palette)}
        named |= {f"event {k.value}": c for k, c in self.events.items()}
        return named | {
            "text": self.text,
            "muted text": self.muted_text,
            "out of range": self.out_of_range,
        }


_LIGHT_EVENTS = {
    EventKind.INFUSION: "#00775A",
    EventKind.FLARE: "#B34700",
    EventKind.HOSPITAL_STAY: "#A1487E",
}
_DARK_EVENTS = {
    EventKind.INFUSION: "#3DCFA0",
    EventKind.FLARE: "#FF9E66",
    EventKind.HOSPITAL_STAY: "#E08CC0",
}


def chart_style(theme: Theme = Theme.LIGHT, *, font_pt: float = DEFAULT_FONT_PT) -> ChartStyle:
    """The chart style for ``theme`` with text based on the app's font size (points)."""
    if theme is Theme.DARK:
        return ChartStyle(
            Theme.DARK,
            background="#1E1E1E",
            text="#EEEEEE",
            muted_text="#BBBBBB",
            grid="#4A4A4A",
            palette=("#56B4E9", "#E69F00", "#3DCFA0", "#E08CC0", "#F0E442", "#B0B0FF"),
            out_of_range="#FF6B6B",
            events={k: _DARK_EVENTS.get(k, "#BBBBBB") for k in EventKind},
            activity_bands=("#1F3A26", "#3D3417", "#4A2320"),
            font_pt=font_pt,
        )
    return ChartStyle(
        Theme.LIGHT,
        background="#FFFFFF",
        text="#1A1A1A",
        muted_text="#555555",
        grid="#D0D0D0",
        palette=("#0072B2", "#B34700", "#00775A", "#A1487E", "#8A6100", "#5A5A9E"),
        out_of_range="#C00000",
        events={k: _LIGHT_EVENTS.get(k, "#555555") for k in EventKind},
        activity_bands=("#E8F4EA", "#FDF3DA", "#F8E1DE"),
        font_pt=font_pt,
    )


PRINT_FONT_PT = 7.5
PRINT_MARKER_SCALE = 0.6


def print_style() -> ChartStyle:
    """The style of charts on paper (the visit report): black and greys that stay apart
    in greyscale (series are also told apart by marker shape), text of at least 7 pt,
    points and lines sized for panels a few centimetres high."""
    greys = ("#1F1F1F", "#5A5A5A", "#3D3D3D", "#767676")  # each >= 4.5:1 on white
    return ChartStyle(
        Theme.LIGHT,
        background="#FFFFFF",
        text="#1A1A1A",
        muted_text="#555555",
        grid="#E0E0E0",
        palette=greys,
        out_of_range="#000000",
        events={k: "#1F1F1F" for k in EventKind},
        activity_bands=("#F2F2F2", "#E0E0E0", "#CCCCCC"),
        font_pt=PRINT_FONT_PT,
        marker_scale=PRINT_MARKER_SCALE,
    )


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of ``#RRGGBB``."""
    code = colour.lstrip("#")
    channels = [int(code[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2.1 contrast ratio of two ``#RRGGBB`` colours (1 to 21)."""
    high, low = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def apply_to_figure(figure, style: ChartStyle) -> None:
    """Background and text colours of a figure and all its axes."""
    figure.set_facecolor(style.background)
    for ax in figure.axes:
        ax.set_facecolor(style.background)
        ax.tick_params(colors=style.text, labelsize=style.small_pt)
        for spine in ax.spines.values():
            spine.set_color(style.muted_text)
        ax.xaxis.label.set_color(style.text)
        ax.yaxis.label.set_color(style.text)
        ax.title.set_color(style.text)
    if figure._suptitle is not None:
        figure._suptitle.set_color(style.text)
