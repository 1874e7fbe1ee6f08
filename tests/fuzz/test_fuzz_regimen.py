"""Regimen specs: arbitrary text and arbitrary numbers give a ValueError naming the part (or the weight), or a
Regimen whose amounts, times and durations are finite."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from atgdesk.core.regimen import Regimen, parse_regimen_spec
from tests.fuzz.conftest import count, fuzz_settings

NUMBER_TEXT = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-10**30, 10**30).map(str),
    st.decimals(allow_nan=False, allow_infinity=False).map(str),
    st.sampled_from(["", "-", ".", "1.", ".5", "+3", "1e5", "nan", "inf", "-0", "9" * 400, "0." + "0" * 400 + "1",
                     "1_000", "٣", "１"]),
)
AMOUNT = st.tuples(NUMBER_TEXT, st.sampled_from(["mg/kg", "mg", "MG/KG", "g", "", "mg/kg/day"])).map("".join)
DAY = st.one_of(NUMBER_TEXT, st.tuples(st.integers(-400, 400), st.integers(-400, 400)).map(
    lambda ab: f"{ab[0]}..{ab[1]}"))
DAYS = st.lists(DAY, min_size=0, max_size=5).map(",".join)
DUR = st.tuples(NUMBER_TEXT, st.sampled_from(["h", "min", "d", "H", "s", ""])).map("".join)
DURS = st.lists(DUR, min_size=0, max_size=5).map(",".join)
PART = st.tuples(AMOUNT, DAYS, DURS).map(lambda t: f"{t[0]}@{t[1]}/{t[2]}")
SPEC = st.one_of(
    st.lists(PART, min_size=1, max_size=3).map(";".join),
    st.text(max_size=60),
    st.text(alphabet="0123456789.,-+@/;mgkhdin ", max_size=40),
)
WEIGHT = st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([70.0, 1e-300, 1e300, 0.5]))


def _check(spec: str, weight: float) -> None:
    try:
        regimen = parse_regimen_spec(spec, weight)
    except ValueError as exc:
        message = str(exc)
        assert message.startswith(("regimen", "weight_kg")), message
        return
    assert isinstance(regimen, Regimen)
    for a in regimen.administrations:
        assert math.isfinite(a.start_day) and math.isfinite(a.amount) and math.isfinite(a.duration_day)
        assert a.amount >= 0 and a.duration_day >= 0
    assert math.isfinite(regimen.total_amount)


@fuzz_settings(3.0)
@given(spec=SPEC, weight=WEIGHT)
def test_fuzz_regimen_spec_gives_named_error_or_finite_regimen(spec, weight):
    count("regimen")
    _check(spec, weight)
