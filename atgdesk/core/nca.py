"""Non-compartmental analysis of measured levels: observed AUC, terminal phase, extrapolation, split at HCT day 0.

Needs no model and no population parameters; every figure follows from the measured levels by a stated rule.

Method (documented for users in ``docs/levels.md``):

* **AUC between observations** — linear-up/log-down trapezoidal rule: on an interval where the concentration falls
  and both ends are positive, the curve is taken as exponential, ``(C1 − C2)/ln(C1/C2)·Δt``; otherwise (rising,
  flat, or ending at zero) it is a straight line, ``(C1 + C2)/2·Δt``.  The same interpolant is used to split an
  interval at day 0 (or at the horizon), so the parts always add up to the whole.
* **Terminal phase** — log-linear least squares of ``ln C`` on time over the last *k* positive levels after the
  peak (the peak itself excluded).  Automatic choice of *k* (k ≥ 3): the largest adjusted R² plus 1e-4 per point,
  among fits with a falling slope — the rule and tolerance of PKNCA (``adj.r.squared.factor`` = 1e-4,
  ``allow.tmax.in.half.life`` = FALSE, ``min.hl.points`` = 3).  A user may give *k* instead (last *k* positive
  levels, peak allowed).
* **Fit-quality verdict** — ``good`` when adjusted R² ≥ 0.9, the regression spans ≥ 2 half-lives and (for AUC∞) at
  most 20 % is extrapolated; else ``questionable`` with the reasons.  These are PKNCA's default acceptance limits
  (``min.hl.r.squared`` 0.9, ``min.span.ratio`` 2, ``max.aucinf.pext`` 20).
* **Extrapolation** beyond the last level ``C_last`` at ``t_last``: ``C(t) = C_last·e^(−λz·(t − t_last))``, so the
  AUC from ``t_last`` to a horizon ``H`` is ``C_last/λz·(1 − e^(−λz·(H − t_last)))`` and to infinity ``C_last/λz``.
  It assumes no dose is given after ``t_last``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from atgdesk.core.levels import LevelSeries, exposure_unit
from atgdesk.core.words import translate

DEFAULT_HORIZON_DAY = 100.0
MIN_TERMINAL_POINTS = 3
# PKNCA default options (PKNCA.options, billdenney/pknca R/PKNCA.options.R).
ADJ_R2_FACTOR = 1e-4
MIN_ADJ_R2 = 0.9
MIN_SPAN_RATIO = 2.0
MAX_PCT_EXTRAPOLATED = 20.0


def _check_profile(t_day: np.ndarray, conc: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    t = np.asarray(t_day, dtype=float)
    c = np.asarray(conc, dtype=float)
    if t.ndim != 1 or c.ndim != 1 or t.shape != c.shape:
        raise ValueError(f"t_day and conc must be 1-D arrays of the same length (got {t.shape} and {c.shape})")
    if not (np.all(np.isfinite(t)) and np.all(np.isfinite(c))):
        raise ValueError("t_day/conc: values must be finite")
    if np.any(c < 0):
        raise ValueError("conc: concentrations must be ≥ 0")
    if t.size >= 2 and np.any(np.diff(t) <= 0):
        raise ValueError("t_day: times must be strictly increasing")
    return t, c


def _segment_is_log(c1: float, c2: float) -> bool:
    """Log-down applies where the level falls and both ends are positive."""
    return c2 < c1 and c2 > 0.0


def _segment_integral(a: float, ca: float, b: float, cb: float, log: bool) -> float:
    """Exact integral of the segment interpolant between (a, ca) and (b, cb)."""
    dt = b - a
    if dt <= 0.0:
        return 0.0
    if log and ca != cb:
        x = math.log(ca) - math.log(cb)  # ≥ 0; two logs so that a subnormal ratio cannot overflow
        if x > 0.0:
            # ca·Δt·(1 − e^(−x))/x, written with expm1 so that tiny intervals keep full precision.
            return ca * dt * (-math.expm1(-x)) / x
    return 0.5 * (ca + cb) * dt


def _decay_integral(c0: float, k: float, dt: float) -> float:
    """Integral over ``dt`` of ``c0·e^(−k·t)`` (k > 0): the log-down rule on part of a falling interval, from the
    interval's own rate.  Interpolated ends can underflow to 0 on a steep fall, where ``_segment_integral``'s two
    logs would fail."""
    x = k * dt
    if x <= 0.0:
        return c0 * dt
    return c0 * dt * (-math.expm1(-x)) / x


def _segment_value(t1: float, c1: float, t2: float, c2: float, x: float) -> float:
    """Concentration at ``x`` in [t1, t2] by the same rule (exponential when falling, else linear)."""
    f = (x - t1) / (t2 - t1)
    if _segment_is_log(c1, c2):
        return c1 * math.exp(f * (math.log(c2) - math.log(c1)))
    return c1 + f * (c2 - c1)


def interval_aucs(t_day: np.ndarray, conc: np.ndarray) -> np.ndarray:
    """AUC of each interval between consecutive observations (linear-up/log-down); length n − 1."""
    t, c = _check_profile(t_day, conc)
    return np.array(
        [_segment_integral(t[i], c[i], t[i + 1], c[i + 1], _segment_is_log(c[i], c[i + 1])) for i in range(t.size - 1)],
        dtype=float,
    )


def interpolate(t_day: np.ndarray, conc: np.ndarray, x_day: float) -> float:
    """Concentration at ``x_day`` (within the observed range) by the linear-up/log-down interpolant."""
    t, c = _check_profile(t_day, conc)
    if not (t[0] <= x_day <= t[-1]):
        raise ValueError(f"x_day: {x_day:g} is outside the observed range [{t[0]:g}, {t[-1]:g}]")
    i = int(np.searchsorted(t, x_day, side="right")) - 1
    if i >= t.size - 1:
        return float(c[-1])
    return _segment_value(t[i], c[i], t[i + 1], c[i + 1], x_day)


def auc_between(t_day: np.ndarray, conc: np.ndarray, start_day: float, end_day: float) -> float:
    """AUC of the observed profile over [start_day, end_day] ∩ [t_first, t_last] (linear-up/log-down).

    An interval cut by ``start_day`` or ``end_day`` is split with the same interpolant, so that
    ``auc_between(a, m) + auc_between(m, b) == auc_between(a, b)`` up to rounding.
    """
    t, c = _check_profile(t_day, conc)
    if t.size < 2:
        return 0.0
    a = max(float(start_day), float(t[0]))
    b = min(float(end_day), float(t[-1]))
    if b <= a:
        return 0.0
    total = 0.0
    for i in range(t.size - 1):
        lo, hi = max(a, t[i]), min(b, t[i + 1])
        if hi <= lo:
            continue
        log = _segment_is_log(c[i], c[i + 1])
        c_lo = c[i] if lo == t[i] else _segment_value(t[i], c[i], t[i + 1], c[i + 1], lo)
        if log and (lo != t[i] or hi != t[i + 1]):  # part of a falling interval: its rate, not its cut ends
            rate = (math.log(c[i]) - math.log(c[i + 1])) / (t[i + 1] - t[i])
            total += _decay_integral(c_lo, rate, hi - lo)
            continue
        c_hi = c[i + 1] if hi == t[i + 1] else _segment_value(t[i], c[i], t[i + 1], c[i + 1], hi)
        total += _segment_integral(lo, c_lo, hi, c_hi, log)
    return total


@dataclass(frozen=True)
class TerminalPhase:
    """Log-linear regression of the terminal phase: ``ln C = intercept − λz·t`` over ``n_points`` levels."""

    lambda_z_per_day: float
    half_life_day: float
    intercept_ln: float
    r_squared: float
    adj_r_squared: float
    n_points: int
    first_day: float
    last_day: float
    span_ratio: float          # (last_day − first_day) / half-life
    chosen_automatically: bool
    includes_peak: bool
    verdict: str               # "good" | "questionable"
    reasons: tuple[str, ...]


def _regress(t: np.ndarray, c: np.ndarray) -> tuple[float, float, float, float]:
    """(slope, intercept, R², adjusted R²) of ln c on t."""
    y = np.log(c)
    tm, ym = t.mean(), y.mean()
    dt, dy = t - tm, y - ym
    sxx = float(dt @ dt)
    slope = float(dt @ dy) / sxx
    intercept = float(ym - slope * tm)
    ss_tot = float(dy @ dy)
    resid = y - (intercept + slope * t)
    ss_res = float(resid @ resid)
    n = t.size
    r2 = 1.0 - ss_res / ss_tot if ss_tot > 0 else (1.0 if ss_res == 0 else 0.0)
    r2 = min(max(r2, 0.0), 1.0)
    adj = 1.0 - (1.0 - r2) * (n - 1) / (n - 2)
    return slope, intercept, r2, adj


def _terminal_from(t: np.ndarray, c: np.ndarray, auto: bool, includes_peak: bool) -> TerminalPhase | None:
    slope, intercept, r2, adj = _regress(t, c)
    if not slope < 0:
        return None
    lz = -slope
    hl = math.log(2.0) / lz
    span = float(t[-1] - t[0]) / hl
    reasons = []
    if adj < MIN_ADJ_R2:
        reasons.append(translate("nca", "adjusted R² {value} < {limit}").format(value=f"{adj:.3f}",
                                                                                 limit=MIN_ADJ_R2))
    if span < MIN_SPAN_RATIO:
        reasons.append(translate("nca", "regression spans {span} half-lives (< {limit})").format(
            span=f"{span:.2f}", limit=f"{MIN_SPAN_RATIO:g}"))
    if includes_peak:
        reasons.append(translate("nca", "the regression includes the peak level"))
    return TerminalPhase(
        lambda_z_per_day=lz, half_life_day=hl, intercept_ln=intercept, r_squared=r2, adj_r_squared=adj,
        n_points=int(t.size), first_day=float(t[0]), last_day=float(t[-1]), span_ratio=span,
        chosen_automatically=auto, includes_peak=includes_peak,
        verdict="questionable" if reasons else "good", reasons=tuple(reasons),
    )


def terminal_phase(t_day: np.ndarray, conc: np.ndarray, n_points: int | None = None) -> TerminalPhase | None:
    """Terminal elimination rate by log-linear least squares (method in the module docstring).

    ``n_points`` None chooses the number of points automatically; an integer uses the last ``n_points`` positive
    levels.  Returns None when no falling terminal phase can be estimated (fewer than 3 positive levels after the
    peak, or no candidate with a falling slope).
    """
    t, c = _check_profile(t_day, conc)
    positive = c > 0
    if n_points is not None:
        n_pos = int(positive.sum())
        if isinstance(n_points, bool) or int(n_points) != n_points or not (MIN_TERMINAL_POINTS <= n_points <= n_pos):
            raise ValueError(
                f"n_points: must be an integer from {MIN_TERMINAL_POINTS} to the number of positive levels "
                f"({n_pos}), got {n_points}"
            )
        idx = np.flatnonzero(positive)[-int(n_points):]
        peak = int(np.argmax(c))
        return _terminal_from(t[idx], c[idx], auto=False, includes_peak=bool(idx[0] <= peak))
    peak = int(np.argmax(c))  # first occurrence of Cmax
    idx_all = np.flatnonzero(positive & (np.arange(t.size) > peak))
    best: TerminalPhase | None = None
    best_score = -math.inf
    for k in range(MIN_TERMINAL_POINTS, idx_all.size + 1):
        idx = idx_all[-k:]
        cand = _terminal_from(t[idx], c[idx], auto=True, includes_peak=False)
        if cand is None:
            continue
        score = cand.adj_r_squared + ADJ_R2_FACTOR * k
        if score > best_score:
            best, best_score = cand, score
    return best


@dataclass(frozen=True)
class NCAResult:
    """Non-compartmental exposure from measured levels.  AUCs are in ``exposure_unit`` (concentration·day).

    ``*_observed`` parts come from the levels alone; ``*_extrapolated`` parts from the terminal phase after the last
    level (None when no terminal phase could be estimated).  ``post`` means from HCT day 0 to ``horizon_day``.
    """

    unit: str
    exposure_unit: str
    n_levels: int
    first_day: float
    last_day: float
    c_last: float
    c_max: float
    t_max_day: float
    horizon_day: float
    auc_observed: float              # whole observed profile, first to last level
    auc_pre_observed: float          # observed, before day 0
    auc_post_observed: float         # observed, day 0 (or first level) to min(last level, horizon)
    terminal: TerminalPhase | None
    auc_pre_extrapolated: float | None   # last level (< 0) to day 0
    auc_post_extrapolated: float | None  # max(last level, 0) to horizon
    auc_extrapolated_inf: float | None   # last level to infinity
    auc_post: float | None               # post-HCT AUC to horizon: observed + extrapolated
    auc_pre: float | None                # pre-HCT AUC: observed (+ extrapolated when the last level is before 0)
    auc_total: float | None              # auc_pre + auc_post
    auc_inf: float | None                # observed + extrapolated to infinity
    pct_extrapolated_post: float | None  # share of auc_post that is extrapolated, %
    pct_extrapolated_inf: float | None   # share of auc_inf that is extrapolated, %
    notes: tuple[str, ...]


def _extrapolated(c_last: float, t_last: float, lz: float, a: float, b: float) -> float:
    """∫ C_last·e^(−λz(t − t_last)) dt over [a, b] (a ≥ t_last), written to keep precision."""
    if b <= a:
        return 0.0
    return c_last / lz * math.exp(-lz * (a - t_last)) * (-math.expm1(-lz * (b - a)))


def nca(
    levels: LevelSeries | tuple[np.ndarray, np.ndarray],
    horizon_day: float = DEFAULT_HORIZON_DAY,
    n_terminal: int | None = None,
    unit: str = "",
) -> NCAResult:
    """Non-compartmental exposure from measured levels (a :class:`LevelSeries` or ``(t_day, conc)`` arrays).

    ``horizon_day`` ends the post-HCT AUC (default day 100); ``n_terminal`` fixes the number of terminal points
    (None: automatic).  Levels below the limit of quantification are excluded and listed in ``notes``.
    """
    notes: list[str] = []
    if isinstance(levels, LevelSeries):
        t, c = levels.t_day, levels.concentration
        unit = levels.unit
        exp_unit = exposure_unit(unit)
        blq = levels.blq_samples
        if blq:
            each = translate("nca", "row {row} (day {day})")
            rows = ", ".join(each.format(row=s.row, day=f"{s.t_day:g}") for s in blq)
            notes.append(translate("nca", "{n} level(s) below the limit of quantification excluded: {rows}").format(
                n=len(blq), rows=rows))
    else:
        t, c = levels
        exp_unit = f"{unit}·day" if unit else ""
    t, c = _check_profile(t, c)
    if not (isinstance(horizon_day, (int, float)) and math.isfinite(horizon_day) and horizon_day > 0):
        raise ValueError(f"horizon_day: must be a finite number of days after HCT (> 0), got {horizon_day!r}")
    if t.size < 2:
        raise ValueError(f"levels: at least 2 quantified levels are needed for an AUC (got {t.size})")
    h = float(horizon_day)
    t0, tl, cl = float(t[0]), float(t[-1]), float(c[-1])
    peak = int(np.argmax(c))

    auc_obs = auc_between(t, c, t0, tl)
    pre_obs = auc_between(t, c, t0, 0.0)
    post_obs = auc_between(t, c, 0.0, h)
    if t0 > 0:
        notes.append(translate("nca", "the first level is on day {day}: AUC from day 0 to day {day} is not covered "
                                      "(not counted)").format(day=f"{t0:g}"))
    if tl > h:
        notes.append(translate("nca", "levels after the horizon (day {day}) are not counted in the post-HCT AUC")
                     .format(day=f"{h:g}"))

    term = terminal_phase(t, c, n_terminal)
    if term is None:
        notes.append(translate("nca", "terminal phase not estimable (need ≥ 3 positive, falling levels after the "
                                      "peak)"))
    elif term.verdict != "good":
        notes.append(translate("nca", "terminal phase questionable: {reasons}").format(
            reasons="; ".join(term.reasons)))

    pre_ex = post_ex = inf_ex = None
    if term is not None:
        lz = term.lambda_z_per_day
        pre_ex = _extrapolated(cl, tl, lz, tl, 0.0) if tl < 0 else 0.0
        post_ex = _extrapolated(cl, tl, lz, max(tl, 0.0), h) if tl < h else 0.0
        inf_ex = cl / lz

    if tl >= h:
        auc_post: float | None = post_obs
        auc_pre: float | None = pre_obs
    elif post_ex is not None and pre_ex is not None:
        auc_post, auc_pre = post_obs + post_ex, pre_obs + pre_ex
    else:
        auc_post = None
        auc_pre = pre_obs if tl >= 0 else None
    auc_total = auc_pre + auc_post if auc_pre is not None and auc_post is not None else None
    auc_inf = auc_obs + inf_ex if inf_ex is not None else None
    pct_post = None
    if auc_post is not None and auc_post > 0:
        pct_post = 100.0 * (post_ex or 0.0) / auc_post
    pct_inf = 100.0 * inf_ex / auc_inf if inf_ex is not None and auc_inf and auc_inf > 0 else None
    if pct_inf is not None and pct_inf > MAX_PCT_EXTRAPOLATED:
        notes.append(translate("nca", "{pct} % of AUC∞ is extrapolated (> {limit} %)").format(
            pct=f"{pct_inf:.1f}", limit=f"{MAX_PCT_EXTRAPOLATED:g}"))
    if tl < 0:
        notes.append(translate("nca", "the last level is before day 0: any dose after it makes the extrapolation "
                                      "invalid"))

    return NCAResult(
        unit=unit, exposure_unit=exp_unit, n_levels=int(t.size), first_day=t0, last_day=tl, c_last=cl,
        c_max=float(c[peak]), t_max_day=float(t[peak]), horizon_day=h,
        auc_observed=auc_obs, auc_pre_observed=pre_obs, auc_post_observed=post_obs, terminal=term,
        auc_pre_extrapolated=pre_ex, auc_post_extrapolated=post_ex, auc_extrapolated_inf=inf_ex,
        auc_post=auc_post, auc_pre=auc_pre, auc_total=auc_total, auc_inf=auc_inf,
        pct_extrapolated_post=pct_post, pct_extrapolated_inf=pct_inf, notes=tuple(notes),
    )
