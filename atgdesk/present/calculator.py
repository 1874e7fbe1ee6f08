"""The calculator's rules, without Qt: which targets a setting offers, the verdict and its colour role, the
probability beside it, label limits on the regimen, and the dose finder's proposal — as immutable states that the
screen (``atgdesk.ui.calculator_view``), the dosing note and the command line render.

Rules (issue 12):

* no verdict until a setting is chosen; only that setting's targets are offered, each with its population;
  a target that cannot be compared with the model is offered greyed out with the reason in words;
* one verdict rule for every target kind (:func:`atgdesk.core.targets.judge`): it names the typical patient,
  and an avoid band reads "IN HARMFUL RANGE" in the danger role;
* the probability beside the verdict is of attainment, or of harm for an avoid band.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from atgdesk.core.model import PKModel
from atgdesk.core.products import Product, check_limits, missing_limits
from atgdesk.core.regimen import DoseSchedule
from atgdesk.core.targets import (
    CUSTOM_ID,
    TargetMismatchError,
    TargetWindow,
    comparability,
    compare,
    custom_window,
    judge,
    probability_words,
    settings_of,
)

__all__ = ["LimitsState", "limits_state", "NO_SETTING", "TargetOption", "VerdictState", "setting_options", "target_options",
           "comparability_words", "verdict_state", "probability_text", "custom_target"]

NO_SETTING = ""


@dataclass(frozen=True)
class TargetOption:
    """One target as the chooser lists it: label (bounds, kind, population), its source, whether it can be
    compared with the model and, if not, why in words."""

    id: str
    label: str
    source: str
    comparable: bool
    reason: str = ""


@dataclass(frozen=True)
class VerdictState:
    """What the verdict box shows: ``role`` ok/caution/danger/neutral (the view picks the colour), ``kind`` the
    target's kind, or 'none' (nothing to judge yet) / 'refused' (cannot be compared)."""

    kind: str
    role: str
    headline: str
    text: str
    position: str = ""
    probability_label: str = ""


_KIND_WORDS = {"aim-window": "aim for", "at-most": "stay at or below", "at-least": "stay at or above",
               "avoid-band": "harmful, avoid", "reference-band": "reference band"}


def setting_options(targets: tuple[TargetWindow, ...] | list[TargetWindow]) -> list[tuple[str, str]]:
    """(value, label) for the setting chooser: first 'Choose a setting…' (no verdict), then each setting."""
    return [(NO_SETTING, "Choose a setting…")] + [(s, s) for s in settings_of(list(targets))]


def comparability_words(target: TargetWindow, model: PKModel, product_name=lambda k: k) -> str:
    """Why ``target`` cannot be compared with ``model``, in words a clinician reads ('' when it can)."""
    ok, reason = comparability(target, model)
    if ok:
        return ""
    field = reason.split(":", 1)[0]
    if field == "product":
        if target.product == "atg-unspecified":
            return (f"the study did not name the ATG product; the model is for {product_name(model.product)} "
                    "(products are never compared with each other)")
        return (f"measured with {product_name(target.product)}; the model is for {product_name(model.product)} "
                "(products are never compared with each other)")
    if field == "analyte":
        return f"measured as {target.analyte} ATG; the model predicts {model.analyte} ATG"
    if field == "assay":
        return f"measured with another assay ({target.assay}); the model's levels are {model.assay}"
    return f"in other units ({target.unit}); the model predicts {model.auc_unit}"


def target_options(targets, setting: str, model: PKModel | None, product_name=lambda k: k,
                   study_lookup=None) -> list[TargetOption]:
    """The chosen setting's targets (none before a setting is chosen), comparable ones first."""
    if setting == NO_SETTING:
        return []
    out: list[TargetOption] = []
    for t in targets:
        if t.setting != setting:
            continue
        reason = comparability_words(t, model, product_name) if model is not None else "no model"
        ids = " ".join(x for x in (f"doi:{t.doi}" if t.doi else "", f"PMID {t.pmid}" if t.pmid else "") if x)
        source = f"{t.citation} {ids} [{t.confidence}]. Population: {t.population}. Outcome: {t.outcome}."
        label = f"{t.bounds_text} — {_KIND_WORDS.get(t.kind, t.kind)} ({t.population})"
        if reason:
            label = f"Not comparable: {label}"
        out.append(TargetOption(t.id, label, source, not reason, reason))
    out.sort(key=lambda o: not o.comparable)
    return out


def custom_target(lo: float, hi: float, model: PKModel) -> TargetWindow:
    """The user's own post-HCT AUC window, made comparable with ``model`` by construction."""
    return dataclasses.replace(custom_window(lo, hi, model.auc_unit), product=model.product,
                               analyte=model.analyte, assay=model.assay)


def verdict_state(setting: str, target: TargetWindow | None, model: PKModel | None, metrics,
                  product_name=lambda k: k) -> VerdictState:
    """The verdict for the typical patient's ``metrics`` (a :class:`~atgdesk.core.metrics.Metrics` or None)."""
    if setting == NO_SETTING:
        return VerdictState("none", "neutral", "NO SETTING CHOSEN",
                            "Choose the transplant setting to compare the prediction with its published targets.")
    if target is None:
        return VerdictState("none", "neutral", "NO TARGET", "Choose a target of this setting.")
    if model is None or metrics is None:
        return VerdictState("none", "neutral", "NO PREDICTION", "No prediction to compare.")
    reason = comparability_words(target, model, product_name) if target.id != CUSTOM_ID else ""
    if reason:
        return VerdictState("refused", "neutral", "NOT COMPARED", f"Not compared — {reason}.",
                            probability_label=probability_words(target))
    value = {"auc_post": metrics.auc_post, "auc_total": metrics.auc_total, "auc_pre": metrics.auc_pre,
             "day_below_threshold": metrics.day_below_threshold}[target.metric]
    try:
        if target.id == CUSTOM_ID:
            v = judge(target, value, horizon_day=metrics.horizon_day)
        else:
            v = compare(target, model, value, threshold=metrics.threshold, horizon_day=metrics.horizon_day)
    except TargetMismatchError as exc:
        msg = str(exc)
        if msg.startswith("threshold: "):
            msg = msg[len("threshold: "):]
        return VerdictState("refused", "neutral", "NOT COMPARED", f"Not compared — {msg}.",
                            probability_label=probability_words(target))
    return VerdictState(target.kind, v.role, v.headline, v.text, v.position, v.probability)


def probability_text(target: TargetWindow | None, fraction: float | None, n: int, *, pending: bool = False,
                     unavailable: str = "") -> str:
    """The line beside the verdict: 'Probability of target attainment: 29 % (1000 virtual patients …)'."""
    if target is None:
        return ""
    words = probability_words(target)
    head = words[0].upper() + words[1:]
    if unavailable:
        return f"{head}: not available — {unavailable}"
    if pending or fraction is None:
        return f"{head}: computing…"
    return (f"{head}: {100 * fraction:.0f} % of {n} virtual patients with these covariates (the model's "
            "between-patient variability)")


@dataclass(frozen=True)
class LimitsState:
    """Label limits applied to a schedule: ``soft`` findings (amber warnings), ``hard`` findings (refused), the
    limits checked and what no label gives, in words; ``by_day`` the words for each dose day's table row."""

    soft: tuple[str, ...] = ()
    hard: tuple[str, ...] = ()
    checked: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()
    by_day: tuple[tuple[float, str], ...] = ()

    @property
    def refused(self) -> bool:
        return bool(self.hard)

    def row_flag(self, day: float) -> str:
        return next((text for d, text in self.by_day if d == day), "")

    def limits_text(self, product_name: str) -> str:
        """What is checked and what no label gives (shown beside the regimen inputs and in the dosing note)."""
        lines = []
        if self.checked:
            lines.append(f"Label limits for {product_name}: " + "; ".join(self.checked) + ".")
        if self.missing:
            lines.append("Not checked: " + ", ".join(self.missing) + " (none in the cited labels).")
        return "\n".join(lines)

    def table_note(self) -> str:
        """One short line under the dose table when a row is beyond a limit ('' otherwise)."""
        if self.hard:
            return "⛔ Refused: a dose is beyond a limit the label states (see the message above the plot)."
        if self.soft:
            return "⚠ Beyond the label: see the flagged rows and the warnings."
        return ""


def limits_state(product: Product | None, schedule: DoseSchedule, dosing_weight_kg) -> LimitsState:
    """The label limits of ``product`` applied to ``schedule`` (no product: nothing checked, and said so)."""
    if product is None:
        return LimitsState(missing=("no product facts, so no label limits",))
    soft, hard = check_limits(product, schedule, dosing_weight_kg)
    flags: dict[float, str] = {}
    for f in soft:
        if f.day is not None and f.day not in flags:
            flags[f.day] = "beyond label"
    for f in hard:
        if f.day is not None:
            flags[f.day] = "REFUSED"
    return LimitsState(tuple(f.text for f in soft), tuple(f.text for f in hard),
                       tuple(lim.describe() + (" (refused beyond)" if lim.level == "hard" else "")
                             for lim in product.limits),
                       tuple(missing_limits(product)), tuple(sorted(flags.items())))


# ---------------------------------------------------------------------------------------------------------------
# Dose finder

MAX_CANDIDATES = 40
MG_PER_KG_STEP = 0.25        # builder mode without a cited vial size: doses in steps of 0.25 mg/kg/day
TABLE_FACTOR_STEP = 0.05     # free per-day table: every dose × a factor in steps of 0.05
SEARCH_MAX_MG_PER_KG = 60.0  # the dose field's own upper end, when no label limit bounds the search


@dataclass(frozen=True)
class Candidate:
    """One proposed regimen: the inputs to apply, what it is in words, its attainment and typical verdict."""

    inputs: object
    label: str
    attainment: float
    median_auc: float
    verdict: VerdictState
    limit_flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class ProposalState:
    """The dose finder's answer: up to three candidates ranked by attainment (best first), the input's own
    attainment, and the words to show; ``candidates`` empty means no proposal (``text`` says why)."""

    text: str
    candidates: tuple[Candidate, ...] = ()
    input_attainment: float | None = None
    lower_than_input: bool = False
    rounding: str = ""


def _floor6(x: float) -> float:
    """Round down to 6 decimals: a whole-vial dose in mg/kg that never needs one vial more."""
    import math
    return math.floor(x * 1e6) / 1e6


def _near_window(model, covs, schedule, weight, target, factors, horizon_day):
    """The candidates whose typical-patient exposure lies within a factor of 2 of the window (where the highest
    attainment is; at least the 6 nearest), so that the population run stays short."""
    import numpy as np

    from atgdesk.core.model import individual_parameters
    from atgdesk.core.simulate import exposure_aucs

    typical = individual_parameters(model, covs)
    c = factors.size
    params = {k: np.tile(np.asarray(v, dtype=float), c) for k, v in typical.items()}
    amounts = factors[:, None] * schedule.amount_matrix(np.array([weight]))[0][None, :]
    pre, post = exposure_aucs(model, params, schedule.timing_regimen(), horizon_day, amounts)
    value = {"auc_post": post, "auc_pre": pre, "auc_total": pre + post}[target.metric]
    lo, hi = target.lower, target.upper
    near = (value >= lo / 2) & (value <= hi * 2)
    if near.sum() < 6:
        distance = np.abs(np.log(np.maximum(value, 1e-12) / np.sqrt(lo * hi)))
        near[np.argsort(distance)[:6]] = True
    return factors[near]


def propose_dose(model: PKModel, inputs, target: TargetWindow | None, product: Product | None, *,
                 n: int = 1000, seed: int = 0, product_name=lambda k: k) -> ProposalState:
    """The regimen that maximises the probability of attaining an aim window for this patient's covariates,
    rounded to whole vials of the product per day (or to a stated mg/kg step), never beyond a hard label limit
    and flagged beyond a soft one.  The input's own attainment is computed in the same run: if no practical dose
    reaches it, the proposal says so."""
    import numpy as np

    from atgdesk.core import scenario as sc
    from atgdesk.core.dosefind import attainment_by_factor
    from atgdesk.core.population import sample_population

    if target is None:
        return ProposalState("Choose a setting and one of its targets to get a dose proposal.")
    if target.kind != "aim-window":
        return ProposalState(f"The dose finder maximises the probability of attaining an aim window; this target "
                             f"({target.describe()}) is {_KIND_WORDS.get(target.kind, target.kind)}, so no dose "
                             "is proposed for it.")
    if comparability_words(target, model, product_name) and target.id != CUSTOM_ID:
        return ProposalState("This target cannot be compared with the model, so no dose is proposed.")
    if target.metric == "day_below_threshold":
        return ProposalState("The dose finder works on AUC targets.")
    if not model.eta_names:
        return ProposalState(f"{model.name} has no between-patient variability: attainment, and so a proposal, "
                             "cannot be computed.")
    schedule = sc.dose_schedule(inputs)
    weight = float(sc.dosing_weight(inputs))
    hard_day = min((float(lim.value) for lim in (product.limits if product else ())
                    if lim.quantity == "dose_per_day" and lim.level == "hard" and lim.bound == "max"),
                   default=None)
    soft_day = min((float(lim.value) for lim in (product.limits if product else ())
                    if lim.quantity == "dose_per_day" and lim.level == "soft" and lim.bound == "max"),
                   default=None)
    top = hard_day if hard_day is not None else (2 * soft_day if soft_day is not None else SEARCH_MAX_MG_PER_KG)
    vial = product.vials[0] if product is not None and product.vials else None
    if inputs.per_day:
        peak = max(r[1] for r in inputs.per_day)
        if peak <= 0:
            return ProposalState("Every dose in the table is 0: there is nothing to scale.")
        factors = np.arange(1, int(top / peak / TABLE_FACTOR_STEP) + 1) * TABLE_FACTOR_STEP
        rounding = f"every dose in the table × a factor in steps of {TABLE_FACTOR_STEP:g}"

        def build(f: float):
            return inputs.with_(per_day=tuple((d, round(mg * f, 4), h) for d, mg, h in inputs.per_day))

        def describe(f: float) -> str:
            return f"every dose in the table × {f:.2f}"
    else:
        d0 = inputs.dose_mg_per_kg if inputs.dose_mg_per_kg > 0 else 1.0
        schedule = sc.dose_schedule(inputs.with_(dose_mg_per_kg=d0))
        if vial is not None:
            per_vial = float(vial.mg) / weight
            doses = [_floor6(k * per_vial) for k in range(1, int(top / per_vial) + 1)]
            rounding = f"whole {float(vial.mg):g} mg vials per day"
        else:
            doses = [k * MG_PER_KG_STEP for k in range(1, int(top / MG_PER_KG_STEP) + 1)]
            rounding = f"steps of {MG_PER_KG_STEP:g} mg/kg per day (no cited vial size)"
        factors = np.array(doses) / d0

        def build(f: float):
            return inputs.with_(dose_mg_per_kg=round(f * d0, 6))

        def describe(f: float) -> str:
            d = round(f * d0, 6)
            if vial is not None:
                k = round(d * weight / float(vial.mg))
                return (f"{k} vial{'s' if k != 1 else ''} ({k * float(vial.mg):g} mg) a day = {d:.4g} mg/kg/day "
                        f"× {inputs.n_days} day{'s' if inputs.n_days != 1 else ''}")
            return f"{d:g} mg/kg/day × {inputs.n_days} day{'s' if inputs.n_days != 1 else ''}"
    if factors.size == 0:
        return ProposalState("No practical dose lies within the label limits for this weight.")
    covs = sc.covariates_for(sc.model_covariates(model), inputs)
    factors = _near_window(model, covs, schedule, weight, target, factors, inputs.horizon_day)
    if factors.size > MAX_CANDIDATES:  # evenly thinned: the population run stays short
        factors = factors[::-(-factors.size // MAX_CANDIDATES)]
    vp = sample_population(model, n, covs, seed=seed)
    input_factor = 1.0 if inputs.per_day else inputs.dose_mg_per_kg / d0
    grid = np.append(factors, input_factor)
    att, med = attainment_by_factor(vp, schedule, weight, target, grid, horizon_day=inputs.horizon_day)
    input_att = float(att[-1])
    ranked = []
    for i in sorted(range(factors.size), key=lambda i: (-att[i], factors[i])):
        cand_inputs = build(float(factors[i]))
        limits = limits_state(product, sc.dose_schedule(cand_inputs), sc.dosing_weight(cand_inputs))
        if limits.refused:
            continue  # never beyond a hard limit
        result = sc.evaluate(model, cand_inputs)
        verdict = verdict_state("(dose finder)", target, model, result.metrics, product_name)
        ranked.append(Candidate(cand_inputs, describe(float(factors[i])), float(att[i]), float(med[i]), verdict,
                                limits.soft))
        if len(ranked) == 3:
            break
    if not ranked:
        return ProposalState("Every practical dose is beyond a label limit: no dose is proposed.",
                             input_attainment=input_att, rounding=rounding)
    best = ranked[0]
    lower = best.attainment < input_att
    words = probability_words(target)
    text = (f"Proposed ({rounding}): {best.label} — {words} {100 * best.attainment:.0f} % "
            f"(now {100 * input_att:.0f} %); typical patient {best.verdict.headline}.")
    if best.limit_flags:
        text += " ⚠ Beyond the label (see the warnings once applied)."
    if lower:
        text += (f" No dose in {rounding} reaches the current dose's {100 * input_att:.0f} %: keeping the current "
                 "dose is also an option.")
    return ProposalState(text, tuple(ranked), input_att, lower, rounding)
