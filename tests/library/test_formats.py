"""Citation exports: CSL-JSON structure, RIS and BibTeX read back by their libraries, MEDLINE/nbib layout."""

from __future__ import annotations

import json

import bibtexparser
import pytest
import rispy

from atgdesk.library.details import Author
from atgdesk.library.formats import (
    TRUNCATED_NOTE,
    bibtex_escape,
    export,
    given_name,
    nbib_line,
    to_csl_json,
    to_nbib,
)

from .conftest import FIXTURE_IDS


@pytest.fixture(scope="module")
def details(library):
    return library.details(sorted(FIXTURE_IDS))


def test_given_name_uses_full_names_or_dotted_initials():
    assert given_name(Author("O'Neil", "JP")) == "J. P."
    assert given_name(Author("Dupont", "J-P")) == "J.-P."
    assert given_name(Author("Wang", "H", "Haitao")) == "Haitao"
    assert given_name(Author("Plato", "")) == ""


def test_to_csl_json_items_have_the_csl_structure(details):
    items = to_csl_json(details)
    assert [i["id"] for i in items] == sorted(FIXTURE_IDS)
    by_id = {i["id"]: i for i in items}
    assert by_id["scheinberg2011"] == {
        "id": "scheinberg2011", "type": "article-journal",
        "title": "Horse versus rabbit antithymocyte globulin in acquired aplastic anemia.",
        "author": [{"family": "Scheinberg", "given": "P."}, {"family": "Nunez", "given": "O."},
                   {"family": "Weinstein", "given": "B."}, {"family": "Scheinberg", "given": "P."},
                   {"family": "Biancotto", "given": "A."}, {"family": "Wu", "given": "C."},
                   {"literal": "et al."}],  # the seed list ended in "et al.": said so, not silently dropped
        "container-title": "The New England Journal of Medicine", "container-title-short": "N Engl J Med",
        "issued": {"date-parts": [[2011]]}, "volume": "365",
        "page": "430-438", "DOI": "10.1056/NEJMoa1103975", "PMID": "21812672"}
    # A probable PMID is never exported; a seed-printed DOI is.
    assert "PMID" not in by_id["atta2010"] and "DOI" not in by_id["atta2010"]
    assert by_id["wang2025"]["DOI"] == "10.3389/fimmu.2025.1634157"
    assert by_id["wang2025"]["author"][0] == {"family": "Wang", "given": "Haitao"}
    assert by_id["wang2025"]["abstract"].startswith("Allogeneic")
    for item in items:
        assert isinstance(item["issued"]["date-parts"][0][0], int)
        assert all(set(a) == {"family", "given"} or a == {"literal": "et al."} for a in item["author"])
    json.dumps(items)  # serialisable


def test_csl_json_renders_through_citeproc_vancouver(details):
    import warnings

    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    from atgdesk import paths
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an unsupported CSL variable would warn: fail instead
        source = CiteProcJSON(to_csl_json(details))
    style = CitationStylesStyle(str(paths.resource("csl", "nlm-citation-sequence.csl")), validate=False)
    bib = CitationStylesBibliography(style, source, formatter.plain)
    bib.register(Citation([CitationItem("scheinberg2011")]))
    text = str(bib.bibliography()[0])
    assert text == ("1.Scheinberg P, Nunez O, Weinstein B, Scheinberg P, Biancotto A, Wu C, et al. Horse versus rabbit "
                    "antithymocyte globulin in acquired aplastic anemia. N Engl J Med. 2011;365:430\u20138. "
                    "doi:10.1056/NEJMoa1103975 PubMed PMID: 21812672.")


def test_to_ris_round_trips_through_rispy(details):
    entries = rispy.loads(export(details, "ris"))
    assert [e["id"] for e in entries] == sorted(FIXTURE_IDS)
    s = next(e for e in entries if e["id"] == "scheinberg2011")
    assert s["type_of_reference"] == "JOUR"
    assert s["authors"] == ["Scheinberg, P.", "Nunez, O.", "Weinstein, B.", "Scheinberg, P.", "Biancotto, A.",
                            "Wu, C.", "et al."]
    assert s["notes"] == [TRUNCATED_NOTE]
    assert (s["secondary_title"], s["alternate_title1"]) == ("The New England Journal of Medicine", "N Engl J Med")
    assert (s["year"], s["volume"], s["start_page"], s["end_page"]) == ("2011", "365", "430", "438")
    assert (s["doi"], s["accession_number"]) == ("10.1056/NEJMoa1103975", "21812672")
    hostile = next(e for e in entries if e["id"] == "hacker2008")
    assert hostile["title"] == '<b>bold</b> <img src=x> "quoted" (NEAR) AND * ^ {braces} kidney & ATGAM test title'
    assert "accession_number" not in next(e for e in entries if e["id"] == "atta2010")


def test_to_bibtex_parses_back_with_bibtexparser(details):
    parsed = bibtexparser.parse_string(export(details, "bibtex"))
    assert parsed.failed_blocks == []
    assert [e.key for e in parsed.entries] == sorted(FIXTURE_IDS)
    s = parsed.entries_dict["scheinberg2011"]
    assert s.entry_type == "article"
    assert s["author"] == ("Scheinberg, P. and Nunez, O. and Weinstein, B. and Scheinberg, P. and Biancotto, A. "
                           "and Wu, C. and others")
    assert (s["journal"], s["year"], s["volume"], s["pages"], s["doi"], s["pmid"]) == (
        "The New England Journal of Medicine", "2011", "365", "430--438", "10.1056/NEJMoa1103975", "21812672")
    hostile = parsed.entries_dict["hacker2008"]
    assert hostile["title"] == bibtex_escape('<b>bold</b> <img src=x> "quoted" (NEAR) AND * ^ {braces} kidney & '
                                             'ATGAM test title')
    assert r"\{braces\}" in hostile["title"] and r"\&" in hostile["title"]
    assert parsed.entries_dict["atta2010"]["author"].endswith("{de Azevedo}, A.")
    assert parsed.entries_dict["ayuk2005"]["author"].endswith("Kröger, N.")


def test_bibtex_escape_covers_tex_specials():
    assert bibtex_escape(r"50% of $x_1$ & #2 {a} ~ ^ \ ") == (
        r"50\% of \$x\_1\$ \& \#2 \{a\} \textasciitilde{} \textasciicircum{} \textbackslash{} ")


def test_to_nbib_writes_medline_tags(details):
    text = to_nbib([d for d in details if d.id == "scheinberg2011"])
    assert text == (
        "PMID- 21812672\n"
        "TI  - Horse versus rabbit antithymocyte globulin in acquired aplastic anemia.\n"
        "AU  - Scheinberg P\nAU  - Nunez O\nAU  - Weinstein B\nAU  - Scheinberg P\nAU  - Biancotto A\nAU  - Wu C\n"
        "AU  - et al.\n"
        "TA  - N Engl J Med\nJT  - The New England Journal of Medicine\nDP  - 2011\nVI  - 365\nPG  - 430-8\n"
        "LID - 10.1056/NEJMoa1103975 [doi]\nAID - 10.1056/NEJMoa1103975 [doi]\nPT  - Journal Article\n"
        "SO  - N Engl J Med. 2011;365:430-8.\n")


def test_to_nbib_wraps_long_fields_with_six_space_continuations(details):
    text = to_nbib(details)
    lines = text.splitlines()
    assert all(len(line) <= 80 for line in lines)
    for line in lines:
        assert line == "" or line.startswith("      ") or (line[4:6] == "- " and line[:4].rstrip().isalpha())
    assert text.count("\n\n") == len(details) - 1
    wang = to_nbib([d for d in details if d.id == "wang2025"])
    assert "FAU - Wang, Haitao\nAU  - Wang H\n" in wang
    assert "AB  - Allogeneic hematopoietic stem cell transplantation (allo-HSCT) is a\n      potentially" in wang


def test_nbib_line_pads_short_tags_and_keeps_long_words_whole():
    assert nbib_line("TI", "x") == "TI  - x"
    assert nbib_line("PMID", "1") == "PMID- 1"
    long = nbib_line("AB", "word " * 30 + "a" * 100)
    assert long.splitlines()[-1] == "      " + "a" * 100


def test_export_rejects_unknown_format(details):
    with pytest.raises(ValueError, match="format"):
        export(details, "endnote")


@pytest.mark.parametrize("fmt", ["ris", "nbib", "bibtex", "csl-json"])
def test_a_truncated_author_list_keeps_its_et_al_through_export_and_import(details, tmp_path, fmt):
    """Export → read back (the project's importer for RIS and nbib; bibtexparser and JSON for the others, which
    the importer does not read) → the list still says it is incomplete, and no name is lost or invented."""
    from atgdesk.library import importers
    from atgdesk.library.cite import detail_from_imported
    from atgdesk.library.userstore import ImportedCitation
    study = next(d for d in details if d.id == "scheinberg2011")
    assert study.et_al and len(study.authors) == 6
    text = export([study], fmt)
    if fmt in ("ris", "nbib"):
        path = tmp_path / f"out.{fmt}"
        path.write_text(text, encoding="utf-8")
        (record,) = importers.parse_file(path).records
        assert record.authors[-1] == "et al." and len(record.authors) == 7
        # Shown and re-exported from the user's library, the list is still marked incomplete.
        imported = ImportedCitation(id=1, source_file="out", format=fmt, **{
            k: getattr(record, k) for k in ("title", "authors", "journal", "year", "volume", "issue", "pages",
                                            "doi", "pmid", "abstract")})
        again = detail_from_imported(imported)
        assert again.et_al and [a.family for a in again.authors] == [a.family for a in study.authors]
    elif fmt == "bibtex":
        (entry,) = bibtexparser.parse_string(text).entries
        names = entry["author"].split(" and ")
        assert names[-1] == "others" and len(names) == 7
    else:
        (item,) = json.loads(text)
        assert item["author"][-1] == {"literal": "et al."} and len(item["author"]) == 7


def test_a_complete_author_list_has_no_et_al_in_any_format(details):
    study = next(d for d in details if d.id == "wang2025")
    assert not study.et_al
    for fmt in ("ris", "nbib", "bibtex", "csl-json"):
        text = export([study], fmt)
        assert "et al." not in text and "and others" not in text, fmt
