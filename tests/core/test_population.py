import numpy as np
import pytest
from pk_testmodels import SHIPPED, make_model

from atgdesk.core.model import load_model
from atgdesk.core.population import (
    NormalCovariate,
    percentile_band,
    population_aucs,
    pta,
    sample_population,
)
from atgdesk.core.regimen import parse_dose_schedule

MODEL = load_model(SHIPPED)
SCHED = parse_dose_schedule("2.5mg/kg@-3,-2/6h,4h")
COVS = {"weight_kg": NormalCovariate(75.0, 17.5, 40.0, 150.0), "alc_per_nl": 0.2}


def test_same_seed_same_population_different_seed_different():
    a = sample_population(MODEL, 500, COVS, seed=7)
    b = sample_population(MODEL, 500, COVS, seed=7)
    c = sample_population(MODEL, 500, COVS, seed=8)
    np.testing.assert_array_equal(a.eta, b.eta)
    np.testing.assert_array_equal(a.covariates["weight_kg"], b.covariates["weight_kg"])
    assert not np.array_equal(a.eta, c.eta)
    w = a.covariates["weight_kg"]
    assert w.min() >= 40 and w.max() <= 150


def test_eta_variance_matches_the_model_omega():
    pop = sample_population(MODEL, 50_000, {"weight_kg": 70.0, "alc_per_nl": 0.2}, seed=1)
    assert np.var(pop.eta, axis=0) == pytest.approx(MODEL.omega2, rel=0.03)


def test_band_percentiles_are_ordered_and_median_near_typical():
    pop = sample_population(MODEL, 1000, {"weight_kg": 70.0, "alc_per_nl": 0.2}, seed=3)
    t = np.linspace(-3, 40, 200)
    band = percentile_band(pop, SCHED, t)
    assert band.values.shape == (5, 200)
    assert np.all(np.diff(band.values, axis=0) >= -1e-12)
    typical = sample_population(MODEL, 1, {"weight_kg": 70.0, "alc_per_nl": 0.2}, variability=False)
    tc = percentile_band(typical, SCHED, t).percentile(50)
    k = np.argmax(tc)
    assert band.percentile(50)[k] == pytest.approx(tc[k], rel=0.15)


def test_pta_counts_the_window_with_open_ends():
    v = np.array([10.0, 60.0, 70.0, 95.0, 100.0])
    assert pta(v, 60, 95) == 0.6
    assert pta(v, None, 60) == 0.4
    assert pta(v, 96, None) == 0.2
    with pytest.raises(ValueError, match="window"):
        pta(v, None, None)


def test_population_aucs_use_each_patients_weight_for_mg_per_kg_doses():
    m = make_model(compartments=1)
    pop = sample_population(m, 3, {"weight_kg": np.array([35.0, 70.0, 140.0]), "alc_per_nl": 0.0},
                            variability=False)
    pre, post = population_aucs(pop, parse_dose_schedule("1mg/kg@-1/1h"), 1000.0)
    total = pre + post
    cl = 3.0 * (np.array([35.0, 70.0, 140.0]) / 70) ** 0.75
    np.testing.assert_allclose(total, np.array([35.0, 70.0, 140.0]) / cl, rtol=1e-9)


def test_population_input_errors():
    with pytest.raises(ValueError, match="population"):
        sample_population(MODEL, 0, COVS)
    with pytest.raises(ValueError, match="weight_kg"):
        sample_population(MODEL, 3, {"weight_kg": np.ones(2), "alc_per_nl": 0.0})
    with pytest.raises(ValueError, match="sd"):
        NormalCovariate(70, -1, 40, 100)
