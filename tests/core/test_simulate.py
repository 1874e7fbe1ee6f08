"""Engine accuracy: closed forms, AUC = dose/CL, superposition, mass balance, agreement with solve_ivp."""

import numpy as np
import pytest
from pk_testmodels import make_model
from scipy.integrate import solve_ivp
from scipy.linalg import expm

from atgdesk.core.model import individual_parameters
from atgdesk.core.regimen import Administration, Regimen, parse_regimen_spec
from atgdesk.core.simulate import exposure_aucs, simulate, simulate_full, simulate_patient

COV = {"weight_kg": 70.0, "alc_per_nl": 0.0}
T = np.linspace(-5.0, 60.0, 1301)


def _one_comp_infusion(t, amount, start, dur, cl, v):
    """Textbook 1-compartment zero-order infusion (written independently of the engine)."""
    k = cl / v
    r = amount / dur
    tau = t - start
    c = np.where(tau <= 0, 0.0,
                 np.where(tau < dur, r / cl * (1 - np.exp(-k * tau)),
                          r / cl * (1 - np.exp(-k * dur)) * np.exp(-k * (tau - dur))))
    return c


def test_one_compartment_infusions_match_the_textbook_formula():
    m = make_model(compartments=1)
    reg = parse_regimen_spec("2.5mg/kg@-3,-2/6h", 70)
    p = individual_parameters(m, COV)
    c = simulate(m, p, reg, T)[0]
    ref = sum(_one_comp_infusion(T, a.amount, a.start_day, a.duration_day, p["cl"][0], p["v1"][0])
              for a in reg.administrations)
    np.testing.assert_allclose(c, ref, rtol=1e-9, atol=1e-12 * ref.max())


def _expm_reference(m, p, reg, t):
    """2-compartment amounts propagated exactly with the matrix exponential of the augmented system."""
    cl, v1, q, v2 = (float(p[k][0]) for k in ("cl", "v1", "q", "v2"))
    k = np.array([[-(cl + q) / v1, q / v2], [q / v1, -q / v2]])
    out = []
    for ti in t:
        y = np.zeros(2)
        events = sorted({a.start_day for a in reg.administrations} | {a.end_day for a in reg.administrations})
        tc = events[0]
        for e in [x for x in events[1:] if x < ti] + [ti]:
            if e <= tc:
                continue
            rate = sum(a.amount / a.duration_day for a in reg.administrations if a.start_day <= tc < a.end_day)
            aug = np.zeros((3, 3))
            aug[:2, :2] = k
            aug[0, 2] = rate
            y = (expm(aug * (e - tc)) @ np.append(y, 1.0))[:2]
            tc = e
        out.append(y[0] / v1 if ti > events[0] else 0.0)
    return np.array(out)


def test_two_compartment_closed_form_matches_matrix_exponential():
    m = make_model(compartments=2)
    reg = parse_regimen_spec("1.5mg/kg@-4..-1/6h,4h,4h,4h", 70)
    p = individual_parameters(m, COV)
    t = np.array([-3.9, -3.8, -3.5, -1.9, -0.9, 0.0, 0.5, 3.0, 10.0, 40.0])
    c = simulate(m, p, reg, t)[0]
    ref = _expm_reference(m, p, reg, t)
    np.testing.assert_allclose(c, ref, rtol=1e-6)


@pytest.mark.parametrize("compartments", [1, 2])
def test_linear_total_auc_equals_dose_over_clearance(compartments):
    m = make_model(compartments=compartments, scale=2.5)
    reg = parse_regimen_spec("2.5mg/kg@-3,-2/6h", 70)
    p = individual_parameters(m, COV)
    res = simulate_full(m, p, reg, np.array([0.0, 5000.0]))
    assert res.cum_auc[0, -1] == pytest.approx(2.5 * reg.total_amount / p["cl"][0], rel=1e-12)


def test_closed_form_and_ode_agree_for_a_linear_model():
    m = make_model(compartments=2)
    reg = parse_regimen_spec("2.5mg/kg@-3,-2/6h;30mg@-1/0h", 70)
    w = np.array([40.0, 70.0, 120.0])
    p = individual_parameters(m, {"weight_kg": w, "alc_per_nl": 0.5})
    a = simulate_full(m, p, reg, T, method="closed")
    b = simulate_full(m, p, reg, T, method="ode", rtol=1e-10)
    np.testing.assert_allclose(b.conc, a.conc, rtol=1e-6, atol=1e-9)
    np.testing.assert_allclose(b.cum_auc, a.cum_auc, rtol=1e-7, atol=1e-9)


def test_superposition_of_separate_doses():
    m = make_model(compartments=2)
    p = individual_parameters(m, COV)
    d1 = Administration(-3.0, 150.0, 0.25)
    d2 = Administration(-1.5, 90.0, 1 / 6)
    both = simulate(m, p, Regimen((d1, d2)), T)
    alone = simulate(m, p, Regimen((d1,)), T) + simulate(m, p, Regimen((d2,)), T)
    np.testing.assert_allclose(both, alone, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("elimination, distribution", [("linear", "linear"), ("linear+mm", "linear"),
                                                       ("mm", "saturable"), ("linear+mm", "saturable")])
def test_mass_balance_amount_in_body_plus_eliminated_equals_dose_given(elimination, distribution):
    m = make_model(compartments=2, elimination=elimination, distribution=distribution)
    reg = parse_regimen_spec("2.5mg/kg@-3,-2/6h", 70)
    p = individual_parameters(m, {"weight_kg": 70.0, "alc_per_nl": 0.0} if elimination != "mm" else
                              {"weight_kg": 70.0})
    t = np.linspace(-3.0, 30.0, 400)
    res = simulate_full(m, p, reg, t, method="ode", return_states=True, rtol=1e-10)
    s = res.states
    given = np.array([sum(a.amount * np.clip((ti - a.start_day) / a.duration_day, 0, 1)
                          for a in reg.administrations) for ti in t])
    np.testing.assert_allclose(s["a1"][0] + s["a2"][0] + s["eliminated"][0], given, rtol=1e-8, atol=1e-8)


def _reference_solve_ivp(m, p, reg, t_end):
    """Per-patient scipy reference at rtol 1e-10, piecewise between infusion breakpoints."""
    par = {k: float(v[0]) for k, v in p.items()}
    s = m.amount_to_concentration

    def f(t, y, rate):
        c1 = s * y[0] / par["v1"]
        elim = (par["cl"] * y[0] / par["v1"] if "cl" in par else 0.0)
        if "vmax" in par:
            elim += par["vmax"] * c1 / (par["km"] + c1)
        if m.distribution == "saturable":
            to_p = par["tm"] * c1 / (par["kmd"] + c1)
        else:
            to_p = par["q"] * y[0] / par["v1"]
        back = par["q"] * y[1] / par["v2"]
        return [rate - elim - to_p + back, to_p - back, c1]

    events = sorted({a.start_day for a in reg.administrations} | {a.end_day for a in reg.administrations}
                    | {0.0, t_end})
    y = np.zeros(3)
    auc0 = None
    for a, b in zip(events[:-1], events[1:], strict=True):
        rate = sum(x.amount / x.duration_day for x in reg.administrations if x.start_day <= a < x.end_day)
        sol = solve_ivp(f, (a, b), y, args=(rate,), rtol=1e-10, atol=1e-12, method="DOP853")
        y = sol.y[:, -1]
        if b == 0.0:
            auc0 = y[2]
    return auc0, y[2] - auc0, s * y[0] / par["v1"]


@pytest.mark.parametrize("distribution", ["linear", "saturable"])
def test_nonlinear_engine_agrees_with_solve_ivp_at_tight_tolerance(distribution):
    m = make_model(compartments=2, elimination="linear+mm", distribution=distribution)
    reg = parse_regimen_spec("2.5mg/kg@-4..-1/6h,4h,4h,4h", 70)
    p = individual_parameters(m, COV)
    pre_ref, post_ref, c_end_ref = _reference_solve_ivp(m, p, reg, 100.0)
    pre, post = exposure_aucs(m, p, reg, 100.0)
    assert pre[0] == pytest.approx(pre_ref, rel=1e-3)     # the bar: within 0.1 %
    assert post[0] == pytest.approx(post_ref, rel=1e-3)
    assert pre[0] == pytest.approx(pre_ref, rel=1e-6)     # what the engine actually achieves
    assert post[0] == pytest.approx(post_ref, rel=1e-6)
    c_end = simulate(m, p, reg, np.array([100.0]))[0, 0]
    assert c_end == pytest.approx(c_end_ref, rel=1e-5, abs=1e-8)   # ~3e-7 AU/mL by day 100


def test_dense_output_between_steps_matches_the_reference_curve():
    m = make_model(compartments=2, elimination="linear+mm")
    reg = parse_regimen_spec("2.5mg/kg@-3,-2/6h", 70)
    p = individual_parameters(m, COV)
    t = np.linspace(-3.0, 40.0, 173)
    c = simulate(m, p, reg, t)[0]
    par = {k: float(v[0]) for k, v in p.items()}

    def f(tt, y):
        rate = sum(a.amount / a.duration_day for a in reg.administrations if a.start_day <= tt < a.end_day)
        c1 = y[0] / par["v1"]
        elim = par["cl"] * c1 + par["vmax"] * c1 / (par["km"] + c1)
        net = par["q"] * c1 - par["q"] * y[1] / par["v2"]
        return [rate - elim - net, net]
    ref = solve_ivp(f, (-3.0, 40.0), [0.0, 0.0], t_eval=t, rtol=1e-11, atol=1e-12, method="DOP853",
                    max_step=1 / 48).y[0] / par["v1"]
    np.testing.assert_allclose(c, ref, rtol=1e-4, atol=1e-6)


def test_vectorised_population_equals_patient_by_patient():
    m = make_model(compartments=2, elimination="linear+mm")
    reg = parse_regimen_spec("2.5mg/kg@-3,-2/6h", 70)
    w = np.array([40.0, 70.0, 110.0])
    p = individual_parameters(m, {"weight_kg": w, "alc_per_nl": 0.0})
    t = np.array([-2.0, 0.0, 7.0, 30.0])
    allc = simulate(m, p, reg, t, rtol=1e-10)
    for i, wi in enumerate(w):
        one = simulate_patient(m, {"weight_kg": wi, "alc_per_nl": 0.0}, reg, t)
        np.testing.assert_allclose(allc[i], one, rtol=1e-6)


def test_simulate_rejects_bad_inputs_naming_them():
    m = make_model()
    reg = parse_regimen_spec("1mg@0/1h", 70)
    p = individual_parameters(m, COV)
    with pytest.raises(ValueError, match="t_day"):
        simulate(m, p, reg, np.array([1.0, 0.0]))
    with pytest.raises(ValueError, match="params"):
        simulate(m, {"cl": p["cl"]}, reg, T)
    with pytest.raises(ValueError, match="amounts"):
        simulate(m, p, reg, T, amounts=np.ones((1, 3)))
    with pytest.raises(ValueError, match="horizon_day"):
        exposure_aucs(m, p, reg, -1.0)
