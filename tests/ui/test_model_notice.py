"""A model file that cannot be loaded is never skipped silently in the calculator: a one-line notice in the
warning colour beside the model chooser (keyboard reachable, named for screen readers) opens a dialog listing
each file with its field and reason, the folder and how to fix it; a good user model still appears."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication

from atgdesk import paths
from atgdesk.ui import theme
from atgdesk.ui.calculator_view import CalculatorView
from atgdesk.ui.model_notice import ModelFilesDialog
from tests.present.test_model_files import write_user_models


@pytest.fixture
def view(qtbot, isolated_home):
    write_user_models(isolated_home / "models")
    v = CalculatorView(paths.models_dir(), paths.data_dir(), None)
    qtbot.addWidget(v)
    v.resize(1280, 760)
    v.show()
    qtbot.waitExposed(v)
    return v


def test_the_notice_shows_beside_the_model_chooser_and_a_good_user_model_is_listed(view):
    notice = view.inputs_column.model_files_notice
    assert notice.isVisible()
    assert notice.text() == "3 model files were not loaded — details"
    assert notice.accessibleName() == notice.text()
    assert notice.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert theme.current().warning in notice.styleSheet()
    assert notice.sizeHint().height() < 2.5 * notice.fontMetrics().height()  # one line
    ids = [view.model_combo.itemData(i) for i in range(view.model_combo.count())]
    assert "my-good-model" in ids and "illustrative-rabbit-atg-active" in ids


def test_the_dialog_lists_each_file_with_its_reason_and_the_folder(qtbot, view, isolated_home):
    notice = view.inputs_column.model_files_notice
    notice.setFocus()
    qtbot.keyClick(notice, Qt.Key.Key_Space)  # the keyboard opens it
    dialog = notice.dialog
    assert isinstance(dialog, ModelFilesDialog) and dialog.isVisible()
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    for name in ("broken.toml", "missing-name.toml", "copy-of-bundled.toml"):
        assert name in text
    assert "TOML syntax" in text and "missing" in text
    assert "already used by the model in illustrative-rabbit-atg-active.toml" in text
    assert f"Your models folder: {isolated_home / 'models'}" in text
    assert "restart ATG Desk" in text
    assert [row[0] for row in dialog.details.rows] == [  # only the files not loaded, by file name
        "broken.toml", "copy-of-bundled.toml", "missing-name.toml"]
    assert dialog.open_button.isEnabled() and dialog.copy_button.accessibleName()
    dialog.copy_button.click()
    assert "missing-name.toml — name: missing" in QGuiApplication.clipboard().text()
    dialog.close()


def test_no_notice_when_every_model_file_loaded(qtbot, isolated_home):
    v = CalculatorView(paths.models_dir(), paths.data_dir(), None)
    qtbot.addWidget(v)
    assert not v.inputs_column.model_files_notice.isVisibleTo(v)
    assert v.inputs_column.model_files_notice.problems() == ()


def _calculator(qtbot, width, height):
    v = CalculatorView(paths.models_dir(), paths.data_dir(), None)
    qtbot.addWidget(v)
    v.resize(width, height)
    v.show()
    qtbot.waitExposed(v)
    return v


def test_a_hundred_bad_files_are_one_line_that_does_not_widen_the_inputs(qtbot, isolated_home):
    plain = _calculator(qtbot, 1024, 700)
    width_without = plain.inputs_column.width()
    folder = isolated_home / "models"
    folder.mkdir(parents=True)
    for i in range(100):
        (folder / f"bad-{i:03d}.toml").write_text("= nonsense", encoding="utf-8")
    view = _calculator(qtbot, 1024, 700)
    notice = view.inputs_column.model_files_notice
    assert notice.full_text() == "100 model files were not loaded — details"
    assert notice.text() == notice.full_text()  # fits whole at 1024×700
    assert notice.height() < 2 * notice.fontMetrics().height()
    assert view.inputs_column.width() == width_without
    assert len(view.inputs_column.model_files_notice.problems()) == 100
    # narrower than its text: elided on one line, the accessible name and tooltip keep it whole
    notice.resize(notice.sizeHint().width() // 2, notice.height())
    assert notice.text() != notice.full_text() and "…" in notice.text()
    assert notice.accessibleName() == notice.full_text() and notice.full_text() in notice.toolTip()
