"""ATG products (``data/products.toml``) and exact dose arithmetic.

All dose arithmetic is exact: doses are ``Decimal`` (mg/kg × kg written as decimals, so 2.5 mg/kg × 73.4 kg is
183.5 mg, not 183.49999…), vial counts are ``Fraction`` (exact fraction of a vial) plus the whole number of vials
to open (ceiling).  Vials are counted only for a vial size that the data file cites; volumes only where a
concentration is cited.  Products are never converted into each other.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from fractions import Fraction
from pathlib import Path
from typing import Any

from atgdesk.core.regimen import DoseSchedule
from atgdesk.core.tomlfile import read_toml
from atgdesk.core.words import QT_TRANSLATE_NOOP, translate

__all__ = ["ProductFileError", "Fact", "Vial", "Limit", "LimitFinding", "Product", "ScheduleRow", "DoseTable",
           "load_products", "parse_products", "dose_table", "format_mg", "check_limits", "missing_limits",
           "LIMIT_QUANTITIES"]

SOURCE_TYPES = ("US-PI", "SmPC", "2nd")
# what a label limit applies to, and how the screen names it (translated where shown, with :func:`translate`)
LIMIT_QUANTITIES = {"dose_per_day": (QT_TRANSLATE_NOOP("products", "dose per day"), "mg/kg/day"),
                    "cumulative": (QT_TRANSLATE_NOOP("products", "cumulative dose"), "mg/kg"),
                    "first_infusion_h": (QT_TRANSLATE_NOOP("products", "first infusion time"), "h"),
                    "later_infusion_h": (QT_TRANSLATE_NOOP("products", "later infusion time"), "h"),
                    "infusion_h": (QT_TRANSLATE_NOOP("products", "infusion time"), "h")}
# A finding, one whole sentence per (level, bound, how many days): {quantity} the limit's name, {value} and
# {limit} with their {unit}, {day}/{days} the dose days, {why} and {source} the label's own words and address.
_FINDINGS = {
    ("soft", "max", 0): QT_TRANSLATE_NOOP(
        "products", "Beyond the label: {quantity} {value} {unit} is above {limit} {unit}, the {why} — {source}"),
    ("soft", "max", 1): QT_TRANSLATE_NOOP(
        "products", "Beyond the label: {quantity} {value} {unit} on day {day} is above {limit} {unit}, the {why} — "
        "{source}"),
    ("soft", "max", 2): QT_TRANSLATE_NOOP(
        "products", "Beyond the label: {quantity} {value} {unit} on days {days} is above {limit} {unit}, the {why} — "
        "{source}"),
    ("soft", "min", 0): QT_TRANSLATE_NOOP(
        "products", "Beyond the label: {quantity} {value} {unit} is below {limit} {unit}, the {why} — {source}"),
    ("soft", "min", 1): QT_TRANSLATE_NOOP(
        "products", "Beyond the label: {quantity} {value} {unit} on day {day} is below {limit} {unit}, the {why} — "
        "{source}"),
    ("soft", "min", 2): QT_TRANSLATE_NOOP(
        "products", "Beyond the label: {quantity} {value} {unit} on days {days} is below {limit} {unit}, the {why} — "
        "{source}"),
    ("hard", "max", 0): QT_TRANSLATE_NOOP(
        "products", "Refused: {quantity} {value} {unit} is above {limit} {unit}, the {why} — {source}"),
    ("hard", "max", 1): QT_TRANSLATE_NOOP(
        "products", "Refused: {quantity} {value} {unit} on day {day} is above {limit} {unit}, the {why} — {source}"),
    ("hard", "max", 2): QT_TRANSLATE_NOOP(
        "products", "Refused: {quantity} {value} {unit} on days {days} is above {limit} {unit}, the {why} — "
        "{source}"),
    ("hard", "min", 0): QT_TRANSLATE_NOOP(
        "products", "Refused: {quantity} {value} {unit} is below {limit} {unit}, the {why} — {source}"),
    ("hard", "min", 1): QT_TRANSLATE_NOOP(
        "products", "Refused: {quantity} {value} {unit} on day {day} is below {limit} {unit}, the {why} — {source}"),
    ("hard", "min", 2): QT_TRANSLATE_NOOP(
        "products", "Refused: {quantity} {value} {unit} on days {days} is below {limit} {unit}, the {why} — "
        "{source}"),
}


class ProductFileError(ValueError):
    """A malformed products file; the message names the file and the field."""


@dataclass(frozen=True)
class Fact:
    """One label fact with the quote it was read in and where."""

    id: str
    label: str
    value: str
    unit: str
    quote: str
    address: str
    source_type: str
    country: str


@dataclass(frozen=True)
class Vial:
    """A cited vial/ampoule size."""

    id: str
    mg: Decimal
    volume_ml: Decimal | None
    form: str
    quote: str
    address: str
    source_type: str
    country: str
    derived: bool = False


@dataclass(frozen=True)
class Limit:
    """A label limit: ``level`` soft (warn) or hard (refuse); ``bound`` max or min; with its quote and address."""

    quantity: str
    level: str
    bound: str
    value: Decimal
    why: str
    quote: str
    address: str
    source_type: str
    country: str
    derived: bool = False

    def source(self) -> str:
        """'SmPC (SG), https://…' (derived arithmetic said so)."""
        if self.derived:
            return translate("products", "{type} ({country}), derived, {address}").format(
                type=self.source_type, country=self.country, address=self.address)
        return f"{self.source_type} ({self.country}), {self.address}"

    def describe(self) -> str:
        """'dose per day ≤ 5 mg/kg/day: why' (the name in the interface language, the label's why as written)."""
        name, unit = LIMIT_QUANTITIES[self.quantity]
        sign = "≤" if self.bound == "max" else "≥"
        return f"{translate('products', name)} {sign} {format_mg(self.value)} {unit}: {self.why}"


@dataclass(frozen=True)
class LimitFinding:
    """A schedule value beyond a limit; ``days`` are the dose days it concerns (empty for the cumulative dose):
    the same value on several days is one finding."""

    limit: Limit
    actual: Decimal
    days: tuple[float, ...]
    text: str


@dataclass(frozen=True)
class Product:
    """A product with its facts and cited vial sizes."""

    key: str
    name: str
    species: str
    manufacturer: str
    facts: tuple[Fact, ...]
    vials: tuple[Vial, ...]
    concentration_fact: str = ""
    limits: tuple[Limit, ...] = ()

    def fact(self, fact_id: str) -> Fact:
        """The fact with ``fact_id`` (KeyError if absent)."""
        for f in self.facts:
            if f.id == fact_id:
                return f
        raise KeyError(fact_id)

    def vial(self, vial_id: str) -> Vial:
        """The vial with ``vial_id`` (ValueError naming 'vial' if absent)."""
        for v in self.vials:
            if v.id == vial_id:
                return v
        raise ValueError(f"vial: '{vial_id}' is not a cited size for {self.key} "
                         f"(cited: {', '.join(v.id for v in self.vials) or 'none'})")

    @property
    def concentration_mg_per_ml(self) -> Decimal | None:
        """The cited concentration (of the concentrate or the reconstituted vial), if any."""
        if not self.concentration_fact:
            return None
        return Decimal(self.fact(self.concentration_fact).value)


def _s(t: Mapping[str, Any], key: str, file: str, pre: str, required: bool = True) -> str:
    v = t.get(key, "")
    if not isinstance(v, str):
        raise ProductFileError(f"{file}: {pre}{key}: must be a string")
    if required and not v.strip():
        raise ProductFileError(f"{file}: {pre}{key}: missing")
    return v


def _dec(t: Mapping[str, Any], key: str, file: str, pre: str) -> Decimal:
    raw = _s(t, key, file, pre)
    try:
        d = Decimal(raw)
    except InvalidOperation:
        raise ProductFileError(f"{file}: {pre}{key}: '{raw}' is not a decimal number") from None
    if not d.is_finite() or d <= 0:
        raise ProductFileError(f"{file}: {pre}{key}: must be > 0")
    return d


def parse_products(data: Mapping[str, Any], file: str = "<products>") -> dict[str, Product]:
    """Validate parsed TOML and build the products by key."""
    if data.get("schema_version") != 1:
        raise ProductFileError(f"{file}: schema_version: must be 1")
    raw = data.get("products")
    if not isinstance(raw, list) or not raw:
        raise ProductFileError(f"{file}: products: must be a non-empty array of tables")
    out: dict[str, Product] = {}
    for i, p in enumerate(raw):
        pre = f"products[{i}]."
        if not isinstance(p, dict):
            raise ProductFileError(f"{file}: products[{i}]: must be a table")
        key = _s(p, "key", file, pre)
        if key in out:
            raise ProductFileError(f"{file}: {pre}key: duplicate '{key}'")
        facts = []
        for j, f in enumerate(p.get("facts", [])):
            fp = f"{pre}facts[{j}]."
            st = _s(f, "source_type", file, fp)
            if st not in SOURCE_TYPES:
                raise ProductFileError(f"{file}: {fp}source_type: '{st}' is not one of {', '.join(SOURCE_TYPES)}")
            facts.append(Fact(_s(f, "id", file, fp), _s(f, "label", file, fp), _s(f, "value", file, fp),
                              _s(f, "unit", file, fp, False), _s(f, "quote", file, fp), _s(f, "address", file, fp),
                              st, _s(f, "country", file, fp)))
        vials = []
        for j, v in enumerate(p.get("vials", [])):
            vp = f"{pre}vials[{j}]."
            st = _s(v, "source_type", file, vp)
            if st not in SOURCE_TYPES:
                raise ProductFileError(f"{file}: {vp}source_type: '{st}' is not one of {', '.join(SOURCE_TYPES)}")
            vol = _dec(v, "volume_ml", file, vp) if "volume_ml" in v else None
            vials.append(Vial(_s(v, "id", file, vp), _dec(v, "mg", file, vp), vol, _s(v, "form", file, vp),
                              _s(v, "quote", file, vp), _s(v, "address", file, vp), st, _s(v, "country", file, vp),
                              bool(v.get("derived", False))))
        limits = []
        for j, lim in enumerate(p.get("limits", [])):
            lp = f"{pre}limits[{j}]."
            quantity, level, bound = _s(lim, "quantity", file, lp), _s(lim, "level", file, lp), _s(lim, "bound", file, lp)
            if quantity not in LIMIT_QUANTITIES:
                raise ProductFileError(f"{file}: {lp}quantity: '{quantity}' is not one of "
                                       f"{', '.join(LIMIT_QUANTITIES)}")
            if level not in ("soft", "hard"):
                raise ProductFileError(f"{file}: {lp}level: must be soft or hard")
            if bound not in ("max", "min"):
                raise ProductFileError(f"{file}: {lp}bound: must be max or min")
            st = _s(lim, "source_type", file, lp)
            if st not in SOURCE_TYPES:
                raise ProductFileError(f"{file}: {lp}source_type: '{st}' is not one of {', '.join(SOURCE_TYPES)}")
            limits.append(Limit(quantity, level, bound, _dec(lim, "value", file, lp), _s(lim, "why", file, lp),
                                _s(lim, "quote", file, lp), _s(lim, "address", file, lp), st,
                                _s(lim, "country", file, lp), bool(lim.get("derived", False))))
        seen_limits = set()
        for lim in limits:
            if (lim.quantity, lim.level, lim.bound) in seen_limits:
                raise ProductFileError(f"{file}: {pre}limits: two {lim.level} {lim.bound} limits for {lim.quantity}")
            seen_limits.add((lim.quantity, lim.level, lim.bound))
        prod = Product(key, _s(p, "name", file, pre), _s(p, "species", file, pre), _s(p, "manufacturer", file, pre),
                       tuple(facts), tuple(vials), _s(p, "concentration_fact", file, pre, False), tuple(limits))
        if prod.concentration_fact:
            try:
                prod.concentration_mg_per_ml  # noqa: B018 - validates the referenced fact
            except (KeyError, InvalidOperation):
                raise ProductFileError(f"{file}: {pre}concentration_fact: '{prod.concentration_fact}' is not a "
                                       f"numeric fact of this product") from None
        out[key] = prod
    return out


def load_products(path: str | Path) -> dict[str, Product]:
    """Read and validate ``products.toml``."""
    data, name = read_toml(path, ProductFileError)
    return parse_products(data, name)


def format_mg(d: Decimal | Fraction, places: int = 2) -> str:
    """A dose for display: exact decimals without trailing zeros, others rounded half-up to ``places``."""
    if isinstance(d, Fraction):
        d = Decimal(d.numerator) / Decimal(d.denominator)
    q = d.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return format(_tidy(q) if q == d else q, "f")


def _tidy(d: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent notation (10, not 1E+1)."""
    n = d.normalize()
    return n.quantize(Decimal(1)) if n == n.to_integral_value() else n


@dataclass(frozen=True)
class ScheduleRow:
    """One day of the schedule table."""

    day: float
    duration_h: float
    mg_per_kg: Decimal | None
    dose_mg: Decimal
    volume_ml: Fraction | None
    vials_exact: Fraction | None
    vials_whole: int | None
    cumulative_mg: Decimal
    cumulative_mg_per_kg: Decimal


@dataclass(frozen=True)
class DoseTable:
    """The schedule table with totals for one product, weight and (optionally) vial size."""

    product: Product
    dosing_weight_kg: Decimal
    vial: Vial | None
    rows: tuple[ScheduleRow, ...]
    total_mg: Decimal
    total_mg_per_kg: Decimal
    total_vials_whole: int | None


def _weight(dosing_weight_kg: float | str | Decimal) -> Decimal:
    try:
        w = dosing_weight_kg if isinstance(dosing_weight_kg, Decimal) else Decimal(str(dosing_weight_kg))
    except InvalidOperation:
        raise ValueError(f"dosing_weight_kg: not a number: {dosing_weight_kg!r}") from None
    if not w.is_finite() or w <= 0 or w > 500:
        raise ValueError(f"dosing_weight_kg: must be in (0, 500], got {dosing_weight_kg}")
    return w


def dose_table(product: Product, schedule: DoseSchedule, dosing_weight_kg: float | str | Decimal,
               vial_id: str | None = None) -> DoseTable:
    """Exact per-day mg, volume, vials and cumulative mg and mg/kg for ``schedule`` at ``dosing_weight_kg``.

    Vials are counted per day (each day's infusion opens its own vials: ceil of the exact fraction) only when
    ``vial_id`` names a cited vial size (default: the first cited size, if any)."""
    w = _weight(dosing_weight_kg)
    vial = product.vial(vial_id) if vial_id else (product.vials[0] if product.vials else None)
    conc = product.concentration_mg_per_ml
    rows = []
    cum = Decimal(0)
    whole_total = 0
    for item in schedule.items:
        mg = item.dose_mg(w)
        cum += mg
        fmg = Fraction(mg)
        vials_exact = fmg / Fraction(vial.mg) if vial else None
        vials_whole = math.ceil(vials_exact) if vials_exact is not None else None
        if vials_whole is not None:
            whole_total += vials_whole
        rows.append(ScheduleRow(
            day=item.day, duration_h=item.duration_h, mg_per_kg=item.mg_per_kg, dose_mg=_tidy(mg),
            volume_ml=fmg / Fraction(conc) if conc else None, vials_exact=vials_exact, vials_whole=vials_whole,
            cumulative_mg=_tidy(cum), cumulative_mg_per_kg=_tidy(cum / w),
        ))
    return DoseTable(product, w, vial, tuple(rows), _tidy(cum), _tidy(cum / w),
                     whole_total if vial else None)


def _beyond(limit: Limit, value: Decimal) -> bool:
    return value > limit.value if limit.bound == "max" else value < limit.value


def _finding(limit: Limit, actual: Decimal, days: tuple[float, ...]) -> LimitFinding:
    name, unit = LIMIT_QUANTITIES[limit.quantity]
    template = _FINDINGS[limit.level, limit.bound, min(len(days), 2)]
    # a label's why that starts with its own article is not given a second one ('the the diluted solution…')
    why = limit.why[4:] if limit.why.lower().startswith("the ") else limit.why
    text = translate("products", template).format(
        quantity=translate("products", name), value=format_mg(actual, 3), unit=unit,
        day=f"{days[0]:+g}" if days else "", days=", ".join(f"{d:+g}" for d in days),
        limit=format_mg(limit.value), why=why, source=limit.source())
    return LimitFinding(limit, actual, days, text)


def check_limits(product: Product, schedule: DoseSchedule,
                 dosing_weight_kg: float | str | Decimal) -> tuple[list[LimitFinding], list[LimitFinding]]:
    """(soft, hard) findings of ``schedule`` at ``dosing_weight_kg`` against the product's label limits.

    Dose per day sums the doses that start on the same calendar day (mg doses are divided by the dosing weight);
    the cumulative dose is the schedule's total per kg; infusion times are checked dose by dose (the first dose
    against ``first_infusion_h``, the others against ``later_infusion_h``, every dose against ``infusion_h``).
    A value beyond a hard limit is reported as hard only (not twice)."""
    w = _weight(dosing_weight_kg)
    per_day: dict[int, tuple[float, Decimal]] = {}
    cumulative = Decimal(0)
    for item in schedule.items:  # the dose table's own arithmetic (exact decimals), without building the table
        key = math.floor(item.day)
        first, total = per_day.get(key, (item.day, Decimal(0)))
        mg = item.dose_mg(w)
        cumulative += mg
        per_day[key] = (first, total + mg / w)
    values: list[tuple[str, Decimal, float | None]] = []
    for _key, (day, mgkg) in sorted(per_day.items()):
        values.append(("dose_per_day", _tidy(mgkg), day))
    values.append(("cumulative", _tidy(cumulative / w), None))
    for i, item in enumerate(sorted(schedule.items, key=lambda it: it.day)):
        hours = Decimal(repr(float(item.duration_h)))
        values.append(("first_infusion_h" if i == 0 else "later_infusion_h", hours, item.day))
        values.append(("infusion_h", hours, item.day))
    # (limit, value) → days: one finding per limit and value, naming every day it occurs on
    hits: dict[tuple[Limit, Decimal], list[float]] = {}
    for quantity, value, day in values:
        limits = [lim for lim in product.limits if lim.quantity == quantity]
        hit_hard = [lim for lim in limits if lim.level == "hard" and _beyond(lim, value)]
        hit = hit_hard or [lim for lim in limits if lim.level == "soft" and _beyond(lim, value)]
        for lim in hit:
            days = hits.setdefault((lim, value), [])
            if day is not None:
                days.append(day)
    soft = [_finding(lim, v, tuple(d)) for (lim, v), d in hits.items() if lim.level == "soft"]
    hard = [_finding(lim, v, tuple(d)) for (lim, v), d in hits.items() if lim.level == "hard"]
    return soft, hard


def missing_limits(product: Product) -> list[str]:
    """What no cited label gives for this product, in words ('no labelled maximum dose per day'), so the screen
    can say that nothing is checked there rather than imply a check."""
    out = []
    have = {(lim.quantity, lim.level) for lim in product.limits}
    infusion = {q for q, _lvl in have if q.endswith("infusion_h")}
    for quantity in ("dose_per_day", "cumulative"):
        name = LIMIT_QUANTITIES[quantity][0]
        if (quantity, "hard") not in have:
            out.append(f"no labelled maximum {name}")
    if not any(lvl == "hard" for q, lvl in have if q in infusion):
        out.append("no labelled required infusion time")
    return out
