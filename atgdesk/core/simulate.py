"""Concentration-time simulation, vectorised over N patients.

Linear models (linear elimination and distribution) use the exact closed form: the unit-impulse response of the
1- or 2-compartment system is a sum of exponentials, each zero-order infusion is integrated analytically
(numerically stable with ``expm1``), and administrations are superposed.  The cumulative AUC is integrated
analytically as well, so AUCs are exact to rounding.

Nonlinear models (Michaelis-Menten elimination and/or saturable distribution) are integrated with a vectorised
Dormand-Prince 5(4) Runge-Kutta method with error control on the stacked N-patient system: one step size shared
by all patients (the most demanding patient sets it), every infusion start/stop as a hard breakpoint (the
integrator never steps across a change in input rate), the quartic continuous extension of Dormand & Prince for
output between steps (the same coefficients as ``scipy.integrate.RK45``), and the AUC carried as an extra state
(∫C dt), so AUCs are as accurate as the solution itself.  Tests check agreement with ``solve_ivp`` at
rtol 1e-10.

Concentration = ``amount_to_concentration`` × amount / volume, in the model's concentration unit; time in days.
"""

from __future__ import annotations

import math
import struct
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from atgdesk.core.model import PKModel, individual_parameters
from atgdesk.core.regimen import Regimen, sorted_unique

__all__ = ["SimulationResult", "simulate", "simulate_full", "simulate_patient", "exposure_aucs",
           "DEFAULT_RTOL"]

DEFAULT_RTOL = 1e-7
_ATOL_FRACTION = 1e-10   # absolute tolerance as a fraction of each patient's total dose (or its AUC scale)
_MAX_STEPS = 200_000
_MIN_INFUSION_DAY = 1e-9   # ~86 µs
_CHUNK_ELEMENTS = 4_000_000  # closed form: patients are processed in chunks of at most this many terms


@dataclass(frozen=True, eq=False)
class SimulationResult:
    """Concentrations and cumulative AUC (from the first dose) at ``t_day``, both shape (N, T).

    ``states`` (only when requested from the ODE path): amounts 'a1', 'a2' and the amount 'eliminated'."""

    t_day: np.ndarray
    conc: np.ndarray
    cum_auc: np.ndarray
    states: Mapping[str, np.ndarray] | None = None


def _check_inputs(model: PKModel, params: Mapping[str, np.ndarray], regimen: Regimen, t_day: np.ndarray,
                  amounts: np.ndarray | None) -> tuple[dict[str, np.ndarray], np.ndarray, np.ndarray, int]:
    if not isinstance(regimen, Regimen):
        raise ValueError("regimen: expected a Regimen")
    t = np.asarray(t_day, dtype=float)
    if t.ndim != 1 or t.size == 0:
        raise ValueError("t_day: must be a non-empty 1-D array")
    if not np.all(np.isfinite(t)):
        raise ValueError("t_day: must be finite")
    if t.size > 1 and np.any(np.diff(t) < 0):
        raise ValueError("t_day: must be sorted ascending")
    p: dict[str, np.ndarray] = {}
    n = None
    for name in model.parameter_names:
        if name not in params:
            raise ValueError(f"params: missing '{name}'")
        a = np.atleast_1d(np.asarray(params[name], dtype=float))
        if a.ndim != 1 or not np.all(np.isfinite(a)) or np.any(a <= 0):
            raise ValueError(f"params: '{name}' must be a 1-D array of finite values > 0")
        if n is None or n == 1:
            n = a.shape[0] if n is None or a.shape[0] != 1 else n
        elif a.shape[0] not in (1, n):
            raise ValueError(f"params: '{name}' has {a.shape[0]} values, expected {n}")
        p[name] = a
    m = len(regimen.administrations)
    if amounts is None:
        amt = np.broadcast_to(regimen.amounts()[None, :], (n or 1, m))
    else:
        amt = np.asarray(amounts, dtype=float)
        if amt.ndim == 1:
            amt = amt[None, :]
        if amt.ndim != 2 or amt.shape[1] != m:
            raise ValueError(f"amounts: expected shape (N, {m}), got {np.shape(amounts)}")
        if not np.all(np.isfinite(amt)) or np.any(amt < 0):
            raise ValueError("amounts: must be finite and ≥ 0")
        if n not in (None, 1) and amt.shape[0] not in (1, n):
            raise ValueError(f"amounts: has {amt.shape[0]} rows, expected {n}")
        n = max(n or 1, amt.shape[0])
    n = n or 1
    p = {k: np.broadcast_to(v, (n,)) for k, v in p.items()}
    return p, np.broadcast_to(amt, (n, m)), t, n


# ---------------------------------------------------------------------------------------------------------------
# Linear models: closed form


def _phi(x: np.ndarray) -> np.ndarray:
    """(1 − e^{−x}) / x, with the limit 1 at x = 0."""
    small = np.abs(x) < 1e-8
    xs = np.where(small, 1.0, x)
    return np.where(small, 1.0 - 0.5 * x, -np.expm1(-xs) / xs)


def _psi(x: np.ndarray) -> np.ndarray:
    """(x − 1 + e^{−x}) / x², with the limit 1/2 at x = 0."""
    small = np.abs(x) < 1e-4
    xs = np.where(small, 1.0, x)
    return np.where(small, 0.5 - x / 6.0 + x * x / 24.0, (xs + np.expm1(-xs)) / (xs * xs))


def _exponentials(model: PKModel, p: Mapping[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Rate constants λ (N, J) and coefficients c (N, J): central amount after a unit bolus = Σ c e^{−λt}."""
    k10 = p["cl"] / p["v1"]
    if model.compartments == 1:
        return k10[:, None], np.ones_like(k10)[:, None]
    k12 = p["q"] / p["v1"]
    k21 = p["q"] / p["v2"]
    s = k10 + k12 + k21
    disc = np.sqrt(np.maximum(s * s - 4.0 * k10 * k21, 0.0))
    alpha = 0.5 * (s + disc)
    beta = k10 * k21 / alpha          # avoids cancellation in (s − disc)/2
    gap = alpha - beta
    c_a = (alpha - k21) / gap
    c_b = (k21 - beta) / gap
    return np.stack([alpha, beta], axis=1), np.stack([c_a, c_b], axis=1)


def _linear_closed_form(model: PKModel, p: Mapping[str, np.ndarray], regimen: Regimen, amt: np.ndarray,
                        t: np.ndarray, want_auc: bool) -> tuple[np.ndarray, np.ndarray | None]:
    lam, coef = _exponentials(model, p)                    # (N, J)
    n = lam.shape[0]
    scale = model.amount_to_concentration / p["v1"]        # (N,)
    starts = regimen.starts_day()
    durs = regimen.durations_day()
    conc = np.empty((n, t.size))
    cum = np.empty((n, t.size)) if want_auc else None
    tau = t[None, :] - starts[:, None]                     # (M, T)
    pos = tau > 0
    d = durs[:, None]
    during = pos & (tau < d)
    after = pos & ~during
    tau_after = np.where(after, tau - d, 0.0)
    tau_during = np.where(during, tau, 0.0)
    dsafe = np.where(d > 0, d, 1.0)
    terms = lam.shape[1] * starts.size * t.size
    chunk = max(1, _CHUNK_ELEMENTS // max(terms, 1))
    for lo in range(0, n, chunk):
        hi = min(n, lo + chunk)
        lm = lam[lo:hi, :, None, None]                     # (n, J, 1, 1)
        cf = coef[lo:hi, :, None, None]
        # response of the central amount to one unit of amount infused over d (bolus when d = 0)
        r_during = (tau_during / dsafe) * _phi(lm * tau_during)
        phid = _phi(lm * d)
        r_after = phid * np.exp(-lm * tau_after)
        resp = np.where(during, r_during, np.where(after, r_after, 0.0))     # (n, J, M, T)
        a = amt[lo:hi, None, :, None]
        conc[lo:hi] = scale[lo:hi, None] * np.sum(cf * a * resp, axis=(1, 2))
        if want_auc:
            i_during = tau_during * (tau_during / dsafe) * _psi(lm * tau_during)
            i_after = d * _psi(lm * d) + phid * tau_after * _phi(lm * tau_after)
            integ = np.where(during, i_during, np.where(after, i_after, 0.0))
            cum[lo:hi] = scale[lo:hi, None] * np.sum(cf * a * integ, axis=(1, 2))  # type: ignore[index]
    return conc, cum


# ---------------------------------------------------------------------------------------------------------------
# Nonlinear models: vectorised Dormand-Prince 5(4) with dense output

_C = np.array([0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1])
_A = [np.array(row) for row in [
    [],
    [1 / 5],
    [3 / 40, 9 / 40],
    [44 / 45, -56 / 15, 32 / 9],
    [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
    [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
]]
_B = np.array([35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84])
_E = np.array([-71 / 57600, 0, 71 / 16695, -71 / 1920, 17253 / 339200, -22 / 525, 1 / 40])
_P = np.array([
    [1, -8048581381 / 2820520608, 8663915743 / 2820520608, -12715105075 / 11282082432],
    [0, 0, 0, 0],
    [0, 131558114200 / 32700410799, -68118460800 / 10900136933, 87487479700 / 32700410799],
    [0, -1754552775 / 470086768, 14199869525 / 1410260304, -10690763975 / 1880347072],
    [0, 127303824393 / 49829197408, -318862633887 / 49829197408, 701980252875 / 199316789632],
    [0, -282668133 / 205662961, 2019193451 / 616988883, -1453857185 / 822651844],
    [0, 40617522 / 29380423, -110615467 / 29380423, 69997945 / 29380423],
])


def _flux(model: PKModel, p: Mapping[str, np.ndarray], scalar: bool):
    """The model's equations, written once for both integrators: ``f(a1, a2, rate) -> (da1/dt, da2/dt, c1,
    elimination rate)`` on Python floats (``scalar``: one patient, the slider path) or on (N,) arrays."""
    s = model.amount_to_concentration
    two = model.compartments == 2
    lin = model.elimination in ("linear", "linear+mm")
    mm = model.elimination in ("mm", "linear+mm")
    sat = two and model.distribution == "saturable"

    def get(name: str):
        return float(p[name][0]) if scalar else p[name]

    inv_v1 = s / get("v1")
    cl_c = get("cl") / s if lin else 0.0          # clearance acting on the displayed concentration
    vmax, km = (get("vmax"), get("km")) if mm else (0.0, 1.0)
    inv_v2, q_c = (s / get("v2"), get("q") / s) if two else (0.0, 0.0)
    tm, kmd = (get("tm"), get("kmd")) if sat else (0.0, 1.0)

    def flux(a1, a2, rate):
        c1 = a1 * inv_v1
        if lin and mm:
            elim = c1 * (cl_c + vmax / (km + c1))
        elif lin:
            elim = cl_c * c1
        else:
            elim = vmax * c1 / (km + c1)
        if two:
            to_p = tm * c1 / (kmd + c1) if sat else q_c * c1
            net = to_p - q_c * (a2 * inv_v2)
            return rate - elim - net, net, c1, elim
        return rate - elim, 0.0, c1, elim

    return flux


def _make_rhs(model: PKModel, p: Mapping[str, np.ndarray], track_elim: bool):
    """Right-hand side on state rows [a1, (a2), auc, (eliminated)] of shape (S, N); rate (N,) in dose/day."""
    two = model.compartments == 2
    flux = _flux(model, p, scalar=False)
    i_auc = 2 if two else 1

    def rhs(y: np.ndarray, rate: np.ndarray) -> np.ndarray:
        da1, da2, c1, elim = flux(y[0], y[1] if two else None, rate)
        out = np.empty_like(y)
        out[0] = da1
        if two:
            out[1] = da2
        out[i_auc] = c1
        if track_elim:
            out[i_auc + 1] = elim
        return out

    return rhs, i_auc


def _integrate_ode(model: PKModel, p: Mapping[str, np.ndarray], regimen: Regimen, amt: np.ndarray, t: np.ndarray,
                   rtol: float, track_elim: bool = False) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    n = amt.shape[0]
    rhs, i_auc = _make_rhs(model, p, track_elim)
    n_states = i_auc + 1 + (1 if track_elim else 0)
    starts = regimen.starts_day()
    # An infusion shorter than _MIN_INFUSION_DAY is integrated as a bolus: the two differ by far less than the
    # tolerance, and a rate of amount/1e-300 would overflow to infinity.
    durs = np.where(regimen.durations_day() < _MIN_INFUSION_DAY, 0.0, regimen.durations_day())
    ends = starts + durs
    t_first = float(starts.min())
    t_last = float(max(t.max(), ends.max()))
    bps = sorted_unique(np.concatenate([starts, ends, [t_last]]))
    bps = bps[bps >= t_first]
    # absolute tolerances per state and patient, relative to the patient's dose size
    total = np.maximum(amt.sum(axis=1), 1e-300)
    atol = np.empty((n_states, n))
    atol[:] = _ATOL_FRACTION * total
    atol[i_auc] = _ATOL_FRACTION * total * model.amount_to_concentration / p["v1"]

    y = np.zeros((n_states, n))
    out = np.zeros((t.size, n_states, n))   # rows before the first dose stay 0
    k_out = int(np.searchsorted(t, t_first, side="right"))   # next output index to fill (t <= t_first are 0)
    h = None
    k_stages = np.empty((7, n_states, n))
    k_flat = k_stages.reshape(7, -1)          # a view: stage combinations are one matmul each
    steps = 0
    for seg in range(bps.size - 1):
        t0, t1 = float(bps[seg]), float(bps[seg + 1])
        # boluses at the start of the segment
        for m in np.nonzero((durs == 0) & (starts == t0))[0]:
            y[0] += amt[:, m]
        active = (durs > 0) & (starts <= t0) & (ends >= t1)
        rate = (amt[:, active] / durs[active]).sum(axis=1) if np.any(active) else np.zeros(n)
        span = t1 - t0
        h = min(span, h if h is not None else 1e-3 * max(span, 1e-3))
        tc = t0
        f0 = rhs(y, rate)
        while tc < t1:
            if steps > _MAX_STEPS:
                raise RuntimeError("ODE integration did not finish (too many steps)")
            if tc + h > t1 or t1 - (tc + h) < 1e-12 * max(1.0, abs(t1)):
                h = t1 - tc
            k_stages[0] = f0
            for i in range(1, 6):
                k_stages[i] = rhs(y + h * (_A[i] @ k_flat[:i]).reshape(y.shape), rate)
            y_new = y + h * (_B @ k_flat[:6]).reshape(y.shape)
            f_new = rhs(y_new, rate)
            k_stages[6] = f_new
            err = (h * (_E @ k_flat)).reshape(y.shape)
            sc = atol + rtol * np.maximum(np.abs(y), np.abs(y_new))
            err_norm = math.sqrt(float(np.max(np.sum((err / sc) ** 2, axis=0))) / n_states)
            steps += 1
            if err_norm <= 1.0 or h < 1e-10:
                t_new = t1 if h == t1 - tc else tc + h
                # dense output for requested times in (tc, t_new]
                k_end = int(np.searchsorted(t, t_new, side="right"))
                if k_end > k_out:
                    theta = (t[k_out:k_end] - tc) / h
                    powers = np.cumprod(np.repeat(theta[:, None], 4, axis=1), axis=1)   # (G, 4)
                    qmat = _P.T @ k_flat                                                  # (4, S*N)
                    out[k_out:k_end] = y[None] + h * (powers @ qmat).reshape(-1, *y.shape)
                    if t[k_end - 1] == t_new:
                        out[k_end - 1] = y_new
                    k_out = k_end
                y, f0, tc = y_new, f_new, t_new
                factor = 5.0 if err_norm == 0 else min(5.0, max(0.2, 0.9 * err_norm ** -0.2))
                h = h * factor
            else:
                h = h * max(0.2, 0.9 * err_norm ** -0.2)
    if k_out < t.size:            # times after the last breakpoint cannot occur (t_last covers t.max())
        out[k_out:] = y[None]
    # the true solution is never negative; tiny negative values (below the absolute tolerance, far below any
    # clinically meaningful level) are integration noise in the far tail and are set to 0
    conc = np.maximum(out[:, 0, :] * (model.amount_to_concentration / p["v1"])[None, :], 0.0).T
    cum = out[:, i_auc, :].T
    states = {"a1": out[:, 0, :].T}
    if model.compartments == 2:
        states["a2"] = out[:, 1, :].T
    if track_elim:
        states["eliminated"] = out[:, i_auc + 1, :].T
    return conc, cum, states


_STEP_RECORD = struct.Struct("=30d")  # one accepted step of the one-patient path (see _integrate_ode_scalar)


def _integrate_ode_scalar(model: PKModel, p: Mapping[str, np.ndarray], regimen: Regimen, amt: np.ndarray,
                          t: np.ndarray, rtol: float) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
    """One patient: the same Dormand-Prince 5(4) scheme, step control and dense output as
    :func:`_integrate_ode`, with the stepping done on Python floats.

    For N = 1 every numpy call in the vectorised loop costs far more than its arithmetic; this path is the
    calculator's slider path and is tested against the vectorised one.  The stages are written out on scalar
    locals (amounts a1, a2 and the AUC state) with the same operations in the same order as the tableau, so the
    numbers are those of the list-based loop this replaced; the AUC state's stage values are not formed because
    the equations never read them (only its derivative, the concentration, enters the step)."""
    s = model.amount_to_concentration
    two = model.compartments == 2
    v1 = float(p["v1"][0])
    n_states = 3 if two else 2
    flux = _flux(model, p, scalar=True)
    a21 = float(_A[1][0])
    a31, a32 = map(float, _A[2])
    a41, a42, a43 = map(float, _A[3])
    a51, a52, a53, a54 = map(float, _A[4])
    a61, a62, a63, a64, a65 = map(float, _A[5])
    b1, _b2, b3, b4, b5, b6 = map(float, _B)
    e1, _e2, e3, e4, e5, e6, e7 = map(float, _E)
    starts = regimen.starts_day()
    durs = np.where(regimen.durations_day() < _MIN_INFUSION_DAY, 0.0, regimen.durations_day())
    ends = starts + durs
    amounts = amt[0]
    t_first = float(starts.min())
    t_last = float(max(t.max(), ends.max()))
    bps = sorted_unique(np.concatenate([starts, ends, [t_last]]))
    bps = bps[bps >= t_first]
    total = max(float(amounts.sum()), 1e-300)
    atol_a = _ATOL_FRACTION * total               # amounts a1, a2
    atol_c = _ATOL_FRACTION * total * s / v1      # the AUC state
    y1 = y2 = yc = 0.0                            # a1, a2 (0 for one compartment), AUC
    # accepted steps for the dense output, evaluated with numpy at the end: per step t0, h, t_end, then the start
    # state, the seven stages and the end state (3 values each; a2's are 0 for one compartment), packed as C
    # doubles (numpy reads packed doubles ~4x faster than it converts a list of tuples of floats)
    pack_step = _STEP_RECORD.pack
    packed: list[bytes] = []
    h = None
    steps = 0
    for seg in range(bps.size - 1):
        t0, t1 = float(bps[seg]), float(bps[seg + 1])
        for m in np.nonzero((durs == 0) & (starts == t0))[0]:
            y1 += float(amounts[m])
        active = (durs > 0) & (starts <= t0) & (ends >= t1)
        rate = float((amounts[active] / durs[active]).sum()) if np.any(active) else 0.0
        span = t1 - t0
        h = min(span, h if h is not None else 1e-3 * max(span, 1e-3))
        tc = t0
        f1, f2, fc, _ = flux(y1, y2, rate)
        while tc < t1:
            if steps > _MAX_STEPS:
                raise RuntimeError("ODE integration did not finish (too many steps)")
            if tc + h > t1 or t1 - (tc + h) < 1e-12 * max(1.0, abs(t1)):
                h = t1 - tc
            # the Dormand-Prince stages written out (the tableau of _A/_B/_E)
            k11, k12, k1c = f1, f2, fc
            k21, k22, k2c, _ = flux(y1 + h * (a21 * k11), y2 + h * (a21 * k12), rate)
            k31, k32, k3c, _ = flux(y1 + h * (a31 * k11 + a32 * k21), y2 + h * (a31 * k12 + a32 * k22), rate)
            k41, k42, k4c, _ = flux(y1 + h * (a41 * k11 + a42 * k21 + a43 * k31),
                                    y2 + h * (a41 * k12 + a42 * k22 + a43 * k32), rate)
            k51, k52, k5c, _ = flux(y1 + h * (a51 * k11 + a52 * k21 + a53 * k31 + a54 * k41),
                                    y2 + h * (a51 * k12 + a52 * k22 + a53 * k32 + a54 * k42), rate)
            k61, k62, k6c, _ = flux(y1 + h * (a61 * k11 + a62 * k21 + a63 * k31 + a64 * k41 + a65 * k51),
                                    y2 + h * (a61 * k12 + a62 * k22 + a63 * k32 + a64 * k42 + a65 * k52), rate)
            n1 = y1 + h * (b1 * k11 + b3 * k31 + b4 * k41 + b5 * k51 + b6 * k61)
            n2 = y2 + h * (b1 * k12 + b3 * k32 + b4 * k42 + b5 * k52 + b6 * k62)
            nc = yc + h * (b1 * k1c + b3 * k3c + b4 * k4c + b5 * k5c + b6 * k6c)
            g1, g2, gc, _ = flux(n1, n2, rate)
            # the error norm over the states in their order (a1, a2, AUC), as the vectorised path sums it
            err = h * (e1 * k11 + e3 * k31 + e4 * k41 + e5 * k51 + e6 * k61 + e7 * g1)
            acc = 0.0 + (err / (atol_a + rtol * max(abs(y1), abs(n1)))) ** 2
            if two:
                err = h * (e1 * k12 + e3 * k32 + e4 * k42 + e5 * k52 + e6 * k62 + e7 * g2)
                acc += (err / (atol_a + rtol * max(abs(y2), abs(n2)))) ** 2
            err = h * (e1 * k1c + e3 * k3c + e4 * k4c + e5 * k5c + e6 * k6c + e7 * gc)
            acc += (err / (atol_c + rtol * max(abs(yc), abs(nc)))) ** 2
            err_norm = math.sqrt(acc / n_states)
            steps += 1
            if err_norm <= 1.0 or h < 1e-10:
                t_new = t1 if h == t1 - tc else tc + h
                packed.append(pack_step(tc, h, t_new, y1, y2, yc, k11, k12, k1c, k21, k22, k2c, k31, k32, k3c,
                                        k41, k42, k4c, k51, k52, k5c, k61, k62, k6c, g1, g2, gc, n1, n2, nc))
                y1, y2, yc, f1, f2, fc, tc = n1, n2, nc, g1, g2, gc, t_new
                factor = 5.0 if err_norm == 0 else min(5.0, max(0.2, 0.9 * err_norm ** -0.2))
                h = h * factor
            else:
                h = h * max(0.2, 0.9 * err_norm ** -0.2)
    out = np.zeros((t.size, n_states))
    if packed:
        record = np.frombuffer(b"".join(packed), dtype=np.float64).reshape(-1, 30)
        t0s, hs, ends_s = record[:, 0], record[:, 1], record[:, 2]
        rows = record[:, 3:].reshape(-1, 9, 3)      # (K, start + 7 stages + end, a1/a2/AUC)
        if not two:
            rows = rows[:, :, [0, 2]]                # one compartment: a1 and the AUC, as the vectorised path
        ys = np.ascontiguousarray(rows[:, 0])        # (K, S)
        kk = np.ascontiguousarray(rows[:, 1:8])      # (K, 7, S)
        # the step that covers each output time (times before the first dose stay 0)
        idx = np.searchsorted(ends_s, t, side="left")
        inside = (t > t_first) & (idx < t0s.size)
        ii = idx[inside]
        theta = (t[inside] - t0s[ii]) / hs[ii]
        powers = np.cumprod(np.repeat(theta[:, None], 4, axis=1), axis=1)            # (G, 4)
        q = np.einsum("mp,kms->kps", _P, kk)                                          # (K, 4, S)
        out[inside] = ys[ii] + hs[ii][:, None] * np.einsum("gp,gps->gs", powers, q[ii])
        # an output time on a step end takes that step's end state, as in the vectorised path (at a bolus time
        # this is the state just before the bolus)
        on_end = inside & (t == ends_s[idx.clip(max=t0s.size - 1)])
        if np.any(on_end):
            out[on_end] = rows[idx[on_end], 8]
        after = t > ends_s[-1]
        out[after] = (y1, y2, yc) if two else (y1, yc)
    conc = np.maximum(out[:, 0] * (s / v1), 0.0)[None, :]
    cum = out[:, n_states - 1][None, :]
    states = {"a1": out[:, 0][None, :]}
    if two:
        states["a2"] = out[:, 1][None, :]
    return conc, cum, states


# ---------------------------------------------------------------------------------------------------------------
# Public API


def simulate_full(model: PKModel, params: Mapping[str, np.ndarray], regimen: Regimen, t_day: np.ndarray,
                  amounts: np.ndarray | None = None, *, rtol: float = DEFAULT_RTOL, method: str = "auto",
                  return_states: bool = False) -> SimulationResult:
    """Concentrations and cumulative AUC at ``t_day`` for N patients.

    ``params``: each model parameter as an (N,) array (see :func:`individual_parameters`); ``amounts``:
    optional (N, M) amounts overriding the regimen's (patients of different weights on a mg/kg schedule);
    ``method``: 'auto' (closed form for linear models, ODE otherwise), 'closed' or 'ode'."""
    p, amt, t, _n = _check_inputs(model, params, regimen, t_day, amounts)
    if method not in ("auto", "closed", "ode"):
        raise ValueError(f"method: must be auto, closed or ode, got {method!r}")
    if not (1e-13 <= rtol <= 1e-2):
        raise ValueError(f"rtol: must be in [1e-13, 1e-2], got {rtol}")
    if method == "closed" and not model.is_linear:
        raise ValueError("method: the closed form needs a linear model")
    use_closed = method == "closed" or (method == "auto" and model.is_linear and not return_states)
    if use_closed:
        conc, cum = _linear_closed_form(model, p, regimen, amt, t, want_auc=True)
        return SimulationResult(t, conc, cum)  # type: ignore[arg-type]
    if amt.shape[0] == 1 and not return_states:
        conc, cum, states = _integrate_ode_scalar(model, p, regimen, amt, t, rtol)
    else:
        conc, cum, states = _integrate_ode(model, p, regimen, amt, t, rtol, track_elim=return_states)
    return SimulationResult(t, conc, cum, states if return_states else None)


def simulate(model: PKModel, params: Mapping[str, np.ndarray], regimen: Regimen, t_day: np.ndarray,
             amounts: np.ndarray | None = None, *, rtol: float = DEFAULT_RTOL) -> np.ndarray:
    """Concentrations (model concentration unit), shape (N, len(t_day)); see :func:`simulate_full`."""
    return simulate_full(model, params, regimen, t_day, amounts, rtol=rtol).conc


def simulate_patient(model: PKModel, covariates: Mapping[str, float], regimen: Regimen,
                     t_day: np.ndarray) -> np.ndarray:
    """Typical-individual concentrations for one patient's covariates, shape (len(t_day),)."""
    params = individual_parameters(model, covariates)
    if next(iter(params.values())).shape[0] != 1:
        raise ValueError("covariates: simulate_patient takes one value per covariate")
    return simulate(model, params, regimen, t_day)[0]


def exposure_aucs(model: PKModel, params: Mapping[str, np.ndarray], regimen: Regimen, horizon_day: float = 100.0,
                  amounts: np.ndarray | None = None, *, rtol: float = DEFAULT_RTOL) -> tuple[np.ndarray, np.ndarray]:
    """(AUC before day 0, AUC from day 0 to ``horizon_day``), each shape (N,), in model units·day.

    Exact for linear models; ODE-accurate (AUC carried as a state) otherwise.  Population runs use this: no
    concentration grid is needed."""
    h = float(horizon_day)
    if not np.isfinite(h) or h <= 0:
        raise ValueError(f"horizon_day: must be > 0, got {horizon_day}")
    res = simulate_full(model, params, regimen, np.array([0.0, h]), amounts, rtol=rtol)
    pre = res.cum_auc[:, 0]
    return pre, res.cum_auc[:, 1] - pre
