from decimal import Decimal

import numpy as np
import pytest

from atgdesk.core.regimen import (
    Administration,
    Regimen,
    parse_dose_schedule,
    parse_regimen_spec,
    regimen_from_mg_per_kg,
    schedule_from_mg_per_kg,
    sorted_unique,
)


def test_parse_regimen_spec_builds_mg_doses_for_the_weight():
    reg = parse_regimen_spec("2.5mg/kg@-3,-2/6h", 73.4)
    assert [a.start_day for a in reg.administrations] == [-3.0, -2.0]
    assert [a.amount for a in reg.administrations] == [183.5, 183.5]
    assert all(a.duration_day == pytest.approx(0.25) for a in reg.administrations)


def test_parse_ranges_per_day_durations_and_fixed_mg_parts():
    s = parse_dose_schedule("1.5mg/kg@-4..-1/6h,4h,4h,4h;100mg@-1.5/90min")
    assert [i.day for i in s.items] == [-4.0, -3.0, -2.0, -1.5, -1.0]
    assert [i.duration_h for i in s.items] == [6.0, 4.0, 4.0, 1.5, 4.0]
    fixed = [i for i in s.items if i.mg is not None]
    assert fixed[0].mg == Decimal("100")
    assert s.total_mg(70) == Decimal("1.5") * 70 * 4 + 100


@pytest.mark.parametrize("spec, fragment", [
    ("", "empty"),
    ("2.5mg/kg-3/6h", "AMOUNT@DAYS/DURATION"),
    ("2.5mg/kg@-3", "DURATION"),
    ("2.5 units@-3/6h", "amount '2.5 units'"),
    ("2.5mg/kg@-3,x/6h", "day 'x'"),
    ("2.5mg/kg@-1..-4/6h", "runs backwards"),
    ("2.5mg/kg@-3,-3/6h", "listed twice"),
    ("2.5mg/kg@-3,-2/6h,4h,4h", "3 durations for 2 days"),
    ("2.5mg/kg@-3/6 hours", "infusion duration"),
    ("2.5mg/kg@-3/6h;;", "part 2"),
    ("2.5mg/kg@-3/999h", "duration_h"),
])
def test_parse_errors_name_the_wrong_part(spec, fragment):
    with pytest.raises(ValueError, match="regimen") as exc:
        parse_dose_schedule(spec)
    assert fragment in str(exc.value)


def test_administration_validates_fields_by_name():
    with pytest.raises(ValueError, match="amount"):
        Administration(0.0, -1.0, 0.1)
    with pytest.raises(ValueError, match="duration_day"):
        Administration(0.0, 1.0, -0.1)
    with pytest.raises(ValueError, match="start_day"):
        Administration(float("nan"), 1.0, 0.1)
    with pytest.raises(ValueError, match="regimen"):
        Regimen(())


def test_amount_matrix_scales_mg_per_kg_items_by_each_weight():
    s = parse_dose_schedule("2mg/kg@-2/4h;50mg@-1/4h")
    m = s.amount_matrix(np.array([10.0, 80.0]))
    np.testing.assert_allclose(m, [[20.0, 50.0], [160.0, 50.0]])
    assert s.timing_regimen().amounts().tolist() == [1.0, 1.0]


def test_builders_and_shifts_agree():
    r = regimen_from_mg_per_kg(2.5, 70, [-3, -2], [6, 4])
    s = schedule_from_mg_per_kg("2.5", [-3, -2], [6, 4])
    assert r == s.regimen(70)
    later = r.shifted(0.5)
    assert later.first_day == -2.5 and later.total_amount == r.total_amount
    assert r.last_end_day == pytest.approx(-2 + 4 / 24)
    assert s.with_last_dose("1").items[-1].mg_per_kg == Decimal("1")
    assert s.with_scaled_doses("2").total_mg(10) == Decimal(100)


@pytest.mark.parametrize("values", [[], [2.0], [3.0, 1.0, 3.0, -2.5, 1.0], [0.25] * 4, [5.0, -1e-12, 0.0, 1e-12]])
def test_sorted_unique_matches_numpy_unique(values):
    np.testing.assert_array_equal(sorted_unique(values), np.unique(np.asarray(values, dtype=float)))
