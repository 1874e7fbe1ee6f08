"""One calculator scenario: the inputs a user sets, turned into what the engine needs — no Qt.

The calculator screen holds a :class:`ScenarioInputs` and asks this module for everything derived from it: the
lymphocyte count in the model's unit (an explicit, exact unit conversion), the dose schedule, the dosing weight,
the covariates, the time grid and, through the engine, the curve and its exposure metrics.  Keeping this here
means the view does no arithmetic and the same inputs give the same numbers on the screen, in the report and in
the tests.

Lymphocyte count units: ``×10⁹/L`` and ``cells/µL``.  1 ×10⁹/L = 10⁹ cells per 10⁶ µL = 1000 cells/µL exactly;
nothing is ever guessed from the size of the number.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, replace
from decimal import Decimal
from typing import TYPE_CHECKING

import numpy as np

from atgdesk.core.metrics import Prediction, predict, simulation_grid
from atgdesk.core.model import PKModel, individual_parameters
from atgdesk.core.regimen import DoseItem, DoseSchedule, Regimen, schedule_from_mg_per_kg
from atgdesk.core.targets import TargetWindow, attainment
from atgdesk.core.weights import WeightBasis, dosing_weight_kg, ideal_body_weight_kg
from atgdesk.core.words import translate

if TYPE_CHECKING:
    from atgdesk.core.exposure_map import ExposureMap

__all__ = [
    "ALC_UNITS",
    "ALC_PER_NL",
    "ALC_PER_UL",
    "PAYLOAD_KIND",
    "ScenarioInputs",
    "alc_convert",
    "alc_per_nl",
    "covariates_for",
    "map_covariates",
    "dose_schedule",
    "dosing_weight",
    "inputs_from_payload",
    "inputs_to_payload",
    "evaluate",
    "stiffness",
    "is_slow",
    "SYNC_RATE_DAYS",
    "ScenarioResult",
    "regimen_for",
    "model_covariates",
    "ExposureMap",
    "exposure_map",
    "Uncertainty",
    "uncertainty",
]


def __getattr__(name: str):
    """``ExposureMap`` is imported when asked for: the virtual population and the exposure map
    (:mod:`atgdesk.core.population`, :mod:`atgdesk.core.exposure_map`) are needed only for the uncertainty band
    and the Exposure map tab, not to start the calculator."""
    if name == "ExposureMap":
        from atgdesk.core.exposure_map import ExposureMap
        return ExposureMap
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


ALC_PER_NL = "×10⁹/L"
ALC_PER_UL = "cells/µL"
ALC_UNITS = (ALC_PER_NL, ALC_PER_UL)
# cells/µL per ×10⁹/L (exact: 10⁹ cells / 10⁶ µL)
_CELLS_PER_UL_PER_1E9_PER_L = 1000.0

PAYLOAD_KIND = "atgdesk-calculator-scenario"
PAYLOAD_VERSION = 1

# Covariate names a model file may use, and which scenario input feeds each.
WEIGHT_COVARIATES = ("weight_kg", "tbw_kg", "body_weight_kg")
ALC_COVARIATES = ("alc_per_nl", "alc_1e9_per_l", "alc")
IBW_COVARIATES = ("ibw_kg",)


def _finite(name: str, value: object) -> float:
    if isinstance(value, bool):
        raise ValueError(f"{name}: expected a number, got {value!r}")
    try:
        v = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise ValueError(f"{name}: expected a number, got {value!r}") from None
    if not math.isfinite(v):
        raise ValueError(f"{name}: must be finite, got {value!r}")
    return v


def alc_convert(value: float, from_unit: str, to_unit: str) -> float:
    """Lymphocyte count ``value`` in ``from_unit`` expressed in ``to_unit`` (units in :data:`ALC_UNITS`).

    1 ×10⁹/L = 1000 cells/µL exactly.  Raises ``ValueError`` naming the unit for anything else.
    """
    v = _finite("lymphocyte count", value)
    if v < 0:
        raise ValueError(f"lymphocyte count: must be ≥ 0, got {v:g}")
    for unit in (from_unit, to_unit):
        if unit not in ALC_UNITS:
            raise ValueError(f"lymphocyte count unit: {unit!r} is not one of {', '.join(ALC_UNITS)}")
    if from_unit == to_unit:
        return v
    if from_unit == ALC_PER_NL:
        return v * _CELLS_PER_UL_PER_1E9_PER_L
    return v / _CELLS_PER_UL_PER_1E9_PER_L


def alc_per_nl(value: float, unit: str) -> float:
    """Lymphocyte count in ×10⁹/L (= cells/nL), the unit the models use."""
    return alc_convert(value, unit, ALC_PER_NL)


@dataclass(frozen=True)
class ScenarioInputs:
    """Everything the user sets on the calculator screen.

    Dosing is either the simple builder (``dose_mg_per_kg`` on ``n_days`` consecutive days from ``first_day``,
    the first infusion over ``first_infusion_h`` hours and later ones over ``infusion_h``) or, when
    ``per_day`` is given, a free table of ``(day, mg/kg, infusion hours)`` rows.
    """

    product_id: str = ""
    model_id: str = ""
    weight_kg: float = 70.0
    weight_basis: str = WeightBasis.ACTUAL.value
    height_cm: float | None = None
    sex: str | None = None
    alc_value: float = 0.5
    alc_unit: str = ALC_PER_NL
    setting: str = ""
    dose_mg_per_kg: float = 2.5
    n_days: int = 3
    first_day: float = -4.0
    first_infusion_h: float = 6.0
    infusion_h: float = 4.0
    per_day: tuple[tuple[float, float, float], ...] | None = None
    horizon_day: float = 100.0
    threshold: float = 1.0
    target_id: str = ""
    custom_window: tuple[float, float] | None = None
    extra: dict = field(default_factory=dict, compare=False)

    def with_(self, **changes) -> ScenarioInputs:
        """A copy with some fields changed."""
        return replace(self, **changes)


def dose_schedule(inputs: ScenarioInputs) -> DoseSchedule:
    """The clinician's schedule (mg/kg doses on days relative to HCT) for these inputs."""
    if inputs.per_day:
        items = []
        for i, row in enumerate(inputs.per_day, start=1):
            if len(row) != 3:
                raise ValueError(f"dose table row {i}: expected (day, mg/kg, infusion hours)")
            day, mgkg, hours = (_finite(f"dose table row {i}", v) for v in row)
            if mgkg < 0:
                raise ValueError(translate("scenario", "dose table row {row}: mg/kg must be ≥ 0").format(row=i))
            items.append(DoseItem(day, hours, mg_per_kg=Decimal(str(mgkg))))
        days = [it.day for it in items]
        if len(set(days)) != len(days):
            raise ValueError(translate("scenario", "dose table: a day is listed twice"))
        return DoseSchedule(tuple(items))
    n = int(inputs.n_days)
    if n < 1 or n > 60:
        raise ValueError(translate("scenario", "number of days: must be 1–60, got {days}").format(days=inputs.n_days))
    first = _finite("first day", inputs.first_day)
    days = [first + k for k in range(n)]
    durations = [_finite("first infusion hours", inputs.first_infusion_h)]
    durations += [_finite("infusion hours", inputs.infusion_h)] * (n - 1)
    return schedule_from_mg_per_kg(Decimal(str(_finite("dose mg/kg", inputs.dose_mg_per_kg))), days, durations)


def dosing_weight(inputs: ScenarioInputs) -> Decimal:
    """The weight that multiplies the mg/kg doses (actual, ideal or adjusted), exact."""
    return dosing_weight_kg(inputs.weight_basis, Decimal(str(_finite("weight", inputs.weight_kg))),
                            inputs.height_cm, inputs.sex)


def map_covariates(names, weight_kg=None, alc_per_nl=None, *, ibw_kg=None, other=None) -> dict:
    """The one covariate mapping (screen, exposure map, command line): every weight covariate a model declares
    gets the actual body weight, every lymphocyte covariate the count in ×10⁹/L, ``ibw_kg`` the ideal weight,
    any other name a value from ``other``.  Values may be numbers or arrays (grids).  A covariate with no value
    raises ``ValueError`` naming it."""
    other = dict(other or {})
    out = {}
    for name in names:
        if name in WEIGHT_COVARIATES and weight_kg is not None:
            out[name] = weight_kg
        elif name in ALC_COVARIATES and alc_per_nl is not None:
            out[name] = alc_per_nl
        elif name in IBW_COVARIATES and ibw_kg is not None:
            out[name] = ibw_kg
        elif name in other:
            out[name] = other[name]
        elif name in IBW_COVARIATES:
            raise ValueError(translate("scenario", "{name}: the model needs height and sex for ideal body weight")
                             .format(name=name))
        elif name in WEIGHT_COVARIATES or name in ALC_COVARIATES:
            raise ValueError(translate("scenario", "{name}: the model needs this covariate").format(name=name))
        else:
            raise ValueError(translate("scenario", "{name}: the calculator has no input for this model covariate")
                             .format(name=name))
    return out


def covariates_for(model_covariates: tuple[str, ...], inputs: ScenarioInputs) -> dict[str, float]:
    """Covariate values for a model that declares ``model_covariates`` (names), taken from the inputs
    (:func:`map_covariates`): actual body weight, lymphocyte count in ×10⁹/L, Devine ideal weight (needs height
    and sex).  A covariate the inputs cannot supply raises ``ValueError``."""
    ibw = None
    if any(n in IBW_COVARIATES for n in model_covariates) and inputs.height_cm is not None \
            and inputs.sex is not None:
        ibw = float(ideal_body_weight_kg(inputs.height_cm, inputs.sex))
    weight = _finite("weight", inputs.weight_kg) if any(n in WEIGHT_COVARIATES for n in model_covariates) else None
    alc = alc_per_nl(inputs.alc_value, inputs.alc_unit) if any(n in ALC_COVARIATES for n in model_covariates) \
        else None
    return map_covariates(model_covariates, weight, alc, ibw_kg=ibw)


def regimen_for(inputs: ScenarioInputs) -> Regimen:
    """The engine regimen (amounts in mg): the schedule's mg/kg doses × the dosing weight."""
    return dose_schedule(inputs).regimen(float(dosing_weight(inputs)))


@dataclass(frozen=True, eq=False)
class ScenarioResult:
    """What the screen shows for one scenario: the engine's prediction plus the derived inputs it used."""

    inputs: ScenarioInputs
    schedule: DoseSchedule
    dosing_weight_kg: Decimal
    covariates: dict
    prediction: Prediction

    @property
    def t_day(self):
        return self.prediction.t_day

    @property
    def conc(self):
        return self.prediction.conc

    @property
    def metrics(self):
        return self.prediction.metrics

    @property
    def warnings(self) -> tuple[str, ...]:
        return self.prediction.warnings


def model_covariates(model: PKModel) -> tuple[str, ...]:
    """Covariates the model's parameter relations use (the ones a prediction needs)."""
    return tuple(sorted({e.covariate for e in model.covariate_effects}))


DISPLAY_STEP_DAY = 0.2
"""Curve spacing for the screen: about one point per pixel column over a 100-day plot.  Peaks, infusion
starts/stops, day 0 and the horizon are always grid points, AUCs are integrated exactly by the engine and the
day below the threshold is log-interpolated, so the metrics do not depend on this spacing."""


SYNC_RATE_DAYS = 10_000.0
"""Above this :func:`stiffness` the screen runs the one-patient simulation off the GUI thread.  Measured
(``evaluate``, 2-compartment linear+MM and saturable test models, 70 kg, 2.5 mg/kg × 3 days from day −4 to
day 100, on 2 cores shared with other work): the explicit integrator takes about 3.5–12 µs per rate·day plus a few
ms (before the engine's 2× faster scalar path: 8,900 rate·days 107 ms, 17,700 188 ms, 44,000 304 ms; after it:
8,900 62 ms, 17,700 109 ms, 56,000 243 ms), so 10,000 is ≤ ~100 ms, the most a slider step or keystroke may hold
the GUI.  The bundled model's typical patient needs ~135 rate·days (2–7 ms); only its extreme corner (1 kg,
lymphocytes 200 ×10⁹/L: ~17,500 rate·days, 124–138 ms) goes to the worker.  Linear models use the closed form and
are always fast."""


def stiffness(model: PKModel, inputs: ScenarioInputs) -> float:
    """The work of one patient's simulation, in rate·days: the sum of the model's first-order rates at this
    patient's covariates (η = 0; the same rates the validity domain bounds, :data:`atgdesk.core.model.
    MAX_RATE_PER_DAY`) times the days from the first dose to the horizon.  An explicit integrator's step count
    grows in proportion to it.  0 for linear models (closed form) and for inputs that cannot be evaluated (their
    refusal is immediate)."""
    if model.is_linear:
        return 0.0
    try:
        covs = covariates_for(model_covariates(model), inputs)
        first = min(item.day for item in dose_schedule(inputs).items)
        horizon = _finite("horizon", inputs.horizon_day)
        p = _typical_parameters(model, covs)
    except (ValueError, ArithmeticError):
        return 0.0
    scale = model.amount_to_concentration
    rate = p.get("cl", 0.0) / p["v1"]
    if "q" in p and "v2" in p:
        rate += p["q"] / p["v1"] + p["q"] / p["v2"]
    if "vmax" in p and "km" in p:
        rate += scale * p["vmax"] / (p["km"] * p["v1"])
    if "tm" in p and "kmd" in p:
        rate += scale * p["tm"] / (p["kmd"] * p["v1"])
    value = rate * max(horizon - first, 0.0)
    return value if math.isfinite(value) else math.inf


_last_typical: list = [None, None, None]  # (model, covariates, parameters) of the last call


def _typical_parameters(model: PKModel, covs: dict[str, float]) -> dict[str, float]:
    """The typical patient's parameters, the last answer kept: every slider step asks :func:`is_slow`, and
    :func:`~atgdesk.core.model.individual_parameters` (~0.3 ms) is the bulk of it, while only the weight and
    lymphocyte fields change the covariates."""
    key = tuple(sorted(covs.items()))
    if _last_typical[0] is model and _last_typical[1] == key:
        return _last_typical[2]
    p = {k: float(np.asarray(v, dtype=float).ravel()[0]) for k, v in individual_parameters(model, covs).items()}
    _last_typical[:] = [model, key, p]
    return p


def is_slow(model: PKModel, inputs: ScenarioInputs) -> bool:
    """Whether :func:`evaluate` may take longer than a GUI step allows (:data:`SYNC_RATE_DAYS`)."""
    return stiffness(model, inputs) > SYNC_RATE_DAYS


def evaluate(model: PKModel, inputs: ScenarioInputs, step_day: float = DISPLAY_STEP_DAY) -> ScenarioResult:
    """Run the engine's one-patient path (:func:`atgdesk.core.metrics.predict`) for these inputs."""
    schedule = dose_schedule(inputs)
    weight = dosing_weight(inputs)
    regimen = schedule.regimen(float(weight))
    covs = covariates_for(model_covariates(model), inputs)
    pred = predict(model, covs, regimen, horizon_day=_finite("horizon", inputs.horizon_day),
                   threshold=_finite("threshold", inputs.threshold), step_day=step_day)
    return ScenarioResult(inputs, schedule, weight, covs, pred)


@dataclass(frozen=True, eq=False)
class Uncertainty:
    """Percentile band of the concentration and the post-HCT AUC distribution of ``n`` virtual patients with
    the scenario's covariates (variability from the model; residual error not included)."""

    t_day: np.ndarray
    lower: np.ndarray
    median: np.ndarray
    upper: np.ndarray
    lower_pct: float
    upper_pct: float
    n: int
    auc_post_median: float
    auc_post_p5: float
    auc_post_p95: float
    pta: float | None
    window: tuple[float, float] | None


def uncertainty(model: PKModel, inputs: ScenarioInputs, target: TargetWindow | None = None, n: int = 1000,
                seed: int = 0, step_day: float = 0.25, lower_pct: float = 5.0,
                upper_pct: float = 95.0) -> Uncertainty:
    """Band and PTA for one patient's covariates: ``n`` virtual patients drawn from the model's variability
    (:mod:`atgdesk.core.population`, seeded), one vectorised simulation for the band and one for the AUCs.

    ``target`` (an AUC target comparable with the model) gives the fraction of virtual patients inside it, by the
    verdict's own rule (:func:`atgdesk.core.targets.attainment`): attainment, or harm for an avoid band.  A
    day-below-threshold target gets no fraction (None).  Raises ``ValueError`` when the model has no variability.
    """
    if not model.eta_names:
        raise ValueError(f"model: '{model.id}' has no between-patient variability")
    from atgdesk.core import population  # on first use (see __getattr__)
    regimen = regimen_for(inputs)
    covs = covariates_for(model_covariates(model), inputs)
    vp = population.sample_population(model, int(n), covs, seed=seed)
    t = simulation_grid(regimen, _finite("horizon", inputs.horizon_day), step_day)
    band = population.percentile_band(vp, regimen, t, (lower_pct, 50.0, upper_pct))
    pre, post = population.population_aucs(vp, regimen, inputs.horizon_day)
    p5, p50, p95 = (float(v) for v in np.percentile(post, [5.0, 50.0, 95.0]))
    pta = None
    window = None
    if target is not None and target.metric in ("auc_post", "auc_pre", "auc_total"):
        values = {"auc_post": post, "auc_pre": pre, "auc_total": pre + post}[target.metric]
        pta = attainment(target, values)
        window = (target.lower if target.lower is not None else 0.0,
                  target.upper if target.upper is not None else math.inf)
    return Uncertainty(t, band.values[0], band.values[1], band.values[2], lower_pct, upper_pct, int(n),
                       p50, p5, p95, pta, window)


def exposure_map(model: PKModel, inputs: ScenarioInputs, weight_kg: np.ndarray,
                 alc_per_nl: np.ndarray) -> ExposureMap:
    """Post-HCT AUC for the scenario's schedule over a grid of body weights and lymphocyte counts (×10⁹/L):
    every grid point is dosed on its own dosing weight (same basis, height and sex) — the one exposure-map
    implementation, :func:`atgdesk.core.exposure_map.exposure_map`."""
    from atgdesk.core.exposure_map import exposure_map as _exposure_map  # on first use (see __getattr__)
    w = np.asarray(weight_kg, dtype=float)
    if w.ndim != 1 or w.size < 2 or np.asarray(alc_per_nl).size < 2:
        raise ValueError("grid: needs at least two weights and two lymphocyte counts")
    if not np.all(np.isfinite(w)):
        raise ValueError("grid: values must be finite")
    dosing = np.array([float(dosing_weight(inputs.with_(weight_kg=float(x)))) for x in w])
    names = model_covariates(model)
    fixed = {n: v for n, v in covariates_for(tuple(n for n in names if n not in WEIGHT_COVARIATES
                                                    and n not in ALC_COVARIATES), inputs).items()}
    return _exposure_map(model, dose_schedule(inputs), w, alc_per_nl, _finite("horizon", inputs.horizon_day),
                         fixed, dosing_weight_kg=dosing)


def inputs_to_payload(inputs: ScenarioInputs) -> dict:
    """A JSON-ready dict (for the user database) that :func:`inputs_from_payload` reads back exactly."""
    data = asdict(inputs)
    data.pop("extra", None)
    if data["per_day"] is not None:
        data["per_day"] = [list(r) for r in data["per_day"]]
    if data["custom_window"] is not None:
        data["custom_window"] = list(data["custom_window"])
    return {"kind": PAYLOAD_KIND, "version": PAYLOAD_VERSION, "inputs": data}


def inputs_from_payload(payload: dict) -> ScenarioInputs:
    """Inputs from a stored payload; ``ValueError`` naming the field when it is not one this app wrote."""
    if not isinstance(payload, dict) or payload.get("kind") != PAYLOAD_KIND:
        raise ValueError("scenario: not a calculator scenario")
    if payload.get("version") != PAYLOAD_VERSION:
        raise ValueError(f"scenario: unsupported version {payload.get('version')!r}")
    data = payload.get("inputs")
    if not isinstance(data, dict):
        raise ValueError("scenario: missing 'inputs'")
    known = {f for f in ScenarioInputs.__dataclass_fields__ if f != "extra"}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValueError(f"scenario: unknown field {unknown[0]!r}")
    kwargs = dict(data)
    if kwargs.get("per_day") is not None:
        kwargs["per_day"] = tuple(tuple(float(v) for v in r) for r in kwargs["per_day"])
    if kwargs.get("custom_window") is not None:
        lo, hi = kwargs["custom_window"]
        kwargs["custom_window"] = (float(lo), float(hi))
    inputs = ScenarioInputs(**kwargs)
    for name in ("weight_kg", "alc_value", "dose_mg_per_kg", "first_day", "first_infusion_h", "infusion_h",
                 "horizon_day", "threshold"):
        _finite(f"scenario field {name}", getattr(inputs, name))
    if inputs.alc_unit not in ALC_UNITS:
        raise ValueError(f"scenario field alc_unit: {inputs.alc_unit!r} is not one of {', '.join(ALC_UNITS)}")
    return inputs
