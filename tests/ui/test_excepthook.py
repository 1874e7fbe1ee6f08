"""An exception in a slot is logged to the rotating log file and shown in a dialog; the app keeps running.
Help ▸ Open log folder opens the log folder of the user's data folder."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QMessageBox

from atgdesk import app, logsetup
from atgdesk.ui.main_window import MainWindow


@pytest.fixture
def fresh_logging(monkeypatch):
    """Logging configured afresh for this test's user folder (configure_logging runs once per process)."""
    logger = logging.getLogger("atgdesk")
    saved = list(logger.handlers)
    for handler in saved:
        logger.removeHandler(handler)
    monkeypatch.setattr(logsetup, "_configured", False)
    yield
    for handler in list(logger.handlers):
        logger.removeHandler(handler)
        handler.close()
    for handler in saved:
        logger.addHandler(handler)


@pytest.fixture
def ctx(app_env, qtbot, fresh_logging):
    context = app.build()
    qtbot.addWidget(context.window)
    context.window.show()
    yield context
    context.window.close()
    if context.userstore is not None:
        context.userstore.close()
    if context.library is not None:
        context.library.close()


@pytest.fixture
def dialogs(monkeypatch) -> list[tuple[str, str]]:
    shown: list[tuple[str, str]] = []

    def fake_exec(box):
        shown.append((box.windowTitle(), box.text()))
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    return shown


@pytest.mark.qt_no_exception_capture
def test_excepthook_logs_the_exception_shows_a_dialog_and_the_app_lives_on(ctx, qtbot, dialogs, isolated_home):
    previous = sys.excepthook
    app._install_excepthook(ctx.window)
    try:
        def failing_slot():
            raise RuntimeError("boom in a slot <b>not markup</b>")

        QTimer.singleShot(0, failing_slot)
        qtbot.waitUntil(lambda: len(dialogs) == 1, timeout=3000)
        title, text = dialogs[0]
        assert "unexpected error" in title
        assert "RuntimeError: boom in a slot <b>not markup</b>" in text
        assert str(isolated_home / "logs") in text

        for handler in logging.getLogger("atgdesk").handlers:
            handler.flush()
        log_text = (isolated_home / "logs" / logsetup.LOG_FILENAME).read_text(encoding="utf-8")
        assert "unhandled RuntimeError: boom in a slot" in log_text
        assert "Traceback" in log_text and "failing_slot" in log_text

        # still alive: the event loop runs further slots, the window is shown and paints
        ran = []
        QTimer.singleShot(0, lambda: ran.append(True))
        qtbot.waitUntil(lambda: ran == [True], timeout=3000)
        assert ctx.window.isVisible()
        assert not ctx.window.grab().isNull()
        ctx.window.show_calculator_action.trigger()
        assert ctx.window.tabs.currentWidget() is ctx.window.calculator_view

        # and a second failure is handled the same way
        QTimer.singleShot(0, lambda: 1 / 0)
        qtbot.waitUntil(lambda: len(dialogs) == 2, timeout=3000)
        assert "ZeroDivisionError" in dialogs[1][1]
    finally:
        sys.excepthook = previous


def test_open_log_folder_action_opens_the_log_folder(ctx, monkeypatch, isolated_home):
    opened: list[str] = []
    monkeypatch.setattr(MainWindow, "open_folder", staticmethod(lambda path: opened.append(path) or True))
    ctx.window.log_action.trigger()
    assert opened == [str(isolated_home / "logs")]
    assert Path(opened[0]).is_dir()
