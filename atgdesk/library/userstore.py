"""The per-user database: favourites, free tags, notes, saved calculator scenarios and imported citations.

Separate from the read-only bundled database.  Durability rules (product.md §1, §6):

* WAL journal, ``synchronous=FULL``; one transaction per user action, so a hard kill loses at most the action
  in flight and never leaves a half-written one.
* ``PRAGMA user_version`` is the schema version; :data:`MIGRATIONS` upgrade any earlier file step by step.
* Only a file that is not a database or fails ``quick_check`` counts as damaged: it is moved aside with a
  timestamp and recreated; the caller is told through :attr:`UserStore.recovered_from` (nothing is deleted) and
  :meth:`UserStore.restore_from` merges what can be read back.  A locked file raises :class:`UserStoreBusy`, a
  read-only one is opened read-only (:attr:`UserStore.read_only_reason`); neither is ever moved aside.
* Every failed write raises a :class:`UserStoreError` subclass and leaves nothing half-written.
* The folder is created 0700 and the files 0600 on POSIX (clinical notes).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from atgdesk.fileio import ensure_private_dir, make_private

# Each entry upgrades the schema from version i to i + 1.  Never edit a released step: add a new one.
MIGRATIONS: tuple[str, ...] = (
    # 0 -> 1: the personal layer on studies
    """
    CREATE TABLE favourites (study_id TEXT PRIMARY KEY, created TEXT NOT NULL);
    CREATE TABLE tags (study_id TEXT NOT NULL, tag TEXT NOT NULL, created TEXT NOT NULL,
                       PRIMARY KEY (study_id, tag));
    CREATE INDEX tags_by_tag ON tags(tag);
    CREATE TABLE notes (study_id TEXT PRIMARY KEY, text TEXT NOT NULL, updated TEXT NOT NULL);
    """,
    # 1 -> 2: saved calculator scenarios
    """
    CREATE TABLE scenarios (id INTEGER PRIMARY KEY, name TEXT NOT NULL, payload TEXT NOT NULL,
                            created TEXT NOT NULL, updated TEXT NOT NULL);
    """,
    # 2 -> 3: imported citations (RIS, MEDLINE/nbib, PubMed XML)
    """
    CREATE TABLE imported (id INTEGER PRIMARY KEY, source_file TEXT NOT NULL, format TEXT NOT NULL,
                           title TEXT NOT NULL, authors TEXT NOT NULL, journal TEXT NOT NULL, year INTEGER,
                           volume TEXT NOT NULL, issue TEXT NOT NULL, pages TEXT NOT NULL, doi TEXT NOT NULL,
                           pmid TEXT NOT NULL, abstract TEXT NOT NULL, norm_title TEXT NOT NULL,
                           imported_at TEXT NOT NULL);
    CREATE INDEX imported_doi ON imported(doi);
    CREATE INDEX imported_pmid ON imported(pmid);
    CREATE INDEX imported_title ON imported(norm_title);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
EXPORT_FORMAT = "atgdesk-personal-layer"
EXPORT_VERSION = 1
MAX_TAG_LENGTH = 60
MAX_NOTE_LENGTH = 200_000
MAX_NAME_LENGTH = 120


class UserStoreError(Exception):
    """A user-facing problem with the user database or a personal-layer file (message names the cause)."""


class UserStoreBusy(UserStoreError):  # noqa: N818
    """The database is locked by another program (or another ATG Desk) longer than the busy timeout: nothing
    was written; the same write can be tried again later."""


class UserStoreReadOnly(UserStoreError):  # noqa: N818
    """The database was opened read-only (a read-only file or folder, or another ATG Desk holds it)."""


class UserStoreWriteFailed(UserStoreError):  # noqa: N818
    """A write did not commit (disk full, input/output error, file became read-only); nothing was written."""


# SQLite primary result codes (sqlite3.h) by which a failure is classified; only CORRUPT and NOTADB mean damage.
_SQLITE_BUSY, _SQLITE_LOCKED, _SQLITE_READONLY = 5, 6, 8
_SQLITE_CORRUPT, _SQLITE_NOTADB = 11, 26
DAMAGED_SUFFIX = ".corrupt-"


def _primary_code(exc: BaseException) -> int | None:
    code = getattr(exc, "sqlite_errorcode", None)
    return code & 0xFF if isinstance(code, int) else None


def is_damage(exc: BaseException) -> bool:
    """True only when SQLite says the file is damaged or not a database (never for locked or read-only)."""
    if isinstance(exc, _Damaged):
        return True
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = _primary_code(exc)
    if code is not None:
        return code in (_SQLITE_CORRUPT, _SQLITE_NOTADB)
    text = str(exc).lower()
    return "file is not a database" in text or "malformed" in text


def _is_busy(exc: BaseException) -> bool:
    code = _primary_code(exc)
    if code is not None:
        return code in (_SQLITE_BUSY, _SQLITE_LOCKED)
    return "locked" in str(exc).lower() or "busy" in str(exc).lower()


def _is_readonly(exc: BaseException) -> bool:
    code = _primary_code(exc)
    return code == _SQLITE_READONLY if code is not None else "readonly" in str(exc).lower()


def _write_error(exc: sqlite3.Error) -> UserStoreError:
    """The user-facing error for a write that did not commit."""
    if _is_busy(exc):
        return UserStoreBusy("the personal-data file is in use by another program (locked); nothing was "
                             "written yet")
    if _is_readonly(exc):
        return UserStoreReadOnly("the personal-data file is read-only; nothing was written")
    return UserStoreWriteFailed(f"the personal-data file could not be written ({exc}); nothing was written")


class _Damaged(sqlite3.DatabaseError):
    """quick_check did not answer ok."""


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


# C0 and C1 control characters and the bidirectional embedding/override/isolate controls: in imported text they
# can hide or reorder what is shown (e.g. a title that reads backwards) and break exported files.  Each one is
# shown as U+FFFD, so the user sees that something was there.
_NEUTRALISE = {cp: "\ufffd" for cp in (*range(0x00, 0x20), 0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F),
                                         *range(0x2066, 0x206A))}
#: Imported text shown or exported is cut here (a 10 MB title stored by an older version must not freeze the GUI).
MAX_SHOWN_TITLE = 5_000
MAX_SHOWN_FIELD = 100_000
TRUNCATED = "…(truncated)"


def plain_text(text: str, limit: int | None = None) -> str:
    """Imported text made safe to show and export: control and bidi-override characters neutralised (U+FFFD),
    cut at ``limit`` characters with "…(truncated)"."""
    if limit is not None and len(text) > limit:
        text = text[:limit] + TRUNCATED
    return text.translate(_NEUTRALISE)


def normalise_title(title: str) -> str:
    """Lower-case, accent-free, punctuation-free title for duplicate detection."""
    text = unicodedata.normalize("NFKD", title)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = "".join(ch if ch.isalnum() else " " for ch in text)
    return " ".join(text.split())


def clean_tag(tag: str) -> str:
    """Validate and normalise a free tag: trimmed, inner whitespace collapsed, 1–60 characters."""
    if not isinstance(tag, str):
        raise ValueError("tag: must be text")
    tag = " ".join(tag.split())
    if not tag:
        raise ValueError("tag: must not be empty")
    if len(tag) > MAX_TAG_LENGTH:
        raise ValueError(f"tag: at most {MAX_TAG_LENGTH} characters")
    return tag


@dataclass(frozen=True)
class Scenario:
    id: int
    name: str
    payload: dict
    created: str
    updated: str


@dataclass(frozen=True)
class ImportedCitation:
    """A citation the user imported; ``id`` is prefixed ``user:`` wherever it mixes with bundled study ids."""

    id: int
    source_file: str
    format: str
    title: str
    authors: tuple[str, ...]
    journal: str
    year: int | None
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    pmid: str = ""
    abstract: str = ""


@dataclass(frozen=True)
class ImportReport:
    """What an import did: how many were added, and which were duplicates (with what they matched)."""

    added: tuple[int, ...]
    duplicates: tuple[tuple[str, str], ...]  # (title of the incoming record, reason it is a duplicate)


@dataclass
class CitationIn:
    """An incoming citation from a parser, before it is stored."""

    title: str
    authors: list[str] = field(default_factory=list)
    journal: str = ""
    year: int | None = None
    volume: str = ""
    issue: str = ""
    pages: str = ""
    doi: str = ""
    pmid: str = ""
    abstract: str = ""


class UserStore:
    """Read-write (or read-only) access to the user database.  Use :meth:`open`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, recovered_from: Path | None,
                 read_only_reason: str = "") -> None:
        self._conn = conn
        self.path = path
        #: Where a damaged file was moved to when it was replaced by a fresh one at open, else None.
        self.recovered_from = recovered_from
        #: Why the store is read-only ("" when it is writable); every write then raises UserStoreReadOnly.
        self.read_only_reason = read_only_reason

    @property
    def read_only(self) -> bool:
        return bool(self.read_only_reason)

    # -- opening ------------------------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path, busy_timeout: float = 10.0, read_only: str = "") -> UserStore:
        """Open (creating or migrating) the user database at ``path``.

        Only a file SQLite reports as damaged (``quick_check`` fails, "file is not a database") is moved aside
        and replaced by a fresh one (:attr:`recovered_from`).  A locked file raises :class:`UserStoreBusy`; a
        read-only file or folder is opened read-only (:attr:`read_only_reason`); ``read_only`` (a reason) asks for
        read-only access (e.g. another ATG Desk is running).  Other problems raise :class:`UserStoreError`."""
        path = Path(path)
        if read_only:
            return cls(cls._connect_readonly(path), path, None, read_only)
        try:
            ensure_private_dir(path.parent)
        except OSError as exc:
            raise UserStoreError(f"{path.parent}: the folder for your personal data cannot be created "
                                 f"({exc.strerror or exc})") from None
        if path.exists() and not _writable(path):
            return cls(cls._connect_readonly(path), path, None,
                       f"the file {path} or its folder is read-only")
        recovered_from = None
        try:
            conn = cls._connect_checked(path, busy_timeout)
        except UserStoreError:
            raise
        except sqlite3.Error as exc:
            if is_damage(exc):
                recovered_from = cls._move_aside(path)
                conn = cls._connect_checked(path, busy_timeout)
            else:
                raise _open_error(path, exc) from None
        store = cls(conn, path, recovered_from)
        try:
            store._migrate()
        except UserStoreError as exc:
            store.close()
            raise UserStoreError(f"{path}: needs an update of its tables that could not be written ({exc})") \
                from None
        for name in (path.name, path.name + "-wal", path.name + "-shm"):  # clinical notes: owner only
            make_private(path.with_name(name))
        return store

    @staticmethod
    def _connect_checked(path: Path, busy_timeout: float = 10.0) -> sqlite3.Connection:
        existed = path.exists()
        conn = sqlite3.connect(path, isolation_level=None, timeout=busy_timeout, check_same_thread=False)
        try:
            if not existed:
                make_private(path)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            _check_integrity(conn)
            _check_version(conn, path)
        except BaseException:
            conn.close()
            raise
        return conn

    @staticmethod
    def _connect_readonly(path: Path) -> sqlite3.Connection:
        """A read-only connection; without write access to the folder (no -shm can be made) the file is read
        as immutable."""
        if not path.is_file():
            raise UserStoreError(f"{path}: there is no personal-data file to read")
        uri = path.resolve().as_uri()
        last: sqlite3.Error | None = None
        for query in ("?mode=ro", "?mode=ro&immutable=1"):
            conn = sqlite3.connect(uri + query, uri=True, isolation_level=None, check_same_thread=False)
            try:
                _check_integrity(conn)
                _check_version(conn, path)
                if conn.execute("PRAGMA user_version").fetchone()[0] < SCHEMA_VERSION:
                    raise UserStoreError(f"{path}: written by an older ATG Desk and read-only, so it cannot be "
                                         "updated; make it writable and start again")
                return conn
            except UserStoreError:
                conn.close()
                raise
            except sqlite3.Error as exc:
                conn.close()
                last = exc
        assert last is not None
        if is_damage(last):
            raise UserStoreError(f"{path}: the personal-data file is damaged and read-only, so it was left as it "
                                 "is")
        raise _open_error(path, last)

    @staticmethod
    def _move_aside(path: Path) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{path.name}{DAMAGED_SUFFIX}{stamp}")
        n = 1
        while target.exists():
            target = path.with_name(f"{path.name}{DAMAGED_SUFFIX}{stamp}-{n}")
            n += 1
        path.replace(target)
        for suffix in ("-wal", "-shm"):  # a stale journal must not be replayed into the new file
            side = path.with_name(path.name + suffix)
            if side.exists():
                side.replace(target.with_name(target.name + suffix))
        return target

    def set_busy_timeout(self, seconds: float) -> None:
        """How long a write waits for another program's lock before :class:`UserStoreBusy` (the GUI keeps this
        short and retries from a timer, so the window never freezes)."""
        self._conn.execute(f"PRAGMA busy_timeout = {max(0, int(seconds * 1000))}")

    def _migrate(self) -> None:
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        for step in range(version, SCHEMA_VERSION):
            with self._transaction():
                for statement in _split_sql(MIGRATIONS[step]):
                    self._conn.execute(statement)
                self._conn.execute(f"PRAGMA user_version = {step + 1}")

    # -- moved-aside copies -------------------------------------------------------------------------------------
    def moved_aside_copies(self) -> list[Path]:
        """Files moved aside as damaged (newest first) that :meth:`restore_from` can bring back."""
        found = [p for p in self.path.parent.glob(f"{self.path.name}{DAMAGED_SUFFIX}*")
                 if p.is_file() and not p.name.endswith(("-wal", "-shm"))]
        return sorted(found, key=lambda p: p.name, reverse=True)

    def restore_from(self, copy: str | Path) -> dict[str, int]:
        """Merge what can be read from a moved-aside copy into this database (nothing here is overwritten: notes
        that differ are appended under a marker).  The copy is then renamed ``….restored-…`` (kept, not listed
        again).  Raises UserStoreError when nothing can be read from it."""
        copy = Path(copy)
        data: dict = {"format": EXPORT_FORMAT, "version": EXPORT_VERSION}
        imported_rows: list[tuple] = []
        readable = 0
        try:
            src = sqlite3.connect(copy.resolve().as_uri() + "?mode=ro", uri=True, isolation_level=None)
        except sqlite3.Error as exc:
            raise UserStoreError(f"{copy.name}: cannot be opened ({exc})") from None
        try:
            queries = {
                "favourites": ("SELECT study_id FROM favourites", lambda r: r[0]),
                "tags": ("SELECT study_id, tag FROM tags", lambda r: {"study_id": r[0], "tag": r[1]}),
                "notes": ("SELECT study_id, text FROM notes", lambda r: {"study_id": r[0], "text": r[1]}),
                "scenarios": ("SELECT name, payload FROM scenarios",
                              lambda r: {"name": r[0], "payload": json.loads(r[1])}),
            }
            for key, (sql, convert) in queries.items():
                try:
                    data[key] = [convert(row) for row in src.execute(sql)]
                    readable += 1
                except (sqlite3.Error, ValueError, TypeError):
                    data[key] = []  # a damaged or missing table: the others are still restored
            try:
                imported_rows = list(src.execute(
                    "SELECT source_file, format, title, authors, journal, year, volume, issue, pages, doi, pmid, "
                    "abstract FROM imported"))
                readable += 1
            except sqlite3.Error:
                imported_rows = []
        finally:
            src.close()
        if not readable:
            raise UserStoreError(f"{copy.name}: nothing could be read from this copy")
        counts = self.import_personal(data)
        by_source: dict[tuple[str, str], list[CitationIn]] = {}
        for row in imported_rows:
            try:
                authors = [str(a) for a in json.loads(row[3])]
            except (ValueError, TypeError):
                authors = []
            by_source.setdefault((row[0], row[1]), []).append(CitationIn(
                title=str(row[2]), authors=authors, journal=str(row[4]),
                year=row[5] if isinstance(row[5], int) else None, volume=str(row[6]), issue=str(row[7]),
                pages=str(row[8]), doi=str(row[9]), pmid=str(row[10]), abstract=str(row[11])))
        counts["imported citations"] = 0
        for (source, fmt), records in by_source.items():
            counts["imported citations"] += len(self.import_citations(records, source, fmt).added)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        done = copy.with_name(copy.name.replace(DAMAGED_SUFFIX, ".restored-", 1) + f"-{stamp}")
        try:
            copy.replace(done)
            for suffix in ("-wal", "-shm"):
                side = copy.with_name(copy.name + suffix)
                if side.exists():
                    side.replace(done.with_name(done.name + suffix))
        except OSError:
            pass  # restored all the same; the copy just stays listed
        return counts

    @property
    def schema_version(self) -> int:
        return self._conn.execute("PRAGMA user_version").fetchone()[0]

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> UserStore:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _transaction(self):
        if self.read_only_reason:
            raise UserStoreReadOnly(f"read-only: {self.read_only_reason}")
        return _Transaction(self._conn)

    # -- favourites ---------------------------------------------------------------------------------------------
    def set_favourite(self, study_id: str, favourite: bool) -> None:
        """Star or unstar a study (one transaction)."""
        study_id = _check_id(study_id)
        with self._transaction():
            if favourite:
                self._conn.execute("INSERT OR IGNORE INTO favourites(study_id, created) VALUES (?, ?)",
                                   (study_id, _now()))
            else:
                self._conn.execute("DELETE FROM favourites WHERE study_id = ?", (study_id,))

    def favourites(self) -> set[str]:
        return {r[0] for r in self._conn.execute("SELECT study_id FROM favourites")}

    def is_favourite(self, study_id: str) -> bool:
        return self._conn.execute("SELECT 1 FROM favourites WHERE study_id = ?", (study_id,)).fetchone() is not None

    # -- tags ---------------------------------------------------------------------------------------------------
    def add_tag(self, study_id: str, tag: str) -> str:
        """Attach a free tag to a study; returns the normalised tag."""
        study_id, tag = _check_id(study_id), clean_tag(tag)
        with self._transaction():
            self._conn.execute("INSERT OR IGNORE INTO tags(study_id, tag, created) VALUES (?, ?, ?)",
                               (study_id, tag, _now()))
        return tag

    def remove_tag(self, study_id: str, tag: str) -> None:
        with self._transaction():
            self._conn.execute("DELETE FROM tags WHERE study_id = ? AND tag = ?", (study_id, tag))

    def tags_for(self, study_id: str) -> list[str]:
        return [r[0] for r in self._conn.execute(
            "SELECT tag FROM tags WHERE study_id = ? ORDER BY tag COLLATE NOCASE", (study_id,))]

    def tag_counts(self) -> list[tuple[str, int]]:
        """Every tag with the number of studies carrying it, alphabetical."""
        return [(r[0], r[1]) for r in self._conn.execute(
            "SELECT tag, COUNT(*) FROM tags GROUP BY tag ORDER BY tag COLLATE NOCASE")]

    def studies_with_tag(self, tag: str) -> set[str]:
        return {r[0] for r in self._conn.execute("SELECT study_id FROM tags WHERE tag = ?", (tag,))}

    # -- notes --------------------------------------------------------------------------------------------------
    def set_note(self, study_id: str, text: str) -> None:
        """Save the whole note of a study (empty text deletes it).  One transaction: all or nothing."""
        study_id = _check_id(study_id)
        if not isinstance(text, str):
            raise ValueError("note: must be text")
        if len(text) > MAX_NOTE_LENGTH:
            raise ValueError(f"note: at most {MAX_NOTE_LENGTH} characters")
        with self._transaction():
            if text.strip():
                self._conn.execute(
                    "INSERT INTO notes(study_id, text, updated) VALUES (?, ?, ?) "
                    "ON CONFLICT(study_id) DO UPDATE SET text = excluded.text, updated = excluded.updated",
                    (study_id, text, _now()))
            else:
                self._conn.execute("DELETE FROM notes WHERE study_id = ?", (study_id,))

    def note(self, study_id: str) -> str:
        row = self._conn.execute("SELECT text FROM notes WHERE study_id = ?", (study_id,)).fetchone()
        return row[0] if row else ""

    def studies_with_notes(self) -> set[str]:
        return {r[0] for r in self._conn.execute("SELECT study_id FROM notes")}

    def search_personal(self, text: str) -> set[str]:
        """Study ids whose note or tags contain ``text`` (case-insensitive substring; empty text → none)."""
        text = text.strip()
        if not text:
            return set()
        like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = self._conn.execute(
            "SELECT study_id FROM notes WHERE text LIKE ? ESCAPE '\\' "
            "UNION SELECT study_id FROM tags WHERE tag LIKE ? ESCAPE '\\'", (like, like))
        return {r[0] for r in rows}

    # -- scenarios ----------------------------------------------------------------------------------------------
    def save_scenario(self, name: str, payload: Mapping) -> int:
        """Store a calculator scenario (JSON-serialisable mapping); returns its id."""
        name = _check_name(name)
        body = json.dumps(payload, sort_keys=True, allow_nan=False)
        now = _now()
        with self._transaction():
            cur = self._conn.execute(
                "INSERT INTO scenarios(name, payload, created, updated) VALUES (?, ?, ?, ?)",
                (name, body, now, now))
        return int(cur.lastrowid)

    def rename_scenario(self, scenario_id: int, name: str) -> None:
        name = _check_name(name)
        with self._transaction():
            cur = self._conn.execute("UPDATE scenarios SET name = ?, updated = ? WHERE id = ?",
                                     (name, _now(), scenario_id))
            if cur.rowcount == 0:
                raise ValueError(f"scenario: no saved scenario with id {scenario_id}")

    def delete_scenario(self, scenario_id: int) -> None:
        with self._transaction():
            self._conn.execute("DELETE FROM scenarios WHERE id = ?", (scenario_id,))

    def scenarios(self) -> list[Scenario]:
        return [Scenario(r[0], r[1], json.loads(r[2]), r[3], r[4]) for r in self._conn.execute(
            "SELECT id, name, payload, created, updated FROM scenarios ORDER BY id")]

    # -- imported citations -------------------------------------------------------------------------------------
    def import_citations(self, records: Sequence[CitationIn], source_file: str, fmt: str,
                         known: Iterable[tuple[str, str, str]] = ()) -> ImportReport:
        """Add parsed citations in ONE transaction, skipping duplicates.

        Duplicates are found by PMID, DOI and normalised title against what is already imported, against
        ``known`` (``(pmid, doi, title)`` of the bundled studies) and within the file itself.
        """
        seen_pmid: dict[str, str] = {}
        seen_doi: dict[str, str] = {}
        seen_title: dict[str, str] = {}
        for pmid, doi, title in known:
            if pmid:
                seen_pmid[pmid] = "the bundled library"
            if doi:
                seen_doi[doi.lower()] = "the bundled library"
            if title:
                seen_title[normalise_title(title)] = "the bundled library"
        for pmid, doi, title in self._conn.execute("SELECT pmid, doi, norm_title FROM imported"):
            if pmid:
                seen_pmid[pmid] = "your imported citations"
            if doi:
                seen_doi[doi.lower()] = "your imported citations"
            seen_title[title] = "your imported citations"
        added: list[int] = []
        duplicates: list[tuple[str, str]] = []
        now = _now()
        with self._transaction():
            for rec in records:
                norm = normalise_title(rec.title)
                if rec.pmid and rec.pmid in seen_pmid:
                    duplicates.append((rec.title, f"PMID {rec.pmid} is already in {seen_pmid[rec.pmid]}"))
                    continue
                if rec.doi and rec.doi.lower() in seen_doi:
                    duplicates.append((rec.title, f"DOI {rec.doi} is already in {seen_doi[rec.doi.lower()]}"))
                    continue
                if norm and norm in seen_title:
                    duplicates.append((rec.title, f"the same title is already in {seen_title[norm]}"))
                    continue
                cur = self._conn.execute(
                    "INSERT INTO imported(source_file, format, title, authors, journal, year, volume, issue, "
                    "pages, doi, pmid, abstract, norm_title, imported_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (source_file, fmt, rec.title, json.dumps(list(rec.authors)), rec.journal, rec.year,
                     rec.volume, rec.issue, rec.pages, rec.doi, rec.pmid, rec.abstract, norm, now))
                added.append(int(cur.lastrowid))
                if rec.pmid:
                    seen_pmid[rec.pmid] = "this file"
                if rec.doi:
                    seen_doi[rec.doi.lower()] = "this file"
                if norm:
                    seen_title[norm] = "this file"
        return ImportReport(tuple(added), tuple(duplicates))

    def imported(self) -> list[ImportedCitation]:
        """Every imported citation; text neutralised and capped (:func:`plain_text`) for display and export."""
        def t(value: str, limit: int = MAX_SHOWN_FIELD) -> str:
            return plain_text(value, limit)
        return [ImportedCitation(r[0], t(r[1]), r[2], t(r[3], MAX_SHOWN_TITLE),
                                 tuple(t(a, 1_000) for a in json.loads(r[4])), t(r[5]), r[6], t(r[7]), t(r[8]),
                                 t(r[9]), t(r[10]), t(r[11]), t(r[12])) for r in self._conn.execute(
            "SELECT id, source_file, format, title, authors, journal, year, volume, issue, pages, doi, pmid, "
            "abstract FROM imported ORDER BY id")]

    def remove_imported(self, citation_id: int) -> None:
        with self._transaction():
            self._conn.execute("DELETE FROM imported WHERE id = ?", (citation_id,))

    # -- personal-layer export / import -------------------------------------------------------------------------
    def export_personal(self) -> dict:
        """Favourites, tags, notes and scenarios as a JSON-ready dict (imported citations are not included)."""
        return {
            "format": EXPORT_FORMAT,
            "version": EXPORT_VERSION,
            "favourites": sorted(self.favourites()),
            "tags": [{"study_id": s, "tag": t} for s, t in self._conn.execute(
                "SELECT study_id, tag FROM tags ORDER BY study_id, tag")],
            "notes": [{"study_id": s, "text": t} for s, t in self._conn.execute(
                "SELECT study_id, text FROM notes ORDER BY study_id")],
            "scenarios": [{"name": s.name, "payload": s.payload} for s in self.scenarios()],
        }

    def import_personal(self, data: object) -> dict[str, int]:
        """Merge an exported personal layer (validated first; all or nothing).  Notes already present are kept
        and the incoming text appended under a marker, so nothing is overwritten."""
        if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
            raise UserStoreError("personal-layer file: 'format' is not atgdesk-personal-layer")
        if data.get("version") != EXPORT_VERSION:
            raise UserStoreError(f"personal-layer file: unsupported 'version' {data.get('version')!r}")
        favourites = _list_of(data, "favourites", str)
        tags = _list_of(data, "tags", dict)
        notes = _list_of(data, "notes", dict)
        scenarios = _list_of(data, "scenarios", dict)
        for i, item in enumerate(tags):
            if not isinstance(item.get("study_id"), str) or not isinstance(item.get("tag"), str):
                raise UserStoreError(f"personal-layer file: tags[{i}] needs text 'study_id' and 'tag'")
        for i, item in enumerate(notes):
            if not isinstance(item.get("study_id"), str) or not isinstance(item.get("text"), str):
                raise UserStoreError(f"personal-layer file: notes[{i}] needs text 'study_id' and 'text'")
        for i, item in enumerate(scenarios):
            if not isinstance(item.get("name"), str) or not isinstance(item.get("payload"), dict):
                raise UserStoreError(f"personal-layer file: scenarios[{i}] needs 'name' and an object 'payload'")
        counts = {"favourites": 0, "tags": 0, "notes": 0, "scenarios": 0}
        now = _now()
        with self._transaction():
            for sid in favourites:
                counts["favourites"] += self._conn.execute(
                    "INSERT OR IGNORE INTO favourites(study_id, created) VALUES (?, ?)",
                    (_check_id(sid), now)).rowcount
            for item in tags:
                counts["tags"] += self._conn.execute(
                    "INSERT OR IGNORE INTO tags(study_id, tag, created) VALUES (?, ?, ?)",
                    (_check_id(item["study_id"]), clean_tag(item["tag"]), now)).rowcount
            for item in notes:
                sid, text = _check_id(item["study_id"]), item["text"]
                old = self.note(sid)
                if old == text or not text.strip():
                    continue
                merged = text if not old else f"{old}\n\n--- imported {now[:10]} ---\n{text}"
                self._conn.execute(
                    "INSERT INTO notes(study_id, text, updated) VALUES (?, ?, ?) "
                    "ON CONFLICT(study_id) DO UPDATE SET text = excluded.text, updated = excluded.updated",
                    (sid, merged, now))
                counts["notes"] += 1
            for item in scenarios:
                self._conn.execute("INSERT INTO scenarios(name, payload, created, updated) VALUES (?, ?, ?, ?)",
                                   (_check_name(item["name"]),
                                    json.dumps(item["payload"], sort_keys=True, allow_nan=False), now, now))
                counts["scenarios"] += 1
        return counts


class _Transaction:
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any exception; SQLite failures become UserStoreError subclasses
    (busy, read-only, write failed) so that callers can keep the user's input pending and say why."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> None:
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise _write_error(exc) from None

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            try:
                self._conn.execute("COMMIT")
            except sqlite3.Error as err:
                self._rollback()
                raise _write_error(err) from None
            return
        self._rollback()
        if isinstance(exc, sqlite3.OperationalError) or (
                isinstance(exc, sqlite3.DatabaseError) and is_damage(exc)):
            raise _write_error(exc) from exc

    def _rollback(self) -> None:
        try:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass  # SQLite already rolled back (e.g. after a full disk)


def _writable(path: Path) -> bool:
    """The file and its folder (where SQLite puts the -wal and -shm files) can be written."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK | os.X_OK)


def _check_integrity(conn: sqlite3.Connection) -> None:
    result = conn.execute("PRAGMA quick_check").fetchone()
    if result is None or result[0] != "ok":
        raise _Damaged(f"quick_check: {result[0] if result else 'no answer'}")


def _check_version(conn: sqlite3.Connection, path: Path) -> None:
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise UserStoreError(
            f"{path}: written by a newer ATG Desk (schema {version}, this version reads up to "
            f"{SCHEMA_VERSION}); update the app — the file was left untouched")


def _open_error(path: Path, exc: sqlite3.Error) -> UserStoreError:
    if _is_busy(exc):
        return UserStoreBusy(f"{path}: in use by another program (locked); try again when it has finished")
    return UserStoreError(f"{path}: cannot be opened ({exc})")


def _split_sql(script: str) -> list[str]:
    return [s.strip() for s in script.split(";") if s.strip()]


def _check_id(study_id: object) -> str:
    if not isinstance(study_id, str) or not study_id.strip() or len(study_id) > 200:
        raise ValueError("study_id: must be a non-empty identifier of at most 200 characters")
    return study_id


def _check_name(name: object) -> str:
    if not isinstance(name, str) or not name.strip():
        raise ValueError("name: must not be empty")
    name = " ".join(name.split())
    if len(name) > MAX_NAME_LENGTH:
        raise ValueError(f"name: at most {MAX_NAME_LENGTH} characters")
    return name


def _list_of(data: dict, key: str, kind: type) -> list:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, kind) for v in value):
        raise UserStoreError(f"personal-layer file: '{key}' must be a list of {kind.__name__}")
    return value
