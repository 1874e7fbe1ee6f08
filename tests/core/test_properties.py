"""Hypothesis properties of the engine (nonlinear shipped model and linear test model)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from pk_testmodels import SHIPPED, make_model

from atgdesk.core.model import individual_parameters, load_model
from atgdesk.core.regimen import Administration, Regimen
from atgdesk.core.simulate import exposure_aucs, simulate

SHIPPED_MODEL = load_model(SHIPPED)
LINEAR = make_model(compartments=2)
MODELS = st.sampled_from([SHIPPED_MODEL, LINEAR])

doses = st.lists(
    st.tuples(st.floats(-10, 5, allow_nan=False), st.floats(0.0, 2000.0, allow_nan=False),
              st.floats(0.0, 1.0, allow_nan=False)),
    min_size=1, max_size=5)
covs = st.fixed_dictionaries({"weight_kg": st.floats(2.0, 250.0), "alc_per_nl": st.floats(0.0, 50.0)})


def _regimen(ds):
    return Regimen(tuple(Administration(s, a, d) for s, a, d in ds))


@settings(max_examples=40, deadline=None)
@given(model=MODELS, ds=doses, cov=covs)
def test_concentrations_are_finite_and_non_negative(model, ds, cov):
    p = individual_parameters(model, cov)
    t = np.linspace(-11.0, 60.0, 300)
    c = simulate(model, p, _regimen(ds), t)
    assert np.all(np.isfinite(c))
    assert np.all(c >= -1e-9 * max(1.0, c.max()))


@settings(max_examples=30, deadline=None)
@given(model=MODELS, ds=doses, cov=covs, factor=st.floats(1.0, 5.0))
def test_auc_is_non_decreasing_in_dose(model, ds, cov, factor):
    p = individual_parameters(model, cov)
    reg = _regimen(ds)
    pre1, post1 = exposure_aucs(model, p, reg)
    pre2, post2 = exposure_aucs(model, p, reg.scaled(factor))
    tol = 1e-6 * max(1.0, pre2[0] + post2[0])
    assert pre2[0] + post2[0] >= pre1[0] + post1[0] - tol
    assert post2[0] >= post1[0] - tol


pre_hct_doses = st.lists(
    st.tuples(st.floats(-10, -1.5, allow_nan=False), st.floats(0.0, 2000.0, allow_nan=False),
              st.floats(0.0, 0.5, allow_nan=False)),
    min_size=1, max_size=5)


@settings(max_examples=30, deadline=None)
@given(model=MODELS, ds=pre_hct_doses, cov=covs, shift=st.floats(0.0, 1.0))
def test_shifting_a_schedule_later_never_lowers_post_hct_auc(model, ds, cov, shift):
    """Conditioning schedules (every infusion over by day 0, also after the shift); fixed horizon day 100."""
    p = individual_parameters(model, cov)
    reg = _regimen(ds)
    post_early = exposure_aucs(model, p, reg, 100.0)[1][0]
    post_late = exposure_aucs(model, p, reg.shifted(shift), 100.0)[1][0]
    assert post_late >= post_early - 1e-7 * max(1.0, post_early)
