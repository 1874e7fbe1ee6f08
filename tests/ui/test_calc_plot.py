"""The calculator's plot (issue 12 item 6): the hover read-out follows the curve or clears and is never exported;
the default view ends about day +30 with a whole-course toggle; the y-axis does not jump during a slider drag;
one number format."""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from atgdesk import paths
from atgdesk.library.userstore import UserStore
from atgdesk.ui.calc_plot import DEFAULT_VIEW_END_DAY, ExposurePlot
from atgdesk.ui.calculator_view import CalculatorView
from atgdesk.ui.report import plot_qimage

X = np.linspace(-5.0, 100.0, 2101)


def _curve(peak: float) -> np.ndarray:
    """A rise during conditioning then a slow fall, peaking at ``peak``."""
    y = np.where(X < 0, (X + 5.0) / 5.0, np.exp(-X / 8.0))
    return peak * y


@pytest.fixture
def plot(qtbot):
    p = ExposurePlot()
    qtbot.addWidget(p)
    p.resize(800, 500)
    p.show()
    qtbot.waitExposed(p)
    p.set_units("AU/mL")
    p.set_status_title("Test model — ILLUSTRATIVE", "illustrative")
    p.set_curve(X, _curve(40.0))
    return p


def test_hover_readout_follows_the_curve_when_it_changes(plot):
    text = plot.readout_at(10.0)
    assert text.startswith("Day +10.00: ") and plot.hover_shown()
    plot.set_curve(X, _curve(80.0))  # e.g. the dose doubled under a still pointer
    expected = float(_curve(80.0)[np.argmin(np.abs(X - 10.0))])
    _, dot_y = plot.hover_dot.getData()
    assert dot_y[0] == pytest.approx(expected)
    assert plot.readout.text() != text and plot.readout.text().startswith("Day +10.00: ")


def test_hover_clears_when_the_curve_goes_away(plot):
    plot.readout_at(10.0)
    plot.set_curve([], [])
    assert not plot.hover_shown()
    assert plot.readout.text().startswith("Point at the plot")


def test_hover_marker_is_never_drawn_into_an_export(plot):
    with plot.export_title(900):  # as every export (PNG, SVG, the PDF's picture) renders the plot
        clean = plot_qimage(plot.plot_item, 900)
    plot.readout_at(12.0)
    assert plot.hover_shown()
    with plot.export_title(900):
        assert not plot.hover_dot.isVisible() and not plot.hover_line.isVisible()
        hovered = plot_qimage(plot.plot_item, 900)
    assert plot.hover_shown()  # still shown on screen after the export
    assert hovered == clean  # the export with the pointer over the plot is the export without it


def test_default_view_ends_about_day_30_and_whole_course_shows_everything(plot, qtbot):
    x0, x1 = plot.view_x_range()
    assert x0 < -4.0 and DEFAULT_VIEW_END_DAY <= x1 < DEFAULT_VIEW_END_DAY + 5.0
    toggle = plot.whole_course
    assert toggle.accessibleName() and toggle.focusPolicy() & Qt.FocusPolicy.TabFocus
    toggle.setFocus()
    qtbot.keyClick(toggle, Qt.Key.Key_Space)  # reachable and usable from the keyboard
    assert plot.whole_course_shown()
    assert plot.view_x_range()[1] >= 100.0
    qtbot.keyClick(toggle, Qt.Key.Key_Space)
    assert plot.view_x_range()[1] < DEFAULT_VIEW_END_DAY + 5.0


def test_y_axis_only_grows_during_a_drag_and_refits_on_release(plot):
    top = plot.view_y_top()
    plot.begin_drag()
    plot.set_curve(X, _curve(10.0))  # a quarter of the peak: would shrink the axis outside a drag
    assert plot.view_y_top() == pytest.approx(top)
    plot.set_curve(X, _curve(60.0))  # outgrows the view: grows at once
    grown = plot.view_y_top()
    assert grown > top
    plot.set_curve(X, _curve(10.0))
    assert plot.view_y_top() == pytest.approx(grown)
    plot.end_drag()
    assert plot.view_y_top() < 0.5 * top


def test_readout_never_uses_an_exponent(plot):
    plot.set_curve(X, _curve(1430.0))
    text = plot.readout_at(0.0)
    assert "e+" not in text and "1430 AU/mL" in text


def test_calculator_slider_drag_keeps_the_y_axis(qtbot, tmp_path):
    store = UserStore.open(tmp_path / "user.sqlite")
    try:
        view = CalculatorView(paths.models_dir(), paths.data_dir(), store)
        qtbot.addWidget(view)
        view.resize(1280, 760)
        view.show()
        qtbot.waitExposed(view)
        top = view.plot.view_y_top()
        slider = view.dose.slider
        slider.sliderPressed.emit()
        slider.setValue(max(1, slider.value() // 5))  # a fifth of the dose while the button is held
        assert view.plot.view_y_top() == pytest.approx(top)
        slider.sliderReleased.emit()
        assert view.plot.view_y_top() < 0.6 * top
    finally:
        view.shutdown() if hasattr(view, "shutdown") else None
        store.close()


def test_repeated_exports_keep_the_plot_at_its_screen_size(plot):
    """Each export used to widen the plot item by ~28 px for good (the wrapped title's minimum width), so every
    later export was cut further at the right."""
    width = plot.plot_item.geometry().width()
    sizes = []
    for _ in range(3):
        with plot.export_title(900):
            sizes.append(plot_qimage(plot.plot_item, 900).size())
    assert sizes[0] == sizes[1] == sizes[2]
    assert plot.plot_item.geometry().width() == width


def test_calculator_figures_never_use_an_exponent_and_say_where_the_post_hct_auc_ends(qtbot, tmp_path):
    store = UserStore.open(tmp_path / "user.sqlite")
    try:
        view = CalculatorView(paths.models_dir(), paths.data_dir(), store)
        qtbot.addWidget(view)
        view.dose.set_value(40.0)  # a large dose: post-HCT AUC in the thousands
        view._set_input(dose_mg_per_kg=40.0)
        shown = [view.metrics.value_text(k) for k in ("auc_pre", "auc_post", "auc_total", "cmax")]
        assert all("e+" not in s for s in shown), shown
        assert any(float(s.split()[0]) >= 1000 for s in shown), shown  # the case that read '1.43e+03'
        flat = " ".join(label.text() for label in view.metrics.findChildren(QLabel))
        assert "AUC after day 0 (to day 100)" in flat.replace("\n", " ")
    finally:
        store.close()


def test_readout_row_never_widens_the_calculator_past_1024_px(qtbot, tmp_path):
    """The read-out and the Whole course box share a row under the plot: with the read-out's prompt at its
    full width the calculator's minimum width was 1049 px."""
    store = UserStore.open(tmp_path / "user.sqlite")
    try:
        view = CalculatorView(paths.models_dir(), paths.data_dir(), store)
        qtbot.addWidget(view)
        view.resize(1024, 700)
        view.show()
        qtbot.waitExposed(view)
        assert view.plot.minimumSizeHint().width() <= view.plot.plot_widget.minimumWidth()
        assert view.minimumSizeHint().width() <= 1024
        assert view.plot.whole_course.isVisible() and view.plot.whole_course.width() >= \
            view.plot.whole_course.minimumSizeHint().width()
    finally:
        store.close()


def test_area_fills_split_at_day_0_and_follow_the_curve(plot):
    """The shaded areas: before HCT up to day 0, after HCT from day 0, each down to 0; cleared with the curve."""
    x, y = X, _curve(40.0)
    pre_x, pre_y = plot.pre_fill.area_data()
    post_x, post_y = plot.post_fill.area_data()
    np.testing.assert_array_equal(pre_x, x[x <= 0])
    np.testing.assert_array_equal(post_y, y[x >= 0])
    assert pre_x[-1] == 0.0 and post_x[0] == 0.0
    pre_box, post_box = plot.pre_fill.boundingRect(), plot.post_fill.boundingRect()
    assert (pre_box.left(), pre_box.right(), pre_box.top(), pre_box.bottom()) == (-5.0, 0.0, 0.0, pre_y.max())
    assert (post_box.left(), post_box.right(), post_box.top()) == (0.0, 100.0, 0.0)
    plot.set_curve(X, _curve(10.0))
    assert plot.post_fill.boundingRect().bottom() == pytest.approx(10.0)
    plot.set_curve([], [])
    assert plot.pre_fill.boundingRect().isEmpty() and plot.post_fill.boundingRect().isEmpty()


def test_band_is_drawn_for_the_view_and_kept_whole(plot, qtbot):
    """The band's lines and fill are handed to Qt for the part in view only, again when the view changes; the
    band's data stay whole."""
    plot.set_band(X, _curve(30.0), _curve(50.0), "5–95th pct")
    x, lo, hi = plot.band_data()
    np.testing.assert_array_equal(x, X)
    assert plot.band_fill.path().boundingRect().right() < 40.0  # the default view ends near day +30
    plot.set_whole_course(True)
    qtbot.waitUntil(lambda: plot.band_fill.path().boundingRect().right() == pytest.approx(100.0), timeout=2000)
    plot.set_whole_course(False)
    qtbot.waitUntil(lambda: plot.band_fill.path().boundingRect().right() < 40.0, timeout=2000)


def test_plot_scene_keeps_no_spatial_index(plot):
    """Its items change on every slider step: a BSP index would be rebuilt each time."""
    from PySide6.QtWidgets import QGraphicsScene
    assert plot.plot_widget.scene().itemIndexMethod() == QGraphicsScene.ItemIndexMethod.NoIndex


def test_curve_item_holds_the_points_in_view_and_curve_data_the_whole_curve(plot, qtbot):
    x, _ = plot.curve_data()
    np.testing.assert_array_equal(x, X)
    shown, _ = plot.curve.getData()
    left, right = plot.view_x_range()
    inside = X[(X >= left) & (X <= right)]
    assert shown[0] <= inside[0] and shown[-1] >= inside[-1]  # the whole view is covered, one point beyond
    assert shown.size <= inside.size + 2 and shown.size < X.size
    plot.set_whole_course(True)
    qtbot.waitUntil(lambda: plot.curve.getData()[0][-1] == X[-1], timeout=2000)
    assert plot.legend_labels()[0] == "Current"
