"""The window's pages, each built the first time it is needed (start-up speed).

Opening the window builds only the dashboard. Every other tab starts as a light
placeholder with its final title, so each page is reachable by keyboard from the first
moment (its mnemonic, Ctrl+Tab, the tab bar); the page itself is built when its tab is
first shown or when code first asks for it (``window.results``), and then takes the
placeholder's place in the same tab, with the same title, tooltip and What's This text.
Building a page never changes which tab is current.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTabWidget, QWidget


@dataclass(frozen=True)
class PageSlot:
    """One tab: its title (with its mnemonic) and how to build its page."""

    name: str
    title: str
    build: Callable[[], QWidget]


def placeholder(title: str) -> QWidget:
    """What a tab holds until its page is built (for an instant, on its first visit)."""
    label = QLabel(f"{title.replace('&&', '&').replace('&', '')} opens…")
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setAccessibleName(f"{title.replace('&&', '&').replace('&', '')} page, opening")
    return label


class LazyPages:
    """The pages of ``tabs`` by name, built on first use; ``on_built(name, page)`` runs once
    per page, just after it has taken its tab."""

    def __init__(
        self,
        tabs: QTabWidget,
        slots: list[PageSlot],
        on_built: Callable[[str, QWidget], None],
    ) -> None:
        self.tabs = tabs
        self._slots = {slot.name: slot for slot in slots}
        self._placeholders: dict[str, QWidget] = {}
        self.built: dict[str, QWidget] = {}
        self._on_built = on_built
        for slot in slots:
            stand_in = placeholder(slot.title)
            self._placeholders[slot.name] = stand_in
            tabs.addTab(stand_in, slot.title)

    def get(self, name: str) -> QWidget:
        """The page ``name``, built now if it was not yet."""
        page = self.built.get(name)
        if page is None:
            page = self._build(name)
        return page

    def is_built(self, name: str) -> bool:
        return name in self.built

    def name_at(self, index: int) -> str | None:
        """The name of the page (built or not) in tab ``index``."""
        widget = self.tabs.widget(index)
        for name, page in (*self.built.items(), *self._placeholders.items()):
            if page is widget:
                return name
        return None

    def _build(self, name: str) -> QWidget:
        slot = self._slots[name]
        stand_in = self._placeholders.pop(name)
        page = slot.build()
        self.built[name] = page
        index = self.tabs.indexOf(stand_in)
        current = self.tabs.currentIndex()
        tip, whats_this = self.tabs.tabToolTip(index), self.tabs.tabWhatsThis(index)
        self.tabs.blockSignals(True)  # the same tab stays current: no page change to handle
        try:
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, page, slot.title)
            self.tabs.setTabToolTip(index, tip)
            self.tabs.setTabWhatsThis(index, whats_this)
            self.tabs.setCurrentIndex(current)
        finally:
            self.tabs.blockSignals(False)
        stand_in.deleteLater()
        self._on_built(name, page)
        return page
