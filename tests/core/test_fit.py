"""Individual fits to measured levels: parameter recovery, standard errors, MAP behaviour, remaining-dose proposals.

Parameter values below are synthetic test inputs (round numbers chosen to exercise the code), not ATG estimates.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from atgdesk.core.fit import (
    Curve,
    eta_shrinkage,
    fit_individual,
    fit_map,
    forecast_curve,
    linear_model,
    propose_remaining_dose,
)
from atgdesk.core.levels import levels_from_rows
from atgdesk.core.model import parse_model
from atgdesk.core.regimen import Administration, Regimen, parse_regimen_spec

REGIMEN = parse_regimen_spec("2.5mg/kg@-3,-2/6h", 70.0)   # 175 mg over 6 h on days −3 and −2
SAMPLE_DAYS = np.array([-2.9, -2.6, -2.2, -1.5, -1.0, 0.0, 1.0, 3.0, 7.0, 14.0, 21.0, 28.0])


def reference_conc(values: dict[str, float], regimen: Regimen, t: np.ndarray) -> np.ndarray:
    """Independent closed form (not the engine): the central concentration after a unit bolus is
    Σ a_j e^(−λ_j t); a zero-order infusion of rate R from s for d days gives
    R·Σ a_j/λ_j·(1 − e^(−λ_j·min(t − s, d)))·e^(−λ_j·max(t − s − d, 0)) for t > s."""
    cl, v1 = values["cl"], values["v1"]
    if "q" in values:
        k10, k12, k21 = cl / v1, values["q"] / v1, values["q"] / values["v2"]
        s = k10 + k12 + k21
        root = math.sqrt(s * s - 4 * k10 * k21)
        alpha, beta = (s + root) / 2, (s - root) / 2
        lams = (alpha, beta)
        coefs = ((alpha - k21) / (v1 * (alpha - beta)), (k21 - beta) / (v1 * (alpha - beta)))
    else:
        lams, coefs = (cl / v1,), (1 / v1,)
    out = np.zeros_like(t, dtype=float)
    for a in regimen.administrations:
        rate = a.amount / a.duration_day
        tau = t - a.start_day
        on = tau > 0
        for lam, coef in zip(lams, coefs, strict=True):
            inside = np.minimum(tau, a.duration_day)
            after = np.maximum(tau - a.duration_day, 0.0)
            out += np.where(on, rate * coef / lam * (1 - np.exp(-lam * inside)) * np.exp(-lam * after), 0.0)
    return out


def levels_for(t: np.ndarray, c: np.ndarray, unit: str = "mg/L"):
    return levels_from_rows([(float(ti), float(ci), unit) for ti, ci in zip(t, c, strict=True)], source="synthetic")


@pytest.mark.parametrize(
    "truth",
    [
        {"cl": 0.35, "v1": 5.0},
        {"cl": 0.3, "v1": 4.0, "q": 1.2, "v2": 6.0},
        {"cl": 2.0, "v1": 40.0, "q": 0.5, "v2": 15.0},
    ],
)
def test_fit_individual_recovers_parameters_from_noise_free_levels(truth):
    c = reference_conc(truth, REGIMEN, SAMPLE_DAYS)
    fit = fit_individual(levels_for(SAMPLE_DAYS, c), REGIMEN, compartments=2 if "q" in truth else 1)
    for name, value in truth.items():
        assert fit.values[name] == pytest.approx(value, rel=1e-4), name
    assert fit.quality.converged
    np.testing.assert_allclose(fit.predicted, c, rtol=1e-6)
    assert fit.quality.verdict == "good"


def test_fit_individual_uses_the_engine_and_agrees_with_the_independent_closed_form():
    truth = {"cl": 0.3, "v1": 4.0, "q": 1.2, "v2": 6.0}
    engine = Curve(linear_model(2, "mg/L", truth), truth).conc(REGIMEN, SAMPLE_DAYS)
    np.testing.assert_allclose(engine, reference_conc(truth, REGIMEN, SAMPLE_DAYS), rtol=1e-10)


def test_fit_individual_standard_errors_equal_the_jacobian_formula():
    # Noisy levels (fixed seed, 15 % proportional noise): SE(log θ) = sqrt(diag(s²·(JᵀJ)⁻¹)) with J the Jacobian
    # of the weighted residuals, recomputed here by central differences.
    truth = {"cl": 0.35, "v1": 5.0}
    rng = np.random.default_rng(7)
    c = reference_conc(truth, REGIMEN, SAMPLE_DAYS) * np.exp(rng.normal(0, 0.15, SAMPLE_DAYS.size))
    fit = fit_individual(levels_for(SAMPLE_DAYS, c), REGIMEN)
    theta = np.log([fit.values["cl"], fit.values["v1"]])

    def wres(x):
        return (c - reference_conc({"cl": math.exp(x[0]), "v1": math.exp(x[1])}, REGIMEN, SAMPLE_DAYS)) / c

    jac = np.empty((c.size, 2))
    for j in range(2):
        step = np.zeros(2)
        step[j] = 1e-6
        jac[:, j] = (wres(theta + step) - wres(theta - step)) / 2e-6
    r = wres(theta)
    s2 = float(r @ r) / (c.size - 2)
    se_log = np.sqrt(np.diag(s2 * np.linalg.inv(jac.T @ jac)))
    for k, est in enumerate(fit.estimates):
        assert est.rse_pct == pytest.approx(100 * se_log[k], rel=1e-4)
        assert est.se == pytest.approx(est.value * se_log[k], rel=1e-4)
        assert est.ci95_low < est.value < est.ci95_high
        assert math.log(est.ci95_high / est.value) == pytest.approx(1.959963984540054 * se_log[k], rel=1e-4)
    assert fit.quality.residual_sd == pytest.approx(math.sqrt(s2), rel=1e-6)
    assert fit.quality.degrees_of_freedom == c.size - 2


def test_fit_individual_combined_error_recovers_noise_free_parameters():
    truth = {"cl": 0.35, "v1": 5.0}
    c = reference_conc(truth, REGIMEN, SAMPLE_DAYS)
    fit = fit_individual(levels_for(SAMPLE_DAYS, c), REGIMEN, error_model="combined", additive_sd=0.5,
                         proportional_cv=0.1)
    assert fit.values["cl"] == pytest.approx(0.35, rel=1e-4)
    assert fit.values["v1"] == pytest.approx(5.0, rel=1e-4)


def test_fit_individual_units_are_apparent_for_au_levels_and_litres_for_mass():
    c = reference_conc({"cl": 0.35, "v1": 5.0}, REGIMEN, SAMPLE_DAYS)
    au = fit_individual(levels_for(SAMPLE_DAYS, c, "AU/mL"), REGIMEN)
    assert {e.name: e.unit for e in au.estimates} == {"cl": "mg/day per AU/mL", "v1": "mg per AU/mL"}
    assert au.exposure_unit == "AU·day/mL"
    mass = fit_individual(levels_for(SAMPLE_DAYS, c, "µg/mL"), REGIMEN)
    assert {e.name: e.unit for e in mass.estimates} == {"cl": "L/day", "v1": "L"}


def test_fit_individual_skips_pre_dose_zeros_and_blq_and_reports_them():
    c = reference_conc({"cl": 0.35, "v1": 5.0}, REGIMEN, SAMPLE_DAYS)
    rows = [(-4.0, "0", "mg/L")] + [(float(t), float(x), "mg/L") for t, x in zip(SAMPLE_DAYS, c, strict=True)]
    rows.append((60.0, "<LLOQ", "mg/L"))
    fit = fit_individual(levels_from_rows(rows, source="s.csv"), REGIMEN)
    assert fit.t_day.size == SAMPLE_DAYS.size
    assert any("row 1" in n and "before the first dose" in n for n in fit.notes)
    assert any("row 14 (day 60)" in n for n in fit.notes)


def test_fit_individual_rejects_unexplainable_or_insufficient_data():
    with pytest.raises(ValueError, match=r"s\.csv row 1: level 3 mg/L on day -4 is before the first administration"):
        fit_individual(levels_from_rows([(-4, 3.0, "mg/L"), (1, 2.0, "mg/L"), (2, 1.0, "mg/L")], source="s.csv"),
                       REGIMEN)
    three = levels_for(np.array([1.0, 3.0, 7.0]), np.array([20.0, 15.0, 9.0]))
    with pytest.raises(ValueError, match="levels: a 2-compartment fit needs at least 4 usable levels"):
        fit_individual(three, REGIMEN, compartments=2)
    with pytest.raises(ValueError, match="compartments"):
        fit_individual(three, REGIMEN, compartments=3)
    with pytest.raises(ValueError, match="error_model"):
        fit_individual(three, REGIMEN, error_model="exponential")
    with pytest.raises(ValueError, match="additive_sd/proportional_cv"):
        fit_individual(three, REGIMEN, error_model="combined")


def test_fit_with_as_many_levels_as_parameters_has_no_standard_errors_and_says_so():
    c = reference_conc({"cl": 0.35, "v1": 5.0}, REGIMEN, np.array([3.0, 14.0]))
    fit = fit_individual(levels_for(np.array([3.0, 14.0]), c), REGIMEN)
    assert fit.values["cl"] == pytest.approx(0.35, rel=1e-4)
    assert all(e.se is None for e in fit.estimates)
    assert fit.quality.verdict == "questionable"
    assert "no degrees of freedom" in " ".join(fit.quality.reasons)


# ---------------------------------------------------------------------------------------------------------------
# MAP


def synthetic_model(omega2: float = 0.09, elimination: str = "linear", compartments: int = 1):
    """A synthetic test model (status 'user'); the values exercise the code and describe no real product."""
    params = {"cl": {"value": 0.35, "unit": "L/day", "omega_variance": omega2},
              "v1": {"value": 5.0, "unit": "L", "omega_variance": omega2}}
    if elimination == "linear+mm":
        params["vmax"] = {"value": 2.0, "unit": "mg/day"}
        params["km"] = {"value": 5.0, "unit": "mg/L"}
    structure = {"compartments": compartments, "elimination": elimination}
    return parse_model({
        "schema_version": 1, "id": "synthetic-test", "name": "Synthetic test model", "product": "none",
        "analyte": "active", "assay": "synthetic",
        "units": {"dose": "mg", "time": "day", "concentration": "mg/L", "volume": "L",
                  "amount_to_concentration": 1.0},
        "status": "user", "source": {"citation": "synthetic test values", "entered_by": "tests", "date": "2025-01-01"},
        "structure": structure, "parameters": params,
        "residual_error": {"proportional": 0.1, "additive": 0.0},
    }, "synthetic.toml")


TRUE_ETA = np.array([0.6, -0.4])


def true_values(model, eta=TRUE_ETA):
    return {p.name: p.value * (math.exp(eta[i]) if i < 2 else 1.0) for i, p in enumerate(model.parameters)}


def test_map_with_sparse_data_is_pulled_toward_the_typical_values():
    # One level cannot determine two parameters: the MAP estimate is the most probable individual a priori
    # among those that explain it, so its η lies nearer 0 than the truth; the posterior stays wide (high
    # shrinkage).  With a tight prior (ω = 0.05) the estimate stays at the typical values.
    model = synthetic_model()
    t = np.array([7.0])
    c = Curve(model, true_values(model)).conc(REGIMEN, t)
    fit = fit_map(levels_for(t, c), REGIMEN, model, {})
    assert np.linalg.norm(fit.eta) < np.linalg.norm(TRUE_ETA)
    assert fit.shrinkage.max() > 0.5
    tight = synthetic_model(omega2=0.0025)
    fit_tight = fit_map(levels_for(t, c), REGIMEN, tight, {})
    assert np.all(np.abs(fit_tight.eta) < 0.1)
    for name in ("cl", "v1"):
        assert fit_tight.parameters[name] == pytest.approx(fit_tight.typical_parameters[name], rel=0.11)


def test_map_with_rich_data_approaches_the_truth_and_shrinks_less():
    model = synthetic_model()
    c_rich = Curve(model, true_values(model)).conc(REGIMEN, SAMPLE_DAYS)
    rich = fit_map(levels_for(SAMPLE_DAYS, c_rich), REGIMEN, model, {})
    np.testing.assert_allclose(rich.eta, TRUE_ETA, atol=0.05)
    t = np.array([7.0])
    sparse = fit_map(levels_for(t, Curve(model, true_values(model)).conc(REGIMEN, t)), REGIMEN, model, {})
    assert np.all(rich.shrinkage < sparse.shrinkage)
    assert np.all(rich.eta_sd < sparse.eta_sd)
    assert rich.quality.converged and rich.quality.n_observations == SAMPLE_DAYS.size


def test_map_shrinkage_uses_the_documented_posterior_formula():
    model = synthetic_model()
    c = Curve(model, true_values(model)).conc(REGIMEN, SAMPLE_DAYS)
    fit = fit_map(levels_for(SAMPLE_DAYS, c), REGIMEN, model, {})
    np.testing.assert_allclose(fit.omega, [0.3, 0.3], rtol=1e-15)
    expected = 1 - np.sqrt(1 - fit.eta_sd**2 / fit.omega**2)
    np.testing.assert_allclose(fit.shrinkage, expected, rtol=1e-12)
    assert np.all((fit.shrinkage >= 0) & (fit.shrinkage <= 1))


def test_map_mean_individual_shrinkage_matches_population_shrinkage():
    # The single-patient shrinkage is the expected population shrinkage for that design: fit 60 virtual patients
    # drawn from the prior (with residual noise) on a sparse design and compare 1 − SD(η̂)/ω with the mean of the
    # individual values.  Agreement within 0.15 (finite sample, and the model is not exactly linear-Gaussian).
    model = synthetic_model()
    rng = np.random.default_rng(11)
    t = np.array([1.0, 14.0])
    etas, shrinks = [], []
    for _ in range(60):
        eta = rng.normal(0, 0.3, 2)
        c = Curve(model, true_values(model, eta)).conc(REGIMEN, t) * (1 + 0.1 * rng.normal(size=t.size))
        fit = fit_map(levels_for(t, np.maximum(c, 1e-6)), REGIMEN, model, {})
        etas.append(fit.eta)
        shrinks.append(fit.shrinkage)
    population = eta_shrinkage(np.array(etas), np.array([0.3, 0.3]))
    np.testing.assert_allclose(np.mean(shrinks, axis=0), population, atol=0.15)


def test_eta_shrinkage_hand_example():
    # η̂ = ±0.1, ±0.3: sample SD = sqrt((0.01 + 0.01 + 0.09 + 0.09)/3) = 0.2581989; ω = 0.5 → 1 − 0.5163978
    etas = np.array([[0.1], [-0.1], [0.3], [-0.3]])
    assert eta_shrinkage(etas, np.array([0.5]))[0] == pytest.approx(1 - math.sqrt(0.2 / 3) / 0.5, rel=1e-14)
    with pytest.raises(ValueError, match="etas"):
        eta_shrinkage(etas[:1], np.array([0.5]))


def test_map_refuses_models_without_variability_or_of_another_assay():
    model = synthetic_model(omega2=0.0)
    lv = levels_for(np.array([1.0, 3.0]), np.array([20.0, 15.0]))
    with pytest.raises(ValueError, match="model: 'synthetic-test' has no inter-individual variability"):
        fit_map(lv, REGIMEN, model, {})
    au = levels_for(np.array([1.0, 3.0]), np.array([20.0, 15.0]), "AU/mL")
    with pytest.raises(ValueError, match="model: 'synthetic-test' predicts mg/L but the levels are in AU/mL"):
        fit_map(au, REGIMEN, synthetic_model(), {})


# ---------------------------------------------------------------------------------------------------------------
# Forecast and remaining dose


FOUR_DAYS = parse_regimen_spec("2.5mg/kg@-3..0/6h", 70.0)


def test_forecast_curve_aucs_match_the_closed_form_integral():
    truth = {"cl": 0.35, "v1": 5.0}
    fc = forecast_curve(Curve(linear_model(1, "mg/L", truth), truth), FOUR_DAYS, horizon_day=100)
    # 1-compartment: total AUC from the first dose to ∞ is dose/CL; the part after day 100 is
    # C(100)/k with k = CL/V.
    k = 0.35 / 5.0
    c100 = reference_conc(truth, FOUR_DAYS, np.array([100.0]))[0]
    assert fc.auc_total == pytest.approx(FOUR_DAYS.total_amount / 0.35 - c100 / k, rel=1e-10)
    assert fc.horizon_day == 100.0 and fc.auc_method == "engine"


@pytest.mark.parametrize("metric", ["post", "total"])
@pytest.mark.parametrize("mode", ["scale", "equal"])
def test_remaining_dose_proposal_hits_the_target_auc(metric, mode):
    truth = {"cl": 0.35, "v1": 5.0, "q": 1.0, "v2": 3.0}
    curve = Curve(linear_model(2, "mg/L", truth), truth)
    prop = propose_remaining_dose(curve, FOUR_DAYS, target_auc=1500.0, after_day=-2.5, metric=metric, mode=mode)
    assert prop.status == "ok"
    assert abs(prop.relative_error) < 0.005
    assert len(prop.given) == 1 and len(prop.planned_remaining) == 3
    # recomputed independently through a forecast of the proposed regimen
    fc = forecast_curve(curve, prop.proposed_regimen)
    assert (fc.auc_post if metric == "post" else fc.auc_total) == pytest.approx(1500.0, rel=0.005)


def test_remaining_dose_scale_factor_equals_the_linear_solution():
    # For a linear model AUC(s) = A0 + s·A1 (A0: doses given, A1: planned remaining doses), so s* = (T − A0)/A1.
    truth = {"cl": 0.35, "v1": 5.0}
    curve = Curve(linear_model(1, "mg/L", truth), truth)
    given = Regimen(FOUR_DAYS.administrations[:2])
    rest = Regimen(FOUR_DAYS.administrations[2:])
    a0 = curve.aucs(given, 100)[1]
    a1 = curve.aucs(rest, 100)[1]
    prop = propose_remaining_dose(curve, FOUR_DAYS, target_auc=900.0, after_day=-1.5)
    assert prop.scale_factor == pytest.approx((900.0 - a0) / a1, rel=1e-9)


def test_remaining_dose_when_target_already_exceeded_proposes_nothing():
    truth = {"cl": 0.35, "v1": 5.0}
    curve = Curve(linear_model(1, "mg/L", truth), truth)
    prop = propose_remaining_dose(curve, FOUR_DAYS, target_auc=10.0, after_day=-2.5)
    assert prop.status == "above target"
    assert prop.proposed_remaining_total == 0.0
    assert prop.achieved_auc > 10.0


def test_remaining_dose_argument_errors_name_the_argument():
    truth = {"cl": 0.35, "v1": 5.0}
    curve = Curve(linear_model(1, "mg/L", truth), truth)
    with pytest.raises(ValueError, match="after_day: no administration starts after day 5"):
        propose_remaining_dose(curve, FOUR_DAYS, 100.0, after_day=5.0)
    with pytest.raises(ValueError, match="target_auc"):
        propose_remaining_dose(curve, FOUR_DAYS, -1.0, after_day=-2.5)
    with pytest.raises(ValueError, match="metric"):
        propose_remaining_dose(curve, FOUR_DAYS, 100.0, after_day=-2.5, metric="pre")
    with pytest.raises(ValueError, match="mode"):
        propose_remaining_dose(curve, FOUR_DAYS, 100.0, after_day=-2.5, mode="double")
    zero = Regimen((Administration(-3, 100.0, 0.25), Administration(-1, 0.0, 0.25)))
    with pytest.raises(ValueError, match="mode: the remaining planned amounts are all 0"):
        propose_remaining_dose(curve, zero, 100.0, after_day=-2.0)


def test_remaining_dose_with_a_nonlinear_map_individual_hits_the_target():
    model = synthetic_model(elimination="linear+mm")
    assert not model.is_linear
    t = np.array([-2.5, -2.0, -1.6])
    c = Curve(model, true_values(model)).conc(FOUR_DAYS, t)
    fit = fit_map(levels_for(t, c), FOUR_DAYS, model, {})
    curve = fit.curve()
    given_only = curve.aucs(Regimen(FOUR_DAYS.administrations[:2]), 100)[1]
    planned = curve.aucs(FOUR_DAYS, 100)[1]
    target = 0.5 * (given_only + planned)
    prop = propose_remaining_dose(curve, FOUR_DAYS, target_auc=target, after_day=-1.5, mode="equal")
    assert prop.status == "ok"
    assert abs(prop.relative_error) < 0.005
    assert 0 < prop.amount_per_administration < FOUR_DAYS.administrations[-1].amount


def test_chi_square_limit_from_scipy_special_equals_scipy_stats():
    # fit_map takes the 99th percentile of χ²(n) from scipy.special.chdtri (scipy.stats stays out of the frozen
    # bundle); it must be the same number chi2.ppf gives, for every count of levels a patient can have.
    from scipy import special, stats

    n = np.arange(1, 501)
    np.testing.assert_allclose(special.chdtri(n, 0.01), stats.chi2.ppf(0.99, n), rtol=1e-12, atol=0)


def test_map_flags_levels_beyond_the_chi_square_limit_without_importing_scipy_stats():
    # Levels three times the model's prediction on some days and a third on others are far outside a 10 %
    # proportional error: the sum of squared weighted residuals exceeds χ²(n)'s 99th percentile, and the message
    # names that percentile.  Run in a fresh interpreter so scipy.stats is not already imported by other tests.
    import subprocess
    import sys
    import textwrap

    code = textwrap.dedent("""
        import sys
        import numpy as np
        from tests.core.test_fit import REGIMEN, SAMPLE_DAYS, Curve, fit_map, levels_for, synthetic_model, true_values
        model = synthetic_model()
        c = Curve(model, true_values(model)).conc(REGIMEN, SAMPLE_DAYS)
        c = c * np.where(np.arange(c.size) % 2 == 0, 3.0, 1 / 3)
        fit = fit_map(levels_for(SAMPLE_DAYS, c), REGIMEN, model, {})
        print([r for r in fit.quality.reasons if "chi-square" in r][0])
        print("scipy.stats" in sys.modules)
    """)
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    out = subprocess.run([sys.executable, "-c", code], cwd=root, capture_output=True, text=True, check=True).stdout
    reason, stats_imported = out.strip().splitlines()
    from scipy import stats

    assert f"> {stats.chi2.ppf(0.99, SAMPLE_DAYS.size):.3g}, the 99th percentile of chi-square with 12 d.f." in reason
    assert stats_imported == "False"
