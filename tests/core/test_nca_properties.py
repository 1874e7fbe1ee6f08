"""Hypothesis properties of the NCA: non-negative finite AUCs, additivity of the split, exactness on exponentials."""

from __future__ import annotations

import math

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from atgdesk.core.nca import auc_between, nca, terminal_phase

times = st.lists(st.floats(-20, 120, allow_nan=False), min_size=2, max_size=25, unique=True).map(sorted)


@st.composite
def profiles(draw):
    t = np.array(draw(times))
    # keep distinct times at least 1e-3 day apart (a real sampling schedule)
    t = t[np.concatenate([[True], np.diff(t) > 1e-3])]
    if t.size < 2:
        t = np.array([t[0], t[0] + 1.0])
    c = np.array(draw(st.lists(st.floats(0, 1e4, allow_nan=False), min_size=t.size, max_size=t.size)))
    return t, c


@settings(max_examples=200, deadline=None)
@given(profiles(), st.floats(0.5, 200))
def test_aucs_are_finite_and_non_negative(profile, horizon):
    t, c = profile
    r = nca((t, c), horizon_day=horizon)
    for value in (r.auc_observed, r.auc_pre_observed, r.auc_post_observed, r.auc_post, r.auc_pre, r.auc_total,
                  r.auc_inf, r.auc_post_extrapolated):
        if value is not None:
            assert math.isfinite(value) and value >= 0


@settings(max_examples=200, deadline=None)
@given(profiles(), st.floats(-30, 130))
def test_split_anywhere_adds_up_to_the_whole(profile, cut):
    t, c = profile
    whole = auc_between(t, c, t[0], t[-1])
    parts = auc_between(t, c, t[0], cut) + auc_between(t, c, cut, t[-1])
    assert math.isclose(parts, whole, rel_tol=1e-12, abs_tol=1e-9)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.floats(-5, 60, allow_nan=False), min_size=4, max_size=15, unique=True).map(sorted),
    st.floats(1e-3, 2.0),            # λ, 1/day (half-lives 0.35–690 days)
    st.floats(1e-2, 1e3),            # C at the first level
)
def test_log_down_is_exact_and_lambda_z_recovered_for_mono_exponential_data(t_list, lam, c0):
    t = np.array(t_list)
    if np.any(np.diff(t) < 1e-2):
        return
    c = c0 * np.exp(-lam * (t - t[0]))
    exact = c0 / lam * (-math.expm1(-lam * (t[-1] - t[0])))
    assert math.isclose(auc_between(t, c, t[0], t[-1]), exact, rel_tol=1e-10)
    term = terminal_phase(t, c)
    assert term is not None
    assert math.isclose(term.lambda_z_per_day, lam, rel_tol=1e-10)
    assert term.n_points == t.size - 1  # every point after the peak: all lie on the line
    # Observed + extrapolated post-HCT AUC equals the analytic integral over [max(t0, 0), horizon].
    r = nca((t, c), horizon_day=100.0)
    a = max(t[0], 0.0)
    post_exact = c0 / lam * math.exp(-lam * (a - t[0])) * (-math.expm1(-lam * (100.0 - a)))
    assert math.isclose(r.auc_post, post_exact, rel_tol=1e-10)


def test_steep_fall_cut_by_the_horizon_integrates_without_underflow():
    """Found by Hypothesis: 618 falling to 5e-324 over 131 days, cut at day 115. The interpolated level at the cut
    underflows to 0, and the two-log segment rule raised a math domain error."""
    t = np.array([-15.0, 116.0, 117.0])
    c = np.array([618.0, 5e-324, 0.0])
    rate = (math.log(618.0) - math.log(5e-324)) / 131.0
    expected = 618.0 * (1.0 - math.exp(-rate * 130.0)) / rate  # exact integral of the exponential to day 115
    assert math.isclose(auc_between(t, c, -15.0, 115.0), expected, rel_tol=1e-12)
    r = nca((t, c), horizon_day=115.0)
    assert all(v is None or (math.isfinite(v) and v >= 0) for v in (r.auc_observed, r.auc_post, r.auc_total))
