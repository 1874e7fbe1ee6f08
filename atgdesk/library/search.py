"""Turning what a user types into safe FTS5 queries, and search SQL with filters and sorting.

Rules (they make any typed text give results or none, never an error):

- Text is NFKC-normalised, control characters become spaces, and only the first ``MAX_QUERY_CHARS`` characters
  and ``MAX_UNITS`` terms are used (a 10,000-character paste is still a query, just a shorter one).
- A balanced ``"quoted phrase"`` is a phrase query; a lone ``"`` is ignored.  Every other whitespace-separated
  word is a term.  Each phrase/term is always emitted as an FTS5 string (``"..."`` with ``"`` doubled), so FTS5
  operators typed by the user (``AND OR NOT NEAR * ^ ( ) :``) are searched as text, never parsed.  A bare upper-case
  ``AND`` is dropped because terms are ANDed anyway.
- Terms with no letter or digit (punctuation, emoji) are dropped — the tokenizer would index nothing for them.
- The last bare term is a prefix query (``thymo`` finds Thymoglobulin) unless the text ends in whitespace or
  the term is a single character (``t*`` would expand to thousands of index terms; ``t`` still matches "T cells").
- A term containing Chinese/Japanese/Korean characters goes to the trigram index (substring match) when it has at
  least three characters, and to a ``LIKE`` scan of the title and abstracts when it has one or two (only of the
  studies that have CJK text at all, listed in ``cjk_rows``).
- Query text that is empty (or only whitespace and quote marks) lists every study; text that yields no usable term
  lists none.

Filters are integer tests on ``study_filters`` (codes and bitsets, see :mod:`atgdesk.builder.build`); a query that
is a single plain word or prefix may be answered from ``ranked_cache`` (:func:`hot_key`), which holds the exact
start of the live ranking.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, fields

from atgdesk.library.records import SearchFilters

MAX_QUERY_CHARS = 1000
MAX_UNITS = 32
MAX_UNIT_CHARS = 200

FTS_TABLE = "search_fts"
TRIGRAM_TABLE = "search_trigram"
# Columns of search_content indexed by the porter index, in order, with their bm25 weights (title first).
SEARCH_COLUMNS = ("title", "authors", "journal", "excerpt", "summary", "tags", "abstract_en")
BM25_WEIGHTS = (10.0, 4.0, 2.0, 1.0, 1.0, 2.0, 0.5)
TRIGRAM_COLUMNS = ("title", "abstract_zh", "abstract_en")

# "-desc": the citation list sorted by a text column in descending order reads its pages from the database too.
SORTS = ("rank", "year", "year-asc", "author", "title", "journal", "author-desc", "title-desc", "journal-desc")

_CJK = re.compile(
    "[\u1100-\u11ff\u3040-\u30ff\u3100-\u312f\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f"
    "\uac00-\ud7af\uf900-\ufaff\U00020000-\U0003ffff]")
_PHRASE = re.compile(r'"([^"]*)"')


def has_cjk(text: str) -> bool:
    """True when ``text`` contains a Chinese, Japanese or Korean character."""
    return _CJK.search(text) is not None


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _searchable(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


@dataclass(frozen=True)
class ParsedQuery:
    """A user query split by index: ``fts`` (porter index expression, '' for none), ``trigram`` (expression for
    the trigram index, '' for none), ``like`` (short CJK substrings for the LIKE fallback), ``terms`` (for
    highlighting) and ``list_all`` (nothing was typed: list everything)."""

    fts: str = ""
    trigram: str = ""
    like: tuple[str, ...] = ()
    terms: tuple[str, ...] = ()
    list_all: bool = False

    @property
    def matches_nothing(self) -> bool:
        return not (self.list_all or self.fts or self.trigram or self.like)


def parse_query(query: str) -> ParsedQuery:
    """Split user text into safe index queries (see the module docstring)."""
    if not isinstance(query, str):
        raise ValueError(f"query must be text, got {type(query).__name__}")
    text = unicodedata.normalize("NFKC", query[:MAX_QUERY_CHARS])
    text = "".join(" " if unicodedata.category(ch).startswith("C") else ch for ch in text)
    if not text.replace('"', " ").strip():
        return ParsedQuery(list_all=True)

    # (text, is_phrase, can_be_prefix) in the order typed.
    units: list[tuple[str, bool]] = []
    pos = 0
    for match in _PHRASE.finditer(text):
        units += [(word, False) for word in text[pos:match.start()].replace('"', " ").split()]
        if match.group(1).strip():
            units.append((" ".join(match.group(1).split()), True))
        pos = match.end()
    tail = text[pos:].replace('"', " ")
    units += [(word, False) for word in tail.split()]
    ends_open = bool(units) and not units[-1][1] and not text[-1:].isspace() and tail.strip() != ""
    units = [(u[:MAX_UNIT_CHARS], phrase) for u, phrase in units if phrase or u != "AND"][:MAX_UNITS]

    fts_parts: list[str] = []
    tri_parts: list[str] = []
    like: list[str] = []
    terms: list[str] = []
    for index, (unit, phrase) in enumerate(units):
        if has_cjk(unit):
            if len(unit.strip()) >= 3:
                tri_parts.append(_fts_string(unit))
            else:
                like.append(unit.strip())
            terms.append(unit.casefold())
            continue
        if not _searchable(unit):
            continue
        prefix = ends_open and index == len(units) - 1 and not phrase and sum(ch.isalnum() for ch in unit) >= 2
        fts_parts.append(_fts_string(unit) + ("*" if prefix else ""))
        terms.append(unit.casefold())
    return ParsedQuery(fts=" ".join(fts_parts), trigram=" ".join(tri_parts), like=tuple(like),
                       terms=tuple(terms))


def _like_pattern(text: str) -> str:
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _keys(filters: SearchFilters, name: str) -> tuple[str, ...]:
    value = getattr(filters, name)
    if isinstance(value, str) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"filters.{name} must be a sequence of keys (text), got {value!r}")
    return tuple(value)


def _year(filters: SearchFilters, name: str) -> int | None:
    value = getattr(filters, name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"filters.{name} must be a whole year or None, got {value!r}")
    return value


# Facet name → SearchFilters field (``year`` uses year_min/year_max).
FACET_FILTERS = {
    "design": "designs",
    "species": "species",
    "setting": "settings",
    "product": "products",
    "evidence_level": "evidence_levels",
    "journal": "journals",
    "year": None,
    "kind": "kinds",
}
# The facet value of a study that states nothing for a facet (design, species, setting, product, evidence
# level): listed and counted like any value, so no filter silently drops studies.
NOT_STATED = "not-stated"
NOT_STATED_LABEL = "Not stated"
# Kinds of library entry: the curated seed studies and the dosing & PK references behind the calculator.
KINDS = {"study": "Seed study", "dosing-reference": "Dosing & PK reference"}
# How study_filters stores each facet: one bit per vocabulary key (a study has several), or one integer code.
BITSET_FACETS = ("species", "setting", "product")
CODED_FACETS = ("design", "evidence_level")  # codes from the vocabulary; "journal" has a code per (key, label)
# and "kind" one per KINDS key
# ranked_cache: key of a single word ('"thymo"') — a prefix adds '*' — and the struct codes of rids and scores.
HOT_KEY = '"{}"'
RANKED_CACHE_FORMAT = ("i", "d")
_HOT_EXPR = re.compile(r'"[A-Za-z0-9]+"\*?\Z')


def hot_key(parsed: ParsedQuery) -> str | None:
    """The ranked_cache key of a query that is one plain ASCII word or prefix (case folded), else None."""
    if parsed.trigram or parsed.like or not _HOT_EXPR.match(parsed.fts):
        return None
    return parsed.fts.lower()


def without_facet(filters: SearchFilters, facet: str) -> SearchFilters:
    """The same filters with one facet's restriction removed (for 'other values of this facet' counts)."""
    values = {f.name: getattr(filters, f.name) for f in fields(filters)}
    name = FACET_FILTERS[facet]
    if name is None:  # the year range
        values["year_min"] = values["year_max"] = None
    else:
        values[name] = ()
    return SearchFilters(**values)


@dataclass(frozen=True)
class CompiledSearch:
    """``FROM … WHERE …`` for the hits, the score expression, and the parameters, in order.

    ``rid`` is the expression of the study's rid; ``study_filters`` is aliased ``f`` when joined (always when the
    hits are not ranked), ``studies`` ``s`` when ``need_studies``.
    """

    from_where: str
    params: tuple
    score: str
    ranked: bool
    rid: str = "f.rid"


def filter_conditions(filters: SearchFilters | None, alias: str = "f") -> dict[str, tuple[str, tuple]]:
    """SQL condition and parameters per restricted facet (name from ``FACET_FILTERS``, or ``ids``) over
    ``study_filters`` aliased ``alias``.  Validates the filter values (``ValueError`` naming the field)."""
    filters = filters or SearchFilters()
    out: dict[str, tuple[str, tuple]] = {}
    year_min, year_max = _year(filters, "year_min"), _year(filters, "year_max")
    years = [(f"{alias}.year >= ?", year_min), (f"{alias}.year <= ?", year_max)]
    years = [(sql, value) for sql, value in years if value is not None]
    if years:
        out["year"] = (" AND ".join(sql for sql, _ in years), tuple(v for _, v in years))
    for facet, name in FACET_FILTERS.items():
        if name is None:
            continue
        keys = _keys(filters, name)
        if not keys:
            continue
        marks = ", ".join("?" * len(keys))
        if facet in BITSET_FACETS:
            # Any of the keys: the study's bitset shares a bit with the keys' bits ("not stated": no bit set).
            sql = (f"({alias}.{facet} & (SELECT coalesce(sum(code), 0) FROM facet_codes "
                   f"WHERE facet = '{facet}' AND key IN ({marks}))) != 0")
            if NOT_STATED in keys:
                sql = f"({sql} OR {alias}.{facet} = 0)"
            out[facet] = (sql, keys)
        else:
            out[facet] = (f"{alias}.{facet} IN (SELECT code FROM facet_codes WHERE facet = '{facet}' "
                          f"AND key IN ({marks}))", keys)
    if filters.ids is not None:
        ids = filters.ids
        if isinstance(ids, str) or not all(isinstance(i, str) for i in ids):
            raise ValueError(f"filters.ids must be a set of study ids (text), got {ids!r}")
        # json_each keeps the statement one parameter long however many ids there are.
        out["ids"] = (f"{alias}.rid IN (SELECT ids.rid FROM studies ids WHERE ids.id IN "
                      f"(SELECT value FROM json_each(?)))", (json.dumps(sorted(ids)),))
    return out


def compile_search(parsed: ParsedQuery, filters: SearchFilters | None, *,
                   need_studies: bool = True) -> CompiledSearch:
    """SQL selecting the hits of ``parsed`` restricted by ``filters`` (see :class:`CompiledSearch` for aliases).

    Filters are integer tests on the narrow ``study_filters`` table; a ranked text query without filters reads
    the FTS index alone, and ``studies`` is joined only when ``need_studies`` (sorting on its text columns).
    """
    conditions = filter_conditions(filters)
    where: list[str] = []
    params: list[object] = []
    if parsed.fts or parsed.trigram:
        table = FTS_TABLE if parsed.fts else TRIGRAM_TABLE
        weights = ", ".join(str(w) for w in BM25_WEIGHTS) if parsed.fts else ""
        rid = f"{table}.rowid"
        source = table
        where.append(f"{table} MATCH ?")
        params.append(parsed.fts or parsed.trigram)
        if parsed.fts and parsed.trigram:
            where.append(f"{rid} IN (SELECT rowid FROM {TRIGRAM_TABLE} WHERE {TRIGRAM_TABLE} MATCH ?)")
            params.append(parsed.trigram)
        score, ranked = f"bm25({table}{', ' if weights else ''}{weights})", True
        if conditions:
            source += f" JOIN study_filters f ON f.rid = {rid}"
    else:
        source, rid, score, ranked = "study_filters f", "f.rid", "0.0", False
    if need_studies:
        source += f" JOIN studies s ON s.rid = {rid}"
    for fragment in parsed.like:
        # Only rows with CJK text (cjk_rows) can contain a CJK fragment; CROSS JOIN keeps that small table outside.
        pattern = _like_pattern(fragment)
        where.append(f"{rid} IN (SELECT c.rid FROM cjk_rows k CROSS JOIN search_content c ON c.rid = k.rid WHERE " +
                     " OR ".join(f"c.{col} LIKE ? ESCAPE '\\'" for col in TRIGRAM_COLUMNS) + ")")
        params += [pattern] * len(TRIGRAM_COLUMNS)
    for sql, values in conditions.values():
        where.append(sql)
        params += values
    sql = f"FROM {source}" + (f" WHERE {' AND '.join(where)}" if where else "")
    return CompiledSearch(from_where=sql, params=tuple(params), score=score, ranked=ranked, rid=rid)


def order_by(sort: str, ranked: bool) -> str:
    """ORDER BY clause for a sort name (see ``SORTS``); ties always break on the stable default order."""
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}; got {sort!r}")
    if sort == "rank":
        # Equal scores fall back to rid (= id order): available without joining the studies table.
        # f.pos is the default order (year desc, first author, id = studies.sort_key).
        return "ORDER BY score, rid" if ranked else "ORDER BY f.pos"
    return {
        "year": "ORDER BY s.year DESC, s.sort_key",
        "year-asc": "ORDER BY s.year ASC, s.sort_key",
        "author": "ORDER BY s.first_author COLLATE NOCASE, s.sort_key",
        "title": "ORDER BY s.title COLLATE NOCASE, s.sort_key",
        "journal": "ORDER BY s.journal COLLATE NOCASE, s.sort_key",
        "author-desc": "ORDER BY s.first_author COLLATE NOCASE DESC, s.sort_key",
        "title-desc": "ORDER BY s.title COLLATE NOCASE DESC, s.sort_key",
        "journal-desc": "ORDER BY s.journal COLLATE NOCASE DESC, s.sort_key",
    }[sort]


def needs_studies(sort: str) -> bool:
    """Whether :func:`order_by` for ``sort`` reads the studies table (``s``)."""
    return sort != "rank"
