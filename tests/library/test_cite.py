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


# A truncated author list: the seed (or record) names these authors, then "et al."; CSL-JSON carries it as a final
# literal name (formats.CSL_ET_AL).
def _truncated(known: int) -> dict:
    return dict(SCHEINBERG, author=[{"family": f"Author{i}", "given": "A."} for i in range(known)]
                + [{"literal": "et al."}])


@pytest.mark.parametrize("known, expected", [
    (1, "Author0 A, et al. Horse"),
    (3, "Author0 A, Author1 A, Author2 A, et al. Horse"),
    (6, "Author0 A, Author1 A, Author2 A, Author3 A, Author4 A, Author5 A, et al. Horse"),
    (9, "Author0 A, Author1 A, Author2 A, Author3 A, Author4 A, Author5 A, et al. Horse")])
def test_vancouver_truncated_list_ends_in_et_al_after_at_most_six(known, expected):
    assert cite.format_citation(_truncated(known), "vancouver").startswith(expected)


@pytest.mark.parametrize("known, expected", [
    (2, "Author0 A, Author1 A, et al. Horse"),
    # six known and more unknown: more than six authors, so AMA's first three, then et al.
    (6, "Author0 A, Author1 A, Author2 A, et al. Horse")])
def test_ama_truncated_list_ends_in_et_al(known, expected):
    assert cite.format_citation(_truncated(known), "ama").startswith(expected)


@pytest.mark.parametrize("known", [1, 2, 6, 19])
def test_apa_truncated_list_ends_in_et_al_without_the_ampersand(known):
    # It read "…, Author5, A., & et al. (2011)": "&" announces the last author, and "et al." is none.
    text = cite.format_citation(_truncated(known), "apa")
    names = ", ".join(f"Author{i}, A." for i in range(known))
    assert text.startswith(f"{names}, et al. (2011). Horse"), text
    assert "&" not in text.split("(2011)")[0]


def test_apa_lists_up_to_twenty_authors_and_truncates_with_an_ellipsis():
    twenty = dict(SCHEINBERG, author=[{"family": f"Author{i}", "given": "A."} for i in range(20)])
    text = cite.format_citation(twenty, "apa")
    assert text.startswith("Author0, A., Author1, A.,") and ", & Author19, A. (2011)" in text
    # twenty known and more unknown: the first 19, APA's ellipsis, and et al. for the authors nobody knows
    text = cite.format_citation(_truncated(20), "apa")
    assert ", Author18, A., … et al. (2011)" in text and "Author19" not in text and "&" not in text


def test_a_complete_list_keeps_each_styles_ampersand_and_no_et_al():
    assert "& Weinstein, B. (2011)" in cite.format_citation(SCHEINBERG, "apa")
    for style in cite.STYLES:
        assert "et al" not in cite.format_citation(SCHEINBERG, style)


def test_a_bundled_truncated_study_cites_with_et_al_in_every_style(library):
    detail = library.get("scheinberg2011")
    assert detail.et_al  # the fixture's seed list ends in "et al."
    texts = {style: cite.format_details([detail], style)[0] for style in cite.STYLES}
    assert ", et al. " in texts["vancouver"] and ", et al. " in texts["ama"]
    assert ", et al. (2011)" in texts["apa"] and "& et al." not in texts["apa"]
