"""The one post-HCT exposure from levels (observed + forecast), and sample times as day and clock time."""

from __future__ import annotations

import numpy as np
import pytest

from atgdesk.core import fit as fitting
from atgdesk.core.levels import day_clock, levels_from_rows
from atgdesk.core.nca import nca
from atgdesk.core.regimen import regimen_from_mg_per_kg

REGIMEN = regimen_from_mg_per_kg(2.5, 70.0, [-4.0, -3.0, -2.0], [6.0, 4.0, 4.0])
CURVE = fitting._linear_curve(1, "AU/mL", {"cl": 5.0, "v1": 50.0})  # a known individual curve


def _levels(days):
    fc = fitting.forecast_curve(CURVE, REGIMEN, 100.0)
    conc = fc.conc_at(np.asarray(days, dtype=float))
    return levels_from_rows([(f"{d:g}", repr(float(c)), "AU/mL") for d, c in zip(days, conc, strict=True)],
                            source="t"), fc


def test_measured_plus_forecast_matches_the_curve_it_was_sampled_from():
    series, fc = _levels(np.arange(-1.5, 10.01, 0.25))
    res = nca(series, horizon_day=100.0)
    exp = fitting.post_hct_exposure(res, fc)
    assert exp.method == "observed + forecast"
    assert exp.observed == res.auc_post_observed
    assert (exp.observed_from_day, exp.observed_to_day) == (0.0, 10.0)
    assert exp.auc == pytest.approx(exp.observed + exp.added)
    # trapezoids on 6-hour samples against the exact AUC of the same curve
    assert exp.auc == pytest.approx(fc.auc_post, rel=0.01)
    assert exp.unit == "AU·day/mL"


def test_levels_that_reach_the_horizon_are_the_exposure_alone():
    series, fc = _levels(np.arange(-1.0, 100.01, 0.5))
    res = nca(series, horizon_day=100.0)
    exp = fitting.post_hct_exposure(res, fc)
    assert exp.method == "observed" and exp.added == 0.0 and exp.auc == res.auc_post_observed


def test_without_a_forecast_the_terminal_extrapolation_is_used_and_named():
    series, _ = _levels(np.arange(-1.0, 12.01, 1.0))
    res = nca(series, horizon_day=100.0)
    exp = fitting.post_hct_exposure(res, None)
    assert exp.method == "observed + terminal-phase extrapolation"
    assert exp.auc == res.auc_post and exp.added == res.auc_post_extrapolated


def test_nothing_to_complete_the_exposure_gives_none_and_horizons_must_agree():
    series, fc = _levels([-1.0, 0.5])  # two levels: no terminal phase
    res = nca(series, horizon_day=100.0)
    assert fitting.post_hct_exposure(res, None) is None
    assert fitting.post_hct_exposure(None, None) is None
    other = fitting.forecast_curve(CURVE, REGIMEN, 60.0)
    with pytest.raises(ValueError, match="^forecast: horizon day 60 differs"):
        fitting.post_hct_exposure(res, other)


@pytest.mark.parametrize(("t", "text"), [(-2.75, "day −3, 06:00"), (7.5, "day +7, 12:00"), (0.0, "day 0, 00:00"),
                                         (-0.001, "day −1, 23:59"), (0.9999999, "day +1, 00:00")])
def test_day_clock_counts_from_hct_at_midnight(t, text):
    assert day_clock(t) == text


def test_day_clock_refuses_non_finite():
    with pytest.raises(ValueError, match="^t_day: "):
        day_clock(float("nan"))
