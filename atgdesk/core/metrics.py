"""Exposure metrics from a concentration-time curve, and the one-patient prediction used by the calculator.

AUC method (documented and tested):

* With the engine's cumulative AUC (``cum_auc`` from :func:`atgdesk.core.simulate.simulate_full`): exact for linear
  models (analytic integral of the closed form) and ODE-accurate for nonlinear ones.  Values at day 0 and at the
  horizon are read off by cubic Hermite interpolation of the cumulative AUC, whose derivative is the concentration
  (4th-order accurate; exact when 0 and the horizon are grid points, as in :func:`simulation_grid`).
* Without it (a curve from elsewhere): the linear trapezoidal rule on the given grid, assuming concentration 0
  before the first time point (second-order accurate; the tests bound its error on the standard grid).

The day below a threshold is the first time after the end of the last infusion from which the curve stays below the
threshold to its end, interpolated log-linearly between grid points; None when the curve is still at or above the
threshold at its last point.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from atgdesk.core.model import PKModel, check_covariates, individual_parameters
from atgdesk.core.regimen import Regimen, sorted_unique
from atgdesk.core.simulate import simulate_full

__all__ = ["ExposureMetrics", "exposure_metrics", "simulation_grid", "Prediction", "predict"]


@dataclass(frozen=True, eq=False)
class ExposureMetrics:
    """Exposure summary of one curve (AUCs in concentration unit × day; times in days from HCT)."""

    t_day: np.ndarray
    conc: np.ndarray
    threshold: float
    horizon_day: float
    auc_pre: float
    auc_post: float
    auc_total: float
    cmax: float
    tmax_day: float
    day_below_threshold: float | None
    last_dose_end_day: float
    auc_method: str

    def conc_at(self, days: float | np.ndarray) -> np.ndarray:
        """Concentration at ``days`` by linear interpolation on the curve's grid (0 before its start)."""
        d = np.asarray(days, dtype=float)
        if not np.all(np.isfinite(d)):
            raise ValueError("days: must be finite")
        if np.any(d > self.t_day[-1]):
            raise ValueError(f"days: beyond the end of the curve (day {self.t_day[-1]:g})")
        return np.interp(d, self.t_day, self.conc, left=0.0)

    def as_dict(self) -> dict[str, float | None | str]:
        """The scalar metrics as a plain dict (JSON output)."""
        return {"auc_pre": self.auc_pre, "auc_post": self.auc_post, "auc_total": self.auc_total,
                "cmax": self.cmax, "tmax_day": self.tmax_day, "threshold": self.threshold,
                "day_below_threshold": self.day_below_threshold, "horizon_day": self.horizon_day,
                "auc_method": self.auc_method}


def _hermite_cum(t: np.ndarray, cum: np.ndarray, conc: np.ndarray, x: float) -> float:
    """Cumulative AUC at ``x`` by cubic Hermite interpolation (derivative = concentration)."""
    i = int(np.searchsorted(t, x, side="left"))
    if i < t.size and t[i] == x:
        return float(cum[i])
    if i == 0 or i >= t.size:
        raise ValueError(f"horizon_day: day {x:g} lies outside the curve [{t[0]:g}, {t[-1]:g}]")
    t0, t1 = t[i - 1], t[i]
    h = t1 - t0
    s = (x - t0) / h
    h00 = 2 * s**3 - 3 * s**2 + 1
    h10 = s**3 - 2 * s**2 + s
    h01 = -2 * s**3 + 3 * s**2
    h11 = s**3 - s**2
    return float(h00 * cum[i - 1] + h10 * h * conc[i - 1] + h01 * cum[i] + h11 * h * conc[i])


def exposure_metrics(t_day: np.ndarray, conc: np.ndarray, threshold: float = 1.0, horizon_day: float = 100.0,
                     *, cum_auc: np.ndarray | None = None,
                     last_dose_end_day: float | None = None) -> ExposureMetrics:
    """Metrics of one curve: AUC before day 0, day 0 → ``horizon_day``, total; Cmax, tmax; day below threshold.

    ``cum_auc`` (same shape as ``conc``): the engine's cumulative AUC from the first dose (see module docstring);
    ``last_dose_end_day``: end of the last infusion (default: the time of Cmax)."""
    t = np.asarray(t_day, dtype=float)
    c = np.asarray(conc, dtype=float)
    if t.ndim != 1 or t.size < 2:
        raise ValueError("t_day: needs a 1-D array of at least 2 times")
    if c.shape != t.shape:
        raise ValueError(f"conc: shape {c.shape} does not match t_day {t.shape}")
    if not (np.all(np.isfinite(t)) and np.all(np.isfinite(c))):
        raise ValueError("conc: must be finite (and t_day too)")
    if np.any(np.diff(t) <= 0):
        raise ValueError("t_day: must be strictly increasing")
    thr = float(threshold)
    if not math.isfinite(thr) or thr <= 0:
        raise ValueError(f"threshold: must be > 0, got {threshold}")
    hz = float(horizon_day)
    if not math.isfinite(hz) or hz <= 0:
        raise ValueError(f"horizon_day: must be > 0, got {horizon_day}")
    if hz > t[-1] + 1e-9:
        raise ValueError(f"horizon_day: {hz:g} is beyond the end of the curve (day {t[-1]:g})")
    if cum_auc is not None:
        cum = np.asarray(cum_auc, dtype=float)
        if cum.shape != t.shape or not np.all(np.isfinite(cum)):
            raise ValueError("cum_auc: must be finite with the shape of t_day")
        method = "engine"
        if t[0] > 0:
            raise ValueError("t_day: must start at or before day 0")
        at0 = _hermite_cum(t, cum, c, 0.0)
        ath = _hermite_cum(t, cum, c, hz)
    else:
        method = "trapezoid"
        cum = np.concatenate([[0.0], np.cumsum(0.5 * (c[1:] + c[:-1]) * np.diff(t))])
        at0 = float(np.interp(0.0, t, cum, left=0.0))
        ath = float(np.interp(hz, t, cum))
    auc_pre = at0
    auc_post = ath - at0
    k = int(np.argmax(c))
    cmax, tmax = float(c[k]), float(t[k])
    t_ref = float(last_dose_end_day) if last_dose_end_day is not None else tmax
    if not math.isfinite(t_ref):
        raise ValueError("last_dose_end_day: must be finite")
    day_below = _day_below(t, c, thr, t_ref)
    return ExposureMetrics(t, c, thr, hz, auc_pre, auc_post, auc_pre + auc_post, cmax, tmax, day_below, t_ref,
                           method)


def _day_below(t: np.ndarray, c: np.ndarray, thr: float, t_ref: float) -> float | None:
    after = t >= t_ref
    if not np.any(after):
        return None
    above = np.nonzero(after & (c >= thr))[0]
    if above.size == 0:
        return t_ref
    i = int(above[-1])
    if i == t.size - 1:
        return None
    c0, c1 = c[i], c[i + 1]
    if c1 > 0 and c0 > 0 and c0 != c1:
        frac = math.log(c0 / thr) / math.log(c0 / c1)
    else:
        frac = (c0 - thr) / (c0 - c1) if c0 != c1 else 0.0
    return float(t[i] + frac * (t[i + 1] - t[i]))


def simulation_grid(regimen: Regimen, horizon_day: float = 100.0, step_day: float = 0.05,
                    start_day: float | None = None) -> np.ndarray:
    """Time grid for a curve: uniform ``step_day`` from before the first dose to ``horizon_day``, plus every
    infusion start/stop, day 0 and the horizon (so peaks and AUC split points are grid points)."""
    hz = float(horizon_day)
    st = float(step_day)
    if not math.isfinite(hz) or hz <= 0:
        raise ValueError(f"horizon_day: must be > 0, got {horizon_day}")
    if not math.isfinite(st) or not 1e-4 <= st <= 5:
        raise ValueError(f"step_day: must be in [1e-4, 5], got {step_day}")
    t0 = float(start_day) if start_day is not None else min(regimen.first_day, 0.0) - 0.5
    if t0 >= hz:
        raise ValueError("start_day: must be before horizon_day")
    if (hz - t0) / st > 2_000_000:
        raise ValueError("step_day: too small for this horizon")
    base = t0 + st * np.arange(int(math.floor((hz - t0) / st)) + 1)
    extra = np.concatenate([regimen.breakpoints_day(), [0.0, hz]])
    extra = extra[(extra >= t0) & (extra <= hz)]
    return sorted_unique(np.concatenate([base[base <= hz], extra]))


@dataclass(frozen=True, eq=False)
class Prediction:
    """One patient's predicted curve and metrics, with the model it came from and any soft-range warnings."""

    model: PKModel
    covariates: Mapping[str, float]
    regimen: Regimen
    t_day: np.ndarray
    conc: np.ndarray
    metrics: ExposureMetrics
    warnings: tuple[str, ...]


# The last one-patient simulation: (model, key, result).  A threshold step, or a recompute that changes nothing
# the engine reads (a target, a setting), asks for the same curve again; it is then reused, not integrated again.
# One tuple, replaced whole, so that a worker thread calling predict at the same time sees a consistent entry.
_last_simulation: tuple | None = None


def _simulate_reusing_last(model: PKModel, covariates: Mapping[str, float], params, regimen: Regimen,
                           t: np.ndarray, grid: tuple[float, float]):
    """:func:`simulate_full` for one patient, reusing the previous result when the model (the same object), the
    covariates, the regimen and the grid (horizon, step) are all equal: the engine is deterministic, so the arrays
    are the ones it would compute again.  Those arrays are read-only, so no caller can change a shared result."""
    global _last_simulation
    key = (tuple(sorted((k, float(v)) for k, v in covariates.items())), regimen, grid)
    last = _last_simulation
    if last is not None and last[0] is model and last[1] == key:
        return last[2]
    res = simulate_full(model, params, regimen, t)
    for array in (res.t_day, res.conc, res.cum_auc):
        array.flags.writeable = False
    _last_simulation = (model, key, res)
    return res


def predict(model: PKModel, covariates: Mapping[str, float], regimen: Regimen, horizon_day: float = 100.0,
            threshold: float = 1.0, step_day: float = 0.05) -> Prediction:
    """Typical-patient prediction (the calculator's live path): curve on :func:`simulation_grid` + metrics."""
    warnings = tuple(check_covariates(model, covariates))
    params = individual_parameters(model, covariates)
    if next(iter(params.values())).shape[0] != 1:
        raise ValueError("covariates: predict takes one value per covariate")
    t = simulation_grid(regimen, horizon_day, step_day)
    res = _simulate_reusing_last(model, covariates, params, regimen, t, (float(horizon_day), float(step_day)))
    m = exposure_metrics(t, res.conc[0], threshold, horizon_day, cum_auc=res.cum_auc[0],
                         last_dose_end_day=regimen.last_end_day)
    return Prediction(model, dict(covariates), regimen, t, res.conc[0], m, warnings)
