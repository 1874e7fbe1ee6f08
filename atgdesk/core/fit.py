"""Individual fits to measured levels, forecasts, and the remaining dose that reaches a target AUC.

Two estimators, both on the patient's own levels and the doses actually given (a :class:`Regimen`):

* :func:`fit_individual` — a **linear 1- or 2-compartment fit with no population model**: CL, V1 (and Q, V2) by
  ``scipy.optimize.least_squares`` on log-parameters.  Weighted residuals ``(y − f)/sd`` with ``sd = y``
  (proportional error; the scale is estimated from the residuals) or ``sd = sqrt(add² + (prop·y)²)`` (combined
  error with given SDs).  Weights use the *observed* level so that the objective is an ordinary weighted
  least-squares problem and the Jacobian gives standard errors: ``Cov(log θ) = s²·(JᵀJ)⁻¹`` (``s²`` = residual
  variance for the proportional model, 1 for the combined one).  Start values come from a profile over the
  elimination rate (for a given rate, 1/V enters linearly and has a closed-form optimum), then a multi-start for
  the 2-compartment shape.  Without a model file the amount→concentration scale is unknown, so volumes are
  *apparent*: in L for mass concentrations (mg dose, mg/L = µg/mL levels), in 'mg per AU/mL' for AU/mL levels.
* :func:`fit_map` — a **Bayesian MAP estimate** with a :class:`PKModel` that has inter-individual variability:
  minimises ``−2 log posterior = Σ[(y − f)²/σ² + ln σ²] + ηᵀΩ⁻¹η`` with ``σ² = add² + (prop·f)²`` (the model's
  residual error, on the prediction), by BFGS over η.  The posterior covariance of η is the Laplace
  approximation with the expected information, ``(I(η̂) + Ω⁻¹)⁻¹`` (see :func:`_posterior_covariance`).

η-shrinkage.  Across patients: ``1 − SD(η̂)/ω`` (:func:`eta_shrinkage`, Savic & Karlsson's definition).  For one
patient we report its expected value given this patient's design: in a linear-Gaussian model the law of total
variance gives ``Var(η̂) = ω² − Var(η | y)``, so the shrinkage is ``1 − sqrt(1 − sd_post²/ω²)`` — 0 when the data
determine η (sd_post → 0), 1 when they carry no information (sd_post = ω, η̂ = 0).

Levels at or before the first administration carry no information (the prediction there is 0); zero levels
there are skipped, positive ones are an error (the regimen cannot explain them).  Levels below the limit of
quantification are excluded (they are listed in the notes).

Simulation goes through the engine (:func:`atgdesk.core.simulate.simulate`); exposure figures through
:func:`atgdesk.core.metrics.exposure_metrics`, so a fitted curve and a model prediction are computed alike.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, replace
from statistics import NormalDist

import numpy as np

from atgdesk.core.levels import LevelSeries, exposure_unit, normalise_unit, unit_family
from atgdesk.core.metrics import ExposureMetrics, exposure_metrics, simulation_grid
from atgdesk.core.model import ModelSource, ParameterSpec, PKModel, individual_parameters
from atgdesk.core.regimen import Administration, Regimen
from atgdesk.core.simulate import exposure_aucs, simulate, simulate_full
from atgdesk.core.words import translate

DEFAULT_HORIZON_DAY = 100.0
ERROR_MODELS = ("proportional", "combined")
_Z975 = NormalDist().inv_cdf(0.975)  # stdlib: scipy is imported only when a fit runs
_MAX_LOG_FLOAT = 700.0  # exp() of more overflows a float (ln(1.8e308) ≈ 709.8), with some room
# Search box for log-parameters (natural-log units around the data-driven start); wide enough for any real
# patient, narrow enough that exp() cannot overflow.
_LOG_BOX = 25.0
# Relative standard error above which an estimate is reported as poorly determined (a convention, stated in the
# result's reasons so that the reader can judge).
_RSE_LIMIT_PCT = 50.0
# Finite-difference step in η (dimensionless, log scale) for the MAP gradient and the posterior information.
_FD_STEP = 1e-5



# ---------------------------------------------------------------------------------------------------------------
# Data preparation


@dataclass(frozen=True)
class _Obs:
    t_day: np.ndarray
    conc: np.ndarray
    rows: tuple[int, ...]
    notes: tuple[str, ...]


def _observations(levels: LevelSeries, regimen: Regimen, drop_zero: bool) -> _Obs:
    notes: list[str] = []
    blq = levels.blq_samples
    if blq:
        each = translate("fit", "row {row} (day {day})")
        notes.append(translate("fit", "below the limit of quantification, excluded: {rows}").format(
            rows=", ".join(each.format(row=s.row, day=f"{s.t_day:g}") for s in blq)))
    first = regimen.first_day
    keep_t, keep_c, rows = [], [], []
    skipped_pre, skipped_zero = [], []
    for s in levels.quantified:
        assert s.concentration is not None
        if s.t_day <= first:
            if s.concentration > 0:
                raise ValueError(
                    f"{levels.source} row {s.row}: level {s.concentration:g} {levels.unit} on day {s.t_day:g} is "
                    f"before the first administration (day {first:g}); the regimen cannot explain it"
                )
            skipped_pre.append(s.row)
            continue
        if drop_zero and s.concentration == 0:
            skipped_zero.append(s.row)
            continue
        keep_t.append(s.t_day)
        keep_c.append(s.concentration)
        rows.append(s.row)
    if skipped_pre:
        notes.append(translate("fit", "zero levels before the first dose skipped (no information): {rows}")
                     .format(rows=", ".join(translate("fit", "row {row}").format(row=r) for r in skipped_pre)))
    if skipped_zero:
        notes.append(translate("fit", "zero levels cannot be weighted proportionally and were skipped: {rows}")
                     .format(rows=", ".join(translate("fit", "row {row}").format(row=r) for r in skipped_zero)))
    return _Obs(np.array(keep_t, dtype=float), np.array(keep_c, dtype=float), tuple(rows), tuple(notes))


# ---------------------------------------------------------------------------------------------------------------
# Simulation through the engine


def _engine_conc_unit(unit: str) -> str:
    """The engine's spelling of a levels unit (it writes µg/mL as 'ug/mL')."""
    u = normalise_unit(unit)
    return "ug/mL" if u == "µg/mL" else u


def linear_model(compartments: int, concentration_unit: str, values: Mapping[str, float]) -> PKModel:
    """An in-memory linear model (status 'user') holding individually fitted parameters, for the engine.

    ``amount_to_concentration`` is 1: with mg doses, mass concentrations give volumes in L and AU/mL levels give
    apparent volumes in mg per AU/mL (see the module docstring).
    """
    if compartments not in (1, 2):
        raise ValueError(f"compartments: must be 1 or 2, got {compartments!r}")
    names = ("cl", "v1") if compartments == 1 else ("cl", "v1", "q", "v2")
    units = {"cl": "L/day", "v1": "L", "q": "L/day", "v2": "L"}
    params = []
    for n in names:
        v = float(values[n])
        if not (math.isfinite(v) and v > 0):
            raise ValueError(f"{n}: must be finite and > 0, got {v!r}")
        params.append(ParameterSpec(n, v, units[n]))
    return PKModel(
        id=f"individual-{compartments}cpt", name=f"Individual linear {compartments}-compartment fit",
        product="", analyte="", assay="", dose_unit="mg", concentration_unit=_engine_conc_unit(concentration_unit),
        volume_unit="L", amount_to_concentration=1.0, status="user",
        label="Individual fit to the patient's measured levels (no population model)",
        source=ModelSource(citation="fitted to measured levels"), compartments=compartments,
        elimination="linear", distribution="linear", parameters=tuple(params), covariate_effects=(), covariates=(),
        residual_proportional=0.0, residual_additive=0.0,
    )


@dataclass(frozen=True, eq=False)
class Curve:
    """One patient's parameters for a model: concentrations and exact AUCs for any regimen, via the engine."""

    model: PKModel
    params: Mapping[str, float]

    def arrays(self) -> dict[str, np.ndarray]:
        """The parameters as (1,) arrays, the engine's input form."""
        return {k: np.array([float(v)]) for k, v in self.params.items()}

    def conc(self, regimen: Regimen, t_day: np.ndarray) -> np.ndarray:
        """Concentrations at ``t_day`` (model unit), shape (T,)."""
        return np.asarray(simulate(self.model, self.arrays(), regimen, np.asarray(t_day, dtype=float)))[0]

    def aucs(self, regimen: Regimen, horizon_day: float) -> tuple[float, float]:
        """(AUC before day 0, AUC from day 0 to ``horizon_day``) — exact for linear models (engine)."""
        pre, post = exposure_aucs(self.model, self.arrays(), regimen, horizon_day)
        return float(pre[0]), float(post[0])


def _linear_curve(compartments: int, unit: str, values: Mapping[str, float]) -> Curve:
    return Curve(linear_model(compartments, unit, values), {k: float(v) for k, v in values.items()})


# ---------------------------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True)
class ParameterEstimate:
    """One estimated parameter with its standard error (delta method from log scale) and 95 % interval."""

    name: str
    value: float
    unit: str
    se: float | None          # standard error on the natural scale, ≈ value·SE(log value)
    rse_pct: float | None     # 100·SE(log value)
    ci95_low: float | None    # exp(log value ± z₀.₉₇₅·SE(log value))
    ci95_high: float | None


@dataclass(frozen=True)
class FitQuality:
    """Summary of a fit: sizes, residual scatter, convergence and a verdict with its reasons."""

    n_observations: int
    n_parameters: int
    degrees_of_freedom: int
    residual_sd: float            # SD of the weighted residuals (proportional: ≈ CV of the levels around the fit)
    max_abs_weighted_residual: float
    objective: float
    converged: bool
    message: str
    verdict: str                  # "good" | "questionable"
    reasons: tuple[str, ...]


@dataclass(frozen=True, eq=False)
class IndividualFit:
    """A linear individual fit (:func:`fit_individual`)."""

    compartments: int
    error_model: str
    unit: str
    exposure_unit: str
    estimates: tuple[ParameterEstimate, ...]
    t_day: np.ndarray
    observed: np.ndarray
    predicted: np.ndarray
    weighted_residuals: np.ndarray
    rows: tuple[int, ...]
    quality: FitQuality
    regimen: Regimen
    notes: tuple[str, ...]

    @property
    def values(self) -> dict[str, float]:
        """Estimated parameters by name."""
        return {e.name: e.value for e in self.estimates}

    def curve(self) -> Curve:
        """The fitted individual as a :class:`Curve` (forecasts, dose proposals)."""
        return _linear_curve(self.compartments, self.unit, self.values)


@dataclass(frozen=True, eq=False)
class MapFit:
    """A MAP Bayesian estimate (:func:`fit_map`)."""

    model: PKModel
    covariates: Mapping[str, float]
    eta_names: tuple[str, ...]
    eta: np.ndarray                 # (K,)
    eta_sd: np.ndarray              # posterior SD of each η (Laplace approximation)
    omega: np.ndarray               # prior SD of each η
    shrinkage: np.ndarray           # 1 − sqrt(1 − sd_post²/ω²), per η
    parameters: dict[str, float]    # individual parameters at η̂
    typical_parameters: dict[str, float]  # same covariates, η = 0
    t_day: np.ndarray
    observed: np.ndarray
    predicted: np.ndarray
    weighted_residuals: np.ndarray
    rows: tuple[int, ...]
    quality: FitQuality
    regimen: Regimen
    notes: tuple[str, ...]

    def curve(self) -> Curve:
        """The individual (MAP parameters) as a :class:`Curve` (forecasts, dose proposals)."""
        return Curve(self.model, dict(self.parameters))


# ---------------------------------------------------------------------------------------------------------------
# Linear individual fit


def _parameter_units(unit: str) -> dict[str, str]:
    """Units of the apparent parameters.  For AU/mL levels (an arbitrary assay unit) a volume is the dose that
    raises the level by 1 AU/mL and a clearance that dose per day, written in words ('mg per AU/mL',
    'mg/day per AU/mL'): 'mg/(AU/mL)/day' was unreadable."""
    if unit_family(unit) == "mass":
        return {"cl": "L/day", "v1": "L", "q": "L/day", "v2": "L"}
    conc = normalise_unit(unit)
    return {"cl": f"mg/day per {conc}", "v1": f"mg per {conc}", "q": f"mg/day per {conc}", "v2": f"mg per {conc}"}


def _batch_conc(compartments: int, unit: str, names: tuple[str, ...], log_thetas: np.ndarray,
                regimen: Regimen, t_day: np.ndarray) -> np.ndarray:
    """Linear-model concentrations for B parameter vectors (rows of ``log_thetas``) in one engine call, (B, T)."""
    model = linear_model(compartments, unit, dict(zip(names, np.exp(log_thetas[0]), strict=True)))
    params = {n: np.exp(log_thetas[:, i]) for i, n in enumerate(names)}
    return np.asarray(simulate(model, params, regimen, t_day))


def _profile_start(obs: _Obs, regimen: Regimen, unit: str, sd: np.ndarray) -> tuple[float, float]:
    """Start values (cl, v1) for a 1-compartment fit: scan the elimination rate on a log grid; for each rate the
    best 1/V is the weighted least-squares slope of y on the unit-volume prediction (closed form)."""
    t_span = float(max(obs.t_day.max(), regimen.last_end_day) - regimen.first_day)
    # rates whose half-life runs from 1/1000 to 1000 times the observed span: any real profile lies inside
    ks = np.geomspace(math.log(2) / (1000 * t_span), 1000 * math.log(2) / t_span, 121)
    g = _batch_conc(1, unit, ("cl", "v1"), np.column_stack([np.log(ks), np.zeros_like(ks)]), regimen, obs.t_day)
    gw, yw = g / sd, obs.conc / sd                                   # V = 1: f = s·g with s = 1/V
    den = np.einsum("ij,ij->i", gw, gw)
    s = np.where(den > 0, (gw @ yw) / np.where(den > 0, den, 1.0), 0.0)
    cost = np.where(s > 0, np.sum((yw[None, :] - s[:, None] * gw) ** 2, axis=1), np.inf)
    i = int(np.argmin(cost))
    if not math.isfinite(cost[i]):
        raise ValueError("levels: no positive level after the first dose to fit")
    return float(ks[i] / s[i]), float(1.0 / s[i])  # cl = k·V


def _quality(n: int, p: int, wres: np.ndarray, objective: float, ok: bool, msg: str,
             rse: list[float | None], extra: list[str]) -> FitQuality:
    dof = n - p
    reasons = list(extra)
    if not ok:
        reasons.append(translate("fit", "optimiser did not converge ({message})").format(message=msg))
    if dof <= 0:
        reasons.append(translate("fit", "{n} levels for {p} parameters: no degrees of freedom, standard errors not "
                                        "estimable").format(n=n, p=p))
    poor = [f"{r:.0f} %" for r in rse if r is not None and r > _RSE_LIMIT_PCT]
    if poor:
        reasons.append(translate("fit", "poorly determined parameter(s) (relative SE {values} > {limit} %)").format(
            values=", ".join(poor), limit=f"{_RSE_LIMIT_PCT:g}"))
    if any(r is None for r in rse) and dof > 0:
        reasons.append(translate("fit", "some standard errors could not be computed (parameters not identifiable "
                                        "from these levels)"))
    sd = float(np.sqrt(np.sum(wres**2) / dof)) if dof > 0 else float("nan")
    return FitQuality(
        n_observations=n, n_parameters=p, degrees_of_freedom=dof, residual_sd=sd,
        max_abs_weighted_residual=float(np.max(np.abs(wres))) if wres.size else 0.0, objective=float(objective),
        converged=ok, message=msg, verdict="questionable" if reasons else "good", reasons=tuple(reasons),
    )


def _estimates(names: tuple[str, ...], log_theta: np.ndarray, cov_log: np.ndarray | None,
               units: Mapping[str, str]) -> tuple[tuple[ParameterEstimate, ...], list[float | None]]:
    out: list[ParameterEstimate] = []
    rses: list[float | None] = []
    for i, n in enumerate(names):
        v = float(math.exp(log_theta[i]))
        se_log = None
        if cov_log is not None and math.isfinite(cov_log[i, i]) and cov_log[i, i] >= 0:
            se_log = float(math.sqrt(cov_log[i, i]))
            # an SE so large that exp() overflows (levels that hardly inform the parameter) has no usable
            # interval: reported as not computable rather than as inf or an OverflowError
            if _Z975 * se_log + abs(log_theta[i]) > _MAX_LOG_FLOAT:
                se_log = None
        if se_log is None:
            out.append(ParameterEstimate(n, v, units[n], None, None, None, None))
            rses.append(None)
        else:
            out.append(ParameterEstimate(n, v, units[n], v * se_log, 100 * se_log,
                                         v * math.exp(-_Z975 * se_log), v * math.exp(_Z975 * se_log)))
            rses.append(100 * se_log)
    return tuple(out), rses


def _covariance(jac: np.ndarray, scale2: float) -> np.ndarray | None:
    """scale2·(JᵀJ)⁻¹ via SVD; None when J is rank-deficient (some parameter not identifiable)."""
    _, s, vt = np.linalg.svd(jac, full_matrices=False)
    if s.size < jac.shape[1] or s[-1] <= s[0] * 1e-10:
        return None
    return scale2 * (vt.T / s**2) @ vt


def fit_individual(
    levels: LevelSeries,
    regimen: Regimen,
    compartments: int = 1,
    error_model: str = "proportional",
    additive_sd: float = 0.0,
    proportional_cv: float = 0.0,
) -> IndividualFit:
    """Fit a linear 1- or 2-compartment model to one patient's levels (method in the module docstring).

    ``error_model`` 'proportional' (weights 1/y², scale estimated) or 'combined' (``additive_sd`` in the levels'
    unit and ``proportional_cv`` as a fraction, both given).  Raises ``ValueError`` naming the argument when the
    data cannot support the fit (e.g. fewer levels than parameters).
    """
    if compartments not in (1, 2) or isinstance(compartments, bool):
        raise ValueError(f"compartments: must be 1 or 2, got {compartments!r}")
    if error_model not in ERROR_MODELS:
        raise ValueError(f"error_model: must be one of {', '.join(ERROR_MODELS)}, got {error_model!r}")
    if not isinstance(regimen, Regimen):
        raise ValueError("regimen: a Regimen is required for a fit")
    if error_model == "combined":
        for name, v in (("additive_sd", additive_sd), ("proportional_cv", proportional_cv)):
            if not (math.isfinite(v) and v >= 0):
                raise ValueError(f"{name}: must be finite and ≥ 0, got {v!r}")
        if additive_sd == 0 and proportional_cv == 0:
            raise ValueError("additive_sd/proportional_cv: the combined error model needs at least one > 0")
    obs = _observations(levels, regimen, drop_zero=error_model == "proportional")
    names = ("cl", "v1") if compartments == 1 else ("cl", "v1", "q", "v2")
    n, p = obs.t_day.size, len(names)
    if n < p:
        raise ValueError(
            f"levels: a {compartments}-compartment fit needs at least {p} usable levels after the first dose "
            f"(got {n})"
        )
    if error_model == "proportional":
        sd = obs.conc.copy()
    else:
        sd = np.sqrt(additive_sd**2 + (proportional_cv * obs.conc) ** 2)
    unit = levels.unit

    def wres(log_theta: np.ndarray) -> np.ndarray:
        return (obs.conc - _batch_conc(compartments, unit, names, log_theta[None, :], regimen, obs.t_day)[0]) / sd

    stencil = _FD_STEP * np.vstack([np.eye(p), -np.eye(p)])

    def wres_jac(log_theta: np.ndarray) -> np.ndarray:
        # central differences, all 2p perturbed parameter sets in one engine call (closed form, exact to rounding)
        f = _batch_conc(compartments, unit, names, log_theta[None, :] + stencil, regimen, obs.t_day)
        return -((f[:p] - f[p:]) / (2 * _FD_STEP)).T / sd[:, None]

    cl0, v0 = _profile_start(obs, regimen, unit, sd)
    starts: list[np.ndarray] = []
    if compartments == 1:
        starts.append(np.log([cl0, v0]))
    else:
        # Shapes of the 2-compartment curve around the 1-compartment solution: V1 a fraction of V, Q relative
        # to CL.  A small grid of shapes; the best local optimum wins.
        for frac in (0.2, 0.5, 0.8):
            for q_rel in (0.3, 1.0, 3.0):
                starts.append(np.log([cl0, frac * v0, q_rel * cl0, (1 - frac) * v0]))
    best, best_x0 = None, starts[0]
    for x0 in starts:
        from scipy import optimize  # on use: scipy.optimize costs ~0.3 s at start-up

        res = optimize.least_squares(wres, x0, jac=wres_jac, bounds=(x0 - _LOG_BOX, x0 + _LOG_BOX), method="trf",
                                     x_scale="jac", xtol=1e-14, ftol=1e-14, gtol=1e-14, max_nfev=2000)
        if best is None or res.cost < best.cost:
            best, best_x0 = res, x0
    assert best is not None
    r = best.fun
    dof = n - p
    if error_model == "proportional":
        scale2 = float(r @ r) / dof if dof > 0 else float("nan")
    else:
        scale2 = 1.0
    cov = _covariance(best.jac, scale2) if dof > 0 else None
    units = _parameter_units(unit)
    estimates, rses = _estimates(names, best.x, cov, units)
    predicted = obs.conc - r * sd
    extra = []
    if np.any(np.abs(best.x - best_x0) > _LOG_BOX - 1e-6):
        extra.append(translate("fit", "a parameter reached the edge of the search range (not identifiable from "
                                      "these levels)"))
    quality = _quality(n, p, r, 2 * best.cost, bool(best.success), str(best.message), rses, extra)
    if error_model == "combined":
        quality = replace(quality, residual_sd=float(np.sqrt(np.mean(r**2))))
    return IndividualFit(
        compartments=compartments, error_model=error_model, unit=unit, exposure_unit=exposure_unit(unit),
        estimates=estimates, t_day=obs.t_day, observed=obs.conc, predicted=predicted, weighted_residuals=r,
        rows=obs.rows, quality=quality, regimen=regimen, notes=obs.notes,
    )


# ---------------------------------------------------------------------------------------------------------------
# MAP Bayesian estimate


def _check_model_unit(model: PKModel, levels: LevelSeries) -> None:
    m_unit = normalise_unit(model.concentration_unit, field="model concentration unit") \
        if model.concentration_unit != "UE/mL" else "UE/mL"
    if m_unit == "UE/mL" or unit_family(m_unit) != unit_family(levels.unit):
        raise ValueError(
            f"model: '{model.id}' predicts {model.concentration_unit} but the levels are in {levels.unit}; "
            "different assays are never compared"
        )


def fit_map(
    levels: LevelSeries,
    regimen: Regimen,
    model: PKModel,
    covariates: Mapping[str, float],
) -> MapFit:
    """MAP Bayesian estimate of the individual η for ``model`` (method and shrinkage in the module docstring).

    ``covariates`` holds the model's covariates (hard ranges checked by the model).  Raises ``ValueError`` naming
    'model' when the model has no variability or predicts another assay's unit.
    """
    _check_model_unit(model, levels)
    names = model.eta_names
    if not names:
        raise ValueError(f"model: '{model.id}' has no inter-individual variability; use the individual fit")
    omega2 = model.omega2
    omega = np.sqrt(omega2)
    obs = _observations(levels, regimen, drop_zero=False)
    if obs.t_day.size == 0:
        raise ValueError("levels: no usable level after the first administration")
    add, prop = model.residual_additive, model.residual_proportional
    cov_scalar = {k: float(v) for k, v in covariates.items()}
    typical = individual_parameters(model, cov_scalar)

    def params_at(eta: np.ndarray) -> dict[str, np.ndarray]:
        return individual_parameters(model, cov_scalar, eta=np.asarray(eta, dtype=float))

    k = len(names)
    step = _FD_STEP
    stencil = np.vstack([np.zeros(k), step * np.eye(k), -step * np.eye(k)])   # (2K + 1, K)

    def batch(eta: np.ndarray) -> np.ndarray:
        """Predictions at η and at η ± step along each axis in ONE engine call (shape (2K + 1, T)): the engine
        integrates a batch with one shared step sequence, so the differences are free of step-size noise."""
        return np.asarray(simulate(model, params_at(eta[None, :] + stencil), regimen, obs.t_day))

    def var_of(f: np.ndarray) -> np.ndarray:
        return np.maximum(add**2 + (prop * f) ** 2, np.finfo(float).tiny)

    def objectives(etas: np.ndarray, f: np.ndarray) -> np.ndarray:
        v = var_of(f)
        with np.errstate(over="ignore", divide="ignore", invalid="ignore"):  # a far-off trial η gives +inf
            val = np.sum((obs.conc - f) ** 2 / v + np.log(v), axis=1) + np.sum(etas**2 / omega2, axis=1)
        return np.where(np.isfinite(val), val, 1e300)

    def value_and_gradient(eta: np.ndarray) -> tuple[float, np.ndarray]:
        vals = objectives(eta[None, :] + stencil, batch(eta))
        return float(vals[0]), (vals[1:k + 1] - vals[k + 1:]) / (2 * step)

    from scipy import optimize

    res = optimize.minimize(value_and_gradient, np.zeros(k), jac=True, method="BFGS",
                            options={"gtol": 1e-6, "maxiter": 500})
    eta_hat = np.asarray(res.x, dtype=float)
    notes = list(obs.notes)
    preds = batch(eta_hat)
    f = preds[0]
    jac = ((preds[1:k + 1] - preds[k + 1:]) / (2 * step)).T                  # (T, K) = ∂f/∂η
    post_cov = _posterior_covariance(f, jac, omega2, add, prop)
    eta_sd = np.sqrt(np.diag(post_cov))
    shrink = 1.0 - np.sqrt(np.clip(1.0 - eta_sd**2 / omega2, 0.0, 1.0))
    r = (obs.conc - f) / np.sqrt(var_of(f))
    ind = {kk: float(v[0]) for kk, v in params_at(eta_hat).items()}
    n = obs.t_day.size
    extra = []
    big = [f"η({nm}) = {e:+.2f} ({abs(e) / w:.1f} ω)" for nm, e, w in zip(names, eta_hat, omega, strict=True)
           if abs(e) > 3 * w]
    if big:
        extra.append(translate("fit", "individual far from the population (> 3 ω): {etas}").format(
            etas=", ".join(big)))
    # Under the model the weighted residuals are standard normal: Σr² beyond the 99th percentile of χ²(n) says
    # the levels are not consistent with the model's residual error (wrong model, assay or dosing record).
    # chdtri(n, 0.01) = chi2.ppf(0.99, n) (inverse of the upper tail), from scipy.special: scipy.stats would pull
    # in most of SciPy, which the frozen bundle leaves out (packaging/README.md).
    from scipy.special import chdtri

    chi2_limit = float(chdtri(n, 0.01))
    if float(r @ r) > chi2_limit:
        extra.append(translate("fit", "levels not consistent with the model's residual error (sum of squared "
                                      "weighted residuals {value} > {limit}, the 99th percentile of chi-square "
                                      "with {n} d.f.)").format(value=f"{float(r @ r):.3g}",
                                                                limit=f"{chi2_limit:.3g}", n=n))
    # 2: precision loss at the optimum.  bool(): numpy's comparison gives numpy.bool_, which json cannot write.
    ok = bool(res.success or (res.status == 2 and np.linalg.norm(res.jac) < 1e-3))
    quality = FitQuality(
        n_observations=n, n_parameters=k, degrees_of_freedom=n - k, residual_sd=float(np.sqrt(np.mean(r**2))),
        max_abs_weighted_residual=float(np.max(np.abs(r))), objective=float(res.fun), converged=ok,
        message=str(res.message),
        verdict="questionable" if (extra or not ok) else "good",
        reasons=tuple(extra + ([] if ok else [translate("fit", "optimiser did not converge ({message})").format(
            message=res.message)])),
    )
    return MapFit(
        model=model, covariates=cov_scalar, eta_names=names, eta=eta_hat, eta_sd=eta_sd, omega=omega,
        shrinkage=shrink, parameters=ind, typical_parameters={kk: float(v[0]) for kk, v in typical.items()},
        t_day=obs.t_day, observed=obs.conc, predicted=f, weighted_residuals=r, rows=obs.rows, quality=quality,
        regimen=regimen, notes=tuple(notes),
    )


def _posterior_covariance(f: np.ndarray, jac: np.ndarray, omega2: np.ndarray, add: float,
                          prop: float) -> np.ndarray:
    """Laplace approximation of Cov(η | y) with the expected information: ``(I + Ω⁻¹)⁻¹``.

    For y ~ N(f, σ²(f)) with σ² = add² + prop²·f², the information about f is ``1/σ² + (dσ²/df)²/(2σ⁴)``, so
    ``I = Jᵀ·diag(1/σ² + 2·prop⁴·f²/σ⁴)·J`` with J = ∂f/∂η.  Unlike the observed Hessian this is always positive
    definite, so the posterior SD never exceeds ω."""
    v = np.maximum(add**2 + (prop * f) ** 2, np.finfo(float).tiny)
    w = 1.0 / v + 2.0 * prop**4 * f**2 / v**2
    info = jac.T @ (w[:, None] * jac)
    return np.linalg.inv(info + np.diag(1.0 / omega2))


def eta_shrinkage(etas: np.ndarray, omega: np.ndarray) -> np.ndarray:
    """Population η-shrinkage ``1 − SD(η̂)/ω`` per parameter from individual estimates ``etas`` (N, K), N ≥ 2
    (sample SD, ddof = 1), and the prior SDs ``omega`` (K,)."""
    e = np.asarray(etas, dtype=float)
    w = np.asarray(omega, dtype=float)
    if e.ndim != 2 or e.shape[0] < 2 or w.shape != (e.shape[1],):
        raise ValueError(f"etas: need shape (N ≥ 2, K) with omega (K,), got {e.shape} and {w.shape}")
    if np.any(w <= 0):
        raise ValueError("omega: must be > 0")
    return 1.0 - e.std(axis=0, ddof=1) / w


# ---------------------------------------------------------------------------------------------------------------
# Forecast and remaining-dose proposal


def _check_horizon(horizon_day: float) -> float:
    if isinstance(horizon_day, bool) or not isinstance(horizon_day, int | float) or not math.isfinite(horizon_day) \
            or horizon_day <= 0:
        raise ValueError(f"horizon_day: must be a finite number of days after HCT (> 0), got {horizon_day!r}")
    return float(horizon_day)


def forecast_curve(curve: Curve, regimen: Regimen, horizon_day: float = DEFAULT_HORIZON_DAY,
                   threshold: float = 1.0, step_day: float = 0.05) -> ExposureMetrics:
    """The individual's predicted curve for ``regimen`` to ``horizon_day`` and its exposure metrics, computed
    exactly as the calculator computes a model prediction (engine grid, cumulative AUC, day below
    ``threshold`` in the concentration unit)."""
    h = _check_horizon(horizon_day)
    t = simulation_grid(regimen, h, step_day)
    res = simulate_full(curve.model, curve.arrays(), regimen, t)
    return exposure_metrics(t, res.conc[0], threshold, h, cum_auc=res.cum_auc[0],
                            last_dose_end_day=regimen.last_end_day)


AUC_METRICS = ("post", "total")
PROPOSAL_MODES = ("scale", "equal")


@dataclass(frozen=True)
class DoseProposal:
    """The remaining doses that put the predicted AUC (``metric``) at ``target_auc``.

    ``mode`` 'scale': every remaining planned amount × ``scale_factor``; 'equal': each remaining administration
    gets ``amount_per_administration`` (same days and infusion times).  ``status`` is 'ok', 'above target' (the
    doses already given exceed the target: the proposal is to give no more) or 'unreachable'.
    """

    metric: str
    target_auc: float
    mode: str
    horizon_day: float
    after_day: float
    given: tuple[Administration, ...]
    planned_remaining: tuple[Administration, ...]
    proposed_remaining: tuple[Administration, ...]
    scale_factor: float | None
    amount_per_administration: float | None
    planned_auc: float
    achieved_auc: float
    status: str
    notes: tuple[str, ...]

    @property
    def proposed_regimen(self) -> Regimen:
        """Given administrations followed by the proposed remaining ones."""
        return Regimen(self.given + self.proposed_remaining)

    @property
    def relative_error(self) -> float:
        """(achieved − target)/target."""
        return (self.achieved_auc - self.target_auc) / self.target_auc

    @property
    def proposed_remaining_total(self) -> float:
        """Sum of the proposed remaining amounts (dose unit)."""
        return math.fsum(a.amount for a in self.proposed_remaining)


def propose_remaining_dose(
    curve: Curve,
    regimen: Regimen,
    target_auc: float,
    after_day: float,
    metric: str = "post",
    mode: str = "scale",
    horizon_day: float = DEFAULT_HORIZON_DAY,
) -> DoseProposal:
    """Root-find the remaining dose that puts the predicted AUC at ``target_auc`` (model units·day).

    Administrations starting after ``after_day`` are the remaining ones (usually: after the last measured level);
    the others are kept as given.  ``metric`` 'post' (day 0 to horizon) or 'total' (first dose to horizon).  The
    AUC is monotone in the remaining amounts, so the root is bracketed from 0 upwards and refined with Brent's
    method; the achieved AUC is recomputed with the proposed regimen.
    """
    if metric not in AUC_METRICS:
        raise ValueError(f"metric: must be one of {', '.join(AUC_METRICS)}, got {metric!r}")
    if mode not in PROPOSAL_MODES:
        raise ValueError(f"mode: must be one of {', '.join(PROPOSAL_MODES)}, got {mode!r}")
    if isinstance(target_auc, bool) or not isinstance(target_auc, int | float) or not math.isfinite(target_auc) \
            or target_auc <= 0:
        raise ValueError(f"target_auc: must be a finite number > 0, got {target_auc!r}")
    if not math.isfinite(after_day):
        raise ValueError(f"after_day: must be finite, got {after_day!r}")
    h = _check_horizon(horizon_day)
    given = tuple(a for a in regimen.administrations if a.start_day <= after_day)
    remaining = tuple(a for a in regimen.administrations if a.start_day > after_day)
    if not remaining:
        raise ValueError(f"after_day: no administration starts after day {after_day:g}; nothing left to adjust")
    if mode == "scale" and all(a.amount == 0 for a in remaining):
        raise ValueError("mode: the remaining planned amounts are all 0, so they cannot be scaled; use 'equal'")

    def build(x: float) -> tuple[Administration, ...]:
        if mode == "scale":
            return tuple(Administration(a.start_day, a.amount * x, a.duration_day) for a in remaining)
        return tuple(Administration(a.start_day, x, a.duration_day) for a in remaining)

    def auc(adms: tuple[Administration, ...]) -> float:
        reg = Regimen(given + adms)
        pre, post = curve.aucs(reg, h)
        return post if metric == "post" else pre + post

    def g(x: float) -> float:
        return auc(build(x)) - target_auc

    planned_auc = auc(remaining)
    notes: list[str] = []
    g0 = g(0.0)
    if g0 >= 0:
        x, status = 0.0, "above target"
        notes.append(translate("fit", "the doses already given reach the target: no further dose is proposed"))
    else:
        hi = 1.0 if mode == "scale" else max(math.fsum(a.amount for a in remaining) / len(remaining), 1.0)
        doublings = 0
        while g(hi) < 0 and doublings < 60:
            hi *= 2.0
            doublings += 1
        if g(hi) < 0:
            x, status = hi, "unreachable"
            notes.append(translate("fit", "the target cannot be reached by changing the remaining doses"))
        else:
            from scipy import optimize

            x = optimize.brentq(g, 0.0, hi, xtol=1e-12 * hi, rtol=4 * np.finfo(float).eps, maxiter=200)
            status = "ok"
    proposed = build(x)
    achieved = auc(proposed)
    return DoseProposal(
        metric=metric, target_auc=float(target_auc), mode=mode, horizon_day=h, after_day=float(after_day),
        given=given, planned_remaining=remaining, proposed_remaining=proposed,
        scale_factor=x if mode == "scale" else None, amount_per_administration=x if mode == "equal" else None,
        planned_auc=planned_auc, achieved_auc=achieved, status=status, notes=tuple(notes),
    )


# ---------------------------------------------------------------------------------------------------------------
# The one post-HCT exposure from levels (observed + forecast)


@dataclass(frozen=True)
class PostHctExposure:
    """The post-HCT exposure to compare with a target: AUC from day 0 to ``horizon_day``, measured where the
    levels cover it (non-compartmental, ``observed_from_day``–``observed_to_day``) and forecast elsewhere.

    ``method`` says where the rest comes from: 'observed' (the levels reach the horizon), 'observed + forecast'
    (the fitted curve with the regimen as given and planned), 'observed + terminal-phase extrapolation' (no fit:
    the last level decays with the terminal half-life — later doses are then ignored).
    """

    auc: float
    observed: float
    added: float
    observed_from_day: float | None
    observed_to_day: float | None
    horizon_day: float
    unit: str
    method: str


def _curve_auc_between(fc: ExposureMetrics, a: float, b: float) -> float:
    """AUC of the forecast curve between days ``a`` < ``b`` (trapezoids on its grid, ends interpolated)."""
    t, c = fc.t_day, fc.conc
    inner = (t > a) & (t < b)
    x = np.concatenate(([a], t[inner], [b]))
    y = np.interp(x, t, c, left=0.0, right=0.0)
    return float(np.sum(0.5 * (y[1:] + y[:-1]) * np.diff(x)))


def post_hct_exposure(nca_result, forecast: ExposureMetrics | None) -> PostHctExposure | None:
    """Observed post-HCT AUC where the levels cover day 0 → horizon, plus the forecast (or, without one, the
    terminal-phase extrapolation) for the rest; None when neither can complete it.

    ``nca_result`` is an :class:`atgdesk.core.nca.NCAResult` (or None when there are too few levels);
    ``forecast`` the fitted curve's metrics (:func:`forecast_curve`) with the same horizon, or None.
    """
    if forecast is not None and nca_result is not None \
            and abs(forecast.horizon_day - nca_result.horizon_day) > 1e-9:
        raise ValueError(f"forecast: horizon day {forecast.horizon_day:g} differs from the levels' "
                         f"{nca_result.horizon_day:g}")
    if nca_result is None:
        if forecast is None:
            return None
        return PostHctExposure(auc=float(forecast.auc_post), observed=0.0, added=float(forecast.auc_post),
                               observed_from_day=None, observed_to_day=None, horizon_day=forecast.horizon_day,
                               unit="", method="forecast")
    h = nca_result.horizon_day
    a = max(nca_result.first_day, 0.0)
    b = min(max(nca_result.last_day, 0.0), h)
    covered = b > a
    observed = float(nca_result.auc_post_observed) if covered else 0.0
    span = (a, b) if covered else (None, None)
    if nca_result.last_day >= h and nca_result.first_day <= 0.0:
        return PostHctExposure(auc=observed, observed=observed, added=0.0, observed_from_day=span[0],
                               observed_to_day=span[1], horizon_day=h, unit=nca_result.exposure_unit,
                               method="observed")
    if forecast is not None:
        added = float(forecast.auc_post) - (_curve_auc_between(forecast, a, b) if covered else 0.0)
        added = max(added, 0.0)  # grid round-off when the levels cover almost everything
        return PostHctExposure(auc=observed + added, observed=observed, added=added, observed_from_day=span[0],
                               observed_to_day=span[1], horizon_day=h, unit=nca_result.exposure_unit,
                               method="observed + forecast" if covered else "forecast")
    if nca_result.auc_post is not None and nca_result.first_day <= 0.0:
        return PostHctExposure(auc=float(nca_result.auc_post), observed=observed,
                               added=float(nca_result.auc_post_extrapolated or 0.0), observed_from_day=span[0],
                               observed_to_day=span[1], horizon_day=h, unit=nca_result.exposure_unit,
                               method="observed + terminal-phase extrapolation")
    return None
