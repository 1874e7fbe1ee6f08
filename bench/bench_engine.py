"""Calculator benchmarks against the bars of product.md §5 (median of repeats).

    .venv/bin/python bench/bench_engine.py

Model: the shipped illustrative active-rATG model (2 compartments, parallel linear + Michaelis-Menten
clearance: the nonlinear ODE path, the slow one).  Regimen 2.5 mg/kg on days -3 and -2 (6 h, 4 h).
"""

from __future__ import annotations

import itertools
import statistics
import sys
import time
from pathlib import Path

import numpy as np
from scipy.integrate import solve_ivp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from atgdesk.core.metrics import predict, simulation_grid  # noqa: E402
from atgdesk.core.model import load_model  # noqa: E402
from atgdesk.core.population import (  # noqa: E402
    NormalCovariate,
    percentile_band,
    population_aucs,
    pta,
    sample_population,
)
from atgdesk.core.regimen import parse_dose_schedule  # noqa: E402

MODEL = load_model(ROOT / "data" / "models" / "illustrative-rabbit-atg-active.toml")
SCHED = parse_dose_schedule("2.5mg/kg@-3,-2/6h,4h")
COVS = {"weight_kg": NormalCovariate(75.0, 17.5, 40.0, 150.0), "alc_per_nl": 0.2}


def timed(fn, repeats: int) -> float:
    fn()  # warm-up
    ts = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        ts.append(time.perf_counter() - t0)
    return statistics.median(ts)


_WEIGHTS = itertools.cycle([70.0 + 0.5 * i for i in range(40)])


def one_patient() -> None:
    """The slider path: a curve on the 0.05-day grid (≈2,100 points) and all metrics.  Each call is a new weight,
    as on a slider step: ``predict`` reuses its last simulation for identical inputs, which would time a cache."""
    weight = next(_WEIGHTS)
    predict(MODEL, {"weight_kg": weight, "alc_per_nl": 0.0}, SCHED.regimen(weight))


def band_1000() -> None:
    pop = sample_population(MODEL, 1000, COVS, seed=1)
    percentile_band(pop, SCHED, simulation_grid(SCHED.regimen(75.0), 100.0, 0.25))


def pta_10000() -> None:
    pop = sample_population(MODEL, 10_000, COVS, seed=2)
    pta(population_aucs(pop, SCHED)[1], 60.0, 95.0)


def solve_ivp_loop(n: int) -> list[float]:
    """The same model, the same AUCs, one scipy solve_ivp (RK45, rtol 1e-7) per patient and infusion segment."""
    pop = sample_population(MODEL, n, COVS, seed=3)
    out = []
    s = MODEL.amount_to_concentration
    for i in range(n):
        p = {k: float(v[i]) for k, v in pop.params.items()}
        reg = SCHED.regimen(float(pop.covariates["weight_kg"][i]))

        def f(t, y, rate, p=p):
            c1 = s * y[0] / p["v1"]
            elim = p["cl"] * c1 / s + p["vmax"] * c1 / (p["km"] + c1)
            net = p["q"] * y[0] / p["v1"] - p["q"] * y[1] / p["v2"]
            return [rate - elim - net, net, c1]

        ev = sorted({a.start_day for a in reg.administrations} | {a.end_day for a in reg.administrations}
                    | {0.0, 100.0})
        y = np.zeros(3)
        auc0 = 0.0
        for a, b in zip(ev[:-1], ev[1:], strict=True):
            rate = sum(x.amount / x.duration_day for x in reg.administrations if x.start_day <= a < x.end_day)
            y = solve_ivp(f, (a, b), y, args=(rate,), rtol=1e-7, atol=1e-10).y[:, -1]
            if b == 0.0:
                auc0 = y[2]
        out.append(y[2] - auc0)
    return out


def main() -> int:
    t_start = time.perf_counter()
    rows = []
    t1 = timed(one_patient, 31)
    rows.append(("one patient: curve + metrics (slider)", t1 * 1e3, "≤ 16 ms", t1 <= 0.016))
    tb = timed(band_1000, 7)
    rows.append(("1,000-patient percentile band", tb * 1e3, "≤ 100 ms", tb <= 0.100))
    tp = timed(pta_10000, 5)
    rows.append(("10,000-patient PTA", tp * 1e3, "≤ 300 ms", tp <= 0.300))
    n_loop = 100
    tl = timed(lambda: solve_ivp_loop(n_loop), 3)
    per_loop = tl / n_loop
    per_vec = tp / 10_000
    ratio = per_loop / per_vec
    print(f"ATG Desk engine benchmark — model {MODEL.id} ({MODEL.elimination} elimination, ODE path)")
    print(f"{'case':<42}{'median':>12}  {'bar':<10}{'ok':>4}")
    for name, ms, bar, ok in rows:
        print(f"{name:<42}{ms:>9.2f} ms  {bar:<10}{'yes' if ok else 'NO':>4}")
    print()
    print(f"{'per patient, AUCs to day 100':<42}{'median':>12}")
    print(f"{'  vectorised engine (10,000 at once)':<42}{per_vec * 1e6:>9.2f} µs")
    print(f"{'  solve_ivp loop (' + str(n_loop) + ' patients)':<42}{per_loop * 1e6:>9.0f} µs")
    print(f"{'  speed-up (bar ≥ 30×)':<42}{ratio:>9.0f} ×  {'yes' if ratio >= 30 else 'NO':>4}")
    # same answers: the engine and the loop agree on the first patients' AUC
    pop = sample_population(MODEL, 20, COVS, seed=3)
    eng = population_aucs(pop, SCHED)[1]
    ref = np.array(solve_ivp_loop(20))
    print(f"{'  max relative AUC difference (20 pts)':<42}{np.max(np.abs(eng / ref - 1)):>12.1e}")
    print(f"\ntotal benchmark time {time.perf_counter() - t_start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
