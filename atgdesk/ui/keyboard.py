"""Keyboard helpers: split buttons whose menu opens from the keyboard, read-only tables Tab leaves, and the list of
shortcuts Help ▸ Keyboard shortcuts shows."""

from __future__ import annotations

from typing import cast

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractItemView, QPushButton, QToolButton, QWidget

#: (keys, what they do) — the keys are portable QKeySequence text; the descriptions are translated when shown.
# QT_TRANSLATE_NOOP only marks texts for lupdate and returns them unchanged (typed as object in the stubs).
SHORTCUTS: tuple[tuple[str, str], ...] = cast("tuple[tuple[str, str], ...]", (
    ("Ctrl+1", QT_TRANSLATE_NOOP("Shortcuts", "Show the library")),
    ("Ctrl+2", QT_TRANSLATE_NOOP("Shortcuts", "Show the calculator")),
    ("Ctrl+F", QT_TRANSLATE_NOOP("Shortcuts", "Search the library")),
    ("Down / Enter", QT_TRANSLATE_NOOP("Shortcuts", "From the search box: the first study; in the list: open it")),
    ("Esc", QT_TRANSLATE_NOOP("Shortcuts", "From the study back to the list")),
    ("Ctrl+C", QT_TRANSLATE_NOOP("Shortcuts", "In the list: copy the selected citations")),
    ("Ctrl+Shift+C", QT_TRANSLATE_NOOP("Shortcuts", "Copy the open study's citation")),
    ("Alt+Down", QT_TRANSLATE_NOOP("Shortcuts", "On a split button (Copy citation, Export): open its menu "
                                                "(Vancouver, AMA, APA; export formats)")),
    ("Ctrl+E", QT_TRANSLATE_NOOP("Shortcuts", "Export citations")),
    ("Alt+T / Alt+N", QT_TRANSLATE_NOOP("Shortcuts", "The open study's tags / notes")),
    ("Ctrl+P", QT_TRANSLATE_NOOP("Shortcuts", "Calculator: pin the current scenario")),
    ("Ctrl+D", QT_TRANSLATE_NOOP("Shortcuts", "Calculator: suggest a dose")),
    ("Ctrl+B", QT_TRANSLATE_NOOP("Shortcuts", "Calculator: uncertainty band on or off")),
    ("Ctrl+Shift+E", QT_TRANSLATE_NOOP("Shortcuts", "Calculator: export the scenario (menu)")),
    ("Ctrl+Shift+R", QT_TRANSLATE_NOOP("Shortcuts", "Calculator: copy the prediction (exposure, verdict) as text")),
    ("Alt+D", QT_TRANSLATE_NOOP("Shortcuts", "Calculator: dose per day")),
    ("Ctrl+PgDown / Ctrl+PgUp", QT_TRANSLATE_NOOP("Shortcuts", "Next / previous tab of the calculator")),
    ("Tab / Shift+Tab", QT_TRANSLATE_NOOP("Shortcuts", "Next / previous control; tables are left with Tab, "
                                                       "arrows move inside them")),
    ("F1", QT_TRANSLATE_NOOP("Shortcuts", "This list")),
    ("Ctrl+Q", QT_TRANSLATE_NOOP("Shortcuts", "Quit")),
))


def shortcut_rows() -> list[tuple[str, str]]:
    """The shortcuts with their descriptions in the interface language."""
    return [(keys, QCoreApplication.translate("Shortcuts", what)) for keys, what in SHORTCUTS]


class _MenuKeys(QObject):
    """Opens a split button's menu on Alt+Down, Down, F4 or the Menu key (Qt opens it only with the mouse)."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 (Qt naming)
        if (event.type() == QEvent.Type.KeyPress and isinstance(watched, QToolButton | QPushButton)
                and watched.menu()):
            if event.key() in (Qt.Key.Key_Down, Qt.Key.Key_F4, Qt.Key.Key_Menu):
                watched.showMenu()
                return True
        return False


def menu_from_keyboard(button: QToolButton | QPushButton) -> None:
    """Let the keyboard open ``button``'s menu (every entry of a split button reachable without a mouse)."""
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.installEventFilter(_MenuKeys(button))


def read_only_table(view: QAbstractItemView) -> None:
    """Tab leaves a read-only table for the next control (arrows still move inside it) instead of walking it
    cell by cell: otherwise a keyboard user is trapped in it."""
    view.setTabKeyNavigation(False)


def visible_focus(widget: QWidget) -> None:
    """Widgets take focus from the keyboard (Qt draws the focus frame of the style)."""
    if widget.focusPolicy() == Qt.FocusPolicy.NoFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)
