"""The per-user database: favourites, free tags, notes, saved calculator scenarios and imported citations.

Separate from the read-only bundled database.  Durability rules (product.md §1, §6):

* WAL journal, ``synchronous=FULL``; one transaction per user action, so a hard kill loses at most the action
  in flight and never leaves a half-written one.
* ``PRAGMA user_version`` is the schema version; :data:`MIGRATIONS` upgrade any earlier file step by step.
* A file that is not a database or fails ``quick_check`` is moved aside with a timestamp and recreated; the
  caller is told through :attr:`UserStore.recovered_from` (nothing is deleted).
"""

from __future__ import annotations

import json
import sqlite3
import time
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

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


def _now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


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
    """Read-write access to the user database.  Use :meth:`open`."""

    def __init__(self, conn: sqlite3.Connection, path: Path, recovered_from: Path | None) -> None:
        self._conn = conn
        self.path = path
        #: Where a corrupt file was moved to when it was replaced by a fresh one at open, else None.
        self.recovered_from = recovered_from

    # -- opening ------------------------------------------------------------------------------------------------
    @classmethod
    def open(cls, path: str | Path) -> UserStore:
        """Open (creating or migrating) the user database at ``path``; a corrupt file is moved aside."""
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        recovered_from = None
        try:
            conn = cls._connect_checked(path)
        except sqlite3.DatabaseError:
            recovered_from = cls._move_aside(path)
            conn = cls._connect_checked(path)
        store = cls(conn, path, recovered_from)
        store._migrate()
        return store

    @staticmethod
    def _connect_checked(path: Path) -> sqlite3.Connection:
        conn = sqlite3.connect(path, isolation_level=None, timeout=10.0, check_same_thread=False)
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            result = conn.execute("PRAGMA quick_check").fetchone()
            if result is None or result[0] != "ok":
                raise sqlite3.DatabaseError(f"quick_check: {result[0] if result else 'no answer'}")
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise UserStoreError(
                    f"{path}: written by a newer ATG Desk (schema {version}, this version reads up to "
                    f"{SCHEMA_VERSION}); update the app — the file was left untouched")
        except BaseException:
            conn.close()
            raise
        return conn

    @staticmethod
    def _move_aside(path: Path) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        target = path.with_name(f"{path.name}.corrupt-{stamp}")
        n = 1
        while target.exists():
            target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
            n += 1
        path.replace(target)
        for suffix in ("-wal", "-shm"):  # a stale journal must not be replayed into the new file
            side = path.with_name(path.name + suffix)
            if side.exists():
                side.replace(target.with_name(target.name + suffix))
        return target

    def _migrate(self) -> None:
        version = self._conn.execute("PRAGMA user_version").fetchone()[0]
        for step in range(version, SCHEMA_VERSION):
            with self._transaction():
                for statement in _split_sql(MIGRATIONS[step]):
                    self._conn.execute(statement)
                self._conn.execute(f"PRAGMA user_version = {step + 1}")

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
        return [ImportedCitation(r[0], r[1], r[2], r[3], tuple(json.loads(r[4])), r[5], r[6], r[7], r[8], r[9],
                                 r[10], r[11], r[12]) for r in self._conn.execute(
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
    """BEGIN IMMEDIATE … COMMIT, or ROLLBACK on any exception."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def __enter__(self) -> None:
        self._conn.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self._conn.execute("COMMIT")
        else:
            self._conn.execute("ROLLBACK")


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
