"""Pharmacokinetic subcommands: ``models`` (list model files) and ``simulate`` (exposure for one patient)."""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from atgdesk.commands import CommandError

# argument → covariate name, for error messages that name the argument the user typed
_ARG_OF = {"weight_kg": "--weight", "alc_per_nl": "--alc"}


def register(subparsers) -> None:
    """Register the PK subcommands."""
    p = subparsers.add_parser("models", help="list the available PK models with status and source",
                              description="List the PK model files (bundled, and the user's model folder if it "
                                          "exists); files that fail validation are listed with their error.")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--folder", action="append", metavar="DIR", help="read models from DIR instead (repeatable)")
    p.set_defaults(func=cmd_models)

    s = subparsers.add_parser(
        "simulate", help="predicted exposure for one patient and regimen",
        description="Simulate the active-ATG concentration for one patient and report AUC before day 0, after "
                    "day 0 (to the horizon) and in total, Cmax, and the day the level falls below a threshold; "
                    "optionally the curve, a population band and the probability of target attainment. "
                    "Regimen syntax: AMOUNT@DAYS/DURATION[;...], e.g. '2.5mg/kg@-3,-2/6h,4h' or "
                    "'1.5mg/kg@-4..-1/6h;100mg@-1.5/4h' (mg/kg or mg; days relative to the transplant; "
                    "one infusion time, or one per day).")
    s.add_argument("--model", required=True, metavar="ID_OR_PATH", help="model id (see 'atgdesk models') or file")
    s.add_argument("--weight", required=True, type=float, metavar="KG", help="body weight in kg")
    s.add_argument("--alc", type=float, metavar="X",
                   help="absolute lymphocyte count before the first dose, 10^9/L (needed by models that use it; "
                        "not together with --covariate alc_per_nl=)")
    s.add_argument("--covariate", action="append", default=[], metavar="NAME=VALUE",
                   help="any other covariate the model declares (repeatable)")
    s.add_argument("--regimen", required=True, metavar="SPEC", help="dosing regimen (syntax above)")
    s.add_argument("--horizon", type=float, default=100.0, metavar="D", help="post-HCT AUC up to day D (100)")
    s.add_argument("--threshold", type=float, default=1.0, metavar="T",
                   help="concentration threshold for 'day below' in the model's unit (1). The day below is "
                        "the day from which the level stays below T up to the horizon: when the curve dips "
                        "below T and rises again, the last downward crossing counts; null in --json ('not "
                        "within the curve') when the level is still at or above T at the horizon; the end of the "
                        "last infusion when the level is below T all the time after it")
    s.add_argument("--curve", action="store_true", help="include the concentration curve")
    s.add_argument("--step", type=float, default=0.05, metavar="DAYS", help="curve grid step in days (0.05)")
    s.add_argument("--population", type=int, metavar="N", help="virtual patients for percentiles and PTA")
    s.add_argument("--target", metavar="ID", help="target window id from data/targets.toml (verdict; PTA)")
    s.add_argument("--window", metavar="LO,HI", help="a post-HCT AUC window in the model's units (PTA)")
    s.add_argument("--seed", type=int, default=0, metavar="S", help="random seed of the population (0)")
    s.add_argument("--json", action="store_true", help="machine-readable output")
    s.set_defaults(func=cmd_simulate)


def _model_folders(extra: list[str] | None = None) -> list[Path]:
    """The catalogue's model folders (bundled + the user's), the same the screen and ``atgdesk levels`` read."""
    from atgdesk.present.catalogue import model_folders
    return model_folders(extra=extra)


def _model_summary(m) -> dict:
    return {"id": m.id, "name": m.name, "status": m.status, "label": m.label, "product": m.product,
            "analyte": m.analyte, "assay": m.assay, "dose_unit": m.dose_unit,
            "concentration_unit": m.concentration_unit, "auc_unit": m.auc_unit,
            "source": {"citation": m.source.citation, "doi": m.source.doi, "table": m.source.table,
                       "entered_by": m.source.entered_by, "verified_by": m.source.verified_by,
                       "date": m.source.date},
            "path": m.path}


def cmd_models(args: argparse.Namespace) -> int:
    """``atgdesk models``: list models and the files that failed to load."""
    from atgdesk import paths
    from atgdesk.present.catalogue import load_catalogue
    catalogue = load_catalogue(_model_folders(args.folder), paths.data_dir())
    models, errors = list(catalogue.models), list(catalogue.model_errors)
    if args.json:
        print(json.dumps({"models": [_model_summary(m) for m in models],
                          "errors": [{"file": f, "error": e} for f, e in errors]}, ensure_ascii=False, indent=2))
        return 0
    if not models:
        print("no models found")
    for m in models:
        print(f"{m.id}  [{m.status}]  {m.name}")
        print(f"    product {m.product}, {m.analyte} ATG in {m.concentration_unit}; source: {m.source.citation}")
        if m.label:
            print(f"    {m.label}")
    for f, e in errors:
        # the loader's message usually starts with the file's path already: print it once
        print(f"not loaded: {e}" if e.startswith(f"{f}") else f"not loaded: {f}: {e}")
    return 0


def _parse_window(text: str) -> tuple[float, float]:
    parts = text.split(",")
    if len(parts) != 2:
        raise CommandError("--window: expected LO,HI, e.g. 60,95")
    try:
        lo, hi = float(parts[0]), float(parts[1])
    except ValueError:
        raise CommandError(f"--window: '{text}' is not two numbers") from None
    if not (math.isfinite(lo) and math.isfinite(hi)) or lo < 0 or lo >= hi:
        raise CommandError(f"--window: needs 0 ≤ LO < HI, got {text}")
    return lo, hi


def _covariates(args: argparse.Namespace, model) -> dict[str, float]:
    """The model's covariates from --weight, --alc and --covariate NAME=VALUE, mapped as the screen maps them
    (:func:`atgdesk.core.scenario.map_covariates`).  A value given twice (--alc and --covariate alc_per_nl=, or
    --weight and --covariate weight_kg=) is refused: which one would count is not the user's to guess."""
    from atgdesk.core.scenario import ALC_COVARIATES, WEIGHT_COVARIATES, map_covariates, model_covariates

    other: dict[str, float] = {}
    for item in args.covariate:
        name, sep, value = item.partition("=")
        name = name.strip()
        if not sep or not name:
            raise CommandError(f"--covariate: expected NAME=VALUE, got '{item}'")
        if name in ALC_COVARIATES and args.alc is not None:
            raise CommandError(f"--covariate {name}: the lymphocyte count is given twice (--alc {args.alc:g} and "
                               f"--covariate {name}={value}); give it once")
        if name in WEIGHT_COVARIATES:
            raise CommandError(f"--covariate {name}: the body weight is given by --weight; give it once")
        if name in other:
            raise CommandError(f"--covariate {name}: given twice")
        try:
            other[name] = float(value)
        except ValueError:
            raise CommandError(f"--covariate: '{value}' is not a number for {name}") from None
        if not math.isfinite(other[name]):
            raise CommandError(f"--covariate {name}: must be a finite number")
    alc = args.alc
    if alc is None:  # a lymphocyte covariate given by name counts as the count for every lymphocyte name
        alc = next((other.pop(n) for n in ALC_COVARIATES if n in other), None)
    names = model_covariates(model)
    try:
        cov = map_covariates(names, args.weight, alc, other=other)
    except ValueError as exc:
        name = str(exc).split(":", 1)[0]
        arg = "--alc" if name in ALC_COVARIATES else ("--weight" if name in WEIGHT_COVARIATES
                                                      else f"--covariate {name}")
        raise CommandError(f"{arg}: model '{model.id}' needs {name}") from None
    return cov


def _named(exc: ValueError) -> CommandError:
    """Re-label a core ValueError ('weight_kg: ...') with the argument the user typed ('--weight: ...')."""
    msg = str(exc)
    for cov, arg in _ARG_OF.items():
        if msg.startswith(cov + ":"):
            return CommandError(f"{arg}: {msg}")
    if msg.startswith("regimen"):
        return CommandError(f"--regimen: {msg}")
    return CommandError(msg)


def cmd_simulate(args: argparse.Namespace) -> int:
    """``atgdesk simulate``: metrics (and optionally curve, population band, PTA) for one patient."""
    import numpy as np

    from atgdesk import paths
    from atgdesk.core.metrics import predict
    from atgdesk.core.model import ModelFileError, find_model
    from atgdesk.core.population import percentile_band, population_aucs, pta, sample_population
    from atgdesk.core.regimen import parse_dose_schedule
    from atgdesk.core.targets import attainment, find_target
    from atgdesk.present.calculator import comparability_words, limits_state, verdict_state
    from atgdesk.present.catalogue import load_catalogue

    if not math.isfinite(args.weight) or args.weight <= 0:
        raise CommandError("--weight: must be a number > 0 (kg)")
    if args.alc is not None and (not math.isfinite(args.alc) or args.alc < 0):
        raise CommandError("--alc: must be a number ≥ 0 (10^9/L)")
    if not math.isfinite(args.horizon) or not 0 < args.horizon <= 365:
        raise CommandError("--horizon: must be in (0, 365] days")
    if not math.isfinite(args.threshold) or args.threshold <= 0:
        raise CommandError("--threshold: must be > 0")
    if not math.isfinite(args.step) or not 0.001 <= args.step <= 1:
        raise CommandError("--step: must be in [0.001, 1] days")
    if args.population is not None and not 1 <= args.population <= 100_000:
        raise CommandError("--population: must be between 1 and 100000")
    if args.population is not None and not (args.target or args.window):
        raise CommandError("--population: give --target ID or --window LO,HI for the PTA")
    if args.target and args.window:
        raise CommandError("--window: give either --target or --window, not both")
    window = _parse_window(args.window) if args.window else None

    # one catalogue (bundled + user models, products, targets), loaded once, as the screen loads it
    catalogue = load_catalogue(_model_folders(), paths.data_dir())
    product_name = catalogue.product_name
    try:
        if Path(args.model).suffix == ".toml" or Path(args.model).is_file():
            model = find_model(args.model, [])
        else:
            model = catalogue.model(args.model)
            if model is None:
                raise ValueError(f"model: unknown id '{args.model}' (available: "
                                 f"{', '.join(m.id for m in catalogue.models) or 'none'})")
    except ModelFileError as exc:
        raise CommandError(f"--model: {exc}") from None
    except ValueError as exc:
        raise CommandError(f"--{exc}") from None
    covariates = _covariates(args, model)
    try:
        schedule = parse_dose_schedule(args.regimen)
        regimen = schedule.regimen(args.weight)
    except ValueError as exc:
        raise _named(exc) from None
    try:
        pred = predict(model, covariates, regimen, args.horizon, args.threshold, args.step)
    except ValueError as exc:
        raise _named(exc) from None
    # label limits of the model's product (data/products.toml): beyond a hard one is refused, a soft one warns
    try:
        limits = limits_state(catalogue.products.get(model.product), schedule, args.weight)
    except ValueError as exc:
        raise CommandError(f"--weight: {exc}") from None
    if limits.refused:
        raise CommandError(f"--regimen: {limits.hard[0]}")
    for w in pred.warnings:
        name = w.split(" ", 1)[0]
        print(f"atgdesk: warning: {_ARG_OF.get(name, name)}: {w}", file=sys.stderr)
    for w in limits.soft:
        print(f"atgdesk: warning: --regimen: {w}", file=sys.stderr)
    m = pred.metrics

    target = verdict = None
    refusal = ""
    if args.target:
        if not catalogue.targets:
            problem = next((e for e in catalogue.errors if "targets" in e), "no targets could be read")
            raise CommandError(f"--target: {problem}")
        try:
            target = find_target(list(catalogue.targets), args.target)
        except ValueError as exc:
            raise CommandError(f"--{exc}") from None
        # the screen's rule and words (atgdesk.present.calculator); the target names its own setting
        verdict = verdict_state(target.setting, target, model, m, product_name)
        if verdict.kind == "refused":
            refusal = verdict.text.removeprefix("Not compared — ").rstrip(".")
            if target.metric == "day_below_threshold" and not comparability_words(target, model, product_name):
                refusal += f" (run with --threshold {target.threshold:g})"
            verdict = None

    population = None
    if args.population:
        if target is not None:
            if refusal:
                raise CommandError(f"--target: cannot compute a PTA: {refusal}")
            if target.metric == "day_below_threshold":
                raise CommandError(f"--target: a probability is computed for AUC targets; '{target.id}' is "
                                   f"{target.metric}")
            lo, hi = target.lower, target.upper
        else:
            lo, hi = window  # type: ignore[misc]
        try:
            pop = sample_population(model, args.population, covariates, seed=args.seed)
            pre, post = population_aucs(pop, regimen, args.horizon)
        except ValueError as exc:
            raise _named(exc) from None
        values = post
        if target is not None:
            values = {"auc_post": post, "auc_pre": pre, "auc_total": pre + post}[target.metric]
        qs = (5, 25, 50, 75, 95)
        population = {"n": args.population, "seed": args.seed, "window": [lo, hi],
                      "covariates": "fixed at the patient's values; variability from the model's omegas",
                      "auc_post_percentiles": {str(q): float(v) for q, v in
                                               zip(qs, np.percentile(post, qs), strict=True)},
                      "pta": attainment(target, values) if target is not None else pta(post, lo, hi),
                      "probability_of": "harm" if target is not None and target.kind == "avoid-band"
                      else "target attainment"}
        if args.curve:
            t_band = pred.t_day[:: max(1, len(pred.t_day) // 400)]
            band = percentile_band(pop, regimen, t_band)
            population["band"] = {"t_day": t_band.tolist(),
                                  **{f"p{int(q)}": band.percentile(q).tolist() for q in band.percentiles}}

    if args.json:
        out = {
            "model": _model_summary(model), "label": model.label, "status": model.status,
            "inputs": {"covariates": covariates, "regimen_spec": args.regimen, "horizon_day": args.horizon,
                       "threshold": args.threshold},
            "regimen": [{"day": i.day, "duration_h": i.duration_h,
                         "mg_per_kg": None if i.mg_per_kg is None else float(i.mg_per_kg),
                         "dose_mg": float(i.dose_mg(args.weight))} for i in schedule.items],
            "units": {"auc": model.auc_unit, "concentration": model.concentration_unit, "time": "day"},
            "metrics": m.as_dict(), "warnings": [*pred.warnings, *limits.soft],
            "label_limits": {"checked": list(limits.checked), "not_given_by_any_label": list(limits.missing)},
            "target": None if target is None else {
                "id": target.id, "window": [target.lower, target.upper], "unit": target.unit,
                "metric": target.metric, "source": target.citation, "confidence": target.confidence,
                "kind": target.kind, "setting": target.setting, "population": target.population,
                "compared": verdict is not None, "refusal": refusal or None,
                "verdict": verdict.position if verdict else None,
                "headline": verdict.headline if verdict else None, "role": verdict.role if verdict else None,
                "text": verdict.text if verdict else None},
            "population": population,
            "curve": {"t_day": pred.t_day.tolist(), "conc": pred.conc.tolist()} if args.curve else None,
        }
        print(json.dumps(out, ensure_ascii=False))
        return 0

    u = model.auc_unit
    print(f"Model: {model.name} ({model.id}) — status: {model.status}")
    if model.label:
        print(f"  {model.label}")
    cov_txt = ", ".join(f"{k} {v:g}" for k, v in covariates.items())
    # a model without covariates predicts the same curve for every patient: say so rather than print nothing
    print(f"Patient: {cov_txt}" if cov_txt else "Patient: this model uses no patient covariates (same curve for everyone)")
    total = schedule.total_mg(args.weight)
    print(f"Regimen: {args.regimen}  (total {float(total):.6g} {model.dose_unit})")
    print(f"AUC before day 0:      {m.auc_pre:9.2f} {u}")
    print(f"AUC day 0 to {args.horizon:g}:     {m.auc_post:9.2f} {u}")
    print(f"AUC total:             {m.auc_total:9.2f} {u}")
    print(f"Cmax:                  {m.cmax:9.2f} {model.concentration_unit} at day {m.tmax_day:.2f}")
    below = "not within the curve" if m.day_below_threshold is None else f"day {m.day_below_threshold:.1f}"
    print(f"Below {args.threshold:g} {model.concentration_unit}:        {below}")
    if target is not None:
        print(f"Target {target.id} ({target.setting}; {target.population}):")
        print("  " + (verdict.text if verdict else f"Not compared — {refusal}"))
        print(f"  source: {target.citation} [{target.confidence}]")
    if population is not None:
        p = population["auc_post_percentiles"]
        lo, hi = population["window"]
        print(f"Population (N={args.population}, seed {args.seed}): post-HCT AUC median {p['50']:.1f} "
              f"(5th–95th {p['5']:.1f}–{p['95']:.1f}) {u}")
        words = "Probability of harm" if population["probability_of"] == "harm" else "Probability of target attainment"
        print(f"  {words} ({lo if lo is not None else '-'}–{hi if hi is not None else '-'}): "
              f"{100 * population['pta']:.1f} %")
    if args.curve:
        print("t_day\tconc")
        for t, c in zip(pred.t_day, pred.conc, strict=True):
            print(f"{t:.4f}\t{c:.6g}")
    return 0
