"""Independent check of the curated data in data/ against the seed citation list.

The seed (``data/sources/seeds/000_3bed40668a642f10.txt``, kept in the repository) is parsed here with a small regex of our own — not the
curators' tooling — and every numbered entry under "Top Publications" / "More Information" must be found in some
study file's ``[[seed]]`` entries with the same list and position, and the same year, volume, printed pages,
journal and first author (after the applied corrections recorded for that field).  The two other seed documents
give one study each (``liang2010``, ``wang2025``): 67 studies in all.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEED_FILE = "000_3bed40668a642f10.txt"
_ENTRY = re.compile(r"^\s+(\d+)\.\s+(.+)$", re.M)
# ". Journal Abbrev. 2012;32:173-88" — the journal is the last dot-free segment before "year;volume:pages".
_CITATION = re.compile(r"([^.?!]+)\.\s+(\d{4});([^:;\s]+):(\S+)")
_FIRST_AUTHOR = re.compile(r"([^,.]+)[,.]")


SOURCES = ROOT / "data" / "sources"


@pytest.fixture(scope="module")
def seed_entries():
    """[(list, position, first_author, journal, year, volume, pages)] parsed from the seed list."""
    text = (SOURCES / "seeds" / SEED_FILE).read_text(encoding="utf-8")
    top, more = text.index("Top Publications"), text.index("More Information")
    entries = []
    for name, section in (("top", text[top:more]), ("more", text[more:])):
        for match in _ENTRY.finditer(section):
            body = match.group(2)
            cit = _CITATION.search(body)
            assert cit, f"seed entry {name} {match.group(1)} does not parse: {body[:80]}"
            first = _FIRST_AUTHOR.match(body).group(1).strip()
            entries.append((name, int(match.group(1)), first, cit.group(1).strip(), int(cit.group(2)),
                            cit.group(3), cit.group(4)))
    return entries


@pytest.fixture(scope="module")
def studies():
    out = {}
    for path in sorted((ROOT / "data" / "studies").glob("*.toml")):
        with path.open("rb") as fh:
            out[path.stem] = tomllib.load(fh)
    return out


@pytest.fixture(scope="module")
def corrections():
    files = sorted((ROOT / "data" / "corrections").glob("*.toml"))
    if (ROOT / "data" / "corrections.toml").is_file():
        files.append(ROOT / "data" / "corrections.toml")
    out = []
    for path in files:
        with path.open("rb") as fh:
            out += tomllib.load(fh).get("correction", [])
    return [c for c in out if c.get("status") == "applied"]


def _corrected(seed_value: str, study_id: str, field_prefix: str, corrections) -> str:
    """The seed text after every applied correction recorded for this study and field."""
    for c in corrections:
        field = c.get("field", "")
        if c.get("study") == study_id and (field == field_prefix or field.startswith(field_prefix + ".")
                                           or field.startswith(field_prefix + "[")) and c["original"] in seed_value:
            seed_value = seed_value.replace(c["original"], c["corrected"])
    return seed_value


def test_seed_list_parses_into_65_entries(seed_entries):
    assert len(seed_entries) == 65
    assert [e[1] for e in seed_entries if e[0] == "top"] == list(range(1, 10))
    assert [e[1] for e in seed_entries if e[0] == "more"] == list(range(1, 57))
    assert seed_entries[0] == ("top", 1, "Shimony O", "J Clin Immunol", 2012, "32", "173-88")


def test_seed_coverage_every_seed_entry_has_a_matching_study(seed_entries, studies, corrections):
    by_seat = {}
    for sid, doc in studies.items():
        for seat in doc.get("seed", []):
            if seat.get("source") == SEED_FILE:
                by_seat.setdefault((seat["list"], seat["position"]), []).append(sid)
    problems = []
    for name, position, first, journal, year, volume, pages in seed_entries:
        found = by_seat.get((name, position), [])
        if len(found) != 1:
            problems.append(f"{name} {position}: {len(found)} study files claim this seed entry {found}")
            continue
        sid = found[0]
        cit = studies[sid]["citation"]
        a0 = cit["authors"][0]
        checks = (
            ("first author", _corrected(first, sid, "citation.authors[0]", corrections),
             f"{a0['family']} {a0['initials']}"),
            ("journal", _corrected(journal, sid, "citation.journal", corrections), cit["journal"]),
            ("year", str(year), str(cit["year"])),
            ("volume", _corrected(volume, sid, "citation.volume", corrections), cit["volume"]),
            ("pages", _corrected(pages, sid, "citation.pages", corrections), cit["pages"]),
        )
        problems += [f"{name} {position} ({sid}): {what}: seed {want!r} vs data {got!r}"
                     for what, want, got in checks if want != got]
    assert problems == []


def test_seed_coverage_extra_records_and_total(studies):
    assert "liang2010" in studies and "wang2025" in studies
    assert studies["liang2010"]["citation"]["year"] == 2010
    assert studies["wang2025"]["citation"]["year"] == 2025
    assert len(studies) == 67
