from decimal import Decimal

import pytest

from atgdesk.core.weights import adjusted_body_weight_kg, dosing_weight_kg, ideal_body_weight_kg


def test_devine_ideal_weight_at_five_feet_is_the_base_value():
    assert ideal_body_weight_kg(Decimal("152.4"), "male") == Decimal(50)
    assert ideal_body_weight_kg(Decimal("152.4"), "female") == Decimal("45.5")


def test_devine_adds_2_3_kg_per_inch():
    # 6 ft = 182.88 cm = 72 in → 50 + 2.3 × 12 = 77.6 kg
    assert ideal_body_weight_kg(Decimal("182.88"), "male") == Decimal("77.6")
    assert float(ideal_body_weight_kg(170, "female")) == pytest.approx(45.5 + 2.3 * (170 / 2.54 - 60))


def test_adjusted_weight_is_ibw_plus_40_percent_of_excess():
    ibw = ideal_body_weight_kg(Decimal("182.88"), "male")
    assert adjusted_body_weight_kg(Decimal("127.6"), Decimal("182.88"), "male") == ibw + Decimal("0.4") * 50


def test_dosing_weight_basis_and_errors():
    assert dosing_weight_kg("actual", 80) == Decimal(80)
    assert dosing_weight_kg("ideal", 120, 182.88, "male") == Decimal("77.6")
    with pytest.raises(ValueError, match="height_cm"):
        dosing_weight_kg("ideal", 80)
    with pytest.raises(ValueError, match="sex"):
        dosing_weight_kg("adjusted", 80, 170, None)
    with pytest.raises(ValueError, match="basis"):
        dosing_weight_kg("lean", 80)
    with pytest.raises(ValueError, match="height_cm"):
        ideal_body_weight_kg(60, "male")   # Devine gives ≤ 0 kg: refused
    with pytest.raises(ValueError, match="sex"):
        ideal_body_weight_kg(170, "x")
