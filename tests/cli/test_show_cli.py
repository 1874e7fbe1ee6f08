"""``atgdesk show STUDY_ID [--json]`` as a user runs it: the study view's content as text or JSON, one-line error
for an unknown id."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_DATA = ROOT / "tests" / "library" / "fixtures" / "data"


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory) -> Path:
    from atgdesk.builder.build import build_database
    out = tmp_path_factory.mktemp("show-db") / "atgdesk.sqlite"
    build_database(FIXTURE_DATA, out)
    return out


def run(db, tmp_path, *args):
    env = dict(os.environ, ATGDESK_DB=str(db), ATGDESK_HOME=str(tmp_path / "home"))
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return subprocess.run([sys.executable, "-m", "atgdesk", *args], env=env, capture_output=True, text=True,
                          timeout=120, encoding="utf-8")


def test_show_prints_citation_fields_with_provenance_findings_identifiers_and_corrections(fixture_db, tmp_path):
    proc = run(fixture_db, tmp_path, "show", "atta2010")
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout
    assert out.startswith("Horse versus rabbit") or "Citation: Atta E" in out
    assert "  Design: Retrospective study [seed]" in out
    assert ("  Population: n = 71 [publisher page: https://link.springer.com/article/10.1007/s00277-010-0944-y]"
            in out)
    assert "  Registration: not stated" in out
    assert "  - Harm: Rabbit ATG was associated with marked, prolonged lymphopenia compared with horse ATG." in out
    assert ("    source: publisher page, https://link.springer.com/article/10.1007/s00277-010-0944-y "
            "(status: read)") in out
    assert "  pmid: 20180121 (unverified) — fixture: probable only" in out
    corrections = run(fixture_db, tmp_path, "show", "ayuk2005").stdout
    assert "Corrections to the seed text:" in corrections
    assert "Published results not available offline. Searched: fixture:" in corrections
    assert "source: seed document, data/sources/seeds/" in corrections


def test_show_json_gives_each_finding_its_source_and_status(fixture_db, tmp_path):
    proc = run(fixture_db, tmp_path, "show", "atta2010", "--json")
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["id"] == "atta2010" and data["kind"] == "study" and data["citation"].startswith("Atta E")
    assert data["summary"]["design"]["from"] == "seed"
    assert data["summary"]["registration"] == {"text": "", "from": "not stated", "source_kind": "",
                                               "source_address": ""}
    results = [f for f in data["findings"] if f["section"] == "result"]
    assert len(results) == 2
    for finding in data["findings"]:
        assert finding["source"]["kind"] and finding["source"]["address"] and finding["status"]
    assert data["identifiers"] == [{"type": "pmid", "value": "20180121", "status": "probable",
                                    "source": "fixture: probable only"}]
    assert data["authors_complete"] is True  # the fixture's list does not end in "et al."
    assert data["published"]["sources"][0]["kind"] == "publisher-page"
    scheinberg = json.loads(run(fixture_db, tmp_path, "show", "scheinberg2011", "--json").stdout)
    assert scheinberg["authors_complete"] is False  # the seed list ended in "et al."


@pytest.mark.parametrize("study_id", ["nosuch1999", "", "ATTA2010 x"])
def test_show_unknown_id_is_one_line_and_exit_2(fixture_db, tmp_path, study_id):
    proc = run(fixture_db, tmp_path, "show", study_id)
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("atgdesk: error: STUDY_ID: no study has the id"), proc.stderr
    assert proc.stdout == ""


def test_show_a_dosing_reference_lists_what_the_calculator_takes(bundled_db, tmp_path):
    proc = run(bundled_db, tmp_path, "show", "ref-oostenbrink2024")
    assert proc.returncode == 0, proc.stderr
    assert "Dosing & PK reference" in proc.stdout
    assert "What the calculator takes from it:" in proc.stdout
    assert "[targets.toml] Target window oostenbrink2024-atlg-day-below-1" in proc.stdout


def test_show_names_the_published_source_of_an_n_the_seed_does_not_give(bundled_db, tmp_path):
    # Bug: teramura2007's n (101) comes from the Blood article page, its population words from the seed; 'show'
    # printed "n = 101 — … [seed]".
    proc = run(bundled_db, tmp_path, "show", "teramura2007")
    assert proc.returncode == 0, proc.stderr
    line = next(x for x in proc.stdout.splitlines() if x.startswith("  Population: "))
    assert line.startswith("  Population: n = 101 — "), line
    assert line.endswith("[n: publisher page: https://ashpublications.org/blood/article/110/6/1756/24066/"
                         "Treatment-of-severe-aplastic-anemia-with; description: seed]"), line
    data = json.loads(run(bundled_db, tmp_path, "show", "toor2008", "--json").stdout)
    population = data["summary"]["population"]
    assert population["from"] == "seed" and population["n"]["value"] == 30
    assert population["n"]["from"] == "published" and population["n"]["source_address"].startswith("https://")
