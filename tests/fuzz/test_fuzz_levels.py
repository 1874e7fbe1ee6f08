"""Levels CSV: arbitrary text and arbitrary rows give a ValueError naming the source, or a series whose times and
concentrations are finite."""

from __future__ import annotations

import csv
import io
import math

from hypothesis import example, given
from hypothesis import strategies as st

from atgdesk.core.levels import LevelSeries, levels_from_rows, parse_levels_csv
from tests.fuzz.conftest import count, fuzz_settings

HEADERS = st.lists(st.sampled_from(["time_day", "day", "t_day", "concentration", "conc", "unit", "note", "Time_Day",
                                    " unit ", "x", ""]), min_size=0, max_size=5)
CELL = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.sampled_from(["<LLOQ", "BLQ", "<0.5", "<0", "<-1", "<nan", "<inf", "nan", "inf", "-1", "", " ", "1e400",
                     "AU/mL", "µg/mL", "mg/L", "ng/mL", "ug/ml", "# x", '"', "<b>x</b>"]),
    st.text(max_size=8),
)


@st.composite
def csv_texts(draw):
    header = draw(HEADERS)
    rows = draw(st.lists(st.lists(CELL, min_size=0, max_size=5), max_size=8))
    buf = io.StringIO()
    writer = csv.writer(buf)
    if header:
        writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue()


def _check_series(series: LevelSeries) -> None:
    assert series.samples
    for s in series.samples:
        assert math.isfinite(s.t_day)
        assert s.concentration is None or (math.isfinite(s.concentration) and s.concentration >= 0)
        assert s.lloq is None or (math.isfinite(s.lloq) and s.lloq > 0)


@fuzz_settings(2.0)
@given(text=st.one_of(csv_texts(), st.text(max_size=300)), unit=st.none() | st.sampled_from(["AU/mL", "mg/L", "x"]))
def test_fuzz_levels_csv_gives_named_error_or_finite_series(text, unit):
    count("levels-csv")
    try:
        series = parse_levels_csv(text, source="fuzz.csv", unit=unit)
    except ValueError as exc:
        assert str(exc).startswith(("fuzz.csv", "unit")), str(exc)
        return
    _check_series(series)


@fuzz_settings()
@example(rows=[[1, 10**400]])  # found by fuzzing: an int too large for a float raised OverflowError
@example(rows=[[10**400, 1.0]])
@given(rows=st.lists(st.lists(st.one_of(CELL, st.floats(allow_nan=True, allow_infinity=True), st.none(),
                                        st.integers(-10**400, 10**400),
                                        st.booleans()), max_size=4), max_size=6))
def test_fuzz_levels_table_rows_give_named_error_or_finite_series(rows):
    count("levels-rows")
    try:
        series = levels_from_rows(rows, unit="AU/mL", source="levels table")
    except ValueError as exc:
        assert str(exc).startswith("levels table"), str(exc)
        return
    _check_series(series)
