import numpy as np
import pytest
from pk_testmodels import SHIPPED, make_model

from atgdesk.core.metrics import exposure_metrics, predict, simulation_grid
from atgdesk.core.model import individual_parameters, load_model
from atgdesk.core.regimen import parse_regimen_spec
from atgdesk.core.simulate import simulate_full

COV = {"weight_kg": 70.0, "alc_per_nl": 0.0}


def _analytic_split(m, reg, horizon):
    p = individual_parameters(m, COV)
    res = simulate_full(m, p, reg, np.array([0.0, horizon]), method="closed")
    return res.cum_auc[0, 0], res.cum_auc[0, 1] - res.cum_auc[0, 0]


def test_engine_auc_split_equals_the_analytic_integral_for_linear_models():
    m = make_model(compartments=2)
    reg = parse_regimen_spec("2.5mg/kg@-3,-2/6h", 70)
    pred = predict(m, COV, reg, horizon_day=100.0)
    pre, post = _analytic_split(m, reg, 100.0)
    assert pred.metrics.auc_method == "engine"
    assert pred.metrics.auc_pre == pytest.approx(pre, rel=1e-12)
    assert pred.metrics.auc_post == pytest.approx(post, rel=1e-12)
    assert pred.metrics.auc_total == pytest.approx(pre + post, rel=1e-12)


def test_hermite_readout_is_accurate_when_split_points_are_not_grid_points():
    m = make_model(compartments=2)
    reg = parse_regimen_spec("2.5mg/kg@-3,-2/6h", 70)
    p = individual_parameters(m, COV)
    t = np.arange(-3.5, 101.0, 0.07)            # neither 0 nor 100 is a grid point
    res = simulate_full(m, p, reg, t)
    me = exposure_metrics(t, res.conc[0], 1.0, 100.0, cum_auc=res.cum_auc[0])
    pre, post = _analytic_split(m, reg, 100.0)
    assert me.auc_pre == pytest.approx(pre, rel=1e-7)
    assert me.auc_post == pytest.approx(post, rel=1e-7)


def test_trapezoid_on_the_standard_grid_is_within_its_documented_error():
    m = make_model(compartments=2)
    reg = parse_regimen_spec("2.5mg/kg@-3,-2/6h", 70)
    pred = predict(m, COV, reg)
    trap = exposure_metrics(pred.t_day, pred.conc, 1.0, 100.0)
    assert trap.auc_method == "trapezoid"
    assert trap.auc_post == pytest.approx(pred.metrics.auc_post, rel=1e-3)
    assert trap.auc_pre == pytest.approx(pred.metrics.auc_pre, rel=1e-3)


def test_cmax_day_below_and_conc_at():
    m = load_model(SHIPPED)
    reg = parse_regimen_spec("2.5mg/kg@-3,-2/6h,4h", 72)
    pred = predict(m, COV | {"weight_kg": 72.0}, reg)
    me = pred.metrics
    assert me.tmax_day == pytest.approx(reg.last_end_day)        # peak at the end of the last infusion
    d = me.day_below_threshold
    assert d is not None and 0 < d < 100
    assert me.conc_at(d) == pytest.approx(1.0, rel=1e-3)
    later = pred.t_day[pred.t_day > d]
    assert np.all(me.conc_at(later) < 1.0)
    assert me.conc_at(-10.0) == 0.0
    with pytest.raises(ValueError, match="days"):
        me.conc_at(1000.0)


def test_day_below_threshold_none_when_still_above_and_ref_when_never_above():
    t = np.linspace(0, 10, 11)
    c = np.full(11, 5.0)
    assert exposure_metrics(t, c, 1.0, 10.0, last_dose_end_day=0).day_below_threshold is None
    low = np.full(11, 0.5)
    assert exposure_metrics(t, low, 1.0, 10.0, last_dose_end_day=2.0).day_below_threshold == 2.0
    decay = 8.0 * np.exp(-np.log(2) * t)       # 8 → 1 at t = 3 exactly (log-linear interpolation is exact)
    assert exposure_metrics(t, decay, 1.0, 10.0, last_dose_end_day=0).day_below_threshold == pytest.approx(3.0)


def test_metrics_reject_bad_input_by_name():
    t = np.linspace(0, 10, 11)
    with pytest.raises(ValueError, match="conc"):
        exposure_metrics(t, np.ones(5))
    with pytest.raises(ValueError, match="threshold"):
        exposure_metrics(t, np.ones(11), threshold=0.0, horizon_day=10)
    with pytest.raises(ValueError, match="horizon_day"):
        exposure_metrics(t, np.ones(11), horizon_day=50)
    with pytest.raises(ValueError, match="conc"):
        exposure_metrics(t, np.full(11, np.nan), horizon_day=10)


def test_simulation_grid_contains_breakpoints_day0_and_horizon():
    reg = parse_regimen_spec("2.5mg/kg@-3,-2/6h,4h", 70)
    g = simulation_grid(reg, 100.0, 0.05)
    for x in list(reg.breakpoints_day()) + [0.0, 100.0]:
        assert x in g
    assert np.all(np.diff(g) > 0) and g[-1] == 100.0
