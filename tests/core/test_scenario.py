"""core.scenario: explicit lymphocyte units, schedules, payload round trip, and agreement with the engine."""

from __future__ import annotations

from decimal import Decimal

import numpy as np
import pytest

from atgdesk import paths
from atgdesk.core import scenario as sc
from atgdesk.core.metrics import predict
from atgdesk.core.model import list_models
from atgdesk.core.simulate import exposure_aucs


@pytest.fixture(scope="module")
def model():
    models, _errors = list_models(paths.models_dir())
    assert models, "the shipped illustrative model must load"
    return models[0]


def test_alc_convert_is_exact_and_explicit():
    assert sc.alc_convert(0.56, sc.ALC_PER_NL, sc.ALC_PER_UL) == pytest.approx(560.0)
    assert sc.alc_convert(560.0, sc.ALC_PER_UL, sc.ALC_PER_NL) == pytest.approx(0.56)
    assert sc.alc_per_nl(1.2, sc.ALC_PER_NL) == 1.2
    with pytest.raises(ValueError, match="unit"):
        sc.alc_convert(1.0, "G/L", sc.ALC_PER_NL)
    with pytest.raises(ValueError, match="≥ 0"):
        sc.alc_convert(-1.0, sc.ALC_PER_NL, sc.ALC_PER_UL)
    with pytest.raises(ValueError, match="finite"):
        sc.alc_convert(float("inf"), sc.ALC_PER_NL, sc.ALC_PER_UL)


def test_dose_schedule_builder_and_table():
    s = sc.dose_schedule(sc.ScenarioInputs(dose_mg_per_kg=2.5, n_days=3, first_day=-4, first_infusion_h=6,
                                           infusion_h=4))
    assert [it.day for it in s.items] == [-4.0, -3.0, -2.0]
    assert [it.duration_h for it in s.items] == [6.0, 4.0, 4.0]
    assert s.total_mg(70.0) == Decimal("525.0")
    t = sc.dose_schedule(sc.ScenarioInputs(per_day=((-3, 2.5, 6), (-2, 1.25, 4))))
    assert t.total_mg_per_kg(80.0) == Decimal("3.75")
    with pytest.raises(ValueError, match="twice"):
        sc.dose_schedule(sc.ScenarioInputs(per_day=((-3, 2.5, 6), (-3, 1.0, 4))))


def test_payload_round_trip_and_rejects_unknown():
    inputs = sc.ScenarioInputs(product_id="p", model_id="m", weight_kg=81.5, alc_value=560.0,
                               alc_unit=sc.ALC_PER_UL, per_day=((-3.0, 2.5, 6.0),), custom_window=(60.0, 95.0))
    back = sc.inputs_from_payload(sc.inputs_to_payload(inputs))
    assert back == inputs
    payload = sc.inputs_to_payload(inputs)
    payload["inputs"]["dose_mg"] = 1
    with pytest.raises(ValueError, match="unknown field"):
        sc.inputs_from_payload(payload)
    with pytest.raises(ValueError, match="not a calculator scenario"):
        sc.inputs_from_payload({"kind": "x"})


def test_evaluate_equals_engine_predict(model):
    inputs = sc.ScenarioInputs(product_id=model.product, model_id=model.id, weight_kg=82.0, alc_value=900.0,
                               alc_unit=sc.ALC_PER_UL, dose_mg_per_kg=2.0, n_days=2, first_day=-3)
    res = sc.evaluate(model, inputs)
    regimen = sc.dose_schedule(inputs).regimen(82.0)
    direct = predict(model, {"weight_kg": 82.0, "alc_per_nl": 0.9}, regimen, 100.0, 1.0,
                     step_day=sc.DISPLAY_STEP_DAY)
    np.testing.assert_array_equal(res.t_day, direct.t_day)
    np.testing.assert_array_equal(res.conc, direct.conc)
    assert res.metrics.auc_post == direct.metrics.auc_post


def test_one_covariate_mapping_for_numbers_and_grids():
    names = ("alc", "ibw_kg", "weight_kg")
    out = sc.map_covariates(names, 70.0, 0.4, ibw_kg=61.0)
    assert out == {"alc": 0.4, "ibw_kg": 61.0, "weight_kg": 70.0}
    grid = sc.map_covariates(("tbw_kg", "alc_per_nl"), np.array([50.0, 60.0]), np.array([0.1, 0.2]))
    np.testing.assert_array_equal(grid["tbw_kg"], [50.0, 60.0])
    with pytest.raises(ValueError, match="ibw_kg: the model needs height and sex"):
        sc.map_covariates(("ibw_kg",), 70.0, 0.4)
    with pytest.raises(ValueError, match="albumin"):
        sc.map_covariates(("albumin",), 70.0, 0.4)
    assert sc.map_covariates(("albumin",), other={"albumin": 35.0}) == {"albumin": 35.0}


def test_exposure_map_matches_single_patients(model):
    inputs = sc.ScenarioInputs(product_id=model.product, model_id=model.id, dose_mg_per_kg=2.5, n_days=2,
                               first_day=-3)
    weights, alcs = np.array([50.0, 90.0]), np.array([0.1, 3.0, 6.0])
    emap = sc.exposure_map(model, inputs, weights, alcs)
    assert emap.auc_post.shape == (3, 2)
    for i, a in enumerate(alcs):
        for j, w in enumerate(weights):
            one = inputs.with_(weight_kg=float(w), alc_value=float(a))
            from atgdesk.core.model import individual_parameters
            params = individual_parameters(model, {"weight_kg": w, "alc_per_nl": a})
            _pre, post = exposure_aucs(model, params, sc.regimen_for(one), 100.0)
            assert emap.auc_post[i, j] == pytest.approx(post[0], rel=1e-6)


def test_uncertainty_band_and_pta(model):
    inputs = sc.ScenarioInputs(product_id=model.product, model_id=model.id, dose_mg_per_kg=2.5, n_days=2,
                               first_day=-3, alc_value=0.2)
    from pk_testmodels import ROOT

    from atgdesk.core.targets import find_target, load_targets
    target = find_target(load_targets(ROOT / "data" / "targets.toml"), "admiraal2017-adult-ud-nma")
    u = sc.uncertainty(model, inputs, target, n=400)
    assert u.lower.shape == u.t_day.shape == u.upper.shape
    assert np.all(u.lower <= u.median + 1e-12) and np.all(u.median <= u.upper + 1e-12)
    assert 0.0 <= u.pta <= 1.0
    assert u.auc_post_p5 <= u.auc_post_median <= u.auc_post_p95
