"""Read-only access to the bundled evidence database (stdlib ``sqlite3`` only).

The database is opened with ``mode=ro&immutable=1``: SQLite takes no locks and refuses every write.  Opening
checks the schema version (``PRAGMA user_version``), runs ``PRAGMA quick_check``, requires the provenance rows
in ``meta`` and re-computes :func:`file_digest` over the file, comparing it with the digest the builder stored
(the one row of ``db_digest``); any problem becomes a :class:`LibraryError` whose message names the problem and
the fix.  (``meta.content_hash`` is the hash of the curated *sources*; it cannot be re-computed from the
database, so the stored digest is what detects a database edited after the build.)
"""

from __future__ import annotations

import hashlib
import json
import mmap
import re
import sqlite3
import struct
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from atgdesk.library.records import FacetCount, LibraryMeta, SearchFilters, StudyRecord
from atgdesk.library.search import (
    BITSET_FACETS,
    FACET_FILTERS,
    FTS_TABLE,
    NOT_STATED,
    NOT_STATED_LABEL,
    RANKED_CACHE_FORMAT,
    SEARCH_COLUMNS,
    TRIGRAM_COLUMNS,
    TRIGRAM_TABLE,
    compile_search,
    filter_conditions,
    hot_key,
    needs_studies,
    order_by,
    parse_query,
)

if TYPE_CHECKING:
    from atgdesk.library.details import StudyDetail

REFERENCE_KIND = "dosing-reference"

__all__ = ["SCHEMA_VERSION", "LIST_SEPARATOR", "FTS_TABLE", "TRIGRAM_TABLE", "SEARCH_COLUMNS", "TRIGRAM_COLUMNS",
           "DIGEST_TABLE", "Library", "LibraryError", "StudyNotFoundError", "digest_location", "file_digest",
           "open_bundled"]

# Bumped whenever the builder's tables change incompatibly; the builder writes it into PRAGMA user_version.
# 2: study_filters, facet_codes, facet_counts, cjk_rows and ranked_cache (fast filters, facets and common words).
# 3: published results (sources, facts), field provenance, "not stated" facet values, the kind facet and the
#    dosing & PK references (reference_uses).
# 4: the digest is of the file's bytes, kept in its own table (db_digest), no longer of every row (meta.db_digest).
SCHEMA_VERSION = 4
# Separates list values (keys, labels) stored in one text column of ``studies``.
LIST_SEPARATOR = "\x1f"
FIX = "rebuild it with `make db` (or `atgdesk build-db`) or reinstall ATG Desk"
# The one-row table that holds the digest of the database file (:func:`file_digest`); its page alone is left out.
DIGEST_TABLE = "db_digest"
# Header fields SQLite rewrites whenever it writes to the file (the file change counter at bytes 24-27; the
# version-valid-for number and the version of the SQLite that wrote last at 92-99): storing the digest rewrites
# them, so the digest leaves them out.  They say nothing about the content.
_REWRITTEN_HEADER = ((24, 28), (92, 100))

_RECORD_COLUMNS = ("s.id, s.first_author, s.authors_short, s.year, s.title, s.journal, s.volume, s.issue, "
                   "s.pages, s.design, s.design_label, s.product_keys, s.product_labels, s.setting_keys, "
                   "s.setting_labels, s.species_keys, s.species_labels, s.evidence_level, s.evidence_label, s.kind")


# Facets counted together in one GROUP BY when none of them is filtered (few distinct combinations each).
_FACET_GROUPS = (("design", "evidence_level", "species"), ("setting", "product"), ("journal", "year", "kind"))


class LibraryError(Exception):
    """The evidence database is missing, unreadable, corrupt or from another schema version."""


class StudyNotFoundError(KeyError):
    """No study has the requested id."""


def _split(value: str) -> tuple[str, ...]:
    return tuple(value.split(LIST_SEPARATOR)) if value else ()


def _record(row: tuple, score: float = 0.0, terms: tuple[str, ...] = ()) -> StudyRecord:
    return StudyRecord(
        id=row[0], first_author=row[1], authors_short=row[2], year=row[3], title=row[4], journal=row[5],
        volume=row[6], issue=row[7], pages=row[8], design=row[9], design_label=row[10],
        products=_split(row[11]), product_labels=_split(row[12]), settings=_split(row[13]),
        setting_labels=_split(row[14]), species=_split(row[15]), species_labels=_split(row[16]),
        evidence_level=row[17], evidence_label=row[18], kind=row[19], score=score, match_terms=terms)


def digest_location(conn: sqlite3.Connection) -> tuple[int, int]:
    """(number of the page that holds ``db_digest``, page size): what :func:`file_digest` leaves out."""
    row = conn.execute("SELECT rootpage FROM sqlite_master WHERE type = 'table' AND name = ?",
                       (DIGEST_TABLE,)).fetchone()
    if row is None or not isinstance(row[0], int) or row[0] < 2:
        raise LibraryError(f"the evidence database has no {DIGEST_TABLE} table; {FIX}")
    return row[0], int(conn.execute("PRAGMA page_size").fetchone()[0])


def file_digest(path: str | Path, digest_page: int, page_size: int) -> str:
    """BLAKE2b (32 bytes) of the database file's bytes as the builder left them: every byte except the page
    ``digest_page`` (where the builder stores this digest, so storing it cannot change it) and the header fields
    SQLite rewrites on every write.  It depends on the layout on purpose: any change to the file after the build
    shows, a ``VACUUM`` included.  BLAKE2b is built into Python: the frozen app, which leaves OpenSSL out, hashes
    the bundled library in ~1.6 ms (its own SHA-256 took ~4.8 ms).  The file is mapped, not copied; OSError or
    ValueError when it cannot be read or is empty."""
    page_start = (digest_page - 1) * page_size
    left_out = sorted((*_REWRITTEN_HEADER, (page_start, page_start + page_size)))
    h = hashlib.blake2b(digest_size=32)
    with open(path, "rb") as f, mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ) as mapped:
        view = memoryview(mapped)
        try:
            position = 0
            for start, end in left_out:
                h.update(view[position:start])
                position = max(position, end)
            h.update(view[position:])
        finally:
            view.release()
    return h.hexdigest()


def open_bundled(path: str | Path) -> Library:
    """Open and check the bundled database read-only; raise :class:`LibraryError` naming the problem and fix."""
    path = Path(path)
    if not path.is_file():
        raise LibraryError(f"evidence database not found at {path}; {FIX}")
    uri = path.resolve().as_uri() + "?mode=ro&immutable=1"
    conn = None
    try:
        # Immutable and read-only, so sharing the connection across threads is safe (sqlite3 serialises calls).
        conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version != SCHEMA_VERSION:
            raise LibraryError(f"evidence database {path} has schema version {version}, this version of ATG Desk "
                               f"needs {SCHEMA_VERSION}; {FIX}")
        check = [r[0] for r in conn.execute("PRAGMA quick_check").fetchall()]
        if check != ["ok"]:
            # quick_check's report spans many lines: keep the message to one short line
            detail = " ".join("; ".join(map(str, check[:3])).split())
            detail = detail if len(detail) <= 160 else detail[:160] + "…"
            raise LibraryError(f"evidence database {path} is damaged ({detail}); {FIX}")
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        missing = [k for k in ("data_version", "content_hash", "study_count") if not meta.get(k)]
        if missing:
            raise LibraryError(f"evidence database {path} lacks {', '.join(missing)} in its meta table; {FIX}")
        stored = [r[0] for r in conn.execute(f"SELECT value FROM {DIGEST_TABLE}").fetchall()]
        if len(stored) != 1 or file_digest(path, *digest_location(conn)) != stored[0]:
            raise LibraryError(f"evidence database {path} was changed after it was built (its digest does not "
                               f"match); {FIX}")
        conn.execute(f"SELECT rowid FROM {FTS_TABLE} LIMIT 0").fetchall()
        conn.execute(f"SELECT rowid FROM {TRIGRAM_TABLE} LIMIT 0").fetchall()
        for table in ("study_filters", "facet_codes", "facet_counts", "cjk_rows", "ranked_cache", "sources", "facts",
                      "reference_uses"):
            conn.execute(f"SELECT * FROM {table} LIMIT 0").fetchall()
    except LibraryError:
        if conn is not None:
            conn.close()
        raise
    except (sqlite3.DatabaseError, ValueError, OSError) as exc:
        if conn is not None:
            conn.close()
        raise LibraryError(f"evidence database {path} cannot be read ({exc}); {FIX}") from exc
    library_meta = LibraryMeta(data_version=meta["data_version"], content_hash=meta["content_hash"],
                               schema_version=version, study_count=int(meta["study_count"]),
                               reference_count=int(meta.get("reference_count") or 0))
    return Library(conn, library_meta, path)


class Library:
    """The evidence library: search, facets and study details over a read-only connection."""

    def __init__(self, conn: sqlite3.Connection, meta: LibraryMeta, path: Path) -> None:
        self._conn = conn
        self.meta = meta
        self.path = path
        # False: always rank live, never from ranked_cache (tests compare both ways).
        self.use_ranked_cache = True
        self._labels_cache: dict[str, dict[int, tuple[str, str]]] | None = None

    # -- lifecycle ------------------------------------------------------------------------------------------
    def reopen(self) -> Library:
        """A second read-only connection to this (already verified, immutable) database, for a worker thread:
        queries on it do not wait for, or hold up, queries on this one."""
        uri = Path(self.path).resolve().as_uri() + "?mode=ro&immutable=1"
        return Library(sqlite3.connect(uri, uri=True, check_same_thread=False), self.meta, self.path)

    def close(self) -> None:
        """Close the connection."""
        self._conn.close()

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def connection(self) -> sqlite3.Connection:
        """The read-only connection (for benchmarks and tests; writes through it fail)."""
        return self._conn

    # -- search ---------------------------------------------------------------------------------------------
    def search(self, query: str = "", filters: SearchFilters | None = None, sort: str = "rank",
               limit: int | None = None) -> list[StudyRecord]:
        """Studies matching ``query`` (see :mod:`atgdesk.library.search`) and ``filters``, best first.

        ``sort`` is one of ``rank`` (bm25; for an empty query: year desc, first author, id), ``year``,
        ``year-asc``, ``author``, ``title``, ``journal`` and the last three with ``-desc``.  ``limit`` is a
        positive whole number or ``None``.
        """
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
            raise ValueError(f"limit must be a positive whole number or None, got {limit!r}")
        parsed = parse_query(query)
        if parsed.matches_nothing:
            order_by(sort, False)  # still reject a bad sort name
            return []
        ranked = None
        if sort == "rank" and limit is not None and self.use_ranked_cache:
            ranked = self._ranked_from_cache(parsed, filters, limit)
        if ranked is None:
            compiled = compile_search(parsed, filters, need_studies=needs_studies(sort))
            # Two steps: rank and cut with only (rid, score) in SQLite's sorter, then fetch the few full rows.
            # Sorting thousands of hits with all record columns attached was the main cost at 100,000 studies.
            sql = (f"SELECT {compiled.rid} AS rid, {compiled.score} AS score {compiled.from_where} "
                   f"{order_by(sort, compiled.ranked)}" + (" LIMIT ?" if limit else ""))
            ranked = self._conn.execute(sql, compiled.params + ((limit,) if limit else ())).fetchall()
        if not ranked:
            return []
        rows = self._conn.execute(
            f"SELECT s.rid, {_RECORD_COLUMNS} FROM studies s WHERE s.rid IN (SELECT value FROM json_each(?))",
            (json.dumps([rid for rid, _ in ranked]),)).fetchall()
        by_rid = {row[0]: row[1:] for row in rows}
        return [_record(by_rid[rid], float(score), parsed.terms) for rid, score in ranked]

    def _ranked_from_cache(self, parsed, filters: SearchFilters | None, limit: int) -> list[tuple] | None:
        """The first ``limit`` (rid, score) of a one-word query from ``ranked_cache``, or None to rank live.

        The stored list is the exact start of the full ranking, so the first ``limit`` entries that pass the
        filters are the answer whenever at least ``limit`` of them pass.
        """
        key = hot_key(parsed)
        if key is None:
            return None
        row = self._conn.execute("SELECT hits, rids, scores FROM ranked_cache WHERE expr = ?", (key,)).fetchone()
        if row is None:
            return None
        hits, rid_blob, score_blob = row
        rid_code, score_code = RANKED_CACHE_FORMAT
        n = len(rid_blob) // struct.calcsize("<" + rid_code)
        if n < limit and n < hits:
            return None
        rids = struct.unpack(f"<{n}{rid_code}", rid_blob)
        scores = struct.unpack(f"<{n}{score_code}", score_blob)
        conditions = filter_conditions(filters)
        if conditions:
            where = " AND ".join(sql for sql, _ in conditions.values())
            params = tuple(v for _, values in conditions.values() for v in values)
            allowed = {r[0] for r in self._conn.execute(
                f"SELECT f.rid FROM study_filters f WHERE f.rid IN (SELECT value FROM json_each(?)) AND {where}",
                (json.dumps(rids), *params))}
            pairs = [(r, sc) for r, sc in zip(rids, scores, strict=True) if r in allowed]
            if len(pairs) < limit and n < hits:
                return None  # too few of the stored hits pass: the rest of the ranking is needed
            return pairs[:limit]
        return list(zip(rids[:limit], scores[:limit], strict=True))

    def count(self, query: str = "", filters: SearchFilters | None = None) -> int:
        """How many studies :meth:`search` would return without a limit."""
        parsed = parse_query(query)
        if parsed.matches_nothing:
            return 0
        compiled = compile_search(parsed, filters, need_studies=False)
        return self._conn.execute(f"SELECT count(*) {compiled.from_where}", compiled.params).fetchone()[0]

    def facets(self, query: str = "", filters: SearchFilters | None = None) -> dict[str, list[FacetCount]]:
        """For each facet, its values among the hits with their counts (most frequent first; years newest first).

        Each facet is counted with every filter applied except its own, so the other values of a facet that is
        being filtered stay visible with the counts they would give.

        One statement: the hits of the text (with the ``study_filters`` row of each, and whether it passes each
        active filter) are materialised once, then every facet is grouped over the rows that pass all the other
        filters.  Nothing typed and nothing filtered reads the precomputed ``facet_counts``.
        """
        parsed = parse_query(query)
        if parsed.matches_nothing:
            return {facet: [] for facet in FACET_FILTERS}
        conditions = filter_conditions(filters)
        if parsed.list_all and set(conditions) <= set(FACET_FILTERS) and len(conditions) <= 1:
            # Nothing typed and at most one facet filtered: that facet (or every facet) counts the whole library.
            whole: dict[str, list[FacetCount]] = {facet: [] for facet in FACET_FILTERS}
            for facet, key, label, n in self._conn.execute(
                    "SELECT facet, key, label, n FROM facet_counts ORDER BY facet, position"):
                whole[facet].append(FacetCount(key, label, n))
            if not conditions:
                return whole
            (own,) = conditions
            counted = self._count_facets(parsed, conditions, skip=own)
            counted[own] = whole[own]
            return counted
        return self._count_facets(parsed, conditions)

    def _count_facets(self, parsed, conditions: dict[str, tuple[str, tuple]],
                      skip: str | None = None) -> dict[str, list[FacetCount]]:
        """Facet counts over the hits of ``parsed``, each facet without its own filter (``skip``: not counted)."""
        text = compile_search(parsed, None, need_studies=False)
        if text.rid != "f.rid":
            text_from = text.from_where.replace("FROM ", "FROM study_filters f JOIN ", 1).replace(
                " WHERE ", f" ON f.rid = {text.rid} WHERE ", 1)
        else:
            text_from = text.from_where
        names = list(conditions)
        flags = ", ".join(f"({sql}) AS p{i}" for i, (sql, _) in enumerate(conditions.values()))
        flag_params = tuple(v for _, values in conditions.values() for v in values)
        # A row counts for some facet only if it fails at most one active filter (none when no filtered facet is
        # counted here).
        separate = any(f in conditions and f != skip for f in FACET_FILTERS)
        needed = len(names) - (1 if separate else 0)
        keep = f" WHERE {' + '.join(f'p{i}' for i in range(len(names)))} >= {needed}" if names else ""
        # Facets without a filter of their own share one row set (all filters applied) and are grouped together,
        # a few per GROUP BY (each GROUP BY is a sort of the hits); a filtered facet gets its own GROUP BY.
        shared = [f for f in FACET_FILTERS if f not in conditions]
        groups = [[f for f in group if f in shared] for group in _FACET_GROUPS]
        groups = [g for g in groups if g] + [[f] for f in FACET_FILTERS if f in conditions and f != skip]
        width = max(len(g) for g in groups)
        parts = []
        for index, group in enumerate(groups):
            others = " AND ".join(f"p{i}" for i, name in enumerate(names) if name not in group) or "1"
            columns = ", ".join(group + ["NULL"] * (width - len(group)))
            parts.append(f"SELECT {index}, {columns}, count(*) FROM h WHERE {others} GROUP BY {', '.join(group)}")
        sql = (f"WITH h AS MATERIALIZED (SELECT * FROM (SELECT f.year, f.design, f.evidence_level, f.journal, "
               f"f.species, f.setting, f.product, f.kind{', ' + flags if flags else ''} {text_from}){keep}) "
               + " UNION ALL ".join(parts))
        by_value: dict[str, dict[int, int]] = {facet: {} for facet in FACET_FILTERS}
        for row in self._conn.execute(sql, flag_params + text.params):
            n = row[-1]
            for facet, value in zip(groups[row[0]], row[1:], strict=False):
                target = by_value[facet]
                target[value] = target.get(value, 0) + n
        labels = self._facet_labels()
        counts: dict[str, dict[tuple[str, str], int]] = {facet: {} for facet in FACET_FILTERS}
        for facet, values in by_value.items():
            tally = counts[facet]
            for value, n in values.items():
                if facet == "year":
                    entries = [(str(value), str(value))]
                elif facet in BITSET_FACETS:
                    entries = ([kl for bit, kl in labels[facet].items() if value & bit] if value
                               else [(NOT_STATED, NOT_STATED_LABEL)])
                else:
                    entries = [labels[facet][value]] if value in labels[facet] else []
                for entry in entries:
                    tally[entry] = tally.get(entry, 0) + n
        out = {}
        for facet, found in counts.items():
            items = [FacetCount(key, label, n) for (key, label), n in found.items()]
            if facet == "year":
                items.sort(key=lambda c: c.key, reverse=True)
            else:  # "not stated" last, as in facet_counts
                items.sort(key=lambda c: (c.key == NOT_STATED, -c.count, c.label, c.key))
            out[facet] = items
        return out

    def _facet_labels(self) -> dict[str, dict[int, tuple[str, str]]]:
        """facet → code (or bit) → (key, label); a bitset's 0 (not stated) is left out (no bit to test)."""
        cached = self._labels_cache
        if cached is None:
            cached = {facet: {} for facet in FACET_FILTERS}
            for facet, key, label, code in self._conn.execute(
                    "SELECT facet, key, label, code FROM facet_codes WHERE code != 0 OR facet IN (?, ?)",
                    ("design", "evidence_level")):
                cached[facet][code] = (key, label)
            self._labels_cache = cached
        return cached

    def vocabulary(self, facet: str) -> list[tuple[str, str]]:
        """(key, label) pairs of a controlled vocabulary (design, species, setting, product, evidence_level)."""
        return [tuple(r) for r in self._conn.execute(
            "SELECT key, label FROM vocab WHERE facet = ? ORDER BY position", (facet,)).fetchall()]

    def journals(self) -> list[tuple[str, str]]:
        """(abbreviation, full name or abbreviation) of every journal in the library."""
        return [tuple(r) for r in self._conn.execute(
            "SELECT DISTINCT key, label FROM tags WHERE facet = 'journal' ORDER BY key").fetchall()]

    def all_ids(self) -> list[str]:
        """Every study id in the default order (year desc, first author, id)."""
        return [r[0] for r in self._conn.execute("SELECT id FROM studies ORDER BY sort_key").fetchall()]

    # -- details --------------------------------------------------------------------------------------------
    def get(self, study_id: str) -> StudyDetail:
        """Everything about one study; raises :class:`StudyNotFoundError` for an unknown id."""
        from atgdesk.library.details import (  # on the first study opened (the module's docstring says why)
            Author,
            Correction,
            Fact,
            Identifier,
            ReferenceUse,
            SeedMembership,
            Source,
            StudyDetail,
        )
        conn = self._conn
        row = conn.execute(
            f"SELECT {_RECORD_COLUMNS}, s.et_al, s.journal_full, s.pages_full, s.excerpt, s.abstract_en, "
            "s.abstract_zh, s.population_n, s.population_text, s.key_findings, s.registration, s.take_home, "
            "s.seed_links, s.record, s.availability, s.searched, s.provenance, s.reference "
            "FROM studies s WHERE s.id = ?", (study_id,)).fetchone()
        if row is None:
            raise StudyNotFoundError(study_id)
        authors = tuple(Author(*r) for r in conn.execute(
            "SELECT family, initials, given FROM authors WHERE study_id = ? ORDER BY position", (study_id,)))
        identifiers = tuple(Identifier(*r) for r in conn.execute(
            "SELECT type, value, status, source FROM identifiers WHERE study_id = ? ORDER BY position",
            (study_id,)))
        corrections = tuple(Correction(*r) for r in conn.execute(
            "SELECT id, study, field, original, corrected, kind, status, reason, evidence FROM corrections "
            "WHERE study = ? ORDER BY id", (study_id,)))
        seeds = tuple(SeedMembership(*r) for r in conn.execute(
            "SELECT source, list, position FROM seed_memberships WHERE study_id = ? ORDER BY source, list, position",
            (study_id,)))
        sources = tuple(Source(*r) for r in conn.execute(
            "SELECT key, kind, address, status, read_on, note FROM sources WHERE study_id = ? ORDER BY key",
            (study_id,)))
        facts = tuple(Fact(*r) for r in conn.execute(
            "SELECT section, text, source_key, source_kind, source_address, source_status FROM facts "
            "WHERE study_id = ? ORDER BY position", (study_id,)))
        uses = tuple(ReferenceUse(*r) for r in conn.execute(
            "SELECT file, what FROM reference_uses WHERE study_id = ? ORDER BY position", (study_id,)))
        n = len(_RECORD_COLUMNS.split(","))
        (et_al, journal_full, pages_full, excerpt, abstract_en, abstract_zh, population_n, population_text,
         key_findings, registration, take_home, seed_links, record, availability, searched, provenance,
         reference) = row[n:]
        return StudyDetail(
            record=_record(row), authors=authors, et_al=bool(et_al), journal_full=journal_full,
            pages_full=pages_full, excerpt=excerpt, abstract_en=abstract_en, abstract_zh=abstract_zh,
            population_n=population_n, population_text=population_text,
            key_findings=tuple(json.loads(key_findings)), registration=registration, take_home=take_home,
            identifiers=identifiers, seed_links=tuple(json.loads(seed_links)), record_extras=json.loads(record),
            corrections=corrections, seed_memberships=seeds, related=tuple(self.related(study_id)),
            availability=availability, searched=searched, provenance=json.loads(provenance), sources=sources,
            facts=facts, reference=json.loads(reference) if reference else {}, uses=uses)

    def reference_for(self, citation: str = "", doi: str = "", pmid: str = "") -> str:
        """The id of the dosing & PK reference a calculator source cites ('' when none): the entry whose DOI
        (or PMID) the source gives, else the first whose citation text starts the source's citation."""
        conn = self._conn
        if not doi:  # a source written as one text ("…, doi 10.1002/psp4.70176 [SEC]") gives its DOI inline
            found_doi = re.search(r"10\.\d{4,9}/[^\s,;\]]+", citation or "")
            doi = found_doi.group(0).rstrip(".)") if found_doi else ""
        for kind, value in (("doi", doi), ("pmid", pmid)):
            if value:
                found = conn.execute(
                    "SELECT s.id FROM identifiers i JOIN studies s ON s.id = i.study_id WHERE s.kind = ? "
                    "AND i.type = ? AND lower(i.value) = lower(?) ORDER BY s.sort_key LIMIT 1",
                    (REFERENCE_KIND, kind, value.strip())).fetchone()
                if found:
                    # A primary paper cited "via" a secondary source carries the secondary's DOI: prefer the
                    # entry whose own citation text the source starts with.
                    by_text = self._reference_by_text(citation)
                    return by_text or found[0]
        return self._reference_by_text(citation)

    def _reference_by_text(self, citation: str) -> str:
        citation = " ".join(citation.split()).casefold()
        if not citation:
            return ""
        for sid, reference in self._conn.execute(
                "SELECT id, reference FROM studies WHERE kind = ? ORDER BY sort_key", (REFERENCE_KIND,)):
            text = json.loads(reference).get("citation_text", "")
            head = " ".join(text.split()).casefold()
            # The citation as the data files give it, up to the year: "Lakkaraja M et al. Blood Adv 2022".
            head = head[:max(head.find(";"), 0) or len(head)]
            if head and citation.startswith(head):
                return sid
        return ""

    def details(self, study_ids: Iterable[str]) -> list[StudyDetail]:
        """:meth:`get` for each id, in the order given."""
        return [self.get(sid) for sid in study_ids]

    def related(self, study_id: str, limit: int = 5) -> list[StudyRecord]:
        """Studies sharing at least one setting and one product with ``study_id``, most shared tags first."""
        rows = self._conn.execute(
            f"""
            WITH shared AS (
                SELECT t.study_id AS sid, sum(t.facet = 'setting') AS n_setting, sum(t.facet = 'product') AS n_product
                FROM tags t JOIN tags mine ON mine.facet = t.facet AND mine.key = t.key AND mine.study_id = ?
                WHERE t.facet IN ('setting', 'product') AND t.key != ? AND t.study_id != ?
                GROUP BY t.study_id
            )
            SELECT {_RECORD_COLUMNS} FROM shared JOIN studies s ON s.id = shared.sid
            WHERE shared.n_setting > 0 AND shared.n_product > 0
            ORDER BY shared.n_setting + shared.n_product DESC, s.sort_key LIMIT ?
            """, (study_id, NOT_STATED, study_id, limit)).fetchall()
        return [_record(row) for row in rows]
