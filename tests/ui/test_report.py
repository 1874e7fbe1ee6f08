"""The dosing note and the calculator's exports (issue 12 item 8), and their wiring into the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from atgdesk import app
from atgdesk.ui.main_window import CALCULATOR_TAB, LIBRARY_TAB


def _build(qtbot):
    ctx = app.build()
    qtbot.addWidget(ctx.window)
    return ctx


# -- wiring through the real main window ----------------------------------------------------------------------
def test_export_written_message_reaches_the_status_bar(qtbot, app_env, tmp_path, monkeypatch):
    ctx = _build(qtbot)
    window = ctx.window
    window.show_calculator_action.trigger()
    assert window.tabs.currentIndex() == CALCULATOR_TAB
    target = tmp_path / "curve.csv"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "CSV (*.csv)"))
    window.calculator_view.export_csv_action.trigger()  # the real menu action, file dialog answered
    assert target.is_file()
    assert window.statusBar().currentMessage() == f"Written {target}"


def test_target_study_link_opens_the_study_in_the_library_tab(qtbot, app_env):
    ctx = _build(qtbot)
    window = ctx.window
    study_id = ctx.library.all_ids()[-1]
    window.show_calculator_action.trigger()
    window.calculator_view.target.source.linkActivated.emit(f"study:{study_id}")
    assert window.tabs.currentIndex() == LIBRARY_TAB
    qtbot.waitUntil(lambda: window.library_view.study_view.study_id == study_id, timeout=3000)
