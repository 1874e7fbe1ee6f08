"""The dosing note's content is built from the calculator presenter's state, without Qt: the same dose table,
metrics, verdict and warnings the screen shows, every pinned scenario, and no note without a prediction."""

from __future__ import annotations

from pathlib import Path

import pytest

from atgdesk.present.note import calculator_note
from atgdesk.present.scenarios import ScenarioBook

ROOT = Path(__file__).resolve().parents[2]


def test_the_note_says_what_the_state_says(presenter):
    target = presenter.catalogue.target("admiraal2017-adult-ud-nma")
    presenter.inputs = presenter.inputs.with_(setting=target.setting, target_id=target.id)
    state = presenter.recompute("Actual body weight")
    book = ScenarioBook(presenter.pins)
    book.pin(presenter.inputs, presenter.result)
    note = calculator_note(presenter, band_shown=False, n=200)
    assert note.schedule_headers == state.dose.headers and note.schedule_rows == state.dose.rows
    assert dict(note.metrics)["AUC total"] == state.metric("auc_total")
    assert note.verdict.startswith(state.verdict.text)
    assert note.warnings[-1] == state.dose.limits_text
    assert [p.name for p in note.pinned] == ["Scenario 1"] and note.pinned[0].verdict == state.verdict.headline
    assert dict(note.inputs)["Setting"] == target.setting and note.uncertainty == ""
    assert note.model_status == "illustrative" and "ATG Desk" in note.versions


def test_no_prediction_no_note(presenter):
    presenter.inputs = presenter.inputs.with_(first_infusion_h=2.0)  # beyond a hard label limit: refused
    presenter.recompute()
    assert presenter.result is None
    with pytest.raises(ValueError, match="Refused"):
        calculator_note(presenter, band_shown=False)
