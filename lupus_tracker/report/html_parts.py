"""Small HTML helpers for the report (QTextDocument's subset of HTML 4 and CSS 2): escaped
text, tables whose cells never break inside a word, dates that never wrap, image names."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from html import escape

NBSP = "\u00a0"
CONVERTED_MARK = "\u2020"  # a value shown in another unit than the lab printed
PX_PER_MM = 96 / 25.4  # QTextDocument sizes images in 96-dpi pixels, scaled to the device


def e(text: object) -> str:
    return escape("" if text is None else str(text))


def day_text(day: date) -> str:
    """A date that never wraps inside a table cell: 24 Jun 2026."""
    return day.strftime("%d %b %Y").replace(" ", NBSP)


def period_text(since: date, until: date) -> str:
    return f"{day_text(since)} to {day_text(until)}"


def keep(text: str) -> str:
    """Text that stays on one line (short values such as "48 IU/mL")."""
    return text.replace(" ", NBSP)


def px(mm: float) -> int:
    return round(mm * PX_PER_MM)


def table(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    *,
    css: str = "data",
    raw_columns: Sequence[int] = (),
    classes: Sequence[Sequence[str]] | None = None,
    widths: Sequence[int | None] | None = None,
) -> str:
    """A data table. Column widths are left to Qt (content-based) unless given in percent
    for a free-text column: fixed narrow widths are what break words inside a cell.

    ``raw_columns`` hold HTML (images) rather than text."""
    head = "".join(
        f'<th width="{widths[i]}%">{e(h)}</th>' if widths and widths[i] else f"<th>{e(h)}</th>"
        for i, h in enumerate(headers)
    )
    body = []
    for index, row in enumerate(rows):
        cells = []
        for col, cell in enumerate(row):
            text = cell if col in raw_columns else e(cell)
            cls = classes[index][col] if classes else ""
            cells.append(f'<td class="{cls}">{text}</td>' if cls else f"<td>{text}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    # Qt takes cell padding from this attribute (CSS padding on cells is not applied).
    return (
        f'<table class="{css}" cellspacing="0" cellpadding="2" width="100%">'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"
    )


def image(name: str, width_mm: float, height_mm: float | None = None) -> str:
    height = f' height="{px(height_mm)}"' if height_mm else ""
    return f'<img src="{e(name)}" width="{px(width_mm)}"{height}>'
