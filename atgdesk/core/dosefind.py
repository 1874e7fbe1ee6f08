"""Dose finding: the dose that puts the predicted post-HCT AUC at a value, and attainment over candidate doses
(the calculator's finder, :func:`atgdesk.present.calculator.propose_dose`, ranks whole-vial doses by it).

Two adjustable quantities (``mode``): 'scale' multiplies every dose of the schedule by one factor (a new dose per
day for a same-dose-every-day schedule); 'last_dose' changes only the last dose (mg/kg).  The typical patient
(η = 0) or the median of a seeded virtual population is put at the target; the AUC is monotone in dose, so a
bracketing root finder (``scipy.optimize.brentq``) finds the unique solution or reports that the bracket cannot
reach the target.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

import numpy as np

from atgdesk.core.model import PKModel, individual_parameters
from atgdesk.core.population import VirtualPopulation, population_aucs
from atgdesk.core.regimen import DoseSchedule
from atgdesk.core.simulate import exposure_aucs
from atgdesk.core.targets import TargetWindow, comparability

__all__ = ["DoseProposal", "dose_for_auc", "dose_for_window", "attainment_by_factor", "attainment_by_amounts",
           "WholeUnitTables", "whole_unit_tables"]

MODES = ("scale", "last_dose")


@dataclass(frozen=True, eq=False)
class DoseProposal:
    """A proposed schedule and what it achieves.  ``adjusted`` is the scale factor ('scale') or the last dose in
    mg/kg ('last_dose')."""

    mode: str
    basis: str
    schedule: DoseSchedule
    adjusted: float
    target_auc_post: float | None
    achieved_auc_post: float
    pta: float | None = None


def _schedule(schedule: DoseSchedule, mode: str, x: float) -> DoseSchedule:
    return schedule.with_scaled_doses(Decimal(repr(x))) if mode == "scale" else schedule.with_last_dose(
        Decimal(repr(x)))


def _auc_function(model: PKModel, schedule: DoseSchedule, mode: str, horizon_day: float,
                  covariates: Mapping[str, float] | None, population: VirtualPopulation | None):
    if population is not None:
        def f(x: float) -> float:
            return float(np.median(population_aucs(population, _schedule(schedule, mode, x), horizon_day)[1]))
        return f, "median"
    if covariates is None:
        raise ValueError("covariates: give the patient's covariates or a population")
    params = individual_parameters(model, covariates)
    weight = covariates.get("weight_kg")
    if weight is None:
        raise ValueError("weight_kg: needed to turn the schedule into mg")

    def g(x: float) -> float:
        s = _schedule(schedule, mode, x)
        return float(exposure_aucs(model, params, s.regimen(float(weight)), horizon_day)[1][0])
    return g, "typical"


def dose_for_auc(model: PKModel, schedule: DoseSchedule, target_auc_post: float, *, mode: str = "scale",
                 covariates: Mapping[str, float] | None = None, population: VirtualPopulation | None = None,
                 horizon_day: float = 100.0, bracket: tuple[float, float] = (0.0, 20.0)) -> DoseProposal:
    """The factor (or last dose, mg/kg) giving a post-HCT AUC of ``target_auc_post`` for the typical patient
    (``covariates``) or the population median (``population``)."""
    if mode not in MODES:
        raise ValueError(f"mode: must be one of {', '.join(MODES)}")
    target = float(target_auc_post)
    if not np.isfinite(target) or target <= 0:
        raise ValueError(f"target_auc_post: must be > 0, got {target_auc_post}")
    lo, hi = float(bracket[0]), float(bracket[1])
    if not (0 <= lo < hi <= 1000):
        raise ValueError(f"bracket: needs 0 ≤ low < high ≤ 1000, got {bracket}")
    if mode == "last_dose" and schedule.items[-1].mg_per_kg is None:
        raise ValueError("mode: 'last_dose' needs the last dose in mg/kg")
    f, basis = _auc_function(model, schedule, mode, horizon_day, covariates, population)
    f_lo, f_hi = f(lo), f(hi)
    if not f_lo <= target <= f_hi:
        raise ValueError(f"target_auc_post: {target:g} is not reachable with {mode} in [{lo:g}, {hi:g}] "
                         f"(AUC range {f_lo:.4g}–{f_hi:.4g})")
    from scipy.optimize import brentq  # imported on use: scipy.optimize costs ~0.3 s at start-up

    x = brentq(lambda v: f(v) - target, lo, hi, xtol=1e-10, rtol=1e-10)
    x = float(f"{x:.6g}")           # a dose that can be written down; the achieved value is recomputed
    return DoseProposal(mode, basis, _schedule(schedule, mode, x), x, target, f(x))


def dose_for_window(model: PKModel, schedule: DoseSchedule, window: TargetWindow, **kwargs) -> DoseProposal:
    """:func:`dose_for_auc` aimed at the middle of a closed post-HCT AUC window (refuses incomparable windows)."""
    ok, reason = comparability(window, model)
    if not ok:
        raise ValueError(f"target: {reason}")
    if window.metric != "auc_post":
        raise ValueError(f"target: the dose finder aims at post-HCT AUC windows, '{window.id}' is {window.metric}")
    mid = window.midpoint
    if mid is None:
        raise ValueError(f"target: window '{window.id}' is open-ended; it has no middle to aim at")
    return dose_for_auc(model, schedule, mid, **kwargs)


def attainment_by_factor(population: VirtualPopulation, schedule: DoseSchedule, dosing_weight_kg: float,
                         target: TargetWindow, factors: np.ndarray | list[float], *,
                         horizon_day: float = 100.0) -> tuple[np.ndarray, np.ndarray]:
    """(attainment, median AUC) for every factor on all the schedule's doses, in one vectorised simulation of
    the population stacked once per factor (every patient dosed at ``dosing_weight_kg``, as on the screen).

    Attainment is the fraction inside ``target`` by the verdict's own rule (harm for an avoid band); the target's
    metric must be an AUC."""
    grid = np.asarray(factors, dtype=float)
    if grid.ndim != 1 or grid.size == 0 or not np.all(np.isfinite(grid)) or np.any(grid < 0):
        raise ValueError("factors: must be a non-empty 1-D array of values ≥ 0")
    base = schedule.amount_matrix(np.array([float(dosing_weight_kg)]))[0]          # (M,)
    return attainment_by_amounts(population, schedule, grid[:, None] * base[None, :], target,
                                 horizon_day=horizon_day)


def attainment_by_amounts(population: VirtualPopulation, schedule: DoseSchedule, amounts: np.ndarray,
                          target: TargetWindow, *, horizon_day: float = 100.0) -> tuple[np.ndarray, np.ndarray]:
    """(attainment, median post-HCT AUC) for every row of ``amounts`` (C candidate regimens × the schedule's M
    doses in mg, in the schedule's time order), every patient of ``population`` given each candidate, in one
    vectorised simulation.  The rule is :func:`attainment_by_factor`'s; here the doses need not be one factor
    of the schedule's (a table rounded day by day to whole vials)."""
    from atgdesk.core.targets import attainment

    if target.metric not in ("auc_post", "auc_pre", "auc_total"):
        raise ValueError(f"target: the dose finder works on AUC targets, '{target.id}' is {target.metric}")
    rows = np.asarray(amounts, dtype=float)
    m = len(schedule.items)
    if rows.ndim != 2 or rows.shape[0] == 0 or rows.shape[1] != m or not np.all(np.isfinite(rows)) \
            or np.any(rows < 0):
        raise ValueError(f"amounts: must be a non-empty (candidates × {m}) array of doses ≥ 0")
    n, c = population.size, rows.shape[0]
    stacked = np.repeat(rows, n, axis=0)                                            # (C·N, M)
    params = {k: np.tile(np.asarray(v, dtype=float), c) for k, v in population.params.items()}
    pre, post = exposure_aucs(population.model, params, schedule.timing_regimen(), horizon_day, stacked)
    values = {"auc_post": post, "auc_pre": pre, "auc_total": pre + post}[target.metric].reshape(c, n)
    att = np.array([attainment(target, row) for row in values])
    return att, np.median(post.reshape(c, n), axis=1)


@dataclass(frozen=True, eq=False)
class WholeUnitTables:
    """Whole-unit versions of a per-day table (see :func:`whole_unit_tables`): ``counts`` (C, M) whole units per
    day, smallest first; ``never_whole`` the indices of days whose dose stays below half a unit at every allowed
    scale (when there are any, ``counts`` is empty: such a table cannot be rounded to whole units)."""

    counts: np.ndarray
    never_whole: tuple[int, ...] = ()


def whole_unit_tables(doses: list[float] | tuple[float, ...], unit: float, max_dose: float) -> WholeUnitTables:
    """Every distinct table of whole units (a vial, in mg/kg at the dosing weight, or a stated mg/kg step) that
    follows the table ``doses`` (mg/kg per day) scaled by one factor: each day's scaled dose rounded to the
    nearest whole unit (halves up).  Days with no dose stay at none; a day with a dose is never rounded away (a
    factor that would round it to 0 units gives no table); no day above ``max_dose`` (mg/kg).

    Exact: a day's rounded count changes only where its scaled dose crosses a half unit, so the tables are
    those between consecutive crossings of all days (evaluated at the midpoints), nothing sampled."""
    d = np.asarray(doses, dtype=float)
    if d.ndim != 1 or d.size == 0 or not np.all(np.isfinite(d)) or np.any(d < 0):
        raise ValueError("doses: must be a non-empty list of doses ≥ 0")
    if not (math.isfinite(unit) and unit > 0):
        raise ValueError(f"unit: must be > 0, got {unit}")
    if not (math.isfinite(max_dose) and max_dose > 0):
        raise ValueError(f"max_dose: must be > 0, got {max_dose}")
    peak = float(d.max())
    if peak <= 0:
        raise ValueError("doses: every dose is 0; there is nothing to scale")
    most = math.floor(max_dose / unit * (1 + 1e-12))      # the most whole units one day may have
    end = (most + 0.5) * unit / peak                      # beyond it the largest day has more than `most`
    dosed = d > 0
    crossings = [(c + 0.5) * unit / x for x in d[dosed] for c in range(int(end * x / unit - 0.5) + 1)]
    edges = np.unique(np.array([0.0, *crossings, end]))
    edges = edges[edges <= end]
    # crossings equal in exact arithmetic (2.5 units on one day and 4.5 on another at the same factor) differ in
    # the last bits: no table lives between them
    edges = edges[np.concatenate(([True], np.diff(edges) > 1e-9 * end))]
    factors = (edges[:-1] + edges[1:]) / 2
    counts = np.floor(factors[:, None] * d[None, :] / unit + 0.5)                   # (F, M)
    ok = np.all(counts[:, dosed] >= 1, axis=1) & np.all(counts <= most, axis=1)
    if not ok.any():
        never = tuple(int(i) for i in np.flatnonzero(dosed & (end * d / unit < 0.5)))
        return WholeUnitTables(np.zeros((0, d.size), dtype=int), never)
    _, first = np.unique(counts[ok], axis=0, return_index=True)
    return WholeUnitTables(counts[ok][np.sort(first)].astype(int))
