"""Non-compartmental analysis: hand-worked examples, the split at day 0, terminal regression, extrapolation."""

from __future__ import annotations

import math

import numpy as np
import pytest

from atgdesk.core.levels import parse_levels_csv
from atgdesk.core.nca import auc_between, interpolate, interval_aucs, nca, terminal_phase

LN2 = math.log(2.0)


def test_interval_aucs_linear_up_log_down_hand_example():
    # t = 0, 1, 2, 4 ; C = 0, 10, 5, 2.5
    # 0→1 rising: linear (0 + 10)/2·1                 = 5
    # 1→2 falling: log (10 − 5)/ln(10/5)·1 = 5/ln 2    = 7.213475204444817
    # 2→4 falling: log (5 − 2.5)/ln 2·2   = 5/ln 2    = 7.213475204444817
    aucs = interval_aucs(np.array([0.0, 1, 2, 4]), np.array([0.0, 10, 5, 2.5]))
    np.testing.assert_allclose(aucs, [5.0, 5 / LN2, 5 / LN2], rtol=1e-14)


def test_falling_to_zero_and_flat_intervals_use_the_linear_rule():
    # 0→1: 4 → 4 flat: 4·1 = 4 ; 1→3: 4 → 0 (log undefined at 0): (4 + 0)/2·2 = 4
    aucs = interval_aucs(np.array([0.0, 1, 3]), np.array([4.0, 4, 0]))
    np.testing.assert_allclose(aucs, [4.0, 4.0], rtol=1e-15)


def test_split_at_day_0_of_a_falling_interval_interpolates_logarithmically():
    # t = −2, 2 ; C = 8, 2 (falling → exponential).  C(0) = 8·(2/8)^(2/4) = 4.
    # pre  = (8 − 4)/ln 2·2  = 8/ln 2  = 11.541560327111707
    # post = (4 − 2)/ln 2·2  = 4/ln 2  =  5.770780163555854
    # whole = (8 − 2)/ln 4·4 = 12/ln 2 = 17.312340490667562  (= pre + post)
    t, c = np.array([-2.0, 2.0]), np.array([8.0, 2.0])
    assert interpolate(t, c, 0.0) == pytest.approx(4.0, rel=1e-15)
    r = nca((t, c), horizon_day=2.0)
    assert r.auc_pre_observed == pytest.approx(8 / LN2, rel=1e-14)
    assert r.auc_post_observed == pytest.approx(4 / LN2, rel=1e-14)
    assert r.auc_observed == pytest.approx(12 / LN2, rel=1e-14)


def test_split_at_day_0_of_a_rising_interval_interpolates_linearly():
    # t = −1, 3 ; C = 2, 10 (rising → straight line).  C(0) = 2 + 8·1/4 = 4.
    # pre = (2 + 4)/2·1 = 3 ; post = (4 + 10)/2·3 = 21 ; whole = (2 + 10)/2·4 = 24
    t, c = np.array([-1.0, 3.0]), np.array([2.0, 10.0])
    assert auc_between(t, c, -1, 0) == pytest.approx(3.0, rel=1e-15)
    assert auc_between(t, c, 0, 3) == pytest.approx(21.0, rel=1e-15)
    assert auc_between(t, c, -10, 10) == pytest.approx(24.0, rel=1e-15)


def test_terminal_phase_hand_regression_on_three_points():
    # ln C = 3, 2, 1.5 at t = 2, 3, 4 (C = e³, e², e^1.5); peak is first, so the points after it are
    # t = 3, 4 only → use a leading higher peak at t = 1.
    # Regression on t = 2, 3, 4: t̄ = 3, ȳ = 6.5/3; Sxy = (−1)(3 − 6.5/3) + (1)(1.5 − 6.5/3) = −1.5; Sxx = 2
    # slope = −0.75 → λz = 0.75/day, t½ = ln 2/0.75 = 0.924196…
    # SS_tot = (5/6)² + (1/6)² + (4/6)² = 42/36 = 7/6 ; SS_reg = slope²·Sxx = 1.125 → R² = 1.125/(7/6) = 27/28
    # adjusted R² = 1 − (1/28)·(3 − 1)/(3 − 2) = 26/28
    t = np.array([1.0, 2, 3, 4])
    c = np.exp([4.0, 3.0, 2.0, 1.5])
    term = terminal_phase(t, c)
    assert term is not None
    assert term.n_points == 3
    assert term.lambda_z_per_day == pytest.approx(0.75, rel=1e-13)
    assert term.half_life_day == pytest.approx(LN2 / 0.75, rel=1e-13)
    assert term.r_squared == pytest.approx(27 / 28, rel=1e-13)
    assert term.adj_r_squared == pytest.approx(26 / 28, rel=1e-13)
    # span = 2 days / 0.924 days = 2.164 half-lives ≥ 2 and adj R² 0.929 ≥ 0.9 → good
    assert term.span_ratio == pytest.approx(2 * 0.75 / LN2, rel=1e-13)
    assert term.verdict == "good"


def test_terminal_phase_automatic_choice_drops_a_distribution_point():
    # After the peak: 60 (distribution phase), then 20, 10, 5, 2.5 halving each day.  The last 4 points lie on
    # one exponential (adjusted R² = 1); adding the 60 lowers it, so k = 4 and λz = ln 2 exactly.
    t = np.arange(6.0)
    c = np.array([100.0, 60, 20, 10, 5, 2.5])
    term = terminal_phase(t, c)
    assert term is not None and term.chosen_automatically
    assert term.n_points == 4
    assert term.first_day == 2.0 and term.last_day == 5.0
    assert term.lambda_z_per_day == pytest.approx(LN2, rel=1e-12)
    assert not term.includes_peak


def test_terminal_phase_user_k_and_its_limits():
    t = np.arange(6.0)
    c = np.array([100.0, 60, 20, 10, 5, 2.5])
    term = terminal_phase(t, c, n_points=6)
    assert term is not None and not term.chosen_automatically and term.includes_peak
    assert term.verdict == "questionable"
    assert "peak" in " ".join(term.reasons)
    for bad in (2, 7, 3.5):
        with pytest.raises(ValueError, match="n_points: must be an integer from 3"):
            terminal_phase(t, c, n_points=bad)


def test_terminal_phase_none_when_not_falling_or_too_few_points():
    assert terminal_phase(np.array([0.0, 1, 2]), np.array([1.0, 5, 3])) is None   # 1 point after the peak
    assert terminal_phase(np.array([0.0, 1, 2, 3, 4]), np.array([9.0, 1, 2, 3, 4])) is None  # rising after peak


def test_nca_extrapolates_to_horizon_and_infinity_hand_example():
    # C = 100·2^(−(t − 1)) at t = 1…5 → λz = ln 2, C_last = 6.25 at day 5.
    # Observed (log-down exact): ∫₁⁵ = (100 − 6.25)/ln 2 = 135.253…
    # To day 10: 6.25/ln 2·(1 − 2^(−5)) = 9.016844…·0.96875 = 8.735068…
    # To ∞: 6.25/ln 2 = 9.016844…
    t = np.array([1.0, 2, 3, 4, 5])
    c = 100.0 * 2.0 ** (-(t - 1))
    r = nca((t, c), horizon_day=10.0)
    assert r.terminal is not None and r.terminal.n_points == 4
    assert r.auc_observed == pytest.approx(93.75 / LN2, rel=1e-13)
    assert r.auc_post_extrapolated == pytest.approx(6.25 / LN2 * (1 - 2**-5), rel=1e-13)
    assert r.auc_extrapolated_inf == pytest.approx(6.25 / LN2, rel=1e-13)
    assert r.auc_post == pytest.approx(r.auc_post_observed + r.auc_post_extrapolated, rel=1e-15)
    assert r.auc_inf == pytest.approx(100 / LN2, rel=1e-13)
    assert r.pct_extrapolated_inf == pytest.approx(6.25, rel=1e-12)  # 6.25/ln2 ÷ 100/ln2
    # first level on day 1: day 0–1 is not covered, and the report says so
    assert any("not covered" in n for n in r.notes)
    assert r.auc_pre == 0.0 and r.auc_pre_observed == 0.0


def test_nca_with_last_level_before_day_0_extrapolates_both_sides_of_day_0():
    # C = 16·2^(−(t + 4)) at t = −4…−1 → C_last = 2 at day −1, λz = ln 2 (all 3 points after the peak used).
    # pre extrapolated (−1 → 0): 2/ln 2·(1 − 1/2) = 1/ln 2 ; post (0 → 100): 2/ln 2·2^(−1)·(1 − 2^(−100)) ≈ 1/ln 2
    t = np.array([-4.0, -3, -2, -1])
    c = 16.0 * 2.0 ** (-(t + 4))
    r = nca((t, c))
    assert r.auc_pre_extrapolated == pytest.approx(1 / LN2, rel=1e-13)
    assert r.auc_post == pytest.approx(1 / LN2, rel=1e-13)
    assert r.auc_post_observed == 0.0
    assert r.auc_pre == pytest.approx(14 / LN2 + 1 / LN2, rel=1e-13)
    assert any("before day 0" in n for n in r.notes)


def test_nca_horizon_before_last_level_truncates_and_does_not_extrapolate():
    t = np.array([-1.0, 0, 10, 20, 30])
    c = np.array([50.0, 40, 20, 10, 5])
    r = nca((t, c), horizon_day=10.0)
    assert r.auc_post == pytest.approx(auc_between(t, c, 0, 10), rel=1e-15)
    assert r.auc_post_extrapolated == 0.0
    assert r.pct_extrapolated_post == 0.0


def test_nca_on_a_level_series_reports_blq_rows_and_units():
    text = "time_day,concentration,unit\n-1,40,AU/mL\n1,20,AU/mL\n3,10,AU/mL\n5,5,AU/mL\n9,<LLOQ,AU/mL\n"
    r = nca(parse_levels_csv(text, source="s.csv"))
    assert r.unit == "AU/mL" and r.exposure_unit == "AU·day/mL"
    assert r.n_levels == 4
    assert any("row 6 (day 9)" in n for n in r.notes)
    # without a terminal phase: no post-HCT total when extrapolation would be needed
    r2 = nca((np.array([-1.0, 1.0]), np.array([40.0, 20.0])))
    assert r2.terminal is None and r2.auc_post is None and r2.auc_inf is None
    assert any("not estimable" in n for n in r2.notes)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"horizon_day": 0}, "horizon_day"),
        ({"horizon_day": float("nan")}, "horizon_day"),
    ],
)
def test_nca_rejects_bad_arguments_naming_them(kwargs, message):
    with pytest.raises(ValueError, match=message):
        nca((np.array([0.0, 1, 2]), np.array([3.0, 2, 1])), **kwargs)


def test_nca_rejects_bad_profiles():
    with pytest.raises(ValueError, match="at least 2 quantified levels"):
        nca((np.array([1.0]), np.array([3.0])))
    with pytest.raises(ValueError, match="strictly increasing"):
        nca((np.array([1.0, 1.0]), np.array([3.0, 2.0])))
    with pytest.raises(ValueError, match="≥ 0"):
        nca((np.array([1.0, 2.0]), np.array([3.0, -2.0])))
