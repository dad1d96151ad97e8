"""No Qt subclass in ``lupus_tracker/ui`` replaces one of Qt's own methods by accident.

Qt calls methods such as ``event``, ``accept``, ``data`` or ``close`` itself; a Python method
of the same name on a subclass replaces it (``EventDialog.event()`` returning a record made
Qt crash on the first event). Only the deliberate overrides listed here are allowed: Qt's
documented virtual handlers, with Qt's own signature.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from PySide6.QtCore import QObject
from PySide6.QtGui import QUndoCommand

import lupus_tracker.ui

# Deliberate overrides of Qt's virtual methods (same signature as Qt's).
ALLOWED = {
    # event handlers
    "closeEvent",
    "keyPressEvent",
    "showEvent",
    "hideEvent",
    "resizeEvent",
    "changeEvent",
    "focusInEvent",
    "focusOutEvent",
    "eventFilter",
    "mousePressEvent",
    "paintEvent",
    "contextMenuEvent",
    "wheelEvent",
    "mouseDoubleClickEvent",
    "mouseMoveEvent",
    # item models
    "rowCount",
    "columnCount",
    "data",
    "headerData",
    "flags",
    "setData",
    "sort",
    "index",
    "parent",
    "roleNames",
    "filterAcceptsRow",
    "lessThan",
    # size hints and undo commands
    "sizeHint",
    "minimumSizeHint",
    "undo",
    "redo",
    "id",
    "mergeWith",
    # dialogs: reject is overridden only to ask before unsaved changes are lost
    "reject",
    "done",
    # a proxy style exists to override how its base style draws (sort_arrows)
    "drawPrimitive",
}


def ui_classes() -> list[type]:
    found = []
    for info in pkgutil.iter_modules(lupus_tracker.ui.__path__):
        module = importlib.import_module(f"lupus_tracker.ui.{info.name}")
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if cls.__module__ == module.__name__ and issubclass(cls, (QObject, QUndoCommand)):
                found.append(cls)
    return found


def qt_bases(cls: type) -> list[type]:
    return [base for base in cls.__mro__ if base.__module__.startswith("PySide6")]


def test_no_method_shadows_a_qt_method():
    classes = ui_classes()
    assert len(classes) > 10  # the walk found the dialogs and pages
    shadowing = []
    for cls in classes:
        qt_names = {name for base in qt_bases(cls) for name in vars(base)}
        for name, value in vars(cls).items():
            if not inspect.isfunction(value) or name.startswith("__"):
                continue
            if name in qt_names and name not in ALLOWED:
                shadowing.append(f"{cls.__module__}.{cls.__name__}.{name}")
    assert shadowing == []
