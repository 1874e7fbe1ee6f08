"""Pinned and saved scenarios without Qt (atgdesk.present.scenarios): names, the five-pin limit, saving,
renaming, loading and deleting through a user store, never a false 'Saved', and the pins kept between sessions."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from atgdesk.core import scenario as sc
from atgdesk.present.catalogue import load_catalogue
from atgdesk.present.scenarios import MAX_PINS, ScenarioBook

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def model():
    catalogue = load_catalogue([ROOT / "data" / "models"], ROOT / "data")
    return catalogue.model("illustrative-rabbit-atg-active")


@pytest.fixture(scope="module")
def result(model):
    return sc.evaluate(model, sc.ScenarioInputs(model_id=model.id))


class Refused(Exception):
    """The store's own write error (the app's UserStoreError; this layer never imports it)."""


@dataclass
class Stored:
    id: int
    name: str
    payload: dict


class FakeStore:
    """A user store in memory; ``refuse`` makes every write raise :class:`Refused`."""

    def __init__(self) -> None:
        self.rows: dict[int, Stored] = {}
        self.refuse = False

    def _check(self) -> None:
        if self.refuse:
            raise Refused("read-only")

    def save_scenario(self, name, payload):
        self._check()
        sid = max(self.rows, default=0) + 1
        self.rows[sid] = Stored(sid, name, json.loads(json.dumps(payload)))
        return sid

    def rename_scenario(self, sid, name):
        self._check()
        if sid not in self.rows:
            raise ValueError(f"scenario: no saved scenario with id {sid}")
        self.rows[sid].name = name

    def delete_scenario(self, sid):
        self._check()
        self.rows.pop(sid, None)

    def scenarios(self):
        return list(self.rows.values())


def _book(store=None):
    return ScenarioBook(store=store, store_errors=(Refused,), reason=lambda exc: f"because {exc}")


def test_pins_are_named_with_the_first_free_number_and_stop_at_five(model, result):
    book = _book()
    inputs = sc.ScenarioInputs(model_id=model.id)
    assert not book.pin(inputs, None).ok and "no prediction" in book.pin(inputs, None).note
    for _ in range(MAX_PINS):
        assert book.pin(inputs, result).ok
    assert [p.name for p in book.pins] == [f"Scenario {k}" for k in range(1, 6)]
    full = book.pin(inputs, result)
    assert not full.ok and "At most 5" in full.note and len(book.pins) == 5
    book.unpin(1)
    assert book.pin(inputs, result).value.name == "Scenario 2"  # the gap is filled first


def test_rename_collapses_spaces_and_refuses_an_empty_name(model, result):
    book = _book()
    book.pin(sc.ScenarioInputs(model_id=model.id), result)
    assert book.rename(0, "  High   dose ").ok and book.pins[0].name == "High dose"
    empty = book.rename(0, "   ")
    assert not empty.ok and "cannot be empty" in empty.note and book.pins[0].name == "High dose"
    assert not book.rename(3, "x").ok  # no such row: nothing happens


def test_save_load_delete_round_trip_through_the_store(model, result):
    store, inputs = FakeStore(), sc.ScenarioInputs(model_id=model.id, dose_mg_per_kg=3.5)
    book = _book(store)
    book.pin(inputs, result)
    saved = book.save(0)
    assert saved.ok and saved.value == 1 and saved.note == "Saved “Scenario 1”." and book.saved() == [(1, "Scenario 1")]
    book.rename(0, "Renamed")  # the saved copy follows
    assert book.saved() == [(1, "Renamed")]
    read = book.read_saved(1)
    assert read.ok and read.value == ("Renamed", inputs)
    # already pinned from this saved copy: loading does not pin it twice
    assert not book.pin_loaded(1, "Renamed", inputs, result).pins_changed and len(book.pins) == 1
    assert book.delete(1).ok and book.saved() == [] and book.pins[0].saved_id is None
    assert not book.read_saved(1).ok


def test_a_refused_write_is_never_reported_saved_and_the_pin_stays(model, result):
    store = FakeStore()
    book = _book(store)
    book.pin(sc.ScenarioInputs(model_id=model.id), result)
    store.refuse = True
    out = book.save(0)
    assert not out.ok and out.value is None and "Saved" not in out.note
    assert out.note == out.status == "'Scenario 1' was not saved: because read-only. The pinned scenario stays here."
    assert book.pins[0].saved_id is None and store.rows == {}
    store.refuse = False
    assert book.save(0).value == 1
    store.refuse = True
    renamed = book.rename(0, "Other")
    assert not renamed.ok and "'Scenario 1' was not renamed" in renamed.status and book.pins[0].name == "Scenario 1"
    deleted = book.delete(1)
    assert not deleted.ok and "'Scenario 1' was not deleted" in deleted.status and book.pins[0].saved_id == 1


def test_without_a_store_nothing_is_saved_and_it_says_so(model, result):
    book = _book(None)
    book.pin(sc.ScenarioInputs(model_id=model.id), result)
    out = book.save(0)
    assert not out.ok and "unavailable" in out.note and book.saved() == []


def test_an_unreadable_saved_scenario_is_named_not_loaded(model):
    store = FakeStore()
    store.rows[7] = Stored(7, "Broken", {"weight_kg": "heavy"})
    out = _book(store).read_saved(7)
    assert not out.ok and out.note.startswith("'Broken' cannot be loaded")


def test_pins_kept_between_sessions_come_back_and_unreadable_ones_are_named(model, result):
    book = _book()
    book.pin(sc.ScenarioInputs(model_id=model.id, dose_mg_per_kg=4.0), result)
    book.rename(0, "Four")
    book.pins[0].saved_id = 3
    kept = json.loads(book.to_json())
    assert kept == [{"name": "Four", "inputs": sc.inputs_to_payload(book.pins[0].inputs), "saved_id": 3}]
    payload = kept[0]["inputs"]
    gone = dict(kept[0], name="Gone", inputs=dict(payload, inputs=dict(payload["inputs"], model_id="no-such-model")))
    again = _book()
    out = again.restore(json.dumps([kept[0], gone, "junk"]), [model])
    assert [(p.name, p.saved_id, p.inputs.dose_mg_per_kg) for p in again.pins] == [("Four", 3, 4.0)]
    assert again.pins[0].result.metrics.auc_post == pytest.approx(
        sc.evaluate(model, again.pins[0].inputs).metrics.auc_post)  # recomputed with its model
    assert not out.ok and out.pins_changed and out.note == (
        "Not pinned again (model missing or data unreadable): Gone, ?.")
    assert _book().restore("not json", [model]).pins_changed is False
    assert _book().restore("", [model]).ok
