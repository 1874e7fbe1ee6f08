"""Measured-levels benchmark: NCA, individual linear fits, MAP Bayesian fit and remaining-dose proposal.

Median (and p95) wall time over repeats, in-process, on the example levels in tests/core/data/example_au.csv
(12 quantified levels, synthetic).  The MAP fit uses the bundled illustrative model (2 compartments, linear +
Michaelis-Menten elimination, so every prediction is an ODE solution).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import median, percentile, print_table, time_call  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
REPEATS = int(os.environ.get("BENCH_LEVELS_REPEATS", "30"))


def main() -> int:
    from atgdesk.core.fit import fit_individual, fit_map, propose_remaining_dose
    from atgdesk.core.levels import read_levels_csv
    from atgdesk.core.model import list_models
    from atgdesk.core.nca import nca
    from atgdesk.core.regimen import parse_regimen_spec

    levels = read_levels_csv(ROOT / "tests" / "core" / "data" / "example_au.csv")
    regimen = parse_regimen_spec("2.5mg/kg@-3,-2/6h", 70.0)
    models, _ = list_models(ROOT / "data" / "models")
    variable = [m for m in models if m.eta_names and m.concentration_unit == "AU/mL"]

    fit1 = fit_individual(levels, regimen, 1)
    cases = {
        "NCA (auto terminal phase)": lambda: nca(levels),
        "individual fit, 1 compartment": lambda: fit_individual(levels, regimen, 1),
        "individual fit, 2 compartments": lambda: fit_individual(levels, regimen, 2),
        "remaining-dose proposal (linear)": lambda: propose_remaining_dose(fit1.curve(), regimen, 30.0, -2.5),
    }
    if variable:
        model = variable[0]
        covs = {"weight_kg": 70.0, "alc_per_nl": 0.2}
        covs = {k: v for k, v in covs.items() if k in model.covariate_names}
        cases[f"MAP fit ({model.id})"] = lambda: fit_map(levels, regimen, model, covs)
        map_fit = fit_map(levels, regimen, model, covs)
        cases["remaining-dose proposal (MAP, ODE)"] = lambda: propose_remaining_dose(
            map_fit.curve(), regimen, 100.0, -2.5)
    rows = []
    for name, fn in cases.items():
        fn()  # warm-up (imports, caches)
        times = time_call(fn, REPEATS)
        rows.append((name, f"{1000 * median(times):.2f}", f"{1000 * percentile(times, 95):.2f}", REPEATS))
    print_table("Measured levels (ms per call)", ("operation", "median ms", "p95 ms", "repeats"), rows)
    if not variable:
        print("(no bundled model with variability and AU/mL: MAP not measured)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
