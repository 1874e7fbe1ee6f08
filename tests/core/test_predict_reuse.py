"""predict reuses the last one-patient simulation only when everything the engine reads is equal."""

import dataclasses

import numpy as np
import pytest
from pk_testmodels import SHIPPED

from atgdesk.core import metrics
from atgdesk.core.model import load_model
from atgdesk.core.regimen import parse_regimen_spec

MODEL = load_model(SHIPPED)
COV = {"weight_kg": 70.0, "alc_per_nl": 0.5}
REG = parse_regimen_spec("2.5mg/kg@-4,-3,-2/6h", 70)


@pytest.fixture
def runs(monkeypatch):
    """Counts the engine's simulations (the cache starts empty)."""
    calls = []
    original = metrics.simulate_full

    def spy(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(metrics, "simulate_full", spy)
    monkeypatch.setattr(metrics, "_last_simulation", None)
    return calls


def _fresh(model, cov, reg, horizon=100.0, threshold=1.0, step=0.2):
    """The same prediction with the cache emptied first."""
    metrics._last_simulation = None
    return metrics.predict(model, cov, reg, horizon, threshold, step)


def test_same_inputs_reuse_the_curve_and_a_new_threshold_needs_no_new_simulation(runs):
    first = metrics.predict(MODEL, COV, REG, 100.0, 1.0, 0.2)
    again = metrics.predict(MODEL, dict(COV), parse_regimen_spec("2.5mg/kg@-4,-3,-2/6h", 70), 100.0, 1.0, 0.2)
    other_threshold = metrics.predict(MODEL, COV, REG, 100.0, 5.0, 0.2)
    assert len(runs) == 1
    np.testing.assert_array_equal(again.conc, first.conc)
    assert other_threshold.metrics.day_below_threshold < first.metrics.day_below_threshold
    expected = _fresh(MODEL, COV, REG, threshold=5.0)
    assert other_threshold.metrics.as_dict() == expected.metrics.as_dict()


@pytest.mark.parametrize("change", ["weight", "alc", "dose", "day", "horizon", "step", "model object"])
def test_any_changed_input_simulates_again(runs, change):
    metrics.predict(MODEL, COV, REG, 100.0, 1.0, 0.2)
    model, cov, reg, horizon, step = MODEL, dict(COV), REG, 100.0, 0.2
    if change == "weight":
        cov["weight_kg"] = 70.5
    elif change == "alc":
        cov["alc_per_nl"] = 0.51
    elif change == "dose":
        reg = parse_regimen_spec("2.5mg/kg@-4,-3,-2/6h", 70.5)
    elif change == "day":
        reg = parse_regimen_spec("2.5mg/kg@-5,-3,-2/6h", 70)
    elif change == "horizon":
        horizon = 60.0
    elif change == "step":
        step = 0.1
    else:  # an equal model read again is another object: never mistaken for the first
        model = dataclasses.replace(MODEL)
    pred = metrics.predict(model, cov, reg, horizon, 1.0, step)
    assert len(runs) == 2
    expected = _fresh(model, cov, reg, horizon, 1.0, step)
    np.testing.assert_array_equal(pred.conc, expected.conc)
    assert pred.metrics.as_dict() == expected.metrics.as_dict()


def test_shared_arrays_cannot_be_changed(runs):
    pred = metrics.predict(MODEL, COV, REG, 100.0, 1.0, 0.2)
    with pytest.raises(ValueError):
        pred.conc[0] = 1.0
