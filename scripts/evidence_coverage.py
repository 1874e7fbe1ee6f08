#!/usr/bin/env python3
"""Write docs/evidence-coverage.md: how far the published-results layer reaches, read from the data files.

Per study: enriched (each source's kind, status and address) or "published results not available offline" with
what was searched; totals; author lists completed from a record; identifiers verified on a page that was read;
and the audit items of issue 14, each checked against the files as they are now (never asserted by hand).

    python scripts/evidence_coverage.py            # rewrite docs/evidence-coverage.md
    python scripts/evidence_coverage.py --check    # exit 1 when the committed file is out of date

tests/library/test_evidence_coverage.py runs the check, so the file cannot drift from the data.
"""

from __future__ import annotations

import argparse
import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUTPUT = ROOT / "docs" / "evidence-coverage.md"
KIND_WORDS = {"published-abstract": "published abstract", "registry": "registry record",
              "publisher-page": "publisher page"}
AUTHOR_WORDS = {"completed": "completed from the record", "lengthened": "lengthened, still incomplete",
                "confirmed": "complete (seed), confirmed by the record", "seed complete": "complete (seed)",
                "incomplete": "incomplete (seed, et al.)"}
# Seed text that names the animal of an anti-lymphocyte serum; "antilymphocyte serum" alone does not.
_MURINE = re.compile(r"\b(mouse|mice|murine|mATG|anti-mouse|anti-murine)\b", re.IGNORECASE)


def load_studies(data: Path) -> list[dict]:
    studies = []
    for path in sorted((data / "studies").glob("*.toml")):
        with path.open("rb") as fh:
            studies.append(tomllib.load(fh))
    return studies


def load_corrections(data: Path) -> list[dict]:
    out: list[dict] = []
    for path in sorted((data / "corrections").glob("*.toml")):
        with path.open("rb") as fh:
            out += tomllib.load(fh).get("correction", [])
    return out


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _authors_state(study: dict) -> str:
    """'completed' (seed list ended in et al., a record gives all), 'lengthened', 'confirmed', 'seed complete'
    or 'incomplete'."""
    seed_et_al = bool(study["citation"].get("et_al"))
    fact = study.get("published", {}).get("authors")
    if fact:
        if fact.get("complete"):
            return "completed" if seed_et_al else "confirmed"
        if len(fact.get("value", [])) > len(study["citation"]["authors"]):
            return "lengthened"
    return "incomplete" if seed_et_al else "seed complete"


def _verified_on_page(study: dict) -> list[dict]:
    return [i for i in study.get("identifiers", [])
            if i.get("status") == "verified" and re.search(r"https?://", i.get("source", ""))]


def _by_id(studies: list[dict]) -> dict[str, dict]:
    return {s["id"]: s for s in studies}


def _effective_design(study: dict) -> str:
    design = study["summary"].get("design", "")
    if design:
        return f"{design} (seed)"
    fact = study.get("published", {}).get("design")
    if not fact:
        return "not stated"
    kind = next((src["kind"] for src in study.get("sources", []) if src["key"] == fact["source"]), "")
    return f"{fact['value']} ({KIND_WORDS.get(kind, kind)})"


def audit_items(studies: list[dict], corrections: list[dict]) -> list[tuple[str, bool, str]]:
    """(item, fixed, what the files say now) for each audit finding of issue 14."""
    by_id = _by_id(studies)
    items: list[tuple[str, bool, str]] = []

    nador = by_id["nador2010"]
    products = list(nador["summary"]["products"]) + list(nador.get("published", {}).get("products", {})
                                                         .get("value", []))
    items.append(("nador2010 products 'none' (the title says 'anti-T-cell antibody': not named, not none)",
                  "none" not in products, f"products: {', '.join(products) or 'not stated'}"))

    shimony = by_id["shimony2012"]
    items.append(("shimony2012 design 'in-vitro' (the seed reports patients)",
                  not _effective_design(shimony).startswith("in-vitro"), f"design: {_effective_design(shimony)}"))

    for sid in ("naujokat2007", "haidinger2007", "lopez2006", "chen2008", "nador2010", "daddio2010",
                "risitano2012"):
        design = by_id[sid]["summary"].get("design", "")
        items.append((f"{sid} design in-vitro/animal/review with nothing in the seed behind it",
                      design not in ("in-vitro", "animal", "review"), f"design: {_effective_design(by_id[sid])}"))

    murine = [s for s in studies if "murine-als" in s["summary"]["products"]]
    unsupported = []
    for s in murine:
        seed_text = " ".join([s["citation"]["title"], s["excerpt"]["text"], *s["summary"]["key_findings"],
                              s["summary"]["take_home"]])
        if not _MURINE.search(seed_text):
            unsupported.append(s["id"])
    items.append(("'murine-als' only where the seed names mouse/murine ALS, not for 'antilymphocyte serum' alone",
                  not unsupported, f"murine-als in {', '.join(s['id'] for s in murine) or 'no study'}"
                  + (f"; without a murine word in the seed: {', '.join(unsupported)}" if unsupported else
                     "; each seed names mice, murine or mATG")))

    for sid, hedge in (("terasako2010", "suggest"), ("eng2008", "may"), ("haidinger2007", "may")):
        take_home = by_id[sid]["summary"]["take_home"]
        items.append((f"{sid} take-home keeps the source's hedge ('{hedge}')", hedge in take_home.casefold(),
                      f"take-home: {take_home}"))
    brennan = by_id["brennan2006"]["summary"]["take_home"]
    items.append(("brennan2006 take-home: 'similar survival' is not equivalence",
                  "equivalen" not in brennan.casefold(), f"take-home: {brennan}"))

    for sid, what in (("teramura2007", "42 %/15 % order"), ("toor2008", "10 mg/kg total or daily"),
                      ("brennan2006", "garbled registration text")):
        logged = [c for c in corrections if c.get("study") == sid]
        items.append((f"{sid} seed inconsistency logged ({what})", bool(logged),
                      "; ".join(f"{c['id']} {c['status']}" for c in logged) or "no correction entry"))
    repaired = [c for c in corrections if c.get("study") == "brennan2006" and c.get("status") == "applied"]
    items.append(("brennan2006 registration text repaired the way Scheinberg 2011's was", bool(repaired),
                  "; ".join(f"{c['id']} applied, evidence {c['evidence']}" for c in repaired) or "not applied"))

    weak = [c["id"] for c in corrections if c.get("status") == "applied"
            and not re.match(r"(https?://|typographic:)", c.get("evidence", ""))]
    brief = [c["id"] for c in corrections if c.get("status") == "applied"
             and "project brief" in c.get("evidence", "").casefold()]
    items.append(("one evidence standard for restoring names in every correction file (an applied change cites a "
                  "record's address or is typographic; D'Addio's evidence is not 'the project brief')",
                  not weak and not brief,
                  ("every applied correction cites an address or is typographic" if not weak else
                   f"applied without an address: {', '.join(weak)}")
                  + "; " + "; ".join(f"{c['id']} ({c['study']}) {c['status']}" for c in corrections
                                     if c.get("study") == "daddio2010")))
    return items


def render(data: Path) -> str:
    studies = [s for s in load_studies(data) if s.get("kind", "study") == "study"]
    corrections = load_corrections(data)
    total = len(studies)
    found = [s for s in studies if s.get("published", {}).get("availability") == "found"]
    not_found = [s for s in studies if s.get("published", {}).get("availability") == "not-found"]
    unlooked = [s for s in studies if not s.get("published", {}).get("availability")]
    sources = [src for s in found for src in s.get("sources", [])]
    kinds = {k: sum(src["kind"] == k for src in sources) for k in KIND_WORDS}
    whole = [s for s in found if any(src["status"] == "read" for src in s.get("sources", []))]
    states = {s["id"]: _authors_state(s) for s in studies}
    seed_et_al = sum(bool(s["citation"].get("et_al")) for s in studies)
    verified = {s["id"]: _verified_on_page(s) for s in studies}
    probable = sum(i.get("status") == "probable" for s in studies for i in s.get("identifiers", []))
    audit = audit_items(studies, corrections)

    lines = [
        "# Evidence coverage",
        "",
        "Generated by `scripts/evidence_coverage.py` from `data/studies/*.toml` and `data/corrections/*.toml` — do "
        "not edit by hand; run the script after changing a study file (`tests/library/test_evidence_coverage.py` "
        "fails while this file is out of date). What each part of a study file means: `docs/data-format.md`.",
        "",
        "## Totals",
        "",
        f"- **{len(found)} of {total} studies enriched from published abstracts/registry/publisher pages, "
        f"{len(not_found)} not available offline**"
        + (f", {len(unlooked)} not looked up" if unlooked else "") + ".",
        f"- Of the {len(found)} enriched, {len(whole)} have at least one source read whole (status `read`); "
        f"{len(found) - len(whole)} rest on excerpts only (status `excerpt`: part of the abstract or record was "
        "visible, and only what was visible is used).",
        f"- Sources read: {len(sources)} — " + ", ".join(f"{n} {KIND_WORDS[k]}{'s' if n != 1 else ''}"
                                                         for k, n in kinds.items()) + ".",
        f"- Full author lists: {seed_et_al} seed lists end in \"et al.\"; "
        f"{sum(v == 'completed' for v in states.values())} completed from a record that gives the whole list, "
        f"{sum(v == 'lengthened' for v in states.values())} lengthened but still incomplete, "
        f"{sum(v == 'incomplete' for v in states.values())} still as the seed gives them (exports and citations "
        "say \"et al.\" in each format's own way); "
        f"{sum(v == 'confirmed' for v in states.values())} complete seed lists confirmed by a record.",
        f"- Identifiers verified with the address of the page read: {sum(len(v) for v in verified.values())} "
        f"(in {sum(bool(v) for v in verified.values())} studies); {probable} identifiers remain probable "
        "(shown as unverified).",
        f"- Audit items of issue 14: {sum(fixed for _, fixed, _ in audit)} of {len(audit)} fixed (checked below "
        "against the files as they are now).",
        "",
        "## Audit items (issue 14)",
        "",
        "| item | state | what the files say now |",
        "|---|---|---|",
    ]
    lines += [f"| {_cell(item)} | {'fixed' if fixed else '**open**'} | {_cell(detail)} |"
              for item, fixed, detail in audit]
    lines += ["", f"## Studies enriched ({len(found)})", "",
              "| study | sources (kind, status, address) | authors | identifiers verified on the page read |",
              "|---|---|---|---|"]
    for s in found:
        srcs = "<br>".join(f"{KIND_WORDS.get(src['kind'], src['kind'])}, {src['status']}: {src['address']}"
                           for src in s.get("sources", []))
        ids = ", ".join(f"{i['type']} {i['value']}" for i in verified[s["id"]]) or "—"
        lines.append(f"| {s['id']} | {_cell(srcs)} | {AUTHOR_WORDS[states[s['id']]]} | {_cell(ids)} |")
    lines += ["", f"## Published results not available offline ({len(not_found)})", "",
              "Each study says so in the study view and in `atgdesk show`; what was searched, as its file records "
              "it:", ""]
    lines += [f"- **{s['id']}** — {' '.join(s['published'].get('searched', '').split()) or '(nothing recorded)'}"
              for s in not_found]
    if unlooked:
        lines += ["", f"## Not looked up ({len(unlooked)})", "", ", ".join(s["id"] for s in unlooked)]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT / "data")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if the output file is out of date")
    args = parser.parse_args(argv)
    text = render(args.data)
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.is_file() else ""
        if current != text:
            print(f"{args.output} is out of date: run scripts/evidence_coverage.py", file=sys.stderr)
            return 1
        return 0
    args.output.write_text(text, encoding="utf-8")
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
