"""Whole-vial versions of a per-day dose table: each day rounded on its own to the nearest whole unit, no day
rounded away, none above the maximum, every distinct table found; a day too small to reach half a unit is named."""

from __future__ import annotations

import numpy as np
import pytest
from pk_testmodels import SHIPPED

from atgdesk.core.dosefind import attainment_by_amounts, attainment_by_factor, whole_unit_tables
from atgdesk.core.model import load_model
from atgdesk.core.population import sample_population
from atgdesk.core.regimen import DoseItem, DoseSchedule
from atgdesk.core.targets import find_target, load_targets

UNIT = 25.0 / 70.0  # one 25 mg vial in mg/kg at 70 kg


def test_each_day_is_the_scaled_dose_rounded_to_the_nearest_whole_unit():
    doses = [2.0, 2.0, 1.0]
    tables = whole_unit_tables(doses, UNIT, 10.0)
    counts = tables.counts
    assert counts.shape[1] == 3 and counts.shape[0] > 10 and tables.never_whole == ()
    assert len({tuple(r) for r in counts}) == counts.shape[0]          # distinct
    assert np.all(counts >= 1) and np.all(counts * UNIT <= 10.0 + 1e-9)  # no day rounded away, none above max
    assert list(counts.sum(axis=1)) == sorted(counts.sum(axis=1))      # smallest courses first
    # the table's own dose (5.6, 5.6, 2.8 vials) scaled by 15/14 is 6, 6, 3 vials; and each row is the nearest
    # whole-unit rounding of the table at some factor
    assert [6, 6, 3] in counts.tolist()
    for row in counts:  # each row is the rounding of the table at some factor: within half a unit of it
        lo = max((r - 0.5) * UNIT / x for r, x in zip(row, doses, strict=True))
        hi = min((r + 0.5) * UNIT / x for r, x in zip(row, doses, strict=True))
        assert lo <= hi


def test_every_rounded_table_on_the_way_is_found():
    """A fine factor grid, checked by brute force: no distinct whole-unit table is missed."""
    doses = [1.7, 0.9, 2.3, 0.0]
    found = {tuple(r) for r in whole_unit_tables(doses, UNIT, 8.0).counts}
    f = np.linspace(1e-4, 1.2 * 8.0 / 2.3, 300_000)
    rows = np.floor(f[:, None] * np.array(doses)[None, :] / UNIT + 0.5)
    keep = np.all(rows[:, :3] >= 1, axis=1) & np.all(rows * UNIT <= 8.0 + 1e-9, axis=1)
    brute = {tuple(int(x) for x in row) for row in rows[keep]}
    assert found == brute
    assert all(r[3] == 0 for r in found)  # a day without a dose stays without


def test_a_day_that_never_reaches_half_a_unit_is_named():
    tables = whole_unit_tables([0.01, 5.0], UNIT, 10.0)
    assert tables.counts.shape == (0, 2) and tables.never_whole == (0,)


@pytest.mark.parametrize("doses, unit, top", [([], UNIT, 5.0), ([1.0, -1.0], UNIT, 5.0), ([0.0, 0.0], UNIT, 5.0),
                                              ([1.0], 0.0, 5.0), ([1.0], UNIT, float("nan"))])
def test_bad_input_is_refused_naming_the_field(doses, unit, top):
    with pytest.raises(ValueError, match=r"^(doses|unit|max_dose):"):
        whole_unit_tables(doses, unit, top)


def test_attainment_by_amounts_is_attainment_by_factor_for_scaled_rows():
    model = load_model(SHIPPED)
    target = find_target(load_targets(SHIPPED.parents[1] / "targets.toml"), "admiraal2017-adult-ud-nma")
    schedule = DoseSchedule((DoseItem(-3.0, 6.0, mg_per_kg=2), DoseItem(-2.0, 4.0, mg_per_kg=2)))
    vp = sample_population(model, 200, {"weight_kg": 70.0, "alc_per_nl": 0.2}, seed=1)
    factors = np.array([0.8, 1.0, 1.3])
    base = schedule.amount_matrix(np.array([70.0]))[0]
    a1, m1 = attainment_by_factor(vp, schedule, 70.0, target, factors)
    a2, m2 = attainment_by_amounts(vp, schedule, factors[:, None] * base[None, :], target)
    np.testing.assert_array_equal(a1, a2)
    np.testing.assert_array_equal(m1, m2)
    # unequal days: more on the first day is not the same as more on the second
    a3, _ = attainment_by_amounts(vp, schedule, np.array([[200.0, 100.0], [100.0, 200.0]]), target)
    assert a3.shape == (2,)
    with pytest.raises(ValueError, match="amounts:"):
        attainment_by_amounts(vp, schedule, np.array([[1.0, 2.0, 3.0]]), target)
