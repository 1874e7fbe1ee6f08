"""Screen readers and keyboard: every interactive widget of both screens has an accessible name (combo boxes by
their label, not their value), read-only tables let Tab leave, the copy split button's menu opens from the
keyboard, the shortcuts are listed in Help and work, the first window fits the screen, and the welcome is shown
once and never by build()."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, QSize, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QDialog,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QTableView,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from atgdesk import app
from atgdesk.ui import keyboard, welcome
from atgdesk.ui.main_window import CALCULATOR_TAB, LIBRARY_TAB, initial_size

INTERACTIVE = (QAbstractButton, QLineEdit, QComboBox, QAbstractSpinBox, QAbstractItemView, QSlider, QTextEdit,
               QPlainTextEdit)
# Must carry an explicit name: Qt would otherwise announce their value (a combo box's current item, a spin box's
# number) or nothing at all.
NAMED_EXPLICITLY = (QComboBox, QAbstractSpinBox, QLineEdit, QAbstractItemView, QSlider, QTextEdit, QPlainTextEdit)
# Names missing on the calculator's screen (none left): a separate count, so the two screens fail separately.
CALCULATOR_UNNAMED_MAX = 0


def _qt_internal(widget: QWidget) -> bool:
    """Parts of Qt's own composite widgets (a spin box's line edit, a table's corner button, a combo box's popup,
    a line edit's clear button), announced through their owner."""
    parent = widget.parentWidget()
    if widget.objectName() in ("qt_spinbox_lineedit", "qt_tableview_cornerbutton", "qt_menubar_ext_button"):
        return True
    if isinstance(parent, QAbstractSpinBox | QComboBox | QLineEdit):
        return True
    if parent is not None and isinstance(parent.parentWidget(), QComboBox):  # the popup list
        return True
    return type(widget).__name__ == "QHeaderView"


def interactive_widgets(root: QWidget) -> list[QWidget]:
    return [w for w in root.findChildren(QWidget) if isinstance(w, INTERACTIVE) and not _qt_internal(w)]


def unnamed(root: QWidget) -> list[str]:
    problems = []
    for w in interactive_widgets(root):
        name = QAccessible.queryAccessibleInterface(w).text(QAccessible.Text.Name)
        where = f"{type(w).__name__} {w.objectName()!r} in {type(w.parentWidget()).__name__} ({w.toolTip()[:40]!r})"
        if not name:
            problems.append(f"{where}: no accessible name")
        elif isinstance(w, NAMED_EXPLICITLY) and not w.accessibleName():
            problems.append(f"{where}: announced as {name!r} (its value), not by a name")
        elif isinstance(w, QComboBox) and w.accessibleName() == w.currentText():
            problems.append(f"{where}: named by its value {name!r}")
    return problems


@pytest.fixture
def ctx(qtbot, app_env):
    context = app.build()
    qtbot.addWidget(context.window)
    context.window.show()
    for i in range(context.window.tabs.count()):  # every tab shown once: lazily built pages exist
        context.window.tabs.setCurrentIndex(i)
        for tabs in context.window.tabs.widget(i).findChildren(QTabWidget):
            for j in range(tabs.count()):
                tabs.setCurrentIndex(j)
                context.app.processEvents()
    context.window.tabs.setCurrentIndex(LIBRARY_TAB)
    # A study shown: the study's widgets are made for the first one (StudyView._build_content), and count too.
    library = context.window.library_view
    library.select_study("wang2025")
    qtbot.waitUntil(lambda: library.study_view.study_id == "wang2025", timeout=5000)
    return context


def test_every_library_and_window_control_has_an_accessible_name(ctx):
    widgets = interactive_widgets(ctx.window.library_view)
    assert len(widgets) > 20
    problems = unnamed(ctx.window.library_view)
    assert not problems, "\n".join(problems)


def test_calculator_controls_without_a_name_only_shrink(ctx):
    widgets = interactive_widgets(ctx.window.calculator_view)
    assert len(widgets) > 40
    problems = unnamed(ctx.window.calculator_view)
    assert len(problems) <= CALCULATOR_UNNAMED_MAX, "\n".join(problems)


def test_year_boxes_and_tag_filter_are_named_by_their_labels(ctx):
    filters = ctx.window.library_view.filters_panel
    assert filters.year_min_spin.accessibleName() == "Year from"
    assert filters.year_max_spin.accessibleName() == "Year to"
    assert filters.tag_combo.accessibleName() == "Tag" != filters.tag_combo.currentText()


def test_tags_and_notes_headings_are_buddies_with_mnemonics(ctx):
    study = ctx.window.library_view.study_view
    buddies = {label.buddy(): label.text() for label in study.findChildren(type(study.placeholder_label))
               if label.buddy() is not None}
    assert "&" in buddies[study.tag_edit] and "&" in buddies[study.notes_edit]


def test_read_only_tables_let_tab_leave(ctx):
    tables = [t for t in ctx.window.findChildren(QTableView)
              if t.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers]
    assert ctx.window.library_view.table in tables
    assert ctx.window.calculator_view.dose_panel.table in tables
    trapping = [f"{type(t.parentWidget()).__name__}: {t.accessibleName() or t.objectName()}" for t in tables
                if t.tabKeyNavigation()]
    assert not trapping


def test_tab_leaves_the_citation_list(ctx, qtbot):
    table = ctx.window.library_view.table
    ctx.window.activateWindow()
    table.setFocus()
    qtbot.waitUntil(table.hasFocus, timeout=2000)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert not table.hasFocus()


def test_copy_split_button_menu_opens_from_the_keyboard(ctx, qtbot, monkeypatch):
    button = ctx.window.library_view.study_view.copy_button
    opened = []
    monkeypatch.setattr(button, "showMenu", lambda: opened.append(True))
    qtbot.keyClick(button, Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert opened
    styles = [a.text() for a in button.menu().actions()]
    assert any("AMA" in s for s in styles) and any("APA" in s for s in styles)
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus


def test_help_lists_every_shortcut_the_menus_define(ctx, qtbot):
    listed = {keys for keys, _ in keyboard.SHORTCUTS}
    window = ctx.window
    for action in (window.show_library_action, window.show_calculator_action, window.export_action,
                   window.pin_action, window.suggest_action, window.band_action, window.calc_export_action):
        keys = action.shortcut().toString()
        assert keys in listed, keys
    dialog = window.make_shortcuts_dialog()
    qtbot.addWidget(dialog)
    table = dialog.findChild(QTableView)
    assert table.model().rowCount() == len(keyboard.SHORTCUTS)
    assert window.shortcuts_action.shortcut().toString() == "F1"


def test_calculator_menu_entries_press_the_calculator_controls(ctx, qtbot):
    window = ctx.window
    calc = window.calculator_view
    before = calc.uncertainty_check.isChecked()
    window.band_action.trigger()
    assert window.tabs.currentIndex() == CALCULATOR_TAB
    assert calc.uncertainty_check.isChecked() != before
    window.band_action.trigger()
    rows_before = calc.scenario_panel.table.rowCount()
    window.pin_action.trigger()
    qtbot.waitUntil(lambda: calc.scenario_panel.table.rowCount() == rows_before + 1, timeout=5000)


@pytest.mark.parametrize(("available", "expected"), [
    (QSize(1366, 728), QSize(1229, 655)),     # a 1366×768 laptop less its panel
    (QSize(1920, 1040), QSize(1280, 800)),
    (QSize(1024, 700), QSize(921, 630)),
    (None, QSize(1280, 800)),
])
def test_initial_window_size_fits_the_available_screen(available, expected):
    assert initial_size(available) == expected


def test_welcome_is_shown_once_and_never_by_build(ctx, qtbot, tmp_path):
    assert not [w for w in ctx.app.topLevelWidgets() if isinstance(w, welcome.WelcomeDialog) and w.isVisible()]
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert welcome.should_show(settings)
    dialog = welcome.show_welcome(ctx.window, settings)
    qtbot.addWidget(dialog)
    assert not welcome.should_show(settings)
    assert "Ctrl+2" in dialog.calculator_text.text() and "Ctrl+1" in dialog.library_text.text()
    assert "not for dosing decisions" in dialog.disclaimer_text.text()
    dialog.calculator_button.click()
    assert ctx.window.tabs.currentIndex() == CALCULATOR_TAB
    assert not welcome.should_show(settings)
    again = welcome.show_welcome(ctx.window, settings)
    qtbot.addWidget(again)
    again.show_again.setChecked(True)
    again.reject()
    assert welcome.should_show(settings)


def test_help_welcome_opens_it_again(ctx, qtbot):
    ctx.window.welcome_action.trigger()
    dialogs = [w for w in ctx.app.topLevelWidgets() if isinstance(w, welcome.WelcomeDialog) and w.isVisible()]
    assert dialogs
    for d in dialogs:
        d.reject()


def test_interactive_dialogs_have_named_controls(ctx, qtbot):
    for dialog in (ctx.window.make_shortcuts_dialog(), welcome.WelcomeDialog(ctx.window)):
        qtbot.addWidget(dialog)
        assert isinstance(dialog, QDialog)
        assert not unnamed(dialog), unnamed(dialog)


def test_prediction_copied_as_text_with_every_metric_and_the_verdict(ctx, qtbot):
    from PySide6.QtGui import QGuiApplication
    ctx.window.copy_prediction_action.trigger()
    text = QGuiApplication.clipboard().text()
    for words in ("AUC before day 0", "AUC after day 0", "AUC total", "Cmax"):
        assert words in text, text
    metrics = ctx.window.calculator_view.metrics
    assert metrics.verdict.text() in text
    assert metrics.value_text("auc_post") in text


def test_title_column_takes_the_room_of_a_wide_list_and_elides_in_a_narrow_one(ctx, qtbot):
    """Wide: the title takes the room.  Narrow (1366×768 at scale factor 2 gives a list about 600 px wide): the
    title gives up width so that the journal stays in view (then the journal and author too, at 1024×700);
    design, product and setting lie past the edge; widening gives the narrowed columns their widths back."""
    from atgdesk.ui.citation_model import CitationTableModel
    from atgdesk.ui.library_view import COLUMN_WIDTHS, TITLE_MIN_WIDTH
    window, view = ctx.window, ctx.window.library_view
    table, title = view.table, CitationTableModel.TITLE
    window.resize(2560, 1200)
    qtbot.waitUntil(lambda: window.width() == 2560, timeout=2000)
    view.splitter.setSizes([220, 1700, 640])  # a wide list (a 2560 px screen, or the list dragged wider)
    qtbot.waitUntil(lambda: table.columnWidth(title) > COLUMN_WIDTHS[title] + 300, timeout=3000)
    assert table.columnWidth(CitationTableModel.JOURNAL) == COLUMN_WIDTHS[CitationTableModel.JOURNAL]
    view.splitter.setSizes([220, 560, 1780])  # narrow: the titles elide, the journal stays in view

    def journal_in_view() -> bool:
        journal = CitationTableModel.JOURNAL
        right = table.columnViewportPosition(journal) + table.columnWidth(journal)
        return table.horizontalScrollBar().value() == 0 and 0 < right <= table.viewport().width()

    qtbot.waitUntil(journal_in_view, timeout=3000)
    assert TITLE_MIN_WIDTH <= table.columnWidth(title) < COLUMN_WIDTHS[title]
    assert table.columnWidth(CitationTableModel.JOURNAL) == COLUMN_WIDTHS[CitationTableModel.JOURNAL]
    assert not any(table.isColumnHidden(c) for c in range(table.model().columnCount()))
    view.splitter.setSizes([220, 430, 1910])  # a 1024×700 window: journal and author give up width too
    qtbot.waitUntil(journal_in_view, timeout=3000)
    assert table.columnWidth(title) >= 120
    assert table.columnWidth(CitationTableModel.JOURNAL) < COLUMN_WIDTHS[CitationTableModel.JOURNAL]
    view.splitter.setSizes([220, 1700, 640])  # wide again: the narrowed columns get their widths back
    qtbot.waitUntil(lambda: table.columnWidth(title) > COLUMN_WIDTHS[title] + 300, timeout=3000)
    for column in (CitationTableModel.AUTHOR, CitationTableModel.JOURNAL):
        assert table.columnWidth(column) == COLUMN_WIDTHS[column]


def test_every_table_lets_tab_leave(ctx):
    """Editable tables too (levels, regimen by day, scenario names): arrows move inside, Tab leaves."""
    trapping = [t.accessibleName() or type(t.parentWidget()).__name__ for t in ctx.window.findChildren(QTableView)
                if t.tabKeyNavigation()]
    assert not trapping
