"""PK model files: loading, validation and individual parameters.

A model is data (TOML, format in ``docs/model-format.md``), never code.  :func:`load_model` validates every field
and raises :class:`ModelFileError` whose message names the file and the field; :func:`list_models` loads a whole
folder so that one bad file never stops the others.

Parameter names and the units they must be given in (``D`` = the model's dose unit, ``C`` = its concentration
unit, volume unit L, time unit day):

====== ============ ==================================================================
name   unit         meaning
====== ============ ==================================================================
cl     L/day        linear clearance from the central compartment
v1     L            central volume
q      L/day        inter-compartmental clearance (2 compartments; the return flux when
                    distribution is saturable)
v2     L            peripheral volume (2 compartments)
vmax   D/day        maximum Michaelis-Menten elimination rate
km     C            concentration at half-maximal elimination
tm     D/day        maximum saturable distribution rate (central → peripheral)
kmd    C            concentration at half-maximal distribution rate
====== ============ ==================================================================
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from atgdesk.core.tomlfile import read_toml
from atgdesk.core.words import translate

__all__ = [
    "SCHEMA_VERSION",
    "ModelFileError",
    "ParameterSpec",
    "CovariateEffect",
    "CovariateDomain",
    "ModelSource",
    "PKModel",
    "load_model",
    "parse_model",
    "list_models",
    "find_model",
    "individual_parameters",
    "check_covariates",
    "typical_covariates",
]

SCHEMA_VERSION = 1
STATUSES = ("verified", "illustrative", "user")
ANALYTES = ("active", "total")
ELIMINATIONS = ("linear", "mm", "linear+mm")
DISTRIBUTIONS = ("linear", "saturable")
FORMS = {"power": "exponent", "linear": "slope", "exponential": "coefficient"}
KNOWN_DOSE_UNITS = ("mg",)
KNOWN_CONC_UNITS = ("AU/mL", "UE/mL", "ug/mL", "mg/L")
KNOWN_VOLUME_UNITS = ("L",)
PARAMETER_NAMES = ("cl", "v1", "q", "v2", "vmax", "km", "tm", "kmd")
MAX_PARAMETER_VALUE = 1e7
MAX_OMEGA_VARIANCE = 4.0
MAX_CV = 3.0
#: Validity domain of the engine (a numerical limit, not a clinical figure): the first-order rates of the system —
#: CL/V1, Q/V1, Q/V2 and the low-concentration rates of saturable processes Vmax·s/(Km·V1) and Tm·s/(Kmd·V1) —
#: each at its largest within the covariates' hard ranges and ±3 SD of inter-individual variability, must add up
#: to at most this (per day).  Their sum bounds the fastest eigenvalue; faster systems are stiff and the explicit
#: integrator of the nonlinear models runs out of its step budget (200,000 steps; 8,000 per day did not finish)
#: or, with tiny Km, steps below zero (negative AUCs were seen with km = 1e-9).  Its time grows in proportion to
#: the rate: one patient (2-compartment linear+MM, day -4 to 100) took 10 ms at 10 per day, 370 ms at 500,
#: 820 ms at 1,000, 1.3 s at 1,530, 1.6 s at 2,000 and 3.6 s at 4,000 (6-11 s on a loaded machine); linear models
#: use the closed form (< 1 ms at any rate).  No bound can give the ~100 ms a slider needs (about 120 per day)
#: and keep the bundled model, whose most extreme corner (1 kg, ALC 200, +3 SD) reaches about 1,530 per day; the
#: test fixtures and the documented example reach 2,140 and 2,590.  So the bound stays here and slowness at the
#: corners is the GUI's to handle (the bundled typical patient at its worst covariate corner takes ~140 ms).
MAX_RATE_PER_DAY = 4000.0
IIV_SPAN_SD = 3.0


class ModelFileError(ValueError):
    """A model file that cannot be used; the message names the file and the field."""


@dataclass(frozen=True)
class ParameterSpec:
    """A typical value with its unit and log-normal inter-individual variance ``omega2`` (0 = none).

    ``omega_given`` records how the file stated it: 'variance' (ω² of η) or 'cv' (converted with
    ω² = ln(1 + CV²)); None when the parameter has no variability.  ``note`` is the file's free text on where
    the value comes from (e.g. 'calibrated' or 'fixed assumption'); empty when the file gives none."""

    name: str
    value: float
    unit: str
    omega2: float = 0.0
    omega_given: str | None = None
    note: str = ""


@dataclass(frozen=True)
class CovariateEffect:
    """One covariate relation on one parameter, in a declared form.

    power: ``P × (cov/reference)^coefficient``; linear: ``P × (1 + coefficient × (cov − reference))``;
    exponential: ``P × exp(coefficient × (cov − reference))``.  ``note`` is the file's free text on the
    relation (empty when it gives none)."""

    parameter: str
    covariate: str
    form: str
    reference: float
    coefficient: float
    note: str = ""

    def factor(self, cov: np.ndarray) -> np.ndarray:
        """The multiplicative factor for covariate values ``cov``."""
        if self.form == "power":
            return (cov / self.reference) ** self.coefficient
        if self.form == "linear":
            return 1.0 + self.coefficient * (cov - self.reference)
        return np.exp(self.coefficient * (cov - self.reference))


@dataclass(frozen=True)
class CovariateDomain:
    """A covariate's unit, typical value and validity domain (soft: warn outside; hard: refuse outside)."""

    name: str
    unit: str
    description: str
    typical: float
    soft_min: float
    soft_max: float
    hard_min: float
    hard_max: float


@dataclass(frozen=True)
class ModelSource:
    """Where the parameter values come from."""

    citation: str
    doi: str = ""
    table: str = ""
    entered_by: str = ""
    verified_by: str = ""
    date: str = ""
    note: str = ""


@dataclass(frozen=True, eq=False)
class PKModel:
    """A validated PK model (see the module docstring and ``docs/model-format.md``)."""

    id: str
    name: str
    product: str
    analyte: str
    assay: str
    dose_unit: str
    concentration_unit: str
    volume_unit: str
    amount_to_concentration: float
    status: str
    label: str
    source: ModelSource
    compartments: int
    elimination: str
    distribution: str
    parameters: tuple[ParameterSpec, ...]
    covariate_effects: tuple[CovariateEffect, ...]
    covariates: tuple[CovariateDomain, ...]
    residual_proportional: float
    residual_additive: float
    path: str = ""
    residual_note: str = ""  # the file's text on where the residual error comes from (e.g. an assumption)
    schema_version: int = SCHEMA_VERSION
    calibration: Mapping[str, Any] = field(default_factory=dict)

    @property
    def time_unit(self) -> str:
        """Always 'day'."""
        return "day"

    @property
    def is_linear(self) -> bool:
        """True when the model is linear in dose (no Michaelis-Menten term)."""
        return self.elimination == "linear" and self.distribution == "linear"

    @property
    def auc_unit(self) -> str:
        """Unit of AUC: concentration unit × day, e.g. 'AU·day/mL'."""
        num, _, den = self.concentration_unit.partition("/")
        return f"{num}·day/{den}" if den else f"{num}·day"

    def parameter(self, name: str) -> ParameterSpec:
        """The spec of parameter ``name``."""
        for p in self.parameters:
            if p.name == name:
                return p
        raise KeyError(name)

    @property
    def parameter_names(self) -> tuple[str, ...]:
        """Parameters the structure uses, in file order."""
        return tuple(p.name for p in self.parameters)

    @property
    def eta_names(self) -> tuple[str, ...]:
        """Parameters with inter-individual variability (the columns of ``eta``)."""
        return tuple(p.name for p in self.parameters if p.omega2 > 0)

    @property
    def omega2(self) -> np.ndarray:
        """Diagonal of Ω in :attr:`eta_names` order."""
        return np.array([p.omega2 for p in self.parameters if p.omega2 > 0])

    @property
    def covariate_names(self) -> tuple[str, ...]:
        """Covariates declared in the validity domain."""
        return tuple(c.name for c in self.covariates)

    def domain(self, name: str) -> CovariateDomain:
        """The validity domain of covariate ``name``."""
        for c in self.covariates:
            if c.name == name:
                return c
        raise KeyError(name)

    def with_parameters(self, **values: float) -> PKModel:
        """A copy with some typical values replaced (calibration, tests); validated like a file."""
        from dataclasses import replace
        params = []
        for p in self.parameters:
            params.append(replace(p, value=float(values.pop(p.name))) if p.name in values else p)
        if values:
            raise ValueError(f"parameters: unknown {sorted(values)}")
        for p in params:
            if not (math.isfinite(p.value) and 0 < p.value <= MAX_PARAMETER_VALUE):
                raise ValueError(f"parameters.{p.name}.value: must be > 0 and finite, got {p.value}")
        return replace(self, parameters=tuple(params))


# ---------------------------------------------------------------------------------------------------------------
# Loading and validation


_PLAIN_FIELD = re.compile(r"[A-Za-z0-9_\-]+(?:\.[A-Za-z0-9_\-]+|\[\d+\])*")


class _Reader:
    """Typed access to a TOML table that reports 'file: field: problem'."""

    def __init__(self, file: str) -> None:
        self.file = file

    def fail(self, fld: str, problem: str) -> ModelFileError:
        # A key from the file may be empty or hold ':' or a line break: quote it so the message stays one
        # line of the form 'file: field: problem'.
        shown = fld if _PLAIN_FIELD.fullmatch(fld) else repr(fld)
        return ModelFileError(f"{self.file}: {shown}: {problem}")

    def table(self, data: Mapping[str, Any], key: str, prefix: str = "", required: bool = True) -> dict:
        fld = f"{prefix}{key}"
        if key not in data:
            if required:
                raise self.fail(fld, "missing table")
            return {}
        v = data[key]
        if not isinstance(v, dict):
            raise self.fail(fld, f"must be a table, got {type(v).__name__}")
        return v

    def string(self, data: Mapping[str, Any], key: str, prefix: str = "", required: bool = True,
               choices: tuple[str, ...] | None = None) -> str:
        fld = f"{prefix}{key}"
        if key not in data:
            if required:
                raise self.fail(fld, "missing")
            return ""
        v = data[key]
        if not isinstance(v, str):
            raise self.fail(fld, f"must be a string, got {type(v).__name__}")
        if required and not v.strip():
            raise self.fail(fld, "must not be empty")
        if choices is not None and v not in choices:
            raise self.fail(fld, f"'{v}' is not one of {', '.join(choices)}")
        return v

    def number(self, data: Mapping[str, Any], key: str, prefix: str = "", required: bool = True,
               default: float | None = None, lo: float | None = None, hi: float | None = None,
               lo_open: bool = False) -> float:
        fld = f"{prefix}{key}"
        if key not in data:
            if required:
                raise self.fail(fld, "missing")
            return float(default if default is not None else 0.0)
        v = data[key]
        if isinstance(v, bool) or not isinstance(v, int | float):
            raise self.fail(fld, f"must be a number, got {type(v).__name__} {v!r}")
        v = float(v)
        if not math.isfinite(v):
            raise self.fail(fld, f"must be finite, got {v}")
        if lo is not None and (v < lo or (lo_open and v == lo)):
            raise self.fail(fld, f"must be {'>' if lo_open else '≥'} {lo:g}, got {v:g}")
        if hi is not None and v > hi:
            raise self.fail(fld, f"must be ≤ {hi:g}, got {v:g}")
        return v

    def pair(self, data: Mapping[str, Any], key: str, prefix: str) -> tuple[float, float]:
        fld = f"{prefix}{key}"
        if key not in data:
            raise self.fail(fld, "missing [min, max]")
        v = data[key]
        if (not isinstance(v, list) or len(v) != 2
                or any(isinstance(x, bool) or not isinstance(x, int | float) for x in v)):
            raise self.fail(fld, f"must be a list of two numbers [min, max], got {v!r}")
        lo, hi = float(v[0]), float(v[1])
        if not (math.isfinite(lo) and math.isfinite(hi)) or lo >= hi:
            raise self.fail(fld, f"needs finite min < max, got {v!r}")
        return lo, hi


_TOP_KEYS = {"schema_version", "id", "name", "product", "analyte", "assay", "label", "units", "status", "source",
             "structure", "parameters", "covariate_effects", "covariates", "residual_error", "calibration"}


def _required_parameters(compartments: int, elimination: str, distribution: str) -> tuple[str, ...]:
    names = ["v1"]
    if elimination in ("linear", "linear+mm"):
        names.insert(0, "cl")
    if elimination in ("mm", "linear+mm"):
        names += ["vmax", "km"]
    if compartments == 2:
        names += ["q", "v2"]
        if distribution == "saturable":
            names += ["tm", "kmd"]
    return tuple(names)


def parse_model(data: Mapping[str, Any], file: str = "<model>") -> PKModel:
    """Validate parsed TOML ``data`` and build a :class:`PKModel` (``file`` is used in error messages)."""
    r = _Reader(file)
    unknown = sorted(set(data) - _TOP_KEYS)
    if unknown:
        raise r.fail(unknown[0], "unknown top-level key (no executable content or extra keys are allowed)")
    if "schema_version" not in data:
        raise r.fail("schema_version", "missing")
    sv = data["schema_version"]
    if isinstance(sv, bool) or not isinstance(sv, int) or sv != SCHEMA_VERSION:
        raise r.fail("schema_version", f"must be {SCHEMA_VERSION}, got {sv!r}")
    mid = r.string(data, "id")
    if not all(ch.isalnum() or ch in "-_." for ch in mid):
        raise r.fail("id", f"'{mid}' may contain only letters, digits, '-', '_' and '.'")
    name = r.string(data, "name")
    product = r.string(data, "product")
    analyte = r.string(data, "analyte", choices=ANALYTES)
    assay = r.string(data, "assay")

    units = r.table(data, "units")
    dose_unit = r.string(units, "dose", "units.", choices=KNOWN_DOSE_UNITS)
    time_unit = r.string(units, "time", "units.", choices=("day",))
    del time_unit
    conc_unit = r.string(units, "concentration", "units.", choices=KNOWN_CONC_UNITS)
    volume_unit = r.string(units, "volume", "units.", choices=KNOWN_VOLUME_UNITS)
    scale = r.number(units, "amount_to_concentration", "units.", lo=0.0, lo_open=True, hi=1e9)

    status = r.string(data, "status", choices=STATUSES)
    label = r.string(data, "label", required=status == "illustrative")
    src = r.table(data, "source")
    source = ModelSource(
        citation=r.string(src, "citation", "source."),
        doi=r.string(src, "doi", "source.", required=False),
        table=r.string(src, "table", "source.", required=False),
        entered_by=r.string(src, "entered_by", "source."),
        verified_by=r.string(src, "verified_by", "source.", required=status == "verified"),
        date=r.string(src, "date", "source."),
        note=r.string(src, "note", "source.", required=False),
    )

    st = r.table(data, "structure")
    comp = st.get("compartments")
    if isinstance(comp, bool) or comp not in (1, 2):
        raise r.fail("structure.compartments", f"must be 1 or 2, got {comp!r}")
    elimination = r.string(st, "elimination", "structure.", choices=ELIMINATIONS)
    distribution = r.string(st, "distribution", "structure.", required=comp == 2, choices=None)
    if comp == 1:
        if distribution:
            raise r.fail("structure.distribution", "only for 2 compartments")
        distribution = "linear"
    elif distribution not in DISTRIBUTIONS:
        raise r.fail("structure.distribution", f"'{distribution}' is not one of {', '.join(DISTRIBUTIONS)}")

    expected_units = {"cl": "L/day", "q": "L/day", "v1": "L", "v2": "L", "vmax": f"{dose_unit}/day",
                      "tm": f"{dose_unit}/day", "km": conc_unit, "kmd": conc_unit}
    needed = _required_parameters(comp, elimination, distribution)
    ptab = r.table(data, "parameters")
    for k in ptab:
        if k not in PARAMETER_NAMES:
            raise r.fail(f"parameters.{k}", f"unknown parameter (known: {', '.join(PARAMETER_NAMES)})")
        if k not in needed:
            raise r.fail(f"parameters.{k}", f"not used by a {comp}-compartment model with {elimination} "
                                            f"elimination and {distribution} distribution")
    params: list[ParameterSpec] = []
    for k in needed:
        pre = f"parameters.{k}."
        p = r.table(ptab, k, "parameters.")
        extra = sorted(set(p) - {"value", "unit", "omega_variance", "cv", "note"})
        if extra:
            raise r.fail(pre + extra[0], "unknown key")
        value = r.number(p, "value", pre, lo=0.0, lo_open=True, hi=MAX_PARAMETER_VALUE)
        unit = r.string(p, "unit", pre)
        if unit != expected_units[k]:
            raise r.fail(pre + "unit", f"must be '{expected_units[k]}', got '{unit}'")
        if "omega_variance" in p and "cv" in p:
            raise r.fail(pre + "cv", "give omega_variance or cv, not both")
        omega2, given = 0.0, None
        if "omega_variance" in p:
            omega2, given = r.number(p, "omega_variance", pre, lo=0.0, hi=MAX_OMEGA_VARIANCE), "variance"
        elif "cv" in p:
            cv = r.number(p, "cv", pre, lo=0.0, hi=MAX_CV)
            omega2, given = math.log1p(cv * cv), "cv"
        note = r.string(p, "note", pre, required=False)
        params.append(ParameterSpec(k, value, unit, omega2, given if omega2 > 0 else None, note))

    ctab = r.table(data, "covariates", required=False)
    covs: list[CovariateDomain] = []
    for cname, c in ctab.items():
        pre = f"covariates.{cname}."
        if not isinstance(c, dict):
            raise r.fail(f"covariates.{cname}", "must be a table")
        extra = sorted(set(c) - {"unit", "description", "typical", "soft", "hard"})
        if extra:
            raise r.fail(pre + extra[0], "unknown key")
        hard = r.pair(c, "hard", pre)
        soft = r.pair(c, "soft", pre)
        if soft[0] < hard[0] or soft[1] > hard[1]:
            raise r.fail(pre + "soft", f"{list(soft)} must lie inside hard {list(hard)}")
        typical = r.number(c, "typical", pre)
        if not soft[0] <= typical <= soft[1]:
            raise r.fail(pre + "typical", f"{typical:g} must lie inside soft {list(soft)}")
        covs.append(CovariateDomain(cname, r.string(c, "unit", pre), r.string(c, "description", pre),
                                    typical, soft[0], soft[1], hard[0], hard[1]))
    cov_by_name = {c.name: c for c in covs}

    raw_effects = data.get("covariate_effects", [])
    if not isinstance(raw_effects, list):
        raise r.fail("covariate_effects", "must be an array of tables ([[covariate_effects]])")
    effects: list[CovariateEffect] = []
    for i, e in enumerate(raw_effects):
        pre = f"covariate_effects[{i}]."
        if not isinstance(e, dict):
            raise r.fail(f"covariate_effects[{i}]", "must be a table")
        pname = r.string(e, "parameter", pre)
        if pname not in needed:
            raise r.fail(pre + "parameter", f"'{pname}' is not a parameter of this model")
        cname = r.string(e, "covariate", pre)
        if cname not in cov_by_name:
            raise r.fail(pre + "covariate", f"'{cname}' has no [covariates.{cname}] validity domain")
        form = r.string(e, "form", pre, choices=tuple(FORMS))
        coef_key = FORMS[form]
        extra = sorted(set(e) - {"parameter", "covariate", "form", "reference", coef_key, "note"})
        if extra:
            raise r.fail(pre + extra[0], f"unknown key for form '{form}' (expects reference and {coef_key})")
        dom = cov_by_name[cname]
        if form == "power":
            ref = r.number(e, "reference", pre, lo=0.0, lo_open=True)
            coef = r.number(e, coef_key, pre, lo=-10.0, hi=10.0)
            if dom.hard_min <= 0:
                raise r.fail(pre + "form", f"power form needs covariate '{cname}' > 0 but its hard range "
                                           f"starts at {dom.hard_min:g}")
        else:
            ref = r.number(e, "reference", pre)
            coef = r.number(e, coef_key, pre)
        eff = CovariateEffect(pname, cname, form, ref, coef, r.string(e, "note", pre, required=False))
        ends = eff.factor(np.array([dom.hard_min, dom.hard_max], dtype=float))
        if not np.all(np.isfinite(ends)) or np.any(ends <= 0) or np.any(ends > 1e6):
            raise r.fail(pre + coef_key, f"gives a factor outside (0, 1e6] within the hard range of '{cname}' "
                                         f"{[dom.hard_min, dom.hard_max]}")
        effects.append(eff)

    res = r.table(data, "residual_error")
    extra = sorted(set(res) - {"proportional", "additive", "note"})
    if extra:
        raise r.fail("residual_error." + extra[0], "unknown key")
    prop = r.number(res, "proportional", "residual_error.", lo=0.0, hi=5.0)
    add = r.number(res, "additive", "residual_error.", lo=0.0, hi=1e6)
    if prop == 0 and add == 0:
        raise r.fail("residual_error", "proportional and additive cannot both be 0")
    residual_note = r.string(res, "note", "residual_error.", required=False)

    _check_rate_domain(r, params, effects, cov_by_name, scale)

    calib = r.table(data, "calibration", required=False)
    if status == "illustrative" and not calib:
        raise r.fail("calibration", "an illustrative model must record its calibration targets and results")

    return PKModel(
        id=mid, name=name, product=product, analyte=analyte, assay=assay, dose_unit=dose_unit,
        concentration_unit=conc_unit, volume_unit=volume_unit, amount_to_concentration=scale, status=status,
        label=label, source=source, compartments=comp, elimination=elimination, distribution=distribution,
        parameters=tuple(params), covariate_effects=tuple(effects), covariates=tuple(covs),
        residual_proportional=prop, residual_additive=add, path=file, calibration=calib,
        residual_note=residual_note,
    )


def _parameter_range(spec: ParameterSpec, effects: list[CovariateEffect],
                     domains: Mapping[str, CovariateDomain]) -> tuple[float, float]:
    """Smallest and largest value ``spec`` can take: covariate factors at the hard-range ends (every form is
    monotonic), times inter-individual variability at ±IIV_SPAN_SD."""
    lo = hi = spec.value
    for eff in effects:
        if eff.parameter != spec.name:
            continue
        dom = domains[eff.covariate]
        ends = eff.factor(np.array([dom.hard_min, dom.hard_max], dtype=float))
        lo, hi = lo * float(ends.min()), hi * float(ends.max())
    spread = math.exp(IIV_SPAN_SD * math.sqrt(spec.omega2))
    return lo / spread, hi * spread


def _check_rate_domain(r: _Reader, params: list[ParameterSpec], effects: list[CovariateEffect],
                       domains: Mapping[str, CovariateDomain], scale: float) -> None:
    """Refuse parameter sets outside the engine's validity domain (:data:`MAX_RATE_PER_DAY`), naming them."""
    ranges = {p.name: _parameter_range(p, effects, domains) for p in params}
    rates = (  # (what, numerator parameters, denominator parameters, extra factor)
        ("an elimination rate CL/V1", ("cl",), ("v1",), 1.0),
        ("a distribution rate Q/V1", ("q",), ("v1",), 1.0),
        ("a return rate Q/V2", ("q",), ("v2",), 1.0),
        ("a saturable elimination rate at low concentration Vmax/(Km·V1)", ("vmax",), ("km", "v1"), scale),
        ("a saturable distribution rate at low concentration Tm/(Kmd·V1)", ("tm",), ("kmd", "v1"), scale),
    )
    reached = []
    for what, top, bottom, factor in rates:
        if all(name in ranges for name in top + bottom):
            fastest = factor * math.prod(ranges[n][1] for n in top) / math.prod(ranges[n][0] for n in bottom)
            reached.append((fastest, what, top + bottom))
    total = sum(rate for rate, _, _ in reached)
    if not math.isfinite(total) or total > MAX_RATE_PER_DAY:
        fastest, what, names = max(reached, key=lambda item: item[0] if math.isfinite(item[0]) else math.inf)
        raise r.fail(" and ".join(f"parameters.{n}" for n in names),
                     f"give {what} of up to {fastest:.3g} per day (all rates together {total:.3g} per day) within "
                     f"the covariate ranges and ±{IIV_SPAN_SD:g} SD of variability; the engine's validity domain is "
                     f"at most {MAX_RATE_PER_DAY:g} per day (faster systems are too stiff to integrate)")


def load_model(path: str | Path) -> PKModel:
    """Read and validate one model file; raises :class:`ModelFileError` naming the file and the field."""
    data, name = read_toml(path, ModelFileError, max_bytes=1_000_000)
    return parse_model(data, name)


def list_models(folder: str | Path) -> tuple[list[PKModel], list[tuple[str, str]]]:
    """Load every ``*.toml`` in ``folder``: (models sorted by id, [(file, error message)]).

    A bad file, or a second file reusing an id, is reported and skipped; the others still load."""
    models: list[PKModel] = []
    errors: list[tuple[str, str]] = []
    d = Path(folder)
    if not d.is_dir():
        return models, errors
    seen: dict[str, str] = {}
    for f in sorted(d.glob("*.toml")):
        try:
            m = load_model(f)
        except ModelFileError as exc:
            errors.append((str(f), str(exc)))
            continue
        except (ValueError, TypeError, ArithmeticError, RecursionError, MemoryError) as exc:
            # a file the validator did not foresee: reported like any bad file, never hiding the others
            errors.append((str(f), f"{f}: cannot be used ({type(exc).__name__}: {exc})"))
            continue
        if m.id in seen:
            errors.append((str(f), f"{f}: id: '{m.id}' is already used by {seen[m.id]}"))
            continue
        seen[m.id] = str(f)
        models.append(m)
    models.sort(key=lambda m: m.id)
    return models, errors


def find_model(id_or_path: str, folders: list[str | Path] | tuple[str | Path, ...]) -> PKModel:
    """A model by file path (if ``id_or_path`` names a file) or by id in ``folders``; ValueError naming 'model'."""
    p = Path(id_or_path)
    if p.suffix == ".toml" or p.is_file():
        if not p.is_file():
            raise ValueError(f"model: no such file '{id_or_path}'")
        return load_model(p)
    known: list[str] = []
    for folder in folders:
        models, _ = list_models(folder)
        for m in models:
            if m.id == id_or_path:
                return m
            known.append(m.id)
    raise ValueError(f"model: unknown id '{id_or_path}' (available: {', '.join(known) or 'none'})")


# ---------------------------------------------------------------------------------------------------------------
# Covariates and individual parameters


def typical_covariates(model: PKModel) -> dict[str, float]:
    """Each declared covariate at its typical value."""
    return {c.name: c.typical for c in model.covariates}


def _covariate_arrays(model: PKModel, covariates: Mapping[str, float | np.ndarray]) -> dict[str, np.ndarray]:
    used = {e.covariate for e in model.covariate_effects}
    out: dict[str, np.ndarray] = {}
    for name in sorted(used):
        if name not in covariates:
            raise ValueError(translate("model", "{name}: covariate missing (model '{model}' needs {needed})").format(
                name=name, model=model.id, needed=", ".join(sorted(used))))
        try:
            a = np.atleast_1d(np.asarray(covariates[name], dtype=float))
        except (TypeError, ValueError):
            raise ValueError(translate("model", "{name}: must be a number or an array of numbers").format(
                name=name)) from None
        if a.ndim != 1:
            raise ValueError(f"{name}: must be a scalar or a 1-D array")
        if not np.all(np.isfinite(a)):
            raise ValueError(translate("model", "{name}: must be finite").format(name=name))
        dom = model.domain(name)
        bad = (a < dom.hard_min) | (a > dom.hard_max)
        if np.any(bad):
            v = a[bad][0]
            raise ValueError(translate("model", "{name}: {value} {unit} is outside the model's hard range "
                                       "[{min}, {max}]").format(name=translate("covariate", name),
                                                                value=f"{v:g}", unit=dom.unit,
                                                                min=f"{dom.hard_min:g}", max=f"{dom.hard_max:g}"))
        out[name] = a
    return out


def check_covariates(model: PKModel, covariates: Mapping[str, float | np.ndarray]) -> list[str]:
    """Warnings for covariates outside the soft range; ValueError (naming the covariate) outside the hard range
    or when one the model needs is missing."""
    arrays = _covariate_arrays(model, covariates)
    warnings: list[str] = []
    for name, a in arrays.items():
        dom = model.domain(name)
        out = (a < dom.soft_min) | (a > dom.soft_max)
        if np.any(out):
            warnings.append(translate(
                "model", "{name} = {value} {unit} is outside the range the model was built for [{min}, {max}]; "
                "the prediction is an extrapolation").format(name=translate("covariate", name),  # the field's name
                                                             value=f"{a[out][0]:g}", unit=dom.unit,
                                                             min=f"{dom.soft_min:g}", max=f"{dom.soft_max:g}"))
    return warnings


def individual_parameters(model: PKModel, covariates: Mapping[str, float | np.ndarray],
                          eta: np.ndarray | None = None) -> dict[str, np.ndarray]:
    """Individual parameter values, each an array of shape (N,).

    ``covariates`` maps covariate name → scalar or (N,) array (hard-range checked); ``eta`` is (N, K) or (K,)
    with K = len(model.eta_names) (the individual's log-deviations, P = P_typ × covariate factors × exp(η)),
    or None for the typical individual."""
    arrays = _covariate_arrays(model, covariates)
    sizes = {a.shape[0] for a in arrays.values()}
    eta_arr = None
    k = len(model.eta_names)
    if eta is not None:
        eta_arr = np.asarray(eta, dtype=float)
        if eta_arr.ndim == 1:
            eta_arr = eta_arr[None, :]
        if eta_arr.ndim != 2 or eta_arr.shape[1] != k:
            raise ValueError(f"eta: expected shape (N, {k}) for {model.eta_names}, got {np.shape(eta)}")
        if not np.all(np.isfinite(eta_arr)):
            raise ValueError("eta: must be finite")
        sizes.add(eta_arr.shape[0])
    sizes.discard(1)
    if len(sizes) > 1:
        raise ValueError(f"covariates: arrays of different lengths {sorted(sizes)}")
    n = sizes.pop() if sizes else 1
    out: dict[str, np.ndarray] = {}
    eta_col = {name: j for j, name in enumerate(model.eta_names)}
    for p in model.parameters:
        v = np.full(n, p.value)
        for e in model.covariate_effects:
            if e.parameter == p.name:
                v = v * e.factor(arrays[e.covariate])
        if eta_arr is not None and p.name in eta_col:
            v = v * np.exp(eta_arr[:, eta_col[p.name]])
        out[p.name] = np.broadcast_to(v, (n,)).astype(float, copy=True)
    return out
