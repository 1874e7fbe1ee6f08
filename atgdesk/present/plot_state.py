"""What the calculator's plot and model banner show, as immutable data without Qt: the predicted curve, the
threshold line and its label, the pinned scenarios' curves, and the model's banner and plot titles in words.

:func:`plot_state` is called by the presenter (``atgdesk.present.calculator``) whenever its state changes; the
screen only hands these to the plot widget.  The curves are read-only views of the engine's arrays (no copy on a
slider step).  Texts keep the translation contexts of the screen they were first written for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from atgdesk.present.i18n import QT_TRANSLATE_NOOP, translate

__all__ = ["Curve", "PlotState", "ModelTexts", "model_texts", "plot_state", "read_only"]

# The model status words (the same texts and context as the status badge on screen).
STATUS_WORDS = {"verified": QT_TRANSLATE_NOOP("StatusBadge", "VERIFIED"),
                "illustrative": QT_TRANSLATE_NOOP("StatusBadge", "ILLUSTRATIVE"),
                "user": QT_TRANSLATE_NOOP("StatusBadge", "USER MODEL")}


def read_only(values: Any) -> np.ndarray:
    """A read-only view of ``values`` (the state cannot change the engine's arrays, nor they the state)."""
    view = np.asarray(values, dtype=float).view()
    view.flags.writeable = False
    return view


@dataclass(frozen=True)
class Curve:
    """A concentration–time curve: its name (a pin's name; '' for the current prediction), days and levels."""

    name: str
    t_day: np.ndarray
    conc: np.ndarray


@dataclass(frozen=True)
class ModelTexts:
    """The model in words: the banner above the screen, the short title above the plot (on screen) and the full
    one (in exports), and the status that picks the title's colour."""

    banner: str = ""
    title: str = ""
    export_title: str = ""
    status: str = ""


@dataclass(frozen=True)
class PlotState:
    """Everything the plot draws for the current inputs (``curve`` None: nothing to draw, e.g. refused or still
    computing; ``threshold`` None: no line)."""

    curve: Curve | None = None
    threshold: float | None = None
    threshold_label: str = ""
    overlays: tuple[Curve, ...] = ()
    model: ModelTexts = ModelTexts()


def model_texts(model: Any, catalogue_errors: Sequence[str] = ()) -> ModelTexts:
    """The banner and plot titles for ``model`` (None: no model could be loaded, and why)."""
    if model is None:
        banner = " ".join(x for x in (translate("CalculatorView", "No PK model could be loaded: dose arithmetic only."),
                                      "; ".join(catalogue_errors)) if x)
        return ModelTexts(banner=banner)
    status = (translate("StatusBadge", STATUS_WORDS[model.status]) if model.status in STATUS_WORDS
              else model.status.upper())
    label = model.label or translate("CalculatorView", "{0} model").format(status)
    banner = translate("CalculatorView", "{0}.  Model: {1} [{2}].").format(label, model.name, status)
    title = translate("CalculatorView", "{0} model").format(status) + (
        translate("CalculatorView", " — not for dosing decisions") if model.status == "illustrative" else "")
    export_title = f"{model.name} — {model.status.upper()}" + (f"\n{model.label}" if model.label else "")
    return ModelTexts(banner, title, export_title, model.status)


def plot_state(model: Any, result: Any, pins: Sequence[Any], catalogue_errors: Sequence[str] = ()) -> PlotState:
    """The plot for ``result`` (a :class:`~atgdesk.core.scenario.ScenarioResult` or None) with the pinned
    scenarios (objects with ``name`` and ``result``) overlaid."""
    overlays = tuple(Curve(p.name, read_only(p.result.t_day), read_only(p.result.conc)) for p in pins)
    texts = model_texts(model, catalogue_errors)
    if result is None or model is None:
        return PlotState(overlays=overlays, model=texts)
    m = result.metrics
    return PlotState(Curve("", read_only(result.t_day), read_only(result.conc)), m.threshold,
                     f"{m.threshold:g} {model.concentration_unit}", overlays, texts)


def map_texts(model: Any, has_window: bool) -> tuple[str, str]:
    """The exposure map's title (the model and its status, as on every plot) and the note under it."""
    title = (f"Predicted post-HCT AUC ({model.auc_unit}) for this schedule — {model.name} "
             f"[{model.status.upper()}]. {model.label or model.status}")
    note = (translate("CalculatorView", "White line: lower bound, black dashed: upper bound of the target window. "
                      "× = this patient.") if has_window else
            translate("CalculatorView", "Choose a target window to draw it on the map. × = this patient."))
    return title, note
