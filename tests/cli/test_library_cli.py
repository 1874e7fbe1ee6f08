"""``atgdesk search``, ``export`` and ``build-db`` as a user runs them: subprocesses, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import bibtexparser
import pytest
import rispy

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_DATA = ROOT / "tests" / "library" / "fixtures" / "data"


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory) -> Path:
    from atgdesk.builder.build import build_database
    out = tmp_path_factory.mktemp("cli-db") / "atgdesk.sqlite"
    build_database(FIXTURE_DATA, out)
    return out


@pytest.fixture
def env(fixture_db, tmp_path):
    e = dict(os.environ, ATGDESK_DB=str(fixture_db), ATGDESK_HOME=str(tmp_path / "home"))
    e["PYTHONPATH"] = str(ROOT) + os.pathsep + e.get("PYTHONPATH", "")
    return e


def run(env, *args):
    return subprocess.run([sys.executable, "-m", "atgdesk", *args], env=env, capture_output=True, text=True,
                          timeout=120, encoding="utf-8")


def one_line_error(proc) -> str:
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith(("atgdesk: error: ", "atgdesk export: error: ", "atgdesk search: error: "))
    return lines[0]


def test_search_prints_one_line_per_hit(env):
    proc = run(env, "search", "apoptosis")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        "  1. Ayuk F 2005. Antithymocyte globulin induces complement-dependent cell lysis and caspase-dependent "
        "apoptosis in myeloma cells. Exp Hematol.",
        "  2. Deeks E 2009. Rabbit antithymocyte globulin (thymoglobulin): a review of its use in the prevention and "
        "treatment of acute renal allograft rejection. Drugs."]


def test_search_json_with_limit_and_filters(env):
    proc = run(env, "search", "", "--json", "--limit", "2", "--product", "horse-atgam", "--year-max", "2010")
    assert proc.returncode == 0, proc.stderr
    hits = json.loads(proc.stdout)
    assert [(h["rank"], h["id"], h["year"]) for h in hits] == [(1, "atta2010", 2010), (2, "hacker2008", 2008)]
    assert hits[0]["products"] == ["horse-atgam", "rabbit-thymoglobulin"]


def test_search_chinese_and_hostile_queries_succeed(env):
    assert json.loads(run(env, "search", "移植物", "--json").stdout)[0]["id"] == "wang2025"
    for query in ['"', "(((", "NEAR(", "😀", "x" * 5000]:
        proc = run(env, "search", query, "--json")
        assert proc.returncode == 0 and "Traceback" not in proc.stderr


def test_search_no_hits_says_so_and_exits_zero(env):
    proc = run(env, "search", "zzzzqqq")
    assert proc.returncode == 0 and proc.stdout == "" and proc.stderr.strip() == "no studies match"


@pytest.mark.parametrize("args, expected", [
    (["search", "x", "--limit", "x"], "--limit must be a positive whole number, got 'x'"),
    (["search", "x", "--limit", "0"], "--limit must be a positive whole number, got '0'"),
    (["search", "x", "--year-min", "later"], "--year-min must be a year such as 2010, got 'later'"),
    (["search", "x", "--year-min", "2012", "--year-max", "2001"], "--year-min (2012) is after --year-max (2001)"),
    (["search", "x", "--design", "guess"], "--design: unknown key 'guess'"),
    (["search", "x", "--sort", "sideways"], "--sort must be one of"),
    (["export", "--format", "endnote"], "argument --format: invalid choice: 'endnote'"),
])
def test_bad_arguments_give_one_line_naming_the_argument(env, args, expected):
    proc = run(env, *args)
    assert proc.returncode == 2
    assert expected in one_line_error(proc)


def test_missing_database_says_to_run_make_db(env, tmp_path):
    proc = run(dict(env, ATGDESK_DB=str(tmp_path / "missing.sqlite")), "search", "x")
    assert proc.returncode == 3
    assert "make db" in one_line_error(proc)


def test_corrupt_database_says_to_run_make_db(env, tmp_path):
    bad = tmp_path / "bad.sqlite"
    bad.write_text("not a database", encoding="utf-8")
    proc = run(dict(env, ATGDESK_DB=str(bad)), "export", "--format", "ris")
    assert proc.returncode == 3
    assert "make db" in one_line_error(proc)


def test_export_whole_library_to_stdout_in_each_format(env):
    ris = run(env, "export", "--format", "ris")
    assert ris.returncode == 0 and len(rispy.loads(ris.stdout)) == 6
    bib = run(env, "export", "--format", "bibtex")
    assert [e.key for e in bibtexparser.parse_string(bib.stdout).entries] == [
        "wang2025", "scheinberg2011", "atta2010", "deeks2009", "hacker2008", "ayuk2005"]
    csl = json.loads(run(env, "export", "--format", "csl-json").stdout)
    assert len(csl) == 6 and all(item["type"] == "article-journal" for item in csl)
    nbib = run(env, "export", "--format", "nbib").stdout
    assert nbib.count("TI  - ") == 6 and nbib.startswith("TI  - Individualized dosing")


def test_export_query_to_file(env, tmp_path):
    out = tmp_path / "hits.ris"
    proc = run(env, "export", "--format", "ris", "--query", "horse rabbit", "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == ""
    assert sorted(e["id"] for e in rispy.loads(out.read_text(encoding="utf-8"))) == ["atta2010", "scheinberg2011"]


def test_export_to_unwritable_path_names_output(env, tmp_path):
    proc = run(env, "export", "--format", "ris", "--output", str(tmp_path / "no" / "such" / "dir.ris"))
    assert proc.returncode == 2
    assert "--output: cannot write" in one_line_error(proc)


def test_build_db_prints_count_version_and_hash(env, tmp_path):
    out = tmp_path / "built.sqlite"
    proc = run(env, "build-db", "--data", str(FIXTURE_DATA), "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(f"built {out}: 6 studies, data version 2000.1.1, content hash ")
    assert out.is_file()


def test_build_db_invalid_data_is_one_line_naming_file_and_field(env, tmp_path):
    import shutil
    data = tmp_path / "data"
    shutil.copytree(FIXTURE_DATA, data)
    study = data / "studies" / "atta2010.toml"
    study.write_text(study.read_text(encoding="utf-8").replace('design = "retrospective"', 'design = "x"'),
                     encoding="utf-8")
    proc = run(env, "build-db", "--data", str(data), "--output", str(tmp_path / "o.sqlite"))
    assert proc.returncode == 2
    assert "data/studies/atta2010.toml: summary.design: unknown key 'x'" in one_line_error(proc)
    missing = run(env, "build-db", "--data", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and "--data: folder not found" in one_line_error(missing)
