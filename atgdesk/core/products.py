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

__all__ = ["ProductFileError", "Fact", "Vial", "Product", "ScheduleRow", "DoseTable", "load_products",
           "parse_products", "dose_table", "format_mg"]

SOURCE_TYPES = ("US-PI", "SmPC", "2nd")


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
class Product:
    """A product with its facts and cited vial sizes."""

    key: str
    name: str
    species: str
    manufacturer: str
    facts: tuple[Fact, ...]
    vials: tuple[Vial, ...]
    concentration_fact: str = ""

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
        prod = Product(key, _s(p, "name", file, pre), _s(p, "species", file, pre), _s(p, "manufacturer", file, pre),
                       tuple(facts), tuple(vials), _s(p, "concentration_fact", file, pre, False))
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


def dose_table(product: Product, schedule: DoseSchedule, dosing_weight_kg: float | str | Decimal,
               vial_id: str | None = None) -> DoseTable:
    """Exact per-day mg, volume, vials and cumulative mg and mg/kg for ``schedule`` at ``dosing_weight_kg``.

    Vials are counted per day (each day's infusion opens its own vials: ceil of the exact fraction) only when
    ``vial_id`` names a cited vial size (default: the first cited size, if any)."""
    try:
        w = dosing_weight_kg if isinstance(dosing_weight_kg, Decimal) else Decimal(str(dosing_weight_kg))
    except InvalidOperation:
        raise ValueError(f"dosing_weight_kg: not a number: {dosing_weight_kg!r}") from None
    if not w.is_finite() or w <= 0 or w > 500:
        raise ValueError(f"dosing_weight_kg: must be in (0, 500], got {dosing_weight_kg}")
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
