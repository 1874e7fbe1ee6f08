"""Opening the bundled database: read-only, checked at open, clear errors; study details and facets."""

from __future__ import annotations

import hashlib
import re
import shutil
import sqlite3
from pathlib import Path

import pytest

from atgdesk.library.db import (
    DIGEST_TABLE,
    LibraryError,
    StudyNotFoundError,
    digest_location,
    file_digest,
    open_bundled,
)
from atgdesk.library.records import SearchFilters


def test_open_bundled_reports_meta(library):
    meta = library.meta
    assert meta.data_version == "2000.1.1"
    assert meta.study_count == 6
    assert meta.schema_version == 4
    assert len(meta.content_hash) == 64


def test_library_connection_refuses_writes(library):
    with pytest.raises(sqlite3.OperationalError, match="readonly|read-only"):
        library.connection.execute("INSERT INTO meta(key, value) VALUES ('x', 'y')")
    with pytest.raises(sqlite3.OperationalError, match="readonly|read-only"):
        library.connection.execute("DELETE FROM studies")
    assert library.meta.study_count == len(library.all_ids())


def test_open_bundled_missing_file_names_the_fix(tmp_path):
    with pytest.raises(LibraryError, match="not found.*make db"):
        open_bundled(tmp_path / "nope.sqlite")


def test_open_bundled_non_database_names_the_fix(tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(LibraryError, match="cannot be read.*make db"):
        open_bundled(bad)


def test_open_bundled_wrong_schema_version_is_refused(fixture_db, tmp_path):
    copy = tmp_path / "old.sqlite"
    copy.write_bytes(fixture_db.read_bytes())
    with sqlite3.connect(copy) as conn:
        conn.execute("PRAGMA user_version = 99")
    with pytest.raises(LibraryError, match="schema version 99.*make db"):
        open_bundled(copy)


def test_open_bundled_missing_meta_is_refused(fixture_db, tmp_path):
    copy = tmp_path / "nometa.sqlite"
    copy.write_bytes(fixture_db.read_bytes())
    with sqlite3.connect(copy) as conn:
        conn.execute("DELETE FROM meta WHERE key = 'content_hash'")
    with pytest.raises(LibraryError, match="content_hash.*make db"):
        open_bundled(copy)


def test_open_bundled_damaged_file_is_refused(fixture_db, tmp_path):
    copy = tmp_path / "damaged.sqlite"
    data = bytearray(fixture_db.read_bytes())
    page = 4096
    for offset in range(2 * page, len(data) - page, page):  # scribble over every page but the first
        data[offset + 8: offset + 64] = b"\xff" * 56
    copy.write_bytes(bytes(data))
    with pytest.raises(LibraryError, match="make db"):
        open_bundled(copy)


def _edited_copy(fixture_db: Path, tmp_path: Path, name: str, statement: str) -> Path:
    copy = tmp_path / name
    copy.write_bytes(fixture_db.read_bytes())
    with sqlite3.connect(copy) as conn:
        conn.execute(statement)
    conn.close()
    return copy


def test_the_stored_digest_is_the_file_digest_without_its_own_page(fixture_db):
    with sqlite3.connect(f"file:{fixture_db}?mode=ro", uri=True) as conn:
        page, page_size = digest_location(conn)
        (stored,) = conn.execute(f"SELECT value FROM {DIGEST_TABLE}").fetchone()
    conn.close()
    assert page > 1 and page_size in (1024, 2048, 4096, 8192, 16384, 32768, 65536)
    assert file_digest(fixture_db, page, page_size) == stored
    assert re.fullmatch(r"[0-9a-f]{64}", stored)
    # Independently: BLAKE2b-256 of the file with that page and the rewritten header fields (24-27, 92-99) left out.
    data = fixture_db.read_bytes()
    start = (page - 1) * page_size
    kept = data[:24] + data[28:92] + data[100:start] + data[start + page_size:]
    assert hashlib.blake2b(kept, digest_size=32).hexdigest() == stored


@pytest.mark.parametrize("statement", [
    "UPDATE studies SET year = year + 1 WHERE rid = 1",            # a number
    "UPDATE meta SET value = value || ' ' WHERE key = 'data_version'",  # the provenance rows
    "DELETE FROM tags WHERE rowid = (SELECT min(rowid) FROM tags)",
    "VACUUM",                                                        # the same rows, laid out anew
    f"INSERT INTO {DIGEST_TABLE} (value) VALUES ('a second digest')",  # the digest's own page: one row only
])
def test_any_change_after_the_build_is_refused_as_changed(fixture_db, tmp_path, statement):
    copy = _edited_copy(fixture_db, tmp_path, "edited.sqlite", statement)
    with pytest.raises(LibraryError, match="changed after it was built.*make db"):
        open_bundled(copy)


def test_a_copy_of_the_file_opens(fixture_db, tmp_path):
    """The digest is of the bytes, not of where the file is: a copied or installed database opens."""
    copy = tmp_path / "elsewhere" / "atgdesk.sqlite"
    copy.parent.mkdir()
    shutil.copyfile(fixture_db, copy)
    with open_bundled(copy) as lib:
        assert lib.meta.study_count == 6


def test_get_returns_the_full_study(library):
    d = library.get("scheinberg2011")
    assert d.record.title == "Horse versus rabbit antithymocyte globulin in acquired aplastic anemia."
    assert [a.short for a in d.authors] == ["Scheinberg P", "Nunez O", "Weinstein B", "Scheinberg P",
                                            "Biancotto A", "Wu C"]
    assert d.et_al is True
    assert d.journal_full == "The New England Journal of Medicine"
    assert d.pages_full == "430-438" and d.record.pages == "430-8"
    assert [(i.type, i.value, i.status) for i in d.identifiers] == [
        ("pmid", "21812672", "verified"), ("doi", "10.1056/NEJMoa1103975", "verified"),
        ("nct", "NCT00260689", "seed")]
    assert d.population_n == 120
    assert d.key_findings == ("Haematologic response at 6 months was better with horse ATG than with rabbit ATG.",)
    assert d.registration == "NCT00260689"
    assert d.record.design_label == "Randomised controlled trial"
    assert d.record.product_labels == ("Horse ATG, ATGAM (hATG)", "Rabbit ATG, Thymoglobulin (ATG-G / rATG)")
    assert [(s.source, s.list, s.position) for s in d.seed_memberships] == [("000_3bed40668a642f10.txt", "more", 1)]
    # Related: shares a setting and a product.
    assert [r.id for r in d.related] == ["atta2010"]


def test_get_includes_corrections_abstracts_and_record_extras(library):
    ayuk = library.get("ayuk2005")
    assert [(c.id, c.original, c.corrected, c.status) for c in ayuk.corrections] == [
        ("C001", "Kroger", "Kröger", "applied")]
    wang = library.get("wang2025")
    assert "抗胸腺细胞球蛋白" in wang.abstract_zh and wang.abstract_en.startswith("Allogeneic")
    assert wang.record_extras == {"language": "eng", "publisher": "Frontiers Media"}
    assert wang.authors[0].given == "Haitao"
    assert wang.related == ()


def test_get_keeps_hostile_markup_as_text(library):
    assert library.get("hacker2008").record.title.startswith("<b>bold</b> <img src=x> \"quoted\"")


def test_get_unknown_id_raises_not_found(library):
    with pytest.raises(StudyNotFoundError):
        library.get("nobody1900")


def test_facets_count_hits_and_ignore_their_own_filter(library):
    facets = library.facets("", SearchFilters(products=("horse-atgam",)))
    assert [(f.key, f.count) for f in facets["design"]] == [("case-report", 1), ("rct", 1), ("retrospective", 1)]
    # The product facet ignores the product filter, so the other products stay visible.
    assert [(f.key, f.count) for f in facets["product"]] == [
        ("rabbit-thymoglobulin", 4), ("horse-atgam", 3), ("atg-unspecified", 1), ("rabbit-atg-fresenius", 1)]
    assert [f.key for f in facets["year"]] == ["2011", "2010", "2008"]
    text = library.facets("apoptosis")
    assert [(f.key, f.count) for f in text["design"]] == [("in-vitro", 1), ("review", 1)]


def test_vocabulary_and_journals_come_from_the_database(library):
    assert library.vocabulary("design")[0] == ("rct", "Randomised controlled trial")
    assert ("N Engl J Med", "The New England Journal of Medicine") in library.journals()


def _brute_facets(library, query, filters):
    """Facet counts recomputed from search results: each facet without its own filter."""
    from atgdesk.library.search import FACET_FILTERS, KINDS, NOT_STATED, NOT_STATED_LABEL, without_facet
    out = {}
    for facet in FACET_FILTERS:
        counts = {}
        for record in library.search(query, without_facet(filters, facet)):
            if facet == "year":
                values = [(str(record.year), str(record.year))]
            elif facet == "journal":
                full = library.get(record.id).journal_full
                values = [(record.journal, full or record.journal)]
            elif facet == "kind":
                values = [(record.kind, KINDS[record.kind])]
            elif facet in ("design", "evidence_level"):
                key = getattr(record, facet)
                label = record.design_label if facet == "design" else record.evidence_label
                values = [(key, label)] if key else [(NOT_STATED, NOT_STATED_LABEL)]
            else:
                name = {"species": "species", "setting": "settings", "product": "products"}[facet]
                label_name = {"species": "species_labels", "setting": "setting_labels",
                              "product": "product_labels"}[facet]
                values = list(zip(getattr(record, name), getattr(record, label_name), strict=True)) or [
                    (NOT_STATED, NOT_STATED_LABEL)]
            for value in values:
                counts[value] = counts.get(value, 0) + 1
        out[facet] = sorted(((k, lab, n) for (k, lab), n in counts.items()),
                            key=(lambda t: t[0]) if facet == "year" else (
                                lambda t: (t[0] == NOT_STATED, -t[2], t[1], t[0])),
                            reverse=False)
        if facet == "year":
            out[facet].reverse()
    return out


@pytest.mark.parametrize("query, filters", [
    ("", SearchFilters()),
    ("", SearchFilters(products=("horse-atgam",), settings=("aplastic-anaemia",))),
    ("", SearchFilters(designs=("rct", "review"), year_min=2009, species=("human",))),
    ("thymo", SearchFilters(products=("rabbit-thymoglobulin",), evidence_levels=("4", "1"), year_max=2011)),
    ("horse", SearchFilters(journals=("N Engl J Med", "Test J"), ids=frozenset({"scheinberg2011", "atta2010"}))),
    ("移植", SearchFilters()),
    ("移植物 GVHD", SearchFilters(year_min=2020)),
    ("", SearchFilters(ids=frozenset())),
    ("", SearchFilters(year_min=2009)),
    ("", SearchFilters(species=("human",))),
    ("", SearchFilters(ids=frozenset({"wang2025", "deeks2009", "atta2010"}))),
    ("anti", SearchFilters(settings=("aplastic-anaemia",))),
])
def test_facets_equal_counts_recomputed_from_the_hits(library, query, filters):
    facets = library.facets(query, filters)
    expected = _brute_facets(library, query, filters)
    assert {f: [tuple(c) for c in v] for f, v in facets.items()} == expected


def test_facets_of_an_untyped_unfiltered_library_come_precomputed(library):
    assert library.facets("") == library.facets("", None)
    everything = library.facets("")
    assert sum(c.count for c in everything["year"]) == 6
    assert everything == library.facets("", SearchFilters(year_min=-10**6))  # computed path, same result
