"""Build the bundled evidence database from the curated sources in ``data/`` (build time only).

``build_database(data_dir, out_path)`` validates every source (see :mod:`atgdesk.builder.sources`), writes the
tables with sqlite-utils into a temporary file beside ``out_path`` and moves it into place with ``os.replace``, so
a reader never sees a half-written database.  The output is deterministic: the same sources give a byte-identical
file (sorted inputs, no timestamps, ``VACUUM`` at the end).

Search indexes (both external-content FTS5 tables over ``search_content``, whose ``rid`` equals ``studies.rid``):

- ``search_fts`` — title, authors, journal, excerpt, summary, tags, English abstract; tokenizer
  ``porter unicode61 remove_diacritics 2``; ranked by bm25 with the title weighted highest.
- ``search_trigram`` — title, Chinese and English abstract; tokenizer ``trigram`` so that substrings of three or
  more characters (Chinese has no spaces between words) match.

Derived tables that keep search and facet counts fast at 100,000 citations (all rebuilt from the content tables):

- ``study_filters`` — one narrow row per study (``rid``, ``pos`` = place in the default order, ``year``, integer
  codes for design, evidence level and journal, bitsets for species, settings and products) with a covering
  index in default order, so filters are integer tests and a filter-only list stops at the first page.
- ``facet_codes`` — (facet, key, label, code): the code or bit of every facet value used by ``study_filters``.
- ``facet_counts`` — the facet counts of the whole library (the Library screen with nothing typed or filtered).
- ``cjk_rows`` — rids of the studies whose title or abstracts contain Chinese/Japanese/Korean text (the only rows a
  one- or two-character CJK ``LIKE`` fallback can match).
- ``ranked_cache`` — for every single word or prefix (``"thymo"*``) matching at least ``HOT_MIN_HITS`` studies,
  the first ``HOT_KEEP`` hits exactly as ``search_fts`` ranks them (bm25 with the column weights, ties by rid);
  ranking tens of thousands of hits costs ~0.8 µs each, so the most common words are ranked once, at build time.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import sqlite3
import struct
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlite_utils

from atgdesk.builder.references import REFERENCE_KIND, STUDY_KIND
from atgdesk.builder.sources import Correction, load_sources
from atgdesk.library.db import (
    DIGEST_TABLE,
    FTS_TABLE,
    LIST_SEPARATOR,
    SCHEMA_VERSION,
    SEARCH_COLUMNS,
    TRIGRAM_COLUMNS,
    TRIGRAM_TABLE,
    digest_location,
    file_digest,
)
from atgdesk.library.search import (
    BITSET_FACETS,
    BM25_WEIGHTS,
    CODED_FACETS,
    HOT_KEY,
    KINDS,
    NOT_STATED,
    NOT_STATED_LABEL,
    RANKED_CACHE_FORMAT,
    has_cjk,
)

PORTER_TOKENIZER = "porter unicode61 remove_diacritics 2"
# Single words/prefixes with at least this many hits get their first HOT_KEEP ranked hits stored (ranked_cache).
HOT_MIN_HITS = 5000
HOT_KEEP = 2000


@dataclass(frozen=True)
class BuildReport:
    """What a build produced."""

    out_path: Path
    study_count: int
    correction_count: int
    data_version: str
    content_hash: str
    schema_version: int
    reference_count: int = 0


def build_database(data_dir: Path, out_path: Path) -> BuildReport:
    """Validate ``data_dir`` and build the evidence database at ``out_path`` atomically.

    Raises :class:`atgdesk.builder.sources.DataError` (a ``ValueError``) naming file and field when a source is
    invalid; ``out_path`` is then left untouched.
    """
    sources = load_sources(Path(data_dir))
    content_hash = sources.content_hash()
    entries = sources.studies + [reference_as_study(r) for r in sources.references]
    _write_atomically(Path(out_path), entries, sources.vocab, sources.corrections,
                      data_version=sources.meta["data_version"], content_hash=content_hash)
    return BuildReport(out_path=Path(out_path), study_count=len(sources.studies),
                       correction_count=len(sources.corrections), data_version=sources.meta["data_version"],
                       content_hash=content_hash, schema_version=SCHEMA_VERSION,
                       reference_count=len(sources.references))


def build_synthetic(n: int, out_path: Path, vocab_path: Path | None = None, seed: int = 20261101, *,
                    hot_min_hits: int = HOT_MIN_HITS, hot_keep: int = HOT_KEEP) -> BuildReport:
    """Build a database of ``n`` synthetic citations through the same table and index code (for benchmarks).

    The vocabulary comes from ``vocab_path`` (default: the bundled ``data/vocab.toml``); text is drawn from a
    fixed word list with a skewed (Zipf-like) frequency so common and rare terms both occur, seeded for
    reproducibility.  ``hot_min_hits``/``hot_keep`` tune ``ranked_cache`` (tests lower them to exercise it).
    """
    if not isinstance(n, int) or n < 1:
        raise ValueError(f"n must be a positive whole number, got {n!r}")
    if vocab_path is None:
        from atgdesk import paths
        vocab_path = paths.data_dir() / "vocab.toml"
    with open(vocab_path, "rb") as fh:
        vocab = tomllib.load(fh)
    studies = list(synthetic_studies(n, vocab, seed))
    data_version = f"synthetic-{n}"
    content_hash = f"synthetic-{n}-{seed}"
    _write_atomically(Path(out_path), studies, vocab, [], data_version=data_version, content_hash=content_hash,
                      hot_min_hits=hot_min_hits, hot_keep=hot_keep)
    return BuildReport(out_path=Path(out_path), study_count=n, correction_count=0, data_version=data_version,
                       content_hash=content_hash, schema_version=SCHEMA_VERSION)


# ---------------------------------------------------------------------------------------------------------------
# Rows


def _join(values: Iterable[str]) -> str:
    return LIST_SEPARATOR.join(values)


def _author_name(author: dict[str, Any]) -> str:
    return f"{author['family']} {author['initials']}".strip()


def authors_short(authors: list[dict[str, Any]], et_al: bool) -> str:
    """'Shimony O, Nagler A, Gellman Y, et al.' — the first three authors, Vancouver style."""
    names = [_author_name(a) for a in authors[:3]]
    more = et_al or len(authors) > 3
    return ", ".join(names) + (", et al." if more else "")


def _labels(vocab: dict[str, dict[str, str]], facet: str, keys: list[str]) -> list[str]:
    return [vocab[facet][k] for k in keys]


# Structured fields: (provenance key, [summary] field, [published] field, facet or None).
_EFFECTIVE = (("design", "design", "design", "design"), ("species", "species", "species", "species"),
              ("setting", "settings", "settings", "setting"), ("product", "products", "products", "product"),
              ("evidence_level", "evidence_level", "evidence_level", "evidence_level"),
              ("population_n", "population_n", "population_n", None),
              ("population", "population_text", "population", None),
              ("registration", "registration", "registration", None))
# [published] text facts stored in the facts table, in the order the study view shows them.
_TEXT_FACTS = ("population", "dose_schedule", "comparator", "primary_outcome")


def _source_of(study: dict[str, Any], key: str) -> dict[str, str]:
    for source in study.get("sources", []):
        if source["key"] == key:
            return source
    return {}


def _seed_address(study: dict[str, Any]) -> str:
    return "; ".join(sorted({f"data/sources/seeds/{s['source']}" for s in study.get("seed", [])}))


def effective_fields(study: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Each structured field as the library shows it, with where it came from.

    The seed's ``[summary]`` value when it is not empty, else ``[published]``'s (with its source), else not
    stated: ``{"value": ..., "from": "seed" | "published" | "", "source_key", "source_kind", "source_address"}``.
    """
    summ = study["summary"]
    published = study.get("published", {})
    out: dict[str, dict[str, Any]] = {}
    for name, seed_field, pub_field, _facet in _EFFECTIVE:
        seed_value = summ.get(seed_field)
        fact = published.get(pub_field)
        if seed_value and study.get("kind") == REFERENCE_KIND:
            # A reference's products: from its own entry (data/references) or its label facts (products.toml).
            where = ("data/products.toml" if study["reference"]["type"] == "label"
                     else f"data/references/{study['id']}.toml")
            out[name] = {"value": seed_value, "from": "reference", "source_key": "", "source_kind": "reference",
                         "source_address": where}
        elif seed_value:
            out[name] = {"value": seed_value, "from": "seed", "source_key": "", "source_kind": "seed",
                         "source_address": _seed_address(study)}
        elif fact:
            source = _source_of(study, fact["source"])
            out[name] = {"value": fact.get("value", fact.get("text")), "from": "published",
                         "source_key": fact["source"], "source_kind": source.get("kind", ""),
                         "source_address": source.get("address", ""), "source_status": source.get("status", "")}
        else:
            empty: Any = [] if isinstance(seed_value, list) else (0 if isinstance(seed_value, int) else "")
            out[name] = {"value": empty, "from": "", "source_key": "", "source_kind": "", "source_address": ""}
    return out


def effective_authors(study: dict[str, Any]) -> tuple[list[dict[str, Any]], bool, dict[str, Any]]:
    """(authors, et_al, provenance): the published list where a record gives one that is longer or complete,
    else the seed's.  ``et_al`` stays true unless the list used is complete."""
    cit = study["citation"]
    fact = study.get("published", {}).get("authors")
    if fact and (fact["complete"] or len(fact["value"]) > len(cit["authors"])):
        source = _source_of(study, fact["source"])
        return (fact["value"], not fact["complete"],
                {"from": "published", "source_key": fact["source"], "source_kind": source.get("kind", ""),
                 "source_address": source.get("address", ""), "complete": bool(fact["complete"])})
    provenance = {"from": "seed" if study.get("seed") else "reference", "source_key": "", "source_kind": "seed",
                  "source_address": _seed_address(study), "complete": not cit["et_al"]}
    return cit["authors"], bool(cit["et_al"]), provenance


def study_facts(study: dict[str, Any]) -> list[dict[str, Any]]:
    """Findings with their sources: the seed's key findings (source kind ``seed``), then the published text
    facts, results, harms and take-home, each with its source's kind, address and status."""
    facts = [{"section": "finding", "text": text, "source_key": "", "source_kind": "seed",
              "source_address": _seed_address(study), "source_status": "seed"}
             for text in study["summary"]["key_findings"]]
    published = study.get("published", {})
    items = [(name, published[name]) for name in _TEXT_FACTS if name in published]
    items += [("result", item) for item in published.get("results", [])]
    items += [("harm", item) for item in published.get("harms", [])]
    if "take_home" in published:
        items.append(("take_home", published["take_home"]))
    for section, item in items:
        source = _source_of(study, item["source"])
        facts.append({"section": section, "text": item["text"], "source_key": item["source"],
                      "source_kind": source.get("kind", ""), "source_address": source.get("address", ""),
                      "source_status": source.get("status", "")})
    return facts


def reference_as_study(ref: dict[str, Any]) -> dict[str, Any]:
    """A dosing & PK reference shaped like a study document (no seed, no summary facts of its own)."""
    cit = ref["citation"]
    return {
        "schema": 1, "id": ref["id"], "kind": REFERENCE_KIND,
        "citation": {"authors": cit["authors"], "et_al": cit["et_al"], "title": cit["title"],
                     "journal": cit["journal"], "journal_full": cit.get("journal_full", ""), "year": cit["year"],
                     "volume": cit["volume"], "issue": cit["issue"], "pages": cit["pages"],
                     "pages_full": cit["pages"], "seed_links": []},
        "seed": [], "excerpt": {"text": ""}, "identifiers": ref.get("identifiers", []),
        "summary": {"design": "", "species": [], "settings": [], "products": ref.get("products", []),
                    "population_n": 0, "population_text": "", "key_findings": [], "registration": "",
                    "take_home": "", "evidence_level": ""},
        "reference": {"type": ref["reference_type"], "citation_text": cit["text"],
                      "title_source": cit.get("title_source", ""), "note": ref.get("note", ""),
                      "addresses": ref.get("addresses", []), "uses": ref["uses"]},
    }


def _study_rows(rid: int, study: dict[str, Any], vocab: dict[str, dict[str, str]]) -> dict[str, list[dict]]:
    """All rows (per table) for one study (or dosing & PK reference)."""
    sid = study["id"]
    cit = study["citation"]
    summ = study["summary"]
    record = study.get("record", {})
    abstract = study.get("abstract", {})
    published = study.get("published", {})
    reference = study.get("reference", {})
    journal_full = cit.get("journal_full") or record.get("journal_full", "")
    authors, et_al, author_provenance = effective_authors(study)
    first = authors[0] if authors else {"family": "", "initials": ""}
    year = int(cit["year"])
    effective = effective_fields(study)
    design = effective["design"]["value"]
    evidence = effective["evidence_level"]["value"]
    species, settings, products = (effective[k]["value"] for k in ("species", "setting", "product"))
    # An empty design or evidence level means "not stated": no label; the facet counts it as "not stated".
    design_label = vocab["design"][design] if design else ""
    evidence_label = vocab["evidence_level"][evidence] if evidence else ""
    species_labels = _labels(vocab, "species", species)
    setting_labels = _labels(vocab, "setting", settings)
    product_labels = _labels(vocab, "product", products)
    identifiers = study.get("identifiers", [])
    facts = study_facts(study)
    provenance = {name: {k: v for k, v in entry.items() if k != "value"} for name, entry in effective.items()}
    provenance["authors"] = author_provenance
    summary_text = " ".join([effective["population"]["value"], *(f["text"] for f in facts), summ["take_home"],
                             effective["registration"]["value"], reference.get("citation_text", ""),
                             reference.get("note", ""), *(u["what"] for u in reference.get("uses", []))]).strip()
    kind = study.get("kind", STUDY_KIND)

    studies_row = {
        "rid": rid,
        "id": sid,
        "kind": kind,
        "title": cit["title"],
        "journal": cit["journal"],
        "journal_full": journal_full,
        "year": year,
        "volume": cit["volume"],
        "issue": cit["issue"],
        "pages": cit["pages"],
        "pages_full": cit["pages_full"],
        "et_al": int(et_al),
        "first_author": _author_name(first),
        "first_author_family": first["family"],
        "authors_short": authors_short(authors, et_al),
        "authors_text": ", ".join(_author_name(a) for a in authors) + (", et al." if et_al else ""),
        "excerpt": study["excerpt"]["text"],
        "abstract_en": abstract.get("en", ""),
        "abstract_zh": abstract.get("zh", ""),
        "design": design,
        "design_label": design_label,
        "species_keys": _join(species),
        "species_labels": _join(species_labels),
        "setting_keys": _join(settings),
        "setting_labels": _join(setting_labels),
        "product_keys": _join(products),
        "product_labels": _join(product_labels),
        "evidence_level": evidence,
        "evidence_label": evidence_label,
        "population_n": int(effective["population_n"]["value"] or 0),
        "population_text": effective["population"]["value"],
        "take_home": summ["take_home"],
        "registration": effective["registration"]["value"],
        "key_findings": json.dumps(summ["key_findings"], ensure_ascii=False),
        "seed_links": json.dumps(cit.get("seed_links", []), ensure_ascii=False),
        "record": json.dumps(record, ensure_ascii=False, sort_keys=True),
        "availability": published.get("availability", ""),
        "searched": published.get("searched", ""),
        "provenance": json.dumps(provenance, ensure_ascii=False, sort_keys=True),
        "reference": json.dumps(reference, ensure_ascii=False, sort_keys=True) if reference else "",
        # Default order: seed studies first, then the dosing & PK references; newest first, then first author,
        # then id; zero-padded so text order = wanted order.
        "sort_key": f"{int(kind != STUDY_KIND)}\x1f{9999 - year:04d}\x1f{first['family'].casefold()}\x1f{sid}",
    }
    author_rows = [{"study_id": sid, "position": i + 1, "family": a["family"], "initials": a["initials"],
                    "given": a.get("given", "")} for i, a in enumerate(authors)]
    identifier_rows = [{"study_id": sid, "position": i + 1, "type": x["type"], "value": x["value"],
                        "status": x["status"], "source": x.get("source", "")} for i, x in enumerate(identifiers)]
    source_rows = [{"study_id": sid, "key": s["key"], "kind": s["kind"], "address": s["address"],
                    "status": s["status"], "read_on": s.get("read_on", ""), "note": s.get("note", "")}
                   for s in study.get("sources", [])]
    fact_rows = [{"study_id": sid, "position": i + 1, **f} for i, f in enumerate(facts)]
    use_rows = [{"study_id": sid, "position": i + 1, "file": u["file"], "what": u["what"]}
                for i, u in enumerate(reference.get("uses", []))]
    tag_rows = [{"study_id": sid, "facet": facet, "key": key or NOT_STATED, "label": label or NOT_STATED_LABEL}
                for facet, key, label in (("design", design, design_label),
                                          ("evidence_level", evidence, evidence_label))]
    tag_rows.append({"study_id": sid, "facet": "kind", "key": kind, "label": KINDS[kind]})
    if cit["journal"]:
        tag_rows.append({"study_id": sid, "facet": "journal", "key": cit["journal"],
                         "label": journal_full or cit["journal"]})
    if year:
        tag_rows.append({"study_id": sid, "facet": "year", "key": str(year), "label": str(year)})
    for facet, keys, labels in (("species", species, species_labels),
                                ("setting", settings, setting_labels),
                                ("product", products, product_labels)):
        tag_rows += [{"study_id": sid, "facet": facet, "key": k, "label": lab}
                     for k, lab in zip(keys, labels, strict=True)]
        if not keys:
            tag_rows.append({"study_id": sid, "facet": facet, "key": NOT_STATED, "label": NOT_STATED_LABEL})
    seed_rows = [{"study_id": sid, "source": s["source"], "list": s["list"], "position": s["position"]}
                 for s in study["seed"]]
    author_text = "; ".join(
        " ".join(p for p in (a["family"], a["initials"], a.get("given", "")) if p) for a in authors)
    tag_text = " ; ".join([x for x in (design_label, evidence_label) if x] +
                          [*species_labels, *setting_labels, *product_labels, *(x["value"] for x in identifiers)]
                          + ([KINDS[kind]] if kind != STUDY_KIND else []))
    search_row = {
        "rid": rid,
        "title": cit["title"] or reference.get("citation_text", ""),
        "authors": author_text,
        "journal": f"{cit['journal']} {journal_full}".strip(),
        "excerpt": study["excerpt"]["text"],
        "summary": summary_text,
        "tags": tag_text,
        "abstract_en": abstract.get("en", ""),
        "abstract_zh": abstract.get("zh", ""),
    }
    return {"studies": [studies_row], "authors": author_rows, "identifiers": identifier_rows, "tags": tag_rows,
            "seed_memberships": seed_rows, "search_content": [search_row], "sources": source_rows,
            "facts": fact_rows, "reference_uses": use_rows}


# ---------------------------------------------------------------------------------------------------------------
# Writing

_TABLES: dict[str, dict[str, Any]] = {
    "studies": {"columns": {
        "rid": int, "id": str, "kind": str, "title": str, "journal": str, "journal_full": str, "year": int, "volume": str,
        "issue": str, "pages": str, "pages_full": str, "et_al": int, "first_author": str,
        "first_author_family": str, "authors_short": str, "authors_text": str, "excerpt": str,
        "abstract_en": str, "abstract_zh": str, "design": str, "design_label": str, "species_keys": str,
        "species_labels": str, "setting_keys": str, "setting_labels": str, "product_keys": str,
        "product_labels": str, "evidence_level": str, "evidence_label": str, "population_n": int,
        "population_text": str, "take_home": str, "registration": str, "key_findings": str, "seed_links": str,
        "record": str, "availability": str, "searched": str, "provenance": str, "reference": str,
        "sort_key": str}, "pk": "rid"},
    "authors": {"columns": {"study_id": str, "position": int, "family": str, "initials": str, "given": str},
                "pk": ("study_id", "position")},
    "identifiers": {"columns": {"study_id": str, "position": int, "type": str, "value": str, "status": str,
                                "source": str}, "pk": ("study_id", "position")},
    "tags": {"columns": {"study_id": str, "facet": str, "key": str, "label": str},
             "pk": ("facet", "key", "study_id")},
    "seed_memberships": {"columns": {"study_id": str, "source": str, "list": str, "position": int},
                         "pk": ("source", "list", "position", "study_id")},
    "corrections": {"columns": {"id": str, "study": str, "field": str, "original": str, "corrected": str,
                                "kind": str, "status": str, "reason": str, "evidence": str, "file": str},
                    "pk": "id"},
    "sources": {"columns": {"study_id": str, "key": str, "kind": str, "address": str, "status": str,
                            "read_on": str, "note": str}, "pk": ("study_id", "key")},
    "facts": {"columns": {"study_id": str, "position": int, "section": str, "text": str, "source_key": str,
                          "source_kind": str, "source_address": str, "source_status": str},
              "pk": ("study_id", "position")},
    "reference_uses": {"columns": {"study_id": str, "position": int, "file": str, "what": str},
                       "pk": ("study_id", "position")},
    "vocab": {"columns": {"facet": str, "key": str, "label": str, "position": int}, "pk": ("facet", "key")},
    "meta": {"columns": {"key": str, "value": str}, "pk": "key"},
    "search_content": {"columns": {"rid": int, **{c: str for c in SEARCH_COLUMNS}, "abstract_zh": str},
                       "pk": "rid"},
}

_INDEXES = (
    ("studies", ["id"], True),
    ("studies", ["sort_key"], False),
    ("studies", ["year"], False),
    ("studies", ["design"], False),
    ("tags", ["study_id"], False),
    ("corrections", ["study"], False),
    ("seed_memberships", ["study_id"], False),
    ("studies", ["kind"], False),
)


def _write_atomically(out_path: Path, studies: list[dict[str, Any]], vocab: dict[str, dict[str, str]],
                      corrections: list[Correction], *, data_version: str, content_hash: str,
                      hot_min_hits: int = HOT_MIN_HITS, hot_keep: int = HOT_KEEP) -> None:
    """Write the database to a temporary file in the target folder, then move it into place."""
    out_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_path.with_name(f".{out_path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        _write(tmp, studies, vocab, corrections, data_version=data_version, content_hash=content_hash,
               hot_min_hits=hot_min_hits, hot_keep=hot_keep)
        _seal(tmp)
        os.replace(tmp, out_path)
    finally:
        tmp.unlink(missing_ok=True)


def _write(path: Path, studies: list[dict[str, Any]], vocab: dict[str, dict[str, str]],
           corrections: list[Correction], *, data_version: str, content_hash: str,
           hot_min_hits: int = HOT_MIN_HITS, hot_keep: int = HOT_KEEP) -> None:
    conn = sqlite3.connect(path)
    try:
        db = sqlite_utils.Database(conn)
        # A private temporary file: no journal and no fsync while writing (os.replace publishes it whole).
        conn.execute("PRAGMA journal_mode = OFF")
        conn.execute("PRAGMA synchronous = OFF")
        for name, spec in _TABLES.items():
            db[name].create(spec["columns"], pk=spec["pk"], not_null=set(spec["columns"]))

        rows: dict[str, list[dict]] = {name: [] for name in _TABLES}
        for rid, study in enumerate(sorted(studies, key=lambda s: s["id"]), start=1):
            for name, table_rows in _study_rows(rid, study, vocab).items():
                rows[name].extend(table_rows)
        rows["corrections"] = [{**{k: c.entry[k] for k in _TABLES["corrections"]["columns"] if k != "file"},
                                "file": c.file} for c in corrections]
        rows["vocab"] = [{"facet": facet, "key": key, "label": label, "position": i}
                         for facet in sorted(vocab) for i, (key, label) in enumerate(vocab[facet].items())]
        rows["meta"] = [{"key": k, "value": v} for k, v in sorted({
            "data_version": data_version, "content_hash": content_hash, "schema_version": str(SCHEMA_VERSION),
            "study_count": str(len(studies)), "fts_tokenizer": PORTER_TOKENIZER,
            # study_count counts every entry of the list; this many of them are dosing & PK references.
            "reference_count": str(sum(s.get("kind") == REFERENCE_KIND for s in studies))}.items())]
        for name, table_rows in rows.items():
            if table_rows:
                db[name].insert_all(table_rows, batch_size=2000)

        for table, columns, unique in _INDEXES:  # after the inserts: one sort instead of many page splits
            db[table].create_index(columns, unique=unique)
        _create_search_indexes(db)
        _create_filter_tables(conn, vocab)
        _create_ranked_cache(conn, hot_min_hits, hot_keep)
        # The digest of the finished file goes here (_seal): a placeholder as long as the digest, so that storing
        # it later rewrites this row in place.
        conn.execute(f"CREATE TABLE {DIGEST_TABLE} (value TEXT NOT NULL)")
        conn.execute(f"INSERT INTO {DIGEST_TABLE} (value) VALUES (?)", (_DIGEST_PLACEHOLDER,))
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.commit()
        conn.execute("VACUUM")
        conn.commit()
    finally:
        conn.close()


_DIGEST_PLACEHOLDER = "0" * 64  # as long as the digest in hex (32 bytes)


def _seal(path: Path) -> None:
    """Store the digest of the finished file in ``db_digest`` (the app re-computes it at every start to detect a
    database changed after the build), then check that storing it changed nothing the digest covers."""
    conn = sqlite3.connect(path)
    try:
        location = digest_location(conn)  # read only: the file is as _write left it until the UPDATE commits
        digest = file_digest(path, *location)
        conn.execute("PRAGMA journal_mode = OFF")  # a private temporary file, as in _write
        conn.execute(f"UPDATE {DIGEST_TABLE} SET value = ?", (digest,))
        conn.commit()
    finally:
        conn.close()
    if file_digest(path, *location) != digest:
        raise RuntimeError("storing the database digest changed more than its own page: the digest would not "
                           "match (a change in how SQLite writes the file?)")


def _create_search_indexes(db: sqlite_utils.Database) -> None:
    """The two external-content FTS5 indexes over ``search_content`` (see the module docstring)."""
    columns = ", ".join(SEARCH_COLUMNS)
    db.execute(f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5({columns}, content='search_content', "
               f"content_rowid='rid', tokenize='{PORTER_TOKENIZER}', prefix='2 3')")
    db.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES('rebuild')")
    db.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES('optimize')")
    tri_columns = ", ".join(TRIGRAM_COLUMNS)
    db.execute(f"CREATE VIRTUAL TABLE {TRIGRAM_TABLE} USING fts5({tri_columns}, content='search_content', "
               "content_rowid='rid', tokenize='trigram')")
    db.execute(f"INSERT INTO {TRIGRAM_TABLE}({TRIGRAM_TABLE}) VALUES('rebuild')")
    db.execute(f"INSERT INTO {TRIGRAM_TABLE}({TRIGRAM_TABLE}) VALUES('optimize')")


def _create_filter_tables(conn: sqlite3.Connection, vocab: dict[str, dict[str, str]]) -> None:
    """``facet_codes``, ``study_filters``, ``facet_counts`` and ``cjk_rows`` (see the module docstring)."""
    conn.execute("CREATE TABLE facet_codes (facet TEXT NOT NULL, key TEXT NOT NULL, label TEXT NOT NULL, "
                 "code INTEGER NOT NULL, PRIMARY KEY (facet, key, label))")
    codes: dict[str, dict[str, int]] = {}
    rows: list[tuple[str, str, str, int]] = []
    for facet in BITSET_FACETS:
        keys = list(vocab[facet])
        if len(keys) > 62:
            raise ValueError(f"vocab.toml [{facet}] has {len(keys)} keys; the search index allows at most 62")
        codes[facet] = {key: 1 << i for i, key in enumerate(keys)}
        rows += [(facet, key, vocab[facet][key], code) for key, code in codes[facet].items()]
        # Bitset 0 (no value) is "not stated": a facet value of its own, filterable and counted.
        rows.append((facet, NOT_STATED, NOT_STATED_LABEL, 0))
    for facet in CODED_FACETS:
        # Code 0 is "not stated" (empty value): filterable and counted like any key.
        codes[facet] = {"": 0, **{key: i + 1 for i, key in enumerate(vocab[facet])}}
        rows += [(facet, key or NOT_STATED, vocab[facet].get(key, NOT_STATED_LABEL), code)
                 for key, code in codes[facet].items()]
    codes["kind"] = {key: i + 1 for i, key in enumerate(KINDS)}
    rows += [("kind", key, KINDS[key], code) for key, code in codes["kind"].items()]
    # Journals: one code per (abbreviation, label) pair, as the journal tags are counted.
    journals = conn.execute("SELECT DISTINCT key, label FROM tags WHERE facet = 'journal' ORDER BY key, label")
    journal_code = {(key, label): i + 1 for i, (key, label) in enumerate(journals.fetchall())}
    rows += [("journal", key, label, code) for (key, label), code in journal_code.items()]
    conn.executemany("INSERT INTO facet_codes VALUES (?, ?, ?, ?)", rows)

    conn.execute("CREATE TABLE study_filters (rid INTEGER PRIMARY KEY, pos INTEGER NOT NULL, year INTEGER NOT NULL, "
                 "design INTEGER NOT NULL, evidence_level INTEGER NOT NULL, journal INTEGER NOT NULL, "
                 "species INTEGER NOT NULL, setting INTEGER NOT NULL, product INTEGER NOT NULL, "
                 "kind INTEGER NOT NULL)")
    out = []
    query = ("SELECT s.rid, s.year, s.design, s.evidence_level, s.journal, s.journal_full, s.species_keys, "
             "s.setting_keys, s.product_keys, s.kind FROM studies s ORDER BY s.sort_key")
    for pos, (rid, year, design, evidence, journal, journal_full, species, settings, products, kind) in enumerate(
            conn.execute(query).fetchall(), start=1):
        bits = []
        for facet, keys in (("species", species), ("setting", settings), ("product", products)):
            value = 0
            for key in keys.split(LIST_SEPARATOR) if keys else ():
                value |= codes[facet][key]
            bits.append(value)
        # A reference without a journal (a product label) has journal code 0, as no journal tag.
        out.append((rid, pos, year, codes["design"][design], codes["evidence_level"][evidence],
                    journal_code.get((journal, journal_full or journal), 0), *bits, codes["kind"][kind]))
    conn.executemany("INSERT INTO study_filters VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", out)
    # Covering index in default order: a filter-only first page walks it and stops at the limit.
    conn.execute("CREATE UNIQUE INDEX study_filters_pos ON study_filters "
                 "(pos, year, design, evidence_level, journal, species, setting, product, kind)")

    conn.execute("CREATE TABLE facet_counts (facet TEXT NOT NULL, key TEXT NOT NULL, label TEXT NOT NULL, "
                 "n INTEGER NOT NULL, position INTEGER NOT NULL, PRIMARY KEY (facet, position))")
    counts = []
    for facet in ("design", "species", "setting", "product", "evidence_level", "journal", "year", "kind"):
        # "Not stated" is listed last in every facet, whatever its count.
        order = "t.key DESC" if facet == "year" else f"t.key = '{NOT_STATED}', n DESC, t.label, t.key"
        result = conn.execute(f"SELECT t.key, t.label, count(*) AS n FROM tags t WHERE t.facet = ? "
                              f"GROUP BY t.key, t.label ORDER BY {order}", (facet,)).fetchall()
        counts += [(facet, key, label, n, i) for i, (key, label, n) in enumerate(result)]
    conn.executemany("INSERT INTO facet_counts VALUES (?, ?, ?, ?, ?)", counts)

    conn.execute("CREATE TABLE cjk_rows (rid INTEGER PRIMARY KEY)")
    columns = ", ".join(TRIGRAM_COLUMNS)
    conn.executemany("INSERT INTO cjk_rows VALUES (?)", (
        (row[0],) for row in conn.execute(f"SELECT rid, {columns} FROM search_content ORDER BY rid").fetchall()
        if any(has_cjk(text) for text in row[1:])))


_HOT_TERM = re.compile(r"[a-z0-9]+\Z")


def _create_ranked_cache(conn: sqlite3.Connection, min_hits: int, keep: int) -> None:
    """``ranked_cache``: the first ``keep`` ranked hits of every single word or prefix with ``min_hits`` hits.

    Candidates are the index's (ASCII) terms as words and their prefixes of two or more characters, as the query
    parser writes them (``"term"``, ``"pre"*``); each is ranked by the same SQL the search runs live.
    """
    conn.execute("CREATE TABLE ranked_cache (expr TEXT PRIMARY KEY, hits INTEGER NOT NULL, rids BLOB NOT NULL, "
                 "scores BLOB NOT NULL)")
    conn.execute(f"CREATE VIRTUAL TABLE temp.fts_terms USING fts5vocab(main, {FTS_TABLE}, row)")
    terms = [(t, d) for t, d in conn.execute("SELECT term, doc FROM temp.fts_terms ORDER BY term").fetchall()
             if _HOT_TERM.match(t)]
    conn.execute("DROP TABLE temp.fts_terms")
    bound: dict[str, int] = {}
    for term, docs in terms:
        for end in range(2, len(term) + 1):
            bound[term[:end]] = bound.get(term[:end], 0) + docs
    candidates = sorted({HOT_KEY.format(t) for t, d in terms if d >= min_hits} |
                        {HOT_KEY.format(p) + "*" for p, d in bound.items() if d >= min_hits})
    weights = ", ".join(str(w) for w in BM25_WEIGHTS)
    rows = []
    for expr in candidates:
        hits = conn.execute(f"SELECT count(*) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ?", (expr,)).fetchone()[0]
        if hits < min_hits:
            continue
        ranked = conn.execute(
            f"SELECT {FTS_TABLE}.rowid AS rid, bm25({FTS_TABLE}, {weights}) AS score FROM {FTS_TABLE} "
            f"WHERE {FTS_TABLE} MATCH ? ORDER BY score, rid LIMIT ?", (expr, keep)).fetchall()
        rids, scores = RANKED_CACHE_FORMAT
        rows.append((expr, hits, struct.pack(f"<{len(ranked)}{rids}", *(r for r, _ in ranked)),
                     struct.pack(f"<{len(ranked)}{scores}", *(sc for _, sc in ranked))))
    conn.executemany("INSERT INTO ranked_cache VALUES (?, ?, ?, ?)", rows)


# ---------------------------------------------------------------------------------------------------------------
# Synthetic data (benchmarks)

_WORDS = (
    "antithymocyte globulin thymoglobulin rabbit horse atgam grafalon fresenius lymphoglobulin serum antilymphocyte "
    "transplantation allogeneic autologous hematopoietic stem cell marrow kidney renal liver islet pancreas graft "
    "rejection tolerance induction conditioning prophylaxis graft-versus-host disease acute chronic gvhd survival "
    "relapse infection cytomegalovirus epstein-barr reactivation lymphocyte depletion regulatory foxp3 cd4 cd8 "
    "natural killer dendritic monocyte apoptosis complement lysis cytokine interleukin interferon exposure "
    "pharmacokinetics clearance dose dosing weight concentration area curve randomized prospective retrospective "
    "cohort trial multicenter single-center pediatric adult elderly patients outcome mortality response remission "
    "aplastic anemia anaemia myelodysplastic lupus sclerosis multiple diabetes autoimmune mouse murine primate "
    "model in-vitro expansion activation proliferation signaling mechanism review efficacy safety toxicity "
    "cyclosporine tacrolimus methotrexate mycophenolate basiliximab alemtuzumab steroid prednisone sirolimus "
    "engraftment chimerism neutrophil platelet recovery immune reconstitution thymus homeostasis memory naive "
    "effector antibody antigen donor recipient hla mismatch crossmatch sensitized desensitization ischemia "
    "reperfusion injury procalcitonin fever serum-sickness infusion reaction premedication lymphoma leukemia "
    "myeloma thymoma aplasia red pure busulfan fludarabine melphalan cyclophosphamide irradiation total body"
).split()
_SURNAMES = ("Smith Müller Garcia Wang Li Zhang Chen Liu Kim Lee Nguyen Rossi Bianchi Dubois Martin Schmidt Weber "
             "Tanaka Suzuki Sato Kowalski Novak Horvat Jensen Hansen Larsen Silva Santos Costa Ivanov Petrov Cohen "
             "Levi Gupta Singh Patel Kumar O'Brien Murphy Kelly Walsh Fischer Wagner Becker Hoffmann Schulz Koch "
             "Richter Klein Wolf Neumann Schwarz Zimmermann Krüger Hartmann Lange Werner Krause Meier Lehmann").split()
_JOURNALS = ("Blood|Bone Marrow Transplant|Biol Blood Marrow Transplant|Transplantation|Am J Transplant|"
             "N Engl J Med|Lancet|Br J Haematol|Haematologica|Leukemia|J Immunol|Transpl Immunol|Kidney Int|"
             "J Am Soc Nephrol|Clin Transplant|Transplant Proc|Front Immunol|Exp Hematol|Hematology|Drugs").split("|")


def _synthetic_vocabulary(rng: random.Random, size: int = 20_000) -> list[str]:
    """Pseudo-words made of syllables, with the domain words spread over ranks 200-6,700 (common to rare).

    At those ranks a domain word occurs in roughly 0.2-3 % of the citations, which is what a large citation
    library looks like; placing them at the very top of the Zipf curve would put a drug name in every third one.
    """
    syllables = ["ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "pe", "sa", "do", "gu", "fi", "ba", "ho", "ly",
                 "tro", "mer", "cyt", "ost", "ine", "ase", "gen", "pha", "ter", "lin"]
    words: list[str] = []
    seen = set(_WORDS)
    while len(words) < size - len(_WORDS):
        word = "".join(rng.choice(syllables) for _ in range(rng.randint(2, 4)))
        if word not in seen:
            seen.add(word)
            words.append(word)
    for i, domain in enumerate(_WORDS):
        words.insert(200 + i * 20, domain)
    return words


def synthetic_studies(n: int, vocab: dict[str, dict[str, str]], seed: int = 20261101):
    """Yield ``n`` synthetic study documents shaped like ``data/studies/*.toml`` (deterministic for a seed)."""
    rng = random.Random(seed)
    vocabulary = _synthetic_vocabulary(rng)
    # Zipf-like frequencies over a 20,000-word vocabulary, as in real text: a domain word such as
    # "thymoglobulin" then occurs in a few per cent of the citations, not in all of them.
    weights = [1.0 / (rank + 1) for rank in range(len(vocabulary))]
    cum_weights = list(itertools.accumulate(weights))
    facet_keys = {facet: list(vocab[facet]) for facet in vocab}

    def words(k: int) -> str:
        return " ".join(rng.choices(vocabulary, cum_weights=cum_weights, k=k))

    for i in range(n):
        n_authors = rng.randint(1, 8)
        authors = [{"family": rng.choice(_SURNAMES), "initials": rng.choice("ABCDEFGHJKLMNPRST") +
                    rng.choice(["", "A", "M", "J"])} for _ in range(n_authors)]
        start = rng.randint(1, 2000)
        yield {
            "schema": 1,
            "id": f"syn{i:07d}",
            "citation": {"authors": authors, "et_al": n_authors >= 6, "title": words(rng.randint(6, 16)).capitalize(),
                         "journal": rng.choice(_JOURNALS), "year": rng.randint(1970, 2026),
                         "volume": str(rng.randint(1, 150)), "issue": str(rng.randint(1, 12)),
                         "pages": f"{start}-{start + rng.randint(2, 15)}",
                         "pages_full": f"{start}-{start + rng.randint(2, 15)}", "seed_links": []},
            "seed": [{"source": "synthetic", "list": "more", "position": i + 1}],
            "excerpt": {"text": words(rng.randint(15, 40))},
            "summary": {"design": rng.choice(facet_keys["design"]),
                        "species": rng.sample(facet_keys["species"], 1),
                        "settings": rng.sample(facet_keys["setting"], rng.randint(1, 2)),
                        "products": rng.sample(facet_keys["product"], rng.randint(1, 2)),
                        "population_n": rng.choice([0, rng.randint(5, 500)]), "population_text": "",
                        "key_findings": [words(rng.randint(8, 20))], "registration": "",
                        "take_home": words(rng.randint(8, 14)),
                        "evidence_level": rng.choice(facet_keys["evidence_level"])},
        }
