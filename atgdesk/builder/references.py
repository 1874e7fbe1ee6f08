"""Dosing & PK references: the documents behind the calculator's model, target and product facts (build time only).

Two sources make the entries, both kept apart from the seed studies (``kind = "dosing-reference"``):

- ``data/references/<id>.toml`` — one published paper each, its citation as the data files give it (fields not
  read on a record stay empty), and ``[match]``: the DOIs and citation fragments by which the calculator's data
  files cite it.
- the product labels — one entry per product, label type and country of ``data/products.toml`` (the label facts
  name the page they were read on; the entry lists those pages).  They are generated, never typed twice.

For every entry the builder lists what the calculator takes from it (``uses``): each target window, model source,
calibration figure, weight basis and label fact that cites it, read from ``data/targets.toml``,
``data/models/*.toml`` and ``data/products.toml``.  :func:`unmatched_citations` lists the citations no entry
covers (a test keeps it empty).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

REFERENCE_KIND = "dosing-reference"
STUDY_KIND = "study"
SOURCE_TYPE_LABELS = {"US-PI": "US prescribing information", "SmPC": "Summary of product characteristics",
                      "2nd": "Secondary monograph or listing (not the label)"}


def _read(path: Path, label: str, problems: list[str]) -> dict[str, Any] | None:
    from atgdesk.builder.sources import _read_toml
    return _read_toml(path, label, problems)


def calculator_citations(data_dir: Path, problems: list[str] | None = None) -> list[dict[str, str]]:
    """Every place the calculator's data cites a document: ``{file, what, text, doi, address}``.

    ``text`` is the citation or source text as written; ``doi``/``address`` are '' when not given.
    """
    problems = [] if problems is None else problems
    top = data_dir.name
    out: list[dict[str, str]] = []

    def add(file: str, what: str, text: str = "", doi: str = "", address: str = "", pmid: str = "") -> None:
        out.append({"file": file, "what": what, "text": text, "doi": doi, "address": address, "pmid": pmid})

    targets_path = data_dir / "targets.toml"
    if targets_path.is_file():
        doc = _read(targets_path, f"{top}/targets.toml", problems) or {}
        for t in doc.get("targets", []):
            src = t.get("source", {})
            what = (f"Target window {t.get('id', '?')}: {t.get('bounds_text', '')} — {t.get('setting', '')} "
                    f"({t.get('kind', '')}; outcome: {t.get('outcome', '')}) [{src.get('confidence', '')}]")
            add("targets.toml", what, src.get("citation", ""), src.get("doi", ""), pmid=src.get("pmid", ""))
    models_dir = data_dir / "models"
    for path in sorted(models_dir.glob("*.toml")) if models_dir.is_dir() else ():
        doc = _read(path, f"{top}/models/{path.name}", problems) or {}
        name = doc.get("name", path.stem)
        src = doc.get("source", {})
        file = f"models/{path.name}"
        if src:
            add(file, f"Model '{name}': model structure and source ({src.get('table', '')})",
                src.get("citation", ""), src.get("doi", ""))
        calibration = doc.get("calibration", {})
        for t in calibration.get("targets", []):
            what = (f"Model '{name}', calibration figure {t.get('figure', '')} ({t.get('id', '')}): "
                    f"{t.get('statement', '')} [{t.get('confidence', '')}]")
            add(file, what, t.get("source", ""))
        if calibration.get("infusions"):
            add(file, f"Model '{name}', calibration infusion times: {calibration['infusions']}",
                calibration["infusions"])
    products_path = data_dir / "products.toml"
    if products_path.is_file():
        doc = _read(products_path, f"{top}/products.toml", problems) or {}
        for base in doc.get("weight_bases", []):
            add("products.toml", f"Weight basis '{base.get('id', '')}': {base.get('formula', '')}",
                base.get("citation", ""))
        for product in doc.get("products", []):
            for section in ("vials", "facts"):
                for fact in product.get(section, []):
                    label = fact.get("label") or fact.get("form") or fact.get("id", "")
                    value = " ".join(str(fact.get(k, "")) for k in ("value", "unit") if fact.get(k, ""))
                    if section == "vials":
                        value = f"{fact.get('mg', '')} mg in {fact.get('volume_ml', '')} mL"
                    what = f"{product.get('name', product.get('key', ''))}: {label}" + (f" = {value}" if value else "")
                    add("products.toml", what, fact.get("quote", ""), address=fact.get("address", ""))
    return out


def _label_groups(data_dir: Path, problems: list[str]) -> list[dict[str, Any]]:
    """One generated entry per (product, label type, country) of data/products.toml."""
    path = data_dir / "products.toml"
    if not path.is_file():
        return []
    doc = _read(path, f"{data_dir.name}/products.toml", problems) or {}
    entries = []
    for product in doc.get("products", []):
        groups: dict[tuple[str, str], list[dict]] = {}
        for section in ("vials", "facts"):
            for fact in product.get(section, []):
                if fact.get("address"):
                    groups.setdefault((fact.get("source_type", ""), fact.get("country", "")), []).append(fact)
        for (source_type, country), facts in sorted(groups.items()):
            addresses = sorted({f["address"] for f in facts})
            slug = re.sub(r"[^a-z0-9]+", "-", f"{product['key']} {source_type} {country}".lower()).strip("-")
            kind_label = SOURCE_TYPE_LABELS.get(source_type, source_type)
            entries.append({
                "id": f"label-{slug}",
                "reference_type": "label",
                "citation": {
                    "text": f"{product.get('name', product['key'])}: {kind_label} ({country})",
                    "authors": [{"family": product.get("manufacturer", ""), "initials": ""}]
                    if product.get("manufacturer") else [],
                    "et_al": False, "title": f"{product.get('name', product['key'])} — {kind_label} ({country})",
                    "journal": "", "year": 0, "volume": "", "issue": "", "pages": "",
                },
                "identifiers": [],
                "addresses": addresses,
                "products": [product["key"]],
                # The model's calibration cites the US label by name ("US Thymoglobulin label").
                "match": {"dois": [], "addresses": addresses,
                          "text": [f"US {product.get('name', product['key']).split()[0]} label"]
                          if source_type == "US-PI" and country == "US" else []},
                "note": "Label facts as quoted in data/products.toml; each was read on the page listed with it.",
            })
    return entries


def _matches(entry: dict[str, Any], item: dict[str, str]) -> bool:
    match = entry["match"]
    doi_text = f"{item['doi']} {item['text']}".casefold()
    if any(d.casefold() in doi_text for d in match.get("dois", []) if d):
        return True
    if item["address"] and item["address"] in match.get("addresses", []):
        return True
    return any(t.casefold() in item["text"].casefold() for t in match.get("text", []) if t)


def load_references(data_dir: Path, vocab: dict, study_ids: set[str], problems: list[str]) -> list[dict[str, Any]]:
    """Validated reference entries (sorted by id) with their ``uses``; problems are appended to ``problems``."""
    from atgdesk.builder.sources import schema_problems
    top = data_dir.name
    entries: list[dict[str, Any]] = []
    ref_dir = data_dir / "references"
    for path in sorted(ref_dir.glob("*.toml")) if ref_dir.is_dir() else ():
        name = f"{top}/references/{path.name}"
        doc = _read(path, name, problems)
        if doc is None:
            continue
        found = schema_problems(doc, "reference", name)
        problems += found
        if found:
            continue
        if doc["id"] != path.stem:
            problems.append(f"{name}: id: '{doc['id']}' does not match the file name (expected '{path.stem}')")
        for i, key in enumerate(doc.get("products", [])):
            if key not in vocab.get("product", {}):
                problems.append(f"{name}: products[{i}]: unknown key '{key}' (not in vocab.toml [product])")
        entries.append({**doc, "reference_type": "article", "addresses": []})
    entries += _label_groups(data_dir, problems)
    seen: set[str] = set()
    for entry in entries:
        if entry["id"] in seen or entry["id"] in study_ids:
            problems.append(f"{top}/references: id: duplicate id '{entry['id']}' (a study or another reference)")
        seen.add(entry["id"])
    if not entries:
        return []
    citations = calculator_citations(data_dir, problems)
    out = []
    for entry in sorted(entries, key=lambda e: e["id"]):
        uses = [{"file": c["file"], "what": c["what"]} for c in citations if _matches(entry, c)]
        out.append({**entry, "uses": uses})
    return out


def unmatched_citations(data_dir: Path) -> list[dict[str, str]]:
    """The calculator's citations that no reference entry covers (should be none)."""
    from atgdesk.builder.sources import load_sources
    sources = load_sources(data_dir)
    return [c for c in calculator_citations(Path(data_dir))
            if not any(_matches(e, c) for e in sources.references)]
