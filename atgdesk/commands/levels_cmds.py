"""``atgdesk levels FILE.csv`` — exposure from the patient's own measured levels.

Always: non-compartmental analysis (observed AUC split at day 0, terminal half-life, extrapolation).  With
``--regimen`` (and ``--weight``): an individual linear fit (or, with ``--model``, a MAP Bayesian estimate), the
forecast to the horizon and, with ``--target-auc``, the remaining dose that reaches the target.  One figure is the
post-HCT exposure (AUC after day 0 to the horizon: measured where the levels cover it, forecast or extrapolated
for the rest); ``--target ID`` judges it against a target of ``data/targets.toml`` with the calculator's verdict
rule.  ``--model`` reads bundled and user model files (as ``atgdesk models`` lists them).  Format and method:
``docs/levels.md``.  Every bad input ends in one line naming the argument, file, row or column (exit status 2).
"""

from __future__ import annotations

import json
import math
import sys
from typing import Any

from atgdesk.commands import CommandError

_TEXT_DEFAULT_HORIZON = "100"


def register(subparsers) -> None:
    """Register the levels subcommand."""
    p = subparsers.add_parser(
        "levels", help="exposure from measured levels (AUC, half-life, fit, forecast, remaining dose)",
        description="Exposure from measured ATG levels in a CSV file (columns time_day, concentration, unit; "
                    "days relative to HCT day 0; '<LLOQ' or 'BLQ' for values below the limit). Prints the "
                    "non-compartmental AUC before and after day 0, the terminal half-life and the extrapolated "
                    "AUC; with --regimen an individual fit, the forecast and, with --target-auc, the remaining "
                    "dose that reaches the target. See docs/levels.md.")
    p.add_argument("file", metavar="FILE.csv", help="measured levels (CSV)")
    p.add_argument("--unit", metavar="UNIT", help="concentration unit for a file without a unit column "
                                                  "(AU/mL, µg/mL or mg/L)")
    p.add_argument("--horizon", metavar="D", default=_TEXT_DEFAULT_HORIZON,
                   help="post-HCT AUC ends on this day (default 100)")
    p.add_argument("--terminal-points", metavar="K",
                   help="use the last K positive levels for the terminal phase (default: automatic choice)")
    p.add_argument("--regimen", metavar="SPEC",
                   help="doses given and planned, e.g. '2.5mg/kg@-3..-1/6h' (see 'atgdesk simulate --help')")
    p.add_argument("--weight", metavar="KG", help="body weight in kg (needed with --regimen)")
    p.add_argument("--model", metavar="ID_OR_PATH",
                   help="PK model with variability (bundled or user model file, id or path): MAP Bayesian "
                        "estimate instead of the individual linear fit")
    p.add_argument("--target", metavar="ID",
                   help="judge the post-HCT exposure against this target (an id of the bundled targets; a wrong "
                        "id lists them), with the calculator's verdict rule")
    p.add_argument("--alc", metavar="X", help="lymphocyte count (×10⁹/L) for a model that uses it")
    p.add_argument("--covariate", metavar="NAME=VALUE", action="append", default=[],
                   help="any other model covariate (repeatable)")
    p.add_argument("--compartments", metavar="N", default="1", help="individual fit: 1 (default) or 2")
    p.add_argument("--error", metavar="MODEL", default="proportional",
                   help="individual fit error model: proportional (default) or combined")
    p.add_argument("--additive-sd", metavar="X", default="0",
                   help="combined error: additive SD in the levels' unit")
    p.add_argument("--proportional-cv", metavar="X", default="0",
                   help="combined error: proportional CV as a fraction (0.2 = 20 %%)")
    p.add_argument("--target-auc", metavar="X",
                   help="target AUC (levels' unit·day): propose the remaining dose that reaches it")
    p.add_argument("--target-metric", metavar="M", default="post",
                   help="the AUC the target refers to: post (day 0 to horizon, default) or total")
    p.add_argument("--proposal", metavar="MODE", default="scale",
                   help="scale (one factor on the remaining planned doses, default) or equal (one amount per "
                        "remaining administration)")
    p.add_argument("--as-of", metavar="DAY",
                   help="doses starting after this day may change (default: the day of the last level)")
    p.add_argument("--threshold", metavar="X", default="1",
                   help="forecast: day the level falls below X (levels' unit; default 1)")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    p.set_defaults(func=run_levels)


def _number(args, name: str, value: str | None, *, positive: bool = False, minimum: float | None = None) -> float:
    flag = "--" + name.replace("_", "-")
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise CommandError(f"{flag}: {value!r} is not a number") from None
    if not math.isfinite(v):
        raise CommandError(f"{flag}: must be finite, got {value!r}")
    if positive and v <= 0:
        raise CommandError(f"{flag}: must be > 0, got {value}")
    if minimum is not None and v < minimum:
        raise CommandError(f"{flag}: must be ≥ {minimum:g}, got {value}")
    return v


def _choice(name: str, value: str, choices: tuple[str, ...]) -> str:
    if value not in choices:
        raise CommandError(f"--{name}: {value!r} is not one of {', '.join(choices)}")
    return value


def _covariates(args, model, weight_kg: float) -> dict[str, float]:
    from atgdesk.core.scenario import ALC_COVARIATES, WEIGHT_COVARIATES

    given: dict[str, float] = {}
    for item in args.covariate:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise CommandError(f"--covariate: {item!r} must look like NAME=VALUE")
        try:
            v = float(value)
        except ValueError:
            raise CommandError(f"--covariate: {name.strip()} value {value!r} is not a number") from None
        if not math.isfinite(v):
            raise CommandError(f"--covariate: {name.strip()} must be finite")
        given[name.strip()] = v
    out: dict[str, float] = {}
    needed = sorted({e.covariate for e in model.covariate_effects})
    for name in needed:
        if name in given:
            out[name] = given.pop(name)
        elif name in WEIGHT_COVARIATES:
            out[name] = weight_kg
        elif name in ALC_COVARIATES:
            if args.alc is None:
                raise CommandError(f"--alc: model '{model.id}' needs the lymphocyte count ({name}, ×10⁹/L)")
            out[name] = _number(args, "alc", args.alc, minimum=0.0)
        else:
            raise CommandError(f"--covariate: model '{model.id}' needs {name} (give --covariate {name}=VALUE)")
    if given:
        raise CommandError(f"--covariate: model '{model.id}' does not use {', '.join(sorted(given))}")
    return out


def _load_model(spec: str):
    from atgdesk.core.model import find_model
    from atgdesk.present.catalogue import model_folders

    try:  # bundled and user model files, as 'atgdesk models' lists them (only bundled ones were found before)
        return find_model(spec, model_folders())
    except ValueError as exc:  # ModelFileError names the file and field; find_model's own errors say 'model:'
        msg = str(exc)
        raise CommandError("--" + msg if msg.startswith("model:") else f"--model: {msg}") from None


def _load_target(target_id: str):
    from atgdesk import paths
    from atgdesk.core.targets import find_target, load_targets

    try:
        return find_target(load_targets(paths.data_dir() / "targets.toml"), target_id)
    except (ValueError, KeyError, OSError) as exc:
        msg = str(exc).strip("'")
        raise CommandError("--target: " + (msg[len("target: "):] if msg.startswith("target: ") else msg)) from None


def _target_verdict(target, exposure, exp_unit: str) -> dict[str, Any]:
    """The calculator's verdict on the post-HCT exposure, or why it cannot be given."""
    from atgdesk.core.targets import judge, metric_words

    base = {"target": target.id, "target_text": target.describe(), "outcome": target.outcome, "kind": target.kind}
    if target.metric != "auc_post":
        return base | {"compared": False, "reason": f"the target is about the {metric_words(target)}; the levels "
                                                     "give the post-HCT AUC"}
    if target.unit != exp_unit:
        return base | {"compared": False, "reason": f"the target is in {target.unit}, the levels give {exp_unit} "
                                                     "(different assays are never compared)"}
    if exposure is None:
        return base | {"compared": False, "reason": "no post-HCT exposure (see post_hct_exposure)"}
    v = judge(target, exposure.auc, subject="This patient (measured + forecast)")
    return base | {"compared": True, "position": v.position, "headline": v.headline, "role": v.role,
                   "text": v.text}


def run_levels(args) -> int:
    """Handler of ``atgdesk levels``."""
    from atgdesk.core.fit import (
        fit_individual,
        fit_map,
        forecast_curve,
        post_hct_exposure,
        propose_remaining_dose,
    )
    from atgdesk.core.levels import read_levels_csv
    from atgdesk.core.nca import nca
    from atgdesk.core.regimen import parse_regimen_spec

    horizon = _number(args, "horizon", args.horizon, positive=True)
    threshold = _number(args, "threshold", args.threshold, positive=True)
    n_terminal = None
    if args.terminal_points is not None:
        k = _number(args, "terminal_points", args.terminal_points)
        if k != int(k):
            raise CommandError(f"--terminal-points: must be a whole number, got {args.terminal_points}")
        n_terminal = int(k)
    compartments = int(_choice("compartments", args.compartments, ("1", "2")))
    error_model = _choice("error", args.error, ("proportional", "combined"))
    metric = _choice("target-metric", args.target_metric, ("post", "total"))
    mode = _choice("proposal", args.proposal, ("scale", "equal"))
    if args.unit is not None:
        from atgdesk.core.levels import normalise_unit

        try:
            normalise_unit(args.unit, field="--unit")
        except ValueError as exc:
            raise CommandError(str(exc)) from None
    if args.regimen is None:
        for flag, value in (("--model", args.model), ("--target-auc", args.target_auc), ("--as-of", args.as_of)):
            if value is not None:
                raise CommandError(f"{flag}: needs --regimen (the doses given and planned)")

    target_window = _load_target(args.target) if args.target is not None else None
    levels = read_levels_csv(args.file, unit=args.unit)
    out: dict[str, Any] = {"levels": _levels_dict(levels)}
    notes: list[str] = []

    try:
        nres = nca(levels, horizon_day=horizon, n_terminal=n_terminal)
    except ValueError as exc:
        if str(exc).startswith("n_points:"):
            raise CommandError("--terminal-points:" + str(exc).split(":", 1)[1]) from None
        if args.regimen is None or "at least 2 quantified levels" not in str(exc):
            raise
        nres = None
        notes.append(f"non-compartmental analysis not possible: {exc}")
    out["nca"] = _nca_dict(nres) if nres is not None else None

    fc = None
    if args.regimen is not None:
        if args.weight is None:
            raise CommandError("--weight: required with --regimen (mg/kg doses)")
        weight = _number(args, "weight", args.weight, positive=True)
        try:
            regimen = parse_regimen_spec(args.regimen, weight)
        except ValueError as exc:
            raise CommandError(f"--regimen: {exc}") from None
        last_level_day = float(max(s.t_day for s in levels.quantified)) if levels.quantified else None
        if nres is not None and last_level_day is not None:
            later = [a for a in regimen.administrations if a.start_day > last_level_day]
            if later and (nres.auc_post_extrapolated or nres.auc_pre_extrapolated):
                notes.append(f"{len(later)} administration(s) start after the last level (day {last_level_day:g}): "
                             "the non-compartmental extrapolation ignores them; see the fit and forecast")
        if args.model is not None:
            model = _load_model(args.model)
            fit = fit_map(levels, regimen, model, _covariates(args, model, weight))
            out["map"] = _map_dict(fit)
        else:
            fit = fit_individual(levels, regimen, compartments, error_model,
                                 additive_sd=_number(args, "additive_sd", args.additive_sd, minimum=0.0),
                                 proportional_cv=_number(args, "proportional_cv", args.proportional_cv, minimum=0.0))
            out["fit"] = _fit_dict(fit)
        curve = fit.curve()
        fc = forecast_curve(curve, regimen, horizon, threshold=threshold)
        out["forecast"] = _forecast_dict(fc, levels.exposure_unit, levels.unit)
        if args.target_auc is not None:
            target = _number(args, "target_auc", args.target_auc, positive=True)
            if args.as_of is not None:
                as_of = _number(args, "as_of", args.as_of)
            elif last_level_day is not None:
                as_of = last_level_day
            else:
                raise CommandError("--as-of: no quantified level to date the proposal from; give --as-of DAY")
            try:
                prop = propose_remaining_dose(curve, regimen, target, as_of, metric=metric, mode=mode,
                                              horizon_day=horizon)
            except ValueError as exc:
                msg = str(exc)
                if msg.startswith("after_day:"):
                    raise CommandError("--as-of: " + msg.split(":", 1)[1].strip()) from None
                raise
            out["proposal"] = _proposal_dict(prop, weight)
    exposure = post_hct_exposure(nres, fc)
    if exposure is not None and not exposure.unit:
        from dataclasses import replace

        exposure = replace(exposure, unit=levels.exposure_unit)
    out["post_hct_exposure"] = _exposure_dict(exposure)
    if target_window is not None:
        out["target_verdict"] = _target_verdict(target_window, exposure, levels.exposure_unit)
    out["notes"] = notes
    out["unit"] = levels.unit
    out["exposure_unit"] = levels.exposure_unit
    if args.json:
        json.dump(out, sys.stdout, indent=2, ensure_ascii=False, allow_nan=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(_text(out))
    return 0


# ---------------------------------------------------------------------------------------------------------------
# Result dictionaries (JSON) and text


def _levels_dict(levels) -> dict[str, Any]:
    return {
        "source": levels.source, "unit": levels.unit,
        "samples": [{"row": s.row, "time_day": s.t_day, "concentration": s.concentration, "blq": s.blq,
                     "lloq": s.lloq} for s in levels.samples],
    }


def _nca_dict(r) -> dict[str, Any]:
    term = None
    if r.terminal is not None:
        t = r.terminal
        term = {"lambda_z_per_day": t.lambda_z_per_day, "half_life_day": t.half_life_day, "r_squared": t.r_squared,
                "adj_r_squared": t.adj_r_squared, "n_points": t.n_points, "first_day": t.first_day,
                "last_day": t.last_day, "span_ratio": t.span_ratio, "automatic": t.chosen_automatically,
                "verdict": t.verdict, "reasons": list(t.reasons)}
    return {
        "horizon_day": r.horizon_day, "n_levels": r.n_levels, "first_day": r.first_day, "last_day": r.last_day,
        "c_max": r.c_max, "t_max_day": r.t_max_day, "c_last": r.c_last,
        "auc_observed": r.auc_observed, "auc_pre_observed": r.auc_pre_observed,
        "auc_post_observed": r.auc_post_observed, "terminal": term,
        "auc_pre_extrapolated": r.auc_pre_extrapolated, "auc_post_extrapolated": r.auc_post_extrapolated,
        "auc_extrapolated_inf": r.auc_extrapolated_inf, "auc_pre": r.auc_pre, "auc_post": r.auc_post,
        "auc_total": r.auc_total, "auc_inf": r.auc_inf, "pct_extrapolated_post": r.pct_extrapolated_post,
        "pct_extrapolated_inf": r.pct_extrapolated_inf, "notes": list(r.notes),
    }


def _exposure_dict(e) -> dict[str, Any] | None:
    if e is None:
        return None
    return {"auc": e.auc, "measured": e.observed, "added": e.added, "measured_from_day": e.observed_from_day,
            "measured_to_day": e.observed_to_day, "horizon_day": e.horizon_day, "unit": e.unit, "method": e.method,
            "definition": "AUC after day 0 to the horizon: measured (non-compartmental) where the levels cover it, "
                          "the rest from the fit's forecast or, without one, the terminal-phase extrapolation"}


def _quality_dict(q) -> dict[str, Any]:
    return {"n_observations": q.n_observations, "n_parameters": q.n_parameters,
            "degrees_of_freedom": q.degrees_of_freedom,
            "residual_sd": q.residual_sd if math.isfinite(q.residual_sd) else None,
            "max_abs_weighted_residual": q.max_abs_weighted_residual, "objective": q.objective,
            "converged": q.converged, "verdict": q.verdict, "reasons": list(q.reasons)}


def _fit_dict(f) -> dict[str, Any]:
    return {
        "method": f"individual linear {f.compartments}-compartment fit (least squares, {f.error_model} error)",
        "simulation": "engine closed form (atgdesk.core.simulate)",
        "compartments": f.compartments, "error_model": f.error_model,
        "estimates": [{"name": e.name, "value": e.value, "unit": e.unit, "se": e.se, "rse_pct": e.rse_pct,
                       "ci95": [e.ci95_low, e.ci95_high] if e.ci95_low is not None else None}
                      for e in f.estimates],
        "residuals": [{"row": r, "time_day": float(t), "observed": float(o), "predicted": float(p),
                       "weighted_residual": float(w)}
                      for r, t, o, p, w in zip(f.rows, f.t_day, f.observed, f.predicted, f.weighted_residuals,
                                               strict=True)],
        "quality": _quality_dict(f.quality), "notes": list(f.notes),
    }


def _map_dict(f) -> dict[str, Any]:
    m = f.model
    return {
        "method": "MAP Bayesian estimate", "model": {"id": m.id, "name": m.name, "status": m.status,
                                                     "label": m.label, "citation": m.source.citation},
        "covariates": dict(f.covariates),
        "parameters": {k: {"value": v, "typical": f.typical_parameters[k],
                           "unit": m.parameter(k).unit} for k, v in f.parameters.items()},
        "eta": {n: {"value": float(e), "posterior_sd": float(s), "omega": float(w), "shrinkage": float(sh)}
                for n, e, s, w, sh in zip(f.eta_names, f.eta, f.eta_sd, f.omega, f.shrinkage, strict=True)},
        "shrinkage_definition": "1 - sqrt(1 - posterior_sd^2 / omega^2) (expected 1 - SD(eta)/omega for this design)",
        "residuals": [{"row": r, "time_day": float(t), "observed": float(o), "predicted": float(p),
                       "weighted_residual": float(w)}
                      for r, t, o, p, w in zip(f.rows, f.t_day, f.observed, f.predicted, f.weighted_residuals,
                                               strict=True)],
        "quality": _quality_dict(f.quality), "notes": list(f.notes),
    }


def _forecast_dict(fc, exp_unit: str, unit: str) -> dict[str, Any]:
    d = fc.as_dict()
    d["exposure_unit"] = exp_unit
    d["unit"] = unit
    return d


def _proposal_dict(p, weight_kg: float) -> dict[str, Any]:
    def adm(a):
        return {"start_day": a.start_day, "amount_mg": a.amount, "mg_per_kg": a.amount / weight_kg,
                "duration_h": a.duration_day * 24.0}

    return {
        "target_auc": p.target_auc, "metric": p.metric, "mode": p.mode, "horizon_day": p.horizon_day,
        "after_day": p.after_day, "status": p.status, "scale_factor": p.scale_factor,
        "amount_per_administration_mg": p.amount_per_administration,
        "planned_auc": p.planned_auc, "achieved_auc": p.achieved_auc, "relative_error": p.relative_error,
        "given": [adm(a) for a in p.given], "planned_remaining": [adm(a) for a in p.planned_remaining],
        "proposed_remaining": [adm(a) for a in p.proposed_remaining], "notes": list(p.notes),
    }


def _n(x: float, digits: int) -> str:
    """A figure in the one number format (significant digits, never an exponent)."""
    from atgdesk.present.note import format_number

    return format_number(x, digits)


def _g(x: float | None, unit: str = "") -> str:
    from atgdesk.present.note import format_number

    if x is None:
        return "not estimable"
    return f"{format_number(x, 4)} {unit}".rstrip()  # one number format: never '1.43e+03'


def _exposure_lines(out: dict[str, Any]) -> list[str]:
    """The one figure to compare with a target, how it is made up, and the verdict when a target is given."""
    e = out["post_hct_exposure"]
    eu = out["exposure_unit"]
    lines = [""]
    if e is None:
        lines.append("Post-HCT exposure (AUC after day 0): not available — the levels do not reach the horizon "
                     "and there is neither a forecast (give --regimen) nor a terminal phase to extrapolate")
    else:
        lines.append(f"Post-HCT exposure (AUC after day 0, to day {e['horizon_day']:g}): {_g(e['auc'], eu)}")
        if e["measured_from_day"] is not None:
            lines.append(f"  measured day {e['measured_from_day']:g} to {e['measured_to_day']:g} "
                         f"(non-compartmental): {_g(e['measured'], eu)}")
        if e["method"].endswith("forecast"):
            lines.append(f"  + forecast by the fit for the rest (regimen as given and planned): {_g(e['added'], eu)}")
        elif e["method"].endswith("extrapolation"):
            lines.append(f"  + extrapolated from the last level with the terminal half-life: {_g(e['added'], eu)} "
                         "(no regimen given: later doses are not counted)")
        lines.append("  This is the figure to compare with a post-HCT AUC target; the figures below explain it.")
    v = out.get("target_verdict")
    if v is not None:
        if v["compared"]:
            lines.append(f"  Against target {v['target']}: {v['text']}")
        else:
            lines.append(f"  Target {v['target']} ({v['target_text']}): not compared — {v['reason']}")
    return lines


def _text(out: dict[str, Any]) -> str:
    from atgdesk import DISCLAIMER
    from atgdesk.core.levels import day_clock

    u, eu = out["unit"], out["exposure_unit"]
    lines: list[str] = []
    lv = out["levels"]
    q = [s for s in lv["samples"] if not s["blq"]]
    blq = [s for s in lv["samples"] if s["blq"]]
    # sample times as day and clock time relative to HCT (from 00:00 on day 0), as the levels tab shows them
    span = f", {day_clock(q[0]['time_day'])} to {day_clock(q[-1]['time_day'])}" if q else ""
    lines.append(f"Measured levels: {lv['source']} — {len(q)} quantified ({u}){span}"
                 + (f"; {len(blq)} below the limit of quantification (excluded)" if blq else ""))
    lines += _exposure_lines(out)
    n = out["nca"]
    if n is not None:
        lines.append("")
        lines.append(f"Non-compartmental analysis (linear-up/log-down trapezoids; horizon day {n['horizon_day']:g})")
        rows = [
            ("AUC observed, before day 0", _g(n["auc_pre_observed"], eu)),
            (f"AUC observed, day 0 to day {min(n['last_day'], n['horizon_day']):g}", _g(n["auc_post_observed"], eu)),
        ]
        t = n["terminal"]
        if t is None:
            rows.append(("Terminal phase", "not estimable"))
        else:
            how = "automatic" if t["automatic"] else "user-chosen"
            rows.append(("Terminal phase",
                         f"λz {_n(t['lambda_z_per_day'], 4)}/day, half-life {_n(t['half_life_day'], 3)} days "
                         f"(R² {t['r_squared']:.4f}, adj. R² {t['adj_r_squared']:.4f}, {t['n_points']} points "
                         f"{how}, days {t['first_day']:g}–{t['last_day']:g}) — {t['verdict']}"))
        if n["last_day"] < n["horizon_day"]:
            ext = _g(n["auc_post_extrapolated"], eu)
            if n["pct_extrapolated_post"] is not None and n["auc_post_extrapolated"] is not None:
                ext += f" ({n['pct_extrapolated_post']:.1f} % of the post-HCT AUC)"
            rows.append((f"AUC extrapolated, day {max(n['last_day'], 0):g} to {n['horizon_day']:g}", ext))
        rows += [
            (f"Post-HCT AUC, day 0 to {n['horizon_day']:g}", _g(n["auc_post"], eu)),
            ("Pre-HCT AUC", _g(n["auc_pre"], eu)),
            (f"Total AUC to day {n['horizon_day']:g}", _g(n["auc_total"], eu)),
            ("AUC to infinity", _g(n["auc_inf"], eu)
             + (f" ({n['pct_extrapolated_inf']:.1f} % extrapolated)" if n["pct_extrapolated_inf"] is not None
                else "")),
        ]
        lines += _table(rows)
        lines += [f"  note: {x}" for x in n["notes"]]
    if "fit" in out:
        f = out["fit"]
        lines += ["", f"Individual fit: {f['method']}; simulation: {f['simulation']}"]
        rows = []
        for e in f["estimates"]:
            extra = (f"(RSE {e['rse_pct']:.1f} %, 95 % CI {_n(e['ci95'][0], 4)}–{_n(e['ci95'][1], 4)})"
                     if e["rse_pct"] is not None else "(standard error not estimable)")
            rows.append((e["name"], f"{_n(e['value'], 4)} {e['unit']} {extra}"))
        lines += _table(rows)
        lines += _quality_lines(f["quality"], "residual CV" if f["error_model"] == "proportional" else "residual SD")
        lines += [f"  note: {x}" for x in f["notes"]]
    if "map" in out:
        m = out["map"]
        lines += ["", f"MAP Bayesian estimate — model {m['model']['id']} ({m['model']['status']}): "
                      f"{m['model']['name']}"]
        if m["model"]["status"] == "illustrative" and m["model"]["label"]:
            lines.append(f"  {m['model']['label']}")
        rows = [(k, f"{_n(v['value'], 4)} {v['unit']} (typical {_n(v['typical'], 4)})") for k, v in m["parameters"].items()]
        rows += [(f"η {k}", f"{v['value']:+.3f} (posterior SD {v['posterior_sd']:.3f}, ω {v['omega']:.3f}, "
                            f"shrinkage {100 * v['shrinkage']:.0f} %)") for k, v in m["eta"].items()]
        lines += _table(rows)
        lines.append(f"  shrinkage = {m['shrinkage_definition']}")
        lines += _quality_lines(m["quality"], "RMS weighted residual")
        lines += [f"  note: {x}" for x in m["notes"]]
    if "forecast" in out:
        fc = out["forecast"]
        below = fc["day_below_threshold"]
        lines += ["", f"Forecast with the regimen as given (to day {fc['horizon_day']:g})"]
        lines += _table([
            ("AUC before day 0", _g(fc["auc_pre"], eu)),
            (f"AUC day 0 to {fc['horizon_day']:g}", _g(fc["auc_post"], eu)),
            ("Total AUC", _g(fc["auc_total"], eu)),
            ("Cmax", f"{_n(fc['cmax'], 4)} {u} on day {_n(fc['tmax_day'], 3)}"),
            (f"Below {fc['threshold']:g} {u} from day",
             f"{_n(below, 3)}" if below is not None else f"not before day {fc['horizon_day']:g}"),
        ])
    if "proposal" in out:
        p = out["proposal"]
        what = "post-HCT AUC (day 0 to" if p["metric"] == "post" else "total AUC (to day"
        lines += ["", f"Remaining-dose proposal: target {what} {p['horizon_day']:g}) = {_n(p['target_auc'], 4)} {eu}"]
        lines.append(f"  doses starting after day {p['after_day']:g} may change; status: {p['status']}")
        for a0, a1 in zip(p["planned_remaining"], p["proposed_remaining"], strict=True):
            lines.append(f"  {day_clock(a0['start_day'])}: planned {_g(a0['amount_mg'], 'mg')} → proposed "
                         f"{_g(a1['amount_mg'], 'mg')} ({_g(a1['mg_per_kg'])} mg/kg) over {_g(a1['duration_h'])} h")
        if p["scale_factor"] is not None:
            lines.append(f"  scale factor on the planned remaining doses: {_n(p['scale_factor'], 4)}")
        lines.append(f"  predicted AUC: {_n(p['achieved_auc'], 4)} {eu} (planned regimen: {_n(p['planned_auc'], 4)})")
        lines += [f"  note: {x}" for x in p["notes"]]
    if out["notes"]:
        lines.append("")
        lines += [f"Note: {x}" for x in out["notes"]]
    lines += ["", DISCLAIMER, ""]
    return "\n".join(lines)


def _table(rows: list[tuple[str, str]]) -> list[str]:
    w = max(len(k) for k, _ in rows)
    return [f"  {k.ljust(w)}  {v}" for k, v in rows]


def _quality_lines(q: dict[str, Any], sd_name: str) -> list[str]:
    sd = q["residual_sd"]
    sd_txt = f"{100 * sd:.1f} %" if sd is not None and sd_name == "residual CV" else (
        f"{_n(sd, 3)}" if sd is not None else "n/a")
    line = (f"  fit: {q['n_observations']} levels, {q['n_parameters']} parameter(s), {sd_name} {sd_txt}, "
            f"converged {'yes' if q['converged'] else 'no'} — {q['verdict']}")
    return [line] + [f"  reason: {r}" for r in q["reasons"]]
