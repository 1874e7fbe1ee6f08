"""Numbers typed as clinicians type them (issue 12 item 2): '.' and ',' are both the decimal mark in every locale,
never a thousands separator, and a typed value never changes magnitude.  Real key presses into the real fields."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QAbstractSpinBox, QApplication, QTableWidgetItem

from atgdesk import paths
from atgdesk.library.userstore import UserStore
from atgdesk.ui.calc_inputs import STATE_REFUSED
from atgdesk.ui.calculator_view import CalculatorView
from atgdesk.ui.levels_panel import LevelsPanel
from atgdesk.ui.numeric import DecimalSpinBox, format_decimal

LOCALES = ("en_US", "de_DE", "fr_FR", "zh_CN")


@pytest.fixture(params=LOCALES)
def locale(request):
    """The application's default locale while the widgets are built (Qt's own spin box follows it)."""
    before = QLocale()
    QLocale.setDefault(QLocale(request.param))
    yield request.param
    QLocale.setDefault(before)


@pytest.fixture
def store(tmp_path):
    s = UserStore.open(tmp_path / "user.sqlite")
    yield s
    s.close()


@pytest.fixture
def view(qtbot, store, locale):
    v = CalculatorView(paths.models_dir(), paths.data_dir(), store)
    qtbot.addWidget(v)
    v.resize(1280, 760)
    v.show()
    qtbot.waitExposed(v)
    return v


def _type_into(qtbot, spin, text):
    """Select the number (as a double-click or Ctrl+A does), type ``text`` key by key and press Enter."""
    spin.setFocus()
    edit = spin.lineEdit()
    edit.setSelection(len(spin.prefix()), len(edit.text()) - len(spin.prefix()) - len(spin.suffix()))
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


@pytest.mark.parametrize("typed", ["3,5", "3.5", "3,50"])
def test_dose_per_day_typed_with_either_mark_is_3_5_in_every_locale(view, qtbot, typed, locale):
    _type_into(qtbot, view.dose.spin, typed)
    assert view.dose.value() == pytest.approx(3.5, abs=1e-12), locale
    assert view.inputs().dose_mg_per_kg == pytest.approx(3.5, abs=1e-12)
    # One decimal mark on screen, the one every result uses; no group separator.
    assert view.dose.spin.text() == "3.50 mg/kg"


@pytest.mark.parametrize("typed", ["3..5", "3,5,1", "1,234"])
def test_dose_per_day_ambiguous_text_is_refused_naming_the_field_never_magnified(view, qtbot, typed):
    before = view.dose.value()
    with qtbot.waitSignal(view.dose.refused) as blocker:
        _type_into(qtbot, view.dose.spin, typed)
    assert view.dose.value() == before  # not 35, not 351, not 1234: kept
    assert view.inputs().dose_mg_per_kg == before
    assert blocker.args[0].startswith("Dose per day: ")
    assert view.dose.state() == STATE_REFUSED and "Dose per day" in view.dose.message()


def test_every_calculator_spin_box_reads_a_comma_as_decimal(view, qtbot):
    assert view.levels_panel is not None  # the lazily built levels tab too
    spins = view.findChildren(QAbstractSpinBox)
    assert len(spins) >= 8
    for spin in spins:  # every numeric input of the calculator and levels tabs
        assert isinstance(spin, DecimalSpinBox), spin.accessibleName()
    _type_into(qtbot, view.weight.spin, "72,5")
    assert view.weight.value() == pytest.approx(72.5)
    _type_into(qtbot, view.threshold.spin, "0,25")
    assert view.threshold.value() == pytest.approx(0.25)


def test_free_per_day_table_reads_a_comma_decimal(view, qtbot):
    view.use_table.setChecked(True)
    view.day_table.setItem(0, 1, QTableWidgetItem("3,5"))
    assert view.table_error.text() == ""
    assert view.inputs().per_day[0][1] == pytest.approx(3.5)
    view.day_table.setItem(0, 1, QTableWidgetItem("3,5,1"))
    assert "dose table row 1, mg/kg" in view.table_error.text()
    assert view.inputs().per_day[0][1] == pytest.approx(3.5)  # the last valid table is kept


def test_levels_table_reads_a_comma_decimal(qtbot, locale):
    panel = LevelsPanel()
    qtbot.addWidget(panel)
    panel.set_rows([("1", "40,5", "AU/mL"), ("2,5", "20", "AU/mL")])
    assert panel.error_text() == ""
    series = panel.series()
    assert series.t_day.tolist() == [1.0, 2.5] and series.concentration.tolist() == [40.5, 20.0]
    panel.set_rows([("1", "1.234,5", "AU/mL"), ("2", "20", "AU/mL")])
    assert "not a number" in panel.error_text() and panel.series() is None


def test_spin_box_under_each_locale_shows_a_point_and_no_group_separator(qtbot, locale):
    spin = DecimalSpinBox("Body weight")
    qtbot.addWidget(spin)
    spin.setRange(0.0, 1.0e6)
    spin.setDecimals(1)
    spin.setValue(12345.5)
    assert spin.text() == "12345.5"
    assert format_decimal(-0.0001, 2) == "0.00"


def test_levels_paste_reads_semicolon_rows_with_decimal_commas(qtbot):
    panel = LevelsPanel()
    qtbot.addWidget(panel)
    QApplication.clipboard().setText("day;concentration;unit\n-2,75;38,2;AU/mL\n1,5;12,25;AU/mL\n")
    panel.paste_button.click()
    assert panel.error_text() == ""
    series = panel.series()
    assert series.t_day.tolist() == [-2.75, 1.5] and series.concentration.tolist() == [38.2, 12.25]


@pytest.mark.parametrize(("typed", "value"), [("3,0", 3.0), ("4.00", 4.0)])
def test_trailing_zeros_beyond_the_field_places_are_accepted(view, qtbot, typed, value):
    _type_into(qtbot, view.n_days.spin, typed)  # a whole-number field
    assert view.n_days.value() == value


def test_more_places_than_the_field_keeps_are_refused_not_rounded(view, qtbot):
    before = view.weight.value()
    with qtbot.waitSignal(view.weight.refused) as blocker:
        _type_into(qtbot, view.weight.spin, "72,25")  # the weight keeps one decimal
    assert view.weight.value() == before
    assert "Body weight" in blocker.args[0] and "more decimal places than this field keeps (1)" in blocker.args[0]
