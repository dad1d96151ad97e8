"""Thin, read-only table models sharing their columns and row count (``_ColumnsModel``):
over a list of records, with column accessors, sorting by the raw value (a date sorts as a
date) and the record behind each row; over NumPy arrays; over plain rows of text."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

RECORD_ROLE = Qt.ItemDataRole.UserRole + 1
SORT_ROLE = Qt.ItemDataRole.UserRole + 2
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
_Index = QModelIndex | QPersistentModelIndex


class _TitledColumn(Protocol):
    @property
    def title(self) -> str: ...

    @property
    def align_right(self) -> bool: ...


class _ColumnsModel(QAbstractTableModel):
    """What both read-only table models share: their columns (title, alignment) and the
    row count (``_row_total``, given by each model)."""

    columns: Sequence[_TitledColumn]

    def _row_total(self) -> int:
        raise NotImplementedError

    def _alignment(self, column: int) -> int | None:
        return RIGHT if self.columns[column].align_right else None

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._row_total()

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        return None


@dataclass(frozen=True)
class Column:
    title: str
    text: Callable[[Any], str]
    sort_key: Callable[[Any], Any] | None = None
    align_right: bool = False
    foreground: Callable[[Any], str | None] | None = None
    # what a screen reader says instead of ``text`` (words for an arrow); None: ``text``
    spoken: Callable[[Any], str] | None = None


# The roles RecordTableModel.data answers; a view asks for several more per cell.
_RECORD_ROLES = frozenset(
    int(role)
    for role in (
        Qt.ItemDataRole.DisplayRole,
        Qt.ItemDataRole.AccessibleTextRole,
        SORT_ROLE,
        RECORD_ROLE,
        Qt.ItemDataRole.TextAlignmentRole,
        Qt.ItemDataRole.ForegroundRole,
    )
)


class RecordTableModel(_ColumnsModel):
    """A read-only table over records that sorts itself: a sort computes each row's key
    once (``Column.sort_key``, else its text) and reorders the records in one Python sort,
    never calling ``data()`` per comparison as a sort proxy does; the selection follows its
    rows. Loading new records keeps the current sort in the same single pass."""

    def __init__(self, columns: Sequence[Column], parent=None):
        super().__init__(parent)
        self.columns: tuple[Column, ...] = tuple(columns)
        self.records: list[Any] = []
        self._given: list[Any] = []  # the records in the order they came in
        self._shown: list[int] = []  # the given row behind each view row
        self.sort_column: int | None = None  # None: that order
        self.sort_order = Qt.SortOrder.AscendingOrder

    def _row_total(self) -> int:
        return len(self.records)

    def set_records(self, records: Sequence[Any]) -> None:
        self.beginResetModel()
        self._given = list(records)
        self._shown = self._sorted_rows(self._given)
        self.records = [self._given[i] for i in self._shown]
        self.endResetModel()

    def _sorted_rows(self, records: Sequence[Any]) -> list[int]:
        """The rows of ``records`` in the current sort order (stable: equal keys keep
        their order; descending is the ascending order reversed, as the arrays sort)."""
        if self.sort_column is None:
            return list(range(len(records)))
        column = self.columns[self.sort_column]
        key = column.sort_key or column.text
        keys = [key(record) for record in records]
        try:
            rows = sorted(range(len(keys)), key=keys.__getitem__)
        except TypeError:  # keys of mixed types (a defect in a column): sort as text
            texts = [str(k) for k in keys]
            rows = sorted(range(len(texts)), key=texts.__getitem__)
        if self.sort_order == Qt.SortOrder.DescendingOrder:
            rows.reverse()
        return rows

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by ``column``; a column of -1 (Qt's "no sort") restores the given order."""
        if column >= len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        self.sort_column = column if column >= 0 else None
        self.sort_order = order
        rows = self._sorted_rows(self._given)
        view_row = {given: new for new, given in enumerate(rows)}
        before = self.persistentIndexList()  # the selection and the current row
        after = [self.index(view_row[self._shown[i.row()]], i.column()) for i in before]
        self._shown = rows
        self.records = [self._given[i] for i in rows]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role not in _RECORD_ROLES:  # most of what a view asks (size, font, ...): at once
            return None
        if not index.isValid() or not 0 <= index.row() < len(self.records):
            return None
        record = self.records[index.row()]
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return column.text(record)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return (column.spoken or column.text)(record)
        if role == SORT_ROLE:
            return column.sort_key(record) if column.sort_key else column.text(record)
        if role == RECORD_ROLE:
            return record
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(index.column())
        if role == Qt.ItemDataRole.ForegroundRole and column.foreground:
            from PySide6.QtGui import QColor

            colour = column.foreground(record)
            return QColor(colour) if colour else None
        return None


@dataclass(frozen=True)
class TextColumn:
    title: str
    align_right: bool = False


class RowsModel(_ColumnsModel):
    """A read-only table over plain tuples of text (an import's preview); each cell's text
    is also its tooltip, so a cut-off cell can be read in full."""

    def __init__(self, headers: Sequence[str], rows: Sequence[tuple[str, ...]], parent=None):
        super().__init__(parent)
        self.columns: tuple[TextColumn, ...] = tuple(TextColumn(title) for title in headers)
        self._rows = rows

    def _row_total(self) -> int:
        return len(self._rows)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        return self._rows[index.row()][index.column()]


@dataclass(frozen=True)
class ArrayColumn:
    """A column over a NumPy array: ``text`` turns one value into what is shown;
    ``sort_by`` names another array holding its sort keys (else the values themselves)."""

    title: str
    name: str
    text: Callable[[Any], str] = str
    sort_by: str | None = None
    align_right: bool = False


class ArrayTableModel(_ColumnsModel):
    """A read-only table over columns held as NumPy arrays, for tens of thousands of rows.

    Sorting permutes a row-order array with NumPy (``argsort`` on each column's keys,
    computed once per load), never by calling ``data()`` per comparison; loading new
    arrays keeps the current sort without a second pass through Qt.
    """

    def __init__(self, columns: Sequence[ArrayColumn], parent=None):
        super().__init__(parent)
        # Empty until the first load: NumPy is imported then, not while the window opens.
        self.columns: tuple[ArrayColumn, ...] = tuple(columns)
        self.arrays: dict[str, Any] = {c.name: () for c in self.columns}
        self.order: Any = ()
        self._keys: dict[int, Any] = {}
        self.sort_column = 0
        self.sort_order = Qt.SortOrder.AscendingOrder

    def set_arrays(self, arrays: dict[str, Any]) -> None:
        import numpy as np

        self.beginResetModel()
        self.arrays = arrays
        self._keys = {}
        count = len(next(iter(arrays.values()))) if arrays else 0
        self.order = np.arange(count, dtype=np.int64)
        self._apply_sort()
        self.endResetModel()

    def value(self, row: int, name: str) -> Any:
        """The raw value of column ``name`` in view row ``row``."""
        return self.arrays[name][self.order[row]]

    def _sort_keys(self, column: int) -> Any:
        if column not in self._keys:
            spec = self.columns[column]
            self._keys[column] = self.arrays[spec.sort_by or spec.name]
        return self._keys[column]

    def _apply_sort(self) -> None:
        if not len(self.order):
            return
        import numpy as np

        keys = self._sort_keys(self.sort_column)
        order = np.argsort(keys, kind="stable")
        if self.sort_order == Qt.SortOrder.DescendingOrder:
            order = order[::-1]
        self.order = order

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns):
            return
        self.layoutAboutToBeChanged.emit()
        self.sort_column, self.sort_order = column, order
        before = self.order
        self._apply_sort()
        kept = self.persistentIndexList()  # the selection follows its rows
        if kept and len(before):
            import numpy as np

            view_row = np.empty(len(self.order), dtype=np.int64)
            view_row[self.order] = np.arange(len(self.order))
            moved = [self.index(int(view_row[before[i.row()]]), i.column()) for i in kept]
            self.changePersistentIndexList(kept, moved)
        self.layoutChanged.emit()

    def _row_total(self) -> int:
        return len(self.order)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.order):
            return None
        column = self.columns[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return column.text(self.value(index.row(), column.name))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(index.column())
        return None
