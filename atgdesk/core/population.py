"""Virtual populations from a model's variability: percentile bands and probability of target attainment (PTA).

A population is N virtual patients: covariates fixed or sampled, and log-normal inter-individual deviations
η ~ N(0, Ω) (diagonal Ω from the model file), drawn from a seeded ``numpy.random.Generator`` so that the same seed
gives the same population.  All N patients are simulated in one vectorised call.  Residual (assay) error is not
added: bands and PTA describe true exposure, not measured levels.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from atgdesk.core.model import PKModel, individual_parameters
from atgdesk.core.regimen import DoseSchedule, Regimen
from atgdesk.core.simulate import exposure_aucs, simulate

__all__ = ["NormalCovariate", "VirtualPopulation", "sample_population", "dose_inputs", "PercentileBand",
           "percentile_band", "population_aucs", "pta", "PERCENTILES"]

PERCENTILES = (5.0, 25.0, 50.0, 75.0, 95.0)
MAX_POPULATION = 200_000


@dataclass(frozen=True)
class NormalCovariate:
    """A covariate drawn from a normal distribution truncated to [lower, upper] (resampled, not clipped)."""

    mean: float
    sd: float
    lower: float
    upper: float

    def __post_init__(self) -> None:
        for k in ("mean", "sd", "lower", "upper"):
            if not math.isfinite(float(getattr(self, k))):
                raise ValueError(f"{k}: must be finite")
        if self.sd < 0:
            raise ValueError(f"sd: must be ≥ 0, got {self.sd}")
        if not self.lower < self.upper:
            raise ValueError("lower: must be < upper")
        if self.sd == 0 and not self.lower <= self.mean <= self.upper:
            raise ValueError("mean: outside [lower, upper] with sd 0")

    def sample(self, rng: np.random.Generator, n: int) -> np.ndarray:
        """n draws (rejection sampling; refuses a window holding almost no probability mass)."""
        out = np.empty(n)
        filled = 0
        for _ in range(200):
            x = rng.normal(self.mean, self.sd, size=max(2 * (n - filled), 16))
            x = x[(x >= self.lower) & (x <= self.upper)]
            take = min(x.size, n - filled)
            out[filled:filled + take] = x[:take]
            filled += take
            if filled == n:
                return out
        raise ValueError("lower: the truncation window holds too little probability to sample from")


@dataclass(frozen=True, eq=False)
class VirtualPopulation:
    """Sampled covariates (each (N,)), η (N, K) and the resulting individual parameters."""

    model: PKModel
    seed: int | None
    covariates: Mapping[str, np.ndarray]
    eta: np.ndarray
    params: Mapping[str, np.ndarray]

    @property
    def size(self) -> int:
        """Number of virtual patients."""
        return self.eta.shape[0]


def sample_population(model: PKModel, n: int, covariates: Mapping[str, float | NormalCovariate | np.ndarray],
                      seed: int | None = 0, *, variability: bool = True) -> VirtualPopulation:
    """Draw ``n`` virtual patients.  ``covariates``: name → fixed value, :class:`NormalCovariate`, or an (n,)
    array; ``variability=False`` sets η = 0 (covariate spread only)."""
    if isinstance(n, bool) or not isinstance(n, int | np.integer) or not 1 <= n <= MAX_POPULATION:
        raise ValueError(f"population: size must be an integer in [1, {MAX_POPULATION}], got {n!r}")
    n = int(n)
    rng = np.random.default_rng(seed)
    cov: dict[str, np.ndarray] = {}
    for name in sorted(covariates):
        spec = covariates[name]
        if isinstance(spec, NormalCovariate):
            cov[name] = spec.sample(rng, n)
        else:
            a = np.asarray(spec, dtype=float)
            if a.ndim == 0:
                cov[name] = np.full(n, float(a))
            elif a.shape == (n,):
                cov[name] = a.copy()
            else:
                raise ValueError(f"{name}: expected a number or an array of {n} values")
    k = len(model.eta_names)
    if variability and k:
        eta = rng.standard_normal((n, k)) * np.sqrt(model.omega2)[None, :]
    else:
        eta = np.zeros((n, k))
    params = individual_parameters(model, cov, eta if k else None)
    params = {p: np.broadcast_to(v, (n,)).copy() for p, v in params.items()}
    return VirtualPopulation(model, seed, cov, eta, params)


def dose_inputs(dosing: Regimen | DoseSchedule, population: VirtualPopulation,
                weight_kg: float | np.ndarray | None = None) -> tuple[Regimen, np.ndarray | None]:
    """(regimen, amounts (N, M) or None) for a population: a :class:`DoseSchedule` is dosed on each patient's
    ``weight_kg`` covariate (or the ``weight_kg`` given); a :class:`Regimen` gives every patient the same amounts."""
    if isinstance(dosing, Regimen):
        return dosing, None
    if not isinstance(dosing, DoseSchedule):
        raise ValueError("dosing: expected a Regimen or a DoseSchedule")
    w = weight_kg if weight_kg is not None else population.covariates.get("weight_kg")
    if w is None:
        raise ValueError("weight_kg: a mg/kg schedule needs the patients' weights")
    w_arr = np.broadcast_to(np.asarray(w, dtype=float), (population.size,))
    return dosing.timing_regimen(), dosing.amount_matrix(w_arr)


@dataclass(frozen=True, eq=False)
class PercentileBand:
    """Concentration percentiles over time: ``values[i]`` is the ``percentiles[i]``-th percentile, shape (P, T)."""

    t_day: np.ndarray
    percentiles: tuple[float, ...]
    values: np.ndarray

    def percentile(self, q: float) -> np.ndarray:
        """The curve of percentile ``q`` (one of :attr:`percentiles`)."""
        return self.values[self.percentiles.index(float(q))]


def percentile_band(population: VirtualPopulation, dosing: Regimen | DoseSchedule, t_day: np.ndarray,
                    percentiles: tuple[float, ...] = PERCENTILES) -> PercentileBand:
    """Percentile band of concentrations over ``t_day`` (one vectorised N-patient simulation)."""
    if not percentiles or any(not 0 <= float(q) <= 100 for q in percentiles):
        raise ValueError("percentiles: each must be in [0, 100]")
    regimen, amounts = dose_inputs(dosing, population)
    conc = simulate(population.model, population.params, regimen, t_day, amounts)
    vals = np.percentile(conc, [float(q) for q in percentiles], axis=0)
    return PercentileBand(np.asarray(t_day, dtype=float), tuple(float(q) for q in percentiles), vals)


def population_aucs(population: VirtualPopulation, dosing: Regimen | DoseSchedule,
                    horizon_day: float = 100.0) -> tuple[np.ndarray, np.ndarray]:
    """(AUC before day 0, AUC day 0 → horizon) per virtual patient, each shape (N,)."""
    regimen, amounts = dose_inputs(dosing, population)
    return exposure_aucs(population.model, population.params, regimen, horizon_day, amounts)


def pta(values: np.ndarray, lower: float | None, upper: float | None) -> float:
    """Fraction of ``values`` inside [lower, upper] (None = open end)."""
    v = np.asarray(values, dtype=float)
    if v.size == 0 or not np.all(np.isfinite(v)):
        raise ValueError("values: must be a non-empty finite array")
    if lower is None and upper is None:
        raise ValueError("window: give a lower or an upper bound")
    if lower is not None and upper is not None and lower > upper:
        raise ValueError(f"window: lower {lower} > upper {upper}")
    ok = np.ones(v.shape, dtype=bool)
    if lower is not None:
        ok &= v >= lower
    if upper is not None:
        ok &= v <= upper
    return float(np.mean(ok))
