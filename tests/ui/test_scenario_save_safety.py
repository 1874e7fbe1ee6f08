"""Calculator scenarios are never falsely reported saved (issue 13): with the user database read-only or locked
by another program, saving, renaming or deleting a scenario says so (scenario note and status bar, naming the
scenario) and the pinned scenario stays on screen; nothing reaches the generic error dialog."""

from __future__ import annotations

import sqlite3
import sys
import time
from pathlib import Path

import pytest

from atgdesk import paths
from atgdesk.library.userstore import UserStore
from atgdesk.ui.calculator_view import CalculatorView

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "library"))
from test_userstore import read_only_file  # noqa: E402  (the same helper as the library tests)


def _make_view(qtbot, store):
    view = CalculatorView(paths.models_dir(), paths.data_dir(), store)
    qtbot.addWidget(view)
    messages: list[str] = []
    view.status_message.connect(messages.append)
    return view, messages


def _seed(path: Path, qtbot) -> int:
    """A user database holding one saved scenario (the calculator's default inputs)."""
    with UserStore.open(path) as store:
        view = CalculatorView(paths.models_dir(), paths.data_dir(), store)
        qtbot.addWidget(view)
        view.pin_current()
        view.rename_pinned(0, "Kept before")
        return view.save_pinned(0)


def _scenarios(path: Path) -> list[tuple[int, str]]:
    conn = sqlite3.connect(path)
    try:
        return [tuple(r) for r in conn.execute("SELECT id, name FROM scenarios ORDER BY id")]
    finally:
        conn.close()


def _assert_refused(view, messages, text: str, reason: str) -> None:
    note = view.scenario_panel.note.text()
    assert "Saved" not in note
    assert text in note and reason in note, note
    assert messages and text in messages[-1] and reason in messages[-1], messages


@pytest.fixture
def read_only_store(tmp_path, qtbot):
    path = tmp_path / "user.sqlite"
    _seed(path, qtbot)
    with read_only_file(path):
        store = UserStore.open(path)
        assert store.read_only
        yield store, path
        store.close()


@pytest.fixture
def locked_store(tmp_path, qtbot):
    path = tmp_path / "user.sqlite"
    _seed(path, qtbot)
    store = UserStore.open(path)
    store.set_busy_timeout(0.25)  # as the GUI does
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program writing, longer than any busy timeout
    yield store, path, other
    if other.in_transaction:
        other.execute("ROLLBACK")
    other.close()
    store.close()


def test_saving_a_scenario_to_a_read_only_database_says_not_saved_and_keeps_the_pin(qtbot, read_only_store):
    store, path = read_only_store
    view, messages = _make_view(qtbot, store)
    view.pin_current()
    assert view.save_pinned(0) is None
    _assert_refused(view, messages, "'Scenario 1' was not saved", "read-only")
    assert [p.name for p in view.pinned()] == ["Scenario 1"] and view.pinned()[0].saved_id is None
    assert view.scenario_panel.table.rowCount() == 1
    assert _scenarios(path) == [(1, "Kept before")]


def test_renaming_and_deleting_in_a_read_only_database_are_refused_with_a_message(qtbot, read_only_store):
    store, path = read_only_store
    view, messages = _make_view(qtbot, store)
    assert view.load_saved(1)  # reading still works: the saved scenario is pinned
    view.rename_pinned(0, "Renamed")
    _assert_refused(view, messages, "'Kept before' was not renamed", "read-only")
    assert view.pinned()[0].name == "Kept before" and view.pinned()[0].saved_id == 1
    view.delete_saved(1)
    _assert_refused(view, messages, "'Kept before' was not deleted", "read-only")
    assert view.pinned()[0].saved_id == 1  # still linked to its saved copy, which still exists
    assert view.saved_scenarios() == [(1, "Kept before")]
    assert _scenarios(path) == [(1, "Kept before")]


def test_saving_a_scenario_while_the_database_is_locked_says_so_and_saves_later(qtbot, locked_store):
    store, path, other = locked_store
    view, messages = _make_view(qtbot, store)
    view.pin_current()
    started = time.perf_counter()
    assert view.save_pinned(0) is None
    assert time.perf_counter() - started < 2.0  # waited only the short GUI busy timeout
    _assert_refused(view, messages, "'Scenario 1' was not saved", "in use by another program")
    assert view.pinned()[0].saved_id is None and view.scenario_panel.table.rowCount() == 1
    view.rename_pinned(0, "High dose")  # not yet saved: renaming the pin needs no database
    assert view.pinned()[0].name == "High dose"
    other.execute("ROLLBACK")
    sid = view.save_pinned(0)  # saving again once the other program has finished works
    note = view.scenario_panel.note.text()
    assert sid is not None and note.startswith("Saved") and "High dose" in note
    assert _scenarios(path) == [(1, "Kept before"), (sid, "High dose")]


def test_renaming_and_deleting_while_locked_are_refused_and_nothing_changes(qtbot, locked_store):
    store, path, _other = locked_store
    view, messages = _make_view(qtbot, store)
    assert view.load_saved(1)
    view.rename_pinned(0, "Renamed")
    _assert_refused(view, messages, "'Kept before' was not renamed", "in use by another program")
    assert view.pinned()[0].name == "Kept before"
    view.save_pinned(0)  # saving an already saved pin renames its copy: refused the same way
    _assert_refused(view, messages, "'Kept before' was not saved", "in use by another program")
    view.delete_saved(1)
    _assert_refused(view, messages, "'Kept before' was not deleted", "in use by another program")
    assert view.pinned()[0].saved_id == 1
    assert _scenarios(path) == [(1, "Kept before")]


class _UnwritableSettings:
    """A settings store whose file cannot be written (QSettings reports AccessError after sync)."""

    def __init__(self) -> None:
        self.values: dict[str, object] = {}

    def setValue(self, key, value) -> None:  # noqa: N802 (Qt naming)
        self.values[key] = value

    def sync(self) -> None:
        pass

    def status(self):
        from PySide6.QtCore import QSettings
        return QSettings.Status.AccessError


def test_pins_that_cannot_be_kept_on_quit_are_reported(qtbot, tmp_path, caplog):
    store = UserStore.open(tmp_path / "user.sqlite")
    try:
        view, messages = _make_view(qtbot, store)
        view.pin_current()
        with caplog.at_level("WARNING"):
            assert view.save_state(_UnwritableSettings()) is False
        assert "pinned scenarios were not kept" in caplog.text
        assert messages and "pinned scenarios were not kept" in messages[-1]
    finally:
        store.close()
