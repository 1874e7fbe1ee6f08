"""The calculator's last English bits under zh_CN: the dose table's row/column error prefix, the default pin
names, the label-limit lists' separators, the model-files notice and dialog, and the Export button's menu arrow
(room of its own, like the library's 'My data')."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QStyle

from atgdesk import paths
from atgdesk.core import scenario as sc
from atgdesk.present import day_table
from atgdesk.present import model_files as mf
from atgdesk.present.calculator import LimitsState
from atgdesk.present.catalogue import load_catalogue, model_folders
from atgdesk.present.scenarios import ScenarioBook
from tests.present.test_model_files import write_user_models


def test_dose_table_errors_name_row_and_column_in_chinese(chinese_installed):
    with pytest.raises(ValueError, match=r"^剂量表第 2 行，输注小时：") as bad:
        day_table.rows_from_cells([("-1", "2.5", "6"), ("0", "2.5", "x")], sc.ScenarioInputs())
    assert "dose table" not in str(bad.value)
    with pytest.raises(ValueError, match=r"^剂量表：请至少输入一天$"):
        day_table.rows_from_cells([("", "", "")], sc.ScenarioInputs())


def test_dose_table_errors_stay_english_without_a_translator(qapp):
    with pytest.raises(ValueError, match=r"^dose table row 2, infusion hours: "):
        day_table.rows_from_cells([("-1", "2.5", "6"), ("0", "2.5", "x")], sc.ScenarioInputs())
    with pytest.raises(ValueError, match=r"^dose table: enter at least one day$"):
        day_table.rows_from_cells([], sc.ScenarioInputs())


def test_default_pin_names_are_chinese(chinese_installed):
    book = ScenarioBook([], None)
    assert book.next_name() == "方案 1"
    model = load_catalogue([paths.models_dir()], paths.data_dir()).models[0]
    inputs = sc.ScenarioInputs(model_id=model.id)
    assert book.pin(inputs, sc.evaluate(model, inputs)).ok
    assert [p.name for p in book.pins] == ["方案 1"] and book.next_name() == "方案 2"


def test_label_limit_lists_use_chinese_separators(chinese_installed):
    state = LimitsState(checked=("a", "b"), missing=("no labelled maximum dose per day",
                                                     "no labelled maximum cumulative dose"))
    text = state.limits_text("P")
    assert "a；b" in text and "、" in text and ", " not in text and "; " not in text


def test_label_limit_lists_keep_english_separators_without_a_translator(qapp):
    text = LimitsState(checked=("a", "b"), missing=("x", "y")).limits_text("P")
    assert "a; b" in text and "x, y" in text


def test_model_files_notice_and_details_are_chinese(chinese_installed, isolated_home):
    write_user_models(isolated_home / "models")
    problems = mf.model_file_problems(load_catalogue(model_folders(), paths.data_dir()).model_errors)
    assert mf.notice_text(len(problems)) == "3 个模型文件未载入 — 详情"
    details = mf.model_files_details(problems, mf.user_models_folder())
    assert details.folders[0].startswith("您的模型文件夹：")
    assert "保留英文原文" in details.language_note  # said once: the reasons are the file checks' English words
    assert ("copy-of-bundled.toml", "id", "标识“illustrative-rabbit-atg-active”已被 "
            "illustrative-rabbit-atg-active.toml 中的模型使用；请为此模型另取一个标识") in details.rows


def test_export_button_gives_its_menu_arrow_room_of_its_own(qtbot, chinese_installed):
    from atgdesk.ui.calculator_view import CalculatorView
    view = CalculatorView(paths.models_dir(), paths.data_dir(), None)
    qtbot.addWidget(view)
    view.resize(1280, 760)
    view.show()
    qtbot.waitExposed(view)
    button = view.export_button
    assert isinstance(button, QPushButton) and button.text() == "导出" and button.menu() is not None
    style = button.style()
    need = (button.fontMetrics().horizontalAdvance(button.text())
            + style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, button)
            + 2 * style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, button))
    assert button.sizeHint().width() >= need and button.width() >= need, (button.width(), need)
    # the keyboard still opens its menu (Down, as the tooltip's Alt+Down)
    opened = []
    button.menu().aboutToShow.connect(lambda: (opened.append(1), button.menu().close()))
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Down)
    assert opened


def test_the_chinese_notice_is_shown_whole_where_it_fits(qtbot, chinese_installed, isolated_home):
    """elidedText needs a pixel more than the text's advance for CJK text: the notice once showed
    '3 个模型文…入 — 详情' with room for all of it."""
    from atgdesk.ui.calculator_view import CalculatorView
    write_user_models(isolated_home / "models")
    view = CalculatorView(paths.models_dir(), paths.data_dir(), None)
    qtbot.addWidget(view)
    view.resize(1280, 760)
    view.show()
    qtbot.waitExposed(view)
    notice = view.inputs_column.model_files_notice
    assert notice.full_text() == "3 个模型文件未载入 — 详情"
    assert notice.text() == notice.full_text()
