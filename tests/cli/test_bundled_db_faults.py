"""A missing, truncated, corrupt, wrong-version or tampered bundled database: one line naming the problem and the
fix, a non-zero exit, no traceback — on the command line, in the smoke run, in ``app.build()`` and in the GUI."""

from __future__ import annotations

import random
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from atgdesk.library.db import DIGEST_TABLE, LibraryError, digest_location, file_digest, open_bundled

FAULTS = ("missing", "truncated-1k", "truncated-half", "random-bytes", "schema-version", "content-hash",
          "edited-title", "edited-fts-index")


def _sql(path: Path, statement: str) -> None:
    conn = sqlite3.connect(path)
    try:
        conn.execute(statement)
        conn.commit()
    finally:
        conn.close()


def make_fault(good: Path, folder: Path, fault: str) -> Path:
    """A copy of ``good`` damaged in the way ``fault`` names (the original is never touched)."""
    target = folder / f"{fault}.sqlite"
    if fault == "missing":
        return target
    shutil.copyfile(good, target)
    data = target.read_bytes()
    if fault == "truncated-1k":
        target.write_bytes(data[:1024])
    elif fault == "truncated-half":
        target.write_bytes(data[: len(data) // 2])
    elif fault == "random-bytes":
        rng = random.Random(20261122)
        middle = len(data) // 2
        noise = bytes(rng.randrange(256) for _ in range(4096))
        target.write_bytes(data[:middle] + noise + data[middle + len(noise):])
    elif fault == "schema-version":
        _sql(target, "PRAGMA user_version = 99")
    elif fault == "content-hash":
        _sql(target, "UPDATE meta SET value = '" + "0" * 64 + "' WHERE key = 'content_hash'")
    elif fault == "edited-title":
        _sql(target, "UPDATE studies SET title = 'Changed after the build' WHERE rid = 1")
    elif fault == "edited-fts-index":
        _sql(target, "DELETE FROM search_fts_docsize WHERE id = 1")
    else:  # pragma: no cover - a typo in FAULTS
        raise AssertionError(fault)
    return target


EXPECTED = {  # words the one-line message must contain for each fault (besides the fix)
    "missing": "not found",
    "truncated-1k": "cannot be read",
    "truncated-half": "",
    "random-bytes": "",
    "schema-version": "schema version 99",
    "content-hash": "changed after it was built",
    "edited-title": "changed after it was built",
    "edited-fts-index": "changed after it was built",
}


def _assert_one_line_naming_fix(text: str, fault: str) -> None:
    lines = [line for line in text.splitlines() if line.strip()]
    assert len(lines) == 1, text
    line = lines[0]
    assert "Traceback" not in text
    assert "evidence database" in line
    assert "make db" in line and "reinstall" in line
    assert EXPECTED[fault] in line


@pytest.fixture(scope="module")
def faulty(bundled_db, tmp_path_factory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("faulty-db")
    return {fault: make_fault(bundled_db, folder, fault) for fault in FAULTS}


@pytest.mark.parametrize("fault", FAULTS)
def test_open_bundled_refuses_a_damaged_database_naming_the_fix(faulty, fault):
    with pytest.raises(LibraryError) as info:
        open_bundled(faulty[fault])
    _assert_one_line_naming_fix(str(info.value), fault)


def test_open_bundled_accepts_the_good_database_and_checks_its_digest_quickly(bundled_db):
    with open_bundled(bundled_db) as lib:
        location = digest_location(lib.connection)
        timings = []
        for _ in range(7):
            started = time.perf_counter()
            digest = file_digest(bundled_db, *location)
            timings.append(time.perf_counter() - started)
        stored = lib.connection.execute(f"SELECT value FROM {DIGEST_TABLE}").fetchone()[0]
    assert digest == stored
    # product.md §6: verified at every start, so it must stay cheap (a few ms; generous bound for slow CI).
    assert sorted(timings)[3] < 0.05, timings


@pytest.mark.parametrize("fault", FAULTS)
def test_cli_and_smoke_with_a_damaged_database_print_one_line_and_exit_non_zero(faulty, fault, app_env, tmp_path):
    env = dict(app_env, ATGDESK_DB=str(faulty[fault]), ATGDESK_HOME=str(tmp_path / "home"))
    commands = {"smoke": ["--smoke"], "search": ["search", "x"]}
    procs = {name: subprocess.Popen([sys.executable, "-m", "atgdesk", *argv], env=env, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True) for name, argv in commands.items()}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        assert proc.returncode not in (0, None), (name, out, err)
        assert proc.returncode == 3, (name, err)  # the status the app and CLI use for an unusable database
        _assert_one_line_naming_fix(err, fault)
        assert "Traceback" not in out


@pytest.mark.parametrize("fault", ("missing", "random-bytes", "content-hash"))
def test_app_build_reports_no_library_with_the_message(faulty, fault, monkeypatch, qtbot):
    from atgdesk import app
    monkeypatch.setenv("ATGDESK_DB", str(faulty[fault]))
    ctx = app.build()
    qtbot.addWidget(ctx.window)
    try:
        assert ctx.library is None
        _assert_one_line_naming_fix(ctx.library_error, fault)
        assert str(faulty[fault]) in ctx.library_error
        assert type(ctx.window.library_view).__name__ == "PlaceholderView"
    finally:
        if ctx.userstore is not None:
            ctx.userstore.close()


@pytest.mark.parametrize("fault", ("truncated-half", "schema-version", "edited-title"))
def test_gui_start_with_a_damaged_database_shows_the_dialog_and_exits(faulty, fault, monkeypatch, qtbot):
    from PySide6.QtWidgets import QMessageBox

    from atgdesk import app
    shown: list[tuple[str, str]] = []

    def fake_exec(box):
        shown.append((box.windowTitle(), box.text()))
        return int(QMessageBox.StandardButton.Ok)

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    monkeypatch.setenv("ATGDESK_DB", str(faulty[fault]))
    assert app.run_gui() == app.EXIT_DATABASE
    assert len(shown) == 1
    title, text = shown[0]
    assert "evidence database" in title
    assert "make db" in text and "reinstall" in text and EXPECTED[fault] in text
