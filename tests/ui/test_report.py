"""The dosing note and the calculator's exports (issue 12 item 8), and their wiring into the main window."""

from __future__ import annotations

import datetime as _dt
import re
import subprocess

import pytest
from pypdf import PdfReader
from PySide6.QtCore import QSaveFile, QSettings
from PySide6.QtWidgets import QFileDialog, QMessageBox

from atgdesk import app, paths
from atgdesk.library.userstore import UserStore
from atgdesk.present.note import NoteContent, PinnedRow, format_number, plain_source
from atgdesk.ui import report
from atgdesk.ui.calculator_view import CalculatorView
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


# -- the dosing note ------------------------------------------------------------------------------------------------
PRINTED = _dt.datetime(2026, 12, 3, 9, 41, tzinfo=_dt.UTC)


@pytest.fixture
def view(qtbot, tmp_path):
    store = UserStore.open(tmp_path / "user.sqlite")
    v = CalculatorView(paths.models_dir(), paths.data_dir(), store)
    qtbot.addWidget(v)
    v.resize(1280, 800)
    v.show()
    qtbot.waitExposed(v)
    yield v
    store.close()


def _choose_setting_with_target(view):
    view.setting_combo.setCurrentIndex(1)  # the first real setting: its first target is chosen
    assert view._current_target() is not None


def _pin_two(view):
    _choose_setting_with_target(view)
    view.pin_current()
    view.dose.set_value(3.5)
    view._set_input(dose_mg_per_kg=3.5)
    view.pin_current()
    view.rename_pinned(0, "Protocol 2.5 mg/kg")
    view.rename_pinned(1, "Higher 3.5 mg/kg")
    return [p.name for p in view.pinned()]


def _pdf_text(path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)


def _flat(path) -> str:
    """The PDF's text with any run of white space as one space (extraction spaces words with tabs or spaces)."""
    return " ".join(_pdf_text(path).split())


def test_pdf_note_reads_back_with_date_time_fields_every_pin_and_no_internal_words(view, tmp_path):
    names = _pin_two(view)
    out = tmp_path / "note.pdf"
    fields = report.NoteFields(patient="Test Patient 0042", prescriber="Dr A. Example", hct_date="2026-12-09")
    view.export_pdf(out, fields)
    text = _pdf_text(out)
    flat = " ".join(text.split())
    assert re.search(r"Printed \d{1,2} [A-Z][a-z]+ 20\d\d, \d\d:\d\d \(UTC[+-]\d\d:\d\d\)", flat), flat[:300]
    for wanted in (*names, "Test Patient 0042", "Dr A. Example", "2026-12-09", "Scenarios compared (pinned)",
                   "Verdict (typical patient)", "AUC after day 0 (to day 100)", "calibrated to published summary"):
        assert wanted in flat, wanted
    for banned in ("scripts/", "calibrate_illustrative", "[ABS]", "[SEC]", "[TABLE]", ".md", "e+0"):
        assert banned not in flat, banned
    # the pinned rows carry a verdict word and a share of patients
    assert flat.count("% (attainment, N = 1000)") + flat.count("% (harm, N = 1000)") >= 2


def test_pdf_note_fields_are_optional_and_never_stored(view, tmp_path):
    _choose_setting_with_target(view)
    plain = tmp_path / "plain.pdf"
    view.export_pdf(plain)  # no fields: no empty patient block
    assert "Test Patient" not in _flat(plain) and "Prescriber" not in _flat(plain)
    view.pin_current()
    view.export_pdf(tmp_path / "with.pdf", report.NoteFields(patient="Zebra Patient 77", prescriber="Dr Quokka"))
    assert "Zebra Patient 77" in _flat(tmp_path / "with.pdf")
    view.save_pinned(0)  # the user saves the scenario: still no patient fields in it
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    view.save_state(settings)
    settings.sync()
    kept = [f for f in (*tmp_path.rglob("*"), *paths.user_dir().rglob("*")) if f.is_file() and f.suffix != ".pdf"]
    assert any(f.name == "settings.ini" for f in kept)
    for f in kept:
        data = f.read_bytes()
        assert b"Zebra Patient 77" not in data and b"Dr Quokka" not in data, f


def test_note_fields_dialog_returns_what_was_typed_or_none_on_cancel(qtbot, monkeypatch):
    dialog = report.NoteFieldsDialog()
    qtbot.addWidget(dialog)
    assert all(w.accessibleName() for w in (dialog.patient, dialog.prescriber, dialog.hct_date))
    qtbot.keyClicks(dialog.patient, "  Test Patient 0042 ")
    qtbot.keyClicks(dialog.hct_date, "2026-12-09")
    assert dialog.fields() == report.NoteFields("Test Patient 0042", "", "2026-12-09")
    monkeypatch.setattr(report.NoteFieldsDialog, "exec", lambda self: report.QDialog.DialogCode.Rejected)
    assert report.ask_note_fields() is None


def test_note_body_text_is_at_least_9_pt():
    content = NoteContent("M", "illustrative", "label", "src [ABS]", [("Input", "1")], ["Day"], [["-3"]], [],
                          "target", "source [SEC]", [("AUC", "1")], "verdict", "versions",
                          pinned=[PinnedRow("A", "r", "1", "v", "1 %")])
    page = report.report_html(content, fields=report.NoteFields(patient="P"), printed_at=PRINTED)
    assert "<small" not in page
    sizes = [float(s) for s in re.findall(r"font-size:\s*([\d.]+)pt", page)]
    assert sizes and min(sizes) >= 9.0 and report.BODY_PT >= 9.0
    assert "[ABS]" not in page and "read in the paper&#x27;s abstract" in page
    assert "from a secondary summary of the paper" in page
    assert "Printed 3 December 2026, " in page


def test_plain_source_names_no_script_and_explains_tags():
    text = ("Values: calibrated by scripts/calibrate_illustrative.py to summary figures C1-C3 of pk-evidence.md §4 "
            "(see [calibration]); Lakkaraja 2022 [ABS]; Waller 2003 [TABLE]; Bishop 2026 [SEC]")
    out = plain_source(text)
    assert "scripts/" not in out and ".md" not in out and "[" not in out
    assert "calibrated to published summary figures" in out
    assert "(read in a published table)" in out


@pytest.mark.parametrize(("value", "text"), [(1430.2, "1430"), (0.012345, "0.0123"), (47.49, "47.5"),
                                             (9.996, "10"), (None, "—"), (float("nan"), "—"), (-0.0, "0")])
def test_one_number_format_never_an_exponent(value, text):
    assert format_number(value) == text


def test_pdf_rendered_page_is_legible(view, tmp_path):
    """Render the note with pdftoppm (as a reader sees it); the PNG is kept for a person to look at."""
    _pin_two(view)
    out = tmp_path / "note.pdf"
    view.export_pdf(out, report.NoteFields(patient="Test Patient 0042"))
    pages = len(PdfReader(str(out)).pages)
    assert pages == 1  # a one-page dosing note (product.md §3), with two pinned scenarios and the patient fields
    png = tmp_path / "note"
    subprocess.run(["pdftoppm", "-r", "60", "-png", str(out), str(png)], check=True, timeout=60)
    rendered = sorted(tmp_path.glob("note*.png"))
    assert len(rendered) == pages and all(p.stat().st_size > 10_000 for p in rendered)


# -- atomic, truthful exports ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["pdf", "png", "svg", "csv"])
def test_export_into_a_missing_folder_says_so_and_writes_nothing(view, tmp_path, kind):
    out = tmp_path / "no-such-folder" / f"x.{kind}"
    call = {"pdf": lambda: view.export_pdf(out), "png": lambda: view.export_plot(out, "png"),
            "svg": lambda: view.export_plot(out, "svg"), "csv": lambda: view.export_csv(out)}[kind]
    with pytest.raises(report.ReportError, match="does not exist — nothing was written"):
        call()
    assert not out.parent.exists()


@pytest.mark.parametrize("kind", ["pdf", "png", "svg", "csv"])
def test_a_failed_write_keeps_the_old_file_and_reports_no_written(view, tmp_path, monkeypatch, kind):
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / f"x.{kind}"
    out.write_bytes(b"the previous file")
    monkeypatch.setattr(QSaveFile, "commit", lambda self: False)  # e.g. the disk filled up while writing
    warnings, statuses = [], []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    view.status_message.connect(statuses.append)
    fn = {"pdf": view.export_pdf, "png": lambda p: view.export_plot(p, "png"),
          "svg": lambda p: view.export_plot(p, "svg"), "csv": view.export_csv}[kind]
    view._run_export(fn, str(out))
    assert out.read_bytes() == b"the previous file"
    assert statuses == [] and warnings and "Nothing was written" in warnings[0]
    assert [p.name for p in folder.iterdir()] == [out.name]  # no temporary file left behind


@pytest.mark.parametrize("kind", ["pdf", "png", "svg", "csv"])
def test_exports_are_valid_files_of_their_kind(view, tmp_path, kind):
    folder = tmp_path / "exports"
    folder.mkdir()
    out = folder / f"x.{kind}"
    {"pdf": lambda: view.export_pdf(out), "png": lambda: view.export_plot(out, "png"),
     "svg": lambda: view.export_plot(out, "svg"), "csv": lambda: view.export_csv(out)}[kind]()
    head = out.read_bytes()[:8]
    assert head.startswith({"pdf": b"%PDF-", "png": b"\x89PNG", "svg": b"<?xml", "csv": b"# ATG"}[kind])
    assert [p.name for p in folder.iterdir()] == [out.name]


# -- pinned scenarios are kept on quit ----------------------------------------------------------------------------
def test_pinned_scenarios_survive_quitting_the_real_main_window(qtbot, app_env):
    ctx = _build(qtbot)
    calc = ctx.window.calculator_view
    calc.pin_current()
    calc.dose.set_value(3.0)
    calc._set_input(dose_mg_per_kg=3.0)
    calc.pin_current()
    calc.rename_pinned(1, "Higher dose, renamed")
    before = [(p.name, p.inputs.dose_mg_per_kg, float(p.result.metrics.auc_post)) for p in calc.pinned()]
    ctx.window.force_close = True
    ctx.window.close()  # quitting saves the window state, the pins with it
    again = _build(qtbot)
    after = [(p.name, p.inputs.dose_mg_per_kg, float(p.result.metrics.auc_post))
             for p in again.window.calculator_view.pinned()]
    assert after == before and after[1][0] == "Higher dose, renamed"
    assert again.window.calculator_view.plot.legend_labels()[1:] == [name for name, _, _ in before]


def test_plot_exported_in_dark_mode_is_drawn_in_the_light_colours(view, tmp_path, qapp):
    """A PNG exported from a dark screen is pasted or printed on white: it is drawn in the light colours, and the
    screen keeps its dark colours afterwards."""
    from PySide6.QtGui import QColor, QImage, QPalette

    from atgdesk.ui import theme
    original = QPalette(qapp.palette())
    try:
        qapp.setPalette(theme.dark_palette())
        qapp.processEvents()
        assert view.plot.plot_widget.backgroundBrush().color() == QColor(theme.DARK.plot_background)
        out = view.export_plot(tmp_path / "dark.png", "png")
        image = QImage(str(out))
        corner = QColor(image.pixel(3, image.height() - 3))
        assert corner.lightness() > 200, corner.name()
        assert view.plot.plot_widget.backgroundBrush().color() == QColor(theme.DARK.plot_background)
        assert view.plot.curve.opts["pen"].color() == QColor(theme.DARK.plot_curve)
    finally:
        qapp.setPalette(original)
        qapp.processEvents()
