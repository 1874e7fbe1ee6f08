"""Parsing measured levels: formats accepted, units, below-LLOQ values, and errors that name file, row and column."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from atgdesk.core.levels import (
    LevelSeries,
    exposure_unit,
    levels_from_rows,
    normalise_unit,
    parse_levels_csv,
    read_levels_csv,
    same_quantity,
)
from atgdesk.core.numbers import parse_decimal

DATA = Path(__file__).parent / "data"


def test_parse_levels_csv_reads_times_concentrations_and_unit_sorted_by_time():
    text = "time_day,concentration,unit\n2,5,AU/mL\n-1.5,40,AU/mL\n0.25,20,AU/mL\n"
    series = parse_levels_csv(text, source="p.csv")
    assert isinstance(series, LevelSeries)
    assert series.unit == "AU/mL"
    np.testing.assert_array_equal(series.t_day, [-1.5, 0.25, 2.0])
    np.testing.assert_array_equal(series.concentration, [40.0, 20.0, 5.0])
    # Rows keep the spreadsheet numbering of the file (header = row 1).
    assert [s.row for s in series.samples] == [3, 4, 2]
    assert series.exposure_unit == "AU·day/mL"


def test_parse_levels_csv_accepts_bom_crlf_alias_headers_notes_and_blq_forms():
    series = read_levels_csv(DATA / "bom_crlf_blq.csv")
    assert series.source == "bom_crlf_blq.csv"
    np.testing.assert_array_equal(series.t_day, [-1.0, 0.0, 2.0])
    blq = series.blq_samples
    assert [(s.row, s.t_day, s.lloq) for s in blq] == [(6, 3.0, None), (7, 4.0, 0.5)]
    assert all(s.concentration is None for s in blq)


@pytest.mark.parametrize("word", ["<LLOQ", "BLQ", "bloq", "< LOQ", "<lloq"])
def test_parse_levels_csv_marks_every_blq_spelling(word):
    series = parse_levels_csv(f"time,conc,unit\n1,3,AU/mL\n2,{word},AU/mL\n")
    assert len(series.quantified) == 1
    assert series.blq_samples[0].blq


def test_mass_units_are_interchangeable_and_keep_values_unscaled():
    series = read_levels_csv(DATA / "mass_units.csv")
    assert series.unit == "µg/mL"  # the first row's unit
    np.testing.assert_array_equal(series.concentration, [4.0, 2.0, 1.0])
    assert same_quantity("µg/mL", "mg/L")
    assert not same_quantity("AU/mL", "mg/L")
    assert exposure_unit("mg/L") == "mg·day/L"


def test_normalise_unit_accepts_spellings_and_rejects_other_scales():
    assert normalise_unit("ug/ml") == "µg/mL"
    assert normalise_unit("μg/mL") == "µg/mL"  # Greek mu
    assert normalise_unit(" AU / mL ") == "AU/mL"
    with pytest.raises(ValueError, match="unknown concentration unit 'ng/mL'"):
        normalise_unit("ng/mL")


def test_mixing_au_and_mass_units_is_an_error_naming_the_row():
    with pytest.raises(ValueError) as exc:
        read_levels_csv(DATA / "mixed_units.csv")
    msg = str(exc.value)
    assert msg.startswith("mixed_units.csv row 3, column unit:")
    assert "mg/L cannot be mixed with AU/mL (row 2)" in msg


def test_bad_number_names_file_row_and_column():
    with pytest.raises(ValueError, match=r"^bad_number\.csv row 3, column concentration: concentration '5,2,1' is not a number"):
        read_levels_csv(DATA / "bad_number.csv")


def test_missing_concentration_column_names_the_header_row():
    with pytest.raises(ValueError, match=r"^missing_column\.csv row 1: missing column concentration"):
        read_levels_csv(DATA / "missing_column.csv")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("time,conc,unit\n1,2,AU/mL\n1,3,AU/mL\n", r"p\.csv row 3, column time: duplicate time 1 \(also row 2\)"),
        ("time,conc,unit\n1,-2,AU/mL\n", r"p\.csv row 2, column conc: concentration '-2' is negative"),
        ("time,conc,unit\n1,inf,AU/mL\n", r"p\.csv row 2, column conc: concentration 'inf' is not a finite"),
        ("time,conc,unit\nnan,1,AU/mL\n", r"p\.csv row 2, column time: time 'nan' is not a finite"),
        ("time,conc,unit\nday one,1,AU/mL\n", r"p\.csv row 2, column time: time 'day one' is not a number"),
        ("time,conc,unit\n1,,AU/mL\n", r"p\.csv row 2, column conc: concentration is empty"),
        ("time,conc,unit\n1,<0,AU/mL\n", r"p\.csv row 2, column conc: limit of quantification '<0' must be"),
        ("time,conc,unit\n1,2,ng/mL\n", r"p\.csv row 2, column unit: unknown concentration unit 'ng/mL'"),
        ("time,conc,unit\n1,2\n", r"p\.csv row 2: 2 cells but the header has 3 columns"),
        ("time,conc,unit,weight\n", r"p\.csv row 1, column 4: unknown column 'weight'"),
        ("time,day,conc,unit\n", r"p\.csv row 1: more than one time_day column: time, day"),
        ("conc,unit\n1,AU/mL\n", r"p\.csv row 1: missing column time_day"),
        ("time,conc\n1,2\n", r"p\.csv row 1: missing column unit"),
        ("time,conc,unit\n", r"p\.csv: no measured levels"),
        ("# only a comment\n\n", r"p\.csv: empty file"),
    ],
)
def test_parse_levels_csv_rejects_bad_input_naming_row_and_column(text, message):
    with pytest.raises(ValueError, match=message):
        parse_levels_csv(text, source="p.csv")


def test_file_without_unit_column_takes_the_given_unit():
    series = parse_levels_csv("day,conc\n1,2\n3,1\n", unit="mg/L")
    assert series.unit == "mg/L"
    assert series.t_day.tolist() == [1.0, 3.0]


def test_read_levels_csv_reports_missing_and_non_utf8_files(tmp_path):
    with pytest.raises(ValueError, match="nope.csv: file not found"):
        read_levels_csv(tmp_path / "nope.csv")
    bad = tmp_path / "latin1.csv"
    bad.write_bytes("time,conc,unit\n1,2,\xb5g/mL\n".encode("latin-1"))
    with pytest.raises(ValueError, match="latin1.csv: not UTF-8 text"):
        read_levels_csv(bad)


def test_levels_from_rows_takes_numbers_or_text_and_a_default_unit():
    series = levels_from_rows([(0, 10.0), (1.5, "<LLOQ"), (-1, "12")], unit="AU/mL", source="table")
    assert series.t_day.tolist() == [-1.0, 0.0]
    assert series.blq_samples[0].row == 2
    with pytest.raises(ValueError, match="table row 1, column unit: no unit given"):
        levels_from_rows([(0, 1.0)], source="table")
    with pytest.raises(ValueError, match="table row 1, column concentration: True is not a number"):
        levels_from_rows([(0, True, "AU/mL")], source="table")


def test_level_series_is_frozen():
    series = parse_levels_csv("time,conc,unit\n1,2,AU/mL\n")
    with pytest.raises(AttributeError):
        series.unit = "mg/L"  # type: ignore[misc]


# -- typed numbers: '.' and ',' are both the decimal mark, never a thousands separator (issue 12 item 2) ----------
@pytest.mark.parametrize(("text", "value"), [
    ("3,5", 3.5), ("3.5", 3.5), ("3,50", 3.5), (" 3,5 ", 3.5), ("1,234", 1.234), ("1.234", 1.234), (",5", 0.5),
    ("-2,5", -2.5), ("+7", 7.0), ("0", 0.0), ("1e-3", 0.001), ("12,", 12.0),
])
def test_parse_decimal_reads_either_mark_without_changing_magnitude(text, value):
    assert parse_decimal(text, "Dose per day") == pytest.approx(value, rel=0, abs=1e-12)


@pytest.mark.parametrize("text", ["3..5", "3,5,1", "1,234.5", "1.234,5", "1 234", "1_000", "3.5 mg", "", "inf",
                                  "nan", "--3", ".", ","])
def test_parse_decimal_refuses_ambiguous_text_naming_the_field(text):
    with pytest.raises(ValueError, match=r"^Dose per day: "):
        parse_decimal(text, "Dose per day")


def test_levels_table_reads_a_comma_decimal_as_a_decimal():
    series = levels_from_rows([("1,5", "38,2", "AU/mL"), ("2", "12.5", "")], unit="AU/mL", source="levels table")
    assert series.t_day.tolist() == [1.5, 2.0]
    assert series.concentration.tolist() == [38.2, 12.5]


def test_levels_csv_quoted_comma_decimal_is_a_decimal_and_a_second_mark_is_refused():
    series = parse_levels_csv('time_day,concentration,unit\n1,10,AU/mL\n2,"5,2",AU/mL\n', source="p.csv")
    assert series.concentration.tolist() == [10.0, 5.2]
    with pytest.raises(ValueError, match=r"p\.csv row 3, column concentration: limit of quantification '1,2,3' is not a number"):
        parse_levels_csv('time_day,concentration,unit\n1,10,AU/mL\n2,"<1,2,3",AU/mL\n', source="p.csv")


def test_semicolon_separated_csv_with_decimal_commas_reads_as_written():
    series = parse_levels_csv("time_day;concentration;unit\n-2,75;38,2;AU/mL\n1;<0,5;AU/mL\n3,5;12;AU/mL\n",
                              source="p.csv")
    assert series.t_day.tolist() == [-2.75, 3.5] and series.concentration.tolist() == [38.2, 12.0]
    assert [s.lloq for s in series.blq_samples] == [0.5]
    tabbed = parse_levels_csv("time_day\tconcentration\tunit\n1\t2,5\tAU/mL\n2\t1\tAU/mL\n", source="t.csv")
    assert tabbed.concentration.tolist() == [2.5, 1.0]


# -- one number format (issue 12 item 6): screen, note, levels, CLI and the verdict text -------------------------
@pytest.mark.parametrize(("value", "text"), [(1430.2, "1430"), (1.43e3, "1430"), (0.012345, "0.0123"),
                                             (47.49, "47.5"), (9.996, "10"), (999.6, "1000"), (123456, "123000"),
                                             (2.0, "2"), (None, "—"), (float("inf"), "—"), (-0.0, "0")])
def test_format_number_never_uses_an_exponent(value, text):
    from atgdesk.core.numbers import format_number
    assert format_number(value) == text


def test_verdict_text_of_a_large_auc_has_no_exponent():
    from atgdesk import paths
    from atgdesk.core.targets import find_target, judge, load_targets
    target = find_target(load_targets(paths.data_dir() / "targets.toml"), "lakkaraja2022-cd34-harmful")
    verdict = judge(target, 1432.7)
    assert "1430 AU·day/mL" in verdict.text and "e+" not in verdict.text
    assert verdict.headline == "IN HARMFUL RANGE"
