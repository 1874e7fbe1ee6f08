"""The user database: migrations, recovery from corruption, one transaction per action, hard kills."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest

from atgdesk.library.userstore import (
    MIGRATIONS,
    SCHEMA_VERSION,
    CitationIn,
    UserStore,
    UserStoreError,
    normalise_title,
)

BENCH = Path(__file__).resolve().parents[2] / "bench"


def _make_at_version(path: Path, version: int) -> None:
    conn = sqlite3.connect(path)
    for step in MIGRATIONS[:version]:
        conn.executescript(step)
    conn.execute(f"PRAGMA user_version = {version}")
    if version >= 1:
        conn.execute("INSERT INTO favourites VALUES ('scheinberg2011', '2025-01-01T00:00:00Z')")
        conn.execute("INSERT INTO tags VALUES ('scheinberg2011', 'aplastic', '2025-01-01T00:00:00Z')")
        conn.execute("INSERT INTO notes VALUES ('scheinberg2011', 'hATG better', '2025-01-01T00:00:00Z')")
    if version >= 2:
        conn.execute("INSERT INTO scenarios(name, payload, created, updated) VALUES ('old', '{\"a\": 1}', 'x', 'x')")
    conn.commit()
    conn.close()


def test_userstore_new_file_is_created_at_the_current_schema_in_wal_mode(tmp_path):
    with UserStore.open(tmp_path / "sub" / "user.sqlite") as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.recovered_from is None
    conn = sqlite3.connect(tmp_path / "sub" / "user.sqlite")
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.parametrize("version", range(0, SCHEMA_VERSION))
def test_userstore_migrates_forward_from_every_earlier_version_keeping_data(tmp_path, version):
    path = tmp_path / "user.sqlite"
    _make_at_version(path, version)
    with UserStore.open(path) as store:
        assert store.schema_version == SCHEMA_VERSION
        if version >= 1:
            assert store.favourites() == {"scheinberg2011"}
            assert store.tags_for("scheinberg2011") == ["aplastic"]
            assert store.note("scheinberg2011") == "hATG better"
        if version >= 2:
            assert [s.name for s in store.scenarios()] == ["old"]
        store.import_citations([CitationIn("New paper", pmid="123")], "f.ris", "ris")
        assert len(store.imported()) == 1


@pytest.mark.parametrize("damage", ["garbage", "truncated"])
def test_userstore_corrupt_file_is_moved_aside_and_recreated(tmp_path, damage):
    path = tmp_path / "user.sqlite"
    if damage == "garbage":
        path.write_bytes(b"this is not a database" * 100)
    else:
        with UserStore.open(path) as store:
            for i in range(200):
                store.set_note(f"s{i}", "text " * 50)
        conn = sqlite3.connect(path)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 3] + b"\x00" * 4096 + data[len(data) // 3 + 4096:][:1000])
    original = path.read_bytes()
    with UserStore.open(path) as store:
        assert store.recovered_from is not None
        assert store.recovered_from.read_bytes() == original  # nothing deleted
        assert ".corrupt-" in store.recovered_from.name
        store.set_note("a", "works again")
        assert store.note("a") == "works again"


def test_userstore_refuses_a_file_from_a_newer_version_and_leaves_it(tmp_path):
    path = tmp_path / "user.sqlite"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    conn.commit()
    conn.close()
    with pytest.raises(UserStoreError, match="newer ATG Desk"):
        UserStore.open(path)
    assert path.exists()


def test_userstore_import_is_all_or_nothing(tmp_path):
    with UserStore.open(tmp_path / "u.sqlite") as store:
        bad = CitationIn("Second")
        bad.authors = [object()]  # not JSON-serialisable: fails half-way through the batch
        with pytest.raises(TypeError):
            store.import_citations([CitationIn("First"), bad], "f.ris", "ris")
        assert store.imported() == []


def test_userstore_import_reports_duplicates_by_pmid_doi_and_title(tmp_path):
    with UserStore.open(tmp_path / "u.sqlite") as store:
        report = store.import_citations(
            [CitationIn("Horse versus rabbit ATG", pmid="1"), CitationIn("Other", doi="10.1/ABC"),
             CitationIn("HORSE versus rabbit ATG!"), CitationIn("Bundled one", pmid="21979414")],
            "a.ris", "ris", known=[("21979414", "", "")])
        assert len(report.added) == 2
        assert [reason.split(" is ")[0] for _, reason in report.duplicates] == ["the same title", "PMID 21979414"]
        again = store.import_citations([CitationIn("x", doi="10.1/abc")], "b.nbib", "nbib")
        assert again.added == () and "DOI" in again.duplicates[0][1]


def test_userstore_personal_layer_round_trips_and_merges_notes(tmp_path):
    with UserStore.open(tmp_path / "a.sqlite") as a:
        a.set_favourite("x", True)
        a.add_tag("x", "to read")
        a.set_note("x", "first note")
        a.save_scenario("plan A", {"dose_mg_per_kg": 2.5})
        exported = json.loads(json.dumps(a.export_personal()))
    with UserStore.open(tmp_path / "b.sqlite") as b:
        b.set_note("x", "my own note")
        counts = b.import_personal(exported)
        assert counts == {"favourites": 1, "tags": 1, "notes": 1, "scenarios": 1}
        assert b.favourites() == {"x"} and b.tags_for("x") == ["to read"]
        assert b.note("x").startswith("my own note") and b.note("x").endswith("first note")
        assert b.scenarios()[0].payload == {"dose_mg_per_kg": 2.5}


@pytest.mark.parametrize("data, field", [
    ({"format": "x"}, "format"),
    ({"format": "atgdesk-personal-layer", "version": 1, "tags": [{"study_id": 1}]}, "tags[0]"),
    ({"format": "atgdesk-personal-layer", "version": 1, "favourites": "abc"}, "favourites"),
])
def test_userstore_bad_personal_layer_file_names_the_field_and_changes_nothing(tmp_path, data, field):
    with UserStore.open(tmp_path / "u.sqlite") as store:
        with pytest.raises(UserStoreError, match=field.replace("[", r"\[").replace("]", r"\]")):
            store.import_personal(data)
        assert store.export_personal()["favourites"] == []


@pytest.mark.parametrize("bad", ["", "   ", "x" * 61])
def test_userstore_bad_tag_is_refused_naming_the_field(tmp_path, bad):
    with UserStore.open(tmp_path / "u.sqlite") as store, pytest.raises(ValueError, match="tag"):
        store.add_tag("s", bad)


def test_normalise_title_ignores_case_accents_and_punctuation():
    assert normalise_title("Horse vs. Rabbit ATG — Aplastic Anémia!") == normalise_title("horse vs rabbit atg aplastic anemia")


def test_userstore_survives_hard_kills_short_form(tmp_path):
    sys.path.insert(0, str(BENCH))
    from killtest import run_kill_cycles
    result = run_kill_cycles(tmp_path / "user.sqlite", cycles=12, max_seconds=60, seed=7)
    assert result["problems"] == []
    assert result["cycles"] == 12
    assert result["writes_committed"] > 50
