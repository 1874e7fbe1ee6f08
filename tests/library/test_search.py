"""Search over the fixture library: whole result lists for ranking, prefixes, phrases, filters, Chinese text and
hostile input."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from atgdesk.library.records import SearchFilters
from atgdesk.library.search import parse_query

from .conftest import FIXTURE_IDS

DEFAULT_ORDER = ["wang2025", "scheinberg2011", "atta2010", "deeks2009", "hacker2008", "ayuk2005"]


def ids(records):
    return [r.id for r in records]


def test_search_empty_query_lists_every_study_newest_first(library):
    assert ids(library.search("")) == DEFAULT_ORDER
    assert ids(library.search("   \t ")) == DEFAULT_ORDER
    assert library.all_ids() == DEFAULT_ORDER


def test_search_title_hit_ranks_above_excerpt_hit(library):
    # ayuk2005 has "apoptosis" in its title, deeks2009 only in its excerpt.
    hits = library.search("apoptosis")
    assert ids(hits) == ["ayuk2005", "deeks2009"]
    assert hits[0].score < hits[1].score  # bm25: lower is better


def test_search_last_word_is_a_prefix_while_typing(library):
    assert ids(library.search("apopt")) == ["ayuk2005", "deeks2009"]
    assert ids(library.search("caspase-dep")) == ["ayuk2005"]
    # "thymo" reaches Thymoglobulin in titles, excerpts and product labels; the title hit comes first.
    assert ids(library.search("thymo"))[0] == "deeks2009"
    assert sorted(ids(library.search("thymo"))) == ["atta2010", "ayuk2005", "deeks2009", "scheinberg2011",
                                                    "wang2025"]


def test_search_finished_word_followed_by_space_is_not_a_prefix(library):
    assert ids(library.search("apopt ")) == []


def test_search_quoted_phrase_matches_words_in_order(library):
    assert ids(library.search('"horse versus rabbit"')) == ["scheinberg2011"]
    assert ids(library.search('"rabbit versus horse"')) == []
    assert sorted(ids(library.search("horse rabbit"))) == ["atta2010", "scheinberg2011"]


def test_search_ignores_diacritics(library):
    assert ids(library.search("kroger")) == ["ayuk2005"]
    assert ids(library.search("Kröger")) == ["ayuk2005"]


def test_search_finds_authors_journals_identifiers_and_summary(library):
    assert ids(library.search("Keating")) == ["deeks2009"]
    assert ids(library.search("New England Journal")) == ["scheinberg2011"]
    assert ids(library.search("NCT00260689")) == ["scheinberg2011"]
    assert ids(library.search("cytotoxic")) == ["ayuk2005"]
    assert ids(library.search("recipient")) == ["hacker2008"]  # population text


def test_search_chinese_substring_uses_the_trigram_index(library):
    assert ids(library.search("移植物失败")) == ["wang2025"]
    assert ids(library.search("抗胸腺细胞球蛋白")) == ["wang2025"]
    assert ids(library.search("不存在的词")) == []


def test_search_short_chinese_query_falls_back_to_like(library):
    assert ids(library.search("移植")) == ["wang2025"]
    assert ids(library.search("肾")) == []


def test_search_mixed_chinese_and_english_terms_are_anded(library):
    assert ids(library.search("GVHD 移植物")) == ["wang2025"]
    assert ids(library.search("myeloma 移植物")) == []


def test_search_filters_combine_and_across_and_or_within(library):
    f = SearchFilters(products=("horse-atgam",))
    assert ids(library.search("", f)) == ["scheinberg2011", "atta2010", "hacker2008"]
    f = SearchFilters(products=("horse-atgam",), settings=("aplastic-anaemia",))
    assert ids(library.search("", f)) == ["scheinberg2011", "atta2010"]
    f = SearchFilters(products=("horse-atgam",), settings=("aplastic-anaemia",), year_min=2011)
    assert ids(library.search("", f)) == ["scheinberg2011"]
    f = SearchFilters(designs=("review", "rct"))
    assert ids(library.search("", f)) == ["wang2025", "scheinberg2011", "deeks2009"]
    f = SearchFilters(designs=("review",), year_max=2010, species=("human",))
    assert ids(library.search("", f)) == ["deeks2009"]
    f = SearchFilters(evidence_levels=("4",), journals=("Test J", "Ann Hematol"))
    assert ids(library.search("", f)) == ["atta2010", "hacker2008"]
    f = SearchFilters(ids=frozenset({"ayuk2005", "wang2025", "nosuch"}))
    assert ids(library.search("", f)) == ["wang2025", "ayuk2005"]
    assert ids(library.search("", SearchFilters(ids=frozenset()))) == []


def test_search_filters_apply_to_text_queries(library):
    f = SearchFilters(designs=("rct",))
    assert ids(library.search("horse rabbit", f)) == ["scheinberg2011"]
    assert ids(library.search("移植物", SearchFilters(year_max=2020))) == []


def test_search_sorts_and_limits(library):
    assert ids(library.search("", sort="year-asc")) == list(reversed(DEFAULT_ORDER))
    assert ids(library.search("", sort="author")) == ["atta2010", "ayuk2005", "deeks2009", "hacker2008",
                                                      "scheinberg2011", "wang2025"]
    assert ids(library.search("", sort="journal")) == ["atta2010", "deeks2009", "ayuk2005", "wang2025",
                                                       "scheinberg2011", "hacker2008"]
    assert ids(library.search("", limit=2)) == DEFAULT_ORDER[:2]
    assert library.count("") == 6 and library.count("apoptosis") == 2


def test_search_rejects_bad_sort_limit_and_filters_by_name(library):
    with pytest.raises(ValueError, match="sort"):
        library.search("x", sort="sideways")
    with pytest.raises(ValueError, match="limit"):
        library.search("x", limit=0)
    with pytest.raises(ValueError, match="filters.designs"):
        library.search("", SearchFilters(designs="rct"))
    with pytest.raises(ValueError, match="filters.year_min"):
        library.search("", SearchFilters(year_min="2000"))


@pytest.mark.parametrize("query, expected", [
    ('"', DEFAULT_ORDER),
    ('""', DEFAULT_ORDER),
    ('"horse', ["atta2010", "scheinberg2011", "hacker2008"]),  # the lone quote is ignored
    ("(((", []),
    (")", []),
    ("[brackets]", []),
    ("AND", []),
    # Operators are searched as words: "or" occurs in evidence-level labels, "not" in two summaries.
    ("OR", ["atta2010", "ayuk2005", "deeks2009", "hacker2008", "wang2025"]),
    ("NOT", ["ayuk2005", "hacker2008"]),
    ("NEAR", ["hacker2008"]),
    ("NEAR(", ["hacker2008"]),
    ("horse AND rabbit", ["atta2010", "scheinberg2011"]),
    ("horse OR", ["atta2010", "hacker2008"]),
    ("*", []),
    ("^", []),
    ("^horse", ["atta2010", "scheinberg2011", "hacker2008"]),
    ("-horse", ["atta2010", "scheinberg2011", "hacker2008"]),
    ("title:horse", []),
    ("😀", []),
    ("horse 😀", ["atta2010", "scheinberg2011", "hacker2008"]),
    ("<b>bold</b>", ["hacker2008"]),
    ("<img src=x>", ["hacker2008"]),
    ("{braces}", ["hacker2008"]),
    ("\x00", DEFAULT_ORDER),
    ("%", []),
    ("_", []),
    ("'; DROP TABLE studies; --", []),
])
def test_search_hostile_input_never_raises(library, query, expected):
    assert sorted(ids(library.search(query))) == sorted(expected)


def test_search_ten_thousand_characters_is_a_query_not_an_error(library):
    assert ids(library.search("x" * 10_000)) == []
    assert sorted(ids(library.search("horse " * 2_000))) == ["atta2010", "hacker2008", "scheinberg2011"]
    assert ids(library.search("移" * 10_000)) == []


def test_parse_query_quotes_every_term_and_marks_the_last_as_prefix():
    parsed = parse_query('rabbit "versus horse" AND NEAR thym')
    assert parsed.fts == '"rabbit" "versus horse" "NEAR" "thym"*'
    assert parsed.terms == ("rabbit", "versus horse", "near", "thym")
    assert parse_query('say "hi').fts == '"say" "hi"*'
    assert parse_query('a"b').fts == '"a" "b"'  # a one-character last word is not a prefix
    assert parse_query('a"bc').fts == '"a" "bc"*'
    assert parse_query("移植物 x").trigram == '"移植物"'
    assert parse_query("移植 x").like == ("移植",)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=200))
def test_search_arbitrary_text_never_raises_and_returns_known_ids(library, text):
    found = ids(library.search(text))
    assert set(found) <= set(FIXTURE_IDS)
    assert len(found) == len(set(found))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from('ab "*^()-:AND OR NEAR 移植物 😀\\%_'), max_size=60),
       st.sampled_from(["rank", "year", "author", "title", "journal", "year-asc"]))
def test_search_operator_soup_never_raises(library, text, sort):
    assert set(ids(library.search(text, sort=sort))) <= set(FIXTURE_IDS)
    library.facets(text)
    library.count(text)
