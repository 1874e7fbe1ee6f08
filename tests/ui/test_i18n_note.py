"""Simplified Chinese on the dosing note, the measured-levels panel and the input checks a user can meet (issue 16):
under zh_CN the note's own words are Chinese (only data-file words stay as written: model, product, setting and
target names, label reasons, sources); numbers, units and decimal points unchanged; English byte for byte without
a translator."""

from __future__ import annotations

import datetime as _dt
import re
from html import unescape

import pytest
from pypdf import PdfReader

from atgdesk import i18n, paths
from atgdesk.core import words
from atgdesk.library.userstore import UserStore
from atgdesk.ui import report

CJK = re.compile(r"[\u3400-\u9fff]")
ENGLISH_WORDS = re.compile(r"[A-Za-z]{2,}(?:[ ,;:'’-]+[A-Za-z]{2,})+")
# The note's own English words (labels, headings, table headers, the printed line): none may be left under zh_CN.
NOTE_WORDS = ("Printed", "dosing note", "Model source", "status:", "Patient and inputs", "Product", "Setting",
              "Body weight", "Dosing weight", "Lymphocyte count", "Threshold", "Horizon", "Regimen", "Infusion",
              "Cumulative", "Volume", "Vials", "Label check", "Prediction for the typical patient", "Figure",
              "AUC before day", "AUC after day", "AUC total", "Time of Cmax", "Below threshold",
              "Target:", "Source:", "Verdict", "Warning:", "Scenarios compared", "Share of patients", "model file",
              "schema", "Disclaimer", "actual)", "reference and teaching tool", "(attainment", "December")


def _view(qtbot, tmp_path):
    from atgdesk.ui.calculator_view import CalculatorView
    store = UserStore.open(tmp_path / "user.sqlite")
    view = CalculatorView(paths.models_dir(), paths.data_dir(), store)
    qtbot.addWidget(view)
    view.resize(1280, 800)
    view.show()
    qtbot.waitExposed(view)
    view.setting_combo.setCurrentIndex(1)  # the first real setting: its first target is chosen
    view.pin_current()
    view.set_inputs(view.inputs().with_(weight_kg=160.0))  # outside the model's range: a covariate warning
    return view, store


def _english_left(text: str, data: tuple[str, ...]) -> list[str]:
    for d in sorted(data, key=len, reverse=True):
        text = text.replace(d, " ")
    return [m for m in ENGLISH_WORDS.findall(text) if not CJK.search(m)]


def test_dosing_note_is_chinese_apart_from_the_data_words(qtbot, tmp_path, chinese_installed):
    view, store = _view(qtbot, tmp_path)
    try:
        content = view._exports.content()  # what the note prints (the exporter's own call)
        out = view.export_pdf(tmp_path / "note.pdf", report.NoteFields(patient="P 0042"))
        flat = " ".join("\n".join(p.extract_text() for p in PdfReader(str(out)).pages).split())
    finally:
        store.close()
    for english in NOTE_WORDS:
        assert english not in flat, english
    for chinese_words in ("给药记录单", "打印于", "患者与输入项", "给药体重", "计算时间范围", "累计 mg/kg", "瓶数",
                          "典型患者的预测", "指标", "数值", "第 0 天后 AUC", "来源：", "判定：", "警告：", "方案比较（已固定）",
                          "模型文件", "免责声明", "示意性"):
        assert chinese_words in flat, chinese_words
    # the covariate warning names the field, not the model file's id; its figures unchanged
    assert "weight_kg" not in flat and "体重 = 160 kg" in flat
    assert re.search(r"打印于 20\d\d 年 \d{1,2} 月 \d{1,2} 日 \d\d:\d\d", flat), flat[:200]
    assert "2.5 mg/kg/day" in flat and "AU·day/mL" in flat  # units and decimal points as in English
    # the note's labels themselves: no English word outside the data
    model = view.model()
    data = (model.name, model.label, "Cmax", "ATG Desk", "Python")
    labels = [k for k, _v in content.inputs] + [k for k, _v in content.metrics] + list(content.schedule_headers)
    for label in [*labels, content.title, content.versions.replace(model.path.split("/")[-1], ""),
                  content.status_line().replace(model.label, ""), content.disclaimer]:
        assert CJK.search(label) or label in ("Cmax", "mg/kg", "mg"), label
        assert not _english_left(label, data), label


def test_note_words_are_english_without_a_translator(qapp):
    i18n.uninstall(qapp)
    words.set_translator(None)
    when = _dt.datetime(2026, 12, 3, 9, 41, tzinfo=_dt.UTC)
    assert re.fullmatch(r"Printed \d{1,2} [A-Z][a-z]+ 20\d\d, \d\d:\d\d \(UTC[+-]\d\d:\d\d\)",
                        report.printed_line(when))
    from atgdesk.present.note import NoteContent, dose_header, field_names, status_word
    assert (status_word("illustrative"), dose_header("Vials (25 mg)"), dose_header("Cumulative mg/kg")) == \
        ("illustrative", "Vials (25 mg)", "Cumulative mg/kg")
    assert field_names("weight_kg = 160 kg is outside") == "weight_kg = 160 kg is outside"
    content = NoteContent("M", "illustrative", "", "src", [("Input", "1")], ["Day"], [["-3"]], [], "t", "ts [ABS]",
                          [("AUC", "1")], "v", "ver")
    html = unescape(report.report_html(content, printed_at=when))
    assert "Source: ts (read in the paper's abstract)" in html and "Model: M — status: illustrative" in html


def test_report_literals_and_the_printed_line_are_chinese(chinese_installed):
    from atgdesk.present.note import NoteContent, dose_cell, dose_header, status_word
    when = _dt.datetime(2026, 12, 3, 9, 41, tzinfo=_dt.UTC)
    line = report.printed_line(when)
    assert re.fullmatch(r"打印于 2026 年 12 月 3 日 \d\d:41（UTC[+-]\d\d:\d\d）", line), line
    content = NoteContent("M", "illustrative", "", "src", [("x", "1")], ["Day"], [["-3"]], [], "t", "ts [ABS]",
                          [("AUC", "1")], "v", "ver", warnings=("w",), uncertainty="u", attainment="a")
    html = report.report_html(content, printed_at=when)
    assert "来源： ts (读自论文摘要)" in html and "Source:" not in html
    for english in ("Model source:", "Patient and inputs", "Prediction for the typical patient", "Target:",
                    "Verdict:", "Uncertainty:", "Warning:", "Across patients:", "Disclaimer."):
        assert english not in html, english
    assert content.status_line() == "模型：M — 状态：示意性"
    assert (status_word("illustrative"), dose_header("Vials (25 mg)"), dose_cell("beyond label")) == \
        ("示意性", "瓶数（25 mg）", "超出说明书")
    assert dose_cell("7 (7.00)") == "7 (7.00)"  # figures as they are


def test_export_errors_read_in_chinese(tmp_path, chinese_installed):
    content = report.NoteContent("M", "illustrative", "", "s", [], [], [], [], "t", "ts", [], "v", "ver")
    with pytest.raises(report.ReportError) as err:
        report.write_curve_csv(tmp_path / "missing" / "c.csv", [0.0, 1.0], [1.0, 2.0], content, "AU/mL")
    assert str(err.value).endswith("不存在 — 未写入任何内容") and "missing" in str(err.value)
    with pytest.raises(report.ReportError, match="^指标：有数值不是有限数"):
        report.check_finite_metrics([float("nan")])


def test_levels_panel_names_fields_and_model_status_in_chinese(qtbot, chinese_installed):
    """A MAP fit that cannot run names the covariate by its field ('体重', not 'weight_kg'); the head of a MAP fit
    gives the model status in words and lists with '、'; a fit parameter's 'per' unit is Chinese."""
    from atgdesk.core.model import load_model
    from atgdesk.core.regimen import Administration, Regimen
    from atgdesk.ui.levels_panel import LevelsContext, LevelsPanel
    model = load_model(paths.models_dir() / "illustrative-rabbit-atg-active.toml")
    regimen = Regimen(tuple(Administration(d, 175.0, 0.25) for d in (-4.0, -3.0, -2.0)))
    rows = [("-1", "30", "AU/mL"), ("1", "20", "AU/mL"), ("4", "11", "AU/mL"), ("8", "5", "AU/mL")]
    panel = LevelsPanel()
    qtbot.addWidget(panel)
    panel.set_rows(rows)
    panel.set_context(LevelsContext(regimen=regimen, model=model, covariates={"weight_kg": 350.0, "alc_per_nl": 0.5}))
    panel.fit_combo.setCurrentIndex(panel.fit_combo.findData("map"))
    panel.analyse()
    text = panel.result_text()
    assert "weight_kg" not in text and "体重：350 kg" in text, text
    panel.set_context(LevelsContext(regimen=regimen, model=model, covariates={"weight_kg": 70.0, "alc_per_nl": 0.5}))
    panel.analyse()
    text = panel.result_text()
    assert "[示意性]" in text and "[illustrative]" not in text, text
    panel.fit_combo.setCurrentIndex(panel.fit_combo.findData("individual-1"))
    panel.analyse()
    text = panel.result_text()
    assert "mg/day（每 AU/mL）" in text and " per " not in text, text
    assert re.search(r"\(RSE [^)]*\)、\S", text), text  # the estimates listed with '、'
    assert re.match(r"移植后暴露量（[^\n]*）：\d", text), text


def test_levels_panel_keeps_ids_and_commas_in_english(qtbot, qapp):
    from atgdesk.core.model import load_model
    from atgdesk.core.regimen import Administration, Regimen
    from atgdesk.ui.levels_panel import LevelsContext, LevelsPanel
    i18n.uninstall(qapp)
    words.set_translator(None)
    model = load_model(paths.models_dir() / "illustrative-rabbit-atg-active.toml")
    regimen = Regimen(tuple(Administration(d, 175.0, 0.25) for d in (-4.0, -3.0, -2.0)))
    panel = LevelsPanel()
    qtbot.addWidget(panel)
    panel.set_rows([("-1", "30", "AU/mL"), ("1", "20", "AU/mL"), ("4", "11", "AU/mL"), ("8", "5", "AU/mL")])
    panel.set_context(LevelsContext(regimen=regimen, model=model, covariates={"weight_kg": 350.0, "alc_per_nl": 0.5}))
    panel.fit_combo.setCurrentIndex(panel.fit_combo.findData("map"))
    panel.analyse()
    assert "weight_kg: 350 kg is outside the model's hard range" in panel.result_text()
    panel.fit_combo.setCurrentIndex(panel.fit_combo.findData("individual-1"))
    panel.analyse()
    assert "mg/day per AU/mL" in panel.result_text()


def test_input_checks_a_user_can_meet_read_in_chinese(chinese_installed):
    """The ideal weight of a woman of 100 cm (the calculator's lowest height) and a per-day table day or infusion
    beyond the engine's limits: whole Chinese sentences, figures unchanged."""
    from atgdesk.core import scenario as sc
    from atgdesk.core.weights import dosing_weight_kg
    from atgdesk.present.day_table import rows_from_cells
    with pytest.raises(ValueError) as err:
        dosing_weight_kg("ideal", 70, 100, "female")
    assert str(err.value) == "身高：100 cm 按 Devine 公式得出的理想体重不为正数（该公式适用于成人）"
    inputs = sc.ScenarioInputs()
    with pytest.raises(ValueError) as err:
        rows_from_cells([("400", "2.5", "6")], inputs)
    assert str(err.value) == "给药日：第 400.0 天超出 ±365 天"
    with pytest.raises(ValueError) as err:
        rows_from_cells([("-1", "2.5", "1000")], inputs)
    assert str(err.value) == "输注时长：必须在 [0, 720] 小时内，实际为 1000.0"


def test_input_checks_stay_english_without_a_translator(qapp):
    from atgdesk.core.regimen import DoseItem
    from atgdesk.core.weights import dosing_weight_kg
    i18n.uninstall(qapp)
    words.set_translator(None)
    with pytest.raises(ValueError, match=r"^height_cm: 100 cm gives a non-positive Devine ideal weight \(formula is "
                                         r"for adults\)$"):
        dosing_weight_kg("ideal", 70, 100, "female")
    with pytest.raises(ValueError, match=r"^sex: needed for the adjusted weight basis$"):
        dosing_weight_kg("adjusted", 70, 170, None)
    with pytest.raises(ValueError, match=r"^day: 400.0 is outside ±365$"):
        DoseItem(400, 6, mg_per_kg=1)


def test_my_data_button_gives_its_menu_arrow_room_of_its_own(qtbot, app_env, chinese_installed):
    """'我的数据' and its menu arrow: the button is at least as wide as the text, the style's menu indicator and
    its margins (a QToolButton's instant-popup arrow overlapped the last glyph: 64 px for 72 needed)."""
    from PySide6.QtWidgets import QStyle

    from atgdesk import app
    ctx = app.build()
    qtbot.addWidget(ctx.window)
    ctx.window.show()
    button = ctx.window.library_view.more_button
    assert button.text() == "我的数据" and button.menu() is not None
    style = button.style()
    need = (button.fontMetrics().horizontalAdvance(button.text())
            + style.pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, None, button)
            + 2 * style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, None, button))
    qtbot.waitUntil(lambda: button.isVisible())
    assert button.sizeHint().width() >= need and button.width() >= need, (button.width(), need)
