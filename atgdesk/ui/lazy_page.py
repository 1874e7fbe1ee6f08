"""A page (tab) whose content is built the first time it is shown or asked for.

Secondary calculator tabs (exposure map, measured levels) cost ~60 ms of imports and widget construction that
nobody needs until they open the tab; building them on first show keeps start-up close to a bare window.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QVBoxLayout, QWidget


class LazyPage(QWidget):
    """Holds the place of ``factory()``'s widget in a tab widget or layout until it is first needed."""

    def __init__(self, factory: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory = factory
        self._content: QWidget | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)

    def content(self) -> QWidget:
        """The real page, built now if it has not been built yet."""
        if self._content is None:
            content = self._factory()
            self._content = content
            self.layout().addWidget(content)
        return self._content

    def is_built(self) -> bool:
        return self._content is not None

    def showEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        self.content()
        super().showEvent(event)
