"""Target exposure windows (``data/targets.toml``) and the comparison of a prediction with one.

A window is compared with a model's prediction only when the metric's unit, the assay, the analyte and the product
all match the model; :func:`comparability` says why not otherwise, and :func:`compare` refuses with
:class:`TargetMismatchError`.  Figures are never converted across assays (AU vs UE vs µg/mL), analytes (active vs
total) or products.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from atgdesk.core.model import PKModel
from atgdesk.core.numbers import format_number
from atgdesk.core.tomlfile import read_toml
from atgdesk.core.words import QT_TRANSLATE_NOOP, translate

__all__ = ["METRICS", "KINDS", "ROLES", "TargetFileError", "TargetMismatchError", "TargetWindow", "Verdict",
           "load_targets", "parse_targets", "comparability", "compare", "judge", "find_target", "attainment",
           "metric_words", "probability_words", "settings_of", "custom_window", "CUSTOM_ID"]

METRICS = ("auc_post", "auc_total", "auc_pre", "day_below_threshold")
# How a target reads (data/targets.toml explains each and why every bundled target has its kind).
KINDS = ("aim-window", "at-least", "at-most", "avoid-band", "reference-band")
# Colour roles of a verdict; the screen maps them to palette colours, the CLI prints the words only.
ROLES = ("ok", "caution", "danger", "neutral")
CONFIDENCE = ("ABS", "TABLE", "LABEL", "SEC")

# A day-below-threshold window's bounds, one whole phrase per (lower, upper) kind ("" = open).
_DAY_BOUNDS = {
    ("on-or-after", ""): QT_TRANSLATE_NOOP("targets", "on or after day {lower}"),
    ("later-than", ""): QT_TRANSLATE_NOOP("targets", "later than day {lower}"),
    ("", "on-or-before"): QT_TRANSLATE_NOOP("targets", "on or before day {upper}"),
    ("", "before"): QT_TRANSLATE_NOOP("targets", "before day {upper}"),
    ("on-or-after", "on-or-before"): QT_TRANSLATE_NOOP("targets", "on or after day {lower} and on or before day {upper}"),
    ("on-or-after", "before"): QT_TRANSLATE_NOOP("targets", "on or after day {lower} and before day {upper}"),
    ("later-than", "on-or-before"): QT_TRANSLATE_NOOP("targets", "later than day {lower} and on or before day {upper}"),
    ("later-than", "before"): QT_TRANSLATE_NOOP("targets", "later than day {lower} and before day {upper}"),
}


class TargetFileError(ValueError):
    """A malformed targets file; the message names the file and the field."""


class TargetMismatchError(ValueError):
    """A window that cannot be compared with a model (different unit, assay, analyte or product)."""


@dataclass(frozen=True)
class TargetWindow:
    """One exposure window with its setting, outcome and source (open bound = None)."""

    id: str
    setting: str
    population: str
    metric: str
    lower: float | None
    upper: float | None
    unit: str
    assay: str
    analyte: str
    product: str
    kind: str
    outcome: str
    bounds_text: str
    citation: str
    doi: str
    pmid: str
    confidence: str
    product_note: str = ""
    threshold: float | None = None
    threshold_unit: str = ""
    lower_inclusive: bool = True
    upper_inclusive: bool = True

    @property
    def midpoint(self) -> float | None:
        """Middle of a closed window (None when a bound is open)."""
        if self.lower is None or self.upper is None:
            return None
        return 0.5 * (self.lower + self.upper)

    def describe(self) -> str:
        """'60–95 AU·day/mL', '≥ 55 AU·day/mL', '< 30 AU·day/mL', 'later than day 16' style text (in the interface
        language when a translator is installed: one whole template per kind of bound)."""
        if self.metric == "day_below_threshold":
            lo_kind = ("on-or-after" if self.lower_inclusive else "later-than") if self.lower is not None else ""
            hi_kind = ("on-or-before" if self.upper_inclusive else "before") if self.upper is not None else ""
            return translate("targets", _DAY_BOUNDS[lo_kind, hi_kind]).format(
                lower=f"{self.lower:g}" if self.lower is not None else "",
                upper=f"{self.upper:g}" if self.upper is not None else "")
        if self.lower is not None and self.upper is not None:
            hi = f"{self.upper:g}" if self.upper_inclusive else f"< {self.upper:g}"
            lo = f"{self.lower:g}" if self.lower_inclusive else f"> {self.lower:g}"
            if self.lower_inclusive and self.upper_inclusive:
                return f"{lo}–{hi} {self.unit}"
            return translate("targets", "{lower} to {upper} {unit}").format(lower=lo, upper=hi, unit=self.unit)
        if self.lower is not None:
            return f"{'≥' if self.lower_inclusive else '>'} {self.lower:g} {self.unit}"
        return f"{'≤' if self.upper_inclusive else '<'} {self.upper:g} {self.unit}"

    def contains(self, value: float) -> str:
        """'below', 'within' or 'above' the bounds (honouring inclusive/exclusive ends)."""
        if self.lower is not None and (value < self.lower or (value == self.lower and not self.lower_inclusive)):
            return "below"
        if self.upper is not None and (value > self.upper or (value == self.upper and not self.upper_inclusive)):
            return "above"
        return "within"


@dataclass(frozen=True)
class Verdict:
    """Where a value falls relative to a target, read according to the target's kind.

    ``position``: 'below', 'within', 'above' or 'unknown' (a day-below-threshold that the horizon cannot place);
    ``headline``: the short words shown large ('IN HARMFUL RANGE'); ``role``: one of :data:`ROLES` (the screen
    picks the colour from it); ``text``: the whole sentence, naming the typical patient, the value and the
    target; ``probability``: what a population fraction inside the bounds means for this kind."""

    target: TargetWindow
    value: float | None
    position: str
    text: str
    headline: str = ""
    role: str = "neutral"
    probability: str = ""


def _fail(file: str, field: str, problem: str) -> TargetFileError:
    return TargetFileError(f"{file}: {field}: {problem}")


def _str(t: Mapping[str, Any], key: str, file: str, pre: str, required: bool = True) -> str:
    v = t.get(key, "")
    if not isinstance(v, str):
        raise _fail(file, pre + key, "must be a string")
    if required and not v.strip():
        raise _fail(file, pre + key, "missing")
    return v


def _num(t: Mapping[str, Any], key: str, file: str, pre: str) -> float | None:
    if key not in t:
        return None
    v = t[key]
    if isinstance(v, bool) or not isinstance(v, int | float) or not math.isfinite(float(v)):
        raise _fail(file, pre + key, f"must be a finite number, got {v!r}")
    return float(v)


def parse_targets(data: Mapping[str, Any], file: str = "<targets>") -> list[TargetWindow]:
    """Validate parsed TOML and build the windows."""
    if data.get("schema_version") != 1:
        raise _fail(file, "schema_version", "must be 1")
    raw = data.get("targets")
    if not isinstance(raw, list) or not raw:
        raise _fail(file, "targets", "must be a non-empty array of tables")
    out: list[TargetWindow] = []
    seen: set[str] = set()
    for i, t in enumerate(raw):
        pre = f"targets[{i}]."
        if not isinstance(t, dict):
            raise _fail(file, f"targets[{i}]", "must be a table")
        tid = _str(t, "id", file, pre)
        if tid in seen:
            raise _fail(file, pre + "id", f"duplicate id '{tid}'")
        seen.add(tid)
        metric = _str(t, "metric", file, pre)
        if metric not in METRICS:
            raise _fail(file, pre + "metric", f"'{metric}' is not one of {', '.join(METRICS)}")
        lo, hi = _num(t, "lower", file, pre), _num(t, "upper", file, pre)
        if lo is None and hi is None:
            raise _fail(file, pre + "lower", "a window needs a lower or an upper bound")
        if lo is not None and hi is not None and lo >= hi:
            raise _fail(file, pre + "upper", f"must be above lower ({lo:g})")
        kind = _str(t, "kind", file, pre)
        if kind not in KINDS:
            raise _fail(file, pre + "kind", f"'{kind}' is not one of {', '.join(KINDS)}")
        analyte = _str(t, "analyte", file, pre)
        if analyte not in ("active", "total"):
            raise _fail(file, pre + "analyte", "must be active or total")
        src = t.get("source")
        if not isinstance(src, dict):
            raise _fail(file, pre + "source", "missing table (every window needs its source)")
        spre = pre + "source."
        conf = _str(src, "confidence", file, spre)
        if conf not in CONFIDENCE:
            raise _fail(file, spre + "confidence", f"'{conf}' is not one of {', '.join(CONFIDENCE)}")
        if not (_str(src, "doi", file, spre, False) or _str(src, "pmid", file, spre, False)
                or _str(src, "citation", file, spre)):
            raise _fail(file, spre + "citation", "missing")
        inclusive = {}
        for key in ("lower_inclusive", "upper_inclusive"):
            v = t.get(key, True)
            if not isinstance(v, bool):
                raise _fail(file, pre + key, "must be true or false")
            inclusive[key] = v
        if kind == "aim-window" and (lo is None or hi is None):
            raise _fail(file, pre + "kind", "an aim-window needs both a lower and an upper bound")
        if kind == "at-most" and (hi is None or lo is not None):
            raise _fail(file, pre + "kind", "an at-most target has an upper bound only")
        if kind == "at-least" and (lo is None or hi is not None):
            raise _fail(file, pre + "kind", "an at-least target has a lower bound only")
        threshold = _num(t, "threshold", file, pre)
        threshold_unit = _str(t, "threshold_unit", file, pre, required=metric == "day_below_threshold")
        if metric == "day_below_threshold" and (threshold is None or threshold <= 0):
            raise _fail(file, pre + "threshold", "a day-below-threshold window needs a threshold > 0")
        out.append(TargetWindow(
            id=tid, setting=_str(t, "setting", file, pre), population=_str(t, "population", file, pre),
            metric=metric, lower=lo, upper=hi, unit=_str(t, "unit", file, pre), assay=_str(t, "assay", file, pre),
            analyte=analyte, product=_str(t, "product", file, pre), kind=kind,
            outcome=_str(t, "outcome", file, pre), bounds_text=_str(t, "bounds_text", file, pre),
            citation=_str(src, "citation", file, spre), doi=_str(src, "doi", file, spre, False),
            pmid=_str(src, "pmid", file, spre, False), confidence=conf,
            product_note=_str(src, "product_note", file, spre, False),
            threshold=threshold, threshold_unit=threshold_unit, **inclusive,
        ))
    return out


def load_targets(path: str | Path) -> list[TargetWindow]:
    """Read and validate a targets file (TargetFileError names the file and the field)."""
    data, name = read_toml(path, TargetFileError)
    return parse_targets(data, name)


def find_target(targets: list[TargetWindow], target_id: str) -> TargetWindow:
    """The window with ``target_id`` (ValueError naming 'target' otherwise)."""
    for t in targets:
        if t.id == target_id:
            return t
    raise ValueError(f"target: unknown id '{target_id}' (available: {', '.join(t.id for t in targets)})")


def comparability(target: TargetWindow, model: PKModel) -> tuple[bool, str]:
    """(True, '') when ``target`` can be compared with predictions of ``model``; else (False, reason)."""
    if target.product != model.product:
        return False, f"product: the window is for {target.product}, the model is for {model.product}"
    if target.analyte != model.analyte:
        return False, f"analyte: the window is for {target.analyte} ATG, the model predicts {model.analyte} ATG"
    if target.assay != model.assay:
        return False, f"assay: the window was measured with '{target.assay}', the model with '{model.assay}'"
    if target.metric == "day_below_threshold":
        if target.unit != "day":
            return False, f"unit: the window is in '{target.unit}', a day is expected"
        if target.threshold_unit != model.concentration_unit:
            return False, (f"unit: the threshold is in {target.threshold_unit}, the model predicts "
                           f"{model.concentration_unit}")
    elif target.unit != model.auc_unit:
        return False, f"unit: the window is in {target.unit}, the model predicts {model.auc_unit}"
    return True, ""


def metric_words(target: TargetWindow) -> str:
    """What the target measures, in words ('post-HCT AUC', 'level below 1 AU/mL')."""
    if target.metric == "day_below_threshold":
        return translate("targets", "level below {threshold}").format(
            threshold=f"{target.threshold or 0:g} {target.threshold_unit}")
    return translate("targets", _METRIC_WORDS[target.metric])


_METRIC_WORDS = {"auc_post": QT_TRANSLATE_NOOP("targets", "post-HCT AUC"),
                 "auc_total": QT_TRANSLATE_NOOP("targets", "total AUC"),
                 "auc_pre": QT_TRANSLATE_NOOP("targets", "AUC before day 0")}


def probability_words(target: TargetWindow) -> str:
    """What the fraction of virtual patients inside the bounds is called for this kind of target."""
    if target.kind == "avoid-band":
        return "probability of harm (exposure in the harmful range)"
    if target.kind == "reference-band":
        return "probability of exposure in this band"
    return "probability of target attainment"


# The headline of each (kind, position): fixed words, or a template with the bound ({bound}: a number, with the
# unit unless the target counts days).  Inclusive and exclusive bounds read differently ('AT OR BELOW' vs 'BELOW').
_HEADLINES = {
    "unknown": QT_TRANSLATE_NOOP("targets", "CANNOT TELL"),
    ("avoid-band", "within"): QT_TRANSLATE_NOOP("targets", "IN HARMFUL RANGE"),
    ("avoid-band", "below"): QT_TRANSLATE_NOOP("targets", "BELOW THE HARMFUL RANGE"),
    ("avoid-band", "above"): QT_TRANSLATE_NOOP("targets", "ABOVE THE HARMFUL RANGE"),
    ("reference-band", "below"): QT_TRANSLATE_NOOP("targets", "BELOW THIS BAND"),
    ("reference-band", "within"): QT_TRANSLATE_NOOP("targets", "INSIDE THIS BAND"),
    ("reference-band", "above"): QT_TRANSLATE_NOOP("targets", "ABOVE THIS BAND"),
    ("aim-window", "below"): QT_TRANSLATE_NOOP("targets", "BELOW TARGET WINDOW (too low)"),
    ("aim-window", "within"): QT_TRANSLATE_NOOP("targets", "WITHIN TARGET WINDOW"),
    ("aim-window", "above"): QT_TRANSLATE_NOOP("targets", "ABOVE TARGET WINDOW (too high)"),
    "at-or-below": QT_TRANSLATE_NOOP("targets", "AT OR BELOW {bound}"),
    "below": QT_TRANSLATE_NOOP("targets", "BELOW {bound}"),
    "above": QT_TRANSLATE_NOOP("targets", "ABOVE {bound}"),
    "at-or-above": QT_TRANSLATE_NOOP("targets", "AT OR ABOVE {bound}"),
    "on-or-after-day": QT_TRANSLATE_NOOP("targets", "ON OR AFTER DAY {bound}"),
    "later-than-day": QT_TRANSLATE_NOOP("targets", "LATER THAN DAY {bound}"),
    "before-day": QT_TRANSLATE_NOOP("targets", "BEFORE DAY {bound}"),
    "on-or-before-day": QT_TRANSLATE_NOOP("targets", "ON OR BEFORE DAY {bound}"),
}


def _headline(target: TargetWindow, position: str) -> tuple[str, str]:
    """(words, role) for a position, by the target's kind."""
    day = target.metric == "day_below_threshold"
    kind = target.kind
    if position == "unknown":
        return translate("targets", _HEADLINES["unknown"]), "neutral"
    if kind in ("avoid-band", "reference-band", "aim-window"):
        role = ("danger" if position == "within" else "neutral") if kind == "avoid-band" else \
            "neutral" if kind == "reference-band" else "ok" if position == "within" else "caution"
        return translate("targets", _HEADLINES[kind, position]), role
    if kind == "at-most":
        hi = f"{target.upper:g}" + ("" if day else f" {target.unit}")
        if position == "within":
            key, role = ("at-or-below" if target.upper_inclusive else "below"), "ok"
        else:
            key, role = ("above" if target.upper_inclusive else "at-or-above"), "caution"
        return translate("targets", _HEADLINES[key]).format(bound=hi), role
    # at-least
    lo = f"{target.lower:g}" + ("" if day else f" {target.unit}")
    if day:
        if position == "within":
            key, role = ("on-or-after-day" if target.lower_inclusive else "later-than-day"), "ok"
        else:
            key, role = ("before-day" if target.lower_inclusive else "on-or-before-day"), "caution"
    elif position == "within":
        key, role = ("at-or-above" if target.lower_inclusive else "above"), "ok"
    else:
        key, role = ("below" if target.lower_inclusive else "at-or-below"), "caution"
    return translate("targets", _HEADLINES[key]).format(bound=lo), role


# The verdict sentence, one whole template for each way the value is shown.
_VERDICT_AUC = QT_TRANSLATE_NOOP("targets", "{subject}: {headline} — {metric} {value}; target {target} ({outcome})")
_VERDICT_DAY = QT_TRANSLATE_NOOP(
    "targets", "{subject}: {headline} — level below {threshold} from day {day}; target {target} ({outcome})")
_VERDICT_NOT_BY = QT_TRANSLATE_NOOP(
    "targets", "{subject}: {headline} — level below {threshold} not reached by day {day}; target {target} "
    "({outcome})")
_VERDICT_NOT_BY_UNKNOWN = QT_TRANSLATE_NOOP(
    "targets", "{subject}: {headline} — level below {threshold} not reached by day {day} (extend the horizon to "
    "place it); target {target} ({outcome})")
_VERDICT_NOT_WITHIN = QT_TRANSLATE_NOOP(
    "targets", "{subject}: {headline} — level below {threshold} not reached within the horizon; target {target} "
    "({outcome})")


def judge(target: TargetWindow, value: float | None, *, horizon_day: float | None = None,
          subject: str | None = None) -> Verdict:
    """The one verdict rule (screen, report and command line): where ``value`` falls and what that means for
    this kind of target.  ``value`` None is only meaningful for a day-below-threshold target: the level stays
    above the threshold up to ``horizon_day`` (so the day is later than the horizon).  ``subject`` defaults to
    'Typical patient'.  The outcome is the data file's text, in its own language."""
    if subject is None:
        subject = translate("targets", "Typical patient")
    threshold = f"{target.threshold or 0:g} {target.threshold_unit}"
    if value is None:
        if target.metric != "day_below_threshold":
            raise ValueError(translate("targets", "value: missing"))
        h = float("inf") if horizon_day is None else float(horizon_day)
        # "not below by the horizon" places the day only against bounds the horizon has passed
        bounds = [b for b in (target.lower, target.upper) if b is not None]
        position = "unknown" if any(b >= h for b in bounds) else target.contains(float("inf"))
        template = (_VERDICT_NOT_BY_UNKNOWN if position == "unknown" else _VERDICT_NOT_BY) if math.isfinite(h) \
            else _VERDICT_NOT_WITHIN
        shown = f"{h:g}" if math.isfinite(h) else ""
    else:
        v = float(value)
        if not math.isfinite(v):
            raise ValueError(translate("targets", "value: must be finite"))
        position = target.contains(v)
        if target.metric == "day_below_threshold":
            template, shown = _VERDICT_DAY, f"{v:.1f}"
        else:  # one number format: 1430, never 1.43e+03
            template, shown = _VERDICT_AUC, f"{format_number(v)} {target.unit}"
    headline, role = _headline(target, position)
    text = translate("targets", template).format(
        subject=subject, headline=headline, metric=metric_words(target), value=shown, day=shown,
        threshold=threshold, target=target.describe(), outcome=target.outcome)
    return Verdict(target, None if value is None else float(value), position, text, headline, role,
                   probability_words(target))


def attainment(target: TargetWindow, values) -> float:
    """Fraction of ``values`` (one per virtual patient) inside the target's bounds, by the same rule as
    :func:`judge` (for an avoid band this is the probability of harm)."""
    import numpy as np
    v = np.asarray(values, dtype=float)
    if v.size == 0 or np.any(np.isnan(v)):
        raise ValueError("values: must be a non-empty array of numbers")
    ok = np.ones(v.shape, dtype=bool)
    if target.lower is not None:
        ok &= (v >= target.lower) if target.lower_inclusive else (v > target.lower)
    if target.upper is not None:
        ok &= (v <= target.upper) if target.upper_inclusive else (v < target.upper)
    return float(np.mean(ok))


CUSTOM_ID = "__custom__"


def custom_window(lower: float, upper: float, unit: str, metric: str = "auc_post") -> TargetWindow:
    """The user's own aim window (no source), judged by the same rule as the published ones.  The fields that
    :func:`comparability` checks are left for the caller to fill from the model (``dataclasses.replace``)."""
    lo, hi = float(lower), float(upper)
    if not (math.isfinite(lo) and math.isfinite(hi)) or lo < 0 or hi <= lo:
        raise ValueError(translate("targets", "custom window: needs 0 ≤ lower < upper, got {lower}–{upper}").format(
            lower=f"{lower:g}", upper=f"{upper:g}"))
    return TargetWindow(id=CUSTOM_ID, setting="", population="", metric=metric, lower=lo, upper=hi, unit=unit,
                        assay="", analyte="", product="", kind="aim-window",
                        outcome=translate("targets", "your own window, no published source"),
                        bounds_text=f"{lo:g}–{hi:g} {unit}",
                        citation=translate("targets", "user-defined, no source"), doi="", pmid="", confidence="")


def settings_of(targets: list[TargetWindow]) -> list[str]:
    """The distinct settings, in file order."""
    out: list[str] = []
    for t in targets:
        if t.setting not in out:
            out.append(t.setting)
    return out


def compare(target: TargetWindow, model: PKModel, value: float | None, *, threshold: float | None = None,
            horizon_day: float | None = None) -> Verdict:
    """:func:`judge` after checking that the target can be compared with predictions of ``model``.

    Refuses (TargetMismatchError) when the target and the model are not comparable, or when a day-below-
    threshold target counts days below a different threshold than the prediction used (``threshold``)."""
    ok, reason = comparability(target, model)
    if not ok:
        raise TargetMismatchError(f"target '{target.id}': cannot compare with model '{model.id}': {reason}")
    if (target.metric == "day_below_threshold" and threshold is not None and target.threshold is not None
            and abs(float(threshold) - target.threshold) > 1e-12):
        raise TargetMismatchError(translate(
            "targets", "threshold: this target counts days below {threshold} {unit}; set the threshold to "
            "{threshold}").format(threshold=f"{target.threshold:g}", unit=target.threshold_unit))
    return judge(target, value, horizon_day=horizon_day)
