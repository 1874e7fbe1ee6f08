"""BoundSlider: slider ↔ spin box binding, soft-range warning, hard-range refusal."""

from __future__ import annotations

import pytest

from atgdesk.ui.calc_inputs import STATE_OK, STATE_REFUSED, STATE_SOFT, BoundSlider


@pytest.fixture
def weight(qtbot):
    w = BoundSlider("Body weight", "kg", 70.0, (1.0, 300.0), step=0.5, decimals=1, slider_range=(20.0, 160.0),
                    soft_range=(40.0, 130.0))
    qtbot.addWidget(w)
    return w


def test_bound_slider_slider_moves_spin_once(weight, qtbot):
    seen = []
    weight.value_changed.connect(seen.append)
    weight.slider.setValue(weight.slider.value() + 20)  # +10 kg
    assert weight.value() == pytest.approx(80.0)
    assert weight.spin.value() == pytest.approx(80.0)
    assert seen == [pytest.approx(80.0)]  # exactly one emission: no feedback loop


def test_bound_slider_spin_moves_slider_once(weight):
    seen = []
    weight.value_changed.connect(seen.append)
    weight.spin.setValue(95.5)
    assert weight.slider.value() == round((95.5 - 20.0) / 0.5)
    assert seen == [95.5]


def test_bound_slider_soft_range_warns_but_accepts(weight):
    weight.spin.setValue(140.0)
    assert weight.value() == 140.0
    assert weight.state() == STATE_SOFT
    assert "outside" in weight.message() and "Body weight" in weight.message()
    weight.spin.setValue(70.0)
    assert weight.state() == STATE_OK and weight.message() == ""


def test_bound_slider_hard_range_refused_with_reason(weight, qtbot):
    weight.set_hard_range(1.0, 300.0, "hard limit of the model")
    with qtbot.waitSignal(weight.refused) as blocker:
        weight.spin.setValue(400.0)
    assert weight.value() == 70.0
    assert weight.spin.value() == 70.0
    assert weight.state() == STATE_REFUSED
    assert "Body weight" in blocker.args[0] and "hard limit of the model" in blocker.args[0]
    assert "refused" in weight.message()


def test_bound_slider_programmatic_set_value_does_not_emit(weight):
    seen = []
    weight.value_changed.connect(seen.append)
    assert weight.set_value(55.0)
    assert seen == [] and weight.slider.value() == round((55.0 - 20.0) / 0.5)
    assert not weight.set_value(float("nan"))
    assert weight.value() == 55.0


def test_lymphocyte_count_shown_is_the_count_used_after_unit_switches(qtbot, tmp_path):
    """cells/µL → ×10⁹/L → cells/µL is exact, and the spin box always shows the value the engine uses (755
    cells/µL came back as 0.76 ×10⁹/L on screen while 0.755 was used)."""
    from atgdesk import paths
    from atgdesk.core import scenario as sc
    from atgdesk.ui.calculator_view import CalculatorView
    view = CalculatorView(paths.models_dir(), paths.data_dir(), None)
    qtbot.addWidget(view)
    view.alc_unit_combo.setCurrentIndex(view.alc_unit_combo.findData(sc.ALC_PER_UL))
    view.alc.spin.setValue(755.0)
    view.alc_unit_combo.setCurrentIndex(view.alc_unit_combo.findData(sc.ALC_PER_NL))
    assert view.inputs().alc_value == pytest.approx(0.755)
    assert view.alc.spin.value() == view.inputs().alc_value
    assert view.result().covariates["alc_per_nl"] == pytest.approx(0.755)
    view.alc_unit_combo.setCurrentIndex(view.alc_unit_combo.findData(sc.ALC_PER_UL))
    assert view.alc.spin.value() == view.inputs().alc_value == pytest.approx(755.0)
