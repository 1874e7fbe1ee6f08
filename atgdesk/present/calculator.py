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
from atgdesk.core.numbers import format_number  # the one number format (no '1.43e+03'; the note uses it too)
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
from atgdesk.present.i18n import QT_TRANSLATE_NOOP, translate
from atgdesk.present.plot_state import PlotState, plot_state

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


_KIND_WORDS = {"aim-window": QT_TRANSLATE_NOOP("CalculatorPresenter", "aim for"),
               "at-most": QT_TRANSLATE_NOOP("CalculatorPresenter", "stay at or below"),
               "at-least": QT_TRANSLATE_NOOP("CalculatorPresenter", "stay at or above"),
               "avoid-band": QT_TRANSLATE_NOOP("CalculatorPresenter", "harmful, avoid"),
               "reference-band": QT_TRANSLATE_NOOP("CalculatorPresenter", "reference band")}


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
            return translate("CalculatorPresenter", "the study did not name the ATG product; the model is for {0} "
                             "(products are never compared with each other)").format(product_name(model.product))
        return translate("CalculatorPresenter", "measured with {0}; the model is for {1} (products are never "
                         "compared with each other)").format(product_name(target.product),
                                                             product_name(model.product))
    if field == "analyte":
        return translate("CalculatorPresenter", "measured as {0} ATG; the model predicts {1} ATG").format(
            target.analyte, model.analyte)
    if field == "assay":
        return translate("CalculatorPresenter", "measured with another assay ({0}); the model's levels are {1}").format(
            target.assay, model.assay)
    return translate("CalculatorPresenter", "in other units ({0}); the model predicts {1}").format(
        target.unit, model.auc_unit)


def target_options(targets, setting: str, model: PKModel | None, product_name=lambda k: k) -> list[TargetOption]:
    """The chosen setting's targets (none before a setting is chosen), comparable ones first."""
    if setting == NO_SETTING:
        return []
    out: list[TargetOption] = []
    for t in targets:
        if t.setting != setting:
            continue
        reason = comparability_words(t, model, product_name) if model is not None else "no model"
        ids = " ".join(x for x in (f"doi:{t.doi}" if t.doi else "", f"PMID {t.pmid}" if t.pmid else "") if x)
        # population and outcome are the targets file's words, shown as the source gives them (English); the
        # translation says so once, here, where they are read
        source = translate("CalculatorPresenter", "{citation} {ids} [{confidence}]. Population: {population}. "
                           "Outcome: {outcome}.").format(citation=t.citation, ids=ids, confidence=t.confidence,
                                                         population=t.population, outcome=t.outcome)
        label = f"{t.bounds_text} — {translate('CalculatorPresenter', _KIND_WORDS.get(t.kind, t.kind))} ({t.population})"
        if reason:
            label = translate("CalculatorPresenter", "Not comparable: {0}").format(label)
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
        return VerdictState("none", "neutral", "NO PREDICTION",
                            translate("CalculatorPresenter", "No prediction to compare."))
    reason = comparability_words(target, model, product_name) if target.id != CUSTOM_ID else ""
    if reason:
        return VerdictState("refused", "neutral", "NOT COMPARED",
                            translate("CalculatorPresenter", "Not compared — {0}.").format(reason),
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
        return VerdictState("refused", "neutral", "NOT COMPARED",
                            translate("CalculatorPresenter", "Not compared — {0}.").format(msg),
                            probability_label=probability_words(target))
    return VerdictState(target.kind, v.role, v.headline, v.text, v.position, v.probability)


# atgdesk.core.targets.probability_words, capitalised as probability_text starts its line, listed for lupdate
# (tests/ui/test_i18n.py keeps this list equal to what probability_words can return).
PROBABILITY_WORDS = (  # the same, as the dose proposal writes them inside its sentence
    QT_TRANSLATE_NOOP("CalculatorPresenter", "probability of harm (exposure in the harmful range)"),
    QT_TRANSLATE_NOOP("CalculatorPresenter", "probability of exposure in this band"),
    QT_TRANSLATE_NOOP("CalculatorPresenter", "probability of target attainment"),
)
PROBABILITY_HEADS = (
    QT_TRANSLATE_NOOP("CalculatorPresenter", "Probability of harm (exposure in the harmful range)"),
    QT_TRANSLATE_NOOP("CalculatorPresenter", "Probability of exposure in this band"),
    QT_TRANSLATE_NOOP("CalculatorPresenter", "Probability of target attainment"),
)


def probability_text(target: TargetWindow | None, fraction: float | None, n: int, *, pending: bool = False,
                     unavailable: str = "") -> str:
    """The line beside the verdict: 'Probability of target attainment: 29 % (1000 virtual patients …)'."""
    if target is None:
        return ""
    words = probability_words(target)
    head = translate("CalculatorPresenter", words[0].upper() + words[1:])
    if unavailable:
        return translate("CalculatorPresenter", "{0}: not available — {1}").format(head, unavailable)
    if pending or fraction is None:
        return translate("CalculatorPresenter", "{0}: computing…").format(head)
    return translate("CalculatorPresenter", "{0}: {1} % of {2} virtual patients with these covariates (the model's "
                     "between-patient variability)").format(head, f"{100 * fraction:.0f}", n)


# The words of atgdesk.core.products.missing_limits, listed for lupdate: shown translated, kept in English in the
# state (tests/ui/test_i18n.py keeps this list equal to what missing_limits can return).
MISSING_LIMIT_TEXTS = (
    QT_TRANSLATE_NOOP("CalculatorPresenter", "no labelled maximum dose per day"),
    QT_TRANSLATE_NOOP("CalculatorPresenter", "no labelled maximum cumulative dose"),
    QT_TRANSLATE_NOOP("CalculatorPresenter", "no labelled required infusion time"),
)


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
            # the separators are translated: '；' and '、' in Chinese
            lines.append(translate("CalculatorPresenter", "Label limits for {0}: {1}.").format(
                product_name, translate("CalculatorPresenter", "; ").join(self.checked)))
        if self.missing:
            lines.append(translate("CalculatorPresenter", "Not checked: {0} (none in the cited labels).").format(
                translate("CalculatorPresenter", ", ").join(translate("CalculatorPresenter", m)
                                                            for m in self.missing)))
        return "\n".join(lines)

    def table_note(self) -> str:
        """One short line under the dose table when a row is beyond a limit ('' otherwise)."""
        if self.hard:
            return translate("CalculatorPresenter",
                             "⛔ Refused: a dose is beyond a limit the label states (see the message above the plot).")
        if self.soft:
            return translate("CalculatorPresenter", "⚠ Beyond the label: see the flagged rows and the warnings.")
        return ""


def limits_state(product: Product | None, schedule: DoseSchedule, dosing_weight_kg) -> LimitsState:
    """The label limits of ``product`` applied to ``schedule`` (no product: nothing checked, and said so)."""
    if product is None:
        return LimitsState(missing=(translate("CalculatorPresenter", "no product facts, so no label limits"),))
    soft, hard = check_limits(product, schedule, dosing_weight_kg)
    flags: dict[float, str] = {}
    for f in soft:
        for day in f.days:
            flags.setdefault(day, "beyond label")
    for f in hard:
        for day in f.days:
            flags[day] = "REFUSED"
    return LimitsState(tuple(f.text for f in soft), tuple(f.text for f in hard),
                       tuple(translate("CalculatorPresenter", "{0} (refused beyond)").format(lim.describe())
                             if lim.level == "hard" else lim.describe()
                             for lim in product.limits),
                       tuple(missing_limits(product)), tuple(sorted(flags.items())))


# ---------------------------------------------------------------------------------------------------------------
# Dose finder

MAX_CANDIDATES = 40
MG_PER_KG_STEP = 0.25        # builder mode without a cited vial size: doses in steps of 0.25 mg/kg/day
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


def _near_window(model, covs, schedule, target, amounts, horizon_day):
    """Indices of the candidates (rows of ``amounts``, mg per dose in the schedule's time order) whose
    typical-patient exposure lies within a factor of 2 of the window (where the highest attainment is; at least
    the 6 nearest), so that the population run stays short."""
    import numpy as np

    from atgdesk.core.model import individual_parameters
    from atgdesk.core.simulate import exposure_aucs

    typical = individual_parameters(model, covs)
    c = amounts.shape[0]
    params = {k: np.tile(np.asarray(v, dtype=float), c) for k, v in typical.items()}
    pre, post = exposure_aucs(model, params, schedule.timing_regimen(), horizon_day, amounts)
    value = {"auc_post": post, "auc_pre": pre, "auc_total": pre + post}[target.metric]
    lo, hi = target.lower, target.upper
    near = (value >= lo / 2) & (value <= hi * 2)
    if near.sum() < 6:
        distance = np.abs(np.log(np.maximum(value, 1e-12) / np.sqrt(lo * hi)))
        near[np.argsort(distance)[:6]] = True
    return np.flatnonzero(near)


def _table_candidates(inputs, weight: float, vial, top: float):
    """Per-day-table mode: every distinct whole-vial version of the table (each day's dose, the table scaled by
    one factor, rounded to the nearest whole vial at this dosing weight; a stated mg/kg step without a cited
    vial size).  Returns (mg/kg per candidate and row (C, M) in the table's order, rounding words, why none)."""
    import numpy as np

    from atgdesk.core.dosefind import whole_unit_tables

    rows = inputs.per_day
    unit = float(vial.mg) / weight if vial is not None else MG_PER_KG_STEP
    if vial is not None:
        rounding = translate("CalculatorPresenter", "whole {0} mg vials per day").format(f"{float(vial.mg):g}")
    else:
        rounding = translate("CalculatorPresenter", "steps of {0} mg/kg per day (no cited vial size)").format(
            f"{MG_PER_KG_STEP:g}")
    tables = whole_unit_tables([r[1] for r in rows], unit, top)
    if tables.never_whole:
        k = tables.never_whole[0]
        day, mgkg = rows[k][0], rows[k][1]
        what = (translate("CalculatorPresenter", "half a {0} mg vial").format(f"{float(vial.mg):g}")
                if vial is not None else
                translate("CalculatorPresenter", "half a step of {0} mg/kg").format(f"{MG_PER_KG_STEP:g}"))
        return None, rounding, translate(
            "CalculatorPresenter", "The dose on day {0} ({1} mg/kg, {2} mg at this weight) stays below {3} at every "
            "scale of the table within the label limits, so the table cannot be given in {4}: no dose is "
            "proposed. Change that day's dose or use the same dose every day.").format(
            f"{day:+g}", f"{mgkg:g}", f"{mgkg * weight:.4g}", what, rounding)
    if vial is not None:
        doses = np.vectorize(_floor6)(tables.counts * (float(vial.mg) / weight))  # never one vial more
    else:
        doses = np.round(tables.counts * MG_PER_KG_STEP, 6)
    return doses, rounding, ""


def propose_dose(model: PKModel, inputs, target: TargetWindow | None, product: Product | None, *,
                 n: int = 1000, seed: int = 0, product_name=lambda k: k) -> ProposalState:
    """The regimen that maximises the probability of attaining an aim window for this patient's covariates,
    rounded to whole vials of the product per day (or to a stated mg/kg step), never beyond a hard label limit
    and flagged beyond a soft one.  A per-day table keeps its days and, as closely as whole vials allow, its
    proportions: each day is rounded on its own.  The input's own attainment is computed in the same run: if no
    practical dose reaches it, the proposal says so."""
    import numpy as np

    from atgdesk.core import scenario as sc
    from atgdesk.core.dosefind import attainment_by_amounts
    from atgdesk.core.population import sample_population

    if target is None:
        return ProposalState(translate(
            "CalculatorPresenter", "Choose a setting and one of its targets to get a dose proposal."))
    if target.kind != "aim-window":
        return ProposalState(translate(
            "CalculatorPresenter", "The dose finder maximises the probability of attaining an aim window; this "
            "target ({0}) is {1}, so no dose is proposed for it.").format(
            target.describe(), translate("CalculatorPresenter", _KIND_WORDS.get(target.kind, target.kind))))
    if comparability_words(target, model, product_name) and target.id != CUSTOM_ID:
        return ProposalState(translate(
            "CalculatorPresenter", "This target cannot be compared with the model, so no dose is proposed."))
    if target.metric == "day_below_threshold":
        return ProposalState(translate("CalculatorPresenter", "The dose finder works on AUC targets."))
    if not model.eta_names:
        return ProposalState(translate(
            "CalculatorPresenter", "{0} has no between-patient variability: attainment, and so a proposal, cannot "
            "be computed.").format(model.name))
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
        if max(r[1] for r in inputs.per_day) <= 0:
            return ProposalState(translate("CalculatorPresenter",
                                           "Every dose in the table is 0: there is nothing to scale."))
        doses, rounding, why = _table_candidates(inputs, weight, vial, top)
        if doses is None:
            return ProposalState(why, rounding=rounding)
        # the engine takes the doses in the schedule's time order; the table keeps the user's row order
        order = np.argsort([r[0] for r in inputs.per_day], kind="stable")
        amounts = doses[:, order] * weight
        input_amounts = np.array([r[1] for r in inputs.per_day], dtype=float)[order] * weight

        def build(i: int):
            return inputs.with_(per_day=tuple((d, float(doses[i, k]), h)
                                              for k, (d, _mg, h) in enumerate(inputs.per_day)))

        def describe(i: int) -> str:
            parts = []
            for k, (d, _mg, _h) in enumerate(inputs.per_day):
                if vial is not None:
                    count = round(doses[i, k] * weight / float(vial.mg))
                    parts.append(translate("CalculatorPresenter", "day {0}: {1} × {2} mg = {3} mg/kg").format(
                        f"{d:+g}", count, f"{float(vial.mg):g}", f"{doses[i, k]:.4g}"))
                else:
                    parts.append(translate("CalculatorPresenter", "day {0}: {1} mg/kg").format(
                        f"{d:+g}", f"{doses[i, k]:g}"))
            return "; ".join(parts)
    else:
        d0 = inputs.dose_mg_per_kg if inputs.dose_mg_per_kg > 0 else 1.0
        schedule = sc.dose_schedule(inputs.with_(dose_mg_per_kg=d0))
        if vial is not None:
            per_vial = float(vial.mg) / weight
            per_day = [_floor6(k * per_vial) for k in range(1, int(top / per_vial) + 1)]
            rounding = translate("CalculatorPresenter", "whole {0} mg vials per day").format(f"{float(vial.mg):g}")
        else:
            per_day = [k * MG_PER_KG_STEP for k in range(1, int(top / MG_PER_KG_STEP) + 1)]
            rounding = translate("CalculatorPresenter", "steps of {0} mg/kg per day (no cited vial size)").format(
                f"{MG_PER_KG_STEP:g}")
        if not per_day:
            return ProposalState(translate("CalculatorPresenter",
                                           "No practical dose lies within the label limits for this weight."))
        factors = np.array(per_day) / d0
        base = schedule.amount_matrix(np.array([weight]))[0]
        amounts = factors[:, None] * base[None, :]
        input_amounts = (inputs.dose_mg_per_kg / d0) * base

        def build(i: int):
            return inputs.with_(dose_mg_per_kg=round(factors[i] * d0, 6))

        def describe(i: int) -> str:
            d = round(factors[i] * d0, 6)
            days = (translate("CalculatorPresenter", "{0} day") if inputs.n_days == 1 else
                    translate("CalculatorPresenter", "{0} days")).format(inputs.n_days)
            if vial is not None:
                k = round(d * weight / float(vial.mg))
                return (translate("CalculatorPresenter", "{0} vial ({1} mg) a day = {2} mg/kg/day × {3}") if k == 1
                        else translate("CalculatorPresenter", "{0} vials ({1} mg) a day = {2} mg/kg/day × {3}")
                        ).format(k, f"{k * float(vial.mg):g}", f"{d:.4g}", days)
            return translate("CalculatorPresenter", "{0} mg/kg/day × {1}").format(f"{d:g}", days)
    covs = sc.covariates_for(sc.model_covariates(model), inputs)
    index = _near_window(model, covs, schedule, target, amounts, inputs.horizon_day)
    if index.size > MAX_CANDIDATES:  # evenly thinned: the population run stays short
        index = index[::-(-index.size // MAX_CANDIDATES)]
    vp = sample_population(model, n, covs, seed=seed)
    grid = np.vstack([amounts[index], input_amounts[None, :]])
    att, med = attainment_by_amounts(vp, schedule, grid, target, horizon_day=inputs.horizon_day)
    input_att = float(att[-1])
    total = amounts[index].sum(axis=1)
    ranked = []
    for j in sorted(range(index.size), key=lambda j: (-att[j], total[j])):  # ties: the smaller course first
        cand_inputs = build(int(index[j]))
        limits = limits_state(product, sc.dose_schedule(cand_inputs), sc.dosing_weight(cand_inputs))
        if limits.refused:
            continue  # never beyond a hard limit
        result = sc.evaluate(model, cand_inputs)
        verdict = verdict_state("(dose finder)", target, model, result.metrics, product_name)
        ranked.append(Candidate(cand_inputs, describe(int(index[j])), float(att[j]), float(med[j]), verdict,
                                limits.soft))
        if len(ranked) == 3:
            break
    if not ranked:
        return ProposalState(translate("CalculatorPresenter",
                                       "Every practical dose is beyond a label limit: no dose is proposed."),
                             input_attainment=input_att, rounding=rounding)
    best = ranked[0]
    lower = best.attainment < input_att
    words = translate("CalculatorPresenter", probability_words(target))
    text = translate("CalculatorPresenter", "Proposed ({0}): {1} — {2} {3} % (now {4} %); typical patient {5}.").format(
        rounding, best.label, words, f"{100 * best.attainment:.0f}", f"{100 * input_att:.0f}", best.verdict.headline)
    if best.limit_flags:  # each further sentence whole, after the first
        text += " " + translate("CalculatorPresenter", "⚠ Beyond the label (see the warnings once applied).")
    if lower:
        text += " " + translate("CalculatorPresenter", "No dose in {0} reaches the current dose's {1} %: keeping the "
                                "current dose is also an option.").format(rounding, f"{100 * input_att:.0f}")
    if inputs.per_day:  # how a table was rounded, in words
        text += " " + (translate("CalculatorPresenter", "Each day of the table is rounded to the nearest whole vial "
                                 "on its own, so the days' proportions are kept only as closely as whole vials "
                                 "allow.") if vial is not None else
                       translate("CalculatorPresenter", "Each day of the table is rounded to the nearest step on "
                                 "its own, so the days' proportions are kept only as closely as the step allows."))
    return ProposalState(text, tuple(ranked), input_att, lower, rounding)


# ---------------------------------------------------------------------------------------------------------------
# The inputs panel's numeric fields, in one table (the screen builds, connects and fills its fields from it)


@dataclass(frozen=True)
class InputField:
    """One numeric input: the view's attribute, the :class:`~atgdesk.core.scenario.ScenarioInputs` field it
    sets, its label and unit, the accepted range, step, decimals, the slider's range, whole numbers only."""

    attr: str
    key: str
    label: str
    unit: str
    value_range: tuple[float, float]
    step: float
    decimals: int
    slider_range: tuple[float, float] | None = None
    integer: bool = False
    default: float | None = None  # shown while the inputs hold no value (height before a weight basis needs it)
    mnemonic: str = ""            # the label's keyboard letter (Alt+letter reaches the field); menus use F V C H

    def label_with_mnemonic(self, label: str) -> str:
        """``label`` with Qt's '&' before the first occurrence of the mnemonic letter ('&&' for a literal &)."""
        text = label.replace("&", "&&")
        if self.mnemonic:
            i = text.lower().find(self.mnemonic.lower())
            if i >= 0:
                return text[:i] + "&" + text[i:]
        return text

    def to_input(self, value: float):
        return int(round(value)) if self.integer else value


INPUT_FIELDS = (
    InputField("weight", "weight_kg", "Body weight", "kg", (1.0, 300.0), 0.5, 1),
    InputField("height_slider", "height_cm", "Height", "cm", (100.0, 230.0), 0.5, 1, default=170.0),
    # a whole number of cells/µL is exactly three decimals in ×10⁹/L (two showed 755 cells/µL as 0.76)
    InputField("alc", "alc_value", "Lymphocyte count before the first dose", "×10⁹/L", (0.0, 50.0), 0.01, 3,
               (0.0, 5.0)),
    InputField("dose", "dose_mg_per_kg", "Dose per day", "mg/kg", (0.0, 60.0), 0.05, 2, (0.0, 10.0),
               mnemonic="d"),
    InputField("n_days", "n_days", "Number of days", "days", (1.0, 14.0), 1.0, 0, integer=True),
    InputField("first_day", "first_day", "First dose on day (relative to HCT)", "", (-30.0, 30.0), 1.0, 0,
               (-14.0, 7.0)),
    InputField("first_hours", "first_infusion_h", "First infusion over", "h", (0.5, 24.0), 0.5, 1),
    InputField("later_hours", "infusion_h", "Later infusions over", "h", (0.5, 24.0), 0.5, 1),
    InputField("threshold", "threshold", "Threshold (day below)", "", (0.01, 1000.0), 0.1, 2, (0.1, 10.0)),
)


# ---------------------------------------------------------------------------------------------------------------
# The presenter: state and rules of the calculator screen


def fmt_value(value: float | None, unit: str = "", digits: int = 3) -> str:
    """A metric for display (3 significant digits; '—' when there is none)."""
    if value is None:
        return "—"
    return f"{format_number(value, digits)} {unit}".strip()


@dataclass(frozen=True)
class DoseState:
    """The dose table as shown: formatted headers, rows (with the label-check column), summary lines, the
    dosing-weight line and the label limits beside the inputs."""

    headers: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    summary: tuple[str, ...] = ()
    dosing_weight_text: str = ""
    limits_text: str = ""


@dataclass(frozen=True)
class CalculatorState:
    """Everything the calculator screen shows for the current inputs, already in words (the view renders it,
    the dosing note is built from it)."""

    inputs: object
    error: str
    banner: str
    metrics: tuple[tuple[str, str], ...]
    verdict: VerdictState
    warnings: tuple[str, ...]
    dose: DoseState
    target_text: tuple[str, str]
    computing: bool = False  # the prediction runs in the background (a slow model): no curve, no verdict yet
    plot: PlotState = PlotState()  # the curve, threshold, pinned curves and the model's titles, as drawn

    def metric(self, key: str) -> str:
        return dict(self.metrics).get(key, "—")


@dataclass(frozen=True)
class PopulationPlan:
    """What the population run (band + probability beside the verdict) should do: ``run`` it for ``target``
    (None: band only); ``probability`` is the line to show meanwhile; ``band_note`` why no band can be given."""

    run: bool
    target: TargetWindow | None
    probability: str
    band_note: str = ""


METRIC_TITLES = (("auc_pre", "AUC before day 0"), ("auc_post", "AUC after day 0"), ("auc_total", "AUC total"),
                 ("cmax", "Cmax"), ("tmax", "Time of Cmax"), ("below", "Below threshold from"))


class CalculatorPresenter:
    """Holds the calculator's inputs, model, result, label-limit findings, pins, proposal and background-job
    generations, and applies every rule (setting gating, verdict, limits, product mismatch); :meth:`recompute`
    returns an immutable :class:`CalculatorState`.  No Qt: tested with plain pytest."""

    def __init__(self, catalogue) -> None:
        from atgdesk.core import scenario as sc
        self.catalogue = catalogue
        self.inputs = sc.ScenarioInputs()
        self.model: PKModel | None = catalogue.models[0] if catalogue.models else None
        self.result = None
        self.error = ""
        self.limits = LimitsState()
        self.pins: list = []
        self.proposal: ProposalState | None = None
        self.chosen_candidate: Candidate | None = None  # the proposal's candidate that Apply would apply
        # what the proposal shown or searched for was made for: the inputs (target included) and the model
        self.proposal_basis: tuple | None = None
        self.generations: dict[str, int] = {}
        self.state: CalculatorState | None = None
        self.band = None              # the last population run (band, AUC percentiles, probability)
        self.probability_line = ""    # the probability beside the verdict, once computed
        self.band_wanted = False      # the percentile band is asked for (shown on the plot)
        self.pending_evaluation: EvaluationJob | None = None  # a slow prediction waiting for its worker
        self._pending_dose = DoseState()

    # ---- catalogue
    def product_name(self, key: str) -> str:
        return self.catalogue.product_name(key)

    def product_options(self) -> list[tuple[str, str]]:
        """(name, key) for the product chooser: the products of data/products.toml (label facts, cited vial
        sizes), then any product a model is for that the file does not list."""
        keys = list(self.catalogue.products)
        keys += [k for k in dict.fromkeys(m.product for m in self.catalogue.models) if k not in keys]
        return [(self.product_name(k), k) for k in keys]

    def select_model(self, model_id: str) -> PKModel | None:
        model = self.catalogue.model(model_id)
        if model is not None:
            self.model = model
            self.inputs = self.inputs.with_(model_id=model.id)
            if not self.inputs.product_id:
                self.inputs = self.inputs.with_(product_id=model.product)
        return model

    # ---- job generations (a worker's result is used only if it is the latest of its kind)
    def next_generation(self, kind: str) -> int:
        self.generations[kind] = self.generations.get(kind, 0) + 1
        return self.generations[kind]

    def is_current(self, kind: str, generation: int) -> bool:
        return self.generations.get(kind, 0) == generation

    # ---- the dose finder's proposal belongs to the inputs it was made for
    def _proposal_key(self) -> tuple:
        # the inputs hold the setting, the target's id and a custom window too
        return (self.inputs, self.model.id if self.model is not None else "")

    def start_proposal(self) -> int:
        """A new search for the current inputs: the previous proposal is dropped; returns the job's generation."""
        self.proposal, self.chosen_candidate = None, None
        self.proposal_basis = self._proposal_key()
        return self.next_generation("proposal")

    def drop_proposal(self) -> None:
        """No proposal any more (applied, dismissed or outdated); a search still running is ignored when done."""
        self.proposal, self.chosen_candidate, self.proposal_basis = None, None, None
        self.next_generation("proposal")

    def proposal_outdated(self) -> bool:
        """True when a proposal is shown or searched for, but the inputs, model or target changed since it was
        asked for: its candidates carry the old inputs (weight, lymphocyte count, days…), so Apply would put those
        back.  The screen then drops it and says so."""
        return self.proposal_basis is not None and self.proposal_basis != self._proposal_key()

    # ---- targets and verdict
    def target_choice(self) -> tuple[list[TargetOption], str]:
        """The chosen setting's target options and which one to select: the current target if still offered,
        else the first comparable one (none before a setting is chosen)."""
        options = target_options(list(self.catalogue.targets), self.inputs.setting, self.model, self.product_name)
        current = self.inputs.target_id
        if not options:
            return options, ""
        if current not in [o.id for o in options] and current != CUSTOM_ID:
            current = next((o.id for o in options if o.comparable), "")
        return options, current

    def current_target(self) -> TargetWindow | None:
        """The chosen target (a custom window is a target too); None before a setting is chosen."""
        i = self.inputs
        if not i.setting:
            return None
        if i.target_id == CUSTOM_ID:
            if self.model is None or not i.custom_window:
                return None
            try:
                return custom_target(*i.custom_window, self.model)
            except ValueError:
                return None
        return self.catalogue.target(i.target_id)

    def comparable_target(self) -> TargetWindow | None:
        target = self.current_target()
        if target is None or self.model is None:
            return None
        if target.id != CUSTOM_ID and not comparability(target, self.model)[0]:
            return None
        return target

    def window(self) -> tuple[float, float] | None:
        """The chosen post-HCT AUC bounds (open ends 0 / inf) when comparable, else None."""
        target = self.comparable_target()
        if target is None or target.metric != "auc_post":
            return None
        return (target.lower if target.lower is not None else 0.0,
                target.upper if target.upper is not None else float("inf"))

    def target_text(self) -> tuple[str, str]:
        target = self.current_target()
        if target is None:
            return translate("CalculatorPresenter", "none chosen"), ""
        if target.id == CUSTOM_ID:
            return (translate("CalculatorPresenter", "custom window {window} (post-HCT AUC)").format(
                window=target.describe()), translate("CalculatorPresenter", "user-defined, no source"))
        ids = " ".join(x for x in (f"doi:{target.doi}" if target.doi else "",
                                   f"PMID {target.pmid}" if target.pmid else "") if x)
        # setting, population and outcome are the targets file's words (English); the kind is ours
        return (translate("CalculatorPresenter", "{bounds} — {setting}; {population} ({kind}: {outcome})").format(
            bounds=target.bounds_text or target.describe(), setting=target.setting, population=target.population,
            kind=translate("CalculatorPresenter", _KIND_WORDS.get(target.kind, target.kind)),
            outcome=target.outcome), f"{target.citation} {ids} [{target.confidence}]")

    def report_verdict(self) -> str:
        """The verdict and, once computed, the probability beside it, for the dosing note."""
        if self.state is None:
            return ""
        return " ".join(x for x in (self.state.verdict.text, self.probability_line) if x)

    def verdict_for(self, metrics) -> VerdictState:
        i = self.inputs
        if i.target_id == CUSTOM_ID and i.setting:
            lo, hi = i.custom_window or (0.0, 0.0)
            if hi <= lo:
                return VerdictState("refused", "neutral", "NOT COMPARED",
                                    "The custom window's upper bound must be above its lower bound.")
        return verdict_state(i.setting, self.current_target(), self.model, metrics, self.product_name)

    # ---- dose arithmetic and limits
    def dose_rows(self, schedule, weight) -> tuple[list[str], list[list[str]], list[str]]:
        """Schedule table and totals, exact (vials only where a vial size is cited)."""
        from atgdesk.core.products import dose_table, format_mg
        product = self.catalogue.products.get(self.inputs.product_id)
        if product is None:
            headers = ["Day", "Infusion", "mg/kg", "mg"]
            rows = [[f"{it.day:+g}", f"{it.duration_h:g} h",
                     format_mg(it.mg_per_kg) if it.mg_per_kg is not None else "—", format_mg(it.dose_mg(weight))]
                    for it in schedule.items]
            return headers, rows, [translate(
                "CalculatorPresenter", "Cumulative {0} mg; no product facts for this product, so no vials are shown."
            ).format(format_mg(schedule.total_mg(float(weight))))]
        table = dose_table(product, schedule, weight)
        headers = ["Day", "Infusion", "mg/kg", "mg", "Cumulative mg", "Cumulative mg/kg"]
        if table.vial is not None:
            headers += ["Volume mL", f"Vials ({format_mg(table.vial.mg)} mg)"]
        rows = []
        for r in table.rows:
            row = [f"{r.day:+g}", f"{r.duration_h:g} h", format_mg(r.mg_per_kg) if r.mg_per_kg is not None else "—",
                   format_mg(r.dose_mg), format_mg(r.cumulative_mg), format_mg(r.cumulative_mg_per_kg, 3)]
            if table.vial is not None:
                row += [format_mg(r.volume_ml) if r.volume_ml is not None else "—",
                        f"{r.vials_whole} ({float(r.vials_exact):.2f})" if r.vials_whole is not None else "—"]
            rows.append(row)
        summary = [translate("CalculatorPresenter",
                             "{0}: cumulative {1} mg = {2} mg/kg over {3} dose(s) at a dosing weight of {4} kg.").format(
            product.name, format_mg(table.total_mg), format_mg(table.total_mg_per_kg, 3), len(table.rows),
            format_mg(table.dosing_weight_kg))]
        if table.vial is not None:
            summary.append(translate(
                "CalculatorPresenter", "Vials: {0} in total (each day opens its own); vial size from {1} ({2}), {3}"
            ).format(table.total_vials_whole, table.vial.source_type, table.vial.country, table.vial.address))
        else:
            summary.append(translate("CalculatorPresenter", "Vials: not shown — no cited vial size for this product."))
        return headers, rows, summary

    def dose_state(self, basis_label: str = "") -> DoseState:
        """The dose table, dosing weight and label limits for the current inputs (sets :attr:`limits`)."""
        from atgdesk.core import scenario as sc
        inputs = self.inputs
        self.limits = LimitsState()
        try:
            schedule = sc.dose_schedule(inputs)
            weight = sc.dosing_weight(inputs)
        except ValueError as exc:
            return DoseState(summary=(translate("CalculatorPresenter", "Dose arithmetic: {0}").format(exc),),
                             dosing_weight_text=str(exc))
        try:
            self.limits = limits_state(self.catalogue.products.get(inputs.product_id), schedule, weight)
        except ValueError as exc:  # a weight the dose table refuses is reported there
            self.limits = LimitsState(missing=(str(exc),))
        headers, rows, summary = self.dose_rows(schedule, weight)
        # each dose row says whether it is beyond a label limit; what is checked and what no label gives is shown
        # beside the inputs
        headers = [*headers, "Label check"]
        rows = [[*row, self.limits.row_flag(item.day)] for row, item in zip(rows, schedule.items, strict=True)]
        note = self.limits.table_note()
        weight_text = (translate("CalculatorPresenter", "Dosing weight: {0} kg ({1})").format(
            f"{weight.normalize():f}", basis_label.lower()) if basis_label else
            translate("CalculatorPresenter", "Dosing weight: {0} kg").format(f"{weight.normalize():f}"))
        return DoseState(tuple(headers), tuple(tuple(r) for r in rows), tuple([*summary, note] if note else summary),
                         weight_text,
                         self.limits.limits_text(self.product_name(inputs.product_id)))

    # ---- the model's validity domain on the inputs
    def domain_ranges(self) -> dict[str, tuple[tuple[float, float], tuple[float, float], tuple[float, float], str]]:
        """For the weight and lymphocyte fields: (hard range: refused outside, slider range, soft range: warned
        outside, model name) from the model's validity domain, in the unit the field shows."""
        from atgdesk.core import scenario as sc
        model, out = self.model, {}
        if model is None:
            return out
        names = set(model.covariate_names)
        weight = next((n for n in sc.WEIGHT_COVARIATES if n in names), None)
        if weight is not None:
            d = model.domain(weight)
            out["weight"] = ((d.hard_min, d.hard_max), (max(d.hard_min, 20.0), min(d.hard_max, 160.0)),
                             (d.soft_min, d.soft_max), model.name)
        alc = next((n for n in sc.ALC_COVARIATES if n in names), None)
        if alc is not None:
            d = model.domain(alc)
            unit = self.inputs.alc_unit

            def conv(v: float) -> float:
                return sc.alc_convert(v, sc.ALC_PER_NL, unit)
            out["alc"] = ((conv(d.hard_min), conv(d.hard_max)),
                          (conv(d.hard_min), min(conv(d.hard_max), conv(5.0))),
                          (conv(d.soft_min), conv(d.soft_max)), model.name)
        return out

    # ---- background work: population (band + probability) and the exposure map
    def probability_target(self) -> TargetWindow | None:
        """The chosen target when a population fraction can be given for it (a comparable AUC target)."""
        target = self.comparable_target()
        if target is None or target.metric == "day_below_threshold":
            return None
        return target

    def population_plan(self, band_wanted: bool, n: int) -> PopulationPlan:
        """Whether to run the population (band asked for, or a target chosen: the probability stands beside the
        verdict), for which target, and what to show until it arrives."""
        model, target, prob = self.model, self.current_target(), self.probability_target()
        self.band_wanted = band_wanted  # the dosing note prints the band's figures only when it is shown
        self.probability_line = ""
        self.band = None  # a band from other inputs never reaches the dosing note
        text = ""
        if target is not None and prob is None and self.comparable_target() is not None:
            text = probability_text(target, None, 0, unavailable=translate("CalculatorPresenter",
                                                                            "computed for AUC targets only"))
        if model is None or self.result is None or not (band_wanted or prob is not None):
            return PopulationPlan(False, None, text)
        if not model.eta_names:
            why = translate("CalculatorPresenter", "the model has no between-patient variability")
            return PopulationPlan(False, None, probability_text(prob, None, 0, unavailable=why) if prob else text,
                                  f"{model.name} has no between-patient variability: no percentile band or "
                                  "probability can be given." if band_wanted else "")
        self.probability_line = ""
        return PopulationPlan(True, prob, probability_text(prob, None, n, pending=True) if prob else text)

    def population_done(self, result) -> tuple[str, str]:
        """Keep a finished population run; (the probability line beside the verdict, the band note)."""
        self.band = result
        target = self.probability_target()
        self.probability_line = probability_text(target, result.pta, result.n) \
            if target is not None and result.pta is not None else ""
        unit = self.model.auc_unit if self.model else ""
        # the figures first (the side column scrolls at 1024×700: its first lines stay in view), then the band
        note = translate(
            "CalculatorPresenter", "Post-HCT AUC median {0} {1} (5–95th: {2}–{3}). Band: {4}–{5}th percentile "
            "(N = {6}) of virtual patients with these covariates, from the model's between-patient variability "
            "(residual assay error not included).").format(
            fmt_value(result.auc_post_median), unit, fmt_value(result.auc_post_p5), fmt_value(result.auc_post_p95),
            f"{result.lower_pct:g}", f"{result.upper_pct:g}", result.n)
        return self.probability_line, note

    def map_grid(self):
        """Weights (the model's soft weight range, or 40–130 kg) × lymphocyte counts 0–5 ×10⁹/L, 41 × 41."""
        import numpy as np

        from atgdesk.core import scenario as sc
        model = self.model
        names = [n for n in (model.covariate_names if model else ()) if n in sc.WEIGHT_COVARIATES]
        domain = model.domain(names[0]) if names else None
        lo, hi = (max(domain.soft_min, 5.0), domain.soft_max) if domain else (40.0, 130.0)
        return np.linspace(lo, hi, 41), np.linspace(0.0, 5.0, 41)

    # ---- pinned scenarios
    @staticmethod
    def regimen_text(inputs) -> str:
        if inputs.per_day:
            each = translate("CalculatorPresenter", "d{day} {dose} mg/kg")
            return "; ".join(each.format(day=f"{d:g}", dose=f"{mg:g}") for d, mg, _ in inputs.per_day)
        return translate("CalculatorPresenter", "{dose} mg/kg × {days} d from day {first}, {weight} kg").format(
            dose=f"{inputs.dose_mg_per_kg:g}", days=inputs.n_days, first=f"{inputs.first_day:g}",
            weight=f"{inputs.weight_kg:g}")

    def scenario_rows(self) -> tuple[list[str], list[list[str]]]:
        """The pinned scenarios' table: each with its regimen, exposures and the typical patient's verdict
        against the chosen target (the same rule as the live verdict)."""
        unit = self.model.auc_unit if self.model is not None else ""
        headers = [translate("CalculatorPresenter", "Name"), translate("CalculatorPresenter", "Regimen"),
                   translate("CalculatorPresenter", "AUC pre ({0})").format(unit),
                   translate("CalculatorPresenter", "AUC post ({0})").format(unit),
                   translate("CalculatorPresenter", "AUC total ({0})").format(unit), "Cmax",
                   translate("CalculatorPresenter", "Below threshold"),
                   translate("CalculatorPresenter", "Verdict (typical patient)"),
                   translate("CalculatorPresenter", "Model status")]
        rows = []
        for p in self.pins:
            m = p.result.metrics
            rows.append([p.name, self.regimen_text(p.inputs), fmt_value(m.auc_pre), fmt_value(m.auc_post),
                         fmt_value(m.auc_total), fmt_value(m.cmax),
                         translate("CalculatorPresenter", "day {0}").format(f"{m.day_below_threshold:.1f}")
                         if m.day_below_threshold is not None else "—",
                         self.verdict_for(m).headline, p.result.prediction.model.status])
        return headers, rows

    # ---- the one recompute
    def metrics_texts(self, result) -> dict[str, str]:
        if result is None or self.model is None:
            return {}
        m, unit, auc_unit = result.metrics, self.model.concentration_unit, self.model.auc_unit
        return {"auc_pre": fmt_value(m.auc_pre, auc_unit), "auc_post": fmt_value(m.auc_post, auc_unit),
                "auc_total": fmt_value(m.auc_total, auc_unit), "cmax": fmt_value(m.cmax, unit),
                "tmax": translate("CalculatorPresenter", "day {0}").format(f"{m.tmax_day:+.2f}"),
                "below": (translate("CalculatorPresenter", "day {0} (< {1})").format(
                    f"{m.day_below_threshold:.1f}", f"{m.threshold:g} {unit}")
                          if m.day_below_threshold is not None else
                          translate("CalculatorPresenter", "not before day {0}").format(f"{m.horizon_day:g}"))}

    def recompute(self, basis_label: str = "", *, background: bool = False) -> CalculatorState:
        """Apply the rules and run the engine for the current inputs: label limits first (beyond a hard one
        nothing is predicted), then the product check, then the prediction and its verdict.

        ``background`` (the screen): when the simulation would hold the GUI too long (:func:`atgdesk.core.
        scenario.is_slow`, a stiff user model), nothing is run here; the state says "computing" (no curve, a
        neutral verdict — never the previous one beside the new inputs) and :attr:`pending_evaluation` holds the
        job for a worker, whose answer goes to :meth:`evaluation_done`.  Without it (command line, tests) the
        engine always runs at once."""
        from atgdesk.core import scenario as sc
        generation = self.next_generation("evaluate")  # any answer still on its way is stale from now on
        self.pending_evaluation = None
        dose = self.dose_state(basis_label)
        self.result, self.error = None, ""
        model, inputs = self.model, self.inputs
        if self.limits.refused:
            self.error = translate("CalculatorPresenter", "Refused (label limit): {0}").format(
                " ".join(t.removeprefix("Refused: ") for t in self.limits.hard))
        elif model is None:
            self.error = translate("CalculatorPresenter", "No PK model is available: only the dose arithmetic is shown.")
        elif inputs.product_id and model.product != inputs.product_id:
            self.error = translate(
                "CalculatorPresenter", "The model '{0}' describes {1}; it cannot predict {2}. Products are never "
                "converted into each other — choose a model for this product.").format(
                model.name, self.product_name(model.product), self.product_name(inputs.product_id))
        elif background and sc.is_slow(model, inputs):
            self.pending_evaluation = EvaluationJob(generation, model, inputs)
            self._pending_dose = dose
            # the band, probability and map of the previous inputs must not appear beside "computing"
            self.band, self.probability_line = None, ""
            self.next_generation("band")
            self.next_generation("map")
            self.state = CalculatorState(inputs, "", self._banner(), (), computing_verdict(), tuple(self.limits.soft),
                                         dose, self.target_text(), computing=True, plot=self._plot())
            return self.state
        else:
            try:
                self.result = sc.evaluate(model, inputs)
            except ValueError as exc:
                self.error = translate("CalculatorPresenter", "No prediction: {0}").format(exc)
        return self._finish(dose)

    def evaluation_done(self, generation: int, result=None, error: str = "") -> CalculatorState | None:
        """The worker's answer to :attr:`pending_evaluation` (``result``, or ``error``: why there is none).
        Returns the new state, or None when the answer is stale (the inputs or model changed since: a newer
        recompute was asked for) — a stale answer never reaches the screen."""
        job = self.pending_evaluation
        if job is None or job.generation != generation or not self.is_current("evaluate", generation) \
                or job.model is not self.model or job.inputs != self.inputs:
            return None
        self.pending_evaluation = None
        self.result = result
        self.error = "" if result is not None else translate("CalculatorPresenter", "No prediction: {0}").format(
            error or translate("CalculatorPresenter", "the simulation gave no result."))
        return self._finish(self._pending_dose)

    @property
    def computing(self) -> bool:
        """True while the current inputs' prediction is being computed in the background."""
        return self.pending_evaluation is not None

    def _banner(self) -> str:
        model = self.model
        if model is None:
            return ""
        return f"{model.label or model.status.capitalize() + ' model'}.  Model: {model.name} [{model.status}]."

    def _plot(self) -> PlotState:
        return plot_state(self.model, self.result, self.pins, self.catalogue.errors)

    def pins_changed(self) -> CalculatorState | None:
        """A pin was added, removed or renamed: the state's pinned curves follow (nothing else changes)."""
        if self.state is not None:
            self.state = dataclasses.replace(self.state, plot=self._plot())
        return self.state

    def _finish(self, dose: DoseState) -> CalculatorState:
        if self.result is None:
            verdict = VerdictState("refused" if self.error else "none", "neutral",
                                   "NOT COMPARED" if self.error else "NO PREDICTION",
                                   self.error or translate("CalculatorPresenter", "No prediction."))
            warnings: tuple[str, ...] = ()
        else:
            verdict = self.verdict_for(self.result.metrics)
            warnings = (*self.result.warnings, *self.limits.soft)
        self.state = CalculatorState(self.inputs, self.error, self._banner(),
                                     tuple(self.metrics_texts(self.result).items()), verdict, warnings, dose,
                                     self.target_text(), plot=self._plot())
        return self.state


@dataclass(frozen=True, eq=False)
class EvaluationJob:
    """A prediction to run off the GUI thread: :meth:`run` is pure engine code (no Qt, no presenter state)."""

    generation: int
    model: PKModel
    inputs: object

    def run(self):
        from atgdesk.core import scenario as sc
        return sc.evaluate(self.model, self.inputs)


def computing_verdict() -> VerdictState:
    """The neutral verdict while a prediction is computed: nothing is judged until its numbers exist."""
    return VerdictState("computing", "neutral", "COMPUTING",
                        translate("CalculatorPresenter", "Computing the prediction for these inputs…"))
