"""Formatted citations through citeproc-py and the bundled CSL styles (Vancouver, AMA, APA)."""

from __future__ import annotations

import pytest

from atgdesk import paths
from atgdesk.library import cite
from atgdesk.library.userstore import ImportedCitation

SCHEINBERG = {
    "id": "scheinberg2011", "type": "article-journal",
    "title": "Horse versus rabbit antithymocyte globulin in acquired aplastic anemia",
    "author": [{"family": "Scheinberg", "given": "P."}, {"family": "Nunez", "given": "O."},
               {"family": "Weinstein", "given": "B."}],
    "container-title": "The New England Journal of Medicine", "container-title-short": "N Engl J Med",
    "issued": {"date-parts": [[2011]]}, "volume": "365", "issue": "5", "page": "430-438",
}


def test_cite_vancouver_matches_nlm_style():
    assert cite.format_citation(SCHEINBERG, "vancouver") == (
        "Scheinberg P, Nunez O, Weinstein B. Horse versus rabbit antithymocyte globulin in acquired aplastic "
        "anemia. N Engl J Med. 2011;365(5):430–8.")


def test_cite_ama_and_apa_formats():
    assert cite.format_citation(SCHEINBERG, "ama") == (
        "Scheinberg P, Nunez O, Weinstein B. Horse versus rabbit antithymocyte globulin in acquired aplastic "
        "anemia. N Engl J Med. 2011;365(5):430-438.")
    apa = cite.format_citation(SCHEINBERG, "apa")
    assert apa.startswith("Scheinberg, P., Nunez, O., & Weinstein, B. (2011). Horse versus rabbit")
    assert "365(5), 430–438." in apa


def test_cite_vancouver_uses_et_al_after_six_authors():
    many = dict(SCHEINBERG, author=[{"family": f"Author{i}", "given": "A."} for i in range(8)])
    text = cite.format_citation(many, "vancouver")
    assert text.startswith("Author0 A, Author1 A, Author2 A, Author3 A, Author4 A, Author5 A, et al. ")


def test_cite_keeps_markup_in_titles_as_text():
    item = dict(SCHEINBERG, title='<b>bold</b> <img src=x> & "quoted"')
    for style in cite.STYLES:
        assert '<b>bold</b> <img src=x> & "quoted"' in cite.format_citation(item, style)


def test_cite_bibliography_keeps_order_and_drops_numbers():
    other = dict(SCHEINBERG, id="b", title="Another title", author=[{"family": "Able", "given": "Z."}])
    texts = cite.format_bibliography([SCHEINBERG, other], "vancouver")
    assert texts[0].startswith("Scheinberg P")
    assert texts[1].startswith("Able Z. Another title.")


def test_cite_unknown_style_is_refused():
    with pytest.raises(cite.CitationError, match="unknown citation style"):
        cite.format_citation(SCHEINBERG, "chicago")


def test_cite_style_files_are_bundled_with_attribution():
    attribution = paths.resource("csl", "ATTRIBUTION.md").read_text(encoding="utf-8")
    for style in cite.STYLES.values():
        path = paths.resource("csl", style.filename)
        text = path.read_text(encoding="utf-8")
        assert "creativecommons.org/licenses/by-sa/3.0" in text
        assert style.filename in attribution
    assert "CC BY-SA 3.0" in attribution


def test_cite_imported_citation_as_detail():
    citation = ImportedCitation(id=7, source_file="a.ris", format="ris", title="A study of ATG",
                                authors=("Doe, Jane", "Smith AB"), journal="Blood", year=2020, volume="1",
                                issue="2", pages="3-9", doi="10.1/xyz", pmid="123")
    detail = cite.detail_from_imported(citation)
    assert detail.id == "user:7"
    assert [(a.family, a.initials) for a in detail.authors] == [("Doe", "J"), ("Smith", "AB")]
    assert cite.format_details([detail], "vancouver") == [
        "Doe J, Smith AB. A study of ATG. Blood. 2020;1(2):3–9. doi:10.1/xyz PubMed PMID: 123."]


def test_cite_bundled_study_detail(library):
    text = cite.format_details([library.get("scheinberg2011")], "vancouver")[0]
    assert text.startswith("Scheinberg P")
    assert "2011" in text
