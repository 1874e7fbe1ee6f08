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
