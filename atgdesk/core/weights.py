"""Dosing-weight bases: actual, ideal (Devine 1974) and adjusted body weight.

Formulas (the same citations are stored with ``weight_bases`` in ``data/products.toml``):

* Ideal body weight, Devine BJ. Gentamicin therapy. Drug Intell Clin Pharm 1974;8:650-655:
  men 50 kg + 2.3 kg per inch of height over 5 feet; women 45.5 kg + 2.3 kg per inch over 5 feet
  (1 inch = 2.54 cm; 5 feet = 152.4 cm).  The formula was built for adults of at least 5 feet; below that it
  extrapolates, and a result ≤ 0 is refused.
* Adjusted body weight: IBW + 0.4 × (TBW − IBW), the "40% dosing weight correction factor" stated in Ross AL et
  al. Evaluation of extended interval dosing aminoglycosides in the morbidly obese population. Adv Pharmacol Sci
  2013;2013:194389, doi 10.1155/2013/194389 (which traces it to the aminoglycoside studies in obese patients, e.g.
  Bauer LA et al. Eur J Clin Pharmacol 1983;24(5):643-647).

The UK Thymoglobuline SmPC asks for ideal weight in obese patients ("For obese patients dosing should be based on
ideal weight rather than actual weight", label-facts.md); no ATG label mentions adjusted weight.
"""

from __future__ import annotations

import math
from decimal import Decimal
from enum import StrEnum

from atgdesk.core.words import translate

__all__ = ["WeightBasis", "ideal_body_weight_kg", "adjusted_body_weight_kg", "dosing_weight_kg"]

CM_PER_INCH = Decimal("2.54")
FIVE_FEET_IN = Decimal(60)


class WeightBasis(StrEnum):
    """Which weight a mg/kg dose is multiplied by."""

    ACTUAL = "actual"
    IDEAL = "ideal"
    ADJUSTED = "adjusted"


def _dec(name: str, value: float | str | Decimal) -> Decimal:
    try:
        d = value if isinstance(value, Decimal) else Decimal(str(value))
    except Exception:
        raise ValueError(translate("weights", "{name}: expected a number, got {value}").format(
            name=name, value=repr(value))) from None
    if not d.is_finite():
        raise ValueError(translate("weights", "{name}: must be finite, got {value}").format(
            name=name, value=repr(value)))
    return d


def ideal_body_weight_kg(height_cm: float | Decimal, sex: str) -> Decimal:
    """Devine (1974) ideal body weight in kg from ``height_cm`` and ``sex`` ('male'/'female').

    Exact decimal arithmetic; callers round for display.
    """
    h = _dec("height_cm", height_cm)
    if h <= 0 or h > 280:
        raise ValueError(translate("weights", "height_cm: must be in (0, 280], got {height}").format(height=h))
    s = str(sex).strip().lower()
    if s in ("male", "m"):
        base = Decimal(50)
    elif s in ("female", "f"):
        base = Decimal("45.5")
    else:
        raise ValueError(translate("weights", "sex: must be 'male' or 'female', got {sex}").format(sex=repr(sex)))
    ibw = base + Decimal("2.3") * (h / CM_PER_INCH - FIVE_FEET_IN)
    if ibw <= 0:
        # reachable from the calculator: a woman of 100-102 cm (the height input starts at 100 cm)
        raise ValueError(translate("weights", "height_cm: {height} cm gives a non-positive Devine ideal weight "
                                   "(formula is for adults)").format(height=h))
    return ibw


def adjusted_body_weight_kg(weight_kg: float | Decimal, height_cm: float | Decimal, sex: str) -> Decimal:
    """Adjusted body weight IBW + 0.4 × (TBW − IBW) in kg (the 40 % correction factor; see module docstring)."""
    w = _dec("weight_kg", weight_kg)
    if w <= 0:
        raise ValueError(translate("weights", "weight_kg: must be > 0, got {weight}").format(weight=w))
    ibw = ideal_body_weight_kg(height_cm, sex)
    return ibw + Decimal("0.4") * (w - ibw)


def dosing_weight_kg(basis: WeightBasis | str, weight_kg: float | Decimal, height_cm: float | None = None,
                     sex: str | None = None) -> Decimal:
    """The weight (kg, exact decimal) that multiplies a mg/kg dose under ``basis``."""
    try:
        b = WeightBasis(basis)
    except ValueError:
        raise ValueError(translate("weights", "basis: must be one of actual, ideal, adjusted; got {basis}").format(
            basis=repr(basis))) from None
    w = _dec("weight_kg", weight_kg)
    if w <= 0 or not math.isfinite(float(w)):
        raise ValueError(translate("weights", "weight_kg: must be > 0, got {weight}").format(weight=w))
    if b is WeightBasis.ACTUAL:
        return w
    ideal = b is WeightBasis.IDEAL
    if height_cm is None:
        raise ValueError(translate("weights", "height_cm: needed for the ideal weight basis") if ideal
                         else translate("weights", "height_cm: needed for the adjusted weight basis"))
    if sex is None:
        raise ValueError(translate("weights", "sex: needed for the ideal weight basis") if ideal
                         else translate("weights", "sex: needed for the adjusted weight basis"))
    if b is WeightBasis.IDEAL:
        return ideal_body_weight_kg(height_cm, sex)
    return adjusted_body_weight_kg(w, height_cm, sex)
