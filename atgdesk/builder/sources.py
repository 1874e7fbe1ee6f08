"""Reading and validating the curated sources in ``data/`` (build time only).

Every file is checked against a JSON schema in ``atgdesk/builder/schemas/`` and then against the rules a schema
cannot express (vocabulary keys, unique ids, file name = id, corrections pointing at existing studies).  All
problems are collected before failing, each naming the file and the field path, so that a curator sees every
mistake in one run.
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas"

# Facets of data/vocab.toml and the summary fields that must use their keys.
VOCAB_FACETS = ("design", "species", "setting", "product", "evidence_level")
_SUMMARY_VOCAB = (("design", "design"), ("species", "species"), ("settings", "setting"),
                  ("products", "product"), ("evidence_level", "evidence_level"))
# [published] facts (other than results/harms lists) in the order docs/data-format.md lists them.
PUBLISHED_FACTS = ("design", "species", "settings", "products", "population_n", "population", "dose_schedule",
                   "comparator", "primary_outcome", "registration", "evidence_level", "authors", "take_home")
PUBLISHED_LISTS = ("results", "harms")


class DataError(ValueError):
    """The sources in ``data/`` are invalid; ``problems`` lists every problem as 'file: field: message'."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        shown = "; ".join(self.problems[:10])
        more = f"; and {len(self.problems) - 10} more" if len(self.problems) > 10 else ""
        noun = "problem" if len(self.problems) == 1 else "problems"
        super().__init__(f"{len(self.problems)} {noun} in the data: {shown}{more}")


@dataclass(frozen=True)
class Correction:
    """One [[correction]] entry, with the file it came from (relative to the data folder)."""

    entry: dict[str, Any]
    file: str


@dataclass
class Sources:
    """Everything the builder needs, validated; studies sorted by id, corrections by id."""

    meta: dict[str, Any]
    vocab: dict[str, dict[str, str]]
    studies: list[dict[str, Any]] = field(default_factory=list)
    corrections: list[Correction] = field(default_factory=list)
    # Dosing & PK references (data/references plus the product labels), each with what the calculator takes
    # from it (see atgdesk.builder.references); empty when the data folder has no calculator data.
    references: list[dict[str, Any]] = field(default_factory=list)

    def content_hash(self) -> str:
        """SHA-256 over the canonical JSON of every source (sorted keys, no whitespace, UTF-8)."""
        canonical = {
            "meta": self.meta,
            "vocab": self.vocab,
            "studies": self.studies,
            "corrections": [dict(c.entry, _file=c.file) for c in self.corrections],
        }
        if self.references:  # only when present, so a library without them keeps its hash
            canonical["references"] = self.references
        text = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def schema(name: str) -> dict[str, Any]:
    """The JSON schema ``<name>.schema.json`` from the schemas folder."""
    return json.loads((SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8"))


def field_path(parts) -> str:
    """``['citation', 'authors', 2, 'family']`` → ``citation.authors[2].family`` (``<top>`` when empty)."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "<top>"


def schema_problems(document: Any, schema_name: str, label: str) -> list[str]:
    """Every schema violation of ``document`` as 'label: field.path: message', in a stable order."""
    validator = jsonschema.Draft202012Validator(schema(schema_name))
    problems = []
    for error in validator.iter_errors(document):
        problems.append((list(error.absolute_path), f"{label}: {field_path(error.absolute_path)}: {error.message}"))
    problems.sort(key=lambda item: (list(map(str, item[0])), item[1]))
    return [text for _, text in problems]


def _read_toml(path: Path, label: str, problems: list[str]) -> dict[str, Any] | None:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        problems.append(f"{label}: file is missing")
    except tomllib.TOMLDecodeError as exc:
        problems.append(f"{label}: not valid TOML: {exc}")
    except (OSError, UnicodeDecodeError) as exc:
        problems.append(f"{label}: cannot be read: {exc}")
    return None


def _correction_files(data_dir: Path) -> list[Path]:
    """``data/corrections/*.toml`` (the folder); a single ``data/corrections.toml`` is read too if present."""
    files = sorted((data_dir / "corrections").glob("*.toml")) if (data_dir / "corrections").is_dir() else []
    single = data_dir / "corrections.toml"
    if single.is_file():
        files.insert(0, single)
    return files


def load_sources(data_dir: Path) -> Sources:
    """Read and validate every source under ``data_dir``; raise :class:`DataError` listing all problems."""
    data_dir = Path(data_dir)
    if not data_dir.is_dir():
        raise DataError([f"{data_dir}: data folder not found"])
    top = data_dir.name

    def label(path: Path) -> str:
        return f"{top}/{path.relative_to(data_dir).as_posix()}"

    problems: list[str] = []
    meta = _read_toml(data_dir / "meta.toml", f"{top}/meta.toml", problems) or {}
    problems += schema_problems(meta, "meta", f"{top}/meta.toml") if meta else []
    vocab = _read_toml(data_dir / "vocab.toml", f"{top}/vocab.toml", problems) or {}
    problems += schema_problems(vocab, "vocab", f"{top}/vocab.toml") if vocab else []

    studies: list[dict[str, Any]] = []
    seen: dict[str, str] = {}
    # Ids of study files that exist but failed validation: corrections may point at them without a second error.
    invalid_ids: set[str] = set()
    study_files = sorted((data_dir / "studies").glob("*.toml"))
    if not study_files:
        problems.append(f"{top}/studies: no study files (*.toml) found")
    for path in study_files:
        name = label(path)
        doc = _read_toml(path, name, problems)
        if doc is None:
            continue
        found = schema_problems(doc, "study", name)
        problems += found
        if found:
            invalid_ids.add(doc["id"] if isinstance(doc.get("id"), str) else path.stem)
            continue
        sid = doc["id"]
        if sid != path.stem:
            problems.append(f"{name}: id: '{sid}' does not match the file name (expected '{path.stem}')")
        if sid in seen:
            problems.append(f"{name}: id: duplicate id '{sid}' (also in {seen[sid]})")
            continue
        seen[sid] = name
        problems += _vocab_problems(doc, vocab, name)
        problems += published_problems(doc, vocab, name)
        studies.append(doc)

    corrections: list[Correction] = []
    seen_corrections: dict[str, str] = {}
    for path in _correction_files(data_dir):
        name = label(path)
        doc = _read_toml(path, name, problems)
        if doc is None:
            continue
        found = schema_problems(doc, "correction", name)
        problems += found
        if found:
            continue
        for index, entry in enumerate(doc["correction"]):
            where = f"{name}: correction[{index}]"
            if entry["id"] in seen_corrections:
                problems.append(f"{where}.id: duplicate correction id '{entry['id']}' "
                                f"(also in {seen_corrections[entry['id']]})")
                continue
            seen_corrections[entry["id"]] = name
            if entry["status"] == "applied" and entry["study"] not in seen and entry["study"] not in invalid_ids:
                problems.append(f"{where}.study: no study with id '{entry['study']}'")
            corrections.append(Correction(entry=entry, file=path.relative_to(data_dir).as_posix()))

    from atgdesk.builder.references import load_references
    references = load_references(data_dir, vocab, set(seen), problems)

    if problems:
        raise DataError(problems)
    studies.sort(key=lambda s: s["id"])
    corrections.sort(key=lambda c: c.entry["id"])
    return Sources(meta=meta, vocab=vocab, studies=studies, corrections=corrections, references=references)


def _vocab_problems(study: dict[str, Any], vocab: dict[str, dict[str, str]], name: str) -> list[str]:
    """Summary fields whose keys are not in data/vocab.toml."""
    problems = []
    summary = study["summary"]
    for field_name, facet in _SUMMARY_VOCAB:
        known = vocab.get(facet, {})
        value = summary[field_name]
        values = [(f"summary.{field_name}", value)] if isinstance(value, str) else [
            (f"summary.{field_name}[{i}]", v) for i, v in enumerate(value)]
        for where, key in values:
            # '' in a single-valued field means "the seed does not say" (docs/data-format.md), not a bad key.
            if key not in known and not (key == "" and isinstance(value, str)):
                problems.append(f"{name}: {where}: unknown key '{key}' (not in vocab.toml [{facet}])")
    return problems


def published_problems(study: dict[str, Any], vocab: dict[str, dict[str, str]], name: str) -> list[str]:
    """What the JSON schema cannot check in ``[[sources]]`` and ``[published]``: unique source keys, every fact
    naming a source of the file, vocabulary keys, an evidence level only with a stated design, and a
    ``not-found`` study carrying no facts (only what was searched)."""
    problems = []
    keys: set[str] = set()
    for index, source in enumerate(study.get("sources", [])):
        if source["key"] in keys:
            problems.append(f"{name}: sources[{index}].key: duplicate source key '{source['key']}'")
        keys.add(source["key"])
    published = study.get("published")
    if published is None:
        if keys:
            problems.append(f"{name}: sources: [[sources]] given but no [published] part uses them")
        return problems
    facts = [(f"published.{k}", published[k]) for k in PUBLISHED_FACTS if k in published]
    facts += [(f"published.{k}[{i}]", item) for k in PUBLISHED_LISTS for i, item in enumerate(published.get(k, []))]
    if published["availability"] == "not-found":
        if facts:
            problems.append(f"{name}: published: availability is 'not-found' but facts are given "
                            f"({', '.join(where for where, _ in facts)})")
        if not published.get("searched", "").strip():
            problems.append(f"{name}: published.searched: say what was searched when availability is 'not-found'")
        return problems
    if not facts:
        problems.append(f"{name}: published: availability is 'found' but no fact is given")
    for where, fact in facts:
        if fact["source"] not in keys:
            problems.append(f"{name}: {where}.source: no [[sources]] entry has key '{fact['source']}'")
    for field_name, facet in _SUMMARY_VOCAB:
        if field_name not in published:
            continue
        value = published[field_name]["value"]
        for i, key in enumerate([value] if isinstance(value, str) else value):
            if key not in vocab.get(facet, {}):
                where = f"published.{field_name}.value" + ("" if isinstance(value, str) else f"[{i}]")
                problems.append(f"{name}: {where}: unknown key '{key}' (not in vocab.toml [{facet}])")
    if "evidence_level" in published and not (published.get("design") or study["summary"]["design"]):
        problems.append(f"{name}: published.evidence_level: given without a stated design (neither the seed nor "
                        "[published] states one)")
    return problems
