"""The calculator's live concentration plot (pyqtgraph).

Every graphics item is created once in ``_build_items`` and afterwards only updated with ``setData``/``setValue``/
``setVisible`` — never re-created per slider step.  The plot draws what it is given: it computes nothing.

Items: the predicted curve; the area under it shaded before and after HCT day 0; the day-0 line; a horizontal
threshold line; an optional percentile band; up to :data:`MAX_OVERLAYS` pinned scenarios with a legend; a hover
read-out; the model's status line as the plot title (so PNG/SVG exports carry it).

View: the conditioning days to day +:data:`DEFAULT_VIEW_END_DAY` by default (where the doses and the decisions are),
the whole course on request.  While a slider is dragged the y-axis only grows (:meth:`ExposurePlot.begin_drag`),
so the axis does not jump under the pointer; it is refitted on release.  The hover read-out follows the curve when
the curve changes and is never drawn into an export.
"""

from __future__ import annotations

import bisect
import html
from contextlib import contextmanager

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QT_TRANSLATE_NOOP, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QFont, QFontMetrics, QPainter, QPainterPath
from PySide6.QtWidgets import (
    QCheckBox,
    QGraphicsItem,
    QGraphicsScene,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from atgdesk.core.numbers import format_number  # the one number format (the dosing note uses it too)
from atgdesk.ui import theme

MAX_OVERLAYS = 5
#: The pinned curves' z-value: above the fills (0), below the current curve and the lines (one more).
OVERLAY_Z = 0.5
LEGEND_ONE_COLUMN = 3  # legend entries in one column; more are laid out in two
BOTTOM_AXIS_TITLE = str(QT_TRANSLATE_NOOP("ExposurePlot", "Day relative to HCT (day 0 = transplant)"))
PLOT_SIDE_MARGIN_PX = 90  # left axis with its title and tick labels, plus the right padding
TITLE_ROW_PX = 30  # pyqtgraph's title row height
EXPORT_TITLE_PT = 9.0
DEFAULT_VIEW_END_DAY = 30.0  # the default view ends about a month after HCT; "Whole course" shows everything

# Colours come from atgdesk.ui.theme by role (light or dark palette, re-applied when the palette changes); pinned
# scenarios use the theme's Okabe–Ito pins.  OVERLAY_COLOURS: the light set, for callers without a palette.
OVERLAY_COLOURS = theme.LIGHT.pins


def pin_colours() -> tuple[str, ...]:
    """The pinned scenarios' colours for the current palette (plot lines and the scenario table's swatches)."""
    return theme.current().pins

pg.setConfigOptions(antialias=True)


def _finite_xy(x, y) -> tuple[np.ndarray, np.ndarray]:
    """Arrays as float; anything non-finite is refused (empty arrays), so NaN/inf never reaches the plot."""
    xa = np.asarray(x, dtype=float).ravel()
    ya = np.asarray(y, dtype=float).ravel()
    if xa.shape != ya.shape or xa.size == 0 or not (np.all(np.isfinite(xa)) and np.all(np.isfinite(ya))):
        return np.empty(0), np.empty(0)
    return xa, ya


def _original_data(item) -> tuple[np.ndarray | None, np.ndarray | None]:
    """All the data given to a plot item, not only the part clipped to the view (PlotCurveItems are not
    clipped: their getData is the whole)."""
    return item.getOriginalDataset() if isinstance(item, pg.PlotDataItem) else item.getData()


class AreaFill(pg.GraphicsObject):
    """The area between a curve and zero, filled in one brush without antialiasing (its only slanted edge lies
    under the antialiased curve).  One path per update and one fill per paint: a PlotDataItem with a fill level
    did the same drawing through ~0.1 ms of option handling per update and a fill per 50-point chunk."""

    def __init__(self) -> None:
        super().__init__()
        self._path = QPainterPath()
        self._brush = QBrush()
        self._xy: tuple[np.ndarray, np.ndarray] = (np.empty(0), np.empty(0))

    def setBrush(self, brush) -> None:  # noqa: N802 (pyqtgraph naming)
        self._brush = pg.mkBrush(brush)
        self.update()

    def brush(self) -> QBrush:
        return self._brush

    def set_area(self, x: np.ndarray, y: np.ndarray) -> None:
        """The area under (x, y) down to 0 (x ascending, finite); nothing when fewer than two points."""
        self.prepareGeometryChange()
        self._xy = (x, y)
        if x.size < 2:
            self._path = QPainterPath()
        else:
            self._path = pg.arrayToQPath(np.concatenate([x[:1], x, x[-1:]]), np.concatenate([[0.0], y, [0.0]]))
            self._path.closeSubpath()
        self.update()

    def area_data(self) -> tuple[np.ndarray, np.ndarray]:
        return self._xy

    def boundingRect(self) -> QRectF:  # noqa: N802 (Qt naming)
        return self._path.boundingRect()

    def paint(self, painter: QPainter, *_args) -> None:
        if self._path.isEmpty():
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillPath(self._path, self._brush)


class ExposurePlot(QWidget):
    """Concentration against days relative to HCT, with regions, threshold, band, overlays and a read-out."""

    hovered = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._conc_unit = ""
        self._overlay_names: list[str] = []
        self._title_colour, self._title_text, self._export_title = theme.current().plot_foreground, "", ""
        self._status = ""
        self._hover_x: float | None = None
        self._dragging = False
        self._build_ui()
        self._build_items()
        theme.bind(self, self._apply_theme)  # the plot follows the palette (a switch to dark mode re-colours it)

    # -- construction -------------------------------------------------------------------------------------------
    def _build_ui(self) -> None:
        self.plot_widget = pg.PlotWidget()
        # Small enough that the Prediction tab fits a 1024×700 window with a dose proposal shown (the plot gets
        # the room left over; at its minimum the title, both axes and the curve remain readable).
        self.plot_widget.setMinimumHeight(180)
        self.plot_item = self.plot_widget.getPlotItem()
        # A scene whose curves change on every slider step: Qt's spatial index (a BSP tree) was re-built for each
        # change (~0.3 ms a step); a linear list of its ~60 items is what Qt advises for such scenes.
        self.plot_widget.scene().setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.plot_item.showGrid(x=True, y=True, alpha=0.25)
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        for name in ("left", "bottom"):
            axis = self.plot_item.getAxis(name)
            # Axes are repainted whenever a curve's dirty region touches them (the area fills reach the
            # bottom edge); caching them as pixmaps turns those repaints into blits while the ticks are unchanged.
            axis.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
            axis.enableAutoSIPrefix(False)  # values as they are, never a "(x0.001)" factor beside the unit
        self.plot_item.setLabel("bottom", self.tr(BOTTOM_AXIS_TITLE))
        self.readout = QLabel(self._readout_prompt())
        self.readout.setTextFormat(Qt.TextFormat.PlainText)
        self.readout.setAccessibleName(self.tr("plot read-out"))
        # The read-out shares its row with the Whole course box and must not widen the plot (the calculator's
        # minimum width grew past 1024 px): it takes what the row leaves.
        self.readout.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.readout.setMinimumWidth(0)
        self.whole_course = QCheckBox(self.tr("Whole course"))
        self.whole_course.setAccessibleName(self.tr("Show the whole course on the plot"))
        self.whole_course.setToolTip(self.tr("Off: the conditioning days to day +{0} after HCT. On: every day "
                                             "computed.").format(format_number(DEFAULT_VIEW_END_DAY)))
        self.whole_course.toggled.connect(self._on_whole_course_toggled)
        below = QHBoxLayout()
        below.setContentsMargins(0, 0, 0, 0)
        below.addWidget(self.readout, 1)
        below.addWidget(self.whole_course)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.plot_widget, 1)
        layout.addLayout(below)

    def _build_items(self) -> None:
        p = self.plot_item
        # Pens and brushes are set by _apply_theme (for the palette, and again when it changes).
        self.legend = p.addLegend(offset=(-10, 10))
        # The shaded AUC regions are filled without antialiasing: their only slanted edge lies under the
        # antialiased curve, and an antialiased fill of the area costs ~1 ms per slider step.
        self.pre_fill = AreaFill()
        self.post_fill = AreaFill()
        self.band_lo = pg.PlotDataItem([], [])
        self.band_hi = pg.PlotDataItem([], [])
        # Filled between the lines as drawn (clipped to the view, below): the inner curves say when they change,
        # also when the view moves and they are clipped again (the PlotDataItems themselves do not then).
        self.band_fill = pg.FillBetweenItem(self.band_lo.curve, self.band_hi.curve)
        # The legend draws its sample from a PlotDataItem's opts; a FillBetweenItem has none (pyqtgraph then
        # raises inside every paint), so the band's legend entry uses this never-plotted stand-in.
        self.band_legend_sample = pg.PlotDataItem([], [], fillLevel=0.0)
        # The current curve is a bare PlotCurveItem, clipped to the view here (_clip_curve): a PlotDataItem's
        # setData spent ~0.15 ms per slider step on options this curve does not use.  Its legend entry is drawn
        # from a never-plotted stand-in with the same pen.
        self.curve = pg.PlotCurveItem([], [])
        self.curve_legend_sample = pg.PlotDataItem([], [])
        self._curve_xy: tuple[np.ndarray, np.ndarray] = (np.empty(0), np.empty(0))
        # Pinned scenarios' curves, made when the first pin needs one (five empty ones cost ~12 ms at start-up).
        # They lie above the fills and below the current curve and the lines: those are raised to OVERLAY_Z + 1.
        self.overlays: list[pg.PlotDataItem] = []
        self.day0_line = pg.InfiniteLine(pos=0.0, angle=90, movable=False,
                                         label=self.tr("day 0"), labelOpts={"position": 0.95})
        self.threshold_line = pg.InfiniteLine(pos=1.0, angle=0, movable=False,
                                              label="", labelOpts={"position": 0.9})
        self.hover_line = pg.InfiniteLine(pos=0.0, angle=90, movable=False)
        self.hover_dot = pg.ScatterPlotItem([], [], size=7, pen=None)
        for item in (self.pre_fill, self.post_fill, self.band_fill, self.band_lo, self.band_hi):
            p.addItem(item)
        p.addItem(self.curve)
        for item in (self.day0_line, self.threshold_line, self.hover_line, self.hover_dot):
            p.addItem(item)
        for item in (self.curve, self.day0_line, self.threshold_line, self.hover_line, self.hover_dot):
            item.setZValue(OVERLAY_Z + 1)  # above the pinned curves, made later (in the order added, as before)
        # legend entries are managed explicitly: only the current curve, the band when shown and pinned overlays
        self.legend.clear()
        self.legend.addItem(self.curve_legend_sample, self.tr("Current"))
        self._band_in_legend = False
        self._band_label = ""
        self.threshold_line.setVisible(False)
        self.hover_line.setVisible(False)
        self.hover_dot.setVisible(False)  # an empty scatter item still costs ~0.2 ms in every repaint
        self.set_band_visible(False)
        # Only the part of a curve inside the view is handed to Qt to stroke (the default view shows about a
        # third of the 100-day course), and the data are finite already (_finite_xy): painting a slider step
        # then costs less.  pyqtgraph re-clips when the view range changes; the full data stay with the
        # item (getOriginalDataset), which is what curve_data, overlay_data, the read-out and _fit_range read.
        for item in (self.band_lo, self.band_hi):
            item.setClipToView(True)
            item.setSkipFiniteCheck(True)
        self.plot_item.getViewBox().sigXRangeChanged.connect(self._clip_curve)
        self.plot_widget.scene().sigMouseMoved.connect(self._on_scene_mouse_moved)
        # The view range is set by _fit_range with hysteresis instead of pyqtgraph's auto-range: while a slider
        # drags, the axes then keep their ticks (re-laying out and repainting both axes on every step costs more
        # than drawing the curves).
        self.plot_item.disableAutoRange()
        self._x_range: tuple[float, float] | None = None
        self._y_top: float | None = None

    @staticmethod
    def _status_colour(status: str, t: theme.Theme | None = None) -> str:
        t = t or theme.current()
        return t.badge(status)[0] if status in ("verified", "illustrative", "user") else t.plot_foreground

    def _apply_theme(self, t: theme.Theme) -> None:
        """Every colour of the plot from the theme: background, axes, grid, legend, curves, fills, lines."""
        self.plot_widget.setBackground(t.plot_background)
        for name in ("left", "bottom"):
            axis = self.plot_item.getAxis(name)
            axis.setPen(pg.mkPen(t.plot_axis))
            axis.setTextPen(pg.mkPen(t.plot_foreground))
        self.legend.setBrush(pg.mkBrush(*t.plot_legend_bg_rgba))
        self.legend.setPen(pg.mkPen(t.plot_grid))
        self.legend.setLabelTextColor(t.plot_foreground)
        dot = Qt.PenStyle.DotLine
        self.pre_fill.setBrush(pg.mkBrush(*t.pre_fill_rgba))
        self.post_fill.setBrush(pg.mkBrush(*t.post_fill_rgba))
        for item in (self.band_lo, self.band_hi):
            item.setPen(pg.mkPen(t.plot_curve, width=1, style=dot))
        self.band_fill.setBrush(pg.mkBrush(*t.band_fill_rgba))
        self.band_legend_sample.setPen(pg.mkPen(t.plot_curve, width=1, style=dot))
        self.band_legend_sample.setBrush(pg.mkBrush(*t.band_fill_rgba))
        self.curve.setPen(pg.mkPen(t.plot_curve, width=2.5))
        self.curve_legend_sample.setPen(pg.mkPen(t.plot_curve, width=2.5))
        for index, item in enumerate(self.overlays):
            self._colour_overlay(item, index, t)
        self.day0_line.setPen(pg.mkPen(t.plot_foreground, width=1.2, style=Qt.PenStyle.DashLine))
        self.day0_line.label.setColor(t.plot_foreground)
        self.threshold_line.setPen(pg.mkPen(t.verdict_danger, width=1, style=Qt.PenStyle.DashDotLine))
        self.threshold_line.label.setColor(t.verdict_danger)
        self.hover_line.setPen(pg.mkPen(t.plot_hover, width=0.8))
        self.hover_dot.setBrush(pg.mkBrush(t.plot_curve))
        self._title_colour = self._status_colour(self._status)
        if self._title_text:
            self.plot_item.setTitle(html.escape(self._title_text), color=self._title_colour, size="8pt")
        # legend samples are drawn from the items' opts at paint time; labels keep the colour they were made with
        for _sample, label in self.legend.items:
            label.setText(label.text, color=t.plot_foreground)

    # -- public -------------------------------------------------------------------------------------------------
    def set_units(self, conc_unit: str) -> None:
        """Concentration unit from the model (left axis label and read-out)."""
        if getattr(self, "_conc_unit", None) == conc_unit:
            return  # called on every recompute: relabelling would re-lay out and repaint the axes
        self._conc_unit = conc_unit
        # Axis labels render HTML and the unit comes from a (user-editable) model file: escaped, it reads as typed.
        self.plot_item.setLabel("left", self.tr("Concentration ({0})").format(html.escape(conc_unit)) if conc_unit
                                else self.tr("Concentration"))

    def set_status_title(self, text: str, status: str, export_text: str = "") -> None:
        """The model line above the plot: ``text`` on screen (short, so it never widens the plot) and
        ``export_text`` (e.g. with the model's full label; lines separated by newlines) in PNG/SVG exports (see
        :meth:`export_title`).  Both are plain text: model files are user-editable."""
        self._status = status
        colour = self._status_colour(status)
        self._export_title = export_text or text
        if getattr(self, "_title_text", None) == text and getattr(self, "_title_colour", None) == colour:
            return  # unchanged: setting it again would re-lay out the plot on every slider step
        self._title_colour = colour
        self._title_text = text
        self.plot_item.setTitle(html.escape(text), color=self._title_colour, size="8pt")
        # The plot scene does not tell Qt how wide its title is: a narrow window cut the model's status line
        # (and the day axis title) off at the right.  Room for the title beside the left axis, and at least
        # for the bottom axis title.
        font = QFont(self.font())
        font.setPointSizeF(8.0)
        title_px = QFontMetrics(font).horizontalAdvance(text)
        axis_px = QFontMetrics(self.font()).horizontalAdvance(self.tr(BOTTOM_AXIS_TITLE))
        self.plot_widget.setMinimumWidth(max(title_px, axis_px) + PLOT_SIDE_MARGIN_PX)

    @contextmanager
    def export_title(self, width: float | None = None):
        """Show the full export title while an exporter renders the plot, then restore the screen title; with
        the export's ``width`` in pixels, scale the legend to match.

        pyqtgraph's legend ignores transformations (so that it does not zoom with the data), so an image
        exporter that scales the plot up to ``width`` drew it at its on-screen size: tiny and unreadable in the
        PNG and the PDF.  Scaled by the same factor for the export, it keeps its proportions.

        The exporters render the plot at its size on screen (scaled): a one-line title with the model's label was
        wider than the plot and came out cut at both ends, without 'not for dosing decisions'.  The title is
        therefore wrapped to the plot's width (by the text item itself, with the fonts it draws with) and its
        row made tall enough for every line."""
        label = self.plot_item.titleLabel
        # The hover marker belongs to the pointer on screen, not to the scenario: never in a PNG/SVG/PDF.
        hover_shown = (self.hover_line.isVisible(), self.hover_dot.isVisible())
        self.hover_line.setVisible(False)
        self.hover_dot.setVisible(False)
        # An exported plot is printed or pasted on a white page: drawn in the light colours whatever the screen's
        # palette (a dark-mode export came out as a black image), then the screen's colours come back.
        on_screen = theme.current()
        repainted = on_screen != theme.LIGHT
        if repainted:
            self._apply_theme(theme.LIGHT)
        self.plot_item.setTitle(html.escape(self._export_title).replace("\n", "<br>"),
                                color=self._status_colour(self._status, theme.LIGHT),
                                size=f"{EXPORT_TITLE_PT:g}pt")
        geometry = self.plot_item.geometry()
        label.item.setTextWidth(max(self.plot_item.size().width() - 16.0, 120.0))
        self._set_title_row(int(label.item.boundingRect().height()) + 4)
        # The wrapped title's minimum width made the layout widen the plot item past its view (by ~28 px per
        # export, cumulatively: every export was cut further at the right): it keeps its on-screen size.
        self.plot_item.setGeometry(geometry)
        self.plot_item.layout.activate()
        if width:
            self.legend.setScale(float(width) / max(self.plot_item.sceneBoundingRect().width(), 1.0))
        try:
            yield
        finally:
            self.hover_line.setVisible(hover_shown[0])
            self.hover_dot.setVisible(hover_shown[1])
            self.legend.setScale(1.0)
            label.item.setTextWidth(-1)
            if repainted:
                self._apply_theme(on_screen)
            self.plot_item.setTitle(html.escape(self._title_text), color=self._title_colour, size="8pt")
            self._set_title_row(TITLE_ROW_PX)
            self.plot_item.setGeometry(geometry)
            self.plot_item.layout.activate()

    def _set_title_row(self, row_px: int) -> None:
        label = self.plot_item.titleLabel
        label.updateMin()
        label.setMaximumHeight(row_px)  # setTitle fixes the title row at 30 px
        self.plot_item.layout.setRowFixedHeight(0, row_px)
        self.plot_item.layout.activate()  # now, not on the next event loop pass: the exporter renders at once
        label.resizeEvent(None)  # re-centre the text item in its new row

    def set_curve(self, t_day, conc) -> bool:
        """Show a predicted curve; returns False (and clears it) when the arrays are not all finite."""
        x, y = _finite_xy(t_day, conc)
        self._curve_xy = (x, y)
        if x.size == 0:
            self.curve.setData(x, y)
            self.pre_fill.set_area(x, y)
            self.post_fill.set_area(x, y)
            self.clear_hover()  # a read-out of a curve no longer shown would mislead
            return False
        pre = x <= 0.0
        post = x >= 0.0
        self.pre_fill.set_area(x[pre], y[pre])
        self.post_fill.set_area(x[post], y[post])
        self._fit_range()
        self._clip_curve()
        if self._hover_x is not None:  # the read-out follows the new curve at the same day
            self.readout_at(self._hover_x)
        return True

    def clear_hover(self) -> None:
        """Hide the hover marker and put the read-out back to its prompt."""
        self._hover_x = None
        self.hover_line.setVisible(False)
        self.hover_dot.setData([], [])
        self.hover_dot.setVisible(False)
        self.readout.setText(self._readout_prompt())

    def hover_shown(self) -> bool:
        return self.hover_dot.isVisible() and self.hover_line.isVisible()

    def whole_course_shown(self) -> bool:
        return self.whole_course.isChecked()

    def set_whole_course(self, on: bool) -> None:
        self.whole_course.setChecked(bool(on))

    def begin_drag(self) -> None:
        """A slider is being dragged: the y-axis may grow but never shrinks until :meth:`end_drag`."""
        self._dragging = True

    def end_drag(self) -> None:
        """The drag ended: fit the y-axis to what is shown now."""
        self._dragging = False
        self._y_top = None
        self._fit_range()

    def view_x_range(self) -> tuple[float, float]:
        (x0, x1), _ = self.plot_item.getViewBox().viewRange()
        return float(x0), float(x1)

    def view_y_top(self) -> float:
        _, (_, y1) = self.plot_item.getViewBox().viewRange()
        return float(y1)

    def curve_data(self) -> tuple[np.ndarray, np.ndarray]:
        """The data the current curve draws, whole (not only the part in view; for tests and exports)."""
        return self._curve_xy

    def _clip_curve(self, *_args) -> None:
        """Hand the current curve's points in the view (and one beyond each edge) to its item: the points
        pyqtgraph's clip-to-view keeps."""
        x, y = self._curve_xy
        if x.size == 0:
            return
        rect = self.plot_item.getViewBox().viewRect()
        lo = min(max(bisect.bisect_left(x, rect.left()) - 1, 0), x.size)
        hi = min(max(bisect.bisect_left(x, rect.right()) + 1, lo), x.size)
        self.curve.setData(x[lo:hi], y[lo:hi], skipFiniteCheck=True)

    def set_threshold(self, value: float | None, label: str = "") -> None:
        """Horizontal threshold line (hidden when ``value`` is None or not finite)."""
        if value is None or not np.isfinite(value) or value <= 0:
            self.threshold_line.setVisible(False)
            return
        if self.threshold_line.isVisible() and self.threshold_line.value() == float(value) \
                and getattr(self, "_threshold_label", None) == label:
            return
        self._threshold_label = label
        self.threshold_line.setValue(float(value))
        # The label is a format string for the line's value: braces in a (user-editable) unit are escaped.  Its
        # text is set too: pyqtgraph only formats it when the line moves while visible, so a threshold set before
        # the plot was first shown was never labelled.
        self.threshold_line.label.setFormat(label.replace("{", "{{").replace("}", "}}"))
        self.threshold_line.label.setText(label)
        self.threshold_line.setVisible(True)

    def set_band(self, t_day, lo, hi, label: str = "") -> bool:
        """Percentile band between ``lo`` and ``hi``; False (band hidden) when any value is not finite."""
        x, ylo = _finite_xy(t_day, lo)
        x2, yhi = _finite_xy(t_day, hi)
        if x.size == 0 or x2.size == 0:
            self.set_band_visible(False)
            return False
        self.band_lo.setData(x, ylo)
        self.band_hi.setData(x, yhi)
        if label:
            self._set_band_legend(label)
        self.set_band_visible(True)
        self._fit_range()
        return True

    def set_band_visible(self, visible: bool) -> None:
        for item in (self.band_fill, self.band_lo, self.band_hi):
            item.setVisible(visible)
        if not visible and self._band_in_legend:
            self.legend.removeItem(self.band_legend_sample)
            self._band_in_legend = False
            self._fit_legend_columns()

    def band_visible(self) -> bool:
        return self.band_fill.isVisible()

    def band_data(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        x, lo = _original_data(self.band_lo)
        _, hi = _original_data(self.band_hi)
        return np.asarray(x), np.asarray(lo), np.asarray(hi)

    def set_overlays(self, overlays: list[tuple[str, object, object]]) -> None:
        """Pinned scenarios as (name, t_day, conc); at most :data:`MAX_OVERLAYS` (extra ones are ignored)."""
        names: list[str] = []
        self._make_overlays(min(len(overlays), MAX_OVERLAYS))
        for i, item in enumerate(self.overlays):
            if i < len(overlays):
                name, t, c = overlays[i]
                x, y = _finite_xy(t, c)
                item.setData(x, y)
                item.setVisible(x.size > 0)
                names.append(name if x.size > 0 else "")
            else:
                item.setData([], [])
                item.setVisible(False)
                names.append("")
        if names != self._overlay_names:
            for item in self.overlays:
                self.legend.removeItem(item)
            for item, name in zip(self.overlays, names, strict=True):
                if name:  # legend labels take HTML: a scenario's name is the user's text, shown as typed
                    self.legend.addItem(item, html.escape(name))
            self._overlay_names = names
            self._fit_legend_columns()

    def _make_overlays(self, count: int) -> None:
        """The first ``count`` pinned curves exist (empty and hidden when new), clipped to the view like the
        band, in the pin colours of the palette."""
        while len(self.overlays) < count:
            item = pg.PlotDataItem([], [])
            item.setZValue(OVERLAY_Z)
            item.setVisible(False)
            item.setClipToView(True)
            item.setSkipFiniteCheck(True)
            self._colour_overlay(item, len(self.overlays), theme.current())
            self.plot_item.addItem(item)
            self.overlays.append(item)

    @staticmethod
    def _colour_overlay(item, index: int, t: theme.Theme) -> None:
        if index < len(t.pins):
            item.setPen(pg.mkPen(t.pins[index], width=1.6, style=Qt.PenStyle.DashLine))

    def overlay_data(self, index: int) -> tuple[np.ndarray, np.ndarray]:
        if not 0 <= index < MAX_OVERLAYS:
            raise IndexError(f"overlay {index} (there are at most {MAX_OVERLAYS})")
        if index >= len(self.overlays):  # never pinned: no curve made yet
            return np.empty(0), np.empty(0)
        x, y = _original_data(self.overlays[index])
        return (np.empty(0) if x is None else np.asarray(x)), (np.empty(0) if y is None else np.asarray(y))

    def legend_labels(self) -> list[str]:
        """The legend's entries as shown (plain text)."""
        return [html.unescape(label.text) for _, label in self.legend.items]

    def autorange(self) -> None:
        """Fit the view to everything shown now (forgetting the hysteresis)."""
        self._x_range = None
        self._y_top = None
        self._fit_range()

    def _fit_range(self) -> None:
        """Fit x to the data (to day +DEFAULT_VIEW_END_DAY unless the whole course is asked for) and y from 0 to
        the highest value in view, changing y only when the data outgrow the view or shrink below 45 % of it (so
        small slider steps leave the axes alone) — and during a drag only when they outgrow it."""
        items = [o for o in self.overlays if o.isVisible()]
        if self.band_hi.isVisible():
            items.append(self.band_hi)
        data = []
        x_lo, x_hi = np.inf, -np.inf
        for item in [None, *items]:
            x, y = self._curve_xy if item is None else _original_data(item)
            if x is None or y is None or len(x) == 0:
                continue
            data.append((x, y))
            x_lo, x_hi = min(x_lo, float(x[0])), max(x_hi, float(x[-1]))
        if not np.isfinite(x_lo) or x_hi <= x_lo:
            return
        if not self.whole_course.isChecked():
            x_hi = min(x_hi, max(DEFAULT_VIEW_END_DAY, x_lo + 1.0))
        y_hi = 0.0
        for x, y in data:
            i = int(np.searchsorted(x, x_hi, side="right"))
            if i > 0:
                y_hi = max(y_hi, float(np.max(y[:i])))
        if self._x_range != (x_lo, x_hi):
            self._x_range = (x_lo, x_hi)
            self.plot_item.setXRange(x_lo, x_hi, padding=0.02)
        top = self._y_top
        if y_hi <= 0:
            y_hi = 1.0
        shrink = not self._dragging and top is not None and y_hi < 0.45 * top
        if top is None or y_hi > top or shrink:
            self._y_top = y_hi * 1.25
            self.plot_item.setYRange(0.0, self._y_top, padding=0.0)

    def readout_at(self, x_day: float) -> str:
        """Read-out text for the nearest curve sample to ``x_day`` (also moves the hover marker)."""
        x, y = self.curve_data()
        if x.size == 0:
            return ""
        i = int(np.clip(np.searchsorted(x, x_day), 0, x.size - 1))
        if i > 0 and abs(x[i - 1] - x_day) < abs(x[i] - x_day):
            i -= 1
        self._hover_x = float(x_day)
        self.hover_line.setValue(float(x[i]))
        self.hover_line.setVisible(True)
        self.hover_dot.setData([float(x[i])], [float(y[i])])
        self.hover_dot.setVisible(True)
        text = f"Day {x[i]:+.2f}: {format_number(y[i])} {self._conc_unit}".rstrip()
        self.readout.setText(text)
        self.hovered.emit(text)
        return text

    # -- slots --------------------------------------------------------------------------------------------------
    def _on_scene_mouse_moved(self, pos: QPointF) -> None:
        vb = self.plot_item.getViewBox()
        if not vb.sceneBoundingRect().contains(pos):
            if self._hover_x is not None:
                self.clear_hover()  # the pointer left the plot: no marker left behind
            return
        point = vb.mapSceneToView(pos)
        self.readout_at(point.x())

    def _on_whole_course_toggled(self, _checked: bool) -> None:
        self._x_range = None
        self._y_top = None
        self._fit_range()

    def _readout_prompt(self) -> str:
        return self.tr("Point at the plot to read values.")

    def _set_band_legend(self, label: str) -> None:
        if self._band_in_legend and label == self._band_label:
            return  # unchanged: each new band while dragging does not rebuild its legend entry
        if self._band_in_legend:
            self.legend.removeItem(self.band_legend_sample)
        self.legend.addItem(self.band_legend_sample, html.escape(label))
        self._band_in_legend = True
        self._band_label = label
        self._fit_legend_columns()

    def _fit_legend_columns(self) -> None:
        """Two columns once the legend has more than LEGEND_ONE_COLUMN entries: a one-column legend of five
        pinned scenarios and the band covered most of the curves in a 1024×700 window.  Called when the entries
        change, never per slider step."""
        columns = 1 if len(self.legend.items) <= LEGEND_ONE_COLUMN else 2
        if columns != self.legend.columnCount:
            self.legend.setColumnCount(columns)


class ExposureMapPlot(QWidget):
    """Predicted post-HCT AUC over body weight × lymphocyte count (an image), the target window drawn as
    iso-lines, the current patient marked.  Items are created once; ``set_map`` only updates them."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.plot_widget = pg.PlotWidget()
        self.plot_item = self.plot_widget.getPlotItem()
        self.plot_item.setMenuEnabled(False)
        self.plot_item.hideButtons()
        self.plot_item.setLabel("bottom", self.tr("Body weight (kg)"))
        self.plot_item.setLabel("left", self.tr("Lymphocyte count before the first dose (×10⁹/L)"))
        colours = theme.current()
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot_item.addItem(self.image)
        self.iso_lo = pg.IsocurveItem(level=0.0, axisOrder="row-major", pen=pg.mkPen(colours.map_iso_low,
                                                                                     width=2.5))
        self.iso_hi = pg.IsocurveItem(level=0.0, axisOrder="row-major", pen=pg.mkPen(colours.map_iso_high,
                                                                                     width=2.5,
                                                                                     style=Qt.PenStyle.DashLine))
        for iso in (self.iso_lo, self.iso_hi):
            iso.setParentItem(self.image)
        self.marker = pg.ScatterPlotItem([], [], size=14, symbol="x", pen=pg.mkPen(colours.map_marker, width=3),
                                         brush=pg.mkBrush(colours.map_marker))
        self.plot_item.addItem(self.marker)
        self.colorbar = pg.ColorBarItem(colorMap=pg.colormap.get("viridis"), interactive=False, width=14)
        self.colorbar.setImageItem(self.image, insert_in=self.plot_item)
        self.title = QLabel("")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        self.note = QLabel("")
        self.note.setTextFormat(Qt.TextFormat.PlainText)
        self.note.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addWidget(self.plot_widget, 1)
        layout.addWidget(self.note)
        self._values = np.empty((0, 0))
        theme.bind(self, self._apply_theme)

    def _apply_theme(self, t: theme.Theme) -> None:
        self.plot_widget.setBackground(t.plot_background)
        for name in ("left", "bottom"):
            self.plot_item.getAxis(name).setPen(pg.mkPen(t.plot_axis))
            self.plot_item.getAxis(name).setTextPen(pg.mkPen(t.plot_foreground))

    def set_map(self, weight_kg, alc, auc, window: tuple[float, float] | None, current: tuple[float, float],
                title: str, note: str = "") -> bool:
        """``auc`` has shape (len(alc), len(weight_kg)); False (and nothing drawn) when any value is not finite."""
        w = np.asarray(weight_kg, dtype=float)
        a = np.asarray(alc, dtype=float)
        z = np.asarray(auc, dtype=float)
        if z.shape != (a.size, w.size) or w.size < 2 or a.size < 2 or not np.all(np.isfinite(z)):
            self.image.clear()
            self.note.setText("The exposure map could not be drawn (no finite values).")
            return False
        self._values = z
        self.image.setImage(z, autoLevels=False)
        lo_z, hi_z = float(z.min()), float(z.max())
        self.colorbar.setLevels((lo_z, hi_z if hi_z > lo_z else lo_z + 1.0))
        dx = (w[-1] - w[0]) / (w.size - 1)
        dy = (a[-1] - a[0]) / (a.size - 1)
        self.image.setRect(w[0] - dx / 2, a[0] - dy / 2, w[-1] - w[0] + dx, a[-1] - a[0] + dy)
        for iso, level in ((self.iso_lo, window[0] if window else None), (self.iso_hi, window[1] if window else None)):
            if level is None or not np.isfinite(level):
                iso.setVisible(False)
            else:
                iso.setData(z, level=float(level))
                iso.setVisible(True)
        cx, cy = current
        self.marker.setData([cx], [cy])
        self.title.setText(title)
        self.note.setText(note)
        return True

    def values(self) -> np.ndarray:
        return self._values
