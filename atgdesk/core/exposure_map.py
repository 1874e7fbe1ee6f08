"""Predicted post-HCT AUC over a weight × lymphocyte-count grid for one schedule (one vectorised simulation)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from atgdesk.core.model import PKModel, individual_parameters
from atgdesk.core.regimen import DoseSchedule
from atgdesk.core.simulate import exposure_aucs

__all__ = ["ExposureMap", "exposure_map"]

MAX_GRID_POINTS = 250_000


@dataclass(frozen=True, eq=False)
class ExposureMap:
    """``auc_post[i, j]`` is the typical post-HCT AUC at ``alc_per_nl[i]`` and ``weight_kg[j]``."""

    model: PKModel
    schedule: DoseSchedule
    weight_kg: np.ndarray
    alc_per_nl: np.ndarray
    auc_post: np.ndarray
    auc_pre: np.ndarray
    horizon_day: float


def _axis(name: str, values: np.ndarray | list[float]) -> np.ndarray:
    a = np.asarray(values, dtype=float)
    if a.ndim != 1 or a.size == 0 or not np.all(np.isfinite(a)):
        raise ValueError(f"{name}: must be a non-empty 1-D array of finite numbers")
    return a


def exposure_map(model: PKModel, schedule: DoseSchedule, weight_kg: np.ndarray | list[float],
                 alc_per_nl: np.ndarray | list[float], horizon_day: float = 100.0,
                 other_covariates: Mapping[str, float] | None = None, *,
                 dosing_weight_kg: np.ndarray | list[float] | None = None) -> ExposureMap:
    """Typical-patient AUCs on the grid: doses follow ``schedule`` at each grid weight (mg/kg items scale), or
    at ``dosing_weight_kg[j]`` for grid weight ``weight_kg[j]`` (an ideal or adjusted dosing weight).  Covariates
    are mapped by :func:`atgdesk.core.scenario.map_covariates` (any weight or lymphocyte name the model uses)."""
    from atgdesk.core.scenario import map_covariates, model_covariates

    if not isinstance(schedule, DoseSchedule):
        raise ValueError("schedule: expected a DoseSchedule")
    w = _axis("weight_kg", weight_kg)
    a = _axis("alc_per_nl", alc_per_nl)
    if w.size * a.size > MAX_GRID_POINTS:
        raise ValueError(f"weight_kg: grid of {w.size} × {a.size} exceeds {MAX_GRID_POINTS} points")
    ww, aa = np.meshgrid(w, a)                      # (A, W)
    dosing = ww.ravel()
    if dosing_weight_kg is not None:
        d = _axis("dosing_weight_kg", dosing_weight_kg)
        if d.shape != w.shape:
            raise ValueError("dosing_weight_kg: needs one value per grid weight")
        dosing = np.tile(d, a.size)
    cov = map_covariates(model_covariates(model), ww.ravel(), aa.ravel(), other=other_covariates)
    params = individual_parameters(model, cov)
    n = ww.size
    params = {k: np.broadcast_to(v, (n,)).copy() for k, v in params.items()}
    pre, post = exposure_aucs(model, params, schedule.timing_regimen(), horizon_day,
                              schedule.amount_matrix(dosing))
    return ExposureMap(model, schedule, w, a, post.reshape(ww.shape), pre.reshape(ww.shape), float(horizon_day))
