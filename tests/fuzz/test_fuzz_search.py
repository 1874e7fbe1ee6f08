"""Search and facets on a library built by the real builder: arbitrary query text and filters never raise, and
every hit is a study of the library."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from atgdesk.library.records import SearchFilters
from atgdesk.library.search import SORTS
from tests.fuzz.conftest import count, fuzz_settings

# Text that stresses the query parser: FTS5 syntax, quotes, wildcards, CJK, controls, long runs.
_SPECIAL = st.sampled_from(['"', "'", "*", "^", "(", ")", "-", "+", ":", "NEAR", "AND", "OR", "NOT", "{", "}",
                            "\\", "%", "_", "\x00", "\u200b", "\ufeff", "异基因", "ü", "  ", "\n", "..", "<b>",
                            "kidney", "thymo", "ATG", "rabbit horse", "NEAR(a b, 2)", "title:", "col:x"])
QUERY = st.one_of(
    st.text(max_size=80),
    st.lists(st.one_of(_SPECIAL, st.text(max_size=6)), max_size=12).map("".join),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=300),
)
_KEYS = st.one_of(st.sampled_from(["rct", "review", "human", "kidney-transplant", "horse-atgam", "4", "5",
                                   "Blood", "Test J", "not-stated", "study", "dosing-reference"]),
                  st.text(max_size=12))
FILTERS = st.builds(
    SearchFilters,
    year_min=st.none() | st.integers(-10**6, 10**6),
    year_max=st.none() | st.integers(-10**6, 10**6),
    designs=st.tuples(_KEYS) | st.just(()),
    species=st.lists(_KEYS, max_size=3).map(tuple),
    settings=st.lists(_KEYS, max_size=3).map(tuple),
    products=st.lists(_KEYS, max_size=2).map(tuple),
    journals=st.lists(_KEYS, max_size=2).map(tuple),
    evidence_levels=st.lists(_KEYS, max_size=2).map(tuple),
    kinds=st.lists(_KEYS, max_size=2).map(tuple),
    ids=st.none() | st.frozensets(st.one_of(st.sampled_from(["atta2010", "hostile2026", "wang2025"]),
                                            st.text(max_size=10)), max_size=4),
)


@fuzz_settings(2.0)
@given(query=QUERY, filters=st.none() | FILTERS, sort=st.sampled_from(SORTS),
       limit=st.none() | st.integers(1, 500))
def test_fuzz_search_and_facets_never_raise_and_hits_are_library_studies(fuzz_library, query, filters, sort, limit):
    count("search")
    ids = set(fuzz_library.all_ids())
    hits = fuzz_library.search(query, filters, sort=sort, limit=limit)
    hit_ids = [h.id for h in hits]
    assert set(hit_ids) <= ids
    assert len(hit_ids) == len(set(hit_ids))
    if limit is not None:
        assert len(hits) <= limit
    total = fuzz_library.count(query, filters)
    assert total >= len(hits)
    if limit is None:
        assert total == len(hits)
    if filters is not None and filters.ids is not None:
        assert set(hit_ids) <= filters.ids
    facets = fuzz_library.facets(query, filters)
    for facet, values in facets.items():
        for value in values:
            assert value.count >= 1, (facet, value)
