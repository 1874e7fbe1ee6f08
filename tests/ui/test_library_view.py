"""The Library screen in the real app (pytest-qt, offscreen): search, filters, study, copy, notes, import."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QLabel, QPlainTextEdit, QToolButton

# tests/ui has no __init__.py, so pytest puts it on sys.path: this is the module pytest itself imported.
from test_library_model import tooltip_shows

from atgdesk.ui.citation_model import CitationTableModel

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_DATA = ROOT / "tests" / "library" / "fixtures" / "data"


def _close(ctx) -> None:
    ctx.window.close()
    ctx.window.deleteLater()
    if ctx.userstore is not None:
        ctx.userstore.close()
    ctx.library.close()


@pytest.fixture
def ctx(app_env, qtbot):
    """The whole app built on the real bundled database, with an isolated user folder."""
    from atgdesk import app as appmod
    context = appmod.build()
    context.window.show()
    qtbot.waitExposed(context.window)
    yield context
    _close(context)


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory) -> Path:
    """The library tests' fixture data (it holds a study whose title is markup) built by the real builder."""
    from atgdesk.builder.build import build_database
    out = tmp_path_factory.mktemp("hostile-db") / "atgdesk.sqlite"
    build_database(FIXTURE_DATA, out)
    return out


def _search(qtbot, view, text: str) -> None:
    view.search_edit.clear()
    qtbot.keyClicks(view.search_edit, text)
    qtbot.waitUntil(lambda: not view._search_timer.isActive(), timeout=2000)


def test_library_view_typing_narrows_the_list_ranked(ctx, qtbot):
    view = ctx.window.library_view
    total = ctx.library.meta.study_count  # the 67 seed studies and the dosing & PK references
    refs = ctx.library.meta.reference_count
    assert total > 67 and view.count_label.text() == f"67 of 67 studies · {refs} of {refs} dosing & PK references"
    assert len(view.listed_ids()) == total
    _search(qtbot, view, "horse rabbit aplastic")
    ids = view.listed_ids()
    assert set(ids[:2]) == {"scheinberg2011", "atta2010"}
    found_refs = sum(ctx.library.get(i).record.is_reference for i in ids)
    assert view.count_label.text() == (f"{len(ids) - found_refs} of 67 studies · {found_refs} of {refs} dosing & "
                                       "PK references")
    assert len(ids) < total
    title = view.proxy.index(0, CitationTableModel.TITLE)
    assert "horse" in title.data(Qt.ItemDataRole.UserRole + 3)  # the terms the delegate highlights


def test_the_count_never_calls_a_dosing_reference_a_study(ctx, qtbot):
    # meta.study_count counts the references too: the list said "92 of 92 studies" for 67 studies.
    view = ctx.window.library_view
    panel = view.filters_panel
    refs = ctx.library.meta.reference_count
    panel.check("kind", "study")
    assert view.count_label.text() == "67 of 67 studies"
    panel.check("setting", "aplastic-anaemia")
    aplastic = len(view.listed_ids())
    assert 0 < aplastic < 67 and view.count_label.text() == f"{aplastic} of 67 studies"
    panel.clear()
    panel.check("kind", "dosing-reference")
    assert view.count_label.text() == f"{refs} of {refs} dosing & PK references"
    assert len(view.listed_ids()) == refs


def test_library_view_search_is_debounced(ctx, qtbot):
    view = ctx.window.library_view
    calls = []
    view.query_changed.connect(calls.append)
    qtbot.keyClicks(view.search_edit, "thymo")
    assert calls == []  # nothing while typing
    qtbot.waitUntil(lambda: calls == ["thymo"], timeout=2000)


def test_library_view_hostile_queries_never_raise(ctx, qtbot):
    view = ctx.window.library_view
    for text in ['"unbalanced', "AND OR NOT NEAR * ^ ( ) :", "🙂🙂", "x" * 10_000, "抗胸腺"]:
        view.set_query(text)
        view.flush_search()
        assert view.count_label.text().endswith(f"of {ctx.library.meta.reference_count} dosing & PK references")
        assert " of 67 studies · " in view.count_label.text()


def test_library_view_escape_clears_and_empty_lists_all_in_stable_order(ctx, qtbot):
    view = ctx.window.library_view
    first = view.listed_ids()
    _search(qtbot, view, "kidney")
    assert len(view.listed_ids()) < ctx.library.meta.study_count
    qtbot.keyClick(view.search_edit, Qt.Key.Key_Escape)
    view.flush_search()
    assert view.search_edit.text() == ""
    assert view.listed_ids() == first == ctx.library.all_ids()


def test_library_view_filters_combine(ctx, qtbot):
    view = ctx.window.library_view
    panel = view.filters_panel
    panel.check("setting", "aplastic-anaemia")
    aplastic = set(view.listed_ids())
    assert "scheinberg2011" in aplastic and len(aplastic) < 67
    panel.set_years(2011, None)
    both = set(view.listed_ids())
    assert both and both < aplastic
    for sid in both:
        assert ctx.library.get(sid).record.year >= 2011
    expected = {r.id for r in ctx.library.search("", _filters(settings=("aplastic-anaemia",), year_min=2011))}
    assert both == expected
    # Each facet is counted with the other filters applied: the checked setting shows the list's size.
    view.controller.flush_facets()
    counts = {item.data(Qt.ItemDataRole.UserRole + 1): item.text() for item in _items(panel.lists["setting"])}
    assert counts["aplastic-anaemia"].endswith(f"({len(both)})")
    panel.clear()
    assert len(view.listed_ids()) == ctx.library.meta.study_count


def _filters(**kw):
    from atgdesk.library.records import SearchFilters
    return SearchFilters(**kw)


def _items(widget):
    return [widget.item(i) for i in range(widget.count())]


def test_library_view_sort_by_year_is_numeric(ctx, qtbot):
    view = ctx.window.library_view
    view.table.sortByColumn(CitationTableModel.YEAR, Qt.SortOrder.AscendingOrder)
    shown = [view.proxy.index(r, CitationTableModel.YEAR).data() for r in range(view.proxy.rowCount())]
    # Entries without a year (product labels and a reference the data cite without one) come first, blank.
    blank = shown.count("")
    assert blank and shown[:blank] == [""] * blank
    years = [int(y) for y in shown[blank:]]
    assert years == sorted(years) and years[0] < years[-1]
    view.table.sortByColumn(CitationTableModel.YEAR, Qt.SortOrder.DescendingOrder)
    assert view.proxy.index(0, CitationTableModel.YEAR).data() == str(max(
        r.year for r in ctx.library.search("")))  # 2026: Bishop 2026, a dosing & PK reference


def test_library_view_selecting_shows_the_study(ctx, qtbot):
    view = ctx.window.library_view
    _search(qtbot, view, "horse rabbit aplastic")
    assert view.select_study("scheinberg2011")
    study = view.study_view
    assert study.study_id == "scheinberg2011"
    assert study.title_label.text() == (
        "Horse versus rabbit antithymocyte globulin in acquired aplastic anemia.")
    assert study.citation_label.text().startswith("Scheinberg P, Nunez O, Weinstein B")
    assert study.summary_labels["setting"].text() == "Aplastic anaemia / marrow failure"
    graded = next(sid for sid in ctx.library.all_ids() if ctx.library.get(sid).record.evidence_level)
    record = ctx.library.get(graded).record
    view.select_study(graded)
    assert study.summary_labels["evidence"].text() == (
        f"Level {record.evidence_level} — {record.evidence_label} (simplified OCEBM 2011 scale)")
    view.select_study("scheinberg2011")
    assert study.excerpt_label.text().startswith("“")
    urls = [b.property("url") for b in study.identifier_buttons()]
    assert "https://clinicaltrials.gov/study/NCT00260689" in urls
    statuses = [w.text() for w in study.findChildren(QLabel) if w.text() == "(unverified)"]
    assert statuses, "a probable identifier is shown as unverified"


def test_study_widgets_are_made_for_the_first_study_shown(ctx, qtbot):
    """Start-up shows the placeholder only; the study's widgets are made when the first study is shown."""
    study = ctx.window.library_view.study_view
    assert not study.is_content_built()
    assert study.findChildren(QPlainTextEdit) == []  # not made hidden: not made at all
    assert study.placeholder_label.isVisible()
    study.clear()
    study.flush_note()  # closing or switching before any study: nothing to save, nothing made
    assert not study.is_content_built()
    assert ctx.window.library_view.select_study("scheinberg2011")
    assert study.is_content_built() and study.content.isVisible() and not study.placeholder_label.isVisible()
    assert study.title_label.text().startswith("Horse versus rabbit antithymocyte globulin")
    assert len(study.findChildren(QPlainTextEdit)) == 1
    qtbot.keyClicks(study.notes_edit, "made late, saved as usual")  # the signals were connected when made
    assert study.notes_status.text() == "Saving…"


def test_a_study_widget_asked_for_before_any_study_makes_them_all(qtbot):
    from atgdesk.ui.study_view import StudyView
    study = StudyView()
    qtbot.addWidget(study)
    assert not study.is_content_built()
    assert not hasattr(study, "no_such_widget")  # a name that is not a widget stays an AttributeError
    assert not study.is_content_built() and "notes_edit" not in study.__dict__
    study.set_personal_read_only("read-only for this test")  # the library screen does this at start
    assert study.is_content_built() and study.notes_edit.isReadOnly() and not study.tag_edit.isEnabled()
    assert not study.content.isVisible()  # made, not shown: the placeholder stays until a study is chosen
    with pytest.raises(AttributeError, match="no_such_widget"):
        study.no_such_widget  # noqa: B018


def test_library_view_keyboard_down_and_enter(ctx, qtbot):
    view = ctx.window.library_view
    view.focus_search()
    qtbot.keyClicks(view.search_edit, "scheinberg horse")
    qtbot.keyClick(view.search_edit, Qt.Key.Key_Down)
    assert view.current_id() == view.listed_ids()[0] == "scheinberg2011"
    assert view.study_view.study_id == "scheinberg2011"
    qtbot.keyClick(view.table, Qt.Key.Key_Escape)
    assert view.search_edit.text() == ""


def test_library_view_escape_in_study_view_returns_to_the_list(ctx, qtbot):
    view = ctx.window.library_view
    ctx.window.activateWindow()
    view.focus_search()
    qtbot.keyClicks(view.search_edit, "scheinberg horse")
    qtbot.keyClick(view.search_edit, Qt.Key.Key_Return)  # opens the first study: focus moves to its text
    qtbot.waitUntil(lambda: view.study_view.scroll.hasFocus(), timeout=2000)
    assert view.study_view.study_id == "scheinberg2011"
    qtbot.keyClick(view.study_view.scroll, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.table.hasFocus(), timeout=2000)
    assert view.current_id() == "scheinberg2011"
    assert view.search_edit.text() == "scheinberg horse"  # Esc here goes back; it does not clear the search


def test_study_view_correction_of_a_field_missing_from_the_source_reads_as_added(ctx):
    view = ctx.window.library_view
    view.select_study("wang2025")
    text = view.study_view.corrections_label.text()
    assert "citation.title: (not in the source) → “Optimizing anti-thymocyte globulin dosing" in text
    assert "“”" not in text


def test_library_view_links_ask_before_opening(ctx, qtbot):
    view = ctx.window.library_view
    view.select_study("scheinberg2011")
    study = view.study_view
    opened, asked = [], []
    study.open_url = opened.append
    study.confirm_open = lambda url: asked.append(url.toString()) or False
    button = next(b for b in study.identifier_buttons() if "clinicaltrials" in b.property("url"))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert asked == ["https://clinicaltrials.gov/study/NCT00260689"] and opened == []
    study.confirm_open = lambda url: True
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert [u.toString() for u in opened] == ["https://clinicaltrials.gov/study/NCT00260689"]


def test_library_view_wang2025_switches_abstract_language(ctx, qtbot):
    view = ctx.window.library_view
    view.select_study("wang2025")
    study = view.study_view
    assert study.chinese_button.isVisible()
    assert study.abstract_label.text().startswith("Allogeneic hematopoietic stem cell transplantation")
    qtbot.mouseClick(study.chinese_button, Qt.MouseButton.LeftButton)
    assert study.abstract_label.text().startswith("异基因造血干细胞移植")
    qtbot.mouseClick(study.english_button, Qt.MouseButton.LeftButton)
    assert study.abstract_label.text().startswith("Allogeneic")


def test_library_view_shows_corrections(ctx, qtbot):
    # A study whose correction changed printed text (not one that added a missing field).
    with_corrections = [sid for sid in ctx.library.all_ids()
                        if any(c.original and c.corrected for c in ctx.library.get(sid).corrections)]
    assert with_corrections
    view = ctx.window.library_view
    view.select_study(with_corrections[0])
    study = view.study_view
    assert study.corrections_heading.isVisible()
    correction = next(c for c in ctx.library.get(with_corrections[0]).corrections if c.original and c.corrected)
    text = study.corrections_label.text()
    assert f"“{correction.original}” → “{correction.corrected}”" in text


def test_library_view_related_study_opens(ctx, qtbot):
    view = ctx.window.library_view
    view.select_study("scheinberg2011")
    related = view.study_view.related_list
    assert related.count() > 0
    target = related.item(0).data(Qt.ItemDataRole.UserRole)
    rect = related.visualItemRect(related.item(0))
    qtbot.mouseClick(related.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.study_view.study_id == target


def test_library_view_copy_puts_vancouver_on_clipboard(ctx, qtbot):
    view = ctx.window.library_view
    view.select_study("scheinberg2011")
    view.table.setFocus()
    QGuiApplication.clipboard().clear()
    view.copy_shortcut.activated.emit()
    from atgdesk.library.cite import format_details
    text = QGuiApplication.clipboard().text()
    assert text == format_details([ctx.library.get("scheinberg2011")], "vancouver")[0]
    assert text.startswith("Scheinberg P, Nunez O, Weinstein B, Scheinberg P, Biancotto A, Wu C")
    assert ", et al. Horse versus rabbit antithymocyte globulin in acquired aplastic anemia. N Engl J Med. " \
           "2011;365:430–8." in text
    view.study_view.copy_actions["apa"].trigger()
    assert QGuiApplication.clipboard().text().startswith("Scheinberg, P., Nunez, O., Weinstein, B.")
    # The button itself copies in the style chosen last (APA now), not always Vancouver.
    QGuiApplication.clipboard().clear()
    view.study_view.copy_button.click()
    assert QGuiApplication.clipboard().text().startswith("Scheinberg, P., Nunez, O., Weinstein, B.")


def test_library_view_hostile_title_is_literal(hostile_db, app_env, qtbot, monkeypatch):
    from atgdesk import app as appmod
    from atgdesk.library.db import open_bundled
    monkeypatch.setenv("ATGDESK_DB", str(hostile_db))
    context = appmod.build(library=open_bundled(hostile_db))
    try:
        view = context.window.library_view
        context.window.show()
        view.set_query("kidney ATGAM")
        view.flush_search()
        assert "hacker2008" in view.listed_ids()
        view.select_study("hacker2008")
        title = view.study_view.title_label
        assert title.textFormat() == Qt.TextFormat.PlainText
        assert title.text().startswith('<b>bold</b> <img src=x> "quoted"')
        assert '<b>bold</b> <img src=x>' in view.study_view.citation_label.text()
        row = view.model.row_of("hacker2008")
        assert view.model.index(row, CitationTableModel.TITLE).data().startswith("<b>bold</b>")
        assert not context.window.grab().isNull()  # paints without interpreting the markup
        for label in view.study_view.findChildren(QLabel):
            assert label.textFormat() == Qt.TextFormat.PlainText
    finally:
        _close(context)


def test_library_view_tooltips_show_database_text_literally(hostile_db, app_env, qtbot, monkeypatch):
    """QToolTip renders text that looks like markup as HTML: a title's tooltip showed "<b>bold</b>" in bold
    and "<img src=x>" as a broken image."""
    from atgdesk import app as appmod
    from atgdesk.library.db import open_bundled
    monkeypatch.setenv("ATGDESK_DB", str(hostile_db))
    context = appmod.build(library=open_bundled(hostile_db))
    try:
        view = context.window.library_view
        context.window.show()
        context.userstore.add_tag("hacker2008", "<i>mine</i>")
        view.select_study("hacker2008")
        row = view.model.row_of("hacker2008")
        title = context.library.get("hacker2008").record.title
        tooltip = view.model.index(row, CitationTableModel.TITLE).data(Qt.ItemDataRole.ToolTipRole)
        assert tooltip_shows(tooltip) == title
        (chip,) = [w for w in view.study_view.findChildren(QToolButton) if w.property("tag")]
        assert tooltip_shows(chip.toolTip()) == "Remove the tag “<i>mine</i>”"
        for button in view.study_view.identifier_buttons():
            assert tooltip_shows(button.toolTip()).startswith(f"Open {button.property('url')} ")
        journals = view.filters_panel.lists["journal"]
        for item in _items(journals):
            assert tooltip_shows(item.toolTip()).startswith(f"{item.data(Qt.ItemDataRole.UserRole + 2)}: ")
    finally:
        _close(context)


NARROW_NBIB = """PMID- 33333333
TI  - An imported citation whose long DOI and source line must wrap in a narrow study view.
LID - 10.9999/an.exceptionally.long.identifier.2021.0001 [doi]
AU  - Novak J
TA  - Dev Comp Immunol
DP  - 2021
"""


def test_library_view_study_view_fits_the_smallest_window(ctx, qtbot, tmp_path):
    """At 1024x700 and at the window's minimum size no study makes the study view's content wider than its
    pane: a DOI link beside its status, the three action buttons of an imported citation or a row of tags did,
    and every wrapped paragraph was then clipped on the right."""
    view, window, study = ctx.window.library_view, ctx.window, ctx.window.library_view.study_view
    nbib = tmp_path / "narrow.nbib"
    nbib.write_text(NARROW_NBIB, encoding="utf-8")
    view.controller.import_files([nbib])
    for tag in ("GvHD prophylaxis", "to read", "MDT", "paediatric", "x" * 60):
        ctx.userstore.add_tag("liang2010", tag)
    ids = ctx.library.all_ids() + [sid for sid in view.listed_ids() if sid.startswith("user:")]
    for width, height in ((window.minimumWidth(), window.minimumHeight()), (1024, 700)):
        window.resize(width, height)
        qtbot.wait(20)  # the splitter lays out its panes
        too_wide = []
        for sid in ids:
            view.select_study(sid)
            QApplication.processEvents()  # the layouts settle (posted layout requests)
            if study.scroll.widget().minimumSizeHint().width() > study.scroll.viewport().width():
                too_wide.append(sid)
        assert too_wide == [], f"wider than the study view at {width}x{height}"
    # The long DOI keeps its whole text and address (only its painting is elided when there is no room).
    view.select_study(ids[-1])
    link = next(b for b in study.identifier_buttons() if "doi.org" in b.property("url"))
    assert link.text() == "10.9999/an.exceptionally.long.identifier.2021.0001 ↗"
    assert link.property("url") == "https://doi.org/10.9999/an.exceptionally.long.identifier.2021.0001"
    assert study.remove_button.isVisible()


def test_library_view_notes_survive_closing_and_reopening(app_env, qtbot):
    from atgdesk import app as appmod
    first = appmod.build()
    first.window.show()
    view = first.window.library_view
    view.select_study("atta2010")
    view.study_view.notes_edit.setFocus()
    qtbot.keyClicks(view.study_view.notes_edit, "Check <b>zzyzx</b> dose")
    view.study_view.favourite_button.click()
    view.study_view.tag_edit.setText("aplastic")
    qtbot.keyClick(view.study_view.tag_edit, Qt.Key.Key_Return)
    _close(first)  # closing within the debounce delay must still save the note

    second = appmod.build()
    try:
        second.window.show()
        view = second.window.library_view
        view.select_study("atta2010")
        assert view.study_view.notes_edit.toPlainText() == "Check <b>zzyzx</b> dose"
        assert view.study_view.favourite_button.isChecked()
        assert view.study_view.tag_chips() == ["aplastic"]
        view.filters_panel.set_favourites_only(True)
        assert view.listed_ids() == ["atta2010"]
        view.filters_panel.set_favourites_only(False)
        view.filters_panel.set_tag("aplastic")
        assert view.listed_ids() == ["atta2010"]
        view.filters_panel.set_tag("")
        view.set_query("zzyzx")  # personal notes are searchable
        view.flush_search()
        assert view.listed_ids() == ["atta2010"]
    finally:
        _close(second)


def test_library_view_notes_save_after_debounce(ctx, qtbot):
    view = ctx.window.library_view
    view.select_study("wang2025")
    qtbot.keyClicks(view.study_view.notes_edit, "abc")
    assert ctx.userstore.note("wang2025") == ""
    qtbot.waitUntil(lambda: ctx.userstore.note("wang2025") == "abc", timeout=3000)
    view.select_study("atta2010")
    qtbot.keyClicks(view.study_view.notes_edit, "x")
    view.select_study("wang2025")  # switching study saves the pending note of the previous one
    assert ctx.userstore.note("atta2010") == "x"


RIS = """TY  - JOUR
AU  - Scheinberg, Phillip
TI  - Horse versus rabbit antithymocyte globulin in acquired aplastic anemia
JO  - N Engl J Med
PY  - 2011
ER  -

TY  - JOUR
AU  - Novak, Jana
TI  - Zebrafish models of <i>thymocyte</i> depletion
JO  - Dev Comp Immunol
PY  - 2021
DO  - 10.9999/zebra.2021
ER  -
"""

NBIB = """PMID- 31111111
TI  - Zebrafish models of thymocyte depletion.
LID - 10.9999/zebra.2021 [doi]
AU  - Novak J
TA  - Dev Comp Immunol
DP  - 2021

PMID- 32222222
TI  - Pharmacokinetics of ATG-Fresenius in paediatric recipients.
AU  - Kowalski P
TA  - Pediatr Transplant
DP  - 2022 Mar
"""


def test_library_view_import_adds_and_reports_duplicates(ctx, qtbot, tmp_path):
    ris, nbib = tmp_path / "mine.ris", tmp_path / "pubmed.nbib"
    ris.write_text(RIS, encoding="utf-8")
    nbib.write_text(NBIB, encoding="utf-8")
    controller = ctx.window.library_view.controller
    view = ctx.window.library_view
    results = controller.import_files([ris, nbib])
    assert results[0][:2] == ("mine.ris", 1)
    assert results[0][2][0][1] == "the same title is already in the bundled library"
    assert results[1][:2] == ("pubmed.nbib", 1)
    assert "already in your imported citations" in results[1][2][0][1]
    refs = ctx.library.meta.reference_count
    assert view.count_label.text() == f"67 of 67 studies · {refs} of {refs} dosing & PK references · 2 of 2 imported"
    view.set_query("zebrafish")
    view.flush_search()
    (row_id,) = view.listed_ids()
    assert row_id.startswith("user:")
    view.select_study(row_id)
    assert view.study_view.title_label.text() == "Zebrafish models of <i>thymocyte</i> depletion"
    assert view.study_view.remove_button.isVisible()
    from atgdesk.ui import library_dialogs
    library_dialogs_confirm = library_dialogs.confirm
    try:
        library_dialogs.confirm = lambda *a: True
        view.study_view.remove_button.click()
    finally:
        library_dialogs.confirm = library_dialogs_confirm
    assert view.listed_ids() == []
    assert len(ctx.userstore.imported()) == 1


def test_library_view_broken_import_names_line_and_adds_nothing(ctx, tmp_path):
    bad = tmp_path / "broken.ris"
    bad.write_text("TY  - JOUR\nTI  - Fine\nER  - \nTY  - JOUR\nTI  - Unclosed\n", encoding="utf-8")
    results = ctx.window.library_view.controller.import_files([bad])
    assert results == [("broken.ris", 0, [], "broken.ris, line 4: this record is not closed with 'ER  -' "
                                               "before the end of the file")]
    assert ctx.userstore.imported() == []
    from atgdesk.ui.library_dialogs import import_report_text
    assert "Nothing from this file was added." in import_report_text(results)


def test_library_view_export_selection_and_list(ctx, qtbot, tmp_path):
    view = ctx.window.library_view
    controller = view.controller
    view.set_query("horse rabbit aplastic")
    view.flush_search()
    out = tmp_path / "sel.ris"
    assert controller.export_to(out, "ris", ["scheinberg2011"]) == 1
    assert out.read_text(encoding="utf-8").count("TY  - JOUR") == 1
    out = tmp_path / "list.json"
    assert controller.result_ids() == view.listed_ids()
    count = controller.export_to(out, "csl-json", controller.result_ids())
    assert count == len(view.listed_ids()) and len(json.loads(out.read_text(encoding="utf-8"))) == count


def test_library_view_export_dialog_via_file_menu(ctx, qtbot, tmp_path, monkeypatch):
    from atgdesk.ui import library_dialogs
    view = ctx.window.library_view
    view.select_study("atta2010")
    target = tmp_path / "out.bib"
    def choose_bibtex_selection(dialog) -> int:
        dialog.format_radios["bibtex"].setChecked(True)
        dialog.selection_radio.setChecked(True)
        return 1

    monkeypatch.setattr(library_dialogs.ExportDialog, "exec", choose_bibtex_selection)
    monkeypatch.setattr(library_dialogs, "ask_export_path", lambda *a: str(target))
    ctx.window.export_action.trigger()
    text = target.read_text(encoding="utf-8")
    assert text.count("@article") == 1 and "Atta" in text


def test_library_view_personal_layer_export_import(ctx, qtbot, tmp_path):
    controller = ctx.window.library_view.controller
    ctx.userstore.set_favourite("atta2010", True)
    ctx.userstore.add_tag("atta2010", "to read")
    path = tmp_path / "personal.json"
    controller.export_personal_to(path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["favourites"] == ["atta2010"]
    ctx.userstore.set_favourite("atta2010", False)
    counts = controller.import_personal_from(path)
    assert counts["favourites"] == 1 and ctx.userstore.is_favourite("atta2010")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "atgdesk-personal-layer",\n "version": ', encoding="utf-8")
    with pytest.raises(ValueError, match=r"broken.json, line 2: not valid JSON"):
        controller.import_personal_from(broken)


def test_library_facets_are_recounted_off_the_gui_thread_after_typing(ctx, qtbot):
    view = ctx.window.library_view
    controller = view.controller
    _search(qtbot, view, "aplastic")
    qtbot.waitUntil(lambda: not controller.facets_pending(), timeout=10000)
    qtbot.wait(50)  # the queued result is delivered by the event loop
    expected = {f.key: f.count for f in ctx.library.facets("aplastic", controller.search_filters(
        view.filters_panel.state()))["setting"]}
    shown = {item.data(Qt.ItemDataRole.UserRole + 1): item.text()
             for item in _items(view.filters_panel.lists["setting"])}
    assert expected, "the query should match studies with settings"
    for key, count in expected.items():
        assert shown[key].endswith(f"({count})")
    assert controller._facet_library is not None and controller._facet_library is not ctx.library


# -- a large library: the list loads page by page ----------------------------------------------------------------

BIG_N = 2500  # more than MAX_LIST_ROWS, built in about two seconds


@pytest.fixture(scope="module")
def big_db(tmp_path_factory) -> Path:
    """A synthetic library of BIG_N citations built by the real builder."""
    from atgdesk.builder.build import build_synthetic
    out = tmp_path_factory.mktemp("big-db") / "synthetic.sqlite"
    build_synthetic(BIG_N, out)
    return out


@pytest.fixture
def big(big_db, tmp_path, qtbot):
    """A Library screen (view + controller) on the synthetic library, with an empty user store."""
    from types import SimpleNamespace

    from atgdesk.library.db import open_bundled
    from atgdesk.library.userstore import UserStore
    from atgdesk.ui.library_view import LibraryController, LibraryView
    library = open_bundled(big_db)
    store = UserStore.open(tmp_path / "user.sqlite")
    view = LibraryView()
    controller = LibraryController(library, store, view)
    view.resize(1280, 760)
    view.show()
    qtbot.waitExposed(view)
    yield SimpleNamespace(view=view, controller=controller, library=library, store=store)
    controller.shutdown()
    view.close()
    view.deleteLater()
    store.close()
    library.close()


def _mid_query(library) -> tuple[str, int]:
    """A title word matching more than two pages of studies but fewer than the list's cap."""
    import re
    from collections import Counter

    from atgdesk.ui.citation_model import PAGE_ROWS
    from atgdesk.ui.library_view import MAX_LIST_ROWS
    words = Counter(w for r in library.search("") for w in set(re.findall(r"[a-z]{4,}", r.title.lower())))
    for word, _ in words.most_common():
        n = library.count(word + " ")  # trailing space: the word itself, not a prefix
        if 2 * PAGE_ROWS < n < MAX_LIST_ROWS:
            return word + " ", n
    raise AssertionError("no title word with a mid-sized result in the synthetic library")


def _source_ids(model) -> list[str]:
    return [model.row_at(r).id for r in range(model.rowCount())]


def test_library_list_loads_a_page_then_fetches_more_in_ranked_order(big):
    from PySide6.QtCore import QModelIndex

    from atgdesk.ui.citation_model import PAGE_ROWS
    view, model = big.view, big.view.model
    query, n = _mid_query(big.library)
    view.set_query(query)
    view.flush_search()
    ranked = [r.id for r in big.library.search(query)]
    assert len(ranked) == n
    assert view.count_label.text() == f"{n:,} of {BIG_N:,} studies"  # exact, with only a page loaded
    assert model.rowCount() == PAGE_ROWS and model.canFetchMore(QModelIndex())
    assert view.listed_ids() == ranked[:PAGE_ROWS]
    inserted = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    model.fetchMore(QModelIndex())
    assert inserted == [(PAGE_ROWS, 2 * PAGE_ROWS - 1)]  # one insert per page
    assert view.listed_ids() == ranked[:2 * PAGE_ROWS]
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert view.listed_ids() == ranked and len(inserted) == -(-n // PAGE_ROWS) - 1


def test_library_list_stops_at_the_cap_and_says_so(big):
    from PySide6.QtCore import QModelIndex

    from atgdesk.ui.library_view import MAX_LIST_ROWS
    view, model = big.view, big.view.model
    assert view.count_label.text() == (f"{BIG_N:,} of {BIG_N:,} studies (first {MAX_LIST_ROWS:,} listed; "
                                       f"refine the search)")
    model.fetch_all()
    assert model.rowCount() == MAX_LIST_ROWS and not model.canFetchMore(QModelIndex())
    assert view.listed_ids() == [r.id for r in big.library.search("", limit=MAX_LIST_ROWS)]


def test_library_list_scrolling_to_the_bottom_loads_more(big, qtbot):
    from atgdesk.ui.citation_model import PAGE_ROWS
    view = big.view
    assert view.model.rowCount() == PAGE_ROWS
    view.table.scrollToBottom()
    qtbot.waitUntil(lambda: view.model.rowCount() == 2 * PAGE_ROWS, timeout=2000)
    assert view.listed_ids() == [r.id for r in big.library.search("", limit=2 * PAGE_ROWS)]
    view.table.setFocus()
    view.table.selectRow(0)
    qtbot.keyClick(view.table, Qt.Key.Key_End)  # the keyboard gets there too
    qtbot.waitUntil(lambda: view.model.rowCount() == 3 * PAGE_ROWS, timeout=2000)


def test_library_export_whole_list_has_every_match_when_a_page_is_loaded(big, tmp_path, monkeypatch):
    from atgdesk.ui import library_dialogs
    from atgdesk.ui.citation_model import PAGE_ROWS
    view, controller = big.view, big.controller
    query, n = _mid_query(big.library)
    view.set_query(query)
    view.flush_search()
    assert view.model.rowCount() == PAGE_ROWS < n
    assert controller.result_ids() == [r.id for r in big.library.search(query)]
    seen = {}

    def choose_list(dialog) -> int:
        seen["label"] = dialog.list_radio.text()
        dialog.format_radios["csl-json"].setChecked(True)
        dialog.list_radio.setChecked(True)
        return 1

    target = tmp_path / "list.json"
    monkeypatch.setattr(library_dialogs.ExportDialog, "exec", choose_list)
    monkeypatch.setattr(library_dialogs, "ask_export_path", lambda *a: str(target))
    view.request_export()
    assert seen["label"].endswith(f"({n} studies)")
    items = json.loads(target.read_text(encoding="utf-8"))
    assert sorted(item["id"] for item in items) == sorted(r.id for r in big.library.search(query))
    # Beyond the cap too: the whole filtered list is every match, not the 1,000 the list may hold.
    view.set_query("")
    view.flush_search()
    assert len(controller.result_ids()) == BIG_N


def test_library_sort_by_year_is_correct_across_all_matches_with_a_page_loaded(big):
    from PySide6.QtCore import QModelIndex

    from atgdesk.ui.citation_model import PAGE_ROWS
    from atgdesk.ui.library_view import MAX_LIST_ROWS
    view, model = big.view, big.view.model
    years = sorted(r.year for r in big.library.search(""))  # all BIG_N matches, more than the list holds
    view.table.sortByColumn(CitationTableModel.YEAR, Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == PAGE_ROWS

    def shown_years() -> list[int]:
        return [int(view.proxy.index(r, CitationTableModel.YEAR).data()) for r in range(view.proxy.rowCount())]

    assert shown_years() == years[:PAGE_ROWS]  # the oldest of all matches, not of the first-ranked page
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert shown_years() == years[:MAX_LIST_ROWS]
    view.table.sortByColumn(CitationTableModel.YEAR, Qt.SortOrder.DescendingOrder)
    assert shown_years() == years[::-1][:PAGE_ROWS]
    assert view.listed_ids() == [r.id for r in big.library.search("", sort="year", limit=PAGE_ROWS)]
    view.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)  # back to the ranking
    assert view.listed_ids() == [r.id for r in big.library.search("", limit=PAGE_ROWS)]


def test_library_sort_by_title_descending_reads_pages_from_the_database(big):
    from atgdesk.ui.citation_model import PAGE_ROWS
    view = big.view
    query, _ = _mid_query(big.library)
    view.set_query(query)
    view.flush_search()
    titles = sorted((r.title.casefold() for r in big.library.search(query)), reverse=True)
    view.table.sortByColumn(CitationTableModel.TITLE, Qt.SortOrder.DescendingOrder)
    shown = [view.proxy.index(r, CitationTableModel.TITLE).data().casefold() for r in range(view.proxy.rowCount())]
    assert len(shown) == PAGE_ROWS and shown == titles[:PAGE_ROWS]


def test_library_sort_by_a_proxy_column_loads_the_whole_list(big):
    from PySide6.QtCore import QModelIndex

    from atgdesk.ui.library_view import MAX_LIST_ROWS
    view, model = big.view, big.view.model
    view.table.sortByColumn(CitationTableModel.DESIGN, Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == MAX_LIST_ROWS and not model.canFetchMore(QModelIndex())
    designs = [view.proxy.index(r, CitationTableModel.DESIGN).data().casefold() for r in range(MAX_LIST_ROWS)]
    assert designs == sorted(designs) and len(set(designs)) > 1


def test_library_imported_rows_join_a_paged_list_in_order(big, tmp_path):
    from PySide6.QtCore import QModelIndex

    from atgdesk.ui.citation_model import PAGE_ROWS
    from atgdesk.ui.library_view import MAX_LIST_ROWS
    view, controller = big.view, big.controller
    ris = tmp_path / "old.ris"
    ris.write_text("TY  - JOUR\nAU  - Oldham, Ada\nTI  - A nineteenth-century serum\nJO  - Lancet\nPY  - 1901\n"
                   "ER  - \n", encoding="utf-8")
    controller._known = []  # duplicate detection against the bundled studies is not what this test is about
    assert controller.import_files([ris])[0][1] == 1
    (imported,) = [f"user:{c.id}" for c in big.store.imported()]
    assert view.count_label.text().endswith("· 1 of 1 imported")
    assert imported not in view.listed_ids()  # unsorted, imported rows follow every hit the list holds
    model = view.model
    while model.canFetchMore(QModelIndex()):
        model.fetchMore(QModelIndex())
    assert view.listed_ids()[-1] == imported and model.rowCount() == MAX_LIST_ROWS + 1
    view.table.sortByColumn(CitationTableModel.YEAR, Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == PAGE_ROWS and view.listed_ids()[0] == imported  # 1901: before every hit
    assert controller.result_ids()[-1] == imported and len(controller.result_ids()) == BIG_N + 1
    view.table.sortByColumn(CitationTableModel.YEAR, Qt.SortOrder.DescendingOrder)
    assert imported not in view.listed_ids()


def test_library_note_matches_follow_a_paged_result(big):
    from PySide6.QtCore import QModelIndex

    from atgdesk.ui.citation_model import PAGE_ROWS
    view, controller = big.view, big.controller
    query, n = _mid_query(big.library)
    hits = [r.id for r in big.library.search(query)]
    outside = next(r.id for r in big.library.search("") if r.id not in set(hits))
    big.store.set_note(outside, f"see {query.strip()} later")  # found only through the note
    big.store.set_note(hits[-1], f"{query.strip()} again")  # found by the search anyway: listed once
    view.set_query(query)
    view.flush_search()
    assert view.model.rowCount() == PAGE_ROWS < n
    assert view.count_label.text() == f"{n + 1:,} of {BIG_N:,} studies"
    while view.model.canFetchMore(QModelIndex()):
        view.model.fetchMore(QModelIndex())
    assert view.listed_ids() == hits + [outside]
    assert controller.result_ids() == hits + [outside]


def test_library_favourite_stars_reach_rows_loaded_later(big):
    from PySide6.QtCore import QModelIndex

    from atgdesk.ui.citation_model import PAGE_ROWS
    view, controller = big.view, big.controller
    later = big.library.search("", limit=PAGE_ROWS + 1)[-1].id  # on the second page
    assert later not in view.listed_ids()
    controller._on_view_favourite_clicked(later)
    view.model.fetchMore(QModelIndex())
    row = view.model.row_of(later)
    assert row == PAGE_ROWS and view.model.index(row, CitationTableModel.STAR).data() == "★"


# -- remembered layout and copy style ------------------------------------------------------------------------------

def _settings(path: Path):
    from PySide6.QtCore import QSettings
    return QSettings(str(path), QSettings.Format.IniFormat)


def _shown_view(qtbot):
    from atgdesk.ui.library_view import LibraryView
    view = LibraryView()
    qtbot.addWidget(view)
    view.resize(1280, 760)
    return view


def test_library_view_state_survives_save_and_restore(qtbot, tmp_path):
    path = tmp_path / "settings.ini"
    first = _shown_view(qtbot)
    first.show()
    qtbot.waitExposed(first)
    default_sizes = first.splitter.sizes()
    first.splitter.setSizes([400, 380, default_sizes[0] + default_sizes[1] + default_sizes[2] - 780])
    chosen = first.splitter.sizes()
    assert chosen != default_sizes
    first.copy_style = "apa"
    settings = _settings(path)
    first.save_state(settings)
    settings.sync()

    second = _shown_view(qtbot)
    second.restore_state(_settings(path))  # before showing, as the main window does
    second.show()
    qtbot.waitExposed(second)
    assert second.splitter.sizes() == chosen
    assert second.copy_style == "apa"

    # A screen never shown (the app closed on another tab) saves what it restored, not unlaid-out sizes.
    hidden = _shown_view(qtbot)
    hidden.restore_state(_settings(path))
    again = _settings(tmp_path / "again.ini")
    hidden.save_state(again)
    assert [int(v) for v in again.value("library/splitter_sizes")] == chosen
    assert hidden.splitter.sizes() != chosen  # what it would have saved otherwise


def test_library_view_restored_copy_style_is_used_for_copying(big, tmp_path):
    from atgdesk.library import cite
    path = tmp_path / "settings.ini"
    path.write_text("[library]\ncopy_style=ama\n", encoding="utf-8")
    big.view.restore_state(_settings(path))
    study = big.library.search("", limit=1)[0].id
    text = big.controller.copy_citations([study])
    assert text == cite.format_details(big.library.details([study]), "ama")[0]
    assert text != cite.format_details(big.library.details([study]), "vancouver")[0]


@pytest.mark.parametrize("sizes, style", [
    ("abc", "klingon"),
    ("1, 2", "APA"),
    ("-5, 600, 400", ""),
    ("1.5, 600, 400", "@Invalid()"),
    ("0, 0, 0", "vancouver; DROP TABLE"),
    ("9999999999, 1, 1", "@Variant(\\0\\0\\0\\x7f\\0\\0\\0)"),
    ("@ByteArray(\\xff\\0garbage)", "@ByteArray(apa)"),
    ("@Variant(\\0\\0\\0\\x2\\0\\0\\0\\x1)", "1, 2"),
])
def test_library_view_garbled_settings_fall_back_to_defaults(qtbot, tmp_path, sizes, style):
    from atgdesk.library import cite
    reference = _shown_view(qtbot)
    reference.show()
    qtbot.waitExposed(reference)
    path = tmp_path / "settings.ini"
    path.write_text(f"[library]\nsplitter_sizes={sizes}\ncopy_style={style}\n", encoding="utf-8")
    view = _shown_view(qtbot)
    view.restore_state(_settings(path))
    view.show()
    qtbot.waitExposed(view)
    assert view.splitter.sizes() == reference.splitter.sizes()
    assert view.copy_style == cite.DEFAULT_STYLE


# -- facet filters ---------------------------------------------------------------------------------------------------

def _facet_panel(qtbot, values: int):
    from collections import namedtuple

    from atgdesk.ui.filters_panel import FiltersPanel
    facet = namedtuple("FacetCount", "key label count")
    panel = FiltersPanel()
    qtbot.addWidget(panel)
    panel.resize(200, 900)
    panel.set_facets({
        "setting": [facet(f"s{i}", f"Aplastic anaemia / marrow failure, variant {i}", 10 + i)
                    for i in range(values)],
        "design": [facet("rct", "Randomised controlled trial", 2)],
    })
    panel.show()
    qtbot.waitExposed(panel)
    return panel


def test_filters_panel_elides_a_long_label_but_keeps_its_count(qtbot):
    """The list elided the end of "label (count)", so in the panel's usual width the counts disappeared."""
    from PySide6.QtWidgets import QStyle, QStyleOptionViewItem
    panel = _facet_panel(qtbot, 3)
    widget = panel.lists["setting"]
    for row in range(widget.count()):
        index = widget.model().index(row, 0)
        option = QStyleOptionViewItem()
        option.rect = widget.visualRect(index)
        option.widget = widget
        option.font = widget.font()
        option.fontMetrics = widget.fontMetrics()
        widget.itemDelegate().initStyleOption(option, index)
        text_rect = widget.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
        assert option.text.endswith(f"… ({10 + row})")  # the label is shortened, the count is whole
        assert widget.fontMetrics().horizontalAdvance(option.text) <= text_rect.width()
    assert widget.item(0).text() == "Aplastic anaemia / marrow failure, variant 0 (10)"  # the item is unchanged


@pytest.mark.parametrize("values", [1, 3, 8, 16])
def test_filters_panel_facet_list_shows_whole_rows(qtbot, values):
    """A facet list is as tall as its values up to FACET_ROWS whole rows: the height guessed from the font
    left empty space under short lists and showed half a row at the bottom of long ones."""
    from atgdesk.ui.filters_panel import FACET_ROWS
    panel = _facet_panel(qtbot, values)
    widget = panel.lists["setting"]
    viewport = widget.viewport().height()
    shown = min(values, FACET_ROWS)
    last = widget.visualItemRect(widget.item(shown - 1))
    assert last.bottom() < viewport <= last.bottom() + 1  # the last row that fits ends where the list ends
    if values > shown:
        assert widget.visualItemRect(widget.item(shown)).top() >= viewport  # no part of the next row


def test_filters_panel_cannot_be_narrower_than_its_filters(ctx, qtbot):
    """Dragged to its narrowest, the filter column cut off the year boxes and the Clear button."""
    view = ctx.window.library_view
    panel = view.filters_panel
    total = sum(view.splitter.sizes())
    view.splitter.setSizes([0, total - 400, 400])  # the splitter keeps each pane at its minimum at least
    qtbot.wait(20)
    scroll = panel._scroll
    assert panel.width() == view.splitter.sizes()[0]
    assert scroll.widget().width() >= scroll.widget().minimumSizeHint().width()
    assert scroll.viewport().width() >= scroll.widget().minimumSizeHint().width()


def test_library_view_related_list_is_as_tall_as_its_studies(ctx, qtbot):
    """A fixed-height box left a large empty area under a single related study (and scrolled five)."""
    view = ctx.window.library_view
    related = view.study_view.related_list
    counts = {}
    for sid in ctx.library.all_ids():
        counts.setdefault(len(ctx.library.get(sid).related), sid)
    for count in (1, max(counts)):
        view.select_study(counts[count])
        QApplication.processEvents()
        assert related.count() == count
        last = related.visualItemRect(related.item(count - 1))
        assert last.bottom() < related.viewport().height() <= last.bottom() + 1


def test_a_target_source_link_opens_its_dosing_reference_in_the_library(ctx, qtbot):
    """Every target window's source links to its dosing & PK reference, and the link opens that entry."""
    calc = ctx.window.calculator_view
    chooser = calc.target
    linked = {}
    for index in range(calc.setting_combo.count()):
        calc.setting_combo.setCurrentIndex(index)
        for target_id, choice in chooser._choices.items():
            linked[target_id] = choice.study_id
    assert linked and all(linked.values()), linked  # no target without its library entry
    assert linked["lakkaraja2022-cd34-harmful"] == "ref-lakkaraja2022"
    assert linked["admiraal2017-adult-ud-nma"] == "ref-admiraal2017"
    for index in range(calc.setting_combo.count()):
        calc.setting_combo.setCurrentIndex(index)
        if "oostenbrink2024-atlg-day-below-1" in chooser._choices:
            break
    chooser.set_current_id("oostenbrink2024-atlg-day-below-1")
    assert 'href="study:ref-oostenbrink2024"' in chooser.source_text()
    chooser.source.linkActivated.emit("study:ref-oostenbrink2024")  # as a click on the link does
    assert ctx.window.tabs.currentWidget() is ctx.window.library_view
    study = ctx.window.library_view.study_view
    assert study.study_id == "ref-oostenbrink2024"
    assert study.kind_badge.isVisible() and "Dosing & PK reference" in study.kind_badge.text()
    assert "oostenbrink2024-atlg-day-below-1" in study.reference_label.text()


def test_the_model_dialog_links_its_sources_to_the_library(ctx, qtbot):
    from PySide6.QtCore import QUrl
    calc = ctx.window.calculator_view
    dialog = calc.show_model_info()
    assert dialog is not None
    html = dialog.browser.toHtml()
    assert "study:ref-admiraal2015" in html and "study:ref-lakkaraja2022" in html
    dialog.browser.anchorClicked.emit(QUrl("study:ref-admiraal2015"))
    assert ctx.window.library_view.study_view.study_id == "ref-admiraal2015"
    assert ctx.window.tabs.currentWidget() is ctx.window.library_view


def test_the_study_view_shows_provenance_published_results_and_not_stated(ctx, qtbot):
    view = ctx.window.library_view
    study = view.study_view
    view.select_study("scheinberg2011")
    detail = ctx.library.get("scheinberg2011")
    if detail.provenance["design"]["from"] == "published":  # the data curators' [published] part is present
        assert study.summary_links["design"].isVisible()
        assert study.summary_links["design"].property("url").startswith("http")
        assert "68%" in study.published_label.text()
    assert study.authors_label.text().startswith("Authors: Scheinberg P, Nunez O")
    # A field nobody states is shown as such, not hidden.
    unstated = next(r.id for r in ctx.library.search("", _filters(designs=("not-stated",), kinds=("study",))))
    view.select_study(unstated)
    assert study.summary_labels["design"].text() == "Not stated"
    assert study.summary_labels["design"].isVisible() and study.summary_names["design"].isVisible()
    assert not study.summary_links["design"].isVisible()


def test_a_published_n_beside_seed_words_names_its_source_in_the_study_view(ctx, qtbot):
    # Bug: teramura2007's population read "n = 101 — …" "from the seed", though the n was read on the Blood page.
    study = ctx.window.library_view.study_view
    assert ctx.window.library_view.select_study("teramura2007")
    assert study.summary_labels["population"].text().startswith("n = 101 — ")
    assert study.summary_origins["population"].text() == "from the seed;"
    link = study.summary_links["population"]
    assert link.isVisible() and link.text() == "n from the publisher page ↗"
    assert link.property("url").startswith("https://ashpublications.org/blood/article/110/6/1756/")


def test_not_stated_facet_counts_add_up_to_the_total(ctx, qtbot):
    view = ctx.window.library_view
    view.controller.flush_facets()
    panel = view.filters_panel
    total = ctx.library.meta.study_count
    for facet in ("design", "evidence_level"):
        counts = [int(item.text().rsplit("(", 1)[1].rstrip(")")) for item in _items(panel.lists[facet])]
        assert sum(counts) == total, facet
    for facet in ("species", "setting", "product"):
        keys = [item.data(Qt.ItemDataRole.UserRole + 1) for item in _items(panel.lists[facet])]
        assert "not-stated" in keys, facet
    # Checking "Not stated" lists exactly the studies without a design.
    panel.check("design", "not-stated")
    listed = set(view.listed_ids())
    assert listed == {r.id for r in ctx.library.search("") if not r.design}
    panel.check("kind", "study")
    assert set(view.listed_ids()) == {r.id for r in ctx.library.search("") if not r.design and r.kind == "study"}


def test_a_label_reference_links_the_pages_its_facts_were_read_on(ctx, qtbot):
    view = ctx.window.library_view
    study = view.study_view
    opened = []
    study.confirm_open = lambda url: True
    study.open_url = opened.append
    assert view.select_study("label-rabbit-thymoglobulin-us-pi-us")
    buttons = [study.reference_sources.itemAt(i).widget() for i in range(study.reference_sources.count())]
    urls = [b.property("url") for b in buttons]
    assert "https://mdtodate.com/thymoglobulin/" in urls
    buttons[urls.index("https://mdtodate.com/thymoglobulin/")].click()
    assert [u.toString() for u in opened] == ["https://mdtodate.com/thymoglobulin/"]
    assert "Minimum infusion time, first dose" in study.reference_label.text()


def test_a_study_without_readable_results_says_so(ctx, qtbot):
    view = ctx.window.library_view
    study = view.study_view
    missing = [sid for sid in ctx.library.all_ids() if ctx.library.get(sid).availability == "not-found"]
    assert missing  # the curated data records studies whose results could not be read offline
    view.select_study(missing[0])
    assert study.published_label.isVisible() and study.published_heading.isVisible()
    assert study.published_label.text().startswith("Published results not available offline.")
    assert "Searched: " in study.published_label.text()
