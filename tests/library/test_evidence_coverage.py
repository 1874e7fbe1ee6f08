"""docs/evidence-coverage.md is generated from the study files by scripts/evidence_coverage.py and kept up to date;
its totals and audit checks follow the files."""

from __future__ import annotations

import importlib.util
import shutil
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "evidence_coverage.py"
DOC = ROOT / "docs" / "evidence-coverage.md"


@pytest.fixture(scope="module")
def coverage():
    spec = importlib.util.spec_from_file_location("evidence_coverage", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_committed_coverage_file_is_up_to_date(coverage):
    assert DOC.read_text(encoding="utf-8") == coverage.render(ROOT / "data"), (
        "docs/evidence-coverage.md is out of date: run scripts/evidence_coverage.py")
    assert coverage.main(["--check"]) == 0


def test_totals_follow_the_study_files(coverage):
    studies = [tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "data" / "studies").glob("*.toml"))]
    found = sorted(s["id"] for s in studies if s.get("published", {}).get("availability") == "found")
    missing = sorted(s["id"] for s in studies if s.get("published", {}).get("availability") == "not-found")
    text = coverage.render(ROOT / "data")
    assert (f"- **{len(found)} of {len(studies)} studies enriched from published abstracts/registry/publisher pages, "
            f"{len(missing)} not available offline**") in text
    for sid in found:  # each enriched study with every address it was read at
        study = next(s for s in studies if s["id"] == sid)
        row = next(line for line in text.splitlines() if line.startswith(f"| {sid} |"))
        for source in study["sources"]:
            assert source["address"] in row, (sid, source["address"])
    for sid in missing:
        assert f"- **{sid}** — " in text


def test_an_audit_item_that_regresses_reads_open(coverage, tmp_path):
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "studies", data / "studies")
    shutil.copytree(ROOT / "data" / "corrections", data / "corrections")
    path = data / "studies" / "shimony2012.toml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace('[summary]\ndesign = ""', '[summary]\ndesign = "in-vitro"', 1), encoding="utf-8")
    out = coverage.render(data)
    row = next(line for line in out.splitlines() if line.startswith("| shimony2012 design"))
    assert "| **open** | design: in-vitro (seed) |" in row
    assert coverage.main(["--data", str(data), "--output", str(DOC), "--check"]) == 1
