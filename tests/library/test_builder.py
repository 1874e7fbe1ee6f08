"""The builder: deterministic output, atomic replacement, and validation errors that name file and field."""

from __future__ import annotations

import sqlite3

import pytest

from atgdesk.builder.build import build_database, build_synthetic
from atgdesk.builder.sources import DataError
from atgdesk.library.db import SCHEMA_VERSION, open_bundled
from atgdesk.library.records import SearchFilters

from .conftest import FIXTURE_DATA


def test_build_database_is_byte_identical_when_rebuilt(tmp_path):
    a = build_database(FIXTURE_DATA, tmp_path / "a.sqlite")
    b = build_database(FIXTURE_DATA, tmp_path / "b.sqlite")
    assert (tmp_path / "a.sqlite").read_bytes() == (tmp_path / "b.sqlite").read_bytes()
    assert a.content_hash == b.content_hash and a.study_count == 6 and a.correction_count == 2


def test_build_database_content_hash_follows_the_data(data_copy, tmp_path):
    before = build_database(data_copy, tmp_path / "a.sqlite").content_hash
    path = data_copy / "studies" / "atta2010.toml"
    path.write_text(path.read_text(encoding="utf-8").replace("Single-centre", "One-centre"), encoding="utf-8")
    assert build_database(data_copy, tmp_path / "b.sqlite").content_hash != before


def test_build_database_writes_tables_indexes_and_user_version(fixture_db):
    conn = sqlite3.connect(fixture_db)
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table')")}
    assert {"studies", "authors", "identifiers", "tags", "seed_memberships", "corrections", "vocab", "meta",
            "search_content", "search_fts", "search_trigram"} <= names
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'search_fts'").fetchone()[0]
    assert "porter unicode61 remove_diacritics 2" in sql and "content='search_content'" in sql
    sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'search_trigram'").fetchone()[0]
    assert "trigram" in sql
    assert dict(conn.execute("SELECT key, value FROM meta"))["study_count"] == "6"
    assert conn.execute("SELECT count(*) FROM authors").fetchone()[0] == 6 + 4 + 5 + 2 + 5 + 2
    conn.close()


def test_build_database_replaces_an_existing_file_atomically(tmp_path):
    out = tmp_path / "db.sqlite"
    out.write_bytes(b"old contents")
    build_database(FIXTURE_DATA, out)
    assert open_bundled(out).meta.study_count == 6
    assert sorted(p.name for p in tmp_path.iterdir()) == ["db.sqlite"]  # no temporary file left behind


def _problems(data_dir, tmp_path):
    with pytest.raises(DataError) as info:
        build_database(data_dir, tmp_path / "out.sqlite")
    assert not (tmp_path / "out.sqlite").exists()
    return info.value.problems


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_build_database_schema_error_names_file_and_field(data_copy, tmp_path):
    _edit(data_copy / "studies" / "ayuk2005.toml", 'family = "Fang"', "family = 7")
    _edit(data_copy / "studies" / "deeks2009.toml", "year = 2009", 'year = "2009"')
    problems = _problems(data_copy, tmp_path)
    assert problems == ["data/studies/ayuk2005.toml: citation.authors[1].family: 7 is not of type 'string'",
                        "data/studies/deeks2009.toml: citation.year: '2009' is not of type 'integer'"]


def test_build_database_rejects_unknown_vocabulary_keys(data_copy, tmp_path):
    _edit(data_copy / "studies" / "atta2010.toml", 'products = ["horse-atgam", "rabbit-thymoglobulin"]',
          'products = ["horse-atgam", "unicorn-atg"]')
    _edit(data_copy / "studies" / "atta2010.toml", 'design = "retrospective"', 'design = "guess"')
    assert _problems(data_copy, tmp_path) == [
        "data/studies/atta2010.toml: summary.design: unknown key 'guess' (not in vocab.toml [design])",
        "data/studies/atta2010.toml: summary.products[1]: unknown key 'unicorn-atg' (not in vocab.toml [product])"]


def test_build_database_rejects_duplicate_and_mismatched_ids(data_copy, tmp_path):
    (data_copy / "studies" / "atta2010b.toml").write_text(
        (data_copy / "studies" / "atta2010.toml").read_text(encoding="utf-8"), encoding="utf-8")
    problems = _problems(data_copy, tmp_path)
    assert problems == [
        "data/studies/atta2010b.toml: id: 'atta2010' does not match the file name (expected 'atta2010b')",
        "data/studies/atta2010b.toml: id: duplicate id 'atta2010' (also in data/studies/atta2010.toml)"]


def test_build_database_rejects_corrections_for_missing_studies(data_copy, tmp_path):
    _edit(data_copy / "corrections" / "fixture.toml", 'study = "ayuk2005"', 'study = "ghost2001"')
    (data_copy / "corrections" / "more.toml").write_text(
        '[[correction]]\nid = "C001"\nstudy = "atta2010"\nfield = "citation.title"\noriginal = "a"\n'
        'corrected = "b"\nkind = "spelling"\nstatus = "applied"\nreason = "r"\nevidence = "e"\n', encoding="utf-8")
    problems = _problems(data_copy, tmp_path)
    assert problems == [
        "data/corrections/fixture.toml: correction[0].study: no study with id 'ghost2001'",
        "data/corrections/more.toml: correction[0].kind: 'spelling' is not one of ['lost-character', 'markup', "
        "'lost-words', 'accent', 'apostrophe', 'truncated-title', 'duplicate-author', 'hyphenation', 'other']"]


def test_build_database_reports_invalid_toml_and_missing_meta(data_copy, tmp_path):
    (data_copy / "meta.toml").unlink()
    (data_copy / "studies" / "broken2000.toml").write_text('id = "broken2000"\n[citation\n', encoding="utf-8")
    problems = _problems(data_copy, tmp_path)
    assert problems[0] == "data/meta.toml: file is missing"
    assert problems[1].startswith("data/studies/broken2000.toml: not valid TOML:")
    assert len(problems) == 2


def test_data_error_message_is_one_line(data_copy, tmp_path):
    _edit(data_copy / "studies" / "ayuk2005.toml", 'family = "Fang"', "family = 7")
    with pytest.raises(DataError) as info:
        build_database(data_copy, tmp_path / "out.sqlite")
    assert "\n" not in str(info.value) and str(info.value).startswith("1 problem in the data: data/studies/ayuk")


def test_build_synthetic_uses_the_same_tables_and_search(tmp_path):
    report = build_synthetic(500, tmp_path / "syn.sqlite", vocab_path=FIXTURE_DATA / "vocab.toml")
    assert report.study_count == 500
    with open_bundled(tmp_path / "syn.sqlite") as lib:
        assert len(lib.all_ids()) == 500
        hits = lib.search("globulin", limit=10)
        assert 0 < len(hits) <= 10 and all(h.id.startswith("syn") for h in hits)
    again = tmp_path / "syn2.sqlite"
    build_synthetic(500, again, vocab_path=FIXTURE_DATA / "vocab.toml")
    assert again.read_bytes() == (tmp_path / "syn.sqlite").read_bytes()


def test_build_database_accepts_an_unstated_design_without_a_facet_tag(data_copy, tmp_path):
    _edit(data_copy / "studies" / "atta2010.toml", 'design = "retrospective"', 'design = ""')
    _edit(data_copy / "studies" / "atta2010.toml", 'evidence_level = "4"', 'evidence_level = ""')
    build_database(data_copy, tmp_path / "out.sqlite")
    with open_bundled(tmp_path / "out.sqlite") as lib:
        record = lib.get("atta2010").record
        assert (record.design, record.design_label, record.evidence_level) == ("", "", "")
        # Not stated is a facet value of its own, counted and listed last.
        assert [f.key for f in lib.facets()["design"]] == ["review", "case-report", "in-vitro", "rct", "not-stated"]


def test_build_database_writes_the_derived_search_tables(fixture_db, library):
    conn = sqlite3.connect(fixture_db)
    # study_filters.pos is the default order; cjk_rows holds the one study with Chinese text.
    by_pos = [r[0] for r in conn.execute(
        "SELECT s.id FROM study_filters f JOIN studies s ON s.rid = f.rid ORDER BY f.pos")]
    assert by_pos == library.all_ids()
    assert [r[0] for r in conn.execute("SELECT s.id FROM cjk_rows k JOIN studies s ON s.rid = k.rid")] == ["wang2025"]
    # Bits and codes: one bit per product key, design codes from the vocabulary with 0 for "not stated".
    bits = dict(conn.execute("SELECT key, code FROM facet_codes WHERE facet = 'product'"))
    assert sorted(bits.values()) == [0, 1, 2, 4, 8]  # 0: not stated
    products = conn.execute("SELECT f.product FROM study_filters f JOIN studies s ON s.rid = f.rid "
                            "WHERE s.id = 'scheinberg2011'").fetchone()[0]
    assert products == bits["horse-atgam"] | bits["rabbit-thymoglobulin"]
    assert conn.execute("SELECT code FROM facet_codes WHERE facet = 'design' AND key = 'not-stated'").fetchone()[0] == 0
    # The precomputed whole-library facet counts are those of the tags table.
    stored = conn.execute("SELECT facet, key, n FROM facet_counts ORDER BY facet, position").fetchall()
    counted = conn.execute("SELECT facet, key, count(*) FROM tags GROUP BY facet, key").fetchall()
    assert sorted(stored) == sorted(counted)
    # Six studies: no word is common enough for the ranked cache.
    assert conn.execute("SELECT count(*) FROM ranked_cache").fetchone()[0] == 0
    conn.close()


def test_build_synthetic_ranked_cache_gives_the_live_ranking(tmp_path):
    path = tmp_path / "syn.sqlite"
    build_synthetic(1500, path, vocab_path=FIXTURE_DATA / "vocab.toml", hot_min_hits=60, hot_keep=40)
    with open_bundled(path) as lib:
        keys = [r[0] for r in lib.connection.execute("SELECT expr FROM ranked_cache ORDER BY hits DESC")]
        assert len(keys) > 20 and any(k.endswith("*") for k in keys) and any(not k.endswith("*") for k in keys)
        words = [k.strip('"*') + ("" if k.endswith("*") else " ") for k in keys[:40]]
        filters = [None, SearchFilters(products=("horse-atgam",)),
                   SearchFilters(designs=("rct", "review"), year_min=1990),
                   SearchFilters(species=("human",), settings=("kidney-transplant", "myeloma"))]
        for word in [*words, "Globulin", "THYMO"]:
            for f in filters:
                for limit in (1, 10, 40, 41, 500):
                    lib.use_ranked_cache = True
                    cached = [(r.id, r.score) for r in lib.search(word, f, limit=limit)]
                    lib.use_ranked_cache = False
                    live = [(r.id, r.score) for r in lib.search(word, f, limit=limit)]
                    assert cached == live, (word, f, limit)
        lib.use_ranked_cache = True
