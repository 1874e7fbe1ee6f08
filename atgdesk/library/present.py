"""One study as the study view and ``atgdesk show`` present it: summary fields with where each came from, findings
with their sources, identifiers, corrections, and for a dosing & PK reference what the calculator takes from it.

Plain data and text only (no Qt), so the GUI and the command line show the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from atgdesk.library.records import LibraryMeta

if TYPE_CHECKING:
    from atgdesk.library.details import StudyDetail

NOT_STATED_TEXT = "not stated"
SOURCE_KIND_LABELS = {"seed": "seed document", "published-abstract": "published abstract",
                      "registry": "registry record", "publisher-page": "publisher page"}
FACT_SECTION_LABELS = {"finding": "Key finding (seed)", "population": "Population", "dose_schedule": "Dose and schedule",
                       "comparator": "Comparator", "primary_outcome": "Primary outcome", "result": "Result",
                       "harm": "Harm", "take_home": "Take-home (published)"}
IDENTIFIER_STATUS_TEXT = {"verified": "verified", "seed": "printed in source", "probable": "unverified"}
NOT_AVAILABLE_TEXT = "Published results not available offline."
# Summary fields in the order shown: (key in provenance, label).
SUMMARY_FIELDS = (("design", "Design"), ("species", "Species"), ("setting", "Setting"), ("product", "ATG product"),
                  ("population", "Population"), ("registration", "Registration"),
                  ("evidence_level", "Evidence level"))
EVIDENCE_SCALE = "simplified OCEBM 2011 scale"


@dataclass(frozen=True)
class FieldView:
    """One summary field: its text ('' when not stated), where it came from and the address to check it."""

    key: str
    label: str
    text: str
    origin: str  # "seed" | "published" | "" (not stated)
    source_kind: str = ""
    source_address: str = ""
    # Population only: where the n came from when that is not where the description came from (a seed text
    # with an n read in a published source must not tag the n "seed").
    n_origin: str = ""
    n_source_kind: str = ""
    n_source_address: str = ""

    @property
    def origin_text(self) -> str:
        """'seed', 'published abstract', 'registry record'… or 'not stated'."""
        if not self.origin:
            return NOT_STATED_TEXT
        if self.origin in ("seed", "reference"):
            return {"seed": "seed", "reference": "reference entry"}[self.origin]
        return SOURCE_KIND_LABELS.get(self.source_kind, self.source_kind or "published")

    @property
    def n_origin_text(self) -> str:
        """Where the n came from, worded like :attr:`origin_text` ('' when it came from where the text did)."""
        if not self.n_origin:
            return ""
        return FieldView(self.key, self.label, "n", self.n_origin, self.n_source_kind).origin_text


def entry_counts(meta: LibraryMeta) -> tuple[int, int]:
    """(seed studies, dosing & PK references) in the library: ``meta.study_count`` counts every entry, and a
    clinician told "92 studies" would count the calculator's references as studies."""
    references = max(0, min(int(meta.reference_count or 0), int(meta.study_count)))
    return int(meta.study_count) - references, references


def _same_source(a: dict, b: dict) -> bool:
    return (a.get("from", ""), a.get("source_address", "")) == (b.get("from", ""), b.get("source_address", ""))


def _evidence_text(detail: StudyDetail) -> str:
    record = detail.record
    if not record.evidence_level:
        return ""
    text = f"Level {record.evidence_level}"
    if record.evidence_label:
        text += f" — {record.evidence_label}"
    return text + f" ({EVIDENCE_SCALE})"


def summary_fields(detail: StudyDetail) -> list[FieldView]:
    """Every summary field with its provenance; a field nobody states has text '' and origin ''."""
    record = detail.record
    population = detail.population_text
    if detail.population_n:
        population = f"n = {detail.population_n}" + (f" — {population}" if population else "")
    texts = {"design": record.design_label, "species": "; ".join(record.species_labels),
             "setting": "; ".join(record.setting_labels), "product": "; ".join(record.product_labels),
             "population": population, "registration": detail.registration, "evidence_level": _evidence_text(detail)}
    out = []
    for key, label in SUMMARY_FIELDS:
        prov = detail.provenance.get(key, {})
        if key == "population" and not prov.get("from"):
            prov = detail.provenance.get("population_n", {})  # n read without a population text
        text = texts[key]
        origin = prov.get("from", "") if text else ""
        if text and not origin:
            origin = "seed"  # a database built before provenance was stored (or an imported citation)
        n_prov: dict = {}
        if key == "population" and detail.population_n and detail.population_text:
            n_prov = detail.provenance.get("population_n", {})
            if not n_prov.get("from") or _same_source(n_prov, prov):
                n_prov = {}
        out.append(FieldView(key, label, text, origin, prov.get("source_kind", "") if text else "",
                             prov.get("source_address", "") if text else "", n_prov.get("from", ""),
                             n_prov.get("source_kind", ""), n_prov.get("source_address", "")))
    return out


def _origin_tag(origin: str, origin_text: str, address: str) -> str:
    return origin_text + (f": {address}" if origin in ("published", "reference") and address else "")


def origin_tag(f: FieldView) -> str:
    """Where a summary field came from, as ``show`` prints it in brackets; a population whose n came from
    elsewhere names both ('n: publisher page: https://…; description: seed')."""
    tag = _origin_tag(f.origin, f.origin_text, f.source_address)
    if f.n_origin:
        tag = f"n: {_origin_tag(f.n_origin, f.n_origin_text, f.n_source_address)}; description: {tag}"
    return tag


def authors_text(detail: StudyDetail) -> str:
    """The author list as used for citing, ending in 'et al.' when it is not the whole list."""
    names = ", ".join(a.short for a in detail.authors)
    return names + (", et al." if detail.et_al else "")


def authors_origin(detail: StudyDetail) -> str:
    prov = detail.provenance.get("authors", {})
    if prov.get("from") == "published":
        kind = SOURCE_KIND_LABELS.get(prov.get("source_kind", ""), "published record")
        return f"{kind}, {prov.get('source_address', '')}".strip(", ")
    return "seed list" if detail.seed_memberships else "as the data files cite it"


def show_dict(detail: StudyDetail, citation: str) -> dict:
    """Everything ``atgdesk show --json`` prints."""
    record = detail.record
    return {
        "id": record.id,
        "kind": record.kind,
        "citation": citation,
        "title": record.title,
        "authors": [{"family": a.family, "initials": a.initials, **({"given": a.given} if a.given else {})}
                    for a in detail.authors],
        "authors_complete": not detail.et_al,
        "authors_source": detail.provenance.get("authors", {}),
        "journal": record.journal, "year": record.year, "volume": record.volume, "issue": record.issue,
        "pages": record.pages,
        "summary": {f.key: {"text": f.text, "from": f.origin or NOT_STATED_TEXT, "source_kind": f.source_kind,
                            "source_address": f.source_address,
                            **({"n": {"value": detail.population_n, "from": f.n_origin or f.origin,
                                      "source_kind": f.n_source_kind if f.n_origin else f.source_kind,
                                      "source_address": f.n_source_address if f.n_origin else f.source_address}}
                               if f.key == "population" and detail.population_n else {})}
                    for f in summary_fields(detail)},
        "take_home": detail.take_home,
        "published": {"availability": detail.availability or "not looked up", "searched": detail.searched,
                      "sources": [{"key": s.key, "kind": s.kind, "address": s.address, "status": s.status,
                                   "read_on": s.read_on, "note": s.note} for s in detail.sources]},
        "findings": [{"section": f.section, "text": f.text,
                      "source": {"kind": f.source_kind, "address": f.source_address, "key": f.source_key},
                      "status": f.source_status} for f in detail.facts],
        "identifiers": [{"type": i.type, "value": i.value, "status": i.status, "source": i.source}
                        for i in detail.identifiers],
        "corrections": [{"id": c.id, "field": c.field, "original": c.original, "corrected": c.corrected,
                         "kind": c.kind, "status": c.status, "reason": c.reason, "evidence": c.evidence}
                        for c in detail.corrections],
        **({"reference": {**detail.reference, "uses": [{"file": u.file, "what": u.what} for u in detail.uses]}}
           if record.is_reference else {}),
    }


def show_text(detail: StudyDetail, citation: str) -> str:
    """``atgdesk show``: the study as plain text, one section after another."""
    record = detail.record
    lines = [record.title or detail.reference.get("citation_text", record.id), ""]
    if record.is_reference:
        lines.append("Dosing & PK reference (behind the calculator; not one of the seed studies)")
    lines += [f"Citation: {citation}", f"Authors: {authors_text(detail)} ({authors_origin(detail)}; "
              f"{'complete list' if not detail.et_al else 'list incomplete'})", ""]
    if record.is_reference:
        ref = detail.reference
        lines.append(f"As the calculator's data cite it: {ref.get('citation_text', '')}")
        if ref.get("note"):
            lines.append(f"Note: {ref['note']}")
        for address in ref.get("addresses", []):
            lines.append(f"Read on: {address}")
        lines += ["", "What the calculator takes from it:"]
        lines += [f"  - [{u.file}] {u.what}" for u in detail.uses] or ["  (nothing cites it)"]
        lines.append("")
    lines.append("Summary:")
    for f in summary_fields(detail):
        if record.is_reference and not f.text:
            continue  # a reference is no study of its own: only what its entry gives
        lines.append(f"  {f.label}: {f.text or NOT_STATED_TEXT}" + (f" [{origin_tag(f)}]" if f.text else ""))
    if detail.take_home:
        lines.append(f"  Take-home (seed): {detail.take_home}")
    if not record.is_reference:
        lines += ["", "Findings:"]
        for fact in detail.facts:
            source = SOURCE_KIND_LABELS.get(fact.source_kind, fact.source_kind)
            lines.append(f"  - {FACT_SECTION_LABELS.get(fact.section, fact.section)}: {fact.text}")
            lines.append(f"    source: {source}, {fact.source_address} (status: {fact.source_status})")
        if detail.availability == "not-found":
            lines.append(f"  {NOT_AVAILABLE_TEXT} Searched: {detail.searched}")
        elif not detail.availability:
            lines.append("  Published results: not looked up yet.")
    if detail.identifiers:
        lines += ["", "Identifiers:"]
        for i in detail.identifiers:
            lines.append(f"  {i.type}: {i.value} ({IDENTIFIER_STATUS_TEXT.get(i.status, i.status)})"
                         + (f" — {i.source}" if i.source else ""))
    if detail.corrections:
        lines += ["", "Corrections to the seed text:"]
        for c in detail.corrections:
            status = "" if c.status == "applied" else f" [{c.status}]"
            lines.append(f"  {c.id} {c.field}{status}: “{c.original}” → “{c.corrected}”")
            lines.append(f"    why: {c.reason}; evidence: {c.evidence}")
    return "\n".join(lines) + "\n"
