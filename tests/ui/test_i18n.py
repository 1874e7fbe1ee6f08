"""Simplified Chinese interface: every visible text of the main window, library and calculator is translated
under zh_CN; the compiled translation is current; Qt's own strings load; numbers are not localised."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from atgdesk import DISCLAIMER, app, i18n

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "atgdesk" / "translations" / "atgdesk_zh_CN.ts"
QM = ROOT / "resources" / "translations" / "atgdesk_zh_CN.qm"

# Texts that are the same in both languages: product and format names, units, symbols, numbers.
WHITELIST = re.compile(
    r"^(ATG Desk|ATG|PMID|DOI|PMCID|ISSN|Vancouver|AMA|APA|RIS|BibTeX|CSL-JSON|PNG|SVG|PDF|CSV|中文|OK|"
    r"Thymoglobulin|Grafalon|ATGAM|Ctrl\+.*|F1|Esc|Alt\+.*|Tab.*)$")
# A text still in English: two or more words of Latin letters in a row (a unit like "mg/kg" or "AU/mL" is not).
ENGLISH = re.compile(r"[A-Za-z]{2,}[ ,;:'’-]+[A-Za-z]{2,}")
# English texts left on the calculator's screen: the results composed by the Qt-free presenters
# (atgdesk/present: the dose summary and vials, the label limits).  Counted; the count may only shrink.
CALCULATOR_PENDING_MAX = 0


@pytest.fixture
def chinese(monkeypatch, qapp):
    monkeypatch.setenv("ATGDESK_LANGUAGE", "zh_CN")
    yield
    i18n.uninstall(qapp)


def _show_every_tab(ctx) -> None:
    window = ctx.window
    for i in range(window.tabs.count()):
        window.tabs.setCurrentIndex(i)
        for tabs in window.tabs.widget(i).findChildren(QTabWidget):
            for j in range(tabs.count()):
                tabs.setCurrentIndex(j)
                ctx.app.processEvents()
    window.tabs.setCurrentIndex(0)


def visible_texts(root: QWidget) -> list[tuple[str, str]]:
    """(where, text) for every label, button, group title, tab title, placeholder, tooltip and menu entry."""
    out: list[tuple[str, str]] = []

    def add(where: str, text: str) -> None:
        for line in (text or "").replace("&", "").splitlines():
            if line.strip():
                out.append((where, line.strip()))

    for w in [root, *root.findChildren(QWidget)]:
        kind = type(w).__name__
        if isinstance(w, QLabel):
            add(f"{kind} label", w.text())
        if isinstance(w, QAbstractButton):
            add(f"{kind} button", w.text())
        if isinstance(w, QGroupBox):
            add(f"{kind} title", w.title())
        if isinstance(w, QLineEdit | QTextEdit | QPlainTextEdit):
            add(f"{kind} placeholder", w.placeholderText())
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                add(f"{kind} tab", w.tabText(i))
                add(f"{kind} tab tooltip", w.tabToolTip(i))
        add(f"{kind} tooltip", w.toolTip())
        add(f"{kind} accessible name", w.accessibleName())
    for menu in root.menuBar().actions() if hasattr(root, "menuBar") else []:
        add("menu", menu.text())
        for action in menu.menu().actions():
            add("menu entry", action.text())
            if action.menu():
                for sub in action.menu().actions():
                    add("submenu entry", sub.text())
    return out


CJK = re.compile(r"[\u3400-\u9fff]")


def _english(texts, skip=lambda where, text: False) -> list[str]:
    """Texts with English words and no Chinese at all (a translation may keep names such as RIS or PubMed)."""
    return sorted({f"{where}: {text!r}" for where, text in texts
                   if ENGLISH.search(text) and not CJK.search(text) and not WHITELIST.match(text)
                   and not skip(where, text)})


def _data_texts(ctx) -> set[str]:
    """Texts that come from the data (model and product names, target labels, study fields), not the UI."""
    calc = ctx.window.calculator_view
    data = set()
    for combo in calc.findChildren(QComboBox):
        for i in range(combo.count()):
            data.add(combo.itemText(i))
    return data


def test_translation_source_is_complete_and_compiled():
    root = ET.parse(TS).getroot()
    assert root.get("language") == "zh_CN"
    messages = list(root.iter("message"))
    unfinished = [m.find("source").text for m in messages if m.find("translation").get("type") == "unfinished"]
    assert len(messages) > 300
    assert not unfinished, unfinished[:20]
    for m in messages:  # placeholders survive translation
        source = m.find("source").text or ""
        translation = "".join(m.find("translation").itertext())
        for ph in set(re.findall(r"\{\w*\}|%\d|%n", source)):  # {0} and {name} alike
            assert ph in translation, (source, translation)
    assert QM.is_file() and QM.stat().st_size > 10_000
    assert QM.stat().st_mtime >= TS.stat().st_mtime - 1, "run scripts/update_translations.sh --release"


def test_compiled_translation_matches_the_source(tmp_path):
    lrelease = ROOT / ".venv" / "bin" / "pyside6-lrelease"
    if not lrelease.exists():
        lrelease = Path("pyside6-lrelease")
    out = tmp_path / "fresh.qm"
    subprocess.run([str(lrelease), "-silent", str(TS), "-qm", str(out)], check=True)
    assert out.read_bytes() == QM.read_bytes(), "the committed .qm is stale: scripts/update_translations.sh"


def test_disclaimer_source_for_lupdate_equals_the_disclaimer():
    assert i18n._DISCLAIMER_SOURCE == DISCLAIMER


def test_language_follows_the_system_locale_and_the_stored_choice(tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings
    monkeypatch.delenv("ATGDESK_LANGUAGE", raising=False)
    assert i18n.language_for_locale(QLocale("zh_CN")) == "zh_CN"
    assert i18n.language_for_locale(QLocale("zh_SG")) == "zh_CN"
    assert i18n.language_for_locale(QLocale("en_GB")) == "en"
    assert i18n.language_for_locale(QLocale("de_DE")) == "en"
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    assert i18n.resolve(settings, QLocale("zh_CN")) == "zh_CN"
    i18n.store_choice(settings, "en")
    assert i18n.resolve(settings, QLocale("zh_CN")) == "en"
    i18n.store_choice(settings, "zh_CN")
    assert i18n.resolve(settings, QLocale("en_US")) == "zh_CN"
    i18n.store_choice(settings, "klingon")  # anything else: follow the system
    assert i18n.resolve(settings, QLocale("en_US")) == "en"


def test_qt_own_strings_are_chinese(qapp, chinese):
    from PySide6.QtWidgets import QDialogButtonBox
    assert i18n.install(qapp, language="zh_CN") == "zh_CN"
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text().replace("&", "") != "Cancel"


def test_main_window_and_library_have_no_english_text_under_zh_cn(qtbot, app_env, chinese):
    ctx = app.build()
    qtbot.addWidget(ctx.window)
    ctx.window.show()
    _show_every_tab(ctx)
    library = visible_texts(ctx.window.library_view)
    window_only = [(w, t) for w, t in visible_texts(ctx.window) if (w, t) not in library]
    calculator = set(visible_texts(ctx.window.calculator_view))
    window_only = [(w, t) for w, t in window_only if (w, t) not in calculator]
    # the citation list and facets show the evidence itself (titles, journals, design names): data, not UI
    assert not _english(library), "\n".join(_english(library))
    assert not _english(window_only), "\n".join(_english(window_only))
    assert ctx.window.tabs.tabText(0) == "文献库"
    assert ctx.window.menuBar().actions()[0].text() == "文件(&F)"


def test_calculator_english_texts_only_shrink(qtbot, app_env, chinese):
    ctx = app.build()
    qtbot.addWidget(ctx.window)
    ctx.window.show()
    _show_every_tab(ctx)
    data = _data_texts(ctx)
    left = _english(visible_texts(ctx.window.calculator_view), skip=lambda where, text: text in data)
    assert len(left) <= CALCULATOR_PENDING_MAX, "\n".join(left)


def test_about_welcome_and_shortcuts_are_chinese(qtbot, app_env, chinese):
    ctx = app.build()
    qtbot.addWidget(ctx.window)
    about = ctx.window.make_about_dialog()
    shortcuts = ctx.window.make_shortcuts_dialog()
    from atgdesk.ui.welcome import WelcomeDialog
    welcome = WelcomeDialog(ctx.window)
    for dialog in (about, shortcuts, welcome):
        qtbot.addWidget(dialog)
        texts = visible_texts(dialog)
        assert not _english(texts, skip=lambda w, t: t.startswith(("ATG Desk 0", "Qt "))), \
            "\n".join(_english(texts))
    assert about.disclaimer_label.text().startswith("ATG Desk 是参考和教学工具")


def test_number_parsing_does_not_follow_the_interface_language(qapp, chinese):
    from atgdesk.ui.numeric import DecimalSpinBox
    i18n.install(qapp, language="zh_CN")
    spin = DecimalSpinBox()
    spin.setDecimals(1)
    spin.setRange(0.0, 500.0)
    spin.lineEdit().setText("72.5")
    spin.interpretText()
    assert spin.value() == pytest.approx(72.5)
    assert "." in spin.textFromValue(72.5)


def test_vocabulary_list_matches_the_data():
    import tomllib

    from atgdesk.library.present import SOURCE_KIND_LABELS
    from atgdesk.library.search import KINDS
    from atgdesk.ui import vocabulary
    data = tomllib.loads((ROOT / "data" / "vocab.toml").read_text(encoding="utf-8"))
    expected = {label for section in data.values() for label in section.values()}
    expected |= set(KINDS.values()) | set(SOURCE_KIND_LABELS.values())
    assert set(vocabulary.LABELS) == expected


def test_vocabulary_is_translated_under_zh_cn(qapp, chinese):
    from atgdesk.ui import vocabulary
    i18n.install(qapp, language="zh_CN")
    untranslated = [label for label in vocabulary.LABELS if vocabulary.label(label) == label]
    assert not untranslated
    assert vocabulary.labels("Kidney transplant; Liver transplant") == "肾移植; 肝移植"
    assert vocabulary.label("a title from the data") == "a title from the data"


def test_view_language_choice_is_stored_and_applies_at_the_next_start(qtbot, app_env, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    monkeypatch.delenv("ATGDESK_LANGUAGE", raising=False)
    shown = []
    monkeypatch.setattr(QMessageBox, "open", lambda self: shown.append(self.text()))
    ctx = app.build()
    qtbot.addWidget(ctx.window)
    actions = ctx.window.language_actions
    assert set(actions) == {"", "en", "zh_CN"} and actions[""].isChecked()
    actions["zh_CN"].trigger()
    assert shown and "started again" in shown[0]
    assert i18n.stored_choice(ctx.window._settings) == "zh_CN"
    assert ctx.window.tabs.tabText(0) == "Library"  # not re-translated live: applied at the next start
    ctx.window.close()
    again = app.build()
    qtbot.addWidget(again.window)
    try:
        assert again.window.tabs.tabText(0) == "文献库"
        assert again.window.language_actions["zh_CN"].isChecked()
    finally:
        i18n.uninstall(again.app)


def test_study_view_summary_shows_vocabulary_and_evidence_level_in_chinese(qtbot, app_env, chinese):
    ctx = app.build()
    qtbot.addWidget(ctx.window)
    view = ctx.window.library_view
    view.select_study("wang2025")
    qtbot.waitUntil(lambda: view.study_view.study_id == "wang2025", timeout=5000)
    summary = view.study_view.summary_labels
    assert summary["design"].text() == "叙述性综述"
    assert summary["evidence"].text().startswith("5 级 — 基于机制的推理")
    assert summary["evidence"].text().endswith("(简化 OCEBM 2011 分级)")


def test_calculator_input_labels_listed_for_lupdate_match_the_presenter():
    from atgdesk.present import calculator as pres
    from atgdesk.ui.calculator_view import INPUT_LABELS
    assert set(INPUT_LABELS) == {f.label for f in pres.INPUT_FIELDS}


def test_calculator_input_mnemonic_survives_translation(qtbot, app_env, chinese):
    ctx = app.build()
    qtbot.addWidget(ctx.window)
    dose = ctx.window.calculator_view.dose
    assert dose.label.text() == "每日剂量(&D)"
    assert dose.label.buddy() is dose.spin
    assert dose.spin.accessibleName() == "每日剂量"


def test_presenter_texts_are_english_without_a_translator_and_chinese_with_one(qapp, chinese):
    from atgdesk.present import i18n as present_i18n
    from atgdesk.present.calculator import LimitsState
    limits = LimitsState(checked=("dose per day ≤ 5 mg/kg/day: x",), missing=("no labelled maximum cumulative dose",))
    present_i18n.set_translator(None)  # the command line: no translator, the English source texts
    assert limits.limits_text("P") == ("Label limits for P: dose per day ≤ 5 mg/kg/day: x.\n"
                                       "Not checked: no labelled maximum cumulative dose (none in the cited labels).")
    i18n.install(qapp, language="zh_CN")
    assert limits.limits_text("P") == ("P 的说明书限值：dose per day ≤ 5 mg/kg/day: x。\n"
                                       "未核对：说明书未规定最大累计剂量（所引说明书中均无）。")
    i18n.uninstall(qapp)  # translator callable still installed, no translation: English again
    assert limits.limits_text("P").startswith("Label limits for P:")


def test_missing_limit_words_listed_for_lupdate_match_the_core():
    from dataclasses import replace

    from atgdesk.core.products import load_products, missing_limits
    from atgdesk.present.calculator import MISSING_LIMIT_TEXTS
    products = load_products(ROOT / "data" / "products.toml")
    said = {text for p in products.values() for text in missing_limits(replace(p, limits=()))}
    assert said == set(MISSING_LIMIT_TEXTS)


def test_model_description_dialog_is_chinese_under_zh_cn(qtbot, qapp, chinese):
    from atgdesk.core.model import load_model
    from atgdesk.ui.calc_panels import ModelInfoDialog
    model = load_model(ROOT / "data" / "models" / "illustrative-rabbit-atg-active.toml")
    fixed = ("Structure and equations", "Parameters", "Typical value", "Residual error", "Covariate relations",
             "Validity domain", "Hard (refuse)", "Calibration", "Published figure and how it was read",
             "Entered by", "(amounts per day)", "compartment(s)")
    english = ModelInfoDialog(model)
    qtbot.addWidget(english)
    text = english.browser.toPlainText()
    assert all(word in text for word in fixed), [w for w in fixed if w not in text]
    assert i18n.install(qapp, language="zh_CN") == "zh_CN"
    dialog = ModelInfoDialog(model)
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert not [word for word in fixed if word in text]
    for word in ("结构与方程", "参数", "残差：比例型", "协变量关系", "适用范围", "校准", "已发表数据及其读取方式"):
        assert word in text
    assert dialog.windowTitle() == f"模型 — {model.name}"


def test_probability_heads_listed_for_lupdate_match_the_core_and_are_chinese(qapp, chinese):
    from types import SimpleNamespace

    from atgdesk.core.targets import probability_words
    from atgdesk.present.calculator import PROBABILITY_HEADS, probability_text
    kinds = ("avoid-band", "reference-band", "aim-window", "at-most", "at-least")
    words = {probability_words(SimpleNamespace(kind=k)) for k in kinds}
    assert {w[0].upper() + w[1:] for w in words} == set(PROBABILITY_HEADS)
    target = SimpleNamespace(kind="aim-window")
    english = probability_text(target, 0.29, 1000)
    assert english.startswith("Probability of target attainment: 29 % of 1000 virtual patients")
    i18n.install(qapp, language="zh_CN")
    assert probability_text(target, 0.29, 1000) == "达标概率：具有这些协变量的 1000 名虚拟患者中的 29 %（依据模型的患者间变异）"
    assert probability_text(target, None, 1000, pending=True) == "达标概率：计算中…"


def test_dose_table_flags_a_row_beyond_the_label_in_chinese(qtbot, qapp, chinese):
    from atgdesk.ui.calc_panels import DoseTablePanel
    i18n.install(qapp, language="zh_CN")
    panel = DoseTablePanel()
    qtbot.addWidget(panel)
    panel.set_content(["Day", "Label check"], [["-1", "beyond label"], ["0", "REFUSED"], ["1", ""]], [])
    assert [panel.table.item(r, 1).text() for r in range(3)] == ["超出说明书", "未接受", ""]
    panel.set_content(["Day", "Label check"], [["-1", "beyond label"], ["0", ""], ["1", ""]], [])
    assert panel.table.item(1, 1).text() == ""


def test_presenter_verdict_and_kind_words_read_in_chinese(qapp, chinese):
    from types import SimpleNamespace

    from atgdesk.present.calculator import _KIND_WORDS, verdict_state
    target = SimpleNamespace(kind="aim-window")
    assert verdict_state("a setting", target, None, None).text == "No prediction to compare."
    i18n.install(qapp, language="zh_CN")
    assert verdict_state("a setting", target, None, None).text == "没有可比较的预测。"
    from atgdesk.present.i18n import translate
    assert not [w for w in _KIND_WORDS.values() if translate("CalculatorPresenter", w) == w]


def test_dose_proposal_reads_in_chinese(qapp, chinese):
    from types import SimpleNamespace

    from atgdesk.core.targets import probability_words
    from atgdesk.present.calculator import PROBABILITY_WORDS, propose_dose
    kinds = ("avoid-band", "reference-band", "aim-window")
    assert {probability_words(SimpleNamespace(kind=k)) for k in kinds} == set(PROBABILITY_WORDS)
    assert propose_dose(None, None, None, None).text.startswith("Choose a setting")
    i18n.install(qapp, language="zh_CN")
    assert propose_dose(None, None, None, None).text == "请选择适用场景及其中一个目标，以获得剂量建议。"


def _core_templates() -> list[tuple[str, str, str]]:
    """(file, context, text) of every ``translate("ctx", "text")`` and ``QT_TRANSLATE_NOOP`` call with literal
    arguments in atgdesk/core (what lupdate extracts there: scripts/update_translations.sh reads the folder)."""
    import ast
    out = []
    for path in sorted((ROOT / "atgdesk" / "core").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("translate", "QT_TRANSLATE_NOOP") and len(node.args) == 2
                    and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)):
                out.append((path.name, node.args[0].value, node.args[1].value))
    return out


def test_every_core_template_is_translated_with_its_placeholders():
    """A sentence worded in atgdesk/core (verdicts, target bounds, label-limit findings, model warnings) that the
    .ts lacks, or whose translation drops a {name} placeholder, fails here."""
    root = ET.parse(TS).getroot()
    translations = {}
    for ctx in root.iter("context"):
        name = ctx.find("name").text
        for m in ctx.iter("message"):
            translation = m.find("translation")
            if translation.get("type") not in ("unfinished", "vanished", "obsolete"):
                translations[(name, m.find("source").text)] = "".join(translation.itertext())
    templates = _core_templates()
    files = {f for f, _c, _t in templates}
    assert {"targets.py", "products.py", "model.py"} <= files and len(templates) >= 60
    missing = [f"{f}: {c}: {t!r}" for f, c, t in templates if not translations.get((c, t))]
    assert not missing, missing
    for _f, c, t in templates:
        for ph in set(re.findall(r"\{[a-z_]*\}", t)):
            assert ph in translations[(c, t)], (t, translations[(c, t)])


def test_core_verdict_limit_and_model_warning_read_in_chinese(qapp, chinese):
    """Under zh_CN (translators installed as the app installs them) the core's sentences read in Chinese with
    the numbers and units unchanged; the targets file's outcome stays as written.  Without a translator (the
    command line) they are the English texts, byte for byte."""
    from atgdesk.core import scenario as sc
    from atgdesk.core import words
    from atgdesk.core.model import check_covariates, load_model
    from atgdesk.core.products import check_limits, load_products
    from atgdesk.core.targets import find_target, judge, load_targets
    targets = load_targets(ROOT / "data" / "targets.toml")
    window = find_target(targets, "admiraal2017-adult-ud-nma")
    days = find_target(targets, "oostenbrink2024-atlg-day-below-1")
    thymo = load_products(ROOT / "data" / "products.toml")["rabbit-thymoglobulin"]
    model = load_model(ROOT / "data" / "models" / "illustrative-rabbit-atg-active.toml")
    inputs = sc.ScenarioInputs(dose_mg_per_kg=6.0, n_days=2, first_day=-3)

    def sentences():
        soft, _hard = check_limits(thymo, sc.dose_schedule(inputs), sc.dosing_weight(inputs))
        return (judge(window, 71.234).text, judge(days, None, horizon_day=10).text, soft[0].text,
                check_covariates(model, {"weight_kg": 160, "alc_per_nl": 0.5})[0])

    words.set_translator(None)
    verdict, unknown, limit, warning = sentences()
    assert verdict == ("Typical patient: WITHIN TARGET WINDOW — post-HCT AUC 71.2 AU·day/mL; target 60–95 AU·day/mL "
                       f"({window.outcome})")
    assert unknown.startswith("Typical patient: CANNOT TELL — level below 1 AU/mL not reached by day 10 (extend the "
                              "horizon to place it); target later than day 16 (")
    assert limit.startswith("Beyond the label: dose per day 6 mg/kg/day on days -3, -2 is above 5 mg/kg/day, the "
                            "highest labelled daily dose")
    assert warning == ("weight_kg = 160 kg is outside the range the model was built for [40, 130]; the prediction "
                       "is an extrapolation")

    assert i18n.install(qapp, language="zh_CN") == "zh_CN"
    verdict, unknown, limit, warning = sentences()
    assert verdict == f"典型患者：处于目标范围内 — 移植后 AUC 71.2 AU·day/mL；目标：60–95 AU·day/mL（{window.outcome}）"
    assert unknown.startswith("典型患者：无法判定 — 至第 10 天浓度仍未低于 1 AU/mL（延长计算时间范围方可判定）；"
                              "目标：晚于第 16 天（")
    assert limit.startswith("超出说明书：第 -3, -2 天的每日剂量 6 mg/kg/day 高于 5 mg/kg/day（highest labelled")
    assert warning == "体重 = 160 kg 超出建立模型时所用的范围 [40, 130]；预测为外推结果"  # the field, not its id
    for text in (verdict, unknown, limit, warning):  # no English sentence glued into the Chinese one
        outside_data = text.replace(window.outcome, "").replace(days.outcome, "").split("（highest")[0]
        assert not ENGLISH.search(outside_data.replace("AU·day/mL", "").replace("weight_kg", "")), text
    i18n.uninstall(qapp)  # translator callable still installed, no translation: English again
    assert judge(window, 71.234).text.startswith("Typical patient: WITHIN TARGET WINDOW — post-HCT AUC 71.2")


def test_note_regimen_and_pinned_words_read_in_chinese(qapp, chinese):
    from atgdesk.core import scenario as sc
    from atgdesk.present.note import NoteFields, plain_source, regimen_words
    inputs = sc.ScenarioInputs(dose_mg_per_kg=2.5, n_days=3, first_day=-4)
    assert regimen_words(inputs) == "2.5 mg/kg/day × 3 days from day -4 (7.5 mg/kg in all)"
    i18n.install(qapp, language="zh_CN")
    assert regimen_words(inputs) == "2.5 mg/kg/day × 3 天，自第 -4 天起（共 7.5 mg/kg）"
    assert plain_source("AUC 60–95 [ABS]") == "AUC 60–95 (读自论文摘要)"
    assert NoteFields(patient="X").rows() == (("患者", "X"),)


def test_levels_notes_and_the_day_table_read_in_chinese(qtbot, qapp, chinese):
    """The measured-levels notes worded in core (nca) and the per-day table's texts (their context spelled out
    so lupdate keeps them) under zh_CN."""
    import numpy as np

    from atgdesk.core.nca import nca
    from atgdesk.ui.calc_inputs import DayTableEditor
    levels = (np.array([2.0, 4.0, 8.0, 12.0]), np.array([20.0, 12.0, 6.0, 3.0]))
    assert "the first level is on day 2: AUC from day 0 to day 2 is not covered (not counted)" in nca(
        levels, horizon_day=10.0, unit="AU/mL").notes
    i18n.install(qapp, language="zh_CN")
    notes = nca(levels, horizon_day=10.0, unit="AU/mL").notes
    assert "第一个浓度在第 2 天：第 0 天至第 2 天的 AUC 未覆盖（不计入）" in notes
    assert "计算时间范围（第 10 天）之后的浓度不计入移植后 AUC" in notes
    editor = DayTableEditor()
    qtbot.addWidget(editor)
    assert (editor.add_button.text(), editor.remove_button.text()) == ("添加一天", "删除一天")
    assert editor.table.accessibleName() == "逐日给药方案"


def test_no_text_was_read_as_a_context_name():
    """lupdate reads a bare ``tr("Context", "text")`` alias as ``tr(source, comment)``: the source is then a
    context name and the real text is lost from the .ts (the per-day table's texts were, once)."""
    root = ET.parse(TS).getroot()
    contexts = {ctx.find("name").text for ctx in root.iter("context")}
    misread = [(m.find("source").text, m.find("comment").text) for m in root.iter("message")
               if m.find("comment") is not None and m.find("source").text in contexts]
    assert not misread, misread


def test_levels_table_error_reads_in_chinese(qtbot, qapp, chinese):
    """A typing error in the measured-levels table is worded by core (levels) as whole templates: Chinese under
    zh_CN with the cell as typed, English (and unchanged) without a translator."""
    from atgdesk.ui.levels_panel import LevelsPanel
    panel = LevelsPanel()
    qtbot.addWidget(panel)
    panel.set_rows([("1", "12.5", "AU/mL"), ("2", "5,3,2", "AU/mL")])
    assert panel.error_text().startswith("levels table row 2, column concentration: concentration '5,3,2' is not "
                                         "a number (one decimal mark only")
    i18n.install(qapp, language="zh_CN")
    panel = LevelsPanel()
    qtbot.addWidget(panel)
    panel.set_rows([("1", "12.5", "AU/mL"), ("2", "5,3,2", "AU/mL")])
    assert panel.error_text() == ("浓度表 第 2 行，列 concentration：浓度 '5,3,2' 不是数字（只能有一个小数点，'.' 或 ','；"
                                  "不要千位分隔符）")


def test_levels_quality_words_read_in_chinese(qtbot, qapp, chinese):
    from atgdesk.ui.levels_panel import LevelsPanel
    rows = [("1", "30", "AU/mL"), ("3", "20", "AU/mL"), ("6", "11", "AU/mL"), ("10", "5", "AU/mL")]
    panel = LevelsPanel()
    qtbot.addWidget(panel)
    panel.set_rows(rows)
    assert "Terminal half-life" in panel.result_text() and ("(good)" in panel.result_text()
                                                            or "(questionable)" in panel.result_text())
    i18n.install(qapp, language="zh_CN")
    panel = LevelsPanel()
    qtbot.addWidget(panel)
    panel.set_rows(rows)
    text = panel.result_text()
    assert "终末半衰期" in text and ("（良好）" in text or "（存疑）" in text), text
    assert "good" not in text and "questionable" not in text


def test_library_cell_tooltips_are_chinese(qapp, chinese):
    """The star cell's tooltip (a favourite) in the interface language; other cells' tooltips are the study's
    own text, shown whole where the column elides it."""
    from PySide6.QtCore import Qt

    from atgdesk.ui.citation_model import CitationRow, CitationTableModel
    i18n.install(qapp, language="zh_CN")
    model = CitationTableModel()
    model.set_rows([CitationRow("s1", "Doe J", "Doe J", 2020, "A long title", "Biol Blood Marrow Transplant",
                                favourite=True)])
    assert model.data(model.index(0, CitationTableModel.STAR), Qt.ItemDataRole.ToolTipRole) == "收藏"
    assert "Biol Blood Marrow Transplant" in model.data(model.index(0, CitationTableModel.JOURNAL),
                                                        Qt.ItemDataRole.ToolTipRole)
