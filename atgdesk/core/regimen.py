"""Dosing regimens: IV administrations on days relative to the transplant (day 0).

Time convention: ``t_day`` is measured in days from the start of the transplant day (day 0 = time 0).  A dose
"on day -3" starts at ``t_day = -3.0`` and runs for its infusion duration; a dose "on day -1.5" starts at noon
of day -2.

Two levels:

* :class:`Regimen` — what the engine simulates: administrations with an ``amount`` in the model's dose unit.
* :class:`DoseSchedule` — what a clinician writes: per-dose amounts in mg/kg or mg, days and infusion hours.
  ``schedule.regimen(weight_kg)`` gives the :class:`Regimen` for one patient and ``schedule.amount_matrix(w)``
  the (N, M) amounts for N patients of different weights (vectorised population runs).

Regimen spec syntax (command line, :func:`parse_dose_schedule`)::

    SPEC  := PART (';' PART)*
    PART  := AMOUNT '@' DAYS '/' DURATIONS
    AMOUNT:= NUMBER 'mg/kg' | NUMBER 'mg'              per administration
    DAYS  := DAY (',' DAY)*      DAY := NUMBER | INT '..' INT   (a range of consecutive whole days)
    DURATIONS := DUR (',' DUR)*  DUR := NUMBER 'h' | NUMBER 'min' | NUMBER 'd'
                 one duration for every day, or exactly one per day in order (e.g. "6h,4h,4h")

Examples: ``2.5mg/kg@-3,-2/6h``; ``1.5mg/kg@-4..-1/6h,4h,4h,4h``; ``2.5mg/kg@-4..-1/6h;100mg@-1.5/4h``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import numpy as np

from atgdesk.core.words import translate

__all__ = [
    "sorted_unique",
    "Administration",
    "Regimen",
    "DoseItem",
    "DoseSchedule",
    "regimen_from_mg_per_kg",
    "schedule_from_mg_per_kg",
    "parse_dose_schedule",
    "parse_regimen_spec",
]


def sorted_unique(values) -> np.ndarray:
    """Sorted distinct values of a 1-D float array (what ``np.unique`` returns for finite input).

    ``np.unique`` imports ``numpy.ma`` on its first call (~14 ms at start-up); these time grids never need it.
    """
    a = np.sort(np.asarray(values, dtype=float).ravel())
    if a.size < 2:
        return a
    keep = np.empty(a.shape, dtype=bool)
    keep[0] = True
    np.not_equal(a[1:], a[:-1], out=keep[1:])
    return a[keep]


# Soft sanity limits on what a regimen may contain (the engine refuses anything outside them).
MAX_ABS_DAY = 365.0
MAX_DURATION_DAY = 30.0


def _finite(name: str, value: float) -> float:
    try:
        v = float(value)
    except (TypeError, ValueError):
        raise ValueError(translate("regimen", "{name}: expected a number, got {value}").format(
            name=name, value=repr(value))) from None
    if not math.isfinite(v):
        raise ValueError(translate("regimen", "{name}: must be finite, got {value}").format(
            name=name, value=repr(value)))
    return v


@dataclass(frozen=True)
class Administration:
    """One IV administration: starts at ``start_day``, delivers ``amount`` (model dose unit) at a constant rate
    over ``duration_day`` days (0 = bolus)."""

    start_day: float
    amount: float
    duration_day: float

    def __post_init__(self) -> None:
        s = _finite("start_day", self.start_day)
        a = _finite("amount", self.amount)
        d = _finite("duration_day", self.duration_day)
        if abs(s) > MAX_ABS_DAY:
            raise ValueError(translate("regimen", "start_day: {day} is outside ±{limit} days").format(
                day=s, limit=f"{MAX_ABS_DAY:g}"))
        if a < 0:
            raise ValueError(translate("regimen", "amount: must be ≥ 0, got {amount}").format(amount=a))
        if d < 0 or d > MAX_DURATION_DAY:
            raise ValueError(translate("regimen", "duration_day: must be in [0, {limit}] days, got {days}").format(
                limit=f"{MAX_DURATION_DAY:g}", days=d))
        object.__setattr__(self, "start_day", s)
        object.__setattr__(self, "amount", a)
        object.__setattr__(self, "duration_day", d)

    @property
    def end_day(self) -> float:
        """Time the infusion stops."""
        return self.start_day + self.duration_day


@dataclass(frozen=True)
class Regimen:
    """An ordered tuple of administrations (sorted by start time on construction)."""

    administrations: tuple[Administration, ...]

    def __post_init__(self) -> None:
        adms = tuple(self.administrations)
        if not adms:
            raise ValueError("regimen: needs at least one administration")
        for i, a in enumerate(adms):
            if not isinstance(a, Administration):
                raise ValueError(f"regimen: administration {i} is not an Administration")
        object.__setattr__(self, "administrations", tuple(sorted(adms, key=lambda a: a.start_day)))

    @property
    def first_day(self) -> float:
        """Start of the first administration."""
        return self.administrations[0].start_day

    @property
    def last_end_day(self) -> float:
        """End of the last infusion to finish (the 'last dose' for the below-threshold day)."""
        return max(a.end_day for a in self.administrations)

    @property
    def total_amount(self) -> float:
        """Sum of all amounts (model dose unit)."""
        return math.fsum(a.amount for a in self.administrations)

    def starts_day(self) -> np.ndarray:
        """Start times, shape (M,)."""
        return np.array([a.start_day for a in self.administrations])

    def durations_day(self) -> np.ndarray:
        """Durations, shape (M,)."""
        return np.array([a.duration_day for a in self.administrations])

    def amounts(self) -> np.ndarray:
        """Amounts, shape (M,)."""
        return np.array([a.amount for a in self.administrations])

    def breakpoints_day(self) -> np.ndarray:
        """Sorted unique infusion start and stop times (where the input rate changes)."""
        pts = [a.start_day for a in self.administrations] + [a.end_day for a in self.administrations]
        return sorted_unique(pts)

    def shifted(self, delta_day: float) -> Regimen:
        """The same regimen moved ``delta_day`` days later (negative: earlier)."""
        d = _finite("delta_day", delta_day)
        return Regimen(tuple(Administration(a.start_day + d, a.amount, a.duration_day) for a in self.administrations))

    def scaled(self, factor: float) -> Regimen:
        """Every amount multiplied by ``factor`` (≥ 0)."""
        f = _finite("factor", factor)
        if f < 0:
            raise ValueError(f"factor: must be ≥ 0, got {f}")
        return Regimen(tuple(Administration(a.start_day, a.amount * f, a.duration_day) for a in self.administrations))


@dataclass(frozen=True)
class DoseItem:
    """One prescribed dose: either ``mg_per_kg`` or ``mg`` (exactly one set, as exact decimals), on ``day``, over
    ``duration_h`` hours."""

    day: float
    duration_h: float
    mg_per_kg: Decimal | None = None
    mg: Decimal | None = None

    def __post_init__(self) -> None:
        if (self.mg_per_kg is None) == (self.mg is None):
            raise ValueError("dose: give exactly one of mg_per_kg or mg")
        for name in ("mg_per_kg", "mg"):
            v = getattr(self, name)
            if v is not None:
                v = Decimal(str(v)) if not isinstance(v, Decimal) else v
                if not v.is_finite() or v < 0:
                    raise ValueError(translate("regimen", "{name}: must be a finite number ≥ 0, got {value}")
                                     .format(name=name, value=v))
                object.__setattr__(self, name, v)
        day = _finite("day", self.day)
        if abs(day) > MAX_ABS_DAY:
            raise ValueError(translate("regimen", "day: {day} is outside ±{limit}").format(
                day=day, limit=f"{MAX_ABS_DAY:g}"))
        dur = _finite("duration_h", self.duration_h)
        if dur < 0 or dur > MAX_DURATION_DAY * 24:
            raise ValueError(translate("regimen", "duration_h: must be in [0, {limit}] hours, got {hours}").format(
                limit=f"{MAX_DURATION_DAY * 24:g}", hours=dur))
        object.__setattr__(self, "day", day)
        object.__setattr__(self, "duration_h", dur)

    def dose_mg(self, weight_kg: float | Decimal) -> Decimal:
        """Exact dose in mg for a patient of ``weight_kg`` (decimal arithmetic, no float noise)."""
        if self.mg is not None:
            return self.mg
        w = weight_kg if isinstance(weight_kg, Decimal) else Decimal(str(_finite("weight_kg", weight_kg)))
        if w <= 0:
            raise ValueError(translate("regimen", "weight_kg: must be > 0, got {weight}").format(weight=w))
        return self.mg_per_kg * w  # type: ignore[operator]


@dataclass(frozen=True)
class DoseSchedule:
    """A clinician's schedule: dose items in time order."""

    items: tuple[DoseItem, ...]

    def __post_init__(self) -> None:
        items = tuple(self.items)
        if not items:
            raise ValueError(translate("regimen", "schedule: needs at least one dose"))
        object.__setattr__(self, "items", tuple(sorted(items, key=lambda i: i.day)))

    def regimen(self, weight_kg: float) -> Regimen:
        """The engine regimen (amounts in mg) for one patient."""
        return Regimen(tuple(Administration(i.day, float(i.dose_mg(weight_kg)), i.duration_h / 24.0)
                             for i in self.items))

    def timing_regimen(self) -> Regimen:
        """Times and durations with every amount set to 1 (used with :meth:`amount_matrix`)."""
        return Regimen(tuple(Administration(i.day, 1.0, i.duration_h / 24.0) for i in self.items))

    def amount_matrix(self, weight_kg: np.ndarray | float) -> np.ndarray:
        """Amounts in mg, shape (N, M), for N patients (``weight_kg`` shape (N,)), in :meth:`timing_regimen`
        order."""
        w = np.atleast_1d(np.asarray(weight_kg, dtype=float))
        if w.ndim != 1 or not np.all(np.isfinite(w)) or np.any(w <= 0):
            raise ValueError("weight_kg: must be finite and > 0")
        per_kg = np.array([float(i.mg_per_kg) if i.mg_per_kg is not None else 0.0 for i in self.items])
        fixed = np.array([float(i.mg) if i.mg is not None else 0.0 for i in self.items])
        return w[:, None] * per_kg[None, :] + fixed[None, :]

    def total_mg(self, weight_kg: float) -> Decimal:
        """Exact cumulative dose in mg."""
        return sum((i.dose_mg(weight_kg) for i in self.items), Decimal(0))

    def total_mg_per_kg(self, weight_kg: float) -> Decimal:
        """Cumulative dose in mg/kg (exact for mg/kg items; fixed-mg items divided by the weight)."""
        w = Decimal(str(_finite("weight_kg", weight_kg)))
        if w <= 0:
            raise ValueError(translate("regimen", "weight_kg: must be > 0, got {weight}").format(weight=w))
        return sum(((i.mg_per_kg if i.mg_per_kg is not None else i.dose_mg(w) / w) for i in self.items), Decimal(0))

    def with_scaled_doses(self, factor: float | Decimal) -> DoseSchedule:
        """Every dose multiplied by ``factor`` (dose finder)."""
        f = Decimal(str(factor))
        return DoseSchedule(tuple(DoseItem(i.day, i.duration_h,
                                           i.mg_per_kg * f if i.mg_per_kg is not None else None,
                                           i.mg * f if i.mg is not None else None) for i in self.items))

    def with_last_dose(self, mg_per_kg: float | Decimal) -> DoseSchedule:
        """The schedule with the last dose replaced by ``mg_per_kg`` (dose finder, last-day dose)."""
        last = self.items[-1]
        return DoseSchedule(self.items[:-1] + (DoseItem(last.day, last.duration_h, Decimal(str(mg_per_kg))),))

    def shifted(self, delta_day: float) -> DoseSchedule:
        """All doses moved ``delta_day`` days later."""
        d = _finite("delta_day", delta_day)
        return DoseSchedule(tuple(DoseItem(i.day + d, i.duration_h, i.mg_per_kg, i.mg) for i in self.items))


def schedule_from_mg_per_kg(mg_per_kg_per_day: float | str | Decimal, days: list[float] | tuple[float, ...],
                            infusion_hours: float | list[float] | tuple[float, ...]) -> DoseSchedule:
    """Same mg/kg dose on each of ``days``; ``infusion_hours`` one value or one per day."""
    try:
        dose = Decimal(str(mg_per_kg_per_day))
    except InvalidOperation:
        raise ValueError(f"mg_per_kg_per_day: not a number: {mg_per_kg_per_day!r}") from None
    days = list(days)
    if not days:
        raise ValueError("days: give at least one day")
    hours = list(infusion_hours) if isinstance(infusion_hours, list | tuple) else [infusion_hours] * len(days)
    if len(hours) != len(days):
        raise ValueError(f"infusion_hours: {len(hours)} values for {len(days)} days")
    return DoseSchedule(tuple(DoseItem(float(d), float(h), mg_per_kg=dose) for d, h in zip(days, hours, strict=True)))


def regimen_from_mg_per_kg(mg_per_kg_per_day: float, weight_kg: float, days: list[float] | tuple[float, ...],
                           infusion_hours: float | list[float] | tuple[float, ...]) -> Regimen:
    """Regimen (amounts in mg) for ``mg_per_kg_per_day`` × ``weight_kg`` on each day in ``days``."""
    return schedule_from_mg_per_kg(mg_per_kg_per_day, days, infusion_hours).regimen(weight_kg)


_NUM = r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)"
_AMOUNT_RE = re.compile(rf"^\s*({_NUM})\s*(mg/kg|mg)\s*$", re.IGNORECASE)
_RANGE_RE = re.compile(r"^\s*([-+]?\d+)\s*\.\.\s*([-+]?\d+)\s*$")
_DUR_RE = re.compile(rf"^\s*({_NUM})\s*(h|min|d)\s*$", re.IGNORECASE)


def _parse_days(text: str, where: str) -> list[float]:
    days: list[float] = []
    for tok in text.split(","):
        tok = tok.strip()
        if not tok:
            raise ValueError(f"{where}: empty day in '{text}'")
        m = _RANGE_RE.match(tok)
        if m:
            a, b = int(m.group(1)), int(m.group(2))
            if b < a:
                raise ValueError(f"{where}: day range '{tok}' runs backwards")
            if b - a > 60:
                raise ValueError(f"{where}: day range '{tok}' is longer than 60 days")
            days.extend(float(d) for d in range(a, b + 1))
            continue
        if not re.fullmatch(_NUM, tok):
            raise ValueError(f"{where}: day '{tok}' is not a number or a range like -4..-1")
        days.append(float(tok))
    if len(set(days)) != len(days):
        raise ValueError(f"{where}: a day is listed twice in '{text}'")
    return days


def _parse_duration_h(tok: str, where: str) -> float:
    m = _DUR_RE.match(tok)
    if not m:
        raise ValueError(f"{where}: infusion duration '{tok.strip()}' must look like 6h, 90min or 0.25d")
    v, unit = float(m.group(1)), m.group(2).lower()
    return v if unit == "h" else v / 60.0 if unit == "min" else v * 24.0


def parse_dose_schedule(spec: str) -> DoseSchedule:
    """Parse a regimen spec (syntax in the module docstring) into a :class:`DoseSchedule`.

    Errors name the part that is wrong, e.g. ``regimen part 2 ('100mg@x/4h'): day 'x' is not a number``.
    """
    if not isinstance(spec, str) or not spec.strip():
        raise ValueError("regimen: empty specification")
    items: list[DoseItem] = []
    for k, part in enumerate(p for p in spec.split(";")):
        where = f"regimen part {k + 1} ('{part.strip()}')"
        if not part.strip():
            raise ValueError(f"{where}: empty part")
        if part.count("@") != 1 or part.count("/") < 1:
            raise ValueError(f"{where}: expected AMOUNT@DAYS/DURATION, e.g. 2.5mg/kg@-3,-2/6h")
        amount_txt, rest = part.split("@")
        # the amount may itself contain '/' (mg/kg): split days/duration at the LAST '/'
        if "/" not in rest:
            raise ValueError(f"{where}: missing '/DURATION' after the days, e.g. @-3,-2/6h")
        days_txt, dur_txt = rest.rsplit("/", 1)
        m = _AMOUNT_RE.match(amount_txt)
        if not m:
            raise ValueError(f"{where}: amount '{amount_txt.strip()}' must be a number with mg/kg or mg")
        value = Decimal(m.group(1))
        if value < 0:
            raise ValueError(f"{where}: amount must be ≥ 0")
        per_kg = m.group(2).lower() == "mg/kg"
        days = _parse_days(days_txt, where)
        durs = [_parse_duration_h(t, where) for t in dur_txt.split(",")]
        if len(durs) == 1:
            durs = durs * len(days)
        elif len(durs) != len(days):
            raise ValueError(f"{where}: {len(durs)} durations for {len(days)} days (give one, or one per day)")
        for d, h in zip(days, durs, strict=True):
            try:
                items.append(DoseItem(d, h, mg_per_kg=value if per_kg else None, mg=None if per_kg else value))
            except ValueError as exc:
                raise ValueError(f"{where}: {exc}") from None
    return DoseSchedule(tuple(items))


def parse_regimen_spec(spec: str, weight_kg: float) -> Regimen:
    """Parse a regimen spec and return the engine :class:`Regimen` (amounts in mg) for ``weight_kg``."""
    w = _finite("weight_kg", weight_kg)
    if w <= 0:
        raise ValueError(translate("regimen", "weight_kg: must be > 0, got {weight}").format(weight=w))
    return parse_dose_schedule(spec).regimen(w)
