"""The dose finder on the screen in per-day-table mode: the proposal names each day's whole vials, applying the
second candidate puts exactly those doses in the table, and the dose table then counts whole vials (exact
fraction = whole number) on every day."""

from __future__ import annotations

import pytest

from atgdesk import paths
from atgdesk.core import scenario as sc
from atgdesk.ui.calculator_view import CalculatorView

TABLE = ((-3.0, 2.0, 6.0), (-2.0, 2.0, 4.0), (-1.0, 1.0, 4.0))


@pytest.fixture
def view(qtbot):
    v = CalculatorView(paths.models_dir(), paths.data_dir(), None)
    qtbot.addWidget(v)
    v.resize(1280, 760)
    yield v
    qtbot.waitUntil(lambda: not v.busy(), timeout=60_000)


def test_table_mode_proposal_applies_whole_vials_per_day(view, qtbot):
    target = next(t for t in view._targets if t.id == "admiraal2017-adult-ud-nma")
    view.set_inputs(view.inputs().with_(per_day=TABLE, weight_kg=70.0, setting=target.setting,
                                        target_id=target.id))
    assert view.inputs().per_day == TABLE and view.inputs().target_id == target.id
    view.suggest_dose()
    qtbot.waitUntil(lambda: view.proposal_state() is not None, timeout=60_000)
    state = view.proposal_state()
    assert 2 <= len(state.candidates) <= 3
    text = view.proposal_label.text()
    assert "whole 25 mg vials per day" in text and "Each day of the table is rounded" in text
    assert "day -3: " in text and " × 25 mg = " in text and "Not applied" in text
    assert view.inputs().per_day == TABLE  # nothing applied yet
    view.proposal_choice.setCurrentIndex(1)
    view.apply_proposal()
    chosen = state.candidates[1]
    assert view.inputs().per_day == chosen.inputs.per_day
    weight = float(sc.dosing_weight(view.inputs()))
    headers = view.dose_panel.table
    vial_col = next(c for c in range(headers.columnCount())
                    if headers.horizontalHeaderItem(c).text().startswith("Vials"))
    for row, (_day, mgkg, _h) in enumerate(chosen.inputs.per_day):
        whole = round(mgkg * weight / 25)
        assert headers.item(row, vial_col).text() == f"{whole} ({whole:.2f})"  # whole vials, no partial one
