"""The one-patient simulation's work estimate (rate·days) that decides whether the screen may run it on the GUI
thread: zero for linear models, small for the bundled model's patients, above the bound for stiff user models."""

from __future__ import annotations

import math

from pk_testmodels import SHIPPED, make_model, model_dict

from atgdesk.core import scenario as sc
from atgdesk.core.model import load_model, parse_model

INPUTS = sc.ScenarioInputs(product_id="rabbit-thymoglobulin", weight_kg=70.0, dose_mg_per_kg=2.5, n_days=3,
                           first_day=-4.0)


def stiff_model(v1: float, distribution: str = "linear"):
    """The 2-compartment linear+MM test model without covariates or variability, faster with a smaller V1."""
    d = model_dict(elimination="linear+mm", distribution=distribution)
    d["covariate_effects"] = []
    for spec in d["parameters"].values():
        spec.pop("omega_variance", None)
        spec.pop("cv", None)
    d["parameters"]["v1"]["value"] = v1
    return parse_model(d, "stiff.toml")


def test_linear_models_are_never_slow():
    assert sc.stiffness(make_model(elimination="linear"), INPUTS) == 0.0


def test_the_bundled_model_runs_at_once_for_ordinary_patients():
    model = load_model(SHIPPED)
    for weight, alc in [(70.0, 0.2), (40.0, 0.0), (130.0, 5.0), (3.0, 5.0)]:
        assert not sc.is_slow(model, INPUTS.with_(weight_kg=weight, alc_value=alc)), (weight, alc)
    # its most extreme corner (1 kg, 200 ×10⁹/L: ~17,500 rate·days, ~130 ms) goes to the worker, and back at
    # 70 kg it is fast again (the typical parameters kept between calls follow the covariates)
    corner = INPUTS.with_(weight_kg=1.0, alc_value=200.0)
    assert sc.is_slow(model, corner) and sc.stiffness(model, corner) > 100 * sc.stiffness(model, INPUTS)
    assert not sc.is_slow(model, INPUTS)


def test_the_estimate_is_the_rates_at_the_patients_covariates_times_the_days_simulated():
    model = stiff_model(0.1)
    p = {k: v["value"] for k, v in model_dict(elimination="linear+mm")["parameters"].items()}
    rate = p["cl"] / 0.1 + p["q"] / 0.1 + p["q"] / p["v2"] + p["vmax"] / (p["km"] * 0.1)
    assert math.isclose(sc.stiffness(model, INPUTS), rate * (100.0 + 4.0))
    # a longer horizon is more work; a stiffer model (smaller V1) more still
    assert sc.stiffness(model, INPUTS.with_(horizon_day=200.0)) > sc.stiffness(model, INPUTS)
    assert sc.stiffness(stiff_model(0.05), INPUTS) > sc.stiffness(model, INPUTS)
    assert sc.is_slow(model, INPUTS) and not sc.is_slow(stiff_model(5.0), INPUTS)


def test_inputs_that_cannot_be_evaluated_are_not_sent_to_the_worker():
    """Their refusal (a message naming the field) is immediate, so they count as fast."""
    model = stiff_model(0.1)
    assert sc.stiffness(model, INPUTS.with_(n_days=0)) == 0.0
    assert sc.stiffness(model, INPUTS.with_(horizon_day=float("nan"))) == 0.0
