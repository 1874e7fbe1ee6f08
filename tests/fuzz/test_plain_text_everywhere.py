"""Markup and script-like text from the database, an imported file, notes, tags and a model file is shown
literally everywhere: labels are PlainText, rich-text views escape it, and no <img> resource is ever loaded."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QAbstractButton, QLabel, QPlainTextEdit, QTextBrowser, QTextEdit

from atgdesk import paths
from atgdesk.ui.citation_model import CitationTableModel
from tests.fuzz.conftest import SHIPPED_MODEL

HOSTILE = ("<b>bold</b>", "<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "&amp;",
           '<a href="http://x">link</a>')
ALL = " ".join(HOSTILE)


def _images_in(document: QTextDocument) -> list[str]:
    """Names of images the document would load (none may come from data)."""
    found = []
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                found.append(fmt.toImageFormat().name())
            it += 1
        block = block.next()
    return found


def assert_literal_everywhere(root, must_show: tuple[str, ...] = ()) -> None:
    """Every label, button and text view under ``root`` shows hostile text literally; ``must_show`` is visible."""
    shown = []
    for label in root.findChildren(QLabel):
        text = label.text()
        shown.append(text)
        if any(h in text for h in ("onerror", "<script>", "<b>bold", "http://x", "&amp;")):
            if label.textFormat() != Qt.TextFormat.PlainText:
                # a rich-text label may only hold escaped data
                assert "<img" not in text and "<script" not in text and "<b>bold" not in text, text
    for button in root.findChildren(QAbstractButton):
        shown.append(button.text())
    for edit in root.findChildren(QPlainTextEdit):
        shown.append(edit.toPlainText())
    for view in root.findChildren(QTextEdit):  # QTextBrowser too
        shown.append(view.toPlainText())
        assert _images_in(view.document()) == [], view.objectName()
        assert "<img" not in view.toHtml() and "<script" not in view.toHtml()
    everything = "\n".join(shown)
    for text in must_show:
        assert text in everything, text


@pytest.fixture
def hostile_models(tmp_path, monkeypatch) -> Path:
    """A models folder with one model whose every text field is hostile."""
    folder = tmp_path / "models"
    folder.mkdir()
    text = SHIPPED_MODEL.read_text(encoding="utf-8")
    for key in ("name", "assay", "label"):
        text = text.replace(f'\n{key} = "', f'\n{key} = "{ALL.replace(chr(34), chr(39))} ', 1)
    text = text.replace('citation = "', f'citation = "{ALL.replace(chr(34), chr(39))} ', 1)
    text = text.replace('note = "Linking', f'note = "{ALL.replace(chr(34), chr(39))} Linking', 1)
    text = text.replace('description = "total body weight"', 'description = "<b>kg</b> <img src=x>"')
    (folder / "hostile.toml").write_text(text, encoding="utf-8")
    monkeypatch.setattr(paths, "models_dir", lambda: folder)
    return folder


@pytest.fixture
def ctx(fuzz_db, hostile_models, monkeypatch, qtbot):
    from atgdesk import app
    from atgdesk.library.db import open_bundled
    monkeypatch.setenv("ATGDESK_DB", str(fuzz_db))
    context = app.build(library=open_bundled(fuzz_db))
    qtbot.addWidget(context.window)
    context.window.show()
    yield context
    context.window.close()
    context.userstore.close()
    context.library.close()


def test_plain_text_library_list_keeps_markup_as_data(ctx):
    view = ctx.window.library_view
    view.set_query("hostile")
    view.flush_search()
    assert "hostile2026" in view.listed_ids()
    row = view.model.row_of("hostile2026")
    title = view.model.index(row, CitationTableModel.TITLE).data()
    assert title.startswith("HOSTILE <b>bold</b> <img src=x onerror=alert(1)> <script>")
    assert not ctx.window.grab().isNull()


def test_plain_text_study_view_shows_every_field_literally(ctx):
    view = ctx.window.library_view
    view.select_study("hostile2026")
    study = view.study_view
    assert study.study_id == "hostile2026"
    assert study.title_label.textFormat() == Qt.TextFormat.PlainText
    assert_literal_everywhere(study, must_show=(
        "HOSTILE <b>bold</b> <img src=x onerror=alert(1)> <script>alert('t')</script> &amp;",
        "Take <b>home</b> <img src=x onerror=alert(10)>",
        "Finding <b>one</b> <script>alert(9)</script>",
        "<b>two</b> <img src=x onerror=alert(8)> patients &amp;",
        "Excerpt <b>bold</b> <img src=x onerror=alert(3)>",
        "Abstract <b>bold</b> <img src=x onerror=alert(5)>",
        "<script>alert(7)</script> &amp;",
        "<b>NCT</b><img src=x>",
    ))
    for label in study.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()
    assert not study.grab().isNull()


def test_plain_text_imported_citation_notes_and_tags(ctx, tmp_path):
    controller = ctx.window.library_view.controller
    ris = tmp_path / "hostile.ris"
    ris.write_text("TY  - JOUR\n"
                   f"TI  - Imported {ALL}\n"
                   "AU  - <b>Evil</b>, <img src=x onerror=alert(1)>\n"
                   "JO  - <script>alert(2)</script>\n"
                   f"AB  - Abstract {ALL}\n"
                   "PY  - 2024\n"
                   "ER  - \n", encoding="utf-8")
    results = controller.import_files([ris])
    assert results[0][1] == 1, results
    imported = ctx.userstore.imported()
    sid = f"user:{imported[0].id}"
    store = ctx.userstore
    store.set_note("hostile2026", f"Note {ALL}")
    store.add_tag("hostile2026", "<b>tag</b> <img src=x>")
    store.add_tag(sid, "<script>t</script>")
    view = ctx.window.library_view
    controller._reload_personal()
    controller.refresh()

    view.select_study(sid)
    assert view.study_view.study_id == sid
    assert_literal_everywhere(view.study_view, must_show=(f"Imported {ALL}", "<script>t</script>"))
    for label in view.study_view.findChildren(QLabel):
        assert label.textFormat() == Qt.TextFormat.PlainText, label.text()

    view.select_study("hostile2026")
    assert view.study_view.notes_edit.toPlainText() == f"Note {ALL}"
    assert "<b>tag</b> <img src=x>" in view.study_view.tag_chips()
    assert_literal_everywhere(view.study_view, must_show=(f"Note {ALL}", "<b>tag</b> <img src=x>"))
    assert_literal_everywhere(ctx.window)  # filters panel (tag list), status bar, everything else
    assert not ctx.window.grab().isNull()


def test_plain_text_calculator_model_info_and_levels_table(ctx, qtbot):
    calc = ctx.window.calculator_view
    ctx.window.show_calculator_action.trigger()
    dialog = calc.show_model_info()
    assert dialog is not None
    qtbot.addWidget(dialog)
    browser = dialog.findChild(QTextBrowser)
    plain = browser.toPlainText()
    for text in HOSTILE:
        assert text.replace('"', "'") in plain, text  # the model file holds the link with single quotes
    assert "<b>kg</b> <img src=x>" in plain
    assert _images_in(browser.document()) == []
    assert_literal_everywhere(dialog)
    assert_literal_everywhere(calc)  # model name in the combo and labels, status badge, metrics

    levels = calc.levels_panel
    levels.set_rows([("0", "10", "AU/mL"), ("1", "x <b>bold</b> <img src=x onerror=alert(1)>", "AU/mL")])
    assert levels.errors.textFormat() == Qt.TextFormat.PlainText
    assert "<b>bold</b> <img src=x onerror=alert(1)>" in levels.error_text()
    assert levels.table.item(1, 1).text() == "x <b>bold</b> <img src=x onerror=alert(1)>"
    assert_literal_everywhere(levels)
    assert not calc.grab().isNull()
