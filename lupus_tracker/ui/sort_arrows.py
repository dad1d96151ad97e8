"""Sort arrows that point the way the rows go: ▲ when the smallest (oldest) value is at the
top, ▼ when the largest (newest) is. Qt's header gives an ascending column the style's
"sort down" indicator, which the default (Fusion) style draws as ▼, so a list of results
newest first showed ▲; the header's style here swaps the two."""

from __future__ import annotations

from PySide6.QtWidgets import QHeaderView, QProxyStyle, QStyle, QStyleOptionHeader

_SWAPPED = {
    QStyleOptionHeader.SortIndicator.SortUp: QStyleOptionHeader.SortIndicator.SortDown,
    QStyleOptionHeader.SortIndicator.SortDown: QStyleOptionHeader.SortIndicator.SortUp,
}


class _ArrowsPointTheWay(QProxyStyle):
    def drawPrimitive(self, element, option, painter, widget=None) -> None:
        if (
            element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow
            and isinstance(option, QStyleOptionHeader)
            and option.sortIndicator in _SWAPPED
        ):
            option = QStyleOptionHeader(option)
            option.sortIndicator = _SWAPPED[option.sortIndicator]
        super().drawPrimitive(element, option, painter, widget)


def point_the_way(header: QHeaderView) -> None:
    """Give ``header`` arrows that match its rows' order (▲ ascending, ▼ descending)."""
    style = _ArrowsPointTheWay()
    style.setParent(header)  # kept alive as long as the header
    header.setStyle(style)
