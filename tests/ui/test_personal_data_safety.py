"""Personal data is never lost or hidden (issue 13), in the real app (pytest-qt, offscreen): a note whose save
fails — user database locked by another program, read-only, full disk — stays in the editor marked "not saved"
with a retry, survives switching study, is saved once possible, and closing asks before losing it; a locked or
read-only file is never declared damaged; a moved-aside copy can be restored from the app; a second instance
opens read-only; settings and logs are private."""

from __future__ import annotations

import logging
import os
import resource
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from atgdesk import app as appmod
from atgdesk import logsetup, paths
from atgdesk.library.userstore import UserStore

ROOT = Path(__file__).resolve().parents[2]
FIXTURE_DATA = ROOT / "tests" / "library" / "fixtures" / "data"
STUDY, OTHER = "scheinberg2011", "atta2010"

sys.path.insert(0, str(ROOT / "tests" / "library"))
from test_userstore import read_only_file  # noqa: E402  (the same helper as the library tests)


@pytest.fixture(scope="session")
def fixture_library_db(tmp_path_factory) -> Path:
    from atgdesk.builder.build import build_database
    out = tmp_path_factory.mktemp("safety-db") / "atgdesk.sqlite"
    build_database(FIXTURE_DATA, out)
    return out


@pytest.fixture
def make_ctx(fixture_library_db, qtbot, monkeypatch):
    """Build the whole app on the fixture library (optionally as the single instance); closed at the end."""
    from atgdesk.library.db import open_bundled
    monkeypatch.setenv("ATGDESK_DB", str(fixture_library_db))
    built = []

    def make(**kwargs):
        ctx = appmod.build(library=open_bundled(fixture_library_db), **kwargs)
        ctx.window.show()
        qtbot.waitExposed(ctx.window)
        built.append(ctx)
        return ctx

    yield make
    for ctx in built:
        ctx.window.force_close = True  # a test that leaves notes unsaved must not block on the question
        ctx.window.close()
        ctx.shutdown()
        if ctx.userstore is not None:
            ctx.userstore.close()
        if ctx.instance_lock is not None:
            ctx.instance_lock.unlock()
        ctx.library.close()
        ctx.window.deleteLater()


def _type_note(ctx, study_id: str, text: str) -> None:
    controller = ctx.window.library_view.controller
    controller.show_study(study_id)
    view = controller.view.study_view
    view.notes_edit.setPlainText(text)
    view.flush_note()


def _db_note(study_id: str) -> str:
    conn = sqlite3.connect(paths.user_db_path())
    try:
        row = conn.execute("SELECT text FROM notes WHERE study_id = ?", (study_id,)).fetchone()
    finally:
        conn.close()
    return row[0] if row else ""


def _seed_user_db(text: str = "written before") -> Path:
    path = paths.user_db_path()
    with UserStore.open(path) as store:
        store.set_note(STUDY, text)
        store.add_tag(STUDY, "aplastic")
    return path


def test_locked_database_keeps_the_note_pending_without_freezing_and_saves_it_later(make_ctx, qtbot):
    ctx = make_ctx()
    controller = ctx.window.library_view.controller
    view = controller.view.study_view
    other = sqlite3.connect(paths.user_db_path(), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program writing, for longer than any busy timeout
    try:
        started = time.perf_counter()
        _type_note(ctx, STUDY, "dose reduced on day -2")
        assert time.perf_counter() - started < 2.0  # the GUI thread did not wait out a 10 s lock
        assert controller.unsaved_notes() == {STUDY: "dose reduced on day -2"}
        assert "Not saved" in view.notes_status.text() and "in use by another program" in view.notes_status.text()
        assert view.notes_retry_button.isVisibleTo(view)
        controller.show_study(OTHER)  # switching study does not lose the text…
        controller.show_study(STUDY)
        assert view.notes_edit.toPlainText() == "dose reduced on day -2"
        assert "Not saved" in view.notes_status.text()  # …and it is still marked not saved
        assert not list(paths.user_dir().glob("user.sqlite.corrupt-*"))
    finally:
        other.execute("ROLLBACK")
        other.close()
    qtbot.waitUntil(lambda: not controller.unsaved_notes(), timeout=10_000)  # the retry timer saves it
    assert _db_note(STUDY) == "dose reduced on day -2"
    assert view.notes_status.text() == "Saved."
    assert not view.notes_retry_button.isVisibleTo(view)


def test_retry_button_saves_a_pending_note(make_ctx, qtbot):
    ctx = make_ctx()
    controller = ctx.window.library_view.controller
    view = controller.view.study_view
    other = sqlite3.connect(paths.user_db_path(), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    _type_note(ctx, STUDY, "retry me")
    other.execute("ROLLBACK")
    other.close()
    view.notes_retry_button.click()
    assert controller.unsaved_notes() == {}
    assert _db_note(STUDY) == "retry me"


def test_read_only_database_opens_read_only_with_a_banner_and_is_not_declared_damaged(make_ctx):
    path = _seed_user_db()
    with read_only_file(path):
        ctx = make_ctx()
        assert ctx.userstore is not None and ctx.userstore.read_only
        assert "read-only" in ctx.userstore_notice and "damaged" not in ctx.userstore_notice
        assert ctx.window.banner.isVisibleTo(ctx.window) and "read-only" in ctx.window.banner.text()
        controller = ctx.window.library_view.controller
        controller.show_study(STUDY)
        view = controller.view.study_view
        assert view.notes_edit.toPlainText() == "written before"  # shown, not hidden…
        assert view.notes_edit.isReadOnly()  # …and not editable, so nothing typed can be lost
        assert not view.favourite_button.isEnabled() and not view.tag_edit.isEnabled()
    assert not list(paths.user_dir().glob("user.sqlite.corrupt-*"))
    assert _db_note(STUDY) == "written before"


def test_full_disk_keeps_the_note_pending(make_ctx, qtbot):
    ctx = make_ctx()
    controller = ctx.window.library_view.controller
    view = controller.view.study_view
    _type_note(ctx, STUDY, "short")
    db = paths.user_db_path()
    limit = max(os.path.getsize(p) for p in (db, Path(str(db) + "-wal"))) + 4096
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes past the limit fail (EFBIG)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        _type_note(ctx, STUDY, "a line of the note\n" * 2_000)  # 38 kB: more than the 4 kB left
        assert STUDY in controller.unsaved_notes()
        assert view.notes_status.text().startswith("Not saved")
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, old_handler)
    assert _db_note(STUDY) == "short"
    view.notes_retry_button.click()  # space again: the same text is saved
    assert controller.unsaved_notes() == {}
    assert _db_note(STUDY) == "a line of the note\n" * 2_000


def test_closing_with_an_unsaved_note_asks_and_can_save_it_to_a_file(make_ctx, monkeypatch, tmp_path):
    from atgdesk.ui import library_dialogs
    ctx = make_ctx()
    other = sqlite3.connect(paths.user_db_path(), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        _type_note(ctx, STUDY, "must not vanish")
        answers = [library_dialogs.KEEP_OPEN, library_dialogs.SAVE_TO_FILE]
        monkeypatch.setattr(library_dialogs, "ask_unsaved_notes", lambda *a: answers.pop(0))
        out = tmp_path / "rescued.txt"
        monkeypatch.setattr(library_dialogs, "ask_notes_file_path", lambda *a: str(out))
        ctx.window.close()
        assert ctx.window.isVisible()  # kept open
        ctx.window.close()
        assert not ctx.window.isVisible()
        assert "must not vanish" in out.read_text(encoding="utf-8")
        assert stat.S_IMODE(out.stat().st_mode) == 0o600
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_a_failed_tag_or_star_is_reported_not_shown_as_done(make_ctx):
    ctx = make_ctx()
    controller = ctx.window.library_view.controller
    controller.show_study(STUDY)
    other = sqlite3.connect(paths.user_db_path(), isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        controller.view.study_view.tag_added.emit(STUDY, "later")
        assert "Not saved" in ctx.window.statusBar().currentMessage()
        assert controller.view.study_view.tag_chips() == []
        controller.view.study_view.favourite_toggled.emit(STUDY, True)
        assert not controller.view.study_view.favourite_button.isChecked()
    finally:
        other.execute("ROLLBACK")
        other.close()


def test_unexpected_error_dialog_does_not_claim_everything_is_saved(make_ctx, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    ctx = make_ctx()
    shown = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    saved_hook = sys.excepthook
    try:
        appmod._install_excepthook(ctx.window)
        try:
            raise RuntimeError("boom")
        except RuntimeError as exc:
            sys.excepthook(type(exc), exc, exc.__traceback__)
    finally:
        sys.excepthook = saved_hook
    assert shown and "are saved" not in shown[0] and "Not saved" in shown[0]


def test_a_moved_aside_copy_can_be_restored_from_the_app(make_ctx, monkeypatch):
    from atgdesk.ui import library_dialogs
    path = _seed_user_db("from the old file")
    aside = UserStore._move_aside(path)  # what an older ATG Desk did to a merely locked file
    ctx = make_ctx()
    assert ctx.window.restore_personal_action.text().startswith("&Restore personal data")
    offered = []
    monkeypatch.setattr(library_dialogs, "ask_moved_aside_copy",
                        lambda parent, copies: offered.extend(copies) or copies[0])
    ctx.window.restore_personal_action.trigger()
    assert offered == [str(aside)]
    assert _db_note(STUDY) == "from the old file"
    controller = ctx.window.library_view.controller
    controller.show_study(STUDY)
    assert controller.view.study_view.notes_edit.toPlainText() == "from the old file"
    assert "Restored" in ctx.window.statusBar().currentMessage()


_HOLD_LOCK = r"""
import sys, time
from PySide6.QtCore import QLockFile
lock = QLockFile(sys.argv[1])
assert lock.tryLock(1000)
print("locked", flush=True)
time.sleep(60)
"""


def test_a_second_instance_opens_personal_data_read_only(make_ctx):
    _seed_user_db()
    holder = subprocess.Popen([sys.executable, "-c", _HOLD_LOCK, str(paths.user_dir() / "atgdesk.lock")],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        ctx = make_ctx(single_instance=True)
        assert ctx.instance_lock is None
        assert ctx.userstore.read_only and "another ATG Desk" in ctx.userstore_notice
        assert ctx.window.banner.isVisibleTo(ctx.window)
    finally:
        holder.kill()
        holder.wait()


def test_the_only_instance_holds_the_lock_and_writes(make_ctx):
    ctx = make_ctx(single_instance=True)
    assert ctx.instance_lock is not None and ctx.instance_lock.isLocked()
    assert not ctx.userstore.read_only and not ctx.window.banner.isVisibleTo(ctx.window)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_settings_logs_and_user_database_are_private(make_ctx, monkeypatch):
    logger = logging.getLogger("atgdesk")
    saved = list(logger.handlers)
    for handler in saved:
        logger.removeHandler(handler)
    monkeypatch.setattr(logsetup, "_configured", False)
    try:
        ctx = make_ctx()
        logging.getLogger("atgdesk.test").warning("a line")
        ctx.window.save_state()
        folder = paths.user_dir()
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
        for path in (folder / "settings.ini", folder / "user.sqlite", folder / "logs" / "atgdesk.log"):
            assert path.exists() and stat.S_IMODE(path.stat().st_mode) == 0o600, path
    finally:
        for handler in list(logger.handlers):
            logger.removeHandler(handler)
            handler.close()
        for handler in saved:
            logger.addHandler(handler)


# -- GUI exports and imports: atomic, truthful, limits before reading ------------------------------------------
def test_gui_export_to_a_missing_folder_reports_failure_and_writes_nothing(make_ctx, tmp_path, monkeypatch):
    from atgdesk.ui import library_dialogs
    ctx = make_ctx()
    controller = ctx.window.library_view.controller
    target = tmp_path / "missing" / "out.ris"
    errors = []
    monkeypatch.setattr(library_dialogs, "show_error", lambda parent, title, text: errors.append(text))
    monkeypatch.setattr(library_dialogs, "ask_export_path", lambda *a: str(target))
    monkeypatch.setattr(library_dialogs.ExportDialog, "exec", lambda self: 1)
    controller.export_interactive(None)
    assert errors and "does not exist" in errors[0]
    assert "Exported" not in ctx.window.statusBar().currentMessage()
    assert not target.parent.exists()


def test_gui_exports_on_a_full_disk_fail_and_leave_nothing(make_ctx, tmp_path):
    ctx = make_ctx()
    controller = ctx.window.library_view.controller
    ids = controller.result_ids()
    old = tmp_path / "old.ris"
    old.write_text("previous\n", encoding="utf-8")
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    old_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (512, hard))
    try:
        with pytest.raises(OSError):
            controller.export_to(old, "ris", ids)
        with pytest.raises(OSError):
            controller.export_to(tmp_path / "new.ris", "ris", ids)
        _seed_note = controller.store.set_note  # personal data export: same rule
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        _seed_note(STUDY, "n" * 5000)
        resource.setrlimit(resource.RLIMIT_FSIZE, (512, hard))
        with pytest.raises(OSError):
            controller.export_personal_to(tmp_path / "personal.json")
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, old_handler)
    assert old.read_text(encoding="utf-8") == "previous\n"
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == ["old.ris"]


def test_gui_export_refuses_a_pipe(make_ctx, tmp_path):
    from atgdesk.fileio import FileRefused
    ctx = make_ctx()
    fifo = tmp_path / "pipe.ris"
    os.mkfifo(fifo)
    with pytest.raises(FileRefused, match="pipe"):
        ctx.window.library_view.controller.export_to(fifo, "ris", [STUDY])
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_personal_data_export_is_private_and_import_refuses_deep_json_and_pipes(make_ctx, tmp_path):
    ctx = make_ctx()
    controller = ctx.window.library_view.controller
    controller.store.set_note(STUDY, "clinical")
    out = tmp_path / "personal.json"
    controller.export_personal_to(out)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    with pytest.raises(ValueError, match="nested too deeply"):
        controller.import_personal_from(deep)
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    with pytest.raises(ValueError, match="pipe"):
        controller.import_personal_from(fifo)


def test_selecting_a_citation_with_a_10_mb_title_does_not_block(make_ctx):
    from atgdesk.library.userstore import CitationIn
    path = paths.user_db_path()
    with UserStore.open(path) as store:  # as an older version could store it
        store.import_citations([CitationIn(title="Huge " + "t" * 10_000_000, authors=["Doe J"] * 5_000,
                                           abstract="word " * 20_000)], "x.ris", "ris")
    ctx = make_ctx()
    controller = ctx.window.library_view.controller
    started = time.perf_counter()
    controller.show_study("user:1")
    controller.show_study(STUDY)  # leaving it re-lays the view out too (10 s with the whole abstract)
    controller.show_study("user:1")
    assert time.perf_counter() - started < 8.0
    view = controller.view.study_view
    for label, limit in ((view.title_label, 10_000), (view.abstract_label, 11_000), (view.authors_label, 3_000)):
        assert label.text().endswith("…(truncated)") and len(label.text()) < limit


def test_import_runs_off_the_gui_thread_with_progress_and_cancel(make_ctx, qtbot, monkeypatch, tmp_path):
    import threading

    from atgdesk.library import importers
    from atgdesk.ui import library_dialogs
    ctx = make_ctx()
    controller = ctx.window.library_view.controller
    files = []
    for i in range(5):
        path = tmp_path / f"f{i}.ris"
        path.write_text(f"TY  - JOUR\nTI  - Imported title number {i}\nPY  - 2001\nER  - \n", encoding="utf-8")
        files.append(str(path))
    go = threading.Event()
    gui_thread = threading.get_ident()
    parse_threads = []
    real_parse = importers.parse_file

    def slow_parse(path):
        parse_threads.append(threading.get_ident())
        if not path.endswith("f0.ris"):
            go.wait(10)  # file 2 is "large": still being read when the user cancels
        return real_parse(path)

    monkeypatch.setattr(importers, "parse_file", slow_parse)
    reports = []
    monkeypatch.setattr(library_dialogs.ImportReportDialog, "exec", lambda self: reports.append(self) or 0)
    with qtbot.waitSignal(controller.import_finished, timeout=20_000):
        controller.import_in_background(files)
        qtbot.waitUntil(lambda: controller._import_job is not None and controller._import_job[0].value() == 1,
                        timeout=10_000)  # the window keeps running while the next file is read
        from PySide6.QtWidgets import QPushButton
        controller._import_job[0].findChild(QPushButton).click()  # the progress dialog's Cancel
        go.set()
    assert gui_thread not in parse_threads
    results = controller.last_import_results
    assert [r[1] for r in results] == [1, 1, 0, 0, 0]  # the file being read when cancelled is imported whole
    assert all("cancelled" in r[3] for r in results[2:])
    assert len(controller.store.imported()) == 2
    assert len(reports) == 1


def test_a_lock_left_by_a_crashed_instance_does_not_make_the_next_start_read_only(make_ctx):
    lock = paths.user_dir() / "atgdesk.lock"
    paths.user_dir().mkdir(parents=True, exist_ok=True)
    crashed = subprocess.run([sys.executable, "-c", _HOLD_LOCK.replace("time.sleep(60)", "import os; os._exit(9)"),
                              str(lock)], capture_output=True, text=True, timeout=30)
    assert crashed.stdout.strip() == "locked" and lock.exists()
    ctx = make_ctx(single_instance=True)
    assert ctx.instance_lock is not None and not ctx.userstore.read_only
