"""Read-only access to the bundled evidence database (stdlib ``sqlite3`` only).

The database is opened with ``mode=ro&immutable=1``: SQLite takes no locks and refuses every write.  Opening
checks the schema version (``PRAGMA user_version``), runs ``PRAGMA quick_check`` and requires the provenance rows
in ``meta``; any problem becomes a :class:`LibraryError` whose message names the problem and the fix.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from atgdesk.library.records import (
    Author,
    Correction,
    FacetCount,
    Identifier,
    LibraryMeta,
    SearchFilters,
    SeedMembership,
    StudyDetail,
    StudyRecord,
)
from atgdesk.library.search import (
    FACET_FILTERS,
    FTS_TABLE,
    SEARCH_COLUMNS,
    TRIGRAM_COLUMNS,
    TRIGRAM_TABLE,
    compile_search,
    order_by,
    parse_query,
    without_facet,
)

__all__ = ["SCHEMA_VERSION", "LIST_SEPARATOR", "FTS_TABLE", "TRIGRAM_TABLE", "SEARCH_COLUMNS", "TRIGRAM_COLUMNS",
           "Library", "LibraryError", "StudyNotFoundError", "open_bundled"]

# Bumped whenever the builder's tables change incompatibly; the builder writes it into PRAGMA user_version.
SCHEMA_VERSION = 1
# Separates list values (keys, labels) stored in one text column of ``studies``.
LIST_SEPARATOR = "\x1f"
FIX = "rebuild it with `make db` (or `atgdesk build-db`) or reinstall ATG Desk"

_RECORD_COLUMNS = ("s.id, s.first_author, s.authors_short, s.year, s.title, s.journal, s.volume, s.issue, "
                   "s.pages, s.design, s.design_label, s.product_keys, s.product_labels, s.setting_keys, "
                   "s.setting_labels, s.species_keys, s.species_labels, s.evidence_level, s.evidence_label")


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
        evidence_level=row[17], evidence_label=row[18], score=score, match_terms=terms)


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
            raise LibraryError(f"evidence database {path} is damaged ({'; '.join(check[:3])}); {FIX}")
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        missing = [k for k in ("data_version", "content_hash", "study_count") if not meta.get(k)]
        if missing:
            raise LibraryError(f"evidence database {path} lacks {', '.join(missing)} in its meta table; {FIX}")
        conn.execute(f"SELECT rowid FROM {FTS_TABLE} LIMIT 0").fetchall()
        conn.execute(f"SELECT rowid FROM {TRIGRAM_TABLE} LIMIT 0").fetchall()
    except LibraryError:
        if conn is not None:
            conn.close()
        raise
    except (sqlite3.DatabaseError, ValueError) as exc:
        if conn is not None:
            conn.close()
        raise LibraryError(f"evidence database {path} cannot be read ({exc}); {FIX}") from exc
    library_meta = LibraryMeta(data_version=meta["data_version"], content_hash=meta["content_hash"],
                               schema_version=version, study_count=int(meta["study_count"]))
    return Library(conn, library_meta, path)


class Library:
    """The evidence library: search, facets and study details over a read-only connection."""

    def __init__(self, conn: sqlite3.Connection, meta: LibraryMeta, path: Path) -> None:
        self._conn = conn
        self.meta = meta
        self.path = path

    # -- lifecycle ------------------------------------------------------------------------------------------
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
        ``year-asc``, ``author``, ``title``, ``journal``.  ``limit`` is a positive whole number or ``None``.
        """
        if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
            raise ValueError(f"limit must be a positive whole number or None, got {limit!r}")
        parsed = parse_query(query)
        if parsed.matches_nothing:
            order_by(sort, False)  # still reject a bad sort name
            return []
        compiled = compile_search(parsed, filters, need_studies=sort != "rank")
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

    def count(self, query: str = "", filters: SearchFilters | None = None) -> int:
        """How many studies :meth:`search` would return without a limit."""
        parsed = parse_query(query)
        if parsed.matches_nothing:
            return 0
        compiled = compile_search(parsed, filters)
        return self._conn.execute(f"SELECT count(*) {compiled.from_where}", compiled.params).fetchone()[0]

    def facets(self, query: str = "", filters: SearchFilters | None = None) -> dict[str, list[FacetCount]]:
        """For each facet, its values among the hits with their counts (most frequent first; years newest first).

        Each facet is counted with every filter applied except its own, so the other values of a facet that is
        being filtered stay visible with the counts they would give.
        """
        filters = filters or SearchFilters()
        parsed = parse_query(query)
        out: dict[str, list[FacetCount]] = {}
        for facet in FACET_FILTERS:
            if parsed.matches_nothing:
                out[facet] = []
                continue
            compiled = compile_search(parsed, without_facet(filters, facet))
            order = "t.key DESC" if facet == "year" else "n DESC, t.label"
            rows = self._conn.execute(
                f"SELECT t.key, t.label, count(*) AS n FROM tags t WHERE t.facet = ? AND t.study_id IN "
                f"(SELECT s.id {compiled.from_where}) GROUP BY t.key, t.label ORDER BY {order}",
                (facet, *compiled.params)).fetchall()
            out[facet] = [FacetCount(*row) for row in rows]
        return out

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
        conn = self._conn
        row = conn.execute(
            f"SELECT {_RECORD_COLUMNS}, s.et_al, s.journal_full, s.pages_full, s.excerpt, s.abstract_en, "
            "s.abstract_zh, s.population_n, s.population_text, s.key_findings, s.registration, s.take_home, "
            "s.seed_links, s.record FROM studies s WHERE s.id = ?", (study_id,)).fetchone()
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
        return StudyDetail(
            record=_record(row), authors=authors, et_al=bool(row[19]), journal_full=row[20], pages_full=row[21],
            excerpt=row[22], abstract_en=row[23], abstract_zh=row[24], population_n=row[25],
            population_text=row[26], key_findings=tuple(json.loads(row[27])), registration=row[28],
            take_home=row[29], identifiers=identifiers, seed_links=tuple(json.loads(row[30])),
            record_extras=json.loads(row[31]), corrections=corrections, seed_memberships=seeds,
            related=tuple(self.related(study_id)))

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
                WHERE t.facet IN ('setting', 'product') AND t.study_id != ?
                GROUP BY t.study_id
            )
            SELECT {_RECORD_COLUMNS} FROM shared JOIN studies s ON s.id = shared.sid
            WHERE shared.n_setting > 0 AND shared.n_product > 0
            ORDER BY shared.n_setting + shared.n_product DESC, s.sort_key LIMIT ?
            """, (study_id, study_id, limit)).fetchall()
        return [_record(row) for row in rows]
