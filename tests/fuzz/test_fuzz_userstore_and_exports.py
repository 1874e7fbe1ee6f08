"""The user database and the export paths under Hypothesis (issue 13).

* Random sequences of personal-data writes (notes, tags, stars, scenarios, personal-layer imports), some while
  another program holds the write lock: each write either commits or raises ValueError / UserStoreError and
  changes nothing; the database always equals a plain model of what committed, and a locked database is never
  declared damaged.
* Imported citations with arbitrary text (controls, bidi overrides, markup) exported in every format and written
  atomically: the file holds exactly the export, nothing else is left in the folder, no control or bidi-override
  character survives, and writing to a missing folder, a folder or a pipe fails without leaving anything.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from atgdesk.fileio import FileRefused, atomic_write_text
from atgdesk.library import cite, formats
from atgdesk.library.userstore import CitationIn, UserStore, UserStoreBusy, UserStoreError
from tests.fuzz.conftest import count, fuzz_settings

STUDIES = ["scheinberg2011", "atta2010", "x" * 200, "user:1"]
HOSTILE = st.sampled_from(["\u202e", "\u2066", "\u2069", "\x00", "\x1b", "\x7f", "\x85", "<b>", "{\\x}", "\n",
                           "\t", "%", "_", "\\", "'", '"', "é", "🙂", "\ufeff"])
TEXT = st.lists(HOSTILE | st.text(max_size=8), max_size=12).map("".join)
BIDI_AND_CONTROLS = {*(chr(c) for c in range(0x20)), "\x7f", *(chr(c) for c in range(0x80, 0xA0)),
                     *(chr(c) for c in range(0x202A, 0x202F)), *(chr(c) for c in range(0x2066, 0x206A))}

OPERATIONS = st.one_of(
    st.tuples(st.just("note"), st.sampled_from(STUDIES), TEXT | st.just(" ") | st.just("n" * 200_001)),
    st.tuples(st.just("tag"), st.sampled_from(STUDIES), TEXT | st.just("t" * 61)),
    st.tuples(st.just("untag"), st.sampled_from(STUDIES), TEXT),
    st.tuples(st.just("star"), st.sampled_from(STUDIES), st.booleans()),
    st.tuples(st.just("scenario"), TEXT, st.dictionaries(st.text(max_size=5), st.integers() | st.text(max_size=5),
                                                         max_size=3)),
    st.tuples(st.just("personal"), st.sampled_from(STUDIES), TEXT),
)


def _state(store: UserStore) -> dict:
    data = store.export_personal()
    return {key: data[key] for key in ("favourites", "tags", "notes", "scenarios")}


def _apply(store: UserStore, op) -> None:
    kind, a, b = op
    if kind == "note":
        store.set_note(a, b)
    elif kind == "tag":
        store.add_tag(a, b)
    elif kind == "untag":
        store.remove_tag(a, b)
    elif kind == "star":
        store.set_favourite(a, b)
    elif kind == "scenario":
        store.save_scenario(a, b)
    else:
        store.import_personal({"format": "atgdesk-personal-layer", "version": 1, "favourites": [a],
                               "notes": [{"study_id": a, "text": b}], "tags": [{"study_id": a, "tag": b}]})


@fuzz_settings(0.5)
@given(ops=st.lists(st.tuples(OPERATIONS, st.booleans()), min_size=1, max_size=12))
def test_fuzz_userstore_writes_commit_whole_or_change_nothing(ops):
    count("userstore-writes")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "user.sqlite"
        store = UserStore.open(path, busy_timeout=0.05)
        try:
            for op, locked in ops:
                before = _state(store)
                other = None
                if locked:  # another program holds the write lock for the whole attempt
                    other = sqlite3.connect(path, isolation_level=None)
                    other.execute("BEGIN EXCLUSIVE")
                try:
                    _apply(store, op)
                except UserStoreBusy:
                    assert locked
                    assert _state(store) == before
                except (ValueError, UserStoreError):
                    assert _state(store) == before
                finally:
                    if other is not None:
                        other.execute("ROLLBACK")
                        other.close()
            final = _state(store)
        finally:
            store.close()
        reopened = UserStore.open(path)
        try:
            assert reopened.recovered_from is None  # a lock is never taken for damage
            assert _state(reopened) == final
            copy = UserStore.open(Path(folder) / "copy.sqlite")
            try:  # the personal-layer export restores the same state into an empty database
                copy.import_personal(reopened.export_personal())
                assert _state(copy) == final
            finally:
                copy.close()
        finally:
            reopened.close()
        assert not list(Path(folder).glob("*.corrupt-*"))


@st.composite
def citations(draw):
    return CitationIn(title=draw(TEXT.filter(lambda t: t.strip())) + "t", authors=draw(st.lists(TEXT, max_size=3)),
                      journal=draw(TEXT), year=draw(st.none() | st.integers(1500, 2100)), volume=draw(TEXT),
                      pages=draw(TEXT), doi=draw(st.just("") | st.just("10.1000/x")), abstract=draw(TEXT))


@pytest.fixture(scope="module")
def export_store(tmp_path_factory):
    store = UserStore.open(tmp_path_factory.mktemp("fuzz-export") / "user.sqlite")
    yield store
    store.close()


@fuzz_settings(0.5)
@given(records=st.lists(citations(), min_size=1, max_size=4), fmt=st.sampled_from(formats.FORMATS))
def test_fuzz_exports_of_imported_text_are_whole_and_neutralised(export_store, records, fmt):
    count("export-imported")
    from atgdesk.library.importers import _checked
    cleaned = [_checked(rec, "fuzz.ris", 1) for rec in records]
    report = export_store.import_citations(cleaned, "fuzz.ris", "ris")
    added = set(report.added)
    details = [cite.detail_from_imported(c) for c in export_store.imported() if c.id in added]
    text = formats.export(details, fmt)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / f"out.{fmt}"
        atomic_write_text(target, text)
        assert target.read_bytes().decode("utf-8") == text
        assert os.listdir(folder) == [target.name]
    for c in export_store.imported():
        for value in (c.title, c.journal, c.abstract, *c.authors):
            assert not BIDI_AND_CONTROLS & set(value), repr(value)


@fuzz_settings(0.5)
@given(text=TEXT, where=st.sampled_from(["missing-folder", "folder", "pipe", "file"]))
def test_fuzz_atomic_write_fails_cleanly_on_bad_targets(text, where):
    count("export-targets")
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        target = base / "target"
        if where == "missing-folder":
            target = base / "no" / "target"
        elif where == "folder":
            target.mkdir()
        elif where == "pipe":
            os.mkfifo(target)
        else:
            target.write_text("old", encoding="utf-8")
        try:
            atomic_write_text(target, text, encoding="utf-8", mode=0o600)
        except (FileRefused, FileNotFoundError):
            assert where in ("missing-folder", "folder", "pipe")
            assert sorted(os.listdir(folder)) == ([] if where == "missing-folder" else ["target"])
        else:
            assert where == "file"
            assert target.read_bytes().decode("utf-8") == text
            assert os.listdir(folder) == ["target"]
