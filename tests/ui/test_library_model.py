"""The citation table model, its sort proxy and the highlight helpers (no database needed)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt

from atgdesk.library.userstore import ImportedCitation
from atgdesk.ui.citation_model import (
    PAGE_ROWS,
    SORT_ROLE,
    STUDY_ID_ROLE,
    TERMS_ROLE,
    CitationRow,
    CitationSortProxy,
    CitationTableModel,
    HighlightDelegate,
    imported_id,
    match_imported,
    plain_tooltip,
    row_from_imported,
    sort_key,
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


class ListSource:
    """A RowSource over a list, counting the fetches."""

    def __init__(self, rows) -> None:
        self._rows = list(rows)
        self.fetches: list[int] = []

    @property
    def exhausted(self) -> bool:
        return not self._rows

    def fetch(self, count: int):
        self.fetches.append(count)
        out, self._rows = self._rows[:count], self._rows[count:]
        return out


def _numbered(n: int) -> list[CitationRow]:
    return [CitationRow(f"s{i:04d}", f"Author{i}", f"Author{i} A", 1970 + i % 50, f"Title {i}", "J")
            for i in range(n)]


def _ids(model) -> list[str]:
    return [model.index(r, 0).data(STUDY_ID_ROLE) for r in range(model.rowCount())]


def test_citation_model_with_more_rows_passes_qtmodeltester(qtmodeltester):
    model = CitationTableModel()
    model.set_rows(ROWS[:2], ListSource(ROWS[2:]))
    assert model.canFetchMore(QModelIndex())
    qtmodeltester.check(model, force_py=True)  # the tester calls fetchMore and checks the inserts
    assert _ids(model) == [r.id for r in ROWS] and not model.canFetchMore(QModelIndex())


def test_citation_model_fetch_more_inserts_one_page_per_call_in_order(qtbot):
    rows = _numbered(2 * PAGE_ROWS + 50)
    source = ListSource(rows[PAGE_ROWS:])
    model = CitationTableModel()
    model.set_rows(rows[:PAGE_ROWS], source)
    inserted = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    assert model.rowCount() == PAGE_ROWS and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert inserted == [(PAGE_ROWS, 2 * PAGE_ROWS - 1)] and model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())
    assert inserted[-1] == (2 * PAGE_ROWS, 2 * PAGE_ROWS + 49) and len(inserted) == 2
    assert not model.canFetchMore(QModelIndex())
    model.fetchMore(QModelIndex())  # nothing left: no insert, no fetch
    assert len(inserted) == 2 and source.fetches == [PAGE_ROWS, PAGE_ROWS]
    assert _ids(model) == [r.id for r in rows]
    assert not model.canFetchMore(model.index(0, 0))  # rows have no children to fetch


def test_citation_model_fetch_all_inserts_the_rest_at_once(qtbot):
    rows = _numbered(5 * PAGE_ROWS + 3)
    model = CitationTableModel()
    model.set_rows(rows[:10], ListSource(rows[10:]))
    inserted = []
    model.rowsInserted.connect(lambda _parent, first, last: inserted.append((first, last)))
    model.fetch_all()
    assert inserted == [(10, len(rows) - 1)] and _ids(model) == [r.id for r in rows]
    assert not model.canFetchMore(QModelIndex())


def test_citation_model_new_rows_drop_the_old_source(qtbot):
    model = CitationTableModel()
    model.set_rows(ROWS[:1], ListSource(ROWS[1:]))
    model.set_rows(ROWS[:2])
    assert not model.canFetchMore(QModelIndex())
    model.set_rows(ROWS, ListSource([]))  # an empty source is no promise of more rows
    assert not model.canFetchMore(QModelIndex())


def test_citation_proxy_forwards_fetch_more(qtbot):
    rows = _numbered(PAGE_ROWS + 5)
    model = CitationTableModel()
    model.set_rows(rows[:PAGE_ROWS], ListSource(rows[PAGE_ROWS:]))
    proxy = CitationSortProxy()
    proxy.setSourceModel(model)
    proxy.sort(CitationTableModel.YEAR, Qt.SortOrder.AscendingOrder)
    assert proxy.canFetchMore(QModelIndex())
    proxy.fetchMore(QModelIndex())
    assert proxy.rowCount() == len(rows) and not proxy.canFetchMore(QModelIndex())
    years = [proxy.index(r, CitationTableModel.YEAR).data(SORT_ROLE) for r in range(proxy.rowCount())]
    assert years == sorted(years)


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
    assert tooltip_shows(title.data(Qt.ItemDataRole.ToolTipRole)) == "Horse <b>versus</b> rabbit"
    assert tooltip_shows(model.index(2, CitationTableModel.TITLE).data(Qt.ItemDataRole.ToolTipRole)) == (
        "Early <img src=x> report")
    assert tooltip_shows(model.index(0, CitationTableModel.AUTHOR).data(Qt.ItemDataRole.ToolTipRole)) == "Brown A"
    assert model.index(0, CitationTableModel.TITLE).data(TERMS_ROLE) == ("rabbit",)
    assert model.index(0, CitationTableModel.YEAR).data(TERMS_ROLE) == ()
    assert model.index(2, 0).data(STUDY_ID_ROLE) == "c1999"


def tooltip_shows(tooltip: str) -> str:
    """The text a tooltip shows: QToolTip renders anything that might be rich text as HTML."""
    from PySide6.QtGui import Qt as QtGuiNamespace
    from PySide6.QtGui import QTextDocument
    document = QTextDocument()
    if QtGuiNamespace.mightBeRichText(tooltip):
        document.setHtml(tooltip)
    else:
        document.setPlainText(tooltip)
    return document.toPlainText()


def test_plain_tooltip_keeps_markup_and_line_breaks_literal():
    text = "<b>bold</b> & <i>x</i>\nsecond line"
    assert tooltip_shows(plain_tooltip(text)) == text
    assert plain_tooltip("") is None


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
    for column in range(len(CitationTableModel.COLUMNS)):  # the role and the helper the pager merges by agree
        assert model.index(5, column).data(SORT_ROLE) == sort_key(model.row_at(5), column)
    assert sort_key(model.row_at(5), CitationTableModel.YEAR) == -1


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


def test_a_dosing_reference_row_carries_its_badge_and_no_invented_title(qapp):
    from atgdesk.library.records import StudyRecord
    from atgdesk.ui.citation_model import row_from_record
    base = dict(first_author="Lakkaraja M", authors_short="Lakkaraja M, et al.", year=2022, title="",
                journal="Blood Adv", volume="6", issue="3", pages="1054", design="", design_label="",
                products=(), product_labels=(), settings=(), setting_labels=(), species=(), species_labels=(),
                evidence_level="", evidence_label="")
    ref = row_from_record(StudyRecord(id="ref-lakkaraja2022", kind="dosing-reference", **base))
    assert ref.design == "Dosing & PK reference"
    assert ref.title == "(title not recorded in the data files)"
    label = row_from_record(StudyRecord(id="label-x", kind="dosing-reference", **{**base, "year": 0,
                                                                                  "title": "A label"}))
    assert label.year is None and label.title == "A label"  # no year 0 shown
    study = row_from_record(StudyRecord(id="x2010", **{**base, "title": "T", "design_label": "Case report"}))
    assert (study.design, study.title) == ("Case report", "T")
