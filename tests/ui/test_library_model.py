"""The citation table model, its sort proxy and the highlight helpers (no database needed)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from atgdesk.library.userstore import ImportedCitation
from atgdesk.ui.citation_model import (
    SORT_ROLE,
    STUDY_ID_ROLE,
    TERMS_ROLE,
    CitationRow,
    CitationSortProxy,
    CitationTableModel,
    HighlightDelegate,
    imported_id,
    match_imported,
    row_from_imported,
    term_spans,
)

ROWS = [
    CitationRow("b2009", "Brown", "Brown A", 2009, "Rabbit ATG in kidney transplant", "Transplantation",
                "Retrospective study", terms=("rabbit",)),
    CitationRow("a2011", "Adams", "Adams B", 2011, "Horse <b>versus</b> rabbit", "N Engl J Med", "RCT"),
    CitationRow("c1999", "Cole", "Cole C", 1999, "Early <img src=x> report", "Blood", "Case report"),
    CitationRow("d2010", "Dean", "Dean D", 2010, "Tie on year", "Blood", "Review"),
    CitationRow("e2010", "Eve", "Eve E", 2010, "Another 2010", "Blood", "Review"),
]


def test_citation_model_passes_qtmodeltester(qtmodeltester):
    model = CitationTableModel()
    model.set_rows(ROWS)
    qtmodeltester.check(model, force_py=True)
    model.set_rows([])
    qtmodeltester.check(model, force_py=True)


def test_citation_model_reset_not_inserts(qtbot):
    model = CitationTableModel()
    inserted = []
    model.rowsInserted.connect(lambda *a: inserted.append(a))
    with qtbot.waitSignal(model.modelReset):
        model.set_rows(ROWS)
    assert model.rowCount() == 5 and not inserted


def test_citation_model_shows_plain_text_and_tooltips():
    model = CitationTableModel()
    model.set_rows(ROWS)
    title = model.index(1, CitationTableModel.TITLE)
    assert title.data() == "Horse <b>versus</b> rabbit"
    assert title.data(Qt.ItemDataRole.ToolTipRole) == "Horse <b>versus</b> rabbit"
    assert model.index(0, CitationTableModel.AUTHOR).data(Qt.ItemDataRole.ToolTipRole) == "Brown A"
    assert model.index(0, CitationTableModel.TITLE).data(TERMS_ROLE) == ("rabbit",)
    assert model.index(0, CitationTableModel.YEAR).data(TERMS_ROLE) == ()
    assert model.index(2, 0).data(STUDY_ID_ROLE) == "c1999"


def test_citation_proxy_sorts_year_numerically_and_keeps_ties_stable():
    model = CitationTableModel()
    model.set_rows(ROWS + [CitationRow("z", "Zed", "Zed", None, "No year", "", "")])
    proxy = CitationSortProxy()
    proxy.setSourceModel(model)
    assert [proxy.index(r, 0).data(STUDY_ID_ROLE) for r in range(proxy.rowCount())] == [
        "b2009", "a2011", "c1999", "d2010", "e2010", "z"]  # unsorted: the database's order
    proxy.sort(CitationTableModel.YEAR, Qt.SortOrder.AscendingOrder)
    order = [proxy.index(r, 0).data(STUDY_ID_ROLE) for r in range(proxy.rowCount())]
    assert order == ["z", "c1999", "b2009", "d2010", "e2010", "a2011"]
    proxy.sort(CitationTableModel.YEAR, Qt.SortOrder.DescendingOrder)
    order = [proxy.index(r, 0).data(STUDY_ID_ROLE) for r in range(proxy.rowCount())]
    assert order == ["a2011", "d2010", "e2010", "b2009", "c1999", "z"]
    assert proxy.index(0, CitationTableModel.YEAR).data(SORT_ROLE) == 2011


def test_citation_model_favourites_update_in_place(qtbot):
    model = CitationTableModel()
    model.set_rows(ROWS)
    with qtbot.waitSignal(model.dataChanged):
        model.set_favourites({"a2011"})
    assert model.index(1, CitationTableModel.STAR).data() == "★"
    assert model.index(0, CitationTableModel.STAR).data() == ""


def test_term_spans_marks_word_starts_case_insensitively():
    text = "Horse versus rabbit antithymocyte globulin; HORSE"
    assert term_spans(text, ("horse", "thymo")) == [(0, 5), (44, 5)]
    assert term_spans(text, ("rabbit",)) == [(13, 6)]
    assert term_spans("", ("x",)) == [] and term_spans(text, ()) == []
    assert term_spans("a (b) c", ("(b)",)) == [(2, 3)]


def test_highlight_delegate_paints_hostile_text(qtbot):
    from PySide6.QtWidgets import QTableView
    model = CitationTableModel()
    model.set_rows([CitationRow("x", "X", "X", 2000, "<b>bold</b> <img src=x> rabbit", "J", "",
                                terms=("rabbit", "<b>"))])
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.setItemDelegate(HighlightDelegate(view))
    view.resize(900, 200)
    view.show()
    image = view.grab()
    assert not image.isNull()


def _imported(i, title, authors=("Doe, Jane",), year=2020, journal="Blood"):
    return ImportedCitation(id=i, source_file="f.ris", format="ris", title=title, authors=authors,
                            journal=journal, year=year)


def test_match_imported_substring_year_and_ids():
    items = [_imported(1, "ATG exposure in kids"), _imported(2, "Horse serum", ("Smith AB",), 2005),
             _imported(3, "Thymoglobulin dosing", year=None)]
    assert [c.id for c in match_imported(items, "")] == [1, 2, 3]
    assert [c.id for c in match_imported(items, "smith")] == [2]
    assert [c.id for c in match_imported(items, "atg doe")] == [1]
    assert [c.id for c in match_imported(items, '"thymo')] == [3]
    assert [c.id for c in match_imported(items, "", year_min=2010)] == [1]
    assert [c.id for c in match_imported(items, "", ids=frozenset({"user:2"}))] == [2]
    assert match_imported(items, "", facet_filtered=True) == []
    assert match_imported(items, "🙂 ()") == []


def test_imported_rows_are_marked():
    row = row_from_imported(_imported(4, "A title", ("Doe, Jane", "Roe R")))
    assert row.id == "user:4" and row.imported and row.first_author == "Doe"
    assert row.design == "Imported (RIS)"
    assert imported_id("user:4") == 4 and imported_id("scheinberg2011") is None
