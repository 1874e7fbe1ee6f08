import numpy as np
import pytest
from pk_testmodels import ROOT, SHIPPED, make_model

from atgdesk.core.dosefind import attainment_by_factor, dose_for_auc, dose_for_window
from atgdesk.core.exposure_map import exposure_map
from atgdesk.core.model import individual_parameters, load_model
from atgdesk.core.population import sample_population
from atgdesk.core.regimen import parse_dose_schedule
from atgdesk.core.simulate import exposure_aucs
from atgdesk.core.targets import find_target, load_targets

MODEL = load_model(SHIPPED)
SCHED = parse_dose_schedule("2.5mg/kg@-3,-2/6h,4h")
COV = {"weight_kg": 75.0, "alc_per_nl": 0.2}


def test_dose_for_window_puts_typical_auc_mid_window():
    w = find_target(load_targets(ROOT / "data" / "targets.toml"), "admiraal2017-adult-ud-nma")
    prop = dose_for_window(MODEL, SCHED, w, covariates=COV)
    assert prop.achieved_auc_post == pytest.approx(77.5, rel=1e-4)
    p = individual_parameters(MODEL, COV)
    check = exposure_aucs(MODEL, p, prop.schedule.regimen(75.0))[1][0]
    assert check == pytest.approx(prop.achieved_auc_post, rel=1e-9)
    assert prop.adjusted > 1.0                       # 47-ish at 5 mg/kg: a higher dose is needed


def test_linear_model_dose_factor_is_the_auc_ratio():
    m = make_model(compartments=2)
    sched = parse_dose_schedule("1mg/kg@-3,-2/6h")
    cov = {"weight_kg": 70.0, "alc_per_nl": 0.0}
    base = exposure_aucs(m, individual_parameters(m, cov), sched.regimen(70.0))[1][0]
    prop = dose_for_auc(m, sched, 2.5 * base, covariates=cov)
    assert prop.adjusted == pytest.approx(2.5, rel=1e-5)


def test_last_dose_mode_and_unreachable_targets():
    prop = dose_for_auc(MODEL, SCHED, 60.0, mode="last_dose", covariates=COV)
    assert prop.schedule.items[0].mg_per_kg == SCHED.items[0].mg_per_kg
    assert prop.achieved_auc_post == pytest.approx(60.0, rel=1e-4)
    with pytest.raises(ValueError, match="target_auc_post"):
        dose_for_auc(MODEL, SCHED, 1e6, covariates=COV)
    w = find_target(load_targets(ROOT / "data" / "targets.toml"), "oostenbrink2024-atlg-day-below-1")
    with pytest.raises(ValueError, match="target: product"):
        dose_for_window(MODEL, SCHED, w, covariates=COV)


def test_median_basis_and_pta_maximiser():
    pop = sample_population(MODEL, 2000, {"weight_kg": 75.0, "alc_per_nl": 0.2}, seed=5)
    prop = dose_for_auc(MODEL, SCHED, 77.5, population=pop)
    assert prop.basis == "median" and prop.achieved_auc_post == pytest.approx(77.5, rel=1e-3)
    window = find_target(load_targets(ROOT / "data" / "targets.toml"), "admiraal2017-adult-ud-nma")
    factors = np.arange(0.5, 3.01, 0.25)
    att, median = attainment_by_factor(pop, SCHED, 75.0, window, factors)
    assert att.shape == median.shape == factors.shape and np.all((0 <= att) & (att <= 1)) and att.max() > 0
    assert np.all(np.diff(median) > 0)  # exposure rises with dose
    # the stacked run equals one population run per factor
    for i in (0, 4, 10):
        one = exposure_aucs(MODEL, pop.params, SCHED.with_scaled_doses(factors[i]).regimen(75.0))[1]
        assert median[i] == pytest.approx(float(np.median(one)), rel=1e-6)


def test_exposure_map_equals_patient_by_patient_and_follows_c4_directions():
    w = np.array([40.0, 70.0, 100.0])
    alc = np.array([0.0, 2.0, 5.0])
    em = exposure_map(MODEL, SCHED, w, alc)
    assert em.auc_post.shape == (3, 3)
    for i, a in enumerate(alc):
        for j, wj in enumerate(w):
            p = individual_parameters(MODEL, {"weight_kg": wj, "alc_per_nl": a})
            ref = exposure_aucs(MODEL, p, SCHED.regimen(wj))[1][0]
            assert em.auc_post[i, j] == pytest.approx(ref, rel=1e-5)
    assert np.all(np.diff(em.auc_post, axis=1) > 0)    # higher weight → higher AUC under mg/kg dosing
    assert np.all(np.diff(em.auc_post, axis=0) < 0)    # higher lymphocyte count → lower AUC
