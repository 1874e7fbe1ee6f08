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
from atgdesk.core.tomlfile import read_toml

__all__ = ["METRICS", "TargetFileError", "TargetMismatchError", "TargetWindow", "Verdict", "load_targets",
           "parse_targets", "comparability", "compare", "find_target"]

METRICS = ("auc_post", "auc_total", "auc_pre", "day_below_threshold")
KINDS = ("aim", "avoid", "intermediate")
CONFIDENCE = ("ABS", "TABLE", "LABEL", "SEC")


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

    @property
    def midpoint(self) -> float | None:
        """Middle of a closed window (None when a bound is open)."""
        if self.lower is None or self.upper is None:
            return None
        return 0.5 * (self.lower + self.upper)

    def describe(self) -> str:
        """'60–95 AU·day/mL' style text."""
        if self.lower is not None and self.upper is not None:
            return f"{self.lower:g}–{self.upper:g} {self.unit}"
        if self.lower is not None:
            return f"≥ {self.lower:g} {self.unit}"
        return f"≤ {self.upper:g} {self.unit}"


@dataclass(frozen=True)
class Verdict:
    """Where a value falls relative to a window: 'below', 'within' or 'above'."""

    target: TargetWindow
    value: float | None
    position: str
    text: str


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
            threshold=threshold, threshold_unit=threshold_unit,
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


def compare(target: TargetWindow, model: PKModel, value: float | None) -> Verdict:
    """Place ``value`` (the window's metric for a prediction of ``model``) relative to the window.

    Refuses (TargetMismatchError) when the window and the model are not comparable.  For day_below_threshold a
    None value (still above the threshold at the horizon) counts as 'above'."""
    ok, reason = comparability(target, model)
    if not ok:
        raise TargetMismatchError(f"target '{target.id}': cannot compare with model '{model.id}': {reason}")
    if value is None:
        if target.metric != "day_below_threshold":
            raise ValueError("value: missing")
        position = "above" if target.upper is not None else "within"
        return Verdict(target, None, position, f"not below {target.threshold:g} {target.threshold_unit} within "
                                               f"the horizon: {position} the window {target.describe()}")
    v = float(value)
    if not math.isfinite(v):
        raise ValueError("value: must be finite")
    if target.lower is not None and v < target.lower:
        position = "below"
    elif target.upper is not None and v > target.upper:
        position = "above"
    else:
        position = "within"
    return Verdict(target, v, position, f"{v:.4g} {target.unit}: {position} the window {target.describe()} "
                                        f"({target.kind}: {target.outcome})")
