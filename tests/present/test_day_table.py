"""The free per-day regimen table's rules without Qt: typed cells read with either decimal mark (never a thousands
separator), errors naming the row and column, where the table starts and what Add day appends."""

from __future__ import annotations

import pytest

from atgdesk.core import scenario as sc
from atgdesk.present.day_table import format_row, rows_from_builder, rows_from_cells, with_day_added

INPUTS = sc.ScenarioInputs()


@pytest.mark.parametrize("typed", ["3,5", "3.5", "3,50", " 3.5 "])
def test_a_comma_or_a_point_is_the_decimal_mark_never_a_thousands_separator(typed):
    assert rows_from_cells([["-3", typed, "6"]], INPUTS) == ((-3.0, 3.5, 6.0),)


def test_blank_rows_are_skipped_and_an_empty_table_is_refused():
    assert rows_from_cells([["", " ", ""], ["-2", "2", "4"]], INPUTS) == ((-2.0, 2.0, 4.0),)
    with pytest.raises(ValueError, match="at least one day"):
        rows_from_cells([["", "", ""]], INPUTS)


def test_a_bad_cell_is_named_by_its_row_and_column():
    with pytest.raises(ValueError, match="row 2, mg/kg"):
        rows_from_cells([["-3", "2.5", "6"], ["-2", "two", "4"]], INPUTS)
    with pytest.raises(ValueError, match="row 1, infusion hours"):
        rows_from_cells([["-3", "2.5", ""]], INPUTS)


def test_a_regimen_the_engine_refuses_is_refused_here_too():
    with pytest.raises(ValueError):
        rows_from_cells([["999", "2.5", "4"]], INPUTS)  # a dose day far outside any course


def test_the_table_starts_from_the_builder_regimen_and_adds_the_next_day():
    inputs = INPUTS.with_(dose_mg_per_kg=2.5, n_days=3, first_day=-4, first_infusion_h=6.0, infusion_h=4.0)
    rows = rows_from_builder(inputs)
    assert rows == ((-4.0, 2.5, 6.0), (-3.0, 2.5, 4.0), (-2.0, 2.5, 4.0))
    assert with_day_added(inputs.with_(per_day=rows))[-1] == (-1.0, 2.5, 4.0)
    assert with_day_added(inputs.with_(per_day=None)) == ((-4.0, 2.5, 4.0),)  # empty: the first dose day
    assert format_row((-1.0, 2.5, 4.0)) == ("-1", "2.5", "4")
