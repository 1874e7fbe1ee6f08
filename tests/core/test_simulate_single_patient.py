"""The one-patient ODE path (Python floats) must give the vectorised path's numbers: same scheme, same steps."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from pk_testmodels import SHIPPED, make_model

from atgdesk.core import simulate as sim
from atgdesk.core.model import individual_parameters, load_model
from atgdesk.core.regimen import Administration, Regimen

NONLINEAR = [
    load_model(SHIPPED),
    make_model(compartments=1, elimination="mm"),
    make_model(compartments=2, elimination="linear+mm", distribution="saturable"),
    make_model(compartments=1, elimination="linear+mm"),  # one compartment with the linear term too
    make_model(compartments=2, elimination="mm"),
]
doses = st.lists(
    st.tuples(st.floats(-10, 5, allow_nan=False), st.floats(0.0, 2000.0, allow_nan=False),
              st.sampled_from([0.0, 1 / 24, 0.25, 0.5])),
    min_size=1, max_size=5)


def _both(model, regimen, cov, t):
    p = individual_parameters(model, cov)
    amt = np.array([[a.amount for a in regimen.administrations]])
    vec = sim._integrate_ode(model, p, regimen, amt, t, sim.DEFAULT_RTOL)
    one = sim._integrate_ode_scalar(model, p, regimen, amt, t, sim.DEFAULT_RTOL)
    return vec, one


@settings(max_examples=25, deadline=None)
@given(model=st.sampled_from(NONLINEAR), ds=doses, weight=st.floats(5.0, 150.0))
def test_single_patient_path_matches_vectorised_path(model, ds, weight):
    regimen = Regimen(tuple(Administration(s, a, d) for s, a, d in ds))
    starts = [s for s, _, _ in ds]
    t = np.unique(np.concatenate([np.linspace(-12.0, 60.0, 241), starts]))  # includes bolus times exactly
    (c1, a1, s1), (c2, a2, s2) = _both(model, regimen, {"weight_kg": weight, "alc_per_nl": 0.3}, t)
    scale_c = max(float(np.max(np.abs(c1))), 1e-300)
    scale_a = max(float(np.max(np.abs(a1))), 1e-300)
    assert np.max(np.abs(c1 - c2)) <= 1e-9 * scale_c
    assert np.max(np.abs(a1 - a2)) <= 1e-9 * scale_a
    assert np.max(np.abs(s1["a1"] - s2["a1"])) <= 1e-9 * max(float(np.max(np.abs(s1["a1"]))), 1e-300)


def test_single_patient_value_at_a_bolus_time_is_the_pre_bolus_state_in_both_paths():
    model = NONLINEAR[0]
    regimen = Regimen((Administration(-9.0, 70.0, 0.0), Administration(-8.0, 140.0, 0.0)))
    t = np.array([-10.0, -9.0, -8.5, -8.0, -7.9, 0.0])
    (c1, _, _), (c2, _, _) = _both(model, regimen, {"weight_kg": 70.0, "alc_per_nl": 0.5}, t)
    np.testing.assert_allclose(c2, c1, rtol=1e-12, atol=0)
    assert c2[0, 3] < c2[0, 2]  # still falling just before the second bolus
    assert c2[0, 4] > c2[0, 3]  # and higher just after it


def test_simulate_full_uses_the_single_patient_path_for_one_patient(monkeypatch):
    calls = []
    original = sim._integrate_ode_scalar

    def spy(*args, **kwargs):
        calls.append(1)
        return original(*args, **kwargs)

    monkeypatch.setattr(sim, "_integrate_ode_scalar", spy)
    model = NONLINEAR[0]
    p = individual_parameters(model, {"weight_kg": 70.0, "alc_per_nl": 0.5})
    regimen = Regimen((Administration(-3.0, 175.0, 0.25),))
    sim.simulate_full(model, p, regimen, np.linspace(-4, 30, 50))
    assert calls == [1]
