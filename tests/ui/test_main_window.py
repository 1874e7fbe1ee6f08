"""The main window: built from the real app's composition root, every area reachable, state remembered."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from atgdesk import DISCLAIMER, __version__, app
from atgdesk.ui.main_window import CALCULATOR_TAB, LIBRARY_TAB


def _build(qtbot):
    ctx = app.build()
    qtbot.addWidget(ctx.window)
    return ctx


def test_main_window_builds_with_library_and_calculator_areas(qtbot, app_env):
    ctx = _build(qtbot)
    tabs = ctx.window.tabs
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["Library", "Calculator"]
    assert ctx.library is not None, ctx.library_error
    assert ctx.window.windowTitle() == "ATG Desk"
    assert not ctx.app.windowIcon().isNull()


def test_view_actions_reach_every_area(qtbot, app_env):
    ctx = _build(qtbot)
    ctx.window.show_calculator_action.trigger()
    assert ctx.window.tabs.currentIndex() == CALCULATOR_TAB
    assert ctx.window.tabs.currentWidget() is ctx.window.calculator_view
    ctx.window.show_library_action.trigger()
    assert ctx.window.tabs.currentWidget() is ctx.window.library_view


def test_menus_offer_export_quit_about_disclaimer_and_log_folder(qtbot, app_env):
    ctx = _build(qtbot)
    titles = {a.text().replace("&", "") for menu in ctx.window.menuBar().actions() for a in menu.menu().actions()}
    for wanted in ("Export citations…", "Quit", "About ATG Desk", "Disclaimer", "Open log folder"):
        assert wanted in titles


def test_about_box_shows_app_version_data_version_and_disclaimer(qtbot, app_env):
    ctx = _build(qtbot)
    dialog = ctx.window.make_about_dialog()
    qtbot.addWidget(dialog)
    text = dialog.version_label.text()
    assert f"ATG Desk {__version__}" in text
    meta = ctx.library.meta
    assert f"Evidence data {meta.data_version}" in text
    # The dosing & PK references are library entries, not studies: never "92 studies" for 67.
    assert f"(67 studies · {meta.reference_count} dosing & PK references, content hash" in text
    assert meta.reference_count > 0 and f"{meta.study_count} studies" not in text
    assert dialog.disclaimer_label.text() == DISCLAIMER


def test_status_bar_counts_studies_apart_from_dosing_references(qtbot, app_env):
    ctx = _build(qtbot)
    meta = ctx.library.meta
    assert ctx.window.statusBar().currentMessage() == (
        f"Evidence data {meta.data_version}: 67 studies · {meta.reference_count} dosing & PK references")


def test_status_bar_always_shows_the_disclaimer(qtbot, app_env):
    ctx = _build(qtbot)
    labels = [w.text() for w in ctx.window.statusBar().findChildren(QLabel)]
    assert any("not a substitute for the treating team's protocol" in t for t in labels)


def test_window_remembers_geometry_and_last_tab(qtbot, app_env):
    ctx = _build(qtbot)
    ctx.window.resize(720, 540)  # inside the offscreen screen (800×600), so no clamping
    ctx.window.tabs.setCurrentIndex(CALCULATOR_TAB)
    ctx.window.close()
    again = _build(qtbot)
    assert again.window.tabs.currentIndex() == CALCULATOR_TAB
    assert (again.window.width(), again.window.height()) == (720, 540)
    again.window.tabs.setCurrentIndex(LIBRARY_TAB)
    again.window.close()
    third = _build(qtbot)
    assert third.window.tabs.currentIndex() == LIBRARY_TAB


def test_missing_database_is_reported_not_crashed(qtbot, tmp_path, monkeypatch):
    monkeypatch.setenv("ATGDESK_DB", str(tmp_path / "nope.sqlite"))
    ctx = _build(qtbot)
    assert ctx.library is None
    assert "nope.sqlite" in ctx.library_error or "not found" in ctx.library_error.lower()


def test_window_remembers_library_splitter_and_copy_style(qtbot, app_env):
    ctx = _build(qtbot)
    ctx.window.resize(760, 560)
    ctx.window.tabs.setCurrentIndex(LIBRARY_TAB)
    ctx.window.show()
    qtbot.waitExposed(ctx.window)
    view = ctx.window.library_view
    total = sum(view.splitter.sizes())
    view.splitter.setSizes([150, 300, total - 450])
    chosen = view.splitter.sizes()
    view.copy_style = "apa"
    ctx.window.close()

    again = _build(qtbot)
    again.window.show()
    qtbot.waitExposed(again.window)
    assert again.window.library_view.copy_style == "apa"
    assert again.window.library_view.splitter.sizes() == chosen
