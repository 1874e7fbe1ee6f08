"""The user database: migrations, recovery from corruption, one transaction per action, hard kills."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from atgdesk.library.userstore import (
    MIGRATIONS,
    SCHEMA_VERSION,
    CitationIn,
    UserStore,
    UserStoreBusy,
    UserStoreError,
    UserStoreReadOnly,
    normalise_title,
)

ROOT = Path(__file__).resolve().parents[2]
BENCH = ROOT / "bench"


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


def test_userstore_survives_hard_kills_while_another_program_takes_the_lock(tmp_path):
    sys.path.insert(0, str(BENCH))
    from killtest import run_kill_cycles
    result = run_kill_cycles(tmp_path / "user.sqlite", cycles=8, max_seconds=60, seed=11, contention=True)
    assert result["problems"] == []  # nothing lost, never declared damaged
    assert result["cycles"] == 8
    assert result["lock_spells"] > 0


# -- hostile environments: locks held by other programs, read-only files, full disks (issue 13) ----------------
@contextmanager
def read_only_file(path: Path):
    """Make ``path`` read-only for this process, even as root (root ignores permissions, not the immutable flag)."""
    if os.geteuid() == 0:
        subprocess.run(["chattr", "+i", str(path)], check=True)
        try:
            yield
        finally:
            subprocess.run(["chattr", "-i", str(path)], check=True)
    else:
        mode = path.stat().st_mode
        path.chmod(0o444)
        try:
            yield
        finally:
            path.chmod(mode)


def _store_with_note(path: Path, text: str = "keep me") -> None:
    with UserStore.open(path) as store:
        store.set_note("scheinberg2011", text)
        store.add_tag("scheinberg2011", "aplastic")


def test_userstore_locked_by_another_program_is_busy_not_damaged(tmp_path):
    path = tmp_path / "user.sqlite"
    _store_with_note(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with UserStore.open(path, busy_timeout=0.2) as store:  # reads still work while another program writes
            assert store.recovered_from is None and not store.read_only
            assert store.note("scheinberg2011") == "keep me"
            with pytest.raises(UserStoreBusy):
                store.set_note("scheinberg2011", "new text")
            other.execute("COMMIT")
            store.set_note("scheinberg2011", "new text")  # the same write goes through once the lock is gone
            assert store.note("scheinberg2011") == "new text"
    finally:
        other.close()
    assert not list(tmp_path.glob("*.corrupt-*"))


def test_userstore_locked_while_migrating_is_not_moved_aside(tmp_path):
    path = tmp_path / "user.sqlite"
    _make_at_version(path, 1)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(UserStoreError):
            UserStore.open(path, busy_timeout=0.2)
    finally:
        other.close()
    assert not list(tmp_path.glob("*.corrupt-*"))
    with UserStore.open(path) as store:
        assert store.note("scheinberg2011") == "hATG better"


def test_userstore_read_only_file_opens_read_only_and_refuses_writes(tmp_path):
    path = tmp_path / "user.sqlite"
    _store_with_note(path)
    with read_only_file(path):
        with UserStore.open(path) as store:
            assert store.read_only and "read-only" in store.read_only_reason
            assert store.recovered_from is None
            assert store.note("scheinberg2011") == "keep me"
            assert store.tags_for("scheinberg2011") == ["aplastic"]
            with pytest.raises(UserStoreReadOnly):
                store.set_note("scheinberg2011", "lost?")
    assert not list(tmp_path.glob("*.corrupt-*"))
    with UserStore.open(path) as store:
        assert store.note("scheinberg2011") == "keep me"


def test_userstore_read_only_folder_still_reads(tmp_path):
    folder = tmp_path / "share"
    folder.mkdir()
    path = folder / "user.sqlite"
    _store_with_note(path)
    for side in folder.glob("user.sqlite-*"):
        side.unlink(missing_ok=True)
    with read_only_file(folder):
        with UserStore.open(path) as store:
            assert store.read_only
            assert store.note("scheinberg2011") == "keep me"


def test_userstore_asked_read_only_never_writes(tmp_path):
    path = tmp_path / "user.sqlite"
    _store_with_note(path)
    with UserStore.open(path, read_only="another ATG Desk is running") as store:
        assert store.read_only_reason == "another ATG Desk is running"
        with pytest.raises(UserStoreReadOnly):
            store.add_tag("x", "y")


_FULL_DISK_SCRIPT = r"""
import json, os, resource, signal, sys
from atgdesk.library.userstore import UserStore, UserStoreWriteFailed
path = sys.argv[1]
store = UserStore.open(path)
store.set_note("scheinberg2011", "small note")
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)     # a write past the limit fails with EFBIG instead of a kill
limit = max(os.path.getsize(p) for p in (path, path + "-wal")) + 4096
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
try:
    store.set_note("scheinberg2011", "x" * 150_000)
    print(json.dumps({"result": "saved"}))
except UserStoreWriteFailed as exc:
    print(json.dumps({"result": "failed", "message": str(exc)}))
"""


def test_userstore_full_disk_write_fails_loudly_and_keeps_the_old_note(tmp_path):
    path = tmp_path / "user.sqlite"
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([sys.executable, "-c", _FULL_DISK_SCRIPT, str(path)], capture_output=True, text=True,
                         env=env, timeout=60)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert report["result"] == "failed", report
    with UserStore.open(path) as store:
        assert store.note("scheinberg2011") == "small note"
        assert store.recovered_from is None


def test_userstore_damaged_copy_can_be_restored(tmp_path):
    path = tmp_path / "user.sqlite"
    _store_with_note(path, "from before")
    aside = UserStore._move_aside(path)  # as an older version did to healthy locked files
    with UserStore.open(path) as store:
        store.set_note("atta2010", "typed since")
        store.set_note("scheinberg2011", "new text")
        assert store.moved_aside_copies() == [aside]
        counts = store.restore_from(aside)
        assert counts["notes"] == 1 and counts["tags"] == 1
        assert store.note("atta2010") == "typed since"
        merged = store.note("scheinberg2011")
        assert merged.startswith("new text") and "from before" in merged
        assert store.tags_for("scheinberg2011") == ["aplastic"]
        assert store.moved_aside_copies() == []  # restored copies are kept under another name, not listed
    assert list(tmp_path.glob("user.sqlite.restored-*"))


def test_userstore_restore_of_an_unreadable_copy_says_so(tmp_path):
    path = tmp_path / "user.sqlite"
    junk = tmp_path / "user.sqlite.corrupt-20250101-000000"
    junk.write_bytes(b"not a database at all" * 100)
    with UserStore.open(path) as store:
        assert store.moved_aside_copies() == [junk]
        with pytest.raises(UserStoreError, match="nothing could be read|cannot be opened"):
            store.restore_from(junk)
    assert junk.exists()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_userstore_files_are_private(tmp_path):
    folder = tmp_path / "data"
    path = folder / "user.sqlite"
    _store_with_note(path)
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    path.chmod(0o644)
    folder.chmod(0o755)
    UserStore.open(path).close()  # looser files are tightened on open
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
